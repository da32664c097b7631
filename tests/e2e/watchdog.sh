#!/bin/sh
# A hung partition (interrupts off: cli; hlt, or a tight loop) stops
# ticking; the host's watchdog notices within --watchdog seconds, stops it,
# says so in one line, exits 3, and the CPU comes back.
. /opt/sparecore/tests/e2e/lib.sh

# hang_test KIND WATCHDOG_ARGS EXPECTED_SECONDS_TEXT
hang_test() {
	kind=$1 wd=$2 secs=$3
	rm -f $T/in $T/h.out $T/h.err; mkfifo $T/in
	sparecore run --cpu 1 $wd <$T/in >$T/h.out 2>$T/h.err &
	pid=$!
	exec 3>$T/in
	wait_for $T/h.out "sparecore> " 60 || fail "hang $kind: no prompt"
	echo "hang $kind" >&3
	wait_for $T/h.out "hanging" 10 || fail "hang $kind: no last words"
	t0=$(now_ms)
	wait $pid; rc=$?
	t1=$(now_ms)
	exec 3>&-
	cat $T/h.err
	check "hang $kind: exit status 3" [ $rc -eq 3 ]
	# The line gives the silence it saw: at least the limit, and (checked
	# below, with the exit) not much more.
	silence=$(sed -n 's/^sparecore: partition on CPU 1 hung (no heartbeat for \([0-9]*\.[0-9]\) s); stopping it$/\1/p' $T/h.err)
	check "hang $kind: one line names the hang and the time" [ -n "$silence" ]
	check "hang $kind: the silence it names ($silence s) is at least the limit ($secs s)" \
		awk -v s="${silence:-0}" -v l="$secs" 'BEGIN { exit !(s + 0 >= l + 0) }'
	check "hang $kind: CPU 1 online after" cpu_online 1
	check "hang $kind: CPU 1 runs Linux tasks" taskset -c 1 sh -c 'exit 0'
	check "hang $kind: module holds no pages or IRQs" \
		[ "$(module_pages)/$(module_irqs)" = 0/0 ]
	d=$((t1 - t0))
	echo "timing: hang $kind (watchdog ${wd:-default}): last words -> service exit $d ms"
}

hang_test cli "" 2.0
check "hang cli: noticed and stopped within 2 s + 1 s" [ "$d" -lt 3000 ]
hang_test loop "--watchdog 1" 1.0
check "hang loop: noticed and stopped within 1 s + 1 s" [ "$d" -lt 2000 ]

# --watchdog 0: a hung partition is left alone until someone stops it.
rm -f $T/in $T/h.out $T/h.err; mkfifo $T/in
sparecore run --cpu 1 --watchdog 0 <$T/in >$T/h.out 2>$T/h.err &
pid=$!
exec 3>$T/in
wait_for $T/h.out "sparecore> " 60
echo "hang cli" >&3
wait_for $T/h.out "hanging" 10
sleep 3
check "--watchdog 0: still running after 3 s of silence" kill -0 $pid
kill -TERM $pid
wait $pid; rc=$?
exec 3>&-
cat $T/h.err
check "--watchdog 0: SIGTERM stops it (exit 143)" [ $rc -eq 143 ]
check "--watchdog 0: CPU 1 online after" cpu_online 1

summary watchdog
