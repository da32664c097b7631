// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the benchmark statistics (host/service/bench/stats.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/compiler.h>

#include "stats.h"
#include "unit.h"

/* 1, 2, ..., n */
static uint64_t *ramp(size_t n)
{
	uint64_t *v = malloc(n * sizeof(*v));

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	for (size_t i = 0; i < n; i++)
		v[i] = i + 1;
	return v;
}

/* The nearest-rank definition, worked by hand on 1..100 and 1..1000. */
static void test_percentile_ramp(void)
{
	uint64_t *v = ramp(100), *w = ramp(1000);

	CU_ASSERT_EQUAL(sc_stats_percentile(v, 100, 50), 50);
	CU_ASSERT_EQUAL(sc_stats_percentile(v, 100, 99), 99);
	CU_ASSERT_EQUAL(sc_stats_percentile(v, 100, 99.9), 100);
	CU_ASSERT_EQUAL(sc_stats_percentile(v, 100, 100), 100);
	CU_ASSERT_EQUAL(sc_stats_percentile(v, 100, 1), 1);
	CU_ASSERT_EQUAL(sc_stats_percentile(v, 100, 0), 1);
	CU_ASSERT_EQUAL(sc_stats_percentile(v, 100, 0.5), 1);
	CU_ASSERT_EQUAL(sc_stats_percentile(v, 100, 50.5), 51);
	CU_ASSERT_EQUAL(sc_stats_percentile(w, 1000, 50), 500);
	CU_ASSERT_EQUAL(sc_stats_percentile(w, 1000, 99), 990);
	/* 99.9% of 1000 is exactly rank 999, not 1000 (binary rounding). */
	CU_ASSERT_EQUAL(sc_stats_percentile(w, 1000, 99.9), 999);
	CU_ASSERT_EQUAL(sc_stats_percentile(w, 1000, 99.95), 1000);
	free(v);
	free(w);
}

static void test_percentile_edges(void)
{
	uint64_t one = 42, ten[10];

	CU_ASSERT_EQUAL(sc_stats_percentile(NULL, 0, 50), 0);
	for (double p = 0; p <= 100; p += 12.5)
		CU_ASSERT_EQUAL(sc_stats_percentile(&one, 1, p), 42);
	for (int i = 0; i < 10; i++)
		ten[i] = 7;
	CU_ASSERT_EQUAL(sc_stats_percentile(ten, 10, 50), 7);
	/* Out of range and NaN clamp. */
	for (int i = 0; i < 10; i++)
		ten[i] = (uint64_t)(i + 1) * 10;
	CU_ASSERT_EQUAL(sc_stats_percentile(ten, 10, -5), 10);
	CU_ASSERT_EQUAL(sc_stats_percentile(ten, 10, 150), 100);
	CU_ASSERT_EQUAL(sc_stats_percentile(ten, 10, NAN), 10);
	/* Even count: the median is the lower middle (rank 5 of 10). */
	CU_ASSERT_EQUAL(sc_stats_percentile(ten, 10, 50), 50);
	CU_ASSERT_EQUAL(sc_stats_percentile(ten, 10, 50.01), 60);
	CU_ASSERT_EQUAL(sc_stats_percentile(ten, 10, 90), 90);
	CU_ASSERT_EQUAL(sc_stats_percentile(ten, 10, 91), 100);
}

/* Summarize sorts a shuffled copy and finds the same numbers. */
static void test_summarize_shuffled(void)
{
	const size_t n = 10000;
	uint64_t *v = ramp(n);
	struct sc_stats s;
	uint64_t x = 88172645463325252ull;

	for (size_t i = n - 1; i > 0; i--) {
		size_t j;
		uint64_t t;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		j = (size_t)(x % (i + 1));
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
	sc_stats_summarize(v, n, &s);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_EQUAL_FATAL(v[i], i + 1); /* sorted in place */
	CU_ASSERT_EQUAL(s.n, n);
	CU_ASSERT_EQUAL(s.min, 1);
	CU_ASSERT_EQUAL(s.max, n);
	CU_ASSERT_EQUAL(s.median, 5000);
	CU_ASSERT_EQUAL(s.p99, 9900);
	CU_ASSERT_EQUAL(s.p999, 9990);
	CU_ASSERT_DOUBLE_EQUAL(s.mean, 5000.5, 1e-9);
	/* The fastest 99% are 1..9900: mean 4950.5. */
	CU_ASSERT_DOUBLE_EQUAL(s.mean99, 4950.5, 1e-9);
	free(v);
}

/* One huge outlier moves the mean and max, not the median or mean99. */
static void test_summarize_outlier(void)
{
	uint64_t v[200];
	struct sc_stats s;

	for (int i = 0; i < 200; i++)
		v[i] = 100;
	v[17] = 50000000; /* a 50 ms host hiccup */
	sc_stats_summarize(v, 200, &s);
	CU_ASSERT_EQUAL(s.median, 100);
	CU_ASSERT_EQUAL(s.p99, 100);
	CU_ASSERT_EQUAL(s.p999, 50000000);
	CU_ASSERT_EQUAL(s.max, 50000000);
	CU_ASSERT_TRUE(s.mean > 250000);
	CU_ASSERT_DOUBLE_EQUAL(s.mean99, 100.0, 1e-9);
}

static void test_summarize_empty(void)
{
	struct sc_stats s;

	memset(&s, 0xff, sizeof(s));
	sc_stats_summarize(NULL, 0, &s);
	CU_ASSERT_EQUAL(s.n, 0);
	CU_ASSERT_EQUAL(s.median, 0);
	CU_ASSERT_EQUAL(s.max, 0);
	CU_ASSERT_DOUBLE_EQUAL(s.mean, 0, 0);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_trimmed_mean(NULL, 0, 99), 0, 0);
}

