/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux guest's e820 map: its own memory only, in host-physical
 * addresses (without VT-x there is no second translation), sorted, with
 * physically adjacent ranges of one type merged so the guest's memblock
 * starts with as few regions as possible.
 */
#ifndef SC_LG_GUEST_E820_H
#define SC_LG_GUEST_E820_H

#include <stddef.h>
#include <stdint.h>

#include "bootparams.h"

struct sc_lg_range {
	uint64_t addr;
	uint64_t size;
	uint32_t type; /* enum sc_e820_type */
};

/*
 * Sort in[0..n) (in place), refuse empty, unaligned (4 KiB) or
 * overlapping ranges and unknown types, merge touching ranges of the same
 * type, and write at most max entries to out. Returns the count, or -1
 * with a one-line reason in err.
 */
int sc_lg_e820_build(struct sc_lg_range *in, unsigned n,
		     struct sc_lg_e820 *out, unsigned max,
		     char *err, size_t errlen);

/*
 * The ranges of a Linux partition: chunk 0 (firmware: boot info, page
 * tables, rings, ACPI tables, zero page) reserved except its ACPI area,
 * which is ACPI data; chunks 1.. RAM; the low block RAM. out must hold
 * nr_chunks + 3 entries; returns how many were written.
 */
unsigned sc_lg_ranges(const uint64_t *chunks, unsigned nr_chunks,
		      uint64_t low_pa, uint64_t low_size,
		      struct sc_lg_range *out);

#endif
