#!/bin/sh
# The console on a real terminal (a pseudo-terminal, tests/ptyrun.c):
# Ctrl-] typed, SIGINT to the foreground job, and a hang-up each stop the
# partition, give the CPU back, end `run` with its documented status and
# (where the terminal still exists) leave the terminal's modes as they
# were.
. /opt/sparecore/tests/e2e/lib.sh
pty=/opt/sparecore/ptyrun
for a in 'ctrl-]:0' 'int:130' 'hup:129'; do
	act=${a%:*} want=${a#*:}
	$pty "$act" sparecore run --cpu 1 >$T/p.out 2>&1; rc=$?
	tail -4 $T/p.out
	check "$act: harness ran (exit $rc)" [ $rc -eq 0 ]
	check "$act: run exited $want" grep -q "^exit $want\$" $T/p.out
	check "$act: CPU 1 online after" cpu_online 1
	check "$act: module holds nothing" [ "$(module_pages)/$(module_irqs)" = 0/0 ]
	if [ "$act" != hup ]; then
		check "$act: terminal modes restored" grep -q "^termios restored" $T/p.out
	fi
done
check "ctrl-]: says so" sh -c "$pty 'ctrl-]' sparecore run --cpu 1 2>&1 | grep -q 'Ctrl-] pressed: stopping the partition'"
summary pty
