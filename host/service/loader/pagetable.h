/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The partition's page tables, written by the host into partition memory
 * at SC_PT_PA. They map exactly:
 *   - partition memory: VA SC_VIRT_BASE + p -> the chunk holding p (2 MiB
 *     pages, RW),
 *   - in xAPIC mode, the local APIC page at SC_APIC_VA (UC, NX),
 *   - the trampoline page, identity-mapped (the partition drops PML4[0]
 *     as soon as it runs on its own GDT, before it reports UP).
 * Nothing else of the host is reachable through them.
 */
#ifndef SC_PAGETABLE_H
#define SC_PAGETABLE_H

#include <stdbool.h>
#include <stdint.h>

#define SC_PTE_P 0x1ull
#define SC_PTE_RW 0x2ull
#define SC_PTE_PWT 0x8ull
#define SC_PTE_PCD 0x10ull
#define SC_PTE_PS 0x80ull
#define SC_PTE_NX (1ull << 63)
#define SC_PTE_ADDR 0x000ffffffffff000ull

struct sc_pt_input {
	uint64_t mem_size;       /* bytes, multiple of SC_CHUNK_SIZE */
	const uint64_t *chunks;  /* host-physical address of each chunk */
	uint32_t nr_chunks;      /* mem_size / SC_CHUNK_SIZE */
	uint64_t tramp_pa;       /* host-physical page below 1 MiB */
	uint64_t apic_base;      /* host-physical xAPIC page */
	bool map_apic;           /* xAPIC mode */
};

/*
 * Write the tables into mem (partition-physical 0). Returns the
 * partition-physical address of the PML4, or 0 if the input is invalid.
 */
uint64_t sc_pt_build(void *mem, const struct sc_pt_input *in);

/* Host-physical address of partition-physical pa (for tests and tables). */
uint64_t sc_pt_host_pa(const struct sc_pt_input *in, uint64_t pa);

#endif
