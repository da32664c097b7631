#!/bin/sh
# The firmware view: the partition finds its CPU and its console in ACPI
# tables the host built, prints them (`acpi`) and its e820 map (`mem`), and
# refuses to boot on a table whose checksum is wrong, with a crash report
# that names the table; the CPU comes back either way.
. /opt/sparecore/tests/e2e/lib.sh

want_id=$(linux_apic_id 1)

check "CPU 1 online before" cpu_online 1
printf 'acpi\nmem\nhalt\n' | sparecore run --cpu 1 --mem 64M >$T/acpi.out 2>$T/acpi.err
rc=$?
cat $T/acpi.out $T/acpi.err
check "run exits 0 after halt" [ $rc -eq 0 ]
check "acpi: MADT names apic id $want_id (Linux's for CPU 1)" \
	grep -q "^madt: cpu apic id $want_id (" $T/acpi.out
check "acpi: RSDP, XSDT, FACP, APIC, DSDT verified" \
	[ "$(grep -cE '^  (RSDP|XSDT|FACP|APIC|DSDT) 0x' $T/acpi.out)" = 5 ]
check "acpi: FADT is hardware-reduced" grep -q '^  FACP .*hardware-reduced' $T/acpi.out
check "acpi: console device SPRC0001" grep -q '\\_SB.CONS *SPRC0001' $T/acpi.out
# 4416 = SC_RING_BYTES(6): a 320-byte header and 64 slots of 64 bytes.
check "acpi: console output ring at 0x20000" grep -q 'ring 0: 0x20000-0x2113f (4416 bytes)' $T/acpi.out
check "acpi: console input ring at 0x30000" grep -q 'ring 1: 0x30000-0x3113f (4416 bytes)' $T/acpi.out
check "acpi: doorbell vector 0xf0" grep -q 'doorbell vector 0xf0' $T/acpi.out
check "acpi: no disk or network device (none configured)" \
	sh -c "! grep -qE 'SPRC0002|SPRC0003' $T/acpi.out"
check "mem: 5 e820 entries" grep -q '^e820: 5 entries, partition memory 64 MiB' $T/acpi.out
check "mem: ACPI data at 0xa0000" \
	grep -q '\[mem 0x00000000000a0000-0x00000000000affff\] ACPI data' $T/acpi.out
check "mem: usable RAM ends at 64 MiB" \
	grep -q '\[mem 0x[0-9a-f]*-0x0000000003ffffff\] usable' $T/acpi.out
check "mem: reserved from 0 (boot info, page tables, rings)" \
	grep -q '\[mem 0x0000000000000000-0x000000000009ffff\] reserved  boot info' $T/acpi.out
check "mem: map is sound" sh -c "! grep -q 'warning: e820' $T/acpi.out"

# With more CPUs, the last one too: its APIC ID is not 1.
last=$(($(nproc) - 1))
if [ $last -gt 1 ]; then
	want_last=$(linux_apic_id $last)
	printf 'acpi\nhalt\n' | sparecore run --cpu $last >$T/last.out 2>&1
	check "CPU $last: MADT names apic id $want_last (Linux's)" \
		grep -q "^madt: cpu apic id $want_last (" $T/last.out
	check "CPU $last online after" cpu_online $last
fi

# `sparecore tables` describes the same tables the partition verified.
sparecore tables --cpu 1 --out $T/tables >$T/tables.out 2>&1
cat $T/tables.out
dsdt_host=$(sed -n 's/^ACPI: DSDT 0x0*\([0-9A-F]*\) \([0-9A-F]*\) .*/\1 \2/p' $T/tables.out)
dsdt_part=$(sed -n 's/^  DSDT 0x0*\([0-9a-f]*\) *\([0-9]*\) bytes.*/\1 \2/p' $T/acpi.out)
set -- $dsdt_host
check "tables: the partition reported a DSDT" [ -n "$dsdt_part" ]
check "tables: DSDT where the partition found it, same length ($dsdt_part)" \
	[ "$(printf '%x %d' "0x$1" "0x$2")" = "$dsdt_part" ]
check "tables: APIC ID $want_id" grep -q "^APIC ID $want_id " $T/tables.out

# A damaged table stops the boot with a report naming it.
for t in dsdt madt fadt xsdt rsdp; do
	case $t in
	dsdt) sig=DSDT ;; madt) sig=APIC ;; fadt) sig=FACP ;;
	xsdt) sig=XSDT ;; rsdp) sig=RSDP ;;
	esac
	printf 'info\nhalt\n' | sparecore run --cpu 1 --corrupt-acpi $t >$T/bad.out 2>$T/bad.err
	rc=$?
	cat $T/bad.err
	check "$t damaged: exit status 2" [ $rc -eq 2 ]
	check "$t damaged: report names ACPI table $sig, bad checksum" \
		grep -q "refused its firmware: ACPI table $sig: bad checksum" $T/bad.err
	check "$t damaged: no shell came up" sh -c "! grep -q 'sparecore>' $T/bad.out"
	check "$t damaged: CPU 1 online after" cpu_online 1
done
check "module holds no pages" [ "$(module_pages)" = 0 ]
check "a process runs on CPU 1 again" taskset -c 1 sh -c 'exit 0'

summary acpi
