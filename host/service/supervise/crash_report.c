// SPDX-License-Identifier: GPL-2.0
#include "crash_report.h"

#include <string.h>

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

/* A soft crash: the partition refused its ACPI tables. One line that
 * names the table and says why, then where it stopped. */
static void print_acpi(FILE *f, unsigned cpu, const struct sc_crash *c)
{
	uint32_t reason = (uint32_t)(c->vector - SC_CRASH_ACPI);
	uint32_t detail = (uint32_t)(c->error_code >> 32);
	char sig[5], why[96];

	for (int i = 0; i < 4; i++) {
		char ch = (char)(c->error_code >> (8 * i));

		sig[i] = ch >= 0x20 && ch < 0x7f ? ch : '?';
	}
	sig[4] = 0;
	if (!strcmp(sig, "RSD "))
		strcpy(sig, "RSDP");
	switch (reason) {
	case SC_ACPI_BAD_RANGE:
		snprintf(why, sizeof(why), "address 0x%x is outside partition memory", detail);
		break;
	case SC_ACPI_BAD_SIG:
		snprintf(why, sizeof(why), "wrong signature where the table should be");
		break;
	case SC_ACPI_BAD_LEN:
		snprintf(why, sizeof(why), "bad length %u", detail);
		break;
	case SC_ACPI_BAD_SUM:
		snprintf(why, sizeof(why), "bad checksum (bytes sum to 0x%02x, not 0)", detail & 0xff);
		break;
	case SC_ACPI_BAD_REV:
		snprintf(why, sizeof(why), "revision %u is too old", detail);
		break;
	case SC_ACPI_BAD_DATA:
		snprintf(why, sizeof(why), "bad content at offset 0x%x", detail);
		break;
	case SC_ACPI_BAD_AML:
		snprintf(why, sizeof(why), "AML the partition cannot follow at offset 0x%x", detail);
		break;
	case SC_ACPI_MISSING:
		snprintf(why, sizeof(why), "missing");
		break;
	case SC_ACPI_NO_CONSOLE:
		snprintf(why, sizeof(why), "names no console device");
		break;
	default:
		snprintf(why, sizeof(why), "reason %u", reason);
		break;
	}
	fprintf(f, "sparecore: partition on CPU %u refused its firmware: ACPI table %s: %s\n",
		cpu, sig, why);
	fprintf(f, "  stopped at rip %016llx (report vector 0x%llx, code 0x%016llx)\n",
		(unsigned long long)c->rip, (unsigned long long)c->vector,
		(unsigned long long)c->error_code);
}

void sc_crash_print(FILE *f, unsigned cpu, const struct sc_crash *c)
{
	static const char *const reg[SC_REG_COUNT] = {
		"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
		"r9", "r10", "r11", "r12", "r13", "r14", "r15",
	};

	if (c->vector >= SC_CRASH_ACPI && c->vector <= SC_CRASH_ACPI + SC_ACPI_FAULT_MAX) {
		print_acpi(f, cpu, c);
		return;
	}

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
