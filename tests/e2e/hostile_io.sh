#!/bin/sh
# The hostile partition (tests/hostile/hostile_blk.c, hostile_net.c)
# attacks the host through the disk and network rings. Every malformed
# request or descriptor must get its exact error status (the image prints
# what it got; the statuses expected are here), a rate-limited log line,
# and change nothing: the disk file differs only in the one sector a
# valid request wrote, only the valid frames reach the TAP device. A ring
# broken beyond use (a consumer index no correct peer could write) or a
# doorbell storm stops the partition with one line and exit 4. After each
# run: CPU back, nothing held, the TAP device gone; at the end a
# well-behaved partition uses the same disk and TAP. With 3 or more CPUs,
# a well-behaved partition on CPU 2 runs through all of it.
. /opt/sparecore/tests/e2e/lib.sh

H=/opt/sparecore/hostile.elf
PART=192.0.2.2 HOST=192.0.2.1 TAP=schi
IMG=$T/hio.img
NET="--net tap:$TAP --ip $PART/24 --host-ip $HOST/24"
modprobe tun 2>/dev/null
sha() { sha256sum <"$1" | cut -d' ' -f1; }

# A good neighbour on CPU 2, if there is one.
neighbour_start

ok_after() { # WHAT [net]
	check "$1: CPU 1 online after" cpu_online 1
	check "$1: module holds nothing of CPU 1's ($held pages/IRQs)" \
		[ "$(module_pages)/$(module_irqs)" = "$held" ]
	[ "${2:-}" = net ] &&
		check "$1: TAP device $TAP gone" sh -c "! ip link show $TAP 2>/dev/null"
	return 0
}
# hostile MODE ARGS...: run it on CPU 1, output in $T/h.out and $T/h.err;
# at most 60 s, so a host that does not act fails the test, not hangs it.
hostile() {
	mode=$1; shift
	sparecore run --cpu 1 --cmdline "$mode" "$@" $H </dev/null \
		>$T/h.out 2>$T/h.err &
	wait_pid $! 60; rc=$?
	echo "--- $mode (exit $rc)"; cat $T/h.out $T/h.err
}
# statuses DEV FILE: each line of FILE is "STATUS CASE"; the image must
# have printed "hostile: DEV CASE: status STATUS" for every one.
statuses() {
	while read -r want what; do
		check "$mode: $what -> status $want" \
			grep -qxF "hostile: $1 $what: status $want" $T/h.out
	done <"$2"
}
# Log lines about refused requests shown, plus those counted as not shown,
# must be exactly N: every one accounted for, and the log kept short.
log_accounts() { # PREFIX N
	shown=$(grep -c "^sparecore: $1: refused " $T/h.err)
	hidden=$(sed -n "s/^sparecore: $1: \([0-9]*\) more messages not shown/\1/p" $T/h.err |
		awk '{s += $1} END {print s + 0}')
	check "$mode: $2 refusals logged: $shown shown (at most 10 a second) + $hidden counted" \
		[ $((shown + hidden)) -eq "$2" ]
}

# 4 MiB of random bytes: a byte that a refused request changed shows in
# the sha256. The one valid write puts 512 'H' in sector 8.
dd if=/dev/urandom of=$IMG bs=1M count=4 2>/dev/null
cp $IMG $T/hio.want
head -c 512 /dev/zero | tr '\0' H | dd of=$T/hio.want bs=512 seek=8 conv=notrunc 2>/dev/null
orig=$(sha $IMG)

