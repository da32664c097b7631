#!/bin/sh
# Bad input: one clear line on stderr, non-zero exit, host unchanged.
. /opt/sparecore/tests/e2e/lib.sh

# expect_error "what" "pattern in the error" sparecore args...
expect_error() {
	what=$1; pat=$2; shift 2
	"$@" </dev/null >$T/bad.out 2>$T/bad.err
	rc=$?
	lines=$(wc -l <$T/bad.err)
	echo "  $what -> exit $rc: $(cat $T/bad.err)"
	check "$what: non-zero exit" [ $rc -ne 0 ]
	check "$what: one line on stderr" [ "$lines" -eq 1 ]
	check "$what: says '$pat'" grep -qi -- "$pat" $T/bad.err
	check "$what: CPU 1 still online" cpu_online 1
	check "$what: module holds nothing" [ "$(module_pages)" = 0 ]
}

expect_error "CPU 0" "boot CPU" sparecore run --cpu 0
expect_error "CPU that does not exist" "does not exist" sparecore run --cpu 99
expect_error "too much memory" "memory" sparecore run --cpu 1 --mem 1G
expect_error "--mem not a size" "--mem" sparecore run --cpu 1 --mem lots
expect_error "no --cpu" "--cpu" sparecore run
expect_error "unknown option" "unknown option" sparecore run --cpu 1 --frobnicate
head -c 4096 /dev/urandom >$T/garbage.img
expect_error "image that is not ELF" "not an ELF" sparecore run --cpu 1 $T/garbage.img
cp /opt/sparecore/sparecore $T/host.elf
expect_error "ELF that is not a partition" "not a sparecore partition" sparecore run --cpu 1 $T/host.elf
expect_error "missing image" "cannot open" sparecore run --cpu 1 $T/nonexistent.elf
expect_error "non-root user" "root" setpriv --reuid=65534 --regid=65534 --clear-groups sparecore run --cpu 1

# An offline CPU (taken by someone else) is refused, and left offline.
echo 0 >/sys/devices/system/cpu/cpu1/online
sparecore run --cpu 1 </dev/null >$T/bad.out 2>$T/bad.err; rc=$?
cat $T/bad.err
check "offline CPU: refused" [ $rc -ne 0 ]
check "offline CPU: says offline" grep -q "offline" $T/bad.err
check "offline CPU: still offline (not ours to touch)" [ "$(cat /sys/devices/system/cpu/cpu1/online)" = 0 ]
echo 1 >/sys/devices/system/cpu/cpu1/online

# A CPU that already runs a partition.
rm -f $T/in; mkfifo $T/in
sparecore run --cpu 1 <$T/in >$T/first.out 2>&1 &
pid=$!
exec 3>$T/in
wait_for $T/first.out "sparecore> " 60
check "status lists the running partition" sh -c 'sparecore status | grep -q "^1 *running"'
expect_busy() {
	sparecore run --cpu 1 </dev/null >$T/bad.out 2>$T/bad.err; rc=$?
	cat $T/bad.err
	check "busy CPU: refused" [ $rc -ne 0 ]
	check "busy CPU: says busy" grep -q "busy" $T/bad.err
}
expect_busy
check "rmmod refused while a partition runs" sh -c '! rmmod sparecore 2>/dev/null'
echo halt >&3
wait $pid
exec 3>&-
check "first partition still halted cleanly" grep -q "partition halting" $T/first.out
check "CPU 1 online at the end" cpu_online 1
check "rmmod works when nothing runs" rmmod sparecore
check "status without the module" sh -c 'sparecore status | grep -q "module not loaded"'
insmod /opt/sparecore/sparecore.ko

summary badinput
