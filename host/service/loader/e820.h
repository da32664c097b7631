/* SPDX-License-Identifier: GPL-2.0 */
/* The partition's e820 memory map, written into boot info. */
#ifndef SC_E820_H
#define SC_E820_H

#include <sparecore/bootinfo.h>

/*
 * Fill bi->e820 and bi->e820_count from bi->mem_size and bi->image_end,
 * in address order, covering [0, mem_size) without gaps:
 *   [0, SC_ACPI_PA)                   reserved: boot info, page tables, rings
 *   [SC_ACPI_PA, +SC_ACPI_SIZE)       ACPI tables
 *   [.., SC_IMAGE_PA)                 reserved: the trampoline's hand-off stack
 *   [SC_IMAGE_PA, image_end)          reserved: the image
 *   [image_end, mem_size)             usable RAM
 * 0, or -1 if image_end is not inside [SC_IMAGE_PA, mem_size].
 */
int sc_e820_build(struct sc_boot_info *bi);

#endif
