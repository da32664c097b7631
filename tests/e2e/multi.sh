#!/bin/sh
# Two named partitions at once (needs 4 CPUs: 1 and 2 for them, 0 and 3
# for Linux), each with its own disk and network, doing I/O at the same
# time: each disk gets its own pattern (the host checks both, and that
# neither wrote into the other), each network answers its pings, status
# shows both with their counters, and stopping one leaves the other
# working.
. /opt/sparecore/tests/e2e/lib.sh

if [ "${LAB_CPUS:-2}" -lt 4 ]; then
	echo "multi needs 4 CPUs (tests/lab/lab --cpus 4)"
	fail "multi: run with 4 CPUs"
	summary multi
	exit 1
fi
modprobe tun 2>/dev/null
zero_sha=$(dd if=/dev/zero bs=512 count=4096 2>/dev/null | sha256sum | cut -d' ' -f1)

# start NAME CPU SUBNET: a partition with a disk and a TAP device.
start() {
	dd if=/dev/zero of=$T/$1.img bs=1M count=32 2>/dev/null
	sparecore start $1 --cpu $2 --mem 32M --disk $T/$1.img --net tap:sc$1 \
		--ip $3.2/24 --host-ip $3.1/24 >$T/$1.start 2>&1
	rc=$?
	cat $T/$1.start
	check "$1: started on CPU $2" [ $rc -eq 0 ]
	rm -f $T/$1.in; mkfifo $T/$1.in
	sparecore console $1 <$T/$1.in >$T/$1.out 2>&1 &
}
start pa 1 192.0.2
cpa=$!
exec 3>$T/pa.in
start pb 2 198.51.100
cpb=$!
exec 4>$T/pb.in
sparecore status
check "status: both running, each on its CPU" sh -c \
	'sparecore status | grep -Eq "^pa +1 +running +32M .* console,disk,net$" &&
	 sparecore status | grep -Eq "^pb +2 +running +32M .* console,disk,net$"'

# --- both at once: an 8 MiB disk test each (written, flushed, read back),
# and pings to both
echo "blk test 4096 16384 21" >&3
echo "blk test 4096 16384 22" >&4
ping -c 20 -i 0.05 -W 2 192.0.2.2 >$T/pa.ping 2>&1 &
ppa=$!
ping -c 20 -i 0.05 -W 2 198.51.100.2 >$T/pb.ping 2>&1 &
ppb=$!
wait_for $T/pa.out "^blk test: sectors" 120
wait_for $T/pb.out "^blk test: sectors" 120
wait $ppa; wait $ppb
cat $T/pa.out $T/pb.out $T/pa.ping $T/pb.ping
check "pa: blk test ok" grep -q "^blk test: sectors 4096-20479 seed 21: ok" $T/pa.out
check "pb: blk test ok" grep -q "^blk test: sectors 4096-20479 seed 22: ok" $T/pb.out
check "pa: host's sha256 of its disk is pa's pattern" \
	[ "$(region_sha $T/pa.img 4096 16384)" = "$(pattern_sha 21 4096 16384)" ]
check "pb: host's sha256 of its disk is pb's pattern" \
	[ "$(region_sha $T/pb.img 4096 16384)" = "$(pattern_sha 22 4096 16384)" ]
check "pa: nothing written before the region" [ "$(region_sha $T/pa.img 0 4096)" = "$zero_sha" ]
check "pb: nothing written before the region" [ "$(region_sha $T/pb.img 0 4096)" = "$zero_sha" ]
check "pa: 20 pings, 0% loss" grep -q "20 packets transmitted, 20 packets received, 0% packet loss" $T/pa.ping
check "pb: 20 pings, 0% loss" grep -q "20 packets transmitted, 20 packets received, 0% packet loss" $T/pb.ping
sparecore status --json
check "pa: status counts its disk writes ($(status_field pa write_bytes) bytes)" [ "$(status_field pa write_bytes)" -ge 8388608 ]
check "pb: status counts its disk writes ($(status_field pb write_bytes) bytes)" [ "$(status_field pb write_bytes)" -ge 8388608 ]
check "pa: status counts its frames ($(status_field pa rx_frames) in)" [ "$(status_field pa rx_frames)" -ge 20 ]
check "pb: status counts its frames ($(status_field pb rx_frames) in)" [ "$(status_field pb rx_frames)" -ge 20 ]
check "pa, pb: each on its own CPU" sh -c "[ '$(status_field pa cpu)' = 1 ] && [ '$(status_field pb cpu)' = 2 ]"

# --- stop pa while pb works: pb is not disturbed
echo "blk test 24576 4096 23" >&4
sparecore stop pa >$T/stop.out 2>&1; rc=$?
cat $T/stop.out
check "stop pa: exit 0" [ $rc -eq 0 ]
check "stop pa: CPU 1 online" cpu_online 1
check "stop pa: its TAP device is gone" [ ! -e /sys/class/net/scpa ]
wait_for $T/pb.out "^blk test: sectors 24576" 120
check "pb: its test during pa's stop ok" grep -q "^blk test: sectors 24576-28671 seed 23: ok" $T/pb.out
check "pb: host agrees" [ "$(region_sha $T/pb.img 24576 4096)" = "$(pattern_sha 23 24576 4096)" ]
check "pb: still answers pings" ping -c 3 -W 2 198.51.100.2
check "pb: still running on CPU 2" [ "$(status_field pb state)" = running ]
sparecore stop pb >$T/stop.out 2>&1; rc=$?
cat $T/stop.out
check "stop pb: exit 0" [ $rc -eq 0 ]
exec 3>&- 4>&-
wait_pid $cpa 10; wait_pid $cpb 10
check "CPUs 1 and 2 online" sh -c '[ "$(cat /sys/devices/system/cpu/cpu1/online)$(cat /sys/devices/system/cpu/cpu2/online)" = 11 ]'
check "module holds nothing" [ "$(module_pages)/$(module_irqs)" = "0/0" ]
check "status: no partitions" sh -c 'sparecore status | grep -q "^no partitions"'
summary multi