# --- disk: malformed requests, each refused with its status
cat >$T/blk.want <<'EOF'
2 opcode 0
2 opcode 6
2 opcode 127
2 opcode 255
4 read at the first sector past the end
4 read straddling the end
4 write straddling the end
4 read at sector 2^64-8
4 read at sector 2^55
3 read of 2^32-512 bytes
3 read longer than max_bytes
3 zero-length read
5 buffer at the end of memory
5 buffer straddling the end of memory
5 write from a buffer straddling the end of memory
5 buffer at 2^64-512
5 read into boot info
5 write from the page tables
5 read over the rings
5 buffer straddling the image's start
5 segment lengths wrapping 32 bits
3 unaligned buffer
3 three inline segments
5 indirect table at the end of memory
5 indirect table straddling the end of memory
5 indirect table at 2^64-16
5 indirect table in the ring area
5 indirect entry at the end of memory
5 indirect entry straddling the end of memory
5 indirect entry over boot info
5 indirect entry lengths wrapping 32 bits
3 indirect table of 257 entries
3 indirect table of 65535 entries
3 slot of type 7
3 slot of length 55
3 reserved field set
0 valid write of sector 8
0 valid read of sector 8
0 get-info, producer index 2^31 ahead
0 get-info, producer index 2^31 behind
EOF
hostile blk-bad --disk $IMG
check "blk-bad: exit 0 (it halted)" [ $rc -eq 0 ]
check "blk-bad: found the disk in the DSDT" grep -q "^hostile: SPRC0002: 2 rings from 0x" $T/h.out
statuses blk $T/blk.want
check "blk-bad: the valid write reads back" grep -qx "hostile: blk read back matches" $T/h.out
check "blk-bad: a request slot numbered a lap ahead is not taken" \
	grep -qx "hostile: blk a slot numbered a lap ahead: not taken" $T/h.out
check "blk-bad: numbered right, the same slot is answered" \
	grep -qx "hostile: blk the same slot numbered right: status 0" $T/h.out
check "blk-bad: ran to the end" grep -qx "hostile: blk-bad done" $T/h.out
check "blk-bad: the first refusal logged" \
	grep -qx "sparecore: disk: refused request (tag 2, op 0, sector 0): unknown opcode" $T/h.err
log_accounts disk 36
check "blk-bad: the summary counts them" \
	grep -q "^sparecore: disk $IMG: 42 requests (36 refused, 0 failed)" $T/h.err
check "blk-bad: disk file changed in sector 8 only (sha256)" [ "$(sha $IMG)" = "$(sha $T/hio.want)" ]
check "blk-bad: disk file size unchanged" [ "$(wc -c <$IMG)" -eq 4194304 ]
ok_after blk-bad

# --- disk, read-only: writes and discards refused
cat >$T/ro.want <<'EOF'
6 write to a read-only disk
6 discard on a read-only disk
0 flush of a read-only disk
0 read of a read-only disk
EOF
hostile blk-ro --disk $IMG,ro
check "blk-ro: exit 0" [ $rc -eq 0 ]
statuses blk $T/ro.want
check "blk-ro: ran to the end" grep -qx "hostile: blk-ro done" $T/h.out
check "blk-ro: disk file unchanged (sha256)" [ "$(sha $IMG)" = "$(sha $T/hio.want)" ]
ok_after blk-ro

# --- disk: completion ring consumer index far ahead -> stopped
hostile blk-cpl --disk $IMG
check "blk-cpl: exit 4" [ $rc -eq 4 ]
check "blk-cpl: one line names the ring and the indices" \
	grep -qx "sparecore: partition on CPU 1 broke the disk completion ring: consumer index 0x80000000 for producer index 0x80; stopping it" $T/h.err
check "blk-cpl: disk file unchanged" [ "$(sha $IMG)" = "$(sha $T/hio.want)" ]
ok_after blk-cpl

# --- disk: a flood of bad requests (answered), then a doorbell storm
hostile blk-storm --disk $IMG
check "blk-storm: every flooded request answered 'not supported'" \
	grep -qx "hostile: blk flood: 2000 sent, 2000 answered, 2000 with status 2" $T/h.out
check "blk-storm: the flood itself was not called a storm" grep -qx "hostile: blk doorbell storm" $T/h.out
log_accounts disk 2000
check "blk-storm: exit 4" [ $rc -eq 4 ]
check "blk-storm: one line names the storm" grep -q "^sparecore: partition on CPU 1 rang the doorbell .*(doorbell storm); stopping it" $T/h.err
check "blk-storm: disk file unchanged" [ "$(sha $IMG)" = "$(sha $T/hio.want)" ]
ok_after blk-storm

