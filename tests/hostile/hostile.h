/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What the hostile partition's files share: its console (written by hand,
 * see hostile.c) and the attacks on the disk and network (hostile_io.c).
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <sparecore/ring.h>

/* A line on the console, in valid slots ("hostile: ..." by convention). */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Sleep with interrupts on: the heartbeat goes on. */
void sleep_ms(uint64_t ms);
/* Let the host print everything, then report HALTED (exit 0). */
__attribute__((noreturn)) void halt_now(void);
/* Idle with the heartbeat on, until the host stops us. */
__attribute__((noreturn)) void idle(void);
/* Is the first word of the command line word? */
bool cmd_is(const char *word);

/* hostile_io.c: the rings of the DSDT device hid (the way the real
 * drivers find them), attached into rings[0..n); its doorbell vector is
 * registered. Says what it found; halts if the device is not there. */
void io_attach(const char *hid, struct sc_ring *rings, unsigned n);
/* Wait (interrupts on, at most ms) for a slot to take from ring r, which
 * we consume; copies it to *out and frees it. False on timeout. */
bool io_take(struct sc_ring *r, struct sc_slot *out, uint64_t ms);

/* Run the disk (hostile_blk.c) or network (hostile_net.c) attack the
 * command line names; each returns only if it names none of its own. */
void hostile_blk(void);
void hostile_net(void);

#endif
