#!/bin/sh
# 20 start/stop cycles: nothing leaks, the low page comes back unchanged,
# and the start (command -> prompt) and stop (halt -> CPU online) times.
. /opt/sparecore/tests/e2e/lib.sh

N=${CYCLES:-20}
before=$(tramp_hash)
rm -f $T/start.ms $T/stop.ms
bad=0
i=0
while [ $i -lt $N ]; do
	i=$((i + 1))
	rm -f $T/in $T/c.out; mkfifo $T/in
	t0=$(now_ms)
	sparecore run --cpu 1 <$T/in >$T/c.out 2>&1 &
	pid=$!
	exec 3>$T/in
	if ! wait_for $T/c.out "sparecore> " 60; then
		bad=$((bad + 1)); echo "cycle $i: no prompt"; cat $T/c.out
	fi
	t1=$(now_ms)
	echo halt >&3
	wait $pid; rc=$?
	while ! cpu_online 1; do usleep 1000; done
	t2=$(now_ms)
	exec 3>&-
	echo $((t1 - t0)) >>$T/start.ms
	echo $((t2 - t1)) >>$T/stop.ms
	[ $rc -eq 0 ] || { bad=$((bad + 1)); echo "cycle $i: exit $rc"; cat $T/c.out; }
	[ "$(module_pages)" = 0 ] || { bad=$((bad + 1)); echo "cycle $i: pages leaked"; }
	[ "$(tramp_hash)" = "$before" ] || { bad=$((bad + 1)); echo "cycle $i: low page changed"; }
done
check "$N cycles: every run came up, halted with 0, freed its pages, restored the low page" [ $bad -eq 0 ]
check "no doorbell IRQ left" [ "$(module_irqs)" = 0 ]
check "CPU 1 usable by Linux" taskset -c 1 sh -c 'exit 0'
echo "timing: start (command -> prompt) median $(median <$T/start.ms) ms, stop (halt -> CPU online) median $(median <$T/stop.ms) ms, over $N cycles (lab VM, QEMU TCG)"
summary cycles
