#!/bin/sh
# The paravirtual disk: the partition writes and the host checks, the host
# writes and the partition checks, read-only refuses writes, hostile
# requests are refused, a flushed write survives kill -9 of the service,
# O_DIRECT on a block device, and every bad disk is refused before the CPU
# is taken.
. /opt/sparecore/tests/e2e/lib.sh

IMG=$T/disk.img
dd if=/dev/zero of=$IMG bs=1M count=16 2>/dev/null

# run NAME ARGS...: a partition on CPU 1 fed $T/NAME.in, output in NAME.out/.err
run() {
	name=$1; shift
	sparecore run --cpu 1 "$@" <$T/$name.in >$T/$name.out 2>$T/$name.err
	rc=$?
	echo "--- $name (exit $rc)"; cat $T/$name.out $T/$name.err
}
has() { grep -q -- "$2" "$T/$1"; }

# ------------------------------------------------------------ read-write file
printf '%s\n' 'acpi' 'blk info' 'blk write 2048 hello from the partition' \
	'blk read 2048 1' 'blk flush' 'blk test 4096 2048 7' 'halt' >$T/rw.in
run rw --disk $IMG
check "rw: exit 0" [ $rc -eq 0 ]
check "rw: the DSDT names the disk" has rw.out "SPRC0002"

check "rw: banner names the disk" has rw.out "^disk: 16 MiB, 512-byte blocks, read-write"
check "rw: info: capacity" has rw.out "^capacity: 32768 sectors of 512 bytes (16 MiB)"
check "rw: info: read-write" has rw.out "^mode: read-write"
# Whether tmpfs takes O_DIRECT depends on the kernel (6.6 added it: 6.1
# refuses, 6.12 takes it). Linux is asked first; the backend must agree.
if dd if=$IMG of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null; then
	check "rw: info: O_DIRECT on tmpfs, as this kernel allows" has rw.out "^host I/O: O_DIRECT for [0-9]*-byte aligned requests"
else
	check "rw: info: buffered on tmpfs, which refuses O_DIRECT here" has rw.out "^host I/O: buffered"
fi
check "rw: write ok" has rw.out "^blk write: 24 bytes at sector 2048: ok"
check "rw: read shows the text" has rw.out "^00100000  68 65 6c 6c 6f .*|hello from the p|"
check "rw: flush ok" has rw.out "^blk flush: ok"
check "rw: test ok" has rw.out "^blk test: sectors 4096-6143 seed 7: ok"
check "rw: host reads the text" [ "$(dd if=$IMG bs=512 skip=2048 count=1 2>/dev/null | head -c 24)" = "hello from the partition" ]
check "rw: host's sha256 of the pattern matches" [ "$(region_sha $IMG 4096 2048)" = "$(pattern_sha 7 4096 2048)" ]
check "rw: nothing written elsewhere" [ "$(region_sha $IMG 6144 2048)" = "$(dd if=/dev/zero bs=512 count=2048 2>/dev/null | sha256sum | cut -d' ' -f1)" ]
check "rw: CPU 1 online after" cpu_online 1

# ------------------------------------------------------------ host writes
pattern 9 8192 1024 | dd of=$IMG bs=512 seek=8192 conv=notrunc 2>/dev/null
printf '%s\n' 'blk check 8192 1024 9' 'blk check 8192 1024 10' 'halt' >$T/chk.in
run chk --disk $IMG,ro
check "check: host's pattern verified" has chk.out "^blk check: sectors 8192-9215 seed 9: ok"
check "check: wrong seed detected" has chk.out "^blk check: sectors 8192-9215 seed 10: 1024 sectors differ, first 8192: mismatch"

# ------------------------------------------------------------ read-only
before=$(sha256sum <$IMG)
printf '%s\n' 'blk info' 'blk write 0 must not land' 'blk discard 0 8' \
	'blk test 0 64' 'blk read 2048 1' 'halt' >$T/ro.in
