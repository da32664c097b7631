// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Where every interrupt and exception lands (from isr_common in entry.S),
 * with interrupts off. Exceptions crash; the timer ticks; the doorbell needs
 * no work of its own: it exists to end a HLT, and the woken code re-checks
 * its ring.
 */
#include "frame.h"

#include "apic.h"
#include "exception.h"
#include "timer.h"
#include "vectors.h"

/* Interrupts seen on vectors we did not set up; for diagnosis only. */
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
		if (!(doorbells[vec / 64] & (1ull << (vec % 64))))
			isr_stray_count++;
		else
			isr_doorbell_count++;
		break;
	}
	/* Without a working APIC nothing external can arrive, but a
	 * software INT could: do not touch an APIC we could not set up. */
	if (apic_ready())
		apic_eoi();
}
