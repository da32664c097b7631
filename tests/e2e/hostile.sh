#!/bin/sh
# The hostile partition (tests/hostile/) attacks the host through the
# console rings and the doorbell. The host must drop and count malformed
# messages, stop a partition that breaks a ring or storms its doorbell
# with one clear line (exit 4), print a garbage crash report as numbers,
# and stay healthy: CPU back, nothing held, the next partition fine. With 3
# or more CPUs, a well-behaved partition on CPU 2 runs through all of it.
. /opt/sparecore/tests/e2e/lib.sh

H=/opt/sparecore/hostile.elf
# A good neighbour on CPU 2, if there is one.
neighbour_start

ok_after() { # what
	check "$1: CPU 1 online after" cpu_online 1
	check "$1: module holds nothing of CPU 1's ($held pages/IRQs)" \
		[ "$(module_pages)/$(module_irqs)" = "$held" ]
}

# --- garbage: malformed slots dropped and counted, valid ones printed
sparecore run --cpu 1 --cmdline garbage $H </dev/null >$T/h.out 2>$T/h.err
rc=$?
cat $T/h.out $T/h.err
check "garbage: exit 0 (it halted)" [ $rc -eq 0 ]
check "garbage: valid lines printed around the bad ones" \
	grep -q "^hostile: garbage done, 35 bad slots in all, halting" $T/h.out
check "garbage: a slot numbered a lap ahead is not taken" \
	grep -q "^hostile: host waited at a slot numbered a lap ahead" $T/h.out
check "garbage: exactly 35 slots dropped, the first described" \
	grep -q "dropped 35 malformed console messages from the partition (the first: type 30583, length 5)" $T/h.err
check "garbage: no garbage payload printed" sh -c "! grep -q -e WRONG -e HUGE -e LONG -e 'LAP AHEAD' $T/h.out"
ok_after garbage

# --- input: a consumer index far ahead of what the host gave
rm -f $T/in; mkfifo $T/in
sparecore run --cpu 1 --cmdline input $H <$T/in >$T/h.out 2>$T/h.err &
pid=$!
exec 3>$T/in
wait_for $T/h.out "hostile: input ring" 60
# More than the ring holds (64 slots of 56 bytes) however the host happens
# to read it: the host checks the consumer index when the ring looks full.
i=0; while [ $i -lt 400 ]; do echo "input line $i of 400" >&3; i=$((i + 1)); done
wait_pid $pid 30; rc=$?
exec 3>&-
cat $T/h.out $T/h.err
check "input: exit 4" [ $rc -eq 4 ]
check "input: one line says which ring and index" \
	grep -q "partition on CPU 1 broke the console input ring: consumer index 0x80000000 for producer index 0x40; stopping it" $T/h.err
ok_after input

# --- storm: the service stops it
t0=$(now_ms)
sparecore run --cpu 1 --cmdline storm $H </dev/null >$T/h.out 2>$T/h.err
rc=$?
t1=$(now_ms)
cat $T/h.out $T/h.err
echo "timing: storm: run -> stopped $((t1 - t0)) ms"
check "storm: exit 4" [ $rc -eq 4 ]
check "storm: one line names the storm" grep -q "doorbell storm); stopping it" $T/h.err
# How long the storm ran before the guard acted, as the service saw it
# (the run's wall time also holds the boot, which a loaded machine drags).
secs=$(sed -n 's/.* times in \([0-9]*\)\.[0-9]* s for .*(doorbell storm); stopping it$/\1/p' $T/h.err)
check "storm: stopped within 5 s of its start (${secs:-?} s)" [ "${secs:-99}" -lt 5 ]
ok_after storm

# --- storm while the service is stopped: the module's own guard acts
rm -f $T/h.out
sparecore run --cpu 1 --cmdline storm-later $H </dev/null >$T/h.out 2>$T/h.err &
pid=$!
wait_for $T/h.out "hostile: doorbell storm in" 60
kill -STOP $pid
irq0=$(awk '/sparecore-cpu1/{print $2}' /proc/interrupts)
# The storm starts 2 s after the message; the guard needs 20000 doorbells.
n=0
while ! dmesg | grep -q "CPU 1: 20000 doorbells the service has not read" && [ $n -lt 150 ]; do
	sleep 0.1; n=$((n + 1))
done
t0=$(now_ms); sleep 0.3; t1=$(now_ms)
irq1=$(awk '/sparecore-cpu1/{print $2}' /proc/interrupts)
sleep 0.5
irq2=$(awk '/sparecore-cpu1/{print $2}' /proc/interrupts)
echo "doorbell IRQs on CPU 0: $irq0 before the storm, $irq1 when the guard acted, $irq2 half a second later"
check "storm, service stopped: the module stopped the CPU" sh -c 'dmesg | grep -q "doorbell storm, CPU stopped"'
check "storm, service stopped: no more doorbells after that" [ "$irq1" = "$irq2" ]
check "storm, service stopped: the host sleeps on time (0.3 s took $((t1 - t0)) ms)" [ $((t1 - t0)) -lt 1000 ]
kill -CONT $pid
wait_pid $pid 30; rc=$?
cat $T/h.err
check "storm, service stopped: exit 4 once it runs again" [ $rc -eq 4 ]
check "storm, service stopped: it names the storm" grep -q "doorbell storm); stopping it" $T/h.err
ok_after "storm, service stopped"

# --- report: a crash report of garbage is only printed
sparecore run --cpu 1 --cmdline report $H </dev/null >$T/h.out 2>$T/h.err
rc=$?
cat $T/h.err
check "report: exit 2" [ $rc -eq 2 ]
check "report: garbage vector named as unknown" grep -q "vector 3735928559 (unknown vector), error code 0xa5a5a5a5a5a5a5a5" $T/h.err
ok_after report

# --- state: an unknown state is ignored; SIGTERM stops it as usual
sparecore run --cpu 1 --cmdline state $H </dev/null >$T/h.out 2>$T/h.err &
pid=$!
wait_for $T/h.out "hostile: state set" 60
sleep 1
check "state: still running with an unknown state" kill -0 $pid
kill -TERM $pid
wait_pid $pid 30; rc=$?
check "state: SIGTERM stops it (exit 143)" [ $rc -eq 143 ]
ok_after state

# The host is healthy: a normal partition on the same CPU.
printf 'echo still fine\nhalt\n' | sparecore run --cpu 1 >$T/h.out 2>&1
rc=$?
check "afterwards: a normal partition runs on CPU 1" [ $rc -eq 0 ]
check "afterwards: and answers" grep -q "^still fine" $T/h.out

neighbour_end

summary hostile
