#!/bin/sh
# OS-noise benchmark, in the lab VM: a fixed work quantum repeated N times
# on CPU 1, in the partition (`noise N US`: once with the 100 Hz timer on
# as always, once with interrupts off around each quantum) and as a Linux
# thread pinned to CPU 1 (build/noise); the spread of the quantum
# (max - min) is the noise. Partition and Linux alternate for ROUNDS rounds
# (default 3) and each figure is the median of its rounds, since other work
# on the machine that runs the VM stalls the emulated CPUs at random.
#   tests/lab/lab --cpus 2 tests/bench/noise.sh [N [US [ROUNDS [PCPU [LCPU]]]]]
# PCPU is the partition's CPU, LCPU the Linux thread's (both default 1).
#   (make bench-noise)
cd /opt/sparecore || exit 1
n=${1:-2000}
us=${2:-1000}
rounds=${3:-3}
pcpu=${4:-1}
lcpu=${5:-1}
[ -e /dev/sparecore ] || insmod /opt/sparecore/sparecore.ko || exit 1
# Booted with CPU 1 isolated (isolcpus=nohz,domain,managed_irq,1 nohz_full=1
# rcu_nocbs=1, as people who want a quiet core configure Linux), the Linux
# row is the best Linux offers: a pinned thread on an isolated, tickless CPU.
linux_row="Linux thread (pinned)"
case ",$(cat /sys/devices/system/cpu/isolated 2>/dev/null)," in
*,$lcpu,*|*,$lcpu-*) linux_row="Linux (isolated, nohz)" ;;
esac
echo "lab: $(nproc) CPUs, ${LAB_APIC:-?} host, $(uname -r); $n runs of a $us us quantum, $rounds rounds; partition on CPU $pcpu, Linux on CPU $lcpu"
echo "lab: Linux row: $linux_row; kernel command line: $(cat /proc/cmdline)"
echo "caveat: QEMU TCG, so absolute times are not hardware times; compare ratios"
: >/tmp/noise.lines

r=1
while [ $r -le "$rounds" ]; do
	printf 'noise %s %s\nhalt\n' "$n" "$us" |
		sparecore run --cpu "$pcpu" --mem 64M >/tmp/noise-part.out 2>/tmp/noise-part.err
	rc=$?
	if [ $rc -ne 0 ] || ! grep -q '^noise: n=' /tmp/noise-part.out; then
		echo "noise: partition run failed (rc $rc)"
		cat /tmp/noise-part.out /tmp/noise-part.err
		exit 1
	fi
	taskset -c "$lcpu" ./noise "$n" "$us" "$lcpu" >/tmp/noise-linux.out ||
		{ echo "noise: linux run failed"; exit 1; }
	echo "--- round $r"
	grep -h '^noise: n=\|^noise-irqoff: n=' /tmp/noise-part.out
	grep -h '^linux-noise: n=' /tmp/noise-linux.out
	grep -h '^noise: n=\|^noise-irqoff: n=' /tmp/noise-part.out >>/tmp/noise.lines
	grep -h '^linux-noise: n=' /tmp/noise-linux.out >>/tmp/noise.lines
	r=$((r + 1))
done

awk -v linux_row="$linux_row" '
	function med(tag, f,   k, m, i, j, t, a) {
		m = cnt[tag]
		for (k = 1; k <= m; k++) a[k] = v[tag, k, f] + 0
		for (i = 2; i <= m; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return a[int((m + 1) / 2)]
	}
	{
		tag = $1; k = ++cnt[tag]
		for (i = 2; i <= NF; i++) if (split($i, kv, "=") == 2) v[tag, k, kv[1]] = kv[2]
	}
	END {
		split("noise:|noise-irqoff:|linux-noise:", tags, "|")
		split("min p50 p99 max spread", fld, " ")
		split("partition (timer on)|partition (irq off)|" linux_row, name, "|")
		printf "\nmedians of %d rounds (us; TCG times, not hardware times)\n", cnt["noise:"]
		printf "| %-22s | %8s | %8s | %8s | %8s | %8s |\n", "runs the quantum", "min", "p50", "p99", "max", "spread"
		printf "|%s|%s|%s|%s|%s|%s|\n", "------------------------", "---------:", "---------:", "---------:", "---------:", "---------:"
		for (r = 1; r <= 3; r++) {
			for (f = 1; f <= 5; f++) x[r, f] = med(tags[r], fld[f])
			printf "| %-22s | %8.1f | %8.1f | %8.1f | %8.1f | %8.1f |\n", name[r], x[r, 1], x[r, 2], x[r, 3], x[r, 4], x[r, 5]
		}
		if (x[3, 5] > 0)
			printf "\nnoise ratio (spread): partition / Linux = %.3f (irq off: %.3f)\n", x[1, 5] / x[3, 5], x[2, 5] / x[3, 5]
		if (x[3, 3] - x[3, 1] > 0)
			printf "p99 - min ratio: partition / Linux = %.3f (irq off: %.3f)\n", (x[1, 3] - x[1, 1]) / (x[3, 3] - x[3, 1]), (x[2, 3] - x[2, 1]) / (x[3, 3] - x[3, 1])
	}' /tmp/noise.lines
