/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Console messages. Ring SC_RING_CONS_OUT carries the partition's output,
 * SC_RING_CONS_IN the host's input; both use SC_CONS_DATA slots whose len
 * bytes of data[] are raw terminal bytes (no terminator).
 */
#ifndef SPARECORE_CONSOLE_H
#define SPARECORE_CONSOLE_H

#include "ring.h"

#define SC_CONS_DATA 1u
#define SC_CONS_RING_ORDER 6u /* 64 slots, 3.5 KiB of text in flight */

_Static_assert(SC_RING_BYTES(SC_CONS_RING_ORDER) <= 0x10000,
	       "console ring fits its area");

#endif
