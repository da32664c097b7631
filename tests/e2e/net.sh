#!/bin/sh
# The partition as a host on the host's network, through a TAP device:
# host ping, partition ping, UDP echo of 1000 random datagrams, the status
# page over TCP, counters, clean exit; and the errors that must come before
# the CPU is taken. Addresses are 192.0.2.0/24 (documentation range); the
# lab VM has no network card, so nothing leaves it.
. /opt/sparecore/tests/e2e/lib.sh

PART=192.0.2.2 HOST=192.0.2.1 TAP=sc0
OUT=$T/net.out IN=$T/net.in

modprobe tun 2>/dev/null
check "CPU 1 online before" cpu_online 1

rm -f $IN; mkfifo $IN
sparecore run --cpu 1 --net tap:$TAP --ip $PART/24 --gw $HOST \
	--host-ip $HOST/24 <$IN >$OUT 2>&1 &
pid=$!
exec 3>$IN
if ! wait_for $OUT "sparecore> " 30; then
	fail "partition with --net boots to its prompt"
	cat $OUT; kill $pid; exec 3>&-; summary net; exit 1
fi
ok "partition with --net boots to its prompt"
check "banner names the address" grep -q "^net: $PART/24, mac 02:53:43:00:02:02" $OUT
check "TAP device $TAP exists on the host" ip link show $TAP
check "$TAP has the host address" sh -c "ip addr show $TAP | grep -q 'inet $HOST/24'"

# --- host pings the partition
ping -c 20 -i 0.2 -W 2 $PART >$T/ping.out 2>&1
cat $T/ping.out | tail -n 3
check "host ping -c 20: 0% loss" grep -q " 20 packets received, 0% packet loss" $T/ping.out

# --- a name in use and a device that is not a TAP: refused, CPU untouched
sparecore run --cpu 1 --net tap:$TAP --ip 192.0.2.3/24 </dev/null >$T/busy.out 2>&1
rc=$?
cat $T/busy.out
check "second run on $TAP: exit 1" [ $rc -eq 1 ]
check "second run on $TAP: says in use" grep -q "in use" $T/busy.out
sparecore run --cpu 1 --net tap:lo --ip 192.0.2.3/24 </dev/null >$T/lo.out 2>&1
rc=$?
cat $T/lo.out
check "run on lo: exit 1, not a TAP device" sh -c "[ $rc -eq 1 ] && grep -q 'not a TAP' $T/lo.out"

# --- the partition pings the host
echo "ping -c 5 -i 200 $HOST" >&3
wait_for $OUT "ping statistics" 30
sleep 1
check "partition ping of the host: 5 received" grep -q "5 packets transmitted, 5 received, 0% packet loss" $OUT
check "partition ping prints rtt statistics" grep -q "^rtt min/avg/max = " $OUT

# --- UDP echo on port 7
/opt/sparecore/nettest check $PART 7 1000 1472 >$T/udp.out 2>&1
rc=$?
cat $T/udp.out
check "UDP echo: 1000 random datagrams up to 1472 bytes, all intact" [ $rc -eq 0 ]

# --- the status page on port 80
timeout 20 wget -q -O $T/page.out http://$PART/
rc=$?
cat $T/page.out
check "wget of the status page" [ $rc -eq 0 ]
check "status page has the uptime" grep -q "^uptime: " $T/page.out
check "status page has the memory" grep -q "^memory: 64 MiB" $T/page.out
check "status page has counters" grep -q "^net rx: [1-9][0-9]* packets" $T/page.out
timeout 20 wget -q -O $T/page2.out http://$PART/ && grep -q "^http pages served: 2" $T/page2.out
check "a second request is served too" [ $? -eq 0 ]
timeout 20 wget -q -O /dev/null http://$PART/nothing-here 2>$T/404.out
check "another path: 404" grep -q "404" $T/404.out

# --- counters in the shell
echo net >&3
wait_for $OUT "^driver: " 10
sleep 1
sed -n '/^mac: /,/^driver: /p' $OUT
check "net shows the MAC" grep -q "^mac: 02:53:43:00:02:02" $OUT
check "net counts received packets" grep -q "^rx: [1-9][0-9]* packets" $OUT
check "net counts 1000+ UDP echoes" grep -q "services: .* 10[0-9][0-9] udp echoes" $OUT

echo halt >&3
exec 3>&-
wait $pid
rc=$?
tail -n 2 $OUT
check "run exits 0 after halt" [ $rc -eq 0 ]
check "CPU 1 online after" cpu_online 1
check "the TAP device we created is gone" sh -c "! ip link show $TAP 2>/dev/null"
check "module holds no pages" [ "$(module_pages)" = 0 ]

# --- no TUN support: without the module (and no modprobe to load it) the
# run is refused before the CPU is taken.
if rmmod tun 2>/dev/null && [ ! -e /dev/net/tun ]; then
	PATH=/nonexistent /opt/sparecore/sparecore run --cpu 1 --net tap:$TAP \
		--ip $PART/24 </dev/null >$T/notun.out 2>&1
	rc=$?
	cat $T/notun.out
	check "no TUN support: exit 1" [ $rc -eq 1 ]
	check "no TUN support: says so" grep -q "no /dev/net/tun" $T/notun.out
	check "no TUN support: CPU 1 stays online" cpu_online 1
	modprobe tun
else
	# Not counted as a pass: the check could not run here.
	echo "skip - no TUN support: not tested (tun is built in or busy)"
fi

summary net
