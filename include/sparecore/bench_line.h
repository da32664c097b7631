/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The summary line the partition's `ringbench` prints on its console
 * (partition/cmd/ringbench.c) and `sparecore bench --cpu N` parses
 * (host/service/bench/bench_line.c). Both build it from this one list, so
 * a field added or moved here moves on both sides:
 *
 *   ringbench: mode=M n=N warmup=N ... max=N mean99=W.T (ns)
 *
 * M is floor, poll or ipi; every N is plain decimal; mean99 (the mean of
 * the fastest 99 %) has one decimal. Console text, not shared memory: the
 * host parses it as untrusted input.
 */
#ifndef SPARECORE_BENCH_LINE_H
#define SPARECORE_BENCH_LINE_H

#define SC_BENCH_LINE_PREFIX "ringbench: "

/* The modes, as mode= names them (ringbench's argument too). */
#define SC_BENCH_LINE_MODES { "floor", "poll", "ipi" }

/* The numeric fields, in the order they are printed: X(name) each. */
#define SC_BENCH_LINE_FIELDS(X) \
	X(n) X(warmup) X(echoed) X(host_skipped) X(bells) X(irqs) X(sleeps) \
	X(min) X(median) X(p99) X(p999) X(max)

/* The printf format: the prefix, mode=%s, each field as " name=%llu",
 * mean99 as two numbers (whole and tenths). Arguments: the mode string,
 * the fields as unsigned long long in SC_BENCH_LINE_FIELDS order, then the
 * two halves of mean99. */
#define SC_BENCH_LINE_FMT_FIELD(name) " " #name "=%llu"
#define SC_BENCH_LINE_MEAN99 "mean99"
#define SC_BENCH_LINE_END " (ns)"
#define SC_BENCH_LINE_FMT \
	SC_BENCH_LINE_PREFIX "mode=%s" \
	SC_BENCH_LINE_FIELDS(SC_BENCH_LINE_FMT_FIELD) \
	" " SC_BENCH_LINE_MEAN99 "=%llu.%llu" SC_BENCH_LINE_END "\n"

#endif
