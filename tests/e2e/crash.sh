#!/bin/sh
# Every kind of exception gives a crash report on the host (vector, error
# code, RIP, CR2, registers, stack words), exit status 2, and the CPU back.
# Not tested here: `crash triple`, which under QEMU resets the whole VM
# (see README, "Failure paths").
. /opt/sparecore/tests/e2e/lib.sh

# crash_test KIND "report line pattern" "cr2 pattern"
crash_test() {
	kind=$1 head=$2 cr2=$3
	printf 'crash %s\n' "$kind" | sparecore run --cpu 1 >$T/c.out 2>$T/c.err
	rc=$?
	cat $T/c.err
	check "crash $kind: exit status 2" [ $rc -eq 2 ]
	check "crash $kind: report names vector and error code" grep -q "crashed: $head" $T/c.err
	check "crash $kind: RIP in the image" grep -Eq "^  rip ffffffff801[0-9a-f]{5} " $T/c.err
	check "crash $kind: CR2" grep -Eq " cr2 $cr2\$" $T/c.err
	check "crash $kind: 15 registers" [ "$(grep -Eo ' (r[a-d]x|r[sd]i|rbp|r[0-9]+) +[0-9a-f]{16}' $T/c.err | wc -l)" -eq 15 ]
	check "crash $kind: 8 stack words" grep -Eq "^  stack:( [0-9a-f]{16}){8}\$" $T/c.err
	check "crash $kind: partition said so on its console" grep -q "^crash: vector" $T/c.out
	check "crash $kind: CPU 1 online after" cpu_online 1
	check "crash $kind: module holds no pages or IRQs" [ "$(module_pages)/$(module_irqs)" = 0/0 ]
}

# A write to an unmapped page: not-present, write, supervisor (0x2).
crash_test pf "vector 14 (#PF page fault), error code 0x2" 0000000000000010
check "crash pf: stack words from the faulting stack" grep -Eq "^  stack:.*[1-9a-f]" $T/c.err
# A wild pointer one byte past partition memory (64 MiB) faults: nothing
# of the host is mapped there.
crash_test past "vector 14 (#PF page fault), error code 0x2" ffffffff84000000
crash_test ud "vector 6 (#UD invalid opcode), error code 0x0" '[0-9a-f]{16}'
crash_test gp "vector 13 (#GP general protection), error code 0x0" '[0-9a-f]{16}'
# A push on an unmapped stack: the #PF cannot be delivered, #DF on IST1.
# The broken stack's words are not in partition memory: reported as 0.
crash_test df "vector 8 (#DF double fault), error code 0x0" 00000000000ffff8
check "crash df: RSP is the broken stack" grep -q "rsp 0000000000100000" $T/c.err

summary crash
