#!/bin/sh
# A partition asked for a CPU that isolcpus=domain took out of the
# scheduler's domains (make e2e-rt boots with it on CPU 1). Whether Linux
# can take such a CPU offline depends on the kernel: 6.1 can, 6.12 refuses
# (-EBUSY). Linux itself is asked first (sysfs), then sparecore must agree:
# where Linux can, the partition runs; where it cannot, sparecore refuses
# with the one line that names the cause and the host is left as it was.
. /opt/sparecore/tests/e2e/lib.sh

cpus_of() { cat "/sys/devices/system/cpu/$1" 2>/dev/null; }
echo "kernel: $(uname -r); isolated: '$(cpus_of isolated)'; cmdline: $(cat /proc/cmdline)"
check "CPU 1 isolated at boot" [ "$(cpus_of isolated)" = 1 ]
check "isolcpus names domain" grep -q 'isolcpus=[^ ]*domain' /proc/cmdline

if echo 0 >/sys/devices/system/cpu/cpu1/online 2>/dev/null; then
	linux_can=1
	echo 1 >/sys/devices/system/cpu/cpu1/online
else
	linux_can=0
fi
echo "Linux can offline a domain-isolated CPU on this kernel: $linux_can"
check "CPU 1 online before" cpu_online 1

printf 'halt\n' | sparecore run --cpu 1 --mem 64M >$T/dom.out 2>$T/dom.err
rc=$?
cat $T/dom.out $T/dom.err
if [ $linux_can = 1 ]; then
	check "Linux can offline it, so the partition ran (exit 0)" [ $rc -eq 0 ]
else
	check "Linux cannot offline it, so sparecore refused (exit != 0)" [ $rc -ne 0 ]
	check "one line names isolcpus=domain and the way out" \
		grep -q "^sparecore: CPU 1 is isolated with isolcpus=domain and this kernel cannot take such a CPU offline; isolate it with isolcpus=nohz,managed_irq instead$" $T/dom.err
	check "the error is one line" [ "$(wc -l <$T/dom.err)" -eq 1 ]
	check "kernel log says why" sh -c 'dmesg | grep -q "sparecore: CPU 1: Linux refused to take it offline"'
fi
check "CPU 1 online after" cpu_online 1
check "CPU 1 still isolated after" [ "$(cpus_of isolated)" = 1 ]
check "module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]

summary isolated_domain
