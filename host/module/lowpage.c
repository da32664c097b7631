// SPDX-License-Identifier: GPL-2.0
/*
 * The page below 1 MiB that START borrows for the trampoline (module
 * parameter tramp_page), checked once at load. It must be ordinary RAM
 * that nobody else runs code from while we borrow it:
 *  - System RAM in the resource tree, all of the page (not a BIOS area,
 *    not an e820 reserved, ACPI or NVS range);
 *  - below the EBDA, whose segment the BIOS data area holds at 0x40e;
 *  - not inside Linux's own real-mode trampoline, which Linux uses for
 *    every CPU bring-up (and S3 resume, reboot). Its address is private
 *    (real_mode_header), so we find it the way it is laid out: its header
 *    (arch/x86/include/asm/realmode.h) starts with physical addresses of
 *    its text, read-only end, SMP trampoline and trampoline header, in
 *    that order, all within 64 KiB after the header's own page. A page of
 *    other data matching all four orderings by chance is not a worry; a
 *    miss would only let a bad tramp_page through, which the CPU-hotplug
 *    lock START holds (boot.c) keeps from colliding with a bring-up.
 */
#include "sparecore.h"

#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <asm/bios_ebda.h>
#include <asm/e820/api.h>

#define SC_RM_MAX SZ_64K	/* Linux's real-mode blob is well below this */

static bool sc_page_is_ram(unsigned long pa)
{
	return region_intersects(pa, PAGE_SIZE, IORESOURCE_SYSTEM_RAM,
				 IORES_DESC_NONE) == REGION_INTERSECTS &&
	       !e820__mapped_any(pa, pa + PAGE_SIZE, E820_TYPE_RESERVED) &&
	       !e820__mapped_any(pa, pa + PAGE_SIZE, E820_TYPE_ACPI) &&
	       !e820__mapped_any(pa, pa + PAGE_SIZE, E820_TYPE_NVS);
}

/* [*start, *end) of Linux's real-mode trampoline if the page at pa holds
 * its header. The region ends a page past the highest address the header
 * names (its page-table page, trampoline_pgd, is one page). */
static bool sc_rm_header_at(unsigned long pa, unsigned long *start,
			    unsigned long *end)
{
	const u32 *h = memremap(pa, PAGE_SIZE, MEMREMAP_WB);
	unsigned long top = pa + SC_RM_MAX, hi = 0;
	bool found;
	int i;

	if (!h)
		return false;
	found = !(h[0] & ~PAGE_MASK) && h[0] > pa && h[0] < top &&
		h[1] > h[0] && h[1] < top &&
		h[2] >= h[0] && h[2] < h[1] &&
		h[3] >= h[1] && h[3] < top;
	if (found) {
		/* The header has 7 to 11 fields by configuration; take every
		 * one that points into the window. */
		for (i = 0; i < 11; i++)
			if (h[i] >= pa && h[i] < top && h[i] > hi)
				hi = h[i];
		*start = pa;
		*end = PAGE_ALIGN(hi + 1) + PAGE_SIZE;
	}
	memunmap((void *)h);
	return found;
}

static bool sc_find_realmode(unsigned long *start, unsigned long *end)
{
	unsigned long pa;

	for (pa = 0x1000; pa < 0xa0000; pa += PAGE_SIZE)
		if (sc_page_is_ram(pa) && sc_rm_header_at(pa, start, end))
			return true;
	return false;
}

int sc_lowpage_check(unsigned long pa)
{
	unsigned long ebda = get_bios_ebda(), rm_start, rm_end;

	if (pa & ~PAGE_MASK || pa < 0x1000 || pa >= 0xa0000) {
		pr_err("tramp_page=%#lx: must be a page in [0x1000, 0xa0000)\n",
		       pa);
		return -EINVAL;
	}
	if (!sc_page_is_ram(pa)) {
		pr_err("tramp_page=%#lx: not all System RAM (firmware or reserved; see /proc/iomem)\n",
		       pa);
		return -EINVAL;
	}
	if (ebda >= 0x1000 && ebda < 0xa0000 && pa + PAGE_SIZE > ebda) {
		pr_err("tramp_page=%#lx: at or above the EBDA (%#lx)\n", pa,
		       ebda);
		return -EINVAL;
	}
	if (sc_find_realmode(&rm_start, &rm_end)) {
		if (pa + PAGE_SIZE > rm_start && pa < rm_end) {
			pr_err("tramp_page=%#lx: inside Linux's real-mode trampoline [%#lx-%#lx)\n",
			       pa, rm_start, rm_end);
			return -EINVAL;
		}
		pr_info("Linux's real-mode trampoline at [%#lx-%#lx)\n",
			rm_start, rm_end);
	} else {
		pr_warn("Linux's real-mode trampoline not found below 640 KiB\n");
	}
	return 0;
}
