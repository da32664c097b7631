/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The host-built page tables: we do not build our own, we only drop the
 * trampoline's identity mapping and, to check the host's work, look up
 * what a virtual address maps to.
 */
#ifndef PARTITION_PAGING_H
#define PARTITION_PAGING_H

#include <sparecore/types.h>

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_PS (1ull << 7)
#define PTE_ADDR 0x000ffffffffff000ull

/* Clear PML4[0] (the trampoline page's identity mapping) and reload CR3.
 * After this, virtual addresses below SC_VIRT_BASE - 4 KiB fault. */
void paging_drop_identity(void);

enum pt_lookup_result {
	PT_MAPPED = 0,    /* *pte holds the final entry, *hpa the address */
	PT_UNMAPPED = -1, /* some level is not present */
	PT_UNKNOWN = -2,  /* a table lies outside the first chunk: cannot read */
};

/* Walk the live page tables for va. */
enum pt_lookup_result paging_lookup(uint64_t va, uint64_t *hpa, uint64_t *pte);

#endif
