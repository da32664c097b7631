// SPDX-License-Identifier: GPL-2.0
#include "watchdog.h"

void sc_watchdog_init(struct sc_watchdog *w, unsigned timeout_ms,
		      uint64_t beat, uint64_t now_ns)
{
	w->timeout_ns = (uint64_t)timeout_ms * 1000000ull;
	w->last_beat = beat;
	w->last_seen_ns = now_ns;
}

bool sc_watchdog_expired(struct sc_watchdog *w, uint64_t beat,
			 uint64_t now_ns)
{
	/* Any change is life, even backwards: the value is the partition's
	 * to write, and a garbage counter that moves still says it runs. */
	if (beat != w->last_beat) {
		w->last_beat = beat;
		w->last_seen_ns = now_ns;
		return false;
	}
	return w->timeout_ns && now_ns - w->last_seen_ns >= w->timeout_ns;
}

uint64_t sc_watchdog_silence_ns(const struct sc_watchdog *w, uint64_t now_ns)
{
	return now_ns - w->last_seen_ns;
}
