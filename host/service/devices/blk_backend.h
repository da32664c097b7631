/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Disk backend: serves the partition's disk rings from a regular file or
 * a block device with io_uring. Requests are checked (blk_validate.c),
 * then read or written straight between the backing store and partition
 * memory, which this process has mapped: no bounce buffer. O_DIRECT is
 * used for requests that meet the store's alignment, buffered I/O for the
 * rest and for stores that refuse O_DIRECT (tmpfs, say).
 *
 * Life: sc_blk_open (before the CPU is taken: every "no" comes from here),
 * sc_blk_setup (boot info and rings, before START), then sc_blk_work and
 * sc_blk_arm from the run loop, sc_blk_close after the partition stopped.
 */
#ifndef SC_BLK_BACKEND_H
#define SC_BLK_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "part.h"

struct sc_blk;

/* Open and lock the backing store. NULL after a one-line error. */
struct sc_blk *sc_blk_open(const char *path, bool read_only);

/* Boot info (devices, ring orders), rings, io_uring. 0, or -1 after a
 * one-line error. Call after sc_part_setup, before sc_part_start. */
int sc_blk_setup(struct sc_blk *b, struct sc_part *p);

/* File descriptor that polls readable while I/O completions wait (the
 * io_uring's own): the run loop polls it along with the doorbell. Poll
 * only; never read it. */
int sc_blk_event_fd(const struct sc_blk *b);

/* Do everything there is to do now: finished I/O to completions, new
 * requests to I/O. True if the partition asked for a doorbell. */
bool sc_blk_work(struct sc_blk *b);

/* About to sleep: ask the partition for doorbells. True if there is work
 * already (do not sleep). */
bool sc_blk_arm(struct sc_blk *b);

/* Requests taken from the partition so far (for doorbell-storm checks). */
unsigned long long sc_blk_requests(const struct sc_blk *b);

/* What the disk has done so far, for `sparecore status`. */
struct sc_blk_stats {
	const char *path;
	bool read_only;
	unsigned long long requests;   /* taken from the ring */
	unsigned long long bad;        /* refused by validation */
	unsigned long long errors;     /* failed on the host's device */
	unsigned long long read_bytes, write_bytes, flushes;
};
void sc_blk_stats(const struct sc_blk *b, struct sc_blk_stats *st);

/* Did the partition break a disk ring (an index no correct peer could
 * write)? If so, why says which ring and how; the run loop stops it. */
bool sc_blk_broken(const struct sc_blk *b, char *why, unsigned len);

/* Wait for I/O in flight, release everything, print counters with -v. */
void sc_blk_close(struct sc_blk *b);

#endif
