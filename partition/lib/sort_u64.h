/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Sorting of u64 samples for percentiles. Freestanding (no partition
 * headers), so the host's tools that measure the same way compile it too.
 */
#ifndef SC_SORT_U64_H
#define SC_SORT_U64_H

#include <stddef.h>
#include <stdint.h>

/* In-place heapsort, ascending: no recursion (small partition stacks), no
 * extra memory, O(n log n) whatever the input. */
void sort_u64(uint64_t *a, size_t n);

#endif
