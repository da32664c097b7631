/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bench device's host side (include/sparecore/bench.h): answers the
 * partition's PINGs, from the run loop (doorbells both ways) or, between
 * POLL_ON and POLL_OFF, from a thread that spins on the ring on a host CPU
 * of its own (which also bounces the floor line for FLOOR); and hands the samples the partition names to whoever asked
 * for them (sc_bench_backend_samples_fd).
 *
 * One bench device per process (`run` runs one partition), so the state
 * is this file's own and the run loop needs only these calls. Every call
 * is a no-op until sc_bench_backend_setup succeeded.
 */
#ifndef SC_BENCH_BACKEND_H
#define SC_BENCH_BACKEND_H

#include <stdbool.h>

struct sc_part;

/* Lay out the ring, describe the device in boot info, pick the polling
 * thread's CPU. 0, or -1 after a one-line error. */
int sc_bench_backend_setup(struct sc_part *p);
/* Answer what is there (unless the thread owns the ring). true: the
 * partition asked for a doorbell (KICK it). */
bool sc_bench_backend_work(void);
/* Ask for a doorbell at the next request; true: one is there already. */
bool sc_bench_backend_arm(void);
/* Requests answered so far: the storm budget. */
unsigned long long sc_bench_backend_moved(void);
/* Stop the polling thread, if any. Before partition memory goes. */
void sc_bench_backend_close(void);
/* Append each run's samples (uint64_t ns, native order) to fd; -1: drop. */
void sc_bench_backend_samples_fd(int fd);

/* The request checks, for the unit tests: the answer type for a request
 * of type and len, SC_BENCH_BAD if it is malformed. For SAMPLES also
 * whether its range lies inside mem_size bytes of partition memory. */
unsigned sc_bench_backend_check(unsigned type, unsigned len,
				const void *data, unsigned long long mem_size);

#endif
