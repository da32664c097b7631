// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The SDK's time: TSC nanoseconds, sleeping and drift-free periodic
 * deadlines. The APIC timer stays what it is (a 100 Hz heartbeat the host
 * watches), so it cannot wake us at an arbitrary time: a sleep halts
 * between ticks while more than a tick remains, then spins on the TSC.
 */
#include <sparecore/partition.h>

#include "cpu.h"
#include "idle.h"
#include "timer.h"

/* Halt only while more than this remains: the next tick (at most one
 * period away) must not overshoot the deadline. */
#define HALT_MARGIN_NS (1000000000ull / TIMER_HZ + 1000000ull)

uint64_t sc_tsc(void)
{
	return rdtsc();
}

uint64_t sc_tsc_khz(void)
{
	return tsc_khz();
}

uint64_t sc_now_ns(void)
{
	return uptime_ns();
}

void sc_poll(void)
{
	uint64_t flags = irq_save();

	idle_poll();
	irq_restore(flags);
}

void sc_sleep_until_ns(uint64_t deadline)
{
	uint64_t now;

	while ((now = sc_now_ns()) < deadline && deadline - now > HALT_MARGIN_NS) {
		uint64_t flags = irq_save();

		/* A doorbell or the next tick ends the HLT; the hooks say
		 * if there is work left, and then we do not sleep. */
		if (!idle_poll())
			irq_enable_and_wait();
		irq_disable();
		irq_restore(flags);
	}
	while (sc_now_ns() < deadline)
		cpu_relax();
}

void sc_sleep_ns(uint64_t ns)
{
	sc_sleep_until_ns(sc_now_ns() + ns);
}

void sc_periodic_start(struct sc_periodic *p, uint64_t period_ns)
{
	p->period_ns = period_ns ? period_ns : 1;
	p->next_ns = sc_now_ns() + p->period_ns;
	p->missed = 0;
}

uint64_t sc_periodic_wait(struct sc_periodic *p)
{
	uint64_t deadline = p->next_ns, now, late;

	sc_sleep_until_ns(deadline);
	now = sc_now_ns();
	late = now - deadline;
	p->next_ns = deadline + p->period_ns;
	/* Overran whole periods: skip the deadlines already past rather
	 * than fire them back to back. */
	if (p->next_ns <= now) {
		uint64_t skip = (now - p->next_ns) / p->period_ns + 1;

		p->missed += skip;
		p->next_ns += skip * p->period_ns;
	}
	return late;
}
