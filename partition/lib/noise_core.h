/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The OS-noise measurement, one file for both sides: the partition's
 * `noise` command (partition/cmd/noise.c) and the pinned Linux thread it is
 * compared with (tests/bench/noise.c) time the very same work quantum and
 * summarise it the same way. Freestanding: only the TSC.
 */
#ifndef SC_NOISE_CORE_H
#define SC_NOISE_CORE_H

#include <stddef.h>
#include <stdint.h>

#define NOISE_MAX 10000u     /* samples per run */
#define NOISE_US_MAX 100000u /* longest quantum */

/* Distribution of one run, in tenths of a microsecond. */
struct noise_stats {
	uint64_t min, p50, p99, max, spread;
};

/* TSC ticks one quantum of iters iterations took. */
uint64_t noise_time(uint64_t iters);
/* Iterations that take about target_ticks. */
uint64_t noise_calibrate(uint64_t target_ticks);
/* Sort samples[0..n) (n >= 1) and summarise them for a TSC of khz. */
void noise_summarise(uint64_t *samples, size_t n, uint64_t khz,
		     struct noise_stats *out);

/* The line both sides print: tag, n, quantum_us, then NOISE_ARGS(s). */
#define NOISE_LINE "%s: n=%llu quantum_us=%llu min=%llu.%llu p50=%llu.%llu " \
		   "p99=%llu.%llu max=%llu.%llu spread=%llu.%llu (us)\n"
#define NOISE_TENTHS(v) (unsigned long long)((v) / 10), \
			(unsigned long long)((v) % 10)
#define NOISE_ARGS(s) NOISE_TENTHS((s)->min), NOISE_TENTHS((s)->p50), \
		      NOISE_TENTHS((s)->p99), NOISE_TENTHS((s)->max),  \
		      NOISE_TENTHS((s)->spread)

#endif
