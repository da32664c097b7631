#!/bin/sh
# Access: /dev/sparecore is root's only, and every ioctl argument is checked
# (tests/ioctl_abuse.c); the host is unchanged afterwards.
. /opt/sparecore/tests/e2e/lib.sh

check "/dev/sparecore is crw------- root root" \
	sh -c 'ls -l /dev/sparecore | grep -q "^crw------- *1 root *root "'
setpriv --reuid=65534 --regid=65534 --clear-groups /opt/sparecore/ioctl_abuse --open-only
rc=$?
check "nobody cannot open it (EACCES = 13, got $rc)" [ $rc -eq 13 ]
# Root without CAP_SYS_ADMIN: the module's own check, beyond the file mode.
setpriv --inh-caps=-all --bounding-set=-sys_admin /opt/sparecore/ioctl_abuse --open-only
rc=$?
check "root without CAP_SYS_ADMIN cannot open it (EPERM = 1, got $rc)" [ $rc -eq 1 ]

/opt/sparecore/ioctl_abuse >$T/abuse.out 2>&1
rc=$?
cat $T/abuse.out
check "ioctl_abuse: every bad argument refused with its errno" [ $rc -eq 0 ]
check "afterwards: CPU 1 online" cpu_online 1
check "afterwards: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]
check "afterwards: a partition runs" sh -c 'printf "halt\n" | sparecore run --cpu 1 >/dev/null 2>&1'
summary access
