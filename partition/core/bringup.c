// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "bringup.h"

#include "boot.h"
#include "cpu.h"
#include "gdt.h"
#include "idt.h"
#include "paging.h"

void bringup(struct sc_boot_info *bi)
{
	boot_tsc = rdtsc();
	if (!boot_info_valid(bi))
		halt_forever();
	boot_info = bi;

	gdt_init();
	idt_init();
	paging_drop_identity();

	bi->up_tsc = rdtsc();
	boot_set_state(SC_STATE_UP);
}
