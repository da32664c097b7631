/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Naming a ring the partition broke, for the one line the run loop prints
 * before it stops the partition. A ring we produce into is broken when
 * the partition's consumer index claims more than a ring's worth of
 * progress (paravirt-drivers/ring.c); every backend says so the same way.
 */
#ifndef SC_RING_BROKEN_H
#define SC_RING_BROKEN_H

#include <stdbool.h>

#include <sparecore/ring.h>

/* If r (one we produce into) is broken, write "NAME ring: consumer index
 * 0x.. for producer index 0x.." to why and return true. */
bool sc_ring_broken_why(const struct sc_ring *r, const char *name, char *why,
			unsigned len);

#endif
