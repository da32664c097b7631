/* SPDX-License-Identifier: GPL-2.0 */
/* Output of `sparecore bench`: table, JSON, CSV, and a gnuplot PNG. */
#ifndef SC_BENCH_OUT_H
#define SC_BENCH_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "stats.h"

/* One test's results. rows[0] must be the floor: ratios are to it. */
struct bench_row {
	const char *name;
	const char *what;      /* one line: what the row measures */
	uint64_t *samples;     /* round-trip ns, sorted by summarize */
	size_t n;
	struct sc_stats st;
	bool has_stream;
	double msgs_per_s[2];  /* streaming at batch 1 and batch 32 */
};

/* Print rows to stdout in the given format; 0, or -1 on a write error. */
int bench_print(const struct bench_row *rows, size_t n, enum sc_bench_fmt f);

/* Write latency histograms of every row to png with gnuplot; 0 or -1. */
int bench_plot(const struct bench_row *rows, size_t n, const char *png);

#endif
