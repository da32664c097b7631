/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Identity mappings added to the partition's page tables for a Linux
 * guest: the 64-bit boot protocol enters the kernel with paging on and
 * "the range with setup_header.init_size from the kernel's load address,
 * the zero page and the command line" identity-mapped. Tables come from a
 * pool in chunk 0 (which also holds the PML4 the trampoline loads); every
 * table pointer is host-physical, and points into chunk 0.
 */
#ifndef SC_LG_IDENTMAP_H
#define SC_LG_IDENTMAP_H

#include <stddef.h>
#include <stdint.h>

struct sc_lg_pt {
	uint8_t *chunk0;     /* service's view of chunk 0 */
	uint64_t chunk0_pa;  /* its host-physical address */
	uint64_t pml4_off;   /* PML4's offset in chunk 0 */
	uint64_t pool_off;   /* next free table page (offset in chunk 0) */
	uint64_t pool_end;   /* end of the pool */
};

/* Flags of a leaf: present and writable, or present only (read-only). */
#define SC_LG_MAP_RW 1
#define SC_LG_MAP_RO 0

/*
 * Map [pa, pa + size) to itself: with 2 MiB pages where pa and size allow
 * it, else 4 KiB pages. Refuses a range that would replace an existing
 * different mapping. 0, or -1 with a one-line reason in err.
 */
int sc_lg_identity_map(struct sc_lg_pt *pt, uint64_t pa, uint64_t size,
		       int rw, char *err, size_t errlen);

/* Where va leads (host-physical), or ~0 if not mapped: for tests and the
 * pre-START check. */
uint64_t sc_lg_walk(const struct sc_lg_pt *pt, uint64_t va);

#endif