run ro --disk $IMG,ro
check "ro: exit 0" [ $rc -eq 0 ]
check "ro: info: read-only" has ro.out "^mode: read-only"
check "ro: write refused" has ro.out "^blk write: read-only disk"
check "ro: discard refused" has ro.out "^blk discard: read-only disk"
check "ro: test refused" has ro.out "^blk test: writing failed: read-only disk"
check "ro: reads still work" has ro.out "|hello from the p|"
check "ro: the host logged the refusal" has ro.err "disk: refused write"
check "ro: file unchanged" [ "$(sha256sum <$IMG)" = "$before" ]

# ------------------------------------------------------------ hostile requests
printf '%s\n' 'blk bad' 'blk read 2048 1' 'halt' >$T/bad.in
run bad --disk $IMG
check "bad: exit 0" [ $rc -eq 0 ]
check "bad: every malformed request refused" has bad.out "^blk bad: 14 of 14 refused as expected"
check "bad: disk still answers" has bad.out "^blk bad: disk still answers: ok"
check "bad: host logged them" has bad.err "disk: refused read .*: sectors past the end of the disk"
check "bad: CPU 1 online after" cpu_online 1

# ------------------------------------------------------------ kill -9 after flush
rm -f $T/k.in; mkfifo $T/k.in
sparecore run --cpu 1 --disk $IMG <$T/k.in >$T/k.out 2>&1 &
pid=$!
exec 3>$T/k.in
wait_for $T/k.out "sparecore> " 60
printf '%s\n' 'blk test 12288 2048 11' 'blk write 16000 durable after flush' 'blk flush' >&3
wait_for $T/k.out "^blk flush: ok" 60
kill -9 $pid
wait $pid
exec 3>&-
cat $T/k.out
check "kill: flush was acknowledged" has k.out "^blk flush: ok"
check "kill: pattern written before the flush is in the file" [ "$(region_sha $IMG 12288 2048)" = "$(pattern_sha 11 12288 2048)" ]
check "kill: write before the flush is in the file" [ "$(dd if=$IMG bs=512 skip=16000 count=1 2>/dev/null | head -c 19)" = "durable after flush" ]
check "kill: CPU 1 online after" cpu_online 1
check "kill: module holds no pages" [ "$(module_pages)" = 0 ]

# ------------------------------------------------------------ block device, O_DIRECT
modprobe loop 2>/dev/null
dd if=/dev/zero of=$T/blk.img bs=1M count=8 2>/dev/null
dev=$(losetup -f)
if losetup "$dev" $T/blk.img; then
	printf '%s\n' 'blk info' 'blk test 0 4096 5' 'halt' >$T/dio.in
	sparecore -v run --cpu 1 --disk "$dev" <$T/dio.in >$T/dio.out 2>$T/dio.err
	rc=$?
	echo "--- dio (exit $rc)"; cat $T/dio.out; grep 'disk' $T/dio.err
	check "dio: exit 0" [ $rc -eq 0 ]
	check "dio: host uses O_DIRECT" has dio.out "^host I/O: O_DIRECT for 512-byte aligned requests"
	check "dio: -v says O_DIRECT" has dio.err "O_DIRECT when 512-byte aligned"
	check "dio: test ok" has dio.out "^blk test: sectors 0-4095 seed 5: ok"
	check "dio: host's sha256 of the device matches" [ "$(region_sha "$dev" 0 4096)" = "$(pattern_sha 5 0 4096)" ]
	losetup -d "$dev"
else
	fail "dio: no loop device"
fi

# ------------------------------------------------------------ dry run, config file
sparecore run --cpu 1 --disk $IMG,ro --dry-run >$T/dry.out 2>&1
rc=$?
cat $T/dry.out
check "dry-run: the disk is checked and named" sh -c "[ $rc -eq 0 ] && grep -q 'disk $IMG (read-only)' $T/dry.out"
sparecore run --cpu 1 --disk $T/nope.img --dry-run >$T/dry.out 2>&1
rc=$?
check "dry-run: a missing disk is refused" sh -c "[ $rc -ne 0 ] && grep -q 'no such file' $T/dry.out"
# A config file's disk, relative to the file, with its mode.
printf 'cpu = 1\ndisk = disk.img,ro\n' >$T/d.conf
printf '%s\n' 'blk info' 'halt' >$T/conf.in
sparecore run --config $T/d.conf <$T/conf.in >$T/conf.out 2>&1
rc=$?
check "config: disk = disk.img,ro gives a read-only disk" sh -c "[ $rc -eq 0 ] && grep -q '^mode: read-only' $T/conf.out"

