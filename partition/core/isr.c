// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Where every interrupt and exception lands (from isr_common in entry.S),
 * with interrupts off. Exceptions crash; the timer ticks; the doorbell needs
 * no work of its own: it exists to end a HLT, and the woken code re-checks
 * its ring.
 */
#include "frame.h"

#include "apic.h"
#include "boot.h"
#include "exception.h"
#include "timer.h"
#include "vectors.h"

/* Interrupts seen on vectors we did not set up. A dedicated CPU should
 * see none; Linux's broadcast IPIs would land here (docs/host-safety.md).
 * Published in boot info for `sparecore status`. */
uint64_t isr_stray_count;

/* Doorbell interrupts taken (the host's KICKs), for `ringbench`. */
uint64_t isr_doorbell_count;

/* Doorbell vectors the drivers found in ACPI, one bit per vector. */
static uint64_t doorbells[4];

int isr_add_doorbell(uint32_t vector)
{
	if (vector < VEC_EXCEPTIONS || vector >= VEC_SPURIOUS ||
	    vector == VEC_TIMER)
		return -1;
	doorbells[vector / 64] |= 1ull << (vector % 64);
	return 0;
}

void isr_dispatch(struct isr_frame *f)
{
	uint64_t vec = f->vector;

	/* An NMI is not ours (the host has no reason to send one) and not a
	 * fault: count it and go on. No EOI: an NMI sets no in-service bit,
	 * and an EOI would retire some other interrupt's. */
	if (vec == VEC_NMI) {
		isr_stray_count++;
		__atomic_store_n(&boot_info->stray_irqs, isr_stray_count,
				 __ATOMIC_RELAXED);
		return;
	}
	if (vec < VEC_EXCEPTIONS)
		exception_crash(f);

	switch (vec) {
	case VEC_TIMER:
		timer_tick();
		break;
	case VEC_SPURIOUS:
		/* A spurious interrupt sets no in-service bit: no EOI. */
		return;
	case VEC_DOORBELL:
		isr_doorbell_count++;
		break;
	default:
		if (!(doorbells[vec / 64] & (1ull << (vec % 64)))) {
			/* Counted and acknowledged, never fatal: a stray
			 * IPI from the host must not stop the partition. */
			isr_stray_count++;
			__atomic_store_n(&boot_info->stray_irqs,
					 isr_stray_count, __ATOMIC_RELAXED);
		} else
			isr_doorbell_count++;
		break;
	}
	/* Without a working APIC nothing external can arrive, but a
	 * software INT could: do not touch an APIC we could not set up. */
	if (apic_ready())
		apic_eoi();
}
