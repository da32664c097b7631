#!/bin/sh
# Network benchmark, in the lab VM: the partition behind its TAP device
# against the Linux baseline for "another host one hop away", a network
# namespace behind a veth pair. Both are measured while the partition runs,
# so Linux has the same CPUs (all but the partition's) in both cases.
#   tests/lab/lab --cpus 2 tests/bench/net.sh      (or: make bench-net)
# Addresses: 192.0.2.0/25 for the partition, 192.0.2.128/25 for the
# namespace (the documentation range; the VM has no network card).
NT=/opt/sparecore/nettest
PART=192.0.2.2 NS=192.0.2.130
N_PING=${N_PING:-200} N_RTT=${N_RTT:-2000} FLOOD_S=${FLOOD_S:-5}
T=/tmp
modprobe tun 2>/dev/null; modprobe veth 2>/dev/null

# --- the partition
rm -f $T/in; mkfifo $T/in
sparecore run --cpu 1 --net tap:sc0 --ip $PART/25 --host-ip 192.0.2.1/25 \
	<$T/in >$T/part.out 2>&1 &
ppid=$!
exec 3>$T/in
i=0; until grep -q "sparecore> " $T/part.out; do
	i=$((i + 1)); [ $i -gt 300 ] && { echo "bench: partition did not start"; cat $T/part.out; exit 1; }
	usleep 100000
done

# --- the namespace: veth pair, one end inside, a UDP echo server there
ip link add v0 type veth || exit 1          # busybox names the peer veth0
unshare -n sleep 100000 &
nspid=$!
usleep 300000
ip link set veth0 netns $nspid || exit 1
nsenter -t $nspid -n ip addr add $NS/25 dev veth0
nsenter -t $nspid -n ip link set veth0 up
nsenter -t $nspid -n ip link set lo up
ip addr add 192.0.2.129/25 dev v0
ip link set v0 up
nsenter -t $nspid -n $NT serve 7 &
srvpid=$!
sleep 1

# Median and mean of busybox ping's per-reply times (ms).
ping_stats() {
	ping -c "$N_PING" -i 0.01 "$1" 2>/dev/null |
		sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | sort -n |
		awk '{a[NR]=$1; s+=$1} END{if (NR) printf "%.3f / %.3f / %.3f ms (%d of '"$N_PING"')", a[1], a[int((NR+1)/2)], s/NR, NR; else print "no replies"}'
}
rtt() { $NT rtt "$1" 7 "$N_RTT" "$2" | sed -n 's/.*min \([0-9]*\) us, median \([0-9]*\) us, avg \([0-9]*\) us, p99 \([0-9]*\) us.*/\1 \/ \2 \/ \3 \/ \4 us/p'; }
flood() { $NT flood "$1" 7 "$FLOOD_S" "$2" "$3" | sed -n 's/.*echoed \([0-9]*\) (\([0-9]*\)\/s, \([0-9.]*\) Mbit\/s.*/\2 dgram\/s, \3 Mbit\/s/p'; }

# Warm up ARP and caches both ways.
ping -c 3 -i 0.1 $PART >/dev/null; ping -c 3 -i 0.1 $NS >/dev/null

echo "== ping (ICMP echo), $N_PING at 10 ms intervals: min / median / mean"
p1=$(ping_stats $PART); p2=$(ping_stats $NS)
echo "== UDP echo round trip, $N_RTT one at a time: min / median / mean / p99"
u1=$(rtt $PART 64); u2=$(rtt $NS 64)
v1=$(rtt $PART 1472); v2=$(rtt $NS 1472)
echo "== UDP echo throughput, $FLOOD_S s each"
f1=$(flood $PART 1472 32); f2=$(flood $NS 1472 32)
g1=$(flood $PART 64 32); g2=$(flood $NS 64 32)

echo "== partition pings the host (its shell's ping, 50 at 20 ms)"
echo "ping -c 50 -i 20 192.0.2.1" >&3
i=0; until grep -q "^rtt min/avg/max" $T/part.out; do
	i=$((i + 1)); [ $i -gt 300 ] && break; usleep 100000
done
q1=$(sed -n 's/^rtt min\/avg\/max = \(.*\)/\1/p' $T/part.out)

printf '\n| %-38s | %-38s | %-38s |\n' "measure" "partition (TAP, sparecore)" "netns (veth, Linux)"
printf '|%s|%s|%s|\n' "----------------------------------------" "----------------------------------------" "----------------------------------------"
printf '| %-38s | %-38s | %-38s |\n' "host ping, min/median/mean" "$p1" "$p2"
printf '| %-38s | %-38s | %-38s |\n' "UDP 64 B RTT, min/median/mean/p99" "$u1" "$u2"
printf '| %-38s | %-38s | %-38s |\n' "UDP 1472 B RTT, min/median/mean/p99" "$v1" "$v2"
printf '| %-38s | %-38s | %-38s |\n' "UDP echo 1472 B, 32 in flight" "$f1" "$f2"
printf '| %-38s | %-38s | %-38s |\n' "UDP echo 64 B, 32 in flight" "$g1" "$g2"
printf '| %-38s | %-38s | %-38s |\n' "partition pings host, min/avg/max" "${q1:-no replies}" "-"
echo
echo net >&3
sleep 1
echo halt >&3
exec 3>&-
wait $ppid
kill $srvpid $nspid 2>/dev/null
sed -n '/^rx: /,/^driver: /p' $T/part.out
