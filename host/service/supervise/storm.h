/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Doorbell storm detection. A partition that keeps the protocol rings the
 * host only when the host asked (event indices), so at most once per
 * message moved through a ring. Every doorbell costs a host CPU an
 * interrupt, so a partition that rings far more often than it sends or
 * takes messages is attacking the host, and is stopped.
 *
 * Each backend reports the messages it moved (sc_storm_work); the run loop
 * reports the doorbells it read (sc_storm_bells). Per one-second window,
 * doorbells may exceed messages by SC_STORM_SLACK.
 */
#ifndef SC_STORM_H
#define SC_STORM_H

#include <stdbool.h>
#include <stdint.h>

#define SC_STORM_WINDOW_NS 1000000000ull
#define SC_STORM_SLACK 1000u

struct sc_storm {
	uint64_t start_ns; /* start of the current window */
	uint64_t bells;    /* doorbells read in it */
	uint64_t work;     /* messages moved in it */
};

void sc_storm_init(struct sc_storm *s, uint64_t now_ns);
void sc_storm_bells(struct sc_storm *s, uint64_t n);
void sc_storm_work(struct sc_storm *s, uint64_t n);
/* True if this window's doorbells exceed its messages by more than the
 * slack; the counts stay for the message. A new window starts every
 * SC_STORM_WINDOW_NS. */
bool sc_storm_check(struct sc_storm *s, uint64_t now_ns);

#endif
