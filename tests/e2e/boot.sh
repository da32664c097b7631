#!/bin/sh
# Boot a partition on CPU 1, talk to its shell, halt it, get the CPU back.
. /opt/sparecore/tests/e2e/lib.sh

mode=${LAB_APIC:-xapic}
[ "$mode" = x2apic ] && want_mode=x2APIC || want_mode=xAPIC
want_id=$(linux_apic_id 1)

check "CPU 1 online before" cpu_online 1
printf 'info\necho hello from the partition\nuptime\nhalt\n' |
	sparecore run --cpu 1 --mem 64M >$T/boot.out 2>$T/boot.err
rc=$?
cat $T/boot.out $T/boot.err
check "run exits 0 after halt" [ $rc -eq 0 ]
check "banner names cpu 1" grep -q "partition up on cpu 1" $T/boot.out
check "info reports apic id $want_id (Linux's)" grep -q "^apic id: $want_id\$" $T/boot.out
check "info reports apic mode $want_mode" grep -q "^apic mode: $want_mode\$" $T/boot.out
check "info reports 64 MiB" grep -q "^memory: 64 MiB" $T/boot.out
check "echo answers" grep -q "^hello from the partition" $T/boot.out
check "halt is reported" grep -q "partition halting" $T/boot.out
check "CPU 1 online after" cpu_online 1
check "a process runs on CPU 1 again" taskset -c 1 sh -c 'exit 0'
check "module holds no pages" [ "$(module_pages)" = 0 ]

# A crash gives a report on the host and the CPU back.
printf 'crash\n' | sparecore run --cpu 1 >$T/crash.out 2>$T/crash.err
rc=$?
cat $T/crash.err
check "crash: exit status 2" [ $rc -eq 2 ]
check "crash: report names the page fault" grep -q "vector 14 (#PF page fault)" $T/crash.err
check "crash: report has cr2" grep -q "cr2 0000000000000010" $T/crash.err
check "crash: CPU 1 online after" cpu_online 1
check "crash: module holds no pages" [ "$(module_pages)" = 0 ]

summary boot
