// SPDX-License-Identifier: GPL-2.0
/*
 * IPIs to a partition CPU, always by physical APIC ID in physical
 * destination mode: the CPU is offline to Linux, so no logical-ID cluster
 * bookkeeping covers it, and icr_write(low, id) with APIC_DEST_PHYSICAL
 * was verified in both flat xAPIC and cluster x2APIC hosts.
 */
#include "sparecore.h"

#include <linux/delay.h>
#include <linux/irqflags.h>
#include <asm/apic.h>

/* An interrupt between ICR2 and ICR writes (xAPIC) could send its own IPI
 * in the middle of ours, so the pair runs with interrupts off. The wait for
 * delivery is bounded (safe_wait_icr_idle: about 100 ms, as Linux's own
 * bring-up uses), so an APIC that never clears its busy bit cannot hang
 * this CPU with interrupts off; it costs a line in the log instead. The
 * header's wrapper, not apic->safe_wait_icr_idle: 6.12's x2APIC drivers
 * leave that pointer NULL (no wait is needed there). */
static void sc_icr(u32 low, u32 apic_id)
{
	unsigned long flags;
	u32 busy;

	local_irq_save(flags);
	apic->icr_write(low, apic_id);
	busy = safe_apic_wait_icr_idle();
	local_irq_restore(flags);
	if (busy)
		pr_warn_ratelimited("IPI %#x to APIC ID %u: not delivered (ICR still busy)\n",
				    low, apic_id);
}

/* INIT puts the CPU in wait-for-SIPI: how a partition is stopped, and the
 * first step of a start. Timing as Linux's wakeup_secondary_cpu_via_init. */
void sc_ipi_init(u32 apic_id)
{
	sc_icr(APIC_DEST_PHYSICAL | APIC_INT_LEVELTRIG | APIC_INT_ASSERT |
	       APIC_DM_INIT, apic_id);
	msleep(10);
	sc_icr(APIC_DEST_PHYSICAL | APIC_INT_LEVELTRIG | APIC_DM_INIT, apic_id);
	udelay(200);
}

/* INIT without the de-assert and its delays, for interrupt context: the
 * assert alone parks the CPU (the de-assert only matters to pre-Pentium 4
 * arbitration, and sc_ipi_init sends the full sequence again at STOP). */
void sc_ipi_init_now(u32 apic_id)
{
	sc_icr(APIC_DEST_PHYSICAL | APIC_INT_LEVELTRIG | APIC_INT_ASSERT |
	       APIC_DM_INIT, apic_id);
}

/* INIT, then two SIPIs (the second is ignored if the first took). The CPU
 * starts in real mode at page:0. */
void sc_ipi_startup(u32 apic_id, unsigned long page)
{
	int i;

	sc_ipi_init(apic_id);
	for (i = 0; i < 2; i++) {
		sc_icr(APIC_DEST_PHYSICAL | APIC_DM_STARTUP | (page >> 12),
		       apic_id);
		udelay(200);
	}
}

/* Any delivery mode and vector (stray.c's test interrupts). */
void sc_ipi_raw(u32 apic_id, u32 mode_vector)
{
	sc_icr(APIC_DEST_PHYSICAL | mode_vector, apic_id);
}

/* The partition's doorbell. */
void sc_ipi_kick(u32 apic_id)
{
	sc_icr(APIC_DEST_PHYSICAL | APIC_DM_FIXED | SC_PART_DOORBELL_VECTOR,
	       apic_id);
}