# --- network: malformed descriptors, each refused with its status
cat >$T/net.want <<'EOF'
3 tx of length 0
3 tx of length 13
3 tx of length 1515
3 tx of length 2^32-1
2 tx at the end of memory
2 tx straddling the end of memory
2 tx from boot info
2 tx from address 0
2 tx at 2^64-16
1 tx slot of receive type
1 tx slot of length 15
0 valid tx
2 rx buffer at the end of memory
2 rx buffer straddling the end of memory
2 rx buffer over the page tables
2 rx buffer over the rings
2 rx buffer at 2^64-1024
3 rx buffer of 1000 bytes
3 rx buffer of 65537 bytes
3 rx buffer of 2^32-1 bytes
1 rx slot of transmit type
1 rx slot of length 0
0 valid tx, producer index 2^31 ahead
0 valid tx, the same slot numbered right
EOF
mode=net-bad
sparecore run --cpu 1 --cmdline net-bad $NET $H </dev/null >$T/h.out 2>$T/h.err &
pid=$!
wait_for $T/h.out "^hostile: net-bad done" 60
frames=$(cat /sys/class/net/$TAP/statistics/rx_packets 2>/dev/null)
kill -TERM $pid
wait_pid $pid 30; rc=$?
echo "--- net-bad (exit $rc)"; cat $T/h.out $T/h.err
check "net-bad: found the network in the DSDT" grep -q "^hostile: SPRC0003: 4 rings from 0x" $T/h.out
statuses net $T/net.want
check "net-bad: a transmit slot numbered a lap ahead is not taken" \
	grep -qx "hostile: net a slot numbered a lap ahead: not taken" $T/h.out
check "net-bad: ran to the end" grep -qx "hostile: net-bad done" $T/h.out
check "net-bad: only the 3 valid frames reached $TAP (it got ${frames:-none})" [ "$frames" = 3 ]
check "net-bad: the first refusal logged" \
	grep -q "^sparecore: $TAP: refused transmit descriptor (id 1, address 0x[0-9a-f]*, length 0): length out of limits" $T/h.err
log_accounts $TAP 21
check "net-bad: the summary counts them" \
	grep -q "^sparecore: $TAP: rx 0 frames 0 bytes, tx 3 frames 180 bytes, 21 bad descriptors, 0 tx errors" $T/h.err
check "net-bad: SIGTERM stops it (exit 143)" [ $rc -eq 143 ]
ok_after net-bad net

# --- network: transmit-done consumer index far behind -> stopped
hostile net-cpl $NET
check "net-cpl: exit 4" [ $rc -eq 4 ]
check "net-cpl: one line names the ring and the indices" \
	grep -qx "sparecore: partition on CPU 1 broke the network transmit-done ring: consumer index 0xffffff00 for producer index 0x100; stopping it" $T/h.err
ok_after net-cpl net

# --- network: receive-done consumer index far ahead -> stopped
hostile net-rxcpl $NET
check "net-rxcpl: exit 4" [ $rc -eq 4 ]
check "net-rxcpl: one line names the ring and the indices" \
	grep -qx "sparecore: partition on CPU 1 broke the network receive-done ring: consumer index 0x80000000 for producer index 0x100; stopping it" $T/h.err
ok_after net-rxcpl net

# --- the host is healthy: a normal partition with the same disk and TAP
rm -f $T/hin; mkfifo $T/hin
sparecore run --cpu 1 --disk $IMG $NET <$T/hin >$T/h.out 2>&1 &
pid=$!
exec 3>$T/hin
wait_for $T/h.out "sparecore> " 60
echo "blk read 8 1" >&3
# ping reads the console while it runs: one command at a time.
echo "ping -c 3 -i 200 $HOST" >&3
wait_for $T/h.out "ping statistics" 30
echo halt >&3
wait_pid $pid 30; rc=$?
exec 3>&-
cat $T/h.out
check "afterwards: a normal partition with --disk and --net exits 0" [ $rc -eq 0 ]
check "afterwards: it reads the valid write in sector 8" grep -q "^00001000  48 48 48 48" $T/h.out
check "afterwards: it pings the host" grep -q "3 packets transmitted, 3 received, 0% packet loss" $T/h.out
ok_after afterwards net

neighbour_end
rm -f $IMG $T/hio.want
summary hostile_io
