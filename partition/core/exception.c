// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The crash report. The host trusts none of it (it only prints numbers), so
 * we just write what we know, in a fixed order: report first, then the
 * console line, then state CRASHED with release ordering, so a host that
 * sees the state also sees the report and, usually, the line.
 *
 * A fault while doing this comes back here; phase says how far the first
 * attempt got. While the report is being written we cannot trust it and
 * just halt (the host's watchdog notices: no heartbeat, interrupts are off).
 * Once the report is complete, only the console line is best effort: a
 * fault in it still publishes the report.
 */
#include "exception.h"

#include "pv_console.h"
#include "apic.h"
#include "boot.h"
#include "cpu.h"
#include "kprintf.h"

enum crash_phase {
	PHASE_NONE,      /* no crash yet */
	PHASE_FILLING,   /* writing boot_info->crash */
	PHASE_PRINTING,  /* report complete; printing the console line */
	PHASE_REPORTING, /* publishing state and ringing the host */
};

static volatile enum crash_phase phase;

static void fill_report(struct sc_crash *c, const struct isr_frame *f,
			uint64_t cr2)
{
	uint64_t words = 0;

	c->vector = f->vector;
	c->error_code = f->error_code;
	c->rip = f->rip;
	c->cs = f->cs;
	c->rflags = f->rflags;
	c->rsp = f->rsp;
	c->ss = f->ss;
	c->cr2 = cr2;
	for (unsigned int i = 0; i < SC_REG_COUNT; i++)
		c->regs[i] = f->regs[i];
	/* Copy the top of the faulting stack only from partition memory
	 * (all of it is mapped): a wild rsp must not fault us again. */
	while (words < SC_CRASH_STACK_WORDS &&
	       va_in_partition(f->rsp, (words + 1) * 8))
		words++;
	for (uint64_t i = 0; i < SC_CRASH_STACK_WORDS; i++)
		c->stack[i] = i < words ? ((const uint64_t *)(uintptr_t)f->rsp)[i] : 0;
}

static __attribute__((noreturn)) void publish(void)
{
	phase = PHASE_REPORTING;
	boot_set_state(SC_STATE_CRASHED);
	apic_doorbell_host();
	halt_forever();
}

void exception_crash(const struct isr_frame *f)
{
	uint64_t cr2 = read_cr2(); /* before anything else can fault */
	char line[64];
	size_t n;

	switch (phase) {
	case PHASE_NONE:
		break;
	case PHASE_PRINTING:
		publish(); /* the report is whole; only the line failed */
	default:
		halt_forever();
	}
	if (!boot_info)
		halt_forever(); /* nowhere to report to */

	phase = PHASE_FILLING;
	fill_report(&boot_info->crash, f, cr2);

	phase = PHASE_PRINTING;
	n = (size_t)ksnprintf(line, sizeof(line), "\n%s: vector %llu at 0x%llx\n",
			      f->vector >= SC_CRASH_SOFT ? "stopped" : "crash",
			      (unsigned long long)f->vector,
			      (unsigned long long)f->rip);
	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	console_write_nowait(line, n);

	publish();
}

void crash_soft(uint64_t vector, uint64_t code)
{
	struct isr_frame f = { .vector = vector, .error_code = code };
	uint64_t cs, ss, flags;

	__asm__ volatile("mov %%cs, %0; mov %%ss, %1; pushfq; popq %2"
			 : "=r"(cs), "=r"(ss), "=r"(flags));
	irq_disable();
	f.rip = (uint64_t)(uintptr_t)__builtin_return_address(0);
	f.rsp = (uint64_t)(uintptr_t)__builtin_frame_address(0);
	f.regs[SC_REG_RBP] = f.rsp;
	f.cs = cs;
	f.ss = ss;
	f.rflags = flags;
	exception_crash(&f);
}
