#!/bin/sh
# sparecore check-host reads what Linux says and changes nothing: on the
# lab host it says partitions can run; with every CPU but CPU 0 offline it
# says why not and exits 1; --json is well-formed; non-root is told so.
. /opt/sparecore/tests/e2e/lib.sh

cpus_before=$(cat /sys/devices/system/cpu/online)
sparecore check-host >$T/ch.out 2>&1
rc=$?
cat $T/ch.out
check "exit 0 on the lab host" [ $rc -eq 0 ]
check "says it can run partitions" grep -q "^this host can run partitions$" $T/ch.out
check "counts the CPUs to give" grep -q "^ok    cpus  *online $cpus_before: $(( $(nproc --all) - 1 )) CPU" $T/ch.out
check "module is loaded (the tests loaded it)" grep -q "^ok    module  *sparecore is loaded" $T/ch.out
check "TUN found" grep -q "^ok    tun " $T/ch.out
check "memory in 2 MiB blocks" grep -q "^ok    memory  *[0-9][0-9]* MiB in free 2 MiB blocks" $T/ch.out
check "the host is as it was" [ "$(cat /sys/devices/system/cpu/online)" = "$cpus_before" ]

sparecore check-host --json >$T/ch.json
rc=$?
check "--json: exit 0" [ $rc -eq 0 ]
check "--json: schema_version and ok" sh -c "grep -q '\"schema_version\":1' $T/ch.json && grep -q '\"ok\":true' $T/ch.json"
check "--json: one row per check (7)" [ "$(grep -c '"check":' $T/ch.json)" -eq 7 ]

# Every CPU but 0 offline: nothing to give.
for c in /sys/devices/system/cpu/cpu[1-9]*; do echo 0 >$c/online; done
sparecore check-host >$T/ch1.out 2>&1
rc=$?
for c in /sys/devices/system/cpu/cpu[1-9]*; do echo 1 >$c/online; done
cat $T/ch1.out
check "one CPU online: exit 1" [ $rc -eq 1 ]
check "one CPU online: says none to give" grep -q "^fail  cpus  *1 CPU online: none to give" $T/ch1.out
check "one CPU online: says it cannot" grep -q "^this host cannot run partitions as it is$" $T/ch1.out
check "CPUs online again" [ "$(cat /sys/devices/system/cpu/online)" = "$cpus_before" ]

setpriv --reuid=65534 --regid=65534 --clear-groups sparecore check-host >$T/ch2.out 2>&1
cat $T/ch2.out
check "non-root: told so" grep -q "^warn  root  *not root" $T/ch2.out
sparecore check-host --bogus >$T/ch3.out 2>&1
rc=$?
check "unknown option: exit 1, one line" sh -c "[ $rc -eq 1 ] && [ \$(wc -l <$T/ch3.out) -eq 1 ]"
check "unknown option: names it" grep -q "unknown option '--bogus'" $T/ch3.out

summary checkhost
