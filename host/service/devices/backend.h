/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shape every host backend has (console, disk, network, bench): how
 * the run loop (supervise/run.c) drives a device without naming it. A
 * backend is opened by its own function before the CPU is taken (that is
 * where bad input is refused: a locked disk, a TAP name in use), then:
 *
 *   setup   lay out its rings in partition memory and announce itself in
 *           boot info (sc_device_announce); before START
 *   work    move what can move; true if the partition must be kicked
 *   arm     ask the partition for a doorbell at its next message; true if
 *           there is work already (go round again without sleeping)
 *   pollfds the descriptors it waits on besides the doorbell, if any
 *   polled  what poll() said about them; true if the partition must be
 *           kicked
 *   broken  the ring the partition broke, for the line said before stop
 *   moved   messages moved so far: the doorbell storm budget
 *   close   after the partition stopped, before its memory is unmapped
 *
 * Every op takes the backend's own state (dev). An op a backend does not
 * need may be NULL.
 */
#ifndef SC_BACKEND_H
#define SC_BACKEND_H

#include <poll.h>
#include <stdbool.h>

struct sc_part;

struct sc_backend_ops {
	const char *name;
	int (*setup)(void *dev, struct sc_part *p);
	bool (*work)(void *dev);
	bool (*arm)(void *dev);
	int (*pollfds)(void *dev, struct pollfd *pfd, int max);
	bool (*polled)(void *dev, const struct pollfd *pfd, int n);
	bool (*broken)(const void *dev, char *why, unsigned len);
	unsigned long long (*moved)(const void *dev);
	void (*close)(void *dev);
};

struct sc_backend {
	const struct sc_backend_ops *ops;
	void *dev;
	int pfd_first, pfd_n; /* its entries in the loop's pollfd array */
};

/* The backends a partition may have, in the order the loop serves them. */
#define SC_BACKENDS_MAX 4

extern const struct sc_backend_ops sc_console_backend_ops;
extern const struct sc_backend_ops sc_blk_backend_ops;
extern const struct sc_backend_ops sc_net_backend_ops;
extern const struct sc_backend_ops sc_bench_backend_ops;

#endif
