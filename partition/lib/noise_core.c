// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The work quantum is a dependent LCG chain: pure ALU, no memory traffic,
 * so its time varies only with what interrupts or steals the CPU.
 * Integer math only (the partition is built -mgeneral-regs-only).
 */
#include "noise_core.h"

#include "sort_u64.h"

static volatile uint64_t sink;

static __attribute__((noinline)) void work(uint64_t iters)
{
	uint64_t x = sink;

	for (uint64_t i = 0; i < iters; i++)
		x = x * 6364136223846793005ull + 1442695040888963407ull;
	sink = x;
}

uint64_t noise_time(uint64_t iters)
{
	uint64_t t0 = __builtin_ia32_rdtsc();

	work(iters);
	return __builtin_ia32_rdtsc() - t0;
}

uint64_t noise_calibrate(uint64_t target)
{
	uint64_t iters = 64, t;

	/* Double until a quarter of the target, then refine on the best of
	 * five (the least disturbed) three times. */
	for (;;) {
		t = noise_time(iters);
		if (t >= target / 4 || iters >= (1ull << 32))
			break;
		iters *= 2;
	}
	for (int round = 0; round < 3; round++) {
		uint64_t best = ~0ull;

		for (int k = 0; k < 5; k++) {
			t = noise_time(iters);
			if (t < best)
				best = t;
		}
		if (!best)
			best = 1;
		iters = iters * target / best;
		if (!iters)
			iters = 1;
		if (iters > (1ull << 32))
			iters = 1ull << 32;
	}
	return iters;
}

/* Ticks to tenths of a microsecond. */
static uint64_t tenths(uint64_t ticks, uint64_t khz)
{
	return ticks * 10000 / khz;
}

void noise_summarise(uint64_t *s, size_t n, uint64_t khz,
		     struct noise_stats *out)
{
	size_t p99 = (n * 99) / 100 < n ? (n * 99) / 100 : n - 1;

	sort_u64(s, n);
	out->min = tenths(s[0], khz);
	out->p50 = tenths(s[n / 2], khz);
	out->p99 = tenths(s[p99], khz);
	out->max = tenths(s[n - 1], khz);
	out->spread = tenths(s[n - 1] - s[0], khz);
}
