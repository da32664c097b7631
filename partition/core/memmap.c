// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The e820 map comes from the host like the ACPI tables do; nothing in the
 * partition allocates from it yet, so a bad map is reported (by `mem`), not
 * fatal. Each line also says what the partition knows lives there.
 */
#include "memmap.h"

#include "acpi.h"
#include "boot.h"
#include "kprintf.h"

static const char *type_name(uint32_t type)
{
	switch (type) {
	case SC_E820_RAM:
		return "usable";
	case SC_E820_RESERVED:
		return "reserved";
	case SC_E820_ACPI:
		return "ACPI data";
	default:
		return "unknown";
	}
}

const char *memmap_problem(void)
{
	const struct sc_boot_info *bi = boot_info;
	uint64_t end = 0;

	if (bi->e820_count == 0)
		return "no entries";
	if (bi->e820_count > SC_E820_MAX)
		return "more entries than boot info holds";
	for (uint32_t i = 0; i < bi->e820_count; i++) {
		const struct sc_e820_entry *e = &bi->e820[i];

		if (!e->size || e->addr < end)
			return "entries empty, out of order or overlapping";
		if (e->addr >= bi->mem_size || e->size > bi->mem_size - e->addr)
			return "an entry beyond partition memory";
		if (e->type < SC_E820_RAM || e->type > SC_E820_ACPI)
			return "an entry of unknown type";
		end = e->addr + e->size;
	}
	return NULL;
}

uint64_t memmap_usable(void)
{
	uint64_t sum = 0;

	if (memmap_problem())
		return 0;
	for (uint32_t i = 0; i < boot_info->e820_count; i++)
		if (boot_info->e820[i].type == SC_E820_RAM)
			sum += boot_info->e820[i].size;
	return sum;
}

static bool inside(const struct sc_e820_entry *e, uint64_t pa)
{
	return pa >= e->addr && pa - e->addr < e->size;
}

/* What the partition knows is in e (best effort, for people). */
static const char *what(const struct sc_e820_entry *e)
{
	const struct acpi_info *ai = acpi_get_info();

	if (e->type == SC_E820_RAM)
		return "free";
	if (inside(e, SC_BOOTINFO_PA))
		return "boot info, page tables, rings";
	if (ai && inside(e, boot_info->rsdp_pa))
		return "RSDP, XSDT, FADT, MADT, DSDT";
	if (inside(e, SC_IMAGE_PA))
		return "this image";
	if (inside(e, SC_IMAGE_PA - 1))
		return "start-up stack";
	return "";
}

void memmap_print(void)
{
	const struct sc_boot_info *bi = boot_info;
	const char *bad = memmap_problem();
	uint32_t n = bi->e820_count > SC_E820_MAX ? SC_E820_MAX : bi->e820_count;

	kprintf("e820: %u entries, partition memory %llu MiB\n", bi->e820_count,
		(unsigned long long)(bi->mem_size >> 20));
	for (uint32_t i = 0; i < n; i++) {
		const struct sc_e820_entry *e = &bi->e820[i];

		kprintf("  [mem 0x%016llx-0x%016llx] %-9s %s\n",
			(unsigned long long)e->addr,
			(unsigned long long)(e->addr + e->size - 1),
			type_name(e->type), what(e));
	}
	if (bad)
		kprintf("warning: e820 map: %s\n", bad);
	else
		kprintf("usable: %llu KiB\n",
			(unsigned long long)(memmap_usable() >> 10));
}
