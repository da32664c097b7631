// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Boot info: validation and state reporting. The host wrote the page before
 * START and does not change its host part afterwards; we write only state,
 * up_tsc, heartbeat and crash.
 */
#include "boot.h"

#include <sparecore/compiler.h>
#include <sparecore/ring.h>

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
	/* Retired fields are zero, so a later version can reuse them. */
	if (bi->reserved0 || bi->reserved1)
		return false;
	/* Devices we know, always a console; ring sizes that fit a ring
	 * area or 0 (unused). acpi.c holds the DSDT to both. */
	if (!(bi->devices & SC_DEV_CONSOLE) ||
	    (bi->devices & ~(SC_DEV_CONSOLE | SC_DEV_BLK | SC_DEV_NET | SC_DEV_BENCH)))
		return false;
	for (unsigned i = 0; i < SC_RING_AREA_COUNT; i++) {
		uint32_t o = bi->ring_order[i];

		if (o && (o < SC_RING_ORDER_MIN || o > SC_RING_ORDER_MAX ||
			  SC_RING_BYTES(o) > SC_RING_AREA_SIZE))
			return false;
	}
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
