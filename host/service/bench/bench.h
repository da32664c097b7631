/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `sparecore bench`: round-trip latency and streaming throughput between
 * two pinned CPUs, for the sparecore ring and its peers (a raw cache line,
 * ck_ring, pipe, eventfd, futex). bench.c runs the tests and prints; each
 * bench_*.c file provides tests in the shape below.
 */
#ifndef SC_BENCH_H
#define SC_BENCH_H

#include <stdbool.h>
#include <stdint.h>

struct sc_args;

/* The command. Exit status: 0 ok, 1 error. */
int sc_cmd_bench(const struct sc_args *a);

/* One round of a round-trip test. */
struct bench_rtt {
	uint64_t warmup;   /* untimed round trips first */
	uint64_t n;        /* then this many, timed */
	uint64_t *samples; /* client: n round-trip times in ns */
	int err;           /* a side saw a wrong reply or a failed call */
};

/* One round of a one-way stream: tx sends n messages in batches. */
struct bench_stream {
	uint64_t n;
	unsigned batch;  /* messages per publish (flush) */
	uint64_t ns;     /* rx: time from the start to the last message */
	int err;
};

/* A test: the harness runs client/tx on CPU A and server/rx on CPU B. */
struct bench_test {
	const char *name; /* row name in the table, JSON and CSV */
	const char *what; /* one line for --help */
	void *(*setup)(void);        /* fresh context, NULL on failure */
	void (*teardown)(void *ctx);
	void (*client)(void *ctx, struct bench_rtt *r);
	void (*server)(void *ctx, struct bench_rtt *r);
	void (*tx)(void *ctx, struct bench_stream *s); /* NULL: no stream */
	void (*rx)(void *ctx, struct bench_stream *s);
};

extern const struct bench_test bench_floor, bench_sparecore,
	bench_sparecore_2ring, bench_ck, bench_pipe, bench_eventfd,
	bench_futex;

/* Busy-wait hint for spinning loops (PAUSE on x86). */
static inline void bench_relax(void)
{
	__builtin_ia32_pause();
}

/* Monotonic nanoseconds, cheap (vDSO), or from the TSC after
 * bench_use_tsc. */
uint64_t bench_now(void);
/* From now on, bench_now reads the TSC, as the partition times itself
 * (where the clock is slow to read, as under QEMU TCG, the Linux rows
 * would otherwise carry far more clock than the partition's). Returns
 * the TSC rate found, in kHz; 0: none, the clock stays. */
uint64_t bench_use_tsc(void);

/* One round of test t, client on cpus[0] and server on cpus[1]: n timed
 * round trips into samples. 0, or -1 after a one-line error. */
int bench_run_rtt(const struct bench_test *t, const int cpus[2], uint64_t n,
		  uint64_t *samples);
/* What a timestamp costs: the median gap between back-to-back reads. Every
 * sample includes one such cost. */
uint64_t bench_clock_cost(void);
/* "model name" from /proc/cpuinfo, for a table's title. */
const char *bench_cpu_model(void);

/* `bench --cpu N`: the partition <-> host path (bench_part.c). */
int bench_partition(const struct sc_args *a);

#endif