/* A trimmed mean keeps at least one sample, and all of them at 100. */
static void test_trimmed_mean(void)
{
	uint64_t v[4] = { 10, 20, 30, 1000 };

	CU_ASSERT_DOUBLE_EQUAL(sc_stats_trimmed_mean(v, 4, 0), 10, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_trimmed_mean(v, 4, 25), 10, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_trimmed_mean(v, 4, 50), 15, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_trimmed_mean(v, 4, 75), 20, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_trimmed_mean(v, 4, 99), 265, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_trimmed_mean(v, 4, 100), 265, 1e-9);
}

static void test_log_bins(void)
{
	uint64_t counts[10], v[] = { 50, 100, 120, 125, 158, 199, 200, 1000,
				     999, 1001, 100000000 };

	/* 10 bins per decade from 100: edges 100, 125.9, 158.5, 199.5, ... */
	CU_ASSERT_EQUAL(sc_stats_log_bin(50, 100, 10), 0);   /* below lo */
	CU_ASSERT_EQUAL(sc_stats_log_bin(100, 100, 10), 0);
	CU_ASSERT_EQUAL(sc_stats_log_bin(125, 100, 10), 0);
	CU_ASSERT_EQUAL(sc_stats_log_bin(126, 100, 10), 1);
	CU_ASSERT_EQUAL(sc_stats_log_bin(199, 100, 10), 2);
	CU_ASSERT_EQUAL(sc_stats_log_bin(200, 100, 10), 3);
	CU_ASSERT_EQUAL(sc_stats_log_bin(999, 100, 10), 9);
	CU_ASSERT_EQUAL(sc_stats_log_bin(1000, 100, 10), 10); /* a decade up */
	CU_ASSERT_EQUAL(sc_stats_log_bin(10000, 100, 1), 2);
	CU_ASSERT_EQUAL(sc_stats_log_bin(5, 0, 10), 0);       /* degenerate */
	CU_ASSERT_EQUAL(sc_stats_log_bin(5000, 100, 0), 0);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_bin_edge(0, 100, 10), 100, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_bin_edge(10, 100, 10), 1000, 1e-6);
	CU_ASSERT_DOUBLE_EQUAL(sc_stats_bin_edge(5, 100, 10), 316.227766, 1e-5);

	sc_stats_histogram(v, ARRAY_SIZE(v), 100, 10, counts, 10);
	CU_ASSERT_EQUAL(counts[0], 4); /* 50, 100, 120, 125 */
	CU_ASSERT_EQUAL(counts[1], 1); /* 158 */
	CU_ASSERT_EQUAL(counts[2], 1); /* 199 */
	CU_ASSERT_EQUAL(counts[3], 1); /* 200 */
	CU_ASSERT_EQUAL(counts[9], 4); /* 999, and the rest above */
	for (int b = 4; b < 9; b++)
		CU_ASSERT_EQUAL(counts[b], 0);
}

int sc_unit_register_stats(void)
{
	CU_pSuite s = CU_add_suite("stats", NULL, NULL);

	if (!s ||
	    !CU_add_test(s, "percentiles of 1..100 and 1..1000", test_percentile_ramp) ||
	    !CU_add_test(s, "percentile edges, clamps, even count", test_percentile_edges) ||
	    !CU_add_test(s, "summarize sorts and finds the same", test_summarize_shuffled) ||
	    !CU_add_test(s, "an outlier moves max and mean only", test_summarize_outlier) ||
	    !CU_add_test(s, "summarize of nothing", test_summarize_empty) ||
	    !CU_add_test(s, "trimmed mean", test_trimmed_mean) ||
	    !CU_add_test(s, "log-scale histogram bins", test_log_bins))
		return -1;
	return 0;
}
