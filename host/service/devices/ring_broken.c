// SPDX-License-Identifier: GPL-2.0
#include "ring_broken.h"

#include <stdio.h>

#include <sparecore/compiler.h>

bool sc_ring_broken_why(const struct sc_ring *r, const char *name, char *why,
			unsigned len)
{
	if (!r->hdr || !r->broken)
		return false;
	/* Read again for the message: the index that broke it is in memory
	 * the partition owns, and we kept no copy of it. */
	snprintf(why, len, "%s ring: consumer index 0x%x for producer index 0x%x",
		 name, LOAD_RLX(&r->hdr->cons), r->head);
	return true;
}
