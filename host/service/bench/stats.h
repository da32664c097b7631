/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Latency statistics for `sparecore bench`: percentiles and log-scale
 * histograms of nanosecond samples. Pure functions, no I/O, unit-tested
 * (tests/unit/test_stats.c).
 */
#ifndef SC_STATS_H
#define SC_STATS_H

#include <stddef.h>
#include <stdint.h>

struct sc_stats {
	size_t n;        /* number of samples */
	uint64_t min;
	uint64_t median; /* nearest-rank 50th percentile */
	uint64_t p99;
	uint64_t p999;   /* 99.9th */
	uint64_t max;
	double mean;
	double mean99;   /* mean of the fastest 99%: the centre, free of both
			    clock granularity (a median moves in clock ticks)
			    and rare host hiccups (which swamp a plain mean) */
};

/* Sort v ascending, in place. */
void sc_stats_sort(uint64_t *v, size_t n);

/*
 * Nearest-rank percentile of sorted data: the smallest sample with at
 * least p percent of the samples at or below it (so p = 50 of 1..10 is 5,
 * p = 100 the max, p = 0 the min). 0 for no data. p is clamped to 0..100.
 */
uint64_t sc_stats_percentile(const uint64_t *sorted, size_t n, double p);

/*
 * Mean of the smallest nearest-rank p percent of sorted data (at least
 * one sample); 0 for no data.
 */
double sc_stats_trimmed_mean(const uint64_t *sorted, size_t n, double p);

/* Sort v in place and summarize it into *s (all zero for n == 0). */
void sc_stats_summarize(uint64_t *v, size_t n, struct sc_stats *s);

/*
 * Log-scale histogram bins: per_decade bins per factor of 10, bin 0 starts
 * at lo. sc_stats_log_bin returns v's bin (0 for v <= lo); its lower edge
 * is sc_stats_bin_edge(bin).
 */
unsigned sc_stats_log_bin(uint64_t v, uint64_t lo, unsigned per_decade);
double sc_stats_bin_edge(unsigned bin, uint64_t lo, unsigned per_decade);

/*
 * Count n samples into nbins log bins (the last bin takes everything
 * above). counts[] is zeroed first.
 */
void sc_stats_histogram(const uint64_t *v, size_t n, uint64_t lo,
			unsigned per_decade, uint64_t *counts, unsigned nbins);

#endif
