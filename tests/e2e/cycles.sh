#!/bin/sh
# CYCLES (default 100) start/stop cycles: nothing leaks (the module's page
# and IRQ counters, kernel IRQ descriptors, the service's file descriptors,
# free memory), the low page comes back unchanged, CPU 1 runs Linux tasks
# after each; and the start (command -> prompt) and stop (halt -> CPU
# online) times.
. /opt/sparecore/tests/e2e/lib.sh

N=${CYCLES:-100}
meminfo() { awk -v k="$1:" '$1 == k {print $2}' /proc/meminfo; }
sc_irq_lines() { grep -c sparecore /proc/interrupts; }

before=$(tramp_hash)
avail0=$(mem_free_kb) free0=$(meminfo MemFree) slab0=$(meminfo SUnreclaim)
irq_lines0=$(sc_irq_lines)
rm -f $T/start.ms $T/stop.ms $T/fds
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
	ls /proc/$pid/fd | wc -l >>$T/fds
	echo halt >&3
	wait $pid; rc=$?
	while ! cpu_online 1; do usleep 1000; done
	t2=$(now_ms)
	exec 3>&-
	echo $((t1 - t0)) >>$T/start.ms
	echo $((t2 - t1)) >>$T/stop.ms
	[ $rc -eq 0 ] || { bad=$((bad + 1)); echo "cycle $i: exit $rc"; cat $T/c.out; }
	st=$(sparecore status | sed -n 's/^module: \([0-9]*\) pages, \([0-9]*\) doorbell.*/\1\/\2/p')
	[ "$st" = 0/0 ] || { bad=$((bad + 1)); echo "cycle $i: module holds pages/IRQs $st"; }
	[ "$(sc_irq_lines)" = "$irq_lines0" ] || { bad=$((bad + 1)); echo "cycle $i: IRQ left in /proc/interrupts"; }
	[ "$(tramp_hash)" = "$before" ] || { bad=$((bad + 1)); echo "cycle $i: low page changed"; }
	taskset -c 1 sh -c 'exit 0' || { bad=$((bad + 1)); echo "cycle $i: CPU 1 runs no task"; }
	[ $((i % 25)) -eq 0 ] && echo "after $i cycles: free $(mem_free_kb) kB, MemFree $(meminfo MemFree) kB, SUnreclaim $(meminfo SUnreclaim) kB"
done
check "$N cycles: each came up, halted with 0, freed its pages and IRQ, restored the low page, left CPU 1 usable" [ $bad -eq 0 ]
check "no doorbell IRQ left (module and /proc/interrupts)" \
	[ "$(module_irqs)/$(sc_irq_lines)" = "0/$irq_lines0" ]
check "the service had the same number of open fds in every cycle" \
	[ "$(sort -u $T/fds | wc -l)" -eq 1 ]
echo "fds: $(sort -u $T/fds | tr '\n' ' ')open in the service while its partition runs"
avail1=$(mem_back_within $avail0 $LEAK_KB) free1=$(meminfo MemFree) slab1=$(meminfo SUnreclaim)
echo "memory over $N cycles: free $avail0 -> $avail1 kB, MemFree $free0 -> $free1 kB, SUnreclaim $slab0 -> $slab1 kB"
check "free memory within $((LEAK_KB / 1024)) MiB of the start" [ $((avail0 - avail1)) -lt $LEAK_KB ]
check "unreclaimable slab grew less than 1 MiB" [ $((slab1 - slab0)) -lt 1024 ]
echo "timing: start (command -> prompt) median $(median <$T/start.ms) ms, stop (halt -> CPU online) median $(median <$T/stop.ms) ms, over $N cycles (lab VM, QEMU TCG)"
summary cycles
