// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * partition_main: the order of start-up matters.
 *
 *  1. Our own GDT, TSS and IDT: the trampoline's GDT is in the low page the
 *     host takes back, and without an IDT any fault is a triple fault.
 *  2. Drop the identity map of that page, so nothing can touch it later.
 *  3. Report UP: from here on the host may restore the low page.
 *  4. APIC, then the timer (heartbeats), then interrupts on.
 *  5. ACPI tables: every one validated; a bad one stops us here with a
 *     crash report naming it (there is no console yet to say more). The
 *     MADT must name the APIC ID step 4 read.
 *  6. Console, started from the device the DSDT describes; banner; the
 *     disk and the network, if the DSDT names them; shell.
 */
#include "acpi.h"
#include "apic.h"
#include "boot.h"
#include "bringup.h"
#include "cpu.h"
#include "kprintf.h"
#include "net_glue.h"
#include "pv_blk.h"
#include "pv_console.h"
#include "shell.h"
#include "timer.h"

__attribute__((noreturn)) void partition_main(struct sc_boot_info *bi);

void partition_main(struct sc_boot_info *bi)
{
	int apic_ok, tsc_ok = 0;
	struct acpi_fault fault;

	bringup(bi);

	apic_ok = apic_init() == 0;
	if (apic_ok)
		tsc_ok = timer_init() == 0;
	irq_enable();

	if (acpi_init(bi, apic_ok ? apic_id() : bi->apic_id, &fault))
		acpi_refuse(&fault);

	/* Each driver finds its device in the DSDT itself. */
	if (console_probe() < 0) {
		/* Nowhere to talk to; keep the heartbeat going. */
		for (;;)
			irq_enable_and_wait();
	}
	kprintf("sparecore partition up on cpu %u (apic id %u, %s)\n", bi->cpu,
		apic_ok ? apic_id() : bi->apic_id, apic_mode_name());
	if (apic_problem())
		kprintf("warning: apic: %s\n", apic_problem());
	if (apic_ok && !tsc_ok)
		kprintf("warning: no TSC rate in boot info, guessed %llu kHz\n",
			(unsigned long long)tsc_khz());
	if (bi->part_vector && bi->part_vector != SC_PART_DOORBELL_VECTOR)
		kprintf("warning: host doorbell vector %u, expected %u\n",
			bi->part_vector, SC_PART_DOORBELL_VECTOR);
	blk_probe();
	net_probe(bi);

	shell_run();
}
