/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The line the partition's `ringbench` prints (partition/cmd/ringbench.c),
 * parsed for `sparecore bench --cpu N`; both sides take its shape from
 * include/sparecore/bench_line.h. Pure, unit-tested
 * (tests/unit/test_bench_line.c).
 */
#ifndef SC_BENCH_LINE_H
#define SC_BENCH_LINE_H

#include <stdint.h>

#include <sparecore/bench_line.h>

/* One run's summary, as the partition saw it (times in ns). */
struct bench_line {
	char mode[8];          /* "floor", "poll" or "ipi" */
	/* One member per SC_BENCH_LINE_FIELDS name (the parser fills them
	 * by name, so a field the header adds must be added here). */
	uint64_t n, warmup;    /* timed and untimed round trips */
	uint64_t echoed;       /* answers with their own seq, counted once */
	uint64_t host_skipped; /* PINGs the host saw out of sequence */
	uint64_t bells, irqs, sleeps;
	uint64_t min, median, p99, p999, max;
	double mean99;
};

/*
 * Parse one line (a trailing "\r" or "\n" is allowed): every field in
 * order, values in plain decimal, mode floor, poll or ipi, min <= median <= p99
 * <= p999 <= max. 0, or -1 for anything else (an error line too).
 */
int bench_line_parse(const char *line, struct bench_line *out);

#endif
