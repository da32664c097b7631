/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bench device's host side (include/sparecore/bench.h): answers the
 * partition's PINGs, from the run loop (doorbells both ways) or, between
 * POLL_ON and POLL_OFF, from a thread that spins on the ring on a host CPU
 * of its own (which also bounces the floor line for FLOOR); and hands the
 * samples the partition names to whoever asked for them (samples_fd).
 *
 * A backend like the others (backend.h: sc_bench_backend_ops): opened
 * here, then set up, served and closed (which frees it) by the run loop.
 */
#ifndef SC_BENCH_BACKEND_H
#define SC_BENCH_BACKEND_H

struct sc_bench_dev;

/* A bench device whose SAMPLES go to samples_fd (uint64_t ns, native
 * order; -1: answered, dropped). NULL after a one-line error. */
struct sc_bench_dev *sc_bench_backend_open(int samples_fd);

/* The request checks, for the unit tests: the answer type for a request
 * of type and len, SC_BENCH_BAD if it is malformed. For SAMPLES also
 * whether its range lies inside mem_size bytes of partition memory. */
unsigned sc_bench_backend_check(unsigned type, unsigned len,
				const void *data, unsigned long long mem_size);

#endif
