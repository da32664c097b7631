// SPDX-License-Identifier: GPL-2.0
#include "storm.h"

void sc_storm_init(struct sc_storm *s, uint64_t now_ns)
{
	s->start_ns = now_ns;
	s->bells = 0;
	s->work = 0;
}

void sc_storm_bells(struct sc_storm *s, uint64_t n)
{
	s->bells += n;
}

void sc_storm_work(struct sc_storm *s, uint64_t n)
{
	s->work += n;
}

bool sc_storm_check(struct sc_storm *s, uint64_t now_ns)
{
	/* Judge before rolling over, so a storm that fills one window is
	 * caught even if we look only after it ended. */
	if (s->bells > s->work + SC_STORM_SLACK)
		return true;
	if (now_ns - s->start_ns >= SC_STORM_WINDOW_NS)
		sc_storm_init(s, now_ns);
	return false;
}
