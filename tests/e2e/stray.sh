#!/bin/sh
# Stray interrupts: a partition's CPU takes none of Linux's IPIs. With 3 or
# more CPUs, Linux 6.x sends "all but self" shorthand IPIs once every
# present CPU has booted once, and those reach an offline CPU too; the
# module keeps the partition's CPU out of that (docs/host-safety.md). Here
# the host makes kernel TLB flushes (module load/unload: vmalloc, vfree,
# set_memory_*) on every online CPU while a named partition runs on the
# last CPU; the partition's own count (`info`) and `sparecore status` must
# both say 0. Meant for `tests/lab/lab --cpus 4`; with 2 CPUs Linux never
# broadcasts (one CPU is left online), so the check is weaker.
. /opt/sparecore/tests/e2e/lib.sh
secs=${1:-20}
cpu=$((LAB_CPUS - 1))
# The 0 below means something only where Linux broadcasts at all: it says
# at boot whether shorthand IPIs are allowed (no_ipi_broadcast=1 is not set).
dmesg | grep "IPI shorthand broadcast"
check "this kernel allows shorthand IPI broadcasts" sh -c 'dmesg | grep -q "IPI shorthand broadcast: enabled"' 
mkdir -p /etc/sparecore
printf 'cpu = %s\nmem = 32M\n' $cpu >/etc/sparecore/stray.conf
sparecore start stray >$T/s.out 2>$T/s.err; rc=$?
cat $T/s.out $T/s.err
check "start on CPU $cpu: exit 0" [ $rc -eq 0 ]

rm -f $T/cin; mkfifo $T/cin
sparecore console stray <$T/cin >$T/c.out 2>&1 &
cpid=$!
exec 3>$T/cin
echo info >&3
wait_for $T/c.out "^stray interrupts: " 30
check "info: prints 'stray interrupts: N'" grep -q "^stray interrupts: [0-9][0-9]*" $T/c.out
sparecore status stray >$T/st0.out; cat $T/st0.out
check "status NAME: prints 'stray interrupts: N'" grep -q "^  stray interrupts: [0-9][0-9]*$" $T/st0.out
check "status --json: stray_interrupts" [ -n "$(status_field stray stray_interrupts)" ]

# Function-call IPIs taken by Linux's online CPUs (the CAL row).
cal() { awk '$1 == "CAL:" { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s }' /proc/interrupts; }
cal0=$(cal)
t0=$(now_ms); n=0
while [ $(( $(now_ms) - t0 )) -lt $((secs * 1000)) ]; do
	for m in veth tun bridge loop; do modprobe $m 2>/dev/null; done
	for m in bridge veth tun loop; do rmmod $m 2>/dev/null; done
	n=$((n + 1))
done
cal1=$(cal)
echo "load: $n rounds of 4 module loads and unloads in $secs s; function-call IPIs on Linux's CPUs: $((cal1 - cal0))"
check "the load made function-call IPIs on Linux's CPUs ($((cal1 - cal0)))" [ $((cal1 - cal0)) -gt $n ]

: >$T/c.out
echo info >&3
wait_for $T/c.out "^stray interrupts: " 30
cat $T/c.out
part=$(sed -n 's/^stray interrupts: \([0-9]*\).*/\1/p' $T/c.out | tail -1)
stat=$(status_field stray stray_interrupts)
sparecore status stray
echo "stray interrupts under load ($LAB_CPUS CPUs): partition $part, status $stat"
check "partition: stray interrupts 0 under host TLB-flush load ($part)" [ "$part" = 0 ]
check "status --json: stray_interrupts 0 ($stat)" [ "$stat" = 0 ]
echo "echo still here" >&3
wait_for $T/c.out "^still here" 30
check "partition answers after the load" grep -q "^still here" $T/c.out

# Interrupts nobody set up, sent on purpose (SC_IOC_STRAY): NMIs, Linux's
# call-function vector (0xfb) and an unused one. Counted, never fatal.
# Interrupts that arrive while one of theirs is pending merge (one IRR bit
# per vector, one latched NMI), so the count may be below what was sent:
# each kind must raise it, never past what was sent.
before=0
for kind in nmi 0xfb 0x41; do
	/opt/sparecore/stray_ipi $cpu $kind 100; rc=$?
	check "stray_ipi $kind x100: sent" [ $rc -eq 0 ]
	n=0
	while [ $n -lt 100 ]; do
		now=$(status_field stray stray_interrupts)
		[ "${now:-0}" -gt $before ] && break
		usleep 100000; n=$((n + 1))
	done
	echo "stray interrupts after $kind: $now"
	check "$kind: counted by the partition ($before -> $now)" [ "${now:-0}" -gt $before ]
	check "$kind: never more than sent" [ "${now:-0}" -le $((before + 100)) ]
	before=${now:-0}
	check "$kind: the partition runs on (state)" [ "$(status_field stray state)" = running ]
done
: >$T/c.out
echo info >&3
wait_for $T/c.out "^stray interrupts: " 30
part=$(sed -n 's/^stray interrupts: \([0-9]*\).*/\1/p' $T/c.out | tail -1)
check "info agrees with status ($part, $before)" [ "$part" = "$before" ]
echo "echo alive after nmis" >&3
wait_for $T/c.out "^alive after nmis" 30
check "the partition answers after NMIs and strays" grep -q "^alive after nmis" $T/c.out
/opt/sparecore/stray_ipi $cpu 0xff 1 2>$T/si.err; rc=$?
check "stray_ipi on vector 0xff: refused (EINVAL)" sh -c "[ $rc -ne 0 ] && grep -q 'Invalid argument' $T/si.err"
/opt/sparecore/stray_ipi 0 0x41 1 2>$T/si.err; rc=$?
check "stray_ipi to a CPU without a partition: refused (ENOENT)" sh -c "[ $rc -ne 0 ] && grep -q 'No such file' $T/si.err"
kill $cpid; wait $cpid 2>/dev/null
exec 3>&-
sparecore stop stray >/dev/null 2>&1
check "stop: CPU $cpu online after" cpu_online $cpu
summary stray
