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
		break;
	default:
		isr_stray_count++;
		break;
	}
	/* Without a working APIC nothing external can arrive, but a
	 * software INT could: do not touch an APIC we could not set up. */
	if (apic_ready())
		apic_eoi();
}
