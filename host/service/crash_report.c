// SPDX-License-Identifier: GPL-2.0
#include "crash_report.h"

static const char *const names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode",
	"#NM device not available", "#DF double fault", "coprocessor overrun",
	"#TS invalid TSS", "#NP segment not present", "#SS stack fault",
	"#GP general protection", "#PF page fault", "reserved 15",
	"#MF x87 error", "#AC alignment check", "#MC machine check",
	"#XM SIMD error", "#VE virtualization", "#CP control protection",
};

const char *sc_crash_vector_name(unsigned long long vector)
{
	if (vector < 32 && names[vector])
		return names[vector];
	return "unknown vector";
}

void sc_crash_print(FILE *f, unsigned cpu, const struct sc_crash *c)
{
	static const char *const reg[SC_REG_COUNT] = {
		"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
		"r9", "r10", "r11", "r12", "r13", "r14", "r15",
	};

	fprintf(f, "sparecore: partition on CPU %u crashed: vector %llu (%s), error code 0x%llx\n",
		cpu, (unsigned long long)c->vector, sc_crash_vector_name(c->vector),
		(unsigned long long)c->error_code);
	fprintf(f, "  rip %016llx  cs %04llx  rflags %016llx\n",
		(unsigned long long)c->rip, (unsigned long long)c->cs,
		(unsigned long long)c->rflags);
	fprintf(f, "  rsp %016llx  ss %04llx  cr2 %016llx\n",
		(unsigned long long)c->rsp, (unsigned long long)c->ss,
		(unsigned long long)c->cr2);
	for (int i = 0; i < SC_REG_COUNT; i++)
		fprintf(f, "  %-3s %016llx%s", reg[i], (unsigned long long)c->regs[i],
			i % 3 == 2 ? "\n" : "");
	fprintf(f, "  stack:");
	for (unsigned i = 0; i < SC_CRASH_STACK_WORDS; i++)
		fprintf(f, " %016llx", (unsigned long long)c->stack[i]);
	fprintf(f, "\n");
}
