/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A budget of log lines per second, so a hostile partition cannot flood
 * the host's log with complaints about its own requests. Lines over the
 * budget are counted; the count is said once the next second starts, and
 * at the end (a flood that stops leaves no next line to say it).
 */
#ifndef SC_RATELIMIT_H
#define SC_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#define SC_RATELIMIT_PER_SEC 10u

struct sc_ratelimit {
	uint64_t t0_ns;                /* start of this one-second window */
	unsigned n;                    /* lines shown in it */
	unsigned long long dropped;    /* lines not shown, not yet reported */
};

/*
 * May a line be shown at now_ns? *report is set to a count of lines
 * dropped in earlier windows that the caller should report first (0 if
 * none); it is reported once.
 */
bool sc_ratelimit_ok(struct sc_ratelimit *rl, uint64_t now_ns,
		     unsigned long long *report);

/* Lines dropped and not yet reported, for the last word; resets it. */
unsigned long long sc_ratelimit_flush(struct sc_ratelimit *rl);

#endif
