// SPDX-License-Identifier: GPL-2.0
#include "e820.h"

#include <string.h>

static void add(struct sc_boot_info *bi, uint64_t start, uint64_t end,
		uint32_t type)
{
	if (end <= start)
		return;
	bi->e820[bi->e820_count++] = (struct sc_e820_entry){
		.addr = start, .size = end - start, .type = type,
	};
}

int sc_e820_build(struct sc_boot_info *bi)
{
	memset(bi->e820, 0, sizeof(bi->e820));
	bi->e820_count = 0;
	if (bi->image_end < SC_IMAGE_PA || bi->image_end > bi->mem_size ||
	    bi->mem_size < SC_IMAGE_PA)
		return -1;
	add(bi, 0, SC_ACPI_PA, SC_E820_RESERVED);
	add(bi, SC_ACPI_PA, SC_ACPI_PA + SC_ACPI_SIZE, SC_E820_ACPI);
	add(bi, SC_ACPI_PA + SC_ACPI_SIZE, SC_IMAGE_PA, SC_E820_RESERVED);
	add(bi, SC_IMAGE_PA, bi->image_end, SC_E820_RESERVED);
	add(bi, bi->image_end, bi->mem_size, SC_E820_RAM);
	return 0;
}
