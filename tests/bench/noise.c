// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * OS noise of a Linux thread: the measurement of the partition's `noise`
 * command (partition/noise.c) as a program. Runs in the lab VM
 * (tests/bench/noise.sh; the lab copies build/noise).
 *
 *   noise [N] [US] [CPU]     default 10000 runs of 1000 us, no pinning
 *
 * A fixed ALU work quantum (a dependent LCG chain) is calibrated by the
 * TSC to about US microseconds and run N times, pinned to CPU
 * (sched_setaffinity); prints, in the partition's format,
 *   linux-noise: n=N quantum_us=US min=X p50=X p99=X max=X spread=X (us)
 * The TSC rate is measured against CLOCK_MONOTONIC_RAW over 200 ms.
 */
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <x86intrin.h>

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
	uint64_t t0 = __rdtsc();

	work(iters);
	return __rdtsc() - t0;
}

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

static uint64_t ns_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t measure_tsc_khz(void)
{
	uint64_t n0 = ns_now(), t0 = __rdtsc(), n1, t1;

	do
		n1 = ns_now();
	while (n1 - n0 < 200000000ull);
	t1 = __rdtsc();
	return (t1 - t0) * 1000000ull / (n1 - n0);
}

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

static uint64_t tenths(uint64_t ticks, uint64_t khz)
{
	return ticks * 10000 / khz;
}

static int arg(int argc, char **argv, int i, unsigned long def, unsigned long max,
	       unsigned long *out)
{
	char *end;

	if (argc <= i) {
		*out = def;
		return 0;
	}
	*out = strtoul(argv[i], &end, 10);
	return (*argv[i] && !*end && *out <= max) ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned long n, us, cpu;
	uint64_t khz, iters, v[5];

	if (argc > 4 || arg(argc, argv, 1, NOISE_MAX, NOISE_MAX, &n) || !n ||
	    arg(argc, argv, 2, 1000, NOISE_US_MAX, &us) || !us ||
	    arg(argc, argv, 3, ~0ul, 4095, &cpu)) {
		fprintf(stderr, "usage: noise [N (1-%u)] [US (1-%u)] [CPU]\n",
			NOISE_MAX, NOISE_US_MAX);
		return 2;
	}
	if (argc > 3) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			perror("noise: sched_setaffinity");
			return 1;
		}
	}
	khz = measure_tsc_khz();
	if (!khz)
		khz = 1;
	iters = calibrate(us * khz / 1000);
	printf("linux-noise: %llu iterations per quantum, tsc %llu kHz; under TCG "
	       "times are not hardware times\n",
	       (unsigned long long)iters, (unsigned long long)khz);
	for (unsigned long i = 0; i < n; i++)
		samples[i] = time_work(iters);
	heapsort_u64(samples, n);
	v[0] = tenths(samples[0], khz);
	v[1] = tenths(samples[n / 2], khz);
	v[2] = tenths(samples[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], khz);
	v[3] = tenths(samples[n - 1], khz);
	v[4] = tenths(samples[n - 1] - samples[0], khz);
	printf("linux-noise: n=%lu quantum_us=%lu min=%llu.%llu p50=%llu.%llu "
	       "p99=%llu.%llu max=%llu.%llu spread=%llu.%llu (us)\n",
	       n, us,
	       (unsigned long long)(v[0] / 10), (unsigned long long)(v[0] % 10),
	       (unsigned long long)(v[1] / 10), (unsigned long long)(v[1] % 10),
	       (unsigned long long)(v[2] / 10), (unsigned long long)(v[2] % 10),
	       (unsigned long long)(v[3] / 10), (unsigned long long)(v[3] % 10),
	       (unsigned long long)(v[4] / 10), (unsigned long long)(v[4] % 10));
	return 0;
}
