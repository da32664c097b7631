#!/bin/sh
# Load: the partition answers and streams its console while stress-ng
# loads every host CPU. Nothing lost or corrupted (numbered flood lines),
# and the console's round-trip latency and throughput, idle and loaded.
# Then, still loaded, a partition with a disk and a network: blk test, the
# host's sha256 of what it wrote, UDP echo and ping, all intact.
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

# io_phase NAME: disk and network I/O in one partition.
io_phase() {
	name=$1 PART=192.0.2.2 HOST=192.0.2.1 TAP=sc2 IMG=$T/load.img
	modprobe tun 2>/dev/null
	dd if=/dev/zero of=$IMG bs=1M count=8 2>/dev/null
	rm -f $T/in $T/io.out; mkfifo $T/in
	sparecore run --cpu 1 --disk $IMG --net tap:$TAP --ip $PART/24 \
		--host-ip $HOST/24 <$T/in >$T/io.out 2>&1 &
	pid=$!
	exec 3>$T/in
	wait_for $T/io.out "sparecore> " 60 || fail "$name: no prompt"
	echo "blk test 2048 2048 21" >&3
	wait_for $T/io.out "^blk test: " 300 || fail "$name: blk test did not finish"
	echo "blk flush" >&3
	wait_for $T/io.out "^blk flush: " 60
	/opt/sparecore/nettest check $PART 7 300 1472 >$T/udp.out 2>&1
	udp=$?
	cat $T/udp.out
	ping -c 20 -i 0.2 -W 2 $PART >$T/ping.out 2>&1
	tail -n 2 $T/ping.out
	echo halt >&3
	wait_pid $pid 60; rc=$?
	exec 3>&-
	grep '^blk ' $T/io.out
	check "$name: run exits 0" [ $rc -eq 0 ]
	check "$name: blk test (write + verify) ok" grep -q "^blk test: sectors 2048-4095 seed 21: ok" $T/io.out
	check "$name: blk flush ok" grep -q "^blk flush: ok" $T/io.out
	check "$name: host's sha256 of sectors 2048-4095 matches the pattern" \
		[ "$(region_sha $IMG 2048 2048)" = "$(pattern_sha 21 2048 2048)" ]
	zero=$(dd if=/dev/zero bs=512 count=2048 2>/dev/null | sha256sum | cut -d' ' -f1)
	check "$name: sectors around it still zero" \
		[ "$(region_sha $IMG 0 2048)/$(region_sha $IMG 4096 2048)" = "$zero/$zero" ]
	check "$name: UDP echo of 300 random datagrams up to 1472 bytes, all intact" [ $udp -eq 0 ]
	check "$name: host ping -c 20: 0% loss" grep -q " 20 packets received, 0% packet loss" $T/ping.out
	echo "timing: $name: host ping -c 20 of the partition: $(grep 'round-trip' $T/ping.out)"
	check "$name: TAP device $TAP gone" sh -c "! ip link show $TAP 2>/dev/null"
	rm -f $IMG
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
io_phase "loaded disk+net"
kill $spid 2>/dev/null; wait $spid 2>/dev/null
check "loaded: CPU 1 online after" cpu_online 1
check "loaded: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]
check "no kernel warning" sh -c '! dmesg | grep -qi -e "WARNING:" -e "BUG:" -e "soft lockup"'
summary load
