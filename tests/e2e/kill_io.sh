#!/bin/sh
# kill -9 of the service while the partition does disk I/O (`blk bench`
# in its write test) and answers a host ping every 10 ms: the CPU is
# online again within 1 s, the module holds no page and no IRQ, nothing
# outside the region being written changed, and the TAP device and the
# disk lock are released (a new run with the same --disk and --net works).
. /opt/sparecore/tests/e2e/lib.sh

PART=192.0.2.2 HOST=192.0.2.1 TAP=sc1
IMG=$T/kio.img
NET="--net tap:$TAP --ip $PART/24 --host-ip $HOST/24"
modprobe tun 2>/dev/null
region_sha() { dd if="$1" bs=512 skip="$2" count="$3" 2>/dev/null | sha256sum | cut -d' ' -f1; }

# 16 MiB: sectors 0-8191 are what blk bench writes; 8192-32767 a random
# sentinel that must come out unchanged.
dd if=/dev/zero of=$IMG bs=1M count=4 2>/dev/null
dd if=/dev/urandom of=$IMG bs=1M count=12 seek=4 conv=notrunc 2>/dev/null
sentinel=$(region_sha $IMG 8192 24576)

rm -f $T/kio.in $T/kio.out $T/kio.ping; mkfifo $T/kio.in
avail0=$(mem_free_kb)
sparecore run --cpu 1 --disk $IMG $NET <$T/kio.in >$T/kio.out 2>&1 &
pid=$!
exec 3>$T/kio.in
wait_for $T/kio.out "sparecore> " 60 || fail "no prompt"
ping -i 0.01 -c 1000 -W 1 $PART >$T/kio.ping 2>&1 &
ppid=$!
# ping's output to a file is block-buffered: the first replies show late.
wait_for $T/kio.ping "bytes from $PART" 20 || fail "no ping answered before the kill"
echo "blk bench 0 8192" >&3
# seq-read is reported when the 2 s write test starts.
wait_for $T/kio.out "^seq-read " 60 || fail "blk bench never reached its write test"
t0=$(now_ms)
kill -9 $pid
grep -q "^seq-write " $T/kio.out && wrote=done || wrote=running
n=0
while ! cpu_online 1 && [ $n -lt 5000 ]; do usleep 1000; n=$((n + 1)); done
t1=$(now_ms)
wait $pid; rc=$?
exec 3>&-
kill $ppid 2>/dev/null; wait $ppid 2>/dev/null
cat $T/kio.out
d=$((t1 - t0))
echo "timing: kill -9 during blk bench write + host ping every 10 ms: signal -> CPU 1 online $d ms (exit $rc)"
check "kill -9 mid-I/O: exit by signal 9" [ $rc -eq 137 ]
check "kill -9 mid-I/O: killed while the write test ran" [ $wrote = running ]
check "kill -9 mid-I/O: pings were answered before the kill" grep -q "bytes from $PART" $T/kio.ping
check "kill -9 mid-I/O: CPU 1 online within 1 s" [ $d -lt 1000 ]
check "kill -9 mid-I/O: CPU 1 runs Linux tasks" taskset -c 1 sh -c 'exit 0'
check "kill -9 mid-I/O: no partition left" sh -c 'sparecore status | grep -q "^no partitions"'
check "kill -9 mid-I/O: module holds no pages or IRQs ($(module_pages)/$(module_irqs))" \
	[ "$(module_pages)/$(module_irqs)" = 0/0 ]
avail1=$(mem_back_within $avail0 $LEAK_KB)
echo "memory: free before $avail0 kB, after $avail1 kB"
check "kill -9 mid-I/O: free memory back within $((LEAK_KB / 1024)) MiB" [ $((avail0 - avail1)) -lt $LEAK_KB ]
check "kill -9 mid-I/O: sentinel sectors 8192-32767 unchanged" [ "$(region_sha $IMG 8192 24576)" = "$sentinel" ]
check "kill -9 mid-I/O: TAP device $TAP gone" sh -c "! ip link show $TAP 2>/dev/null"

# The same --disk and --net again: lock and TAP name are free.
rm -f $T/kio2.in; mkfifo $T/kio2.in
sparecore run --cpu 1 --disk $IMG $NET <$T/kio2.in >$T/kio2.out 2>&1 &
pid=$!
exec 3>$T/kio2.in
wait_for $T/kio2.out "sparecore> " 60 || fail "again: no prompt"
ping -c 3 -W 2 $PART >$T/kio2.ping 2>&1
echo "blk test 0 256 4" >&3
wait_for $T/kio2.out "^blk test: " 60
echo halt >&3
wait_pid $pid 60; rc=$?
exec 3>&-
cat $T/kio2.out; tail -n 2 $T/kio2.ping
check "again: host ping of the new partition: 0% loss" grep -q " 3 packets received, 0% packet loss" $T/kio2.ping
check "again: a run with the same --disk and --net exits 0" [ $rc -eq 0 ]
check "again: disk works (blk test)" grep -q "^blk test: sectors 0-255 seed 4: ok" $T/kio2.out
check "again: sentinel still unchanged" [ "$(region_sha $IMG 8192 24576)" = "$sentinel" ]
check "again: CPU 1 online after" cpu_online 1
check "again: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]
check "again: TAP device $TAP gone" sh -c "! ip link show $TAP 2>/dev/null"
rm -f $IMG
summary kill_io
