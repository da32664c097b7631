// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Bump allocation from the free RAM above the image. The region is the
 * largest e820 RAM range above image_end when the host gave a map, else
 * [image_end, mem_size): the host puts nothing there today, and an e820
 * map is how it will say otherwise.
 */
#include "bump_alloc.h"

#include "boot.h"
#include "kstring.h"

static uint64_t next, end; /* partition-physical */
static bool ready;

static void find_region(void)
{
	const struct sc_boot_info *bi = boot_info;
	uint64_t lo = (bi->image_end + 0xfff) & ~0xfffull, hi = bi->mem_size;

	ready = true;
	next = lo;
	end = hi > lo ? hi : lo;
	if (!bi->e820_count || bi->e820_count > SC_E820_MAX)
		return;
	end = lo;
	for (uint32_t i = 0; i < bi->e820_count; i++) {
		const struct sc_e820_entry *e = &bi->e820[i];
		uint64_t a = e->addr, b = e->addr + e->size;

		if (e->type != SC_E820_RAM || b < a)
			continue;
		if (a < lo)
			a = lo;
		if (b > hi)
			b = hi;
		if (b > a && b - a > end - next) {
			next = a;
			end = b;
		}
	}
}

void *bump_alloc(uint64_t bytes, uint64_t align)
{
	uint64_t at;
	void *p;

	if (!ready)
		find_region();
	if (!align || (align & (align - 1)) || align > (2ull << 20))
		return NULL;
	at = (next + align - 1) & ~(align - 1);
	if (at < next || at > end || bytes > end - at)
		return NULL;
	next = at + bytes;
	p = pa_to_va(at);
	memset(p, 0, bytes);
	return p;
}

uint64_t bump_free_bytes(void)
{
	if (!ready)
		find_region();
	return end - next;
}
