// SPDX-License-Identifier: GPL-2.0
#include "pagetable.h"

#include <string.h>

#include <sparecore/abi.h>

/* Page indices inside the SC_PT_PA area. */
enum { PML4, PDPT_HI, PD_MEM, PD_APIC, PT_APIC, PDPT_ID, PD_ID, PT_ID,
       PT_COUNT };
_Static_assert(PT_COUNT <= SC_PT_PAGES, "page-table area too small");

#define IDX(va, level) (((va) >> (12 + 9 * (level))) & 511)

uint64_t sc_pt_host_pa(const struct sc_pt_input *in, uint64_t pa)
{
	return in->chunks[pa >> SC_CHUNK_SHIFT] + (pa & (SC_CHUNK_SIZE - 1));
}

uint64_t sc_pt_build(void *mem, const struct sc_pt_input *in)
{
	uint64_t *pt[PT_COUNT], host[PT_COUNT];
	const uint64_t tbl = SC_PTE_P | SC_PTE_RW; /* non-leaf entries */

	if (!in->nr_chunks || in->mem_size != in->nr_chunks * SC_CHUNK_SIZE ||
	    in->mem_size > SC_MEM_MAX || (in->tramp_pa & 0xfff) ||
	    in->tramp_pa >= 0x100000 || (in->apic_base & 0xfff))
		return 0;
	for (int i = 0; i < PT_COUNT; i++) {
		uint64_t pa = SC_PT_PA + (uint64_t)i * 4096;

		pt[i] = (uint64_t *)((uint8_t *)mem + pa);
		host[i] = sc_pt_host_pa(in, pa);
		memset(pt[i], 0, 4096);
	}
	/* The trampoline runs the first instructions after paging is enabled
	 * from its own page, and loads cr3 in 32-bit mode. */
	if (host[PML4] >> 32)
		return 0;

	/* Partition memory in the top 2 GiB. */
	pt[PML4][IDX(SC_VIRT_BASE, 3)] = host[PDPT_HI] | tbl;
	pt[PDPT_HI][IDX(SC_VIRT_BASE, 2)] = host[PD_MEM] | tbl;
	for (uint32_t c = 0; c < in->nr_chunks; c++) {
		if (in->chunks[c] & (SC_CHUNK_SIZE - 1))
			return 0;
		pt[PD_MEM][c] = in->chunks[c] | SC_PTE_P | SC_PTE_RW | SC_PTE_PS;
	}

	/* The xAPIC page, uncached: its registers have side effects. */
	if (in->map_apic) {
		pt[PDPT_HI][IDX(SC_APIC_VA, 2)] = host[PD_APIC] | tbl;
		pt[PD_APIC][IDX(SC_APIC_VA, 1)] = host[PT_APIC] | tbl;
		pt[PT_APIC][IDX(SC_APIC_VA, 0)] = in->apic_base | SC_PTE_P |
						  SC_PTE_RW | SC_PTE_PCD |
						  SC_PTE_PWT | SC_PTE_NX;
	}

	/* Identity map of the trampoline page, dropped by the partition. */
	pt[PML4][IDX(in->tramp_pa, 3)] = host[PDPT_ID] | tbl;
	pt[PDPT_ID][IDX(in->tramp_pa, 2)] = host[PD_ID] | tbl;
	pt[PD_ID][IDX(in->tramp_pa, 1)] = host[PT_ID] | tbl;
	pt[PT_ID][IDX(in->tramp_pa, 0)] = in->tramp_pa | SC_PTE_P | SC_PTE_RW;
	return SC_PT_PA;
}
