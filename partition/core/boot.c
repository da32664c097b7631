// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Boot info: validation and state reporting. The host wrote the page before
 * START and does not change its host part afterwards; we write only state,
 * up_tsc, heartbeat and crash.
 */
#include "boot.h"

#include <sparecore/compiler.h>

struct sc_boot_info *boot_info;
uint64_t boot_tsc;

bool boot_info_valid(const struct sc_boot_info *bi)
{
	if ((uintptr_t)bi != SC_VIRT_BASE + SC_BOOTINFO_PA)
		return false;
	if (bi->magic != SC_MAGIC || bi->version != SC_BOOT_VERSION ||
	    bi->size != sizeof(*bi) || bi->virt_base != SC_VIRT_BASE)
		return false;
	/* Memory must at least hold the image; every address we derive from
	 * boot info is checked against mem_size, so it must be sane. */
	if (bi->mem_size < SC_MEM_MIN || bi->mem_size > SC_MEM_MAX)
		return false;
	/* The PML4 is one page of the host-built tables. */
	if (bi->pt_root & 0xfff || bi->pt_root < SC_PT_PA ||
	    bi->pt_root >= SC_PT_PA + SC_PT_PAGES * 0x1000ull)
		return false;
	return true;
}

bool va_in_partition(uint64_t va, uint64_t len)
{
	uint64_t mem = boot_info->mem_size;

	if (va < SC_VIRT_BASE)
		return false;
	va -= SC_VIRT_BASE;
	return va <= mem && len <= mem - va;
}

void boot_set_state(uint32_t state)
{
	STORE_REL(&boot_info->state, state);
}
