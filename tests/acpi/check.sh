#!/bin/bash
# make acpi-check: ACPICA's own tools read the tables `sparecore tables`
# writes, for a few partitions (console only; console + disk; everything,
# with an APIC ID that needs a Local x2APIC entry). Runs on the build
# machine, no root, no lab VM.
#
# For every table but the RSDP:
#   - `iasl -d` disassembles it with no error, warning, remark, or
#     "Incorrect checksum" note in its output or in the .dsl it writes;
#   - compiling that .dsl again with `iasl -we` gives the same bytes
#     (nothing was lost or guessed in the disassembly).
# The RSDP: iasl cannot load one from a file (ACPICA: "Loading an RSDP is
# not supported"), so this script checks it itself: signature, revision 2,
# length 36, both checksums, and that it points at the XSDT.
# The DSDT: `acpiexec` loads it (with our FADT) and evaluates _HID and _CRS
# of each device; `resources` decodes each _CRS, whose ring addresses,
# lengths and doorbell vector must be the ones the ABI gives; devices the
# partition does not have must not exist.
#
# Usage: tests/acpi/check.sh [BUILD_DIR]       (default: build)
set -u

build=${1:-build}
sc=$build/sparecore
pass=0 failed=0
ok()   { pass=$((pass + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }

for tool in iasl acpiexec od; do
	command -v $tool >/dev/null || { echo "acpi-check: $tool not found (make deps)" >&2; exit 1; }
done
[ -x "$sc" ] || { echo "acpi-check: $sc not built (make)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/acpi-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Ring sizes per device as `sparecore tables` uses them: SC_RING_BYTES(order)
# = ring header + 64 << order. The header size comes from the ABI header
# itself, so a layout change there does not need an edit here.
hdr=$(printf '#include <stdio.h>\n#include <sparecore/ring.h>\nint main(void){printf("%%zu", sizeof(struct sc_ring_hdr));return 0;}\n' |
	cc -Iinclude -x c - -o "$tmp/hdrsize" && "$tmp/hdrsize")
[ -n "$hdr" ] || { echo "acpi-check: cannot compute the ring header size" >&2; exit 1; }
CONS_LEN=$(printf '%016X' $((hdr + (64 << 6))))   # order 6
DISK_LEN=$(printf '%016X' $((hdr + (64 << 7))))   # order 7
NET_LEN=$(printf '%016X' $((hdr + (64 << 8))))    # order 8
ring_pa() { printf '%016X' $((0x20000 + $1 * 0x10000)); }

# Byte i of a file, as a decimal number.
byte() { od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' '; }
# Little-endian value of n bytes at offset i.
le() { local f=$1 off=$2 n=$3 v=0 k; for ((k = n - 1; k >= 0; k--)); do v=$(( (v << 8) | $(byte "$f" $((off + k))) )); done; echo $v; }
sum() { od -An -tu1 -v -N "$2" "$1" | tr -s ' \n' '\n' | awk 'NF{s+=$1} END{print s % 256}'; }

check_rsdp() { # DIR
	local f=$1/rsdp.dat xsdt
	xsdt=$(sed -n 's/^ACPI: XSDT 0x\([0-9A-F]*\) .*/\1/p' "$1/list")
	check "$2: rsdp.dat is 36 bytes" [ "$(stat -c %s "$f")" = 36 ]
	check "$2: RSDP signature" [ "$(head -c 8 "$f")" = "RSD PTR " ]
	check "$2: RSDP revision 2, length 36" [ "$(byte "$f" 15)/$(le "$f" 20 4)" = 2/36 ]
	check "$2: RSDP checksum (20 bytes)" [ "$(sum "$f" 20)" = 0 ]
	check "$2: RSDP extended checksum (36 bytes)" [ "$(sum "$f" 36)" = 0 ]
	check "$2: RSDP has no RSDT" [ "$(le "$f" 16 4)" = 0 ]
	check "$2: RSDP points at the XSDT (0x$xsdt)" [ "$(le "$f" 24 8)" = $((0x$xsdt)) ]
}

check_disassembly() { # DIR CASE
	local t log rc
	for t in xsdt facp apic dsdt; do
		log=$1/$t.iasl.log
		(cd "$1" && iasl -d $t.dat) >"$log" 2>&1
		rc=$?
		check "$2: iasl -d $t.dat succeeds" [ $rc -eq 0 -a -s "$1/$t.dsl" ]
		if grep -Eiq 'error|warning|remark|incorrect|invalid' "$log" "$1/$t.dsl"; then
			fail "$2: iasl -d $t.dat is clean"
			grep -Ei 'error|warning|remark|incorrect|invalid' "$log" "$1/$t.dsl" | head -5
		else
			ok "$2: iasl -d $t.dat is clean (no error, warning, remark, checksum note)"
		fi
		iasl -we -vs -p "$1/rt-$t" "$1/$t.dsl" >"$1/rt-$t.log" 2>&1
		check "$2: $t.dsl compiles back to the same bytes" cmp -s "$1/$t.dat" "$1/rt-$t.aml"
	done
}

# acpiexec on one device: _HID, _CRS, and the decoded resources.
check_device() { # DIR CASE NAME HID FIRST_RING RINGS LEN
	local dir=$1 c=$2 name=$3 hid=$4 first=$5 rings=$6 len=$7 out want got i
	out=$dir/acpiexec-$name.log
	(cd "$dir" && acpiexec -b "evaluate \\_SB.$name._HID; evaluate \\_SB.$name._CRS; resources \\_SB.$name" \
		facp.dat dsdt.dat) >"$out" 2>&1
	check "$c: acpiexec: \\_SB.$name._HID is \"$hid\"" grep -q "\[String\] Length 08 = \"$hid\"" "$out"
	check "$c: acpiexec: \\_SB.$name._CRS is a buffer" grep -q "Evaluation of \\\\_SB.$name._CRS returned" "$out"
	want=""; for ((i = 0; i < rings; i++)); do want="$want $(ring_pa $((first + i)))"; done
	got=$(sed -n 's/^ *Address Minimum : //p' "$out" | tr '\n' ' ')
	check "$c: $name rings at$want" [ "$got" = "${want# } " ]
	got=$(sed -n 's/^ *Address Length : //p' "$out" | sort -u)
	check "$c: $name rings are $((0x$len)) bytes each" [ "$got" = "$len" ]
	got=$(sed -n 's/^ *Dword00 : //p' "$out")
	check "$c: $name doorbell vector 0xF0" [ "$got" = 000000F0 ]
	# The one complaint acpiexec's `resources` always makes: no _SRS.
	if grep -v 'AcpiSetCurrentResources failed: AE_NOT_FOUND' "$out" | grep -Eq 'Error|Warning|Exception|AE_'; then
		fail "$c: acpiexec on $name: no errors"
		grep -E 'Error|Warning|Exception|AE_' "$out" | head -5
	else
		ok "$c: acpiexec on $name: no errors"
	fi
}

check_absent() { # DIR CASE NAME
	local out=$1/acpiexec-$3-absent.log
	(cd "$1" && acpiexec -b "evaluate \\_SB.$3._HID" facp.dat dsdt.dat) >"$out" 2>&1
	check "$2: no \\_SB.$3 in the DSDT" grep -q "_SB.$3._HID failed with status AE_NOT_FOUND" "$out"
}

check_cpu() { # DIR CASE
	local out=$1/acpiexec-CPU0.log
	(cd "$1" && acpiexec -b 'evaluate \_SB.CPU0._HID; evaluate \_SB.CPU0._UID' facp.dat dsdt.dat) >"$out" 2>&1
	check "$2: acpiexec: \\_SB.CPU0._HID is ACPI0007" grep -q '\[String\] Length 08 = "ACPI0007"' "$out"
}

run_case() { # CASE MADT_LINE DEVICES -- TABLES_ARGS...
	local c=$1 madt=$2 devs=$3 dir=$tmp/$1
	shift 4
	"$sc" tables "$@" --out "$dir" >"$tmp/$c.list" 2>&1
	check "$c: sparecore tables $* succeeds" [ $? -eq 0 ]
	mv "$tmp/$c.list" "$dir/list" 2>/dev/null || { cat "$tmp/$c.list"; return; }
	check_rsdp "$dir" "$c"
	check_disassembly "$dir" "$c"
	check "$c: MADT: $madt" grep -q "$madt" "$dir/apic.dsl"
	check "$c: MADT: one processor entry, nothing else" \
		[ "$(grep -c 'Subtable Type' "$dir/apic.dsl")" = 1 ]
	check "$c: FADT: hardware-reduced" grep -q 'Hardware Reduced (V5) : 1' "$dir/facp.dsl"
	check_cpu "$dir" "$c"
	check_device "$dir" "$c" CONS SPRC0001 0 2 $CONS_LEN
	case " $devs " in
	*" disk "*) check_device "$dir" "$c" DISK SPRC0002 2 2 $DISK_LEN ;;
	*) check_absent "$dir" "$c" DISK ;;
	esac
	case " $devs " in
	*" net "*) check_device "$dir" "$c" NET0 SPRC0003 4 4 $NET_LEN ;;
	*) check_absent "$dir" "$c" NET0 ;;
	esac
	# The bench device exists only under run --bench-ring (its _CRS is
	# checked by tests/unit/test_acpi.c and the e2e ringbench test).
	check_absent "$dir" "$c" BNCH
}

id0=$(awk '/^processor/{p=$3} /^apicid/{if (p==0) {print $3; exit}}' /proc/cpuinfo)
run_case console-only "Local Apic ID : $(printf %02X "${id0:-0}")" "" -- --cpu 0
run_case disk "Local Apic ID : 07" "disk" -- --apic-id 7 --disk /dev/null
run_case all-x2apic "Processor x2Apic ID : 0000012C" "disk net" -- \
	--apic-id 300 --disk /dev/null --net tap:sc0

echo "acpi-check: $pass passed, $failed failed"
[ $failed -eq 0 ]
