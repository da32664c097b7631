// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "bringup.h"

#include "boot.h"
#include "cpu.h"
#include "gdt.h"
#include "idt.h"
#include "paging.h"

void bringup(struct sc_boot_info *bi, uint64_t up_key)
{
	boot_tsc = rdtsc();
	if (!boot_info_valid(bi))
		halt_forever();
	boot_info = bi;

	gdt_init();
	idt_init();
	paging_drop_identity();

	/* Our own code, the trampoline page no longer mapped: the key tells
	 * the module it may take that page back (trampoline.h). */
	bi->up_tsc = rdtsc();
	__atomic_store_n(&bi->up_key, up_key, __ATOMIC_RELAXED);
	boot_set_state(SC_STATE_UP);
}
