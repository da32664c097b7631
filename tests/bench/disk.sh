#!/bin/sh
# Disk benchmark, in the lab VM: the partition's `blk bench` against the
# host's own O_DIRECT I/O on the same block device (a loop device over a
# file in RAM: the lab VM has no disk), then the ratios the issue asks for.
#   tests/lab/lab tests/bench/disk.sh [ROUNDS [MiB]]     (make bench-disk)
#
# The host is measured with both CPUs (once) and with CPU 1 offline (what
# the service itself has while the partition owns CPU 1); under TCG the
# second is faster (no cross-CPU wake-ups). Host and partition alternate
# for ROUNDS rounds (default 3) and each figure is the median of its
# rounds, since other work on the machine makes single runs noisy; each
# ratio is taken against the better host figure.
cd /opt/sparecore || exit 1
rounds=${1:-3}
mib=${2:-256}
[ -e /dev/sparecore ] || insmod /opt/sparecore/sparecore.ko || exit 1
modprobe loop || exit 1
dd if=/dev/zero of=/tmp/bench.img bs=1M count="$mib" 2>/dev/null
dev=$(losetup -f) && losetup "$dev" /tmp/bench.img || exit 1
echo "lab: $(nproc) CPUs, ${LAB_APIC:-?} host, $(uname -r); disk: $dev, $mib MiB loop device over tmpfs"
: >/tmp/rows

ms() { awk '{printf "%d\n", $1 * 1000}' /proc/uptime; }
# rows WHO FILE: the result rows of a table (test block QD MB/s IOPS p50
# p99) as "WHO test QD MB/s IOPS", collected in /tmp/rows.
rows() {
	awk -v w="$1" '$1 ~ /^(seq|rand)-/ && $2 ~ /K$/ { print w, $1, $3, $4, $5 }' "$2" >>/tmp/rows
}
host() {
	echo
	echo "== host ($1): dd if=$dev of=/dev/null bs=1M iflag=direct, 4 passes"
	t0=$(ms)
	for i in 1 2 3 4; do dd if="$dev" of=/dev/null bs=1M iflag=direct 2>/dev/null; done
	t1=$(ms)
	awk -v w="$1" -v b=$((4 * mib * 1048576)) -v t=$((t1 - t0)) \
		'BEGIN { printf "%s dd 1 %.1f 0\n", w, b / (t * 1000) }' | tee -a /tmp/rows
	echo "== host ($1): hostio -q $dev (io_uring, O_DIRECT, the shapes of blk bench)"
	/opt/sparecore/hostio -q "$dev" | tee /tmp/h.txt
	rows "$1" /tmp/h.txt
}

host host-2cpu
for r in $(seq "$rounds"); do
	echo
	echo "######## round $r of $rounds"
	echo 0 >/sys/devices/system/cpu/cpu1/online
	host host-1cpu
	echo 1 >/sys/devices/system/cpu/cpu1/online
	echo
	echo "== partition: sparecore run --cpu 1 --disk $dev, blk bench"
	printf 'blk bench\nhalt\n' | sparecore run --cpu 1 --disk "$dev" 2>&1 | tee /tmp/p.txt
	rows partition /tmp/p.txt
done
losetup -d "$dev"

# Median of each (who, test, QD) over the rounds, then the comparison.
echo
sort -k1,1 -k2,2 -k3,3n -k4,4g /tmp/rows | awk '
	function flush() { if (n) { m[key, "mbs"] = mb[int((n + 1) / 2)]; m[key, "iops"] = io[int((n + 1) / 2)] } }
	{ k = $1 " " $2 " " $3; if (k != key) { flush(); key = k; n = 0 }
	  n++; mb[n] = $4; io[n] = $5 }
	END {
		flush()
		# IOPS medians need their own order: sort is by MB/s, the same
		# order for a fixed block size.
		best_seq = m["host-1cpu seq-read 4", "mbs"]; if (m["host-2cpu seq-read 4", "mbs"] > best_seq) best_seq = m["host-2cpu seq-read 4", "mbs"]
		best_dd = m["host-1cpu dd 1", "mbs"]; if (m["host-2cpu dd 1", "mbs"] > best_dd) best_dd = m["host-2cpu dd 1", "mbs"]
		best_wr = m["host-1cpu seq-write 4", "mbs"]; if (m["host-2cpu seq-write 4", "mbs"] > best_wr) best_wr = m["host-2cpu seq-write 4", "mbs"]
		best_q1 = m["host-1cpu rand-read 1", "iops"]; if (m["host-2cpu rand-read 1", "iops"] > best_q1) best_q1 = m["host-2cpu rand-read 1", "iops"]
		best_q32 = m["host-1cpu rand-read 32", "iops"]; if (m["host-2cpu rand-read 32", "iops"] > best_q32) best_q32 = m["host-2cpu rand-read 32", "iops"]
		ps = m["partition seq-read 4", "mbs"]; pw = m["partition seq-write 4", "mbs"]
		p1 = m["partition rand-read 1", "iops"]; p32 = m["partition rand-read 32", "iops"]
		if (!ps || !best_seq || !p32 || !best_q32 || !best_dd) { print "bench: missing numbers"; exit 1 }
		printf "%-38s %10s %10s %6s\n", "medians; host: best of 2 CPUs/1 CPU", "partition", "host", "ratio"
		printf "%-38s %10.1f %10.1f %6.2f\n", "seq read MB/s, 1 MiB QD4 (hostio)", ps, best_seq, ps / best_seq
		printf "%-38s %10.1f %10.1f %6.2f\n", "seq read MB/s vs dd bs=1M iflag=direct", ps, best_dd, ps / best_dd
		printf "%-38s %10.1f %10.1f %6.2f\n", "seq write MB/s, 1 MiB QD4", pw, best_wr, pw / best_wr
		printf "%-38s %10.0f %10.0f %6.2f\n", "4 KiB random read IOPS, QD1", p1, best_q1, p1 / best_q1
		printf "%-38s %10.0f %10.0f %6.2f\n", "4 KiB random read IOPS, QD32", p32, best_q32, p32 / best_q32
		ok = ps >= 0.8 * best_seq && ps >= 0.8 * best_dd && p32 >= 0.5 * best_q32
		printf "goals (seq read >= 0.8 x host, QD32 IOPS >= 0.5 x host): %s\n", ok ? "met" : "MISSED"
		exit ok ? 0 : 1
	}'
