#!/bin/sh
# The partition's `noise` command prints a well-formed line. Not a timing
# test: only the format and the order min <= p50 <= p99 <= max.
. /opt/sparecore/tests/e2e/lib.sh

printf 'noise 200 100\nnoise 0\nhalt\n' |
	sparecore run --cpu 1 --mem 64M >$T/noise.out 2>$T/noise.err
rc=$?
cat $T/noise.out $T/noise.err
check "run exits 0 after halt" [ $rc -eq 0 ]
num='[0-9][0-9]*\.[0-9]'
for tag in noise noise-irqoff; do
	line=$(grep "^$tag: n=" $T/noise.out)
	check "$tag: line well-formed" sh -c "echo '$line' | grep -q '^$tag: n=200 quantum_us=100 min=$num p50=$num p99=$num max=$num spread=$num (us)\$'"
	check "$tag: min <= p50 <= p99 <= max, spread = max - min" sh -c "echo '$line' | awk '{
		for (i = 2; i <= NF; i++) if (split(\$i, kv, \"=\") == 2) v[kv[1]] = kv[2]
		d = v[\"max\"] - v[\"min\"] - v[\"spread\"]
		exit !(v[\"min\"] + 0 <= v[\"p50\"] + 0 && v[\"p50\"] + 0 <= v[\"p99\"] + 0 &&
			v[\"p99\"] + 0 <= v[\"max\"] + 0 && d > -0.25 && d < 0.25)
	}'"
done
check "bad arguments give usage" grep -q "^usage: noise" $T/noise.out
check "CPU 1 online after" cpu_online 1

summary noise
