#!/bin/sh
# Load: the partition answers and streams its console while stress-ng
# loads every host CPU. Nothing lost or corrupted (numbered flood lines),
# and the console's round-trip latency and throughput, idle and loaded.
# (Disk and network join this test when they exist.)
. /opt/sparecore/tests/e2e/lib.sh

LINES=${LOAD_LINES:-3000}
ROUNDS=${LOAD_ROUNDS:-20}
EXPECT="the quick brown fox jumps over the lazy dog"

# Microseconds of wall time. busybox date has no %N, /proc/uptime counts
# in 10 ms; busybox adjtimex prints the time in microseconds.
now_us() {
	adjtimex | awk '/time.tv_sec/ {s = $2} /time.tv_usec/ {u = $2}
		END {printf "%.0f\n", s * 1000000 + u}'
}

# phase NAME: one partition; ROUNDS echo round trips, then LINES flood lines.
phase() {
	name=$1
	rm -f $T/in $T/l.out $T/rt.us; mkfifo $T/in
	sparecore run --cpu 1 <$T/in >$T/l.out 2>$T/l.err &
	pid=$!
	exec 3>$T/in
	wait_for $T/l.out "sparecore> " 60 || fail "$name: no prompt"
	i=0
	while [ $i -lt $ROUNDS ]; do
		i=$((i + 1))
		t0=$(now_us)
		echo "echo rt-$i" >&3
		n=0
		while ! grep -q "^rt-$i\$" $T/l.out && [ $n -lt 10000 ]; do
			usleep 500; n=$((n + 1))
		done
		t1=$(now_us)
		echo $((t1 - t0)) >>$T/rt.us
	done
	t0=$(now_us)
	echo "flood $LINES" >&3
	wait_for $T/l.out "^flood: $LINES lines" 120 || fail "$name: flood did not finish"
	t1=$(now_us)
	echo halt >&3
	wait_pid $pid 30; rc=$?
	exec 3>&-
	check "$name: run exits 0" [ $rc -eq 0 ]
	check "$name: all $ROUNDS echoes answered" [ "$(grep -c '^rt-' $T/l.out)" -eq $ROUNDS ]
	got=$(awk -v want="$EXPECT" '/^flood [0-9]/ {
		if ($0 != sprintf("flood %08d %s", n, want)) bad++; n++ }
		END { printf "%d %d\n", n, bad }' $T/l.out)
	check "$name: $LINES flood lines, in order, intact (got lines/bad: $got)" [ "$got" = "$LINES 0" ]
	check "$name: no malformed message" sh -c "! grep -q malformed $T/l.err"
	us=$((t1 - t0))
	echo "latency $name: echo round trip (host write -> answer seen, polled every 0.5 ms) median $(median <$T/rt.us) us, max $(sort -n $T/rt.us | tail -1) us over $ROUNDS"
	echo "throughput $name: $LINES lines ($(($LINES * 64)) bytes) in $((us / 1000)) ms: $(($LINES * 64 * 1000 / (us / 1000 + 1) / 1024)) KiB/s"
}

phase idle
if command -v stress-ng >/dev/null; then
	stress-ng --cpu 0 --io 1 --vm 1 --vm-bytes 64M --timeout 300s --quiet &
	spid=$!
	load="stress-ng --cpu 0 --io 1 --vm 1"
else
	# Without stress-ng: one busy loop per online CPU.
	spid=""
	for c in $(seq 1 $(nproc)); do (while :; do :; done) & spid="$spid $!"; done
	load="busy loops (no stress-ng)"
fi
sleep 2
echo "load: $load (a CPU worker on every online CPU, moved to CPU 0 when the partition takes CPU 1); loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
phase loaded
kill $spid 2>/dev/null; wait $spid 2>/dev/null
check "loaded: CPU 1 online after" cpu_online 1
check "loaded: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]
check "no kernel warning" sh -c '! dmesg | grep -qi -e "WARNING:" -e "BUG:" -e "soft lockup"'
summary load
