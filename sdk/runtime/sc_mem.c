// SPDX-License-Identifier: GPL-2.0 OR MIT
/* The SDK's memory and sorting: the bump allocator and sort_u64. */
#include <sparecore/partition.h>

#include "bump_alloc.h"
#include "sort_u64.h"

void *sc_alloc(size_t bytes, size_t align)
{
	return bump_alloc(bytes, align);
}

void sc_sort_u64(uint64_t *a, size_t n)
{
	sort_u64(a, n);
}
