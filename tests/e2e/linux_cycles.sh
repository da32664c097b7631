#!/bin/sh
# A Linux guest, over and over and killed: 20 start/stop cycles (each to
# the guest's first instructions of its own, startup_64) leave nothing
# behind (pages, doorbell IRQs, the low block, the trampoline page,
# free memory); rmmod is refused while a guest runs; kill -9 of the
# service while the guest boots gives the CPU back with everything
# restored. Needs a lab with --mem 2048 (make e2e-linux).
. /opt/sparecore/tests/e2e/lib.sh

K=/boot/vmlinuz-$(uname -r)
MEM=256M
N=${1:-20}

lo=$(cat /sys/module/sparecore/parameters/linux_low)
losz=$(cat /sys/module/sparecore/parameters/linux_low_size)
low0=$(physread $lo $losz | sha256sum)
tramp0=$(tramp_hash)
avail0=$(mem_free_kb)
irqs0=$(grep -c sparecore /proc/interrupts)

i=1 fails=0
while [ $i -le $N ]; do
	sparecore run --cpu 1 --mem $MEM --kernel $K --linux-stop-at entered \
		>$T/c.out 2>$T/c.err || { fails=$((fails + 1)); cat $T/c.err; }
	i=$((i + 1))
done
check "$N cycles to startup_64: every one exits 0" [ $fails -eq 0 ]
check "after $N cycles: CPU 1 online" cpu_online 1
check "after $N cycles: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]
check "after $N cycles: no doorbell IRQ left in /proc/interrupts" \
	[ "$(grep -c sparecore /proc/interrupts)" = "$irqs0" ]
check "after $N cycles: the low block is the host's again" [ "$(physread $lo $losz | sha256sum)" = "$low0" ]
check "after $N cycles: the trampoline page is the host's again" [ "$(tramp_hash)" = "$tramp0" ]
avail1=$(mem_back_within $avail0 $LEAK_KB)
echo "memory: free before $avail0 kB, after $N cycles $avail1 kB"
# One leaked guest is 256 MiB.
check "after $N cycles: free memory back within $((LEAK_KB / 1024)) MiB" [ $((avail0 - avail1)) -lt $LEAK_KB ]

# A guest that runs on: rmmod is refused, then kill -9 of the service.
rm -f $T/k.in; mkfifo $T/k.in
sparecore -v run --cpu 1 --mem $MEM --kernel $K --watchdog 0 <$T/k.in >$T/k.out 2>$T/k.err &
pid=$!
exec 3>$T/k.in
wait_for $T/k.err "guest: decompressing" 120 || fail "kill: the guest never started"
check "rmmod refused while a Linux guest runs" sh -c '! rmmod sparecore 2>/dev/null'
check "the module is still loaded" [ -e /dev/sparecore ]
t0=$(now_ms)
kill -9 $pid
n=0
while ! cpu_online 1 && [ $n -lt 5000 ]; do usleep 1000; n=$((n + 1)); done
t1=$(now_ms)
wait $pid; rc=$?
exec 3>&-
echo "timing: kill -9 during the guest's boot: signal -> CPU 1 online $((t1 - t0)) ms"
check "kill -9: exit by signal 9" [ $rc -eq 137 ]
check "kill -9: CPU 1 online within 2 s" [ $((t1 - t0)) -lt 2000 ]
check "kill -9: a process runs on CPU 1 again" taskset -c 1 sh -c 'exit 0'
check "kill -9: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]
check "kill -9: the low block is the host's again" [ "$(physread $lo $losz | sha256sum)" = "$low0" ]
check "kill -9: the trampoline page is the host's again" [ "$(tramp_hash)" = "$tramp0" ]
check "kill -9: a new guest starts at once" \
	sparecore run --cpu 1 --mem $MEM --kernel $K --linux-stop-at entered
check "rmmod works once no guest runs" rmmod sparecore
insmod /opt/sparecore/sparecore.ko

summary linux_cycles
