#!/bin/sh
# A partition on a CPU that Linux was told to keep quiet (isolcpus=nohz,
# managed_irq,1 nohz_full=1 rcu_nocbs=1, as make e2e-rt boots it): the
# module can take it, the partition runs, and the CPU comes back still
# isolated and tickless, so an operator's tuning survives the partition.
# Without those boot words the checks fail: it is only run where they are
# given. (isolcpus=domain is isolated_domain.sh's.)
. /opt/sparecore/tests/e2e/lib.sh

cpus_of() { cat "/sys/devices/system/cpu/$1" 2>/dev/null; }
echo "kernel: $(uname -r); isolated: '$(cpus_of isolated)'; nohz_full: '$(cpus_of nohz_full)'"
# /sys/.../isolated lists domain isolation only, which this boot leaves out.
check "booted with CPU 1 isolated (nohz, managed_irq)" grep -q 'isolcpus=nohz,managed_irq,1' /proc/cmdline
check "CPU 1 nohz_full at boot" [ "$(cpus_of nohz_full)" = 1 ]

printf 'info\nhalt\n' | sparecore run --cpu 1 --mem 64M >$T/iso.out 2>$T/iso.err
rc=$?
cat $T/iso.out $T/iso.err
check "partition on the isolated CPU ran and halted (exit 0)" [ $rc -eq 0 ]
check "partition answered info" grep -q "cpu: *1" $T/iso.out
check "CPU 1 online after" cpu_online 1
check "CPU 1 still nohz_full after" [ "$(cpus_of nohz_full)" = 1 ]
# A thread pinned there runs there (the scheduler took the CPU back).
check "a thread pinned to CPU 1 runs on it" sh -c \
	'[ "$(taskset -c 1 awk "{print \$39}" /proc/self/stat)" = 1 ]'

summary isolated
