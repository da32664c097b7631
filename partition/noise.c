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
 * tests/bench/noise.c prints the same line as `linux-noise:`.
 */
#include "noise.h"

#include "cpu.h"
#include "kprintf.h"
#include "timer.h"

#define NOISE_MAX 10000u
#define NOISE_US_MAX 100000u

static uint64_t samples[NOISE_MAX];
static volatile uint64_t sink;

static __attribute__((noinline)) void work(uint64_t iters)
{
	uint64_t x = sink;

	for (uint64_t i = 0; i < iters; i++)
		x = x * 6364136223846793005ull + 1442695040888963407ull;
	sink = x;
}

static uint64_t time_work(uint64_t iters)
{
	uint64_t t0 = rdtsc();

	work(iters);
	return rdtsc() - t0;
}

/* Iterations of work() that take about target TSC ticks. */
static uint64_t calibrate(uint64_t target)
{
	uint64_t iters = 64, t;

	for (;;) {
		t = time_work(iters);
		if (t >= target / 4 || iters >= (1ull << 32))
			break;
		iters *= 2;
	}
	for (int round = 0; round < 3; round++) {
		uint64_t best = ~0ull;

		for (int k = 0; k < 5; k++) {
			t = time_work(iters);
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

/* In-place heapsort: no recursion, no extra memory. */
static void sift(uint64_t *a, size_t root, size_t n)
{
	for (;;) {
		size_t c = 2 * root + 1;

		if (c >= n)
			return;
		if (c + 1 < n && a[c + 1] > a[c])
			c++;
		if (a[root] >= a[c])
			return;
		uint64_t t = a[root];
		a[root] = a[c];
		a[c] = t;
		root = c;
	}
}

static void heapsort_u64(uint64_t *a, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift(a, i, n);
	for (size_t end = n; end-- > 1;) {
		uint64_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift(a, 0, end);
	}
}

/* Ticks to tenths of a microsecond. */
static uint64_t tenths(uint64_t ticks, uint64_t khz)
{
	return ticks * 10000 / khz;
}

static void report(const char *tag, uint64_t n, uint64_t us, uint64_t khz)
{
	uint64_t v[5];

	heapsort_u64(samples, n);
	v[0] = tenths(samples[0], khz);
	v[1] = tenths(samples[n / 2], khz);
	v[2] = tenths(samples[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], khz);
	v[3] = tenths(samples[n - 1], khz);
	v[4] = tenths(samples[n - 1] - samples[0], khz);
	kprintf("%s: n=%llu quantum_us=%llu min=%llu.%llu p50=%llu.%llu "
		"p99=%llu.%llu max=%llu.%llu spread=%llu.%llu (us)\n",
		tag, (unsigned long long)n, (unsigned long long)us,
		(unsigned long long)(v[0] / 10), (unsigned long long)(v[0] % 10),
		(unsigned long long)(v[1] / 10), (unsigned long long)(v[1] % 10),
		(unsigned long long)(v[2] / 10), (unsigned long long)(v[2] % 10),
		(unsigned long long)(v[3] / 10), (unsigned long long)(v[3] % 10),
		(unsigned long long)(v[4] / 10), (unsigned long long)(v[4] % 10));
}

static bool parse(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 1000000000ull)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return true;
}

void cmd_noise(int argc, char **argv)
{
	uint64_t n = NOISE_MAX, us = 1000, khz = tsc_khz(), iters;

	if ((argc > 1 && !parse(argv[1], &n)) || (argc > 2 && !parse(argv[2], &us)) ||
	    argc > 3 || !n || n > NOISE_MAX || !us || us > NOISE_US_MAX) {
		kprintf("usage: noise [N (1-%u)] [US (1-%u)]\n", NOISE_MAX, NOISE_US_MAX);
		return;
	}
	if (!khz)
		khz = 1;
	iters = calibrate(us * khz / 1000);
	kprintf("noise: %llu iterations per quantum, tsc %llu kHz; under TCG "
		"times are not hardware times\n",
		(unsigned long long)iters, (unsigned long long)khz);

	for (uint64_t i = 0; i < n; i++)
		samples[i] = time_work(iters);
	report("noise", n, us, khz);

	for (uint64_t i = 0; i < n; i++) {
		uint64_t f = irq_save();

		samples[i] = time_work(iters);
		irq_restore(f);
	}
	report("noise-irqoff", n, us, khz);
}
