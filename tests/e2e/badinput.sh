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
expect_error "--mem below the minimum" "--mem must be" sparecore run --cpu 1 --mem 2M
expect_error "--mem not in 2M steps" "--mem must be" sparecore run --cpu 1 --mem 5M
expect_error "negative CPU" "--cpu wants a CPU number" sparecore run --cpu -1
expect_error "--watchdog not a number" "--watchdog wants seconds" sparecore run --cpu 1 --watchdog soon
expect_error "--boot-timeout 0" "--boot-timeout wants seconds" sparecore run --cpu 1 --boot-timeout 0
expect_error "--cmdline too long" "--cmdline is longer than 255" sparecore run --cpu 1 --cmdline "$(head -c 300 /dev/zero | tr '\0' x)"
expect_error "two images" "run takes one IMAGE" sparecore run --cpu 1 /opt/sparecore/partition.elf /opt/sparecore/hostile.elf
expect_error "unknown command" "unknown command" sparecore frobnicate
expect_error "status of a partition not running" "no partition named now is running" sparecore status now
expect_error "status with two names" "status takes one partition NAME" sparecore status a b
expect_error "a name that is a path" "a partition name has only letters" sparecore start web/x --cpu 1
expect_error "start without a name" "start wants the partition NAME first" sparecore start --cpu 1
expect_error "stop of a partition not running" "no partition named ghost is running" sparecore stop ghost
expect_error "console of a partition not running" "no partition named ghost is running" sparecore console ghost
expect_error "logs of a partition never started" "no log for partition ghost" sparecore logs ghost
expect_error "image is a directory" "not a regular file" sparecore run --cpu 1 /opt/sparecore
: >$T/empty.elf
expect_error "empty image" "image size 0" sparecore run --cpu 1 $T/empty.elf

# Images made from ours: the offset of the sparecore note's magic (after
# the name "sparecore" and its padding) tells where to cut and patch.
note_magic_off() {
	od -An -v -tx1 "$1" | tr -d ' \n' | awk '{
		i = index($0, "7370617265636f726500000050415245434f5245");
		print i && i % 2 ? (i - 1) / 2 + 12 : -1 }'
}
P=/opt/sparecore/partition.elf
off=$(note_magic_off $P)
check "the note is where the tests can patch it" [ "$off" -gt 0 ]
head -c $((off + 64)) $P >$T/trunc.elf
expect_error "truncated image" "outside the file (truncated?)" sparecore run --cpu 1 $T/trunc.elf
cp $P $T/arm.elf
printf '\267\000' | dd of=$T/arm.elf bs=1 seek=18 conv=notrunc 2>/dev/null # EM_AARCH64
expect_error "image for another architecture" "not a 64-bit x86-64 ELF" sparecore run --cpu 1 $T/arm.elf
cp $P $T/abi.elf
printf '\177' | dd of=$T/abi.elf bs=1 seek=$((off + 8)) conv=notrunc 2>/dev/null
expect_error "image for another boot contract version" \
	"service/partition boot contract mismatch: the image speaks boot version 127" \
	sparecore run --cpu 1 $T/abi.elf
expect_error "module of another ioctl contract version" \
	"module/service ioctl contract mismatch: the module speaks ioctl version" \
	env LD_PRELOAD=/opt/sparecore/fake_abi.so sparecore run --cpu 1

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
check "status lists the running partition" sh -c 'sparecore status | grep -Eq "^- +1 +running"'
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
