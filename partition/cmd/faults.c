// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Deliberate failures, one per way a partition can go wrong, for the
 * end-to-end tests of the host's failure paths (crash report, watchdog,
 * kill of the service while the console is busy).
 */
#include "faults.h"

#include "pv_console.h"
#include "boot.h"
#include "cpu.h"
#include "kprintf.h"
#include "kstring.h"

#define LAST_WORDS_MS 200 /* let the host print what we said before dying */

/* An address below SC_VIRT_BASE: unmapped once the identity map is gone. */
#define UNMAPPED_VA 0x100000ull

static __attribute__((noreturn)) void double_fault(void)
{
	/* Point the stack at unmapped memory and push: the #PF cannot push
	 * its own frame there, and a #PF while delivering a #PF is a #DF.
	 * The #DF gate switches to IST1 (idt.c), so it still reports. */
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "pushq $0"
			 :
			 : "r"(UNMAPPED_VA)
			 : "memory");
	halt_forever();
}

static __attribute__((noreturn)) void triple_fault(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) empty = { 0, 0 };

	/* With an empty IDT, #UD cannot be delivered (#GP), nor can the #GP
	 * (#DF), nor the #DF: the CPU shuts down. What happens then is the
	 * platform's choice; see docs/failures.md ("Failure paths"). */
	__asm__ volatile("cli\n\t"
			 "lidt %0\n\t"
			 "ud2"
			 :
			 : "m"(empty)
			 : "memory");
	halt_forever();
}

void cmd_crash(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "pf";

	if (!strcmp(kind, "pf")) {
		/* Nothing is mapped below SC_VIRT_BASE - 4 KiB once the
		 * identity map is gone: a #PF with CR2 = 0x10. */
		__asm__ volatile("movq $0, 0x10" : : : "memory");
	} else if (!strcmp(kind, "ud")) {
		__asm__ volatile("ud2" : : : "memory");
	} else if (!strcmp(kind, "gp")) {
		/* A non-canonical address: #GP(0). */
		__asm__ volatile("movabsq $0x8000000000000000, %%rax\n\t"
				 "movq (%%rax), %%rax"
				 :
				 :
				 : "rax", "memory");
	} else if (!strcmp(kind, "past")) {
		/* One byte past partition memory: the host maps nothing
		 * there, so a wild pointer faults instead of writing host
		 * memory. */
		*(volatile uint8_t *)pa_to_va(boot_info->mem_size) = 0;
	} else if (!strcmp(kind, "df")) {
		double_fault();
	} else if (!strcmp(kind, "triple")) {
		kprintf("triple fault: this CPU shuts down; QEMU and many PCs reset the whole machine\n");
		console_drain(LAST_WORDS_MS);
		triple_fault();
	} else {
		kprintf("usage: crash [pf|past|ud|gp|df|triple]\n");
		return;
	}
	kprintf("crash: no exception?\n");
}

void cmd_hang(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "cli";

	if (strcmp(kind, "cli") && strcmp(kind, "loop")) {
		kprintf("usage: hang [cli|loop]\n");
		return;
	}
	kprintf("hanging (%s) with interrupts off: no more heartbeats\n",
		!strcmp(kind, "cli") ? "cli; hlt" : "tight loop");
	console_drain(LAST_WORDS_MS);
	if (!strcmp(kind, "cli"))
		halt_forever();
	irq_disable();
	for (;;)
		__asm__ volatile("" : : : "memory");
}

/* Print numbered lines as fast as the host takes them, until N lines or,
 * without N, until any input arrives: keeps the console ring full. */
void cmd_flood(int argc, char **argv)
{
	uint64_t n = 0, max = 0;

	if (argc > 1) {
		for (const char *p = argv[1]; *p; p++) {
			if (*p < '0' || *p > '9' || max > 1000000000ull) {
				kprintf("usage: flood [LINES]\n");
				return;
			}
			max = max * 10 + (uint64_t)(*p - '0');
		}
	}
	while (!max || n < max) {
		kprintf("flood %08llu the quick brown fox jumps over the lazy dog\n",
			(unsigned long long)n++);
		if (!max && console_getc() >= 0)
			break;
	}
	kprintf("flood: %llu lines\n", (unsigned long long)n);
}
