// SPDX-License-Identifier: GPL-2.0
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

void sc_stats_sort(uint64_t *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_u64);
}

/* Nearest rank of percentile p among n >= 1 samples, 1..n. */
static size_t rank_of(size_t n, double p)
{
	double x, rank;

	if (!(p > 0)) /* also catches NaN */
		return 1;
	if (p >= 100)
		return n;
	/* ceil(p/100 * n). The relative nudge down keeps 99.9% of 1000 at
	 * rank 999 although 99.9 / 100 * 1000 is 999.0000000000001 in binary
	 * floating point; it is far below any real fraction of a rank. */
	x = p / 100.0 * (double)n;
	rank = ceil(x - x * 1e-12);
	if (rank < 1)
		return 1;
	return rank > (double)n ? n : (size_t)rank;
}

uint64_t sc_stats_percentile(const uint64_t *sorted, size_t n, double p)
{
	return n ? sorted[rank_of(n, p) - 1] : 0;
}

double sc_stats_trimmed_mean(const uint64_t *sorted, size_t n, double p)
{
	size_t k;
	double sum = 0;

	if (!n)
		return 0;
	k = rank_of(n, p);
	for (size_t i = 0; i < k; i++)
		sum += (double)sorted[i];
	return sum / (double)k;
}

void sc_stats_summarize(uint64_t *v, size_t n, struct sc_stats *s)
{
	double sum = 0;

	memset(s, 0, sizeof(*s));
	if (!n)
		return;
	sc_stats_sort(v, n);
	for (size_t i = 0; i < n; i++)
		sum += (double)v[i];
	s->n = n;
	s->min = v[0];
	s->max = v[n - 1];
	s->median = sc_stats_percentile(v, n, 50);
	s->p99 = sc_stats_percentile(v, n, 99);
	s->p999 = sc_stats_percentile(v, n, 99.9);
	s->mean = sum / (double)n;
	s->mean99 = sc_stats_trimmed_mean(v, n, 99);
}

unsigned sc_stats_log_bin(uint64_t v, uint64_t lo, unsigned per_decade)
{
	double b;

	if (!lo || !per_decade || v <= lo)
		return 0;
	b = floor(log10((double)v / (double)lo) * per_decade + 1e-9);
	return b > 1e6 ? 1000000u : (unsigned)b;
}

double sc_stats_bin_edge(unsigned bin, uint64_t lo, unsigned per_decade)
{
	if (!per_decade)
		return (double)lo;
	return (double)lo * pow(10.0, (double)bin / per_decade);
}

void sc_stats_histogram(const uint64_t *v, size_t n, uint64_t lo,
			unsigned per_decade, uint64_t *counts, unsigned nbins)
{
	if (!nbins)
		return;
	memset(counts, 0, nbins * sizeof(*counts));
	for (size_t i = 0; i < n; i++) {
		unsigned b = sc_stats_log_bin(v[i], lo, per_decade);

		counts[b < nbins ? b : nbins - 1]++;
	}
}
