#!/bin/sh
# Run every end-to-end test in this VM; prints one summary per test and a
# total. Usage (in the lab): all.sh [TEST...]   default: all of them.
cd /opt/sparecore/tests/e2e || exit 1
tests=${*:-"boot checkhost crash watchdog kill kill_io hostile hostile_io load cycles badinput access config named acpi net disk noise ringbench"}
pass=0; failed=0
for t in $tests; do
	echo "=== $t (${LAB_APIC:-?} host, $(nproc) CPUs)"
	# Streamed as it comes, so a test that hangs shows how far it got.
	{ sh ./$t.sh 2>&1; echo $? >/tmp/$t.rc; } | tee /tmp/$t.log
	rc=$(cat /tmp/$t.rc)
	p=$(sed -n 's/^e2e .*: \([0-9]*\) passed.*/\1/p' /tmp/$t.log | tail -1)
	f=$(sed -n 's/^e2e .*passed, \([0-9]*\) failed.*/\1/p' /tmp/$t.log | tail -1)
	[ -z "$p" ] && { p=0; f=1; echo "FAIL - $t did not finish"; }
	[ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
	pass=$((pass + p)); failed=$((failed + f))
done
echo "e2e total: $pass passed, $failed failed"
[ $failed -eq 0 ]
