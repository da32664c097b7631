#!/bin/sh
# Programs built from the installed partition SDK (make sdk-check builds
# them out of tree into build/examples/, which the lab carries):
#   - periodic: a 1 kHz loop that prints its wake-up jitter and exits;
#     run exits 0, the CPU is back, and the loop really took its time;
#   - hello: docs/sdk.md's example, five ticks 100 ms apart;
#   - disk_log: 64 sectors written, flushed, read back, and found on the
#     host's file; on a read-only disk it is refused and says so;
#   - udp_echo: a UDP service on port 7777 over a TAP (as net.sh), which
#     echoes 500 random datagrams intact, leaves port 7 to the runtime's
#     echo, and stops on 'q' with its counts;
# and the kernel log stays clean.
. /opt/sparecore/tests/e2e/lib.sh

EX=/opt/sparecore/examples
for e in hello periodic disk_log udp_echo; do
	if [ ! -f $EX/$e.elf ]; then
		fail "$EX/$e.elf is in the lab (run make sdk-check, not this script alone)"
		summary sdk; exit 1
	fi
done

# --- periodic: 2000 wake-ups at 1 kHz
N=2000
check "CPU 1 online before" cpu_online 1
t0=$(now_ms)
sparecore run --cpu 1 --cmdline "n=$N" $EX/periodic.elf </dev/null >$T/periodic.out 2>&1
rc=$?
took=$(( $(now_ms) - t0 ))
cat $T/periodic.out
check "periodic: run exits 0" [ $rc -eq 0 ]
check "periodic: main returned 0" grep -q "^exit: 0" $T/periodic.out
line=$(grep "^periodic: jitter ns: " $T/periodic.out)
set -- $(echo "$line" | sed -n 's/^periodic: jitter ns: min \([0-9]*\) median \([0-9]*\) p99 \([0-9]*\) max \([0-9]*\) (n \([0-9]*\), missed \([0-9]*\), \([0-9]*\) ms)$/\1 \2 \3 \4 \5 \6 \7/p')
check "periodic: prints min, median, p99, max over $N wake-ups" sh -c "[ $# = 7 ] && [ '$5' = $N ]"
if [ "$#" = 7 ]; then
	echo "jitter: min $1 ns, median $2 ns, p99 $3 ns, max $4 ns; missed $6; loop $7 ms, run $took ms"
	check "periodic: min <= median <= p99 <= max" sh -c "[ $1 -le $2 ] && [ $2 -le $3 ] && [ $3 -le $4 ]"
	# N deadlines 1 ms apart cannot pass in less than N ms; the host saw
	# the whole run, boot included, so it took longer still.
	check "periodic: the loop took at least $N ms ($7 ms)" [ "$7" -ge $N ]
	check "periodic: the host's run took longer than the loop ($took ms)" [ "$took" -ge "$7" ]
fi
check "periodic: CPU 1 online after" cpu_online 1
check "periodic: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]

# --- hello: the example of docs/sdk.md
sparecore run --cpu 1 $EX/hello.elf </dev/null >$T/hello.out 2>&1
rc=$?
cat $T/hello.out
check "hello: run exits 0" [ $rc -eq 0 ]
check "hello: five ticks, then exit: 0" sh -c "[ \$(grep -c '^tick [0-4] at [0-9]* ns ([0-9]* ns late)' $T/hello.out) = 5 ] && grep -q '^exit: 0' $T/hello.out"

# --- disk_log: 64 sectors on a 1 MiB file
DISK=$T/sdk-disk.img
dd if=/dev/zero of=$DISK bs=1M count=1 2>/dev/null
sparecore run --cpu 1 --disk $DISK --cmdline n=64 $EX/disk_log.elf </dev/null >$T/disk.out 2>&1
rc=$?
cat $T/disk.out
check "disk_log: run exits 0, main returned 0" sh -c "[ $rc -eq 0 ] && grep -q '^exit: 0' $T/disk.out"
check "disk_log: 64 sectors read back; past the end refused" \
	grep -q "^disk_log: wrote, flushed and read back 64 sectors of 2048; past the end: invalid argument" $T/disk.out
check "disk_log: the host's file has sector 0" sh -c \
	"dd if=$DISK bs=512 count=1 2>/dev/null | head -n 1 | grep -qx 'sparecore sdk sector 0'"
check "disk_log: the host's file has sector 63, nothing after it" sh -c \
	"dd if=$DISK bs=512 skip=63 count=1 2>/dev/null | head -n 1 | grep -qx 'sparecore sdk sector 63' &&
	 [ -z \"\$(dd if=$DISK bs=512 skip=64 2>/dev/null | tr -d '\\0')\" ]"
sparecore run --cpu 1 --disk $DISK,ro $EX/disk_log.elf </dev/null >$T/disk-ro.out 2>&1
rc=$?
cat $T/disk-ro.out
check "disk_log on a read-only disk: write refused, main returned 1, run exits 0" sh -c \
	"[ $rc -eq 0 ] && grep -q '^disk_log: write: read-only disk' $T/disk-ro.out && grep -q '^exit: 1' $T/disk-ro.out"
check "disk_log: CPU 1 online after" cpu_online 1

# --- udp_echo on port 7777
PART=192.0.2.2 HOST=192.0.2.1 TAP=sc0
OUT=$T/udp_echo.out IN=$T/udp_echo.in
modprobe tun 2>/dev/null
rm -f $IN; mkfifo $IN
sparecore run --cpu 1 --net tap:$TAP --ip $PART/24 --host-ip $HOST/24 \
	--cmdline port=7777 $EX/udp_echo.elf <$IN >$OUT 2>&1 &
pid=$!
exec 3>$IN
if ! wait_for $OUT "udp_echo: listening on port 7777" 30; then
	fail "udp_echo starts and binds port 7777"
	cat $OUT; kill $pid; exec 3>&-; summary sdk; exit 1
fi
ok "udp_echo starts and binds port 7777"
/opt/sparecore/nettest check $PART 7777 500 1472 >$T/udp.out 2>&1
rc=$?
cat $T/udp.out
check "udp_echo: 500 random datagrams up to 1472 bytes to port 7777, all intact" [ $rc -eq 0 ]
/opt/sparecore/nettest check $PART 7 20 100 >$T/udp7.out 2>&1
check "port 7 is still the runtime's echo" [ $? -eq 0 ]
printf q >&3
wait_pid $pid 30
rc=$?
exec 3>&-
cat $OUT
check "udp_echo: stops on 'q', run exits 0" [ "$rc" -eq 0 ]
check "udp_echo: counted exactly the 500 datagrams" grep -q "^udp_echo: 500 datagrams echoed, 0 not sent, 0 dropped" $OUT
check "udp_echo: main returned 0" grep -q "^exit: 0" $OUT
check "udp_echo: CPU 1 online after" cpu_online 1
check "udp_echo: the TAP device is gone" sh -c "! ip link show $TAP 2>/dev/null"
check "udp_echo: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]

dmesg | grep -e "WARNING:" -e "BUG:" -e "Oops:" -e "soft lockup" -e "blocked for more than" -e "INFO: lockdep" -e "possible circular locking" >$T/klog.bad
cat $T/klog.bad
check "no kernel WARNING, BUG, Oops, soft lockup, hung task or lockdep report" [ ! -s $T/klog.bad ]
summary sdk
