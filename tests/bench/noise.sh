#!/bin/sh
# OS-noise benchmark, in the lab VM: a fixed work quantum repeated N times
# on CPU 1, once in the partition (`noise N US`, 100 Hz timer on) and once
# as a Linux thread pinned to CPU 1 (build/noise); the spread of the
# quantum (max - min) is the noise. Prints both lines and the ratio.
#   tests/lab/lab --cpus 2 tests/bench/noise.sh [N [US]]   (make bench-noise)
cd /opt/sparecore || exit 1
n=${1:-2000}
us=${2:-1000}
[ -e /dev/sparecore ] || insmod /opt/sparecore/sparecore.ko || exit 1
echo "lab: $(nproc) CPUs, ${LAB_APIC:-?} host, $(uname -r); $n runs of a $us us quantum on CPU 1"
echo "caveat: QEMU TCG, so absolute times are not hardware times; compare ratios"

printf 'noise %s %s\nhalt\n' "$n" "$us" |
	sparecore run --cpu 1 --mem 64M >/tmp/noise-part.out 2>/tmp/noise-part.err
rc=$?
part=$(grep '^noise: n=' /tmp/noise-part.out)
partoff=$(grep '^noise-irqoff: n=' /tmp/noise-part.out)
if [ $rc -ne 0 ] || [ -z "$part" ]; then
	echo "noise: partition run failed (rc $rc)"
	cat /tmp/noise-part.out /tmp/noise-part.err
	exit 1
fi

linux=$(taskset -c 1 ./noise "$n" "$us" 1 | grep '^linux-noise: n=')
[ -n "$linux" ] || { echo "noise: linux run failed"; exit 1; }

echo "$part"
echo "$partoff"
echo "$linux"
field() { echo "$1" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"; }
printf '%s\n' "$part" "$partoff" "$linux" | awk '
	{ for (i = 2; i <= NF; i++) if (split($i, kv, "=") == 2) v[NR, kv[1]] = kv[2] }
	END {
		printf "\n| %-22s | %8s | %8s | %8s | %8s | %8s |\n", "CPU 1 runs", "min", "p50", "p99", "max", "spread"
		printf "|%s|%s|%s|%s|%s|%s|\n", "------------------------", "---------:", "---------:", "---------:", "---------:", "---------:"
		split("partition (timer on)|partition (irq off)|Linux thread (pinned)", name, "|")
		for (r = 1; r <= 3; r++)
			printf "| %-22s | %8s | %8s | %8s | %8s | %8s |\n", name[r], v[r, "min"], v[r, "p50"], v[r, "p99"], v[r, "max"], v[r, "spread"]
		printf "\n(us; TCG times, not hardware times)\n"
		if (v[3, "spread"] > 0)
			printf "noise ratio: partition spread / Linux spread = %.3f (irq off: %.3f)\n", v[1, "spread"] / v[3, "spread"], v[2, "spread"] / v[3, "spread"]
		if (v[3, "p99"] - v[3, "min"] > 0)
			printf "p99 - min ratio: partition / Linux = %.3f\n", (v[1, "p99"] - v[1, "min"]) / (v[3, "p99"] - v[3, "min"])
	}'
