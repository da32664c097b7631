/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* The e820 memory map the host put in boot info: checking and printing. */
#ifndef PARTITION_MEMMAP_H
#define PARTITION_MEMMAP_H

#include <sparecore/types.h>

/* NULL if the map is sound (at most SC_E820_MAX entries, in order, not
 * overlapping, inside partition memory, known types), else what is wrong. */
const char *memmap_problem(void);

/* Bytes of usable RAM the map lists. */
uint64_t memmap_usable(void);

/* The `mem` command: the map, one line per entry, as Linux prints it. */
void memmap_print(void);

#endif
