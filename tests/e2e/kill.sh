#!/bin/sh
# The service dies (kill -9) or is told to stop (SIGTERM) while the
# partition keeps its console ring full (`flood`) or spins with interrupts
# off (`hang loop`): the partition stops, the CPU is online again within
# 1 s, and the module holds no memory and no doorbell IRQ.
. /opt/sparecore/tests/e2e/lib.sh

# kill_test SIGNAL SHELL_COMMAND WAIT_FOR_TEXT
kill_test() {
	sig=$1 cmd=$2 busy=$3
	rm -f $T/in $T/k.out $T/k.err; mkfifo $T/in
	avail0=$(mem_free_kb)
	sparecore run --cpu 1 <$T/in >$T/k.out 2>$T/k.err &
	pid=$!
	exec 3>$T/in
	wait_for $T/k.out "sparecore> " 60 || fail "$sig/$cmd: no prompt"
	echo "$cmd" >&3
	wait_for $T/k.out "$busy" 30 || fail "$sig/$cmd: never got busy"
	t0=$(now_ms)
	kill -$sig $pid
	n=0
	while ! cpu_online 1 && [ $n -lt 5000 ]; do usleep 1000; n=$((n + 1)); done
	t1=$(now_ms)
	wait $pid; rc=$?
	exec 3>&-
	lines=$(grep -c '^flood ' $T/k.out)
	rm -f $T/k.out
	d=$((t1 - t0))
	echo "timing: kill -$sig during '$cmd': signal -> CPU 1 online $d ms (exit $rc, $lines flood lines before)"
	check "$sig during '$cmd': CPU 1 online within 1 s" [ $d -lt 1000 ]
	check "$sig during '$cmd': CPU 1 runs Linux tasks" taskset -c 1 sh -c 'exit 0'
	check "$sig during '$cmd': no partition left" sh -c 'sparecore status | grep -q "^no partitions"'
	check "$sig during '$cmd': module holds no pages or IRQs" \
		[ "$(module_pages)/$(module_irqs)" = 0/0 ]
	# A leaked partition (64 MiB) shows; the lab VM's own churn does not.
	avail1=$(mem_back_within $avail0 $LEAK_KB)
	echo "memory: free before $avail0 kB, after $avail1 kB"
	check "$sig during '$cmd': free memory back within $((LEAK_KB / 1024)) MiB" \
		[ $((avail0 - avail1)) -lt $LEAK_KB ]
}

kill_test KILL flood "^flood 00000500"
check "KILL: exit by signal 9" [ $rc -eq 137 ]
kill_test TERM flood "^flood 00000500"
check "TERM: exit status 143" [ $rc -eq 143 ]
check "TERM: says why it stopped" grep -q "Terminated: stopping the partition" $T/k.err
kill_test KILL "hang loop" "hanging"
check "KILL during hang loop: exit by signal 9" [ $rc -eq 137 ]

# SIGTERM while standard output is a pipe nobody reads, full: the service
# waits for room in poll(), where the signal still reaches it.
rm -f $T/in $T/k.rc; mkfifo $T/in
( sparecore run --cpu 1 <$T/in 2>$T/k.err; echo $? >$T/k.rc ) | sleep 600 &
sleeper=$!
exec 3>$T/in
n=0
while ! sparecore status | grep -Eq "^- +1 +running" && [ $n -lt 600 ]; do usleep 100000; n=$((n + 1)); done
echo flood >&3
sleep 3
pid=$(pidof sparecore)
t0=$(now_ms)
kill -TERM $pid
n=0
while ! cpu_online 1 && [ $n -lt 5000 ]; do usleep 1000; n=$((n + 1)); done
t1=$(now_ms)
n=0
while [ ! -s $T/k.rc ] && [ $n -lt 100 ]; do usleep 100000; n=$((n + 1)); done
exec 3>&-
kill $sleeper 2>/dev/null
cat $T/k.err
echo "timing: SIGTERM with stdout stalled: signal -> CPU 1 online $((t1 - t0)) ms"
check "TERM with stdout stalled: CPU 1 online within 1 s" [ $((t1 - t0)) -lt 1000 ]
check "TERM with stdout stalled: exit status 143" [ "$(cat $T/k.rc)" = 143 ]
check "TERM with stdout stalled: says what was not written" grep -q "bytes of partition output were not written" $T/k.err
check "TERM with stdout stalled: module holds no pages or IRQs" \
	[ "$(module_pages)/$(module_irqs)" = 0/0 ]

summary kill
