#!/bin/sh
# Config files, and a partition run the way sparecore@.service runs it:
# `run --config FILE`, stdin /dev/null, output to a file, stopped by
# SIGTERM (systemctl stop), which must give exit 143 (the unit's
# SuccessExitStatus) and the CPU back.
. /opt/sparecore/tests/e2e/lib.sh
[ -e /dev/sparecore ] || insmod /opt/sparecore/sparecore.ko

cat >$T/web.conf <<EOF
# a partition as /etc/sparecore/web.conf would hold it
cpu = 1
mem = 32M
cmdline = "console quiet"
boot-timeout = 60
EOF

# check-config takes nothing from the host.
sparecore check-config $T/web.conf >$T/cc.out 2>$T/cc.err; rc=$?
cat $T/cc.out $T/cc.err
check "check-config: exit 0" [ $rc -eq 0 ]
check "check-config: one ok line" grep -q "web.conf: ok: CPU 1, 32 MiB" $T/cc.out
check "check-config: CPU 1 still online" cpu_online 1
check "check-config: module holds nothing" [ "$(module_pages)" = 0 ]

# As the unit runs it.
sparecore run --config $T/web.conf </dev/null >$T/svc.out 2>&1 &
pid=$!
if wait_for $T/svc.out "sparecore> " 60; then ok "service-style run: shell prompt"; else fail "service-style run: shell prompt"; fi
check "status: CPU 1 running with the file's 32M" sh -c 'sparecore status | grep -Eq "^- +1 +running +32M"'
kill -TERM $pid
wait $pid; rc=$?
cat $T/svc.out
check "SIGTERM: exit 143, as SuccessExitStatus=143 expects" [ $rc -eq 143 ]
check "SIGTERM: says it stops the partition" grep -q "Terminated: stopping the partition" $T/svc.out
check "SIGTERM: CPU 1 online after" cpu_online 1
check "SIGTERM: module holds no pages" [ "$(module_pages)" = 0 ]

# The command line overrides the file.
printf 'info\nhalt\n' | sparecore run --config $T/web.conf --mem 16M >$T/ovr.out 2>&1; rc=$?
cat $T/ovr.out
check "override: exit 0 after halt" [ $rc -eq 0 ]
check "override: --mem 16M beats mem = 32M" grep -q "^memory: 16 MiB" $T/ovr.out
check "override: CPU 1 online after" cpu_online 1

# A bad file: one line with FILE:LINE, nothing taken.
printf 'cpu = 1\nmem = 3M\n' >$T/bad.conf
sparecore run --config $T/bad.conf </dev/null >$T/bad.out 2>$T/bad.err; rc=$?
cat $T/bad.err
check "bad file: exit 1" [ $rc -eq 1 ]
check "bad file: one line naming bad.conf:2" sh -c \
	"[ \$(wc -l <$T/bad.err) -eq 1 ] && grep -q 'bad.conf:2: mem must be' $T/bad.err"
check "bad file: CPU 1 still online" cpu_online 1
check "bad file: module holds nothing" [ "$(module_pages)" = 0 ]

summary config
