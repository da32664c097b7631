// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * OS noise of a Linux thread: the measurement of the partition's `noise`
 * command (partition/cmd/noise.c) as a program. Runs in the lab VM
 * (tests/bench/noise.sh; the lab copies build/noise).
 *
 *   noise [N] [US] [CPU]     default 10000 runs of 1000 us, no pinning
 *
 * The work quantum and the summary are the partition's own
 * (partition/lib/noise_core.c, compiled in here). It is calibrated by the
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

#include "noise_core.h"

static uint64_t samples[NOISE_MAX];

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
	uint64_t khz, iters;
	struct noise_stats st;

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
	iters = noise_calibrate(us * khz / 1000);
	printf("linux-noise: %llu iterations per quantum, tsc %llu kHz; under TCG "
	       "times are not hardware times\n",
	       (unsigned long long)iters, (unsigned long long)khz);
	for (unsigned long i = 0; i < n; i++)
		samples[i] = noise_time(iters);
	noise_summarise(samples, n, khz, &st);
	printf(NOISE_LINE, "linux-noise", (unsigned long long)n,
	       (unsigned long long)us, NOISE_ARGS(&st));
	return 0;
}
