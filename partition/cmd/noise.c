// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * OS noise: a fixed work quantum (a dependent LCG chain, pure ALU, no
 * memory traffic) calibrated by the TSC to about US microseconds, run N
 * times; each run's duration in TSC ticks is kept and the distribution
 * printed. The first pass runs as the partition always does (the 100 Hz
 * timer interrupt stays on: it is part of our noise); the second disables
 * interrupts around each quantum (pending ones are taken in between, so
 * the heartbeat goes on). Integer math only (-mgeneral-regs-only).
 *
 *   noise: n=N quantum_us=US min=X p50=X p99=X max=X spread=X (us)
 *   noise-irqoff: (the same fields)
 *
 * The quantum and the summary are noise_core.c, which tests/bench/noise.c
 * (the same line as `linux-noise:`) compiles too.
 */
#include "noise.h"
#include "noise_core.h"

#include "cpu.h"
#include "kprintf.h"
#include "kstring.h"
#include "timer.h"

static uint64_t samples[NOISE_MAX];

static void report(const char *tag, uint64_t n, uint64_t us, uint64_t khz)
{
	struct noise_stats st;

	noise_summarise(samples, n, khz, &st);
	kprintf(NOISE_LINE, tag, (unsigned long long)n, (unsigned long long)us,
		NOISE_ARGS(&st));
}

void cmd_noise(int argc, char **argv)
{
	uint64_t n = NOISE_MAX, us = 1000, khz = tsc_khz(), iters;

	if ((argc > 1 && !kstr_u64(argv[1], false, &n)) ||
	    (argc > 2 && !kstr_u64(argv[2], false, &us)) ||
	    argc > 3 || !n || n > NOISE_MAX || !us || us > NOISE_US_MAX) {
		kprintf("usage: noise [N (1-%u)] [US (1-%u)]\n", NOISE_MAX, NOISE_US_MAX);
		return;
	}
	if (!khz)
		khz = 1;
	iters = noise_calibrate(us * khz / 1000);
	kprintf("noise: %llu iterations per quantum, tsc %llu kHz; under TCG "
		"times are not hardware times\n",
		(unsigned long long)iters, (unsigned long long)khz);

	for (uint64_t i = 0; i < n; i++)
		samples[i] = noise_time(iters);
	report("noise", n, us, khz);

	for (uint64_t i = 0; i < n; i++) {
		uint64_t f = irq_save();

		samples[i] = noise_time(iters);
		irq_restore(f);
	}
	report("noise-irqoff", n, us, khz);
}
