// SPDX-License-Identifier: GPL-2.0
#include "identmap.h"

#include <stdio.h>
#include <string.h>

#include <sparecore/abi.h>

#define PTE_P 0x1ull
#define PTE_RW 0x2ull
#define PTE_PS 0x80ull
#define PTE_ADDR 0x000ffffffffff000ull
#define IDX(va, level) (((va) >> (12 + 9 * (level))) & 511)

static uint64_t *table_at(const struct sc_lg_pt *pt, uint64_t pa)
{
	if (pa < pt->chunk0_pa || pa - pt->chunk0_pa >= SC_CHUNK_SIZE)
		return NULL;
	return (uint64_t *)(pt->chunk0 + (pa - pt->chunk0_pa));
}

/* The table below *e, allocated from the pool if *e is empty. */
static uint64_t *next_table(struct sc_lg_pt *pt, uint64_t *e)
{
	if (!(*e & PTE_P)) {
		if (pt->pool_off + 4096 > pt->pool_end)
			return NULL;
		memset(pt->chunk0 + pt->pool_off, 0, 4096);
		*e = (pt->chunk0_pa + pt->pool_off) | PTE_P | PTE_RW;
		pt->pool_off += 4096;
	}
	if (*e & PTE_PS)
		return NULL;
	return table_at(pt, *e & PTE_ADDR);
}

static int map_one(struct sc_lg_pt *pt, uint64_t pa, int level, int rw)
{
	uint64_t *t = table_at(pt, pt->chunk0_pa + pt->pml4_off), leaf;

	for (int l = 3; l > level && t; l--)
		t = next_table(pt, &t[IDX(pa, l)]);
	if (!t)
		return -1;
	leaf = pa | PTE_P | (rw ? PTE_RW : 0) | (level ? PTE_PS : 0);
	if ((t[IDX(pa, level)] & PTE_P) && t[IDX(pa, level)] != leaf)
		return -1;
	t[IDX(pa, level)] = leaf;
	return 0;
}

int sc_lg_identity_map(struct sc_lg_pt *pt, uint64_t pa, uint64_t size,
		       int rw, char *err, size_t errlen)
{
	uint64_t end = pa + size;

	if ((pa | size) & 0xfff || end < pa || end > (1ull << 46)) {
		snprintf(err, errlen, "cannot identity-map 0x%llx+0x%llx",
			 (unsigned long long)pa, (unsigned long long)size);
		return -1;
	}
	while (pa < end) {
		int big = !(pa & (SC_CHUNK_SIZE - 1)) && end - pa >= SC_CHUNK_SIZE;

		if (map_one(pt, pa, big, rw)) {
			snprintf(err, errlen, "identity map of 0x%llx: page-table pool full or a mapping in the way",
				 (unsigned long long)pa);
			return -1;
		}
		pa += big ? SC_CHUNK_SIZE : 4096;
	}
	return 0;
}

uint64_t sc_lg_walk(const struct sc_lg_pt *pt, uint64_t va)
{
	const uint64_t *t = table_at(pt, pt->chunk0_pa + pt->pml4_off);

	for (int l = 3; l >= 0 && t; l--) {
		uint64_t e = t[IDX(va, l)];

		if (!(e & PTE_P))
			return ~0ull;
		if (l == 0 || (l <= 2 && (e & PTE_PS))) {
			uint64_t mask = (1ull << (12 + 9 * l)) - 1;

			return (e & PTE_ADDR & ~mask) | (va & mask);
		}
		t = table_at(pt, e & PTE_ADDR);
	}
	return ~0ull;
}
