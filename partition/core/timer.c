// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * APIC timer and TSC time keeping. The APIC timer's input clock is not
 * architecturally known, so we count how far it gets in CALIBRATE_MS of
 * TSC time and program the period from that. All arithmetic is 64-bit
 * integer: no floating point, no 128-bit division (no libgcc helpers).
 */
#include "timer.h"

#include <sparecore/compiler.h>

#include "apic.h"
#include "boot.h"
#include "cpu.h"
#include "vectors.h"

#define CALIBRATE_MS 10u
#define TIMER_DIV_16 0x3u       /* divide configuration register value */
#define GUESS_TSC_KHZ 1000000u  /* 1 GHz, only if the host gave no rate */
#define MIN_PERIOD 16u          /* never program 0 (it stops the timer) */

static uint64_t khz;
static uint64_t ticks;

uint64_t tsc_khz(void)
{
	return khz;
}

static void tsc_wait(uint64_t cycles)
{
	uint64_t t0 = rdtsc();

	while (rdtsc() - t0 < cycles)
		cpu_relax();
}

void delay_us(uint64_t us)
{
	tsc_wait(us * khz / 1000);
}

uint64_t uptime_ms(void)
{
	if (!khz) /* before timer_init(): no rate yet, no #DE */
		return 0;
	return (rdtsc() - boot_tsc) / khz;
}

int timer_init(void)
{
	uint64_t want, t0, t1, counted, period;
	int ret = 0;

	khz = boot_info->tsc_khz;
	if (!khz) {
		khz = GUESS_TSC_KHZ;
		ret = -1;
	}

	/* One-shot, masked, counting down from the maximum. Interrupts are
	 * off, so nothing stretches the window between the two reads. */
	apic_write(APIC_TIMER_DIV, TIMER_DIV_16);
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | VEC_TIMER);
	want = khz * CALIBRATE_MS;
	t0 = rdtsc();
	apic_write(APIC_TIMER_INIT, 0xffffffffu);
	tsc_wait(want);
	counted = 0xffffffffu - apic_read(APIC_TIMER_CUR);
	t1 = rdtsc();
	apic_write(APIC_TIMER_INIT, 0);

	/* Scale to exactly one period of 1000 / TIMER_HZ ms by the TSC time
	 * that really passed. counted < 2^32 and want < 2^32 for any TSC
	 * below 400 GHz, so the product fits 64 bits. */
	if (t1 <= t0)
		t1 = t0 + want;
	period = counted * (khz * (1000 / TIMER_HZ)) / (t1 - t0);
	if (period < MIN_PERIOD)
		period = MIN_PERIOD;
	if (period > 0xffffffffu)
		period = 0xffffffffu;

	/* LVT first (vector, periodic, unmasked), then the count starts it. */
	apic_write(APIC_LVT_TIMER, APIC_LVT_PERIODIC | VEC_TIMER);
	apic_write(APIC_TIMER_INIT, (uint32_t)period);
	return ret;
}

void timer_tick(void)
{
	ticks++;
	/* Only we write the heartbeat; the host reads it. Atomic so the
	 * 64-bit store is one store the compiler cannot split or elide. */
	STORE_RLX(&boot_info->heartbeat, ticks);
}

uint64_t timer_ticks(void)
{
	return LOAD_RLX(&ticks);
}
