// SPDX-License-Identifier: GPL-2.0
#include "ratelimit.h"

#define WINDOW_NS 1000000000ull

bool sc_ratelimit_ok(struct sc_ratelimit *rl, uint64_t now_ns,
		     unsigned long long *report)
{
	*report = 0;
	if (now_ns - rl->t0_ns >= WINDOW_NS) {
		*report = rl->dropped;
		rl->t0_ns = now_ns;
		rl->n = 0;
		rl->dropped = 0;
	}
	if (rl->n >= SC_RATELIMIT_PER_SEC) {
		rl->dropped++;
		return false;
	}
	rl->n++;
	return true;
}

unsigned long long sc_ratelimit_flush(struct sc_ratelimit *rl)
{
	unsigned long long d = rl->dropped;

	rl->dropped = 0;
	return d;
}
