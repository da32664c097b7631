// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Page-table edits and look-ups. The tables hold host-physical addresses;
 * we can read a table only where we know its virtual address. All of them
 * are in the first 2 MiB chunk (SC_PT_PA), which is physically contiguous,
 * and CR3 minus pt_root gives that chunk's host-physical base.
 */
#include "paging.h"

#include "boot.h"
#include "cpu.h"

static uint64_t chunk0_hpa;

/* Virtual address of the table at host-physical hpa, or NULL. */
static volatile uint64_t *table_va(uint64_t hpa)
{
	uint64_t off = hpa - chunk0_hpa;

	if (hpa < chunk0_hpa || off >= SC_CHUNK_SIZE)
		return 0;
	return pa_to_va(off);
}

void paging_drop_identity(void)
{
	uint64_t cr3 = read_cr3();
	volatile uint64_t *pml4 = pa_to_va(boot_info->pt_root);

	chunk0_hpa = (cr3 & PTE_ADDR) - boot_info->pt_root;
	/* The trampoline's page sits in the low 512 GiB, all of PML4[0]; we
	 * use nothing there (boot_info_valid checked that boot info is at its
	 * high address and entry.S left the host's stack). */
	pml4[0] = 0;
	/* Reloading CR3 flushes the stale TLB entries for that range. */
	write_cr3(cr3);
}

enum pt_lookup_result paging_lookup(uint64_t va, uint64_t *hpa, uint64_t *pte)
{
	volatile uint64_t *table = table_va(read_cr3() & PTE_ADDR);
	uint64_t e = 0;

	/* Levels: PML4 (bits 47-39), PDPT (38-30), PD (29-21), PT (20-12). */
	for (int shift = 39; shift >= 12; shift -= 9) {
		if (!table)
			return PT_UNKNOWN;
		e = table[(va >> shift) & 0x1ff];
		if (!(e & PTE_P))
			return PT_UNMAPPED;
		if (shift == 12 || ((shift == 30 || shift == 21) && (e & PTE_PS))) {
			uint64_t page = 1ull << shift;

			/* Large-page entries keep PAT in bit 12: mask it off. */
			*hpa = (e & PTE_ADDR & ~(page - 1)) | (va & (page - 1));
			*pte = e;
			return PT_MAPPED;
		}
		table = table_va(e & PTE_ADDR);
	}
	return PT_UNMAPPED; /* not reached */
}
