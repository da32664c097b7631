#!/bin/sh
# Disk benchmark, in the lab VM: the partition's `blk bench` against the
# host's own O_DIRECT I/O on the same block device (a loop device over a
# file in RAM: the lab VM has no disk), then the ratios the issue asks for.
#   tests/lab/lab tests/bench/disk.sh [MiB]          (make bench-disk)
#
# The host is measured twice: with both CPUs, and with CPU 1 offline (what
# the service itself has while the partition owns CPU 1). Under TCG the
# second is faster (no cross-CPU wakeups), so each ratio is taken against
# the better of the two.
cd /opt/sparecore || exit 1
mib=${1:-256}
[ -e /dev/sparecore ] || insmod /opt/sparecore/sparecore.ko || exit 1
modprobe loop || exit 1
dd if=/dev/zero of=/tmp/bench.img bs=1M count="$mib" 2>/dev/null
dev=$(losetup -f) && losetup "$dev" /tmp/bench.img || exit 1
echo "lab: $(nproc) CPUs, ${LAB_APIC:-?} host, $(uname -r); disk: $dev, $mib MiB loop device over tmpfs"

ms() { awk '{printf "%d\n", $1 * 1000}' /proc/uptime; }
# host LABEL: dd (4 passes, 1 MiB, iflag=direct) and hostio, into /tmp/LABEL.*
host() {
	echo
	echo "== host ($1): dd if=$dev of=/dev/null bs=1M iflag=direct, 4 passes"
	t0=$(ms)
	for i in 1 2 3 4; do dd if="$dev" of=/dev/null bs=1M iflag=direct 2>/dev/null; done
	t1=$(ms)
	awk -v b=$((4 * mib * 1048576)) -v t=$((t1 - t0)) \
		'BEGIN { printf "%.1f\n", b / (t * 1000) }' >/tmp/$1.dd
	echo "dd: $((4 * mib)) MiB in $((t1 - t0)) ms: $(cat /tmp/$1.dd) MB/s"
	echo "== host ($1): hostio -q $dev (io_uring, O_DIRECT, the shapes of blk bench)"
	/opt/sparecore/hostio -q "$dev" | tee /tmp/$1.txt
}
host 2cpu
echo 0 >/sys/devices/system/cpu/cpu1/online
host 1cpu
echo 1 >/sys/devices/system/cpu/cpu1/online

echo
echo "== partition: sparecore -v run --cpu 1 --disk $dev, blk bench"
printf 'blk info\nblk bench\nhalt\n' | sparecore -v run --cpu 1 --disk "$dev" 2>&1 | tee /tmp/part.txt
losetup -d "$dev"

# Columns of both tables: test block QD MB/s IOPS p50 p99.
get() { awk -v t="$2" -v q="$3" -v c="$4" '$1 == t && $3 == q { print $c; exit }' "$1"; }
best() { printf '%s\n%s\n' "$1" "$2" | sort -g | tail -1; }
h_seq=$(best "$(get /tmp/2cpu.txt seq-read 4 4)" "$(get /tmp/1cpu.txt seq-read 4 4)")
h_dd=$(best "$(cat /tmp/2cpu.dd)" "$(cat /tmp/1cpu.dd)")
h_wr=$(best "$(get /tmp/2cpu.txt seq-write 4 4)" "$(get /tmp/1cpu.txt seq-write 4 4)")
h_qd1=$(best "$(get /tmp/2cpu.txt rand-read 1 5)" "$(get /tmp/1cpu.txt rand-read 1 5)")
h_qd32=$(best "$(get /tmp/2cpu.txt rand-read 32 5)" "$(get /tmp/1cpu.txt rand-read 32 5)")
p_seq=$(get /tmp/part.txt seq-read 4 4)
p_wr=$(get /tmp/part.txt seq-write 4 4)
p_qd1=$(get /tmp/part.txt rand-read 1 5)
p_qd32=$(get /tmp/part.txt rand-read 32 5)
echo
awk -v hs="$h_seq" -v ps="$p_seq" -v dd="$h_dd" -v hw="$h_wr" -v pw="$p_wr" \
    -v h1="$h_qd1" -v p1="$p_qd1" -v hi="$h_qd32" -v pi="$p_qd32" 'BEGIN {
	if (hs == "" || ps == "" || hi == "" || pi == "" || dd == "") {
		print "bench: missing numbers"; exit 1
	}
	printf "%-36s %10s %10s %6s\n", "(best host of 2 CPUs / CPU 1 offline)", "partition", "host", "ratio"
	printf "%-36s %10.1f %10.1f %6.2f\n", "seq read MB/s, 1 MiB QD4 (hostio)", ps, hs, ps / hs
	printf "%-36s %10.1f %10.1f %6.2f\n", "seq read MB/s vs dd iflag=direct", ps, dd, ps / dd
	printf "%-36s %10.1f %10.1f %6.2f\n", "seq write MB/s, 1 MiB QD4", pw, hw, pw / hw
	printf "%-36s %10.0f %10.0f %6.2f\n", "4 KiB random read IOPS, QD1", p1, h1, p1 / h1
	printf "%-36s %10.0f %10.0f %6.2f\n", "4 KiB random read IOPS, QD32", pi, hi, pi / hi
	ok = ps >= 0.8 * hs && ps >= 0.8 * dd && pi >= 0.5 * hi
	printf "goals (seq read >= 0.8 x host, QD32 IOPS >= 0.5 x host): %s\n", ok ? "met" : "MISSED"
	exit ok ? 0 : 1
}'
