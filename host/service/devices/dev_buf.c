// SPDX-License-Identifier: GPL-2.0
/* Which partition addresses a device buffer may name: see dev_buf.h. */
#include "dev_buf.h"

bool sc_dev_buf_ok(uint64_t pa, uint64_t len, uint64_t mem_size)
{
	/* pa alone first, then the room left after it: no sum can wrap. */
	return pa >= SC_DEV_BUF_MIN && pa < mem_size && len <= mem_size - pa;
}
