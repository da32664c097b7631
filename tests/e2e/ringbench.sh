#!/bin/sh
# The partition <-> host path (issue #4): the partition's `ringbench`
# against `run --bench-ring`, and `sparecore bench --cpu N` end to end.
# Not a timing test: it checks what the protocol makes certain. Every
# round trip echoes its own sequence number, once, in order; polling rings
# no doorbell (the host's polling thread never asks for one, the partition
# never arms); with doorbells the partition sleeps in HLT and is woken by
# the host's IPI; the host's output is well-formed. With fewer than three
# CPUs, `bench --cpu` must refuse clearly (it needs two for its baseline).
. /opt/sparecore/tests/e2e/lib.sh

cpu=$(($(nproc) - 1))
n=500

check "CPU $cpu online before" cpu_online $cpu
printf 'ringbench %s floor\nringbench %s poll\nringbench %s ipi\nringbench 0\nacpi\nhalt\n' $n $n $n |
	sparecore run --cpu $cpu --bench-ring >$T/rb.out 2>$T/rb.err
rc=$?
cat $T/rb.out $T/rb.err
check "run --bench-ring exits 0 after halt" [ $rc -eq 0 ]

# field MODE KEY: KEY's value in MODE's line.
field() {
	grep "^ringbench: mode=$1 n=$n " $T/rb.out | head -1 | tr ' ' '\n' |
		sed -n "s/^$2=//p"
}
for m in floor poll ipi; do
	check "$m: line well-formed" grep -qE "^ringbench: mode=$m n=$n warmup=[0-9]+ echoed=[0-9]+ host_skipped=0 bells=[0-9]+ irqs=[0-9]+ sleeps=[0-9]+ min=[0-9]+ median=[0-9]+ p99=[0-9]+ p999=[0-9]+ max=[0-9]+ mean99=[0-9]+\.[0-9] \(ns\)$" $T/rb.out
	w=$(field $m warmup)
	check "$m: all $n + ${w:-?} round trips echoed their own seq, once, in order" \
		[ "$(field $m echoed)" = "$((n + ${w:-0}))" ]
	# One check each: `check x [ a ] && [ b ]` would not count [ b ].
	check "$m: min <= median" [ "$(field $m min)" -le "$(field $m median)" ]
	check "$m: median <= p99" [ "$(field $m median)" -le "$(field $m p99)" ]
	check "$m: p99 <= p999" [ "$(field $m p99)" -le "$(field $m p999)" ]
	check "$m: p999 <= max" [ "$(field $m p999)" -le "$(field $m max)" ]
done
# Protocol facts, not timing: the polling host thread never arms the ring
# and answers before the partition could sleep, which it never tries.
check "poll: no doorbell to the host" [ "$(field poll bells)" = 0 ]
check "poll: no HLT" [ "$(field poll sleeps)" = 0 ]
check "poll: at most 2 doorbell IRQs (the console's, not the ring's)" \
	[ "$(field poll irqs)" -le 2 ]
check "ipi: the partition rang the host's doorbell" [ "$(field ipi bells)" -gt 0 ]
check "ipi: the partition slept in HLT" [ "$(field ipi sleeps)" -gt 0 ]
check "ipi: and took doorbell IRQs from the host" [ "$(field ipi irqs)" -gt 0 ]
check "floor: no doorbell" [ "$(field floor bells)" = 0 ]
check "floor: no HLT" [ "$(field floor sleeps)" = 0 ]
check "ringbench 0 gives usage" grep -q '^usage: ringbench' $T/rb.out
check "acpi: bench device SPRC0004" grep -q 'SPRC0004' $T/rb.out
# 1344 = SC_RING_BYTES(4): a 320-byte header and 16 slots of 64 bytes.
check "acpi: its ring at 0xb0000" grep -q 'ring 0: 0xb0000-0xb053f (1344 bytes)' $T/rb.out
check "acpi: its floor line at 0xb8000" grep -q 'ring 1: 0xb8000-0xb803f (64 bytes)' $T/rb.out
check "CPU $cpu online after" cpu_online $cpu

printf 'ringbench 10\nacpi\nhalt\n' | sparecore run --cpu $cpu >$T/nodev.out 2>&1
check "without --bench-ring: no SPRC0004" sh -c "! grep -q SPRC0004 $T/nodev.out"
check "without --bench-ring: ringbench says there is no device" \
	grep -q '^ringbench: no bench device' $T/nodev.out

if [ "$(nproc)" -lt 3 ]; then
	sparecore bench --cpu $cpu --iterations 100 >$T/b.out 2>$T/b.err
	rc=$?
	cat $T/b.out $T/b.err
	check "bench --cpu with $(nproc) CPUs: refused" [ $rc -ne 0 ]
	check "bench --cpu: says it needs two more CPUs" grep -q 'needs two more CPUs' $T/b.err
	check "CPU $cpu online after" cpu_online $cpu
	summary ringbench
	exit
fi

sparecore bench --cpu $cpu --iterations 1000 --json >$T/b.json 2>$T/b.err
rc=$?
cat $T/b.json $T/b.err
check "bench --cpu --json exits 0" [ $rc -eq 0 ]
check "json: starts an array" [ "$(head -1 $T/b.json)" = "[" ]
check "json: ends the array" [ "$(tail -1 $T/b.json)" = "]" ]
check "json: 7 rows" [ "$(grep -c '"name"' $T/b.json)" = 7 ]
for name in floor sparecore eventfd futex partition-floor partition-poll partition-ipi; do
	check "json: row $name, 1000 samples" \
		grep -q "{\"name\": \"$name\", \"samples\": 1000, \"median_ns\": [0-9]*, " $T/b.json
done
check "CPU $cpu online after" cpu_online $cpu

sparecore bench --cpu $cpu --iterations 1000 >$T/b.txt 2>&1
rc=$?
cat $T/b.txt
check "bench --cpu exits 0" [ $rc -eq 0 ]
for row in floor poll ipi; do
	check "table: partition-$row row" grep -q "^partition-$row " $T/b.txt
done
check "table: doorbell counters for both modes" \
	[ "$(grep -c '^partition-.* round trips (warm-up too): [0-9]* doorbells to the host, [0-9]* doorbell IRQs taken, [0-9]* HLTs$' $T/b.txt)" = 2 ]
check "table: the TCG caveat" grep -q '^caveat: QEMU TCG' $T/b.txt
check "CPU $cpu online after" cpu_online $cpu

summary ringbench
