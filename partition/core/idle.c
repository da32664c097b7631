// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Idle hooks: see idle.h. A fixed table; drivers register at start-up. */
#include "idle.h"

#define IDLE_HOOKS_MAX 4

static idle_hook_fn hooks[IDLE_HOOKS_MAX];
static unsigned nhooks;

int idle_add(idle_hook_fn fn)
{
	if (nhooks == IDLE_HOOKS_MAX)
		return -1;
	hooks[nhooks++] = fn;
	return 0;
}

bool idle_poll(void)
{
	bool more = false;

	for (unsigned i = 0; i < nhooks; i++)
		more |= hooks[i]();
	return more;
}
