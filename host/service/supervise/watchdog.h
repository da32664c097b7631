/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The heartbeat watchdog. The partition's 100 Hz timer tick writes a
 * counter into boot info; a partition that stops ticking (interrupts off
 * in a loop, a HLT with interrupts off, a crash that could not report, a
 * triple fault on hardware that does not reset the machine) is hung.
 *
 * Only a change we saw counts as a sign of life, and silence is measured
 * from the moment we last saw one. So a service that was itself not
 * scheduled for a while (host load, SIGSTOP) sees the counter moved when it
 * wakes and does not blame the partition for its own absence.
 */
#ifndef SC_WATCHDOG_H
#define SC_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

#define SC_WATCHDOG_DEFAULT_MS 2000u
#define SC_WATCHDOG_MAX_MS 3600000u

struct sc_watchdog {
	uint64_t timeout_ns;  /* 0: disabled */
	uint64_t last_beat;   /* heartbeat value last seen */
	uint64_t last_seen_ns; /* when we last saw it change (or started) */
};

/* Start watching: beat is the heartbeat now, now_ns the monotonic time. */
void sc_watchdog_init(struct sc_watchdog *w, unsigned timeout_ms,
		      uint64_t beat, uint64_t now_ns);
/* Feed a reading. True if the heartbeat has not moved for the timeout. */
bool sc_watchdog_expired(struct sc_watchdog *w, uint64_t beat,
			 uint64_t now_ns);
/* Nanoseconds since the heartbeat last moved. */
uint64_t sc_watchdog_silence_ns(const struct sc_watchdog *w, uint64_t now_ns);

#endif
