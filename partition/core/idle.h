/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Work done while the partition would otherwise sleep. Whoever waits
 * (the shell for a key, ping for a reply) calls idle_poll() with
 * interrupts off right before "sti; hlt": each hook does its pending work,
 * asks its peer for a doorbell, and says whether work is left, so a frame
 * that arrives while the shell waits for input is answered at once.
 */
#ifndef PARTITION_IDLE_H
#define PARTITION_IDLE_H

#include <sparecore/types.h>

/* A hook: do pending work, then arm notifications; true if work is left
 * (the caller must not sleep). Called with interrupts off. */
typedef bool (*idle_hook_fn)(void);

/* Register a hook; -1 if the table is full. */
int idle_add(idle_hook_fn fn);

/* Run every hook; true if any has work left. */
bool idle_poll(void);

#endif