# ------------------------------------------------------------ refused before the CPU is taken
# refused WHAT PATTERN ARGS...: one line, exit 1, CPU 1 online, nothing held.
refused() {
	what=$1; pat=$2; shift 2
	sparecore run --cpu 1 "$@" </dev/null >$T/ref.out 2>$T/ref.err
	rc=$?
	echo "  $what -> exit $rc: $(cat $T/ref.err)"
	check "$what: exit 1" [ $rc -eq 1 ]
	check "$what: one line on stderr" [ "$(wc -l <$T/ref.err)" -eq 1 ]
	check "$what: says '$pat'" grep -q -- "$pat" $T/ref.err
	check "$what: CPU 1 online" cpu_online 1
	check "$what: module holds nothing" [ "$(module_pages)" = 0 ]
}
: >$T/empty.img
mkdir -p $T/rofs && mount -t tmpfs -o size=2m tmpfs $T/rofs &&
	dd if=/dev/zero of=$T/rofs/d.img bs=1k count=64 2>/dev/null &&
	mount -o remount,ro $T/rofs
refused "missing disk" "disk $T/nope.img: no such file" --disk $T/nope.img
refused "a directory" "not a regular file or block device" --disk $T
refused "empty file" "smaller than one 512-byte block" --disk $T/empty.img
refused "bad mode" "unknown mode 'rx'" --disk $IMG,rx
refused "read-only file system" "read-only file system (use '$T/rofs/d.img,ro')" --disk $T/rofs/d.img
umount $T/rofs

# Locked: a partition holds the disk read-write; another run is refused
# before it looks at the (busy) CPU, and the first one carries on.
rm -f $T/a.in; mkfifo $T/a.in
sparecore run --cpu 1 --disk $IMG <$T/a.in >$T/a.out 2>&1 &
pid=$!
exec 3>$T/a.in
wait_for $T/a.out "sparecore> " 60
for mode in "" ",ro"; do
	sparecore run --cpu 1 --disk "$IMG$mode" </dev/null >$T/l.out 2>$T/l.err
	rc=$?
	echo "  locked$mode -> exit $rc: $(cat $T/l.err)"
	check "locked$mode: exit 1" [ $rc -eq 1 ]
	check "locked$mode: one line saying locked" sh -c "[ \$(wc -l <$T/l.err) -eq 1 ] && grep -q 'is in use.*(locked)' $T/l.err"
done
echo "blk read 2048 1" >&3
wait_for $T/a.out "|hello from the p|" 30
check "locked: the first partition still reads" has a.out "|hello from the p|"
echo halt >&3
wait $pid
check "locked: first partition exits 0" [ $? -eq 0 ]
exec 3>&-
check "locked: CPU 1 online after" cpu_online 1

# ------------------------------------------------------------ stop while busy
# SIGTERM in the middle of blk bench's write test: a ring that never runs
# dry must not keep the service from seeing the signal.
rm -f $T/s.in; mkfifo $T/s.in
sparecore run --cpu 1 --disk $IMG <$T/s.in >$T/s.out 2>&1 &
pid=$!
exec 3>$T/s.in
wait_for $T/s.out "sparecore> " 60
echo "blk bench 0 32768" >&3
wait_for $T/s.out "^seq-read " 60
t0=$(now_ms)
kill -TERM $pid
wait $pid
rc=$?
t1=$(now_ms)
exec 3>&-
cat $T/s.out
echo "  SIGTERM to exit: $((t1 - t0)) ms"
check "busy: SIGTERM stops it (exit 143)" [ $rc -eq 143 ]
check "busy: within 2 s" [ $((t1 - t0)) -lt 2000 ]
check "busy: CPU 1 online after" cpu_online 1
check "busy: module holds no pages" [ "$(module_pages)" = 0 ]

summary disk
