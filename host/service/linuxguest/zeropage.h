/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The zero page (struct boot_params) and command line a Linux guest is
 * entered with. Pure functions, unit-tested: no partition needed.
 */
#ifndef SC_LG_ZEROPAGE_H
#define SC_LG_ZEROPAGE_H

#include <stddef.h>
#include <stdint.h>

#include "bootparams.h"
#include "bzimage.h"

/* What the zero page points at, all host-physical. */
struct sc_lg_boot {
	uint64_t cmdline_pa;
	uint64_t initrd_pa;   /* 0 with initrd_len 0: none */
	uint64_t initrd_len;
	uint64_t rsdp_pa;     /* our ACPI tables; never 0 (the kernel would
				 search low memory and find the host's) */
	const struct sc_lg_e820 *e820;
	unsigned e820_count;
};

/*
 * Fill zp (SC_LG_ZERO_PAGE_SIZE bytes) for bz: its own setup header, then
 * what a boot loader sets (loader type, command line, initrd, RSDP, e820).
 * 0, or -1 with a one-line reason in err.
 */
int sc_lg_zero_page(uint8_t *zp, const struct sc_bzimage *bz,
		    const struct sc_lg_boot *b, char *err, size_t errlen);

/*
 * The parameters that keep the guest off host devices (see
 * docs/linux-guest.md), tsc_early_khz=tsc_khz (the host's TSC frequency:
 * the guest cannot calibrate it without touching the host's timers),
 * console=hvc0 sparecore_ring=ring_pa (where the console rings are, for
 * the guest's /init to give sc_hvc.ko), then the user's append, into out (cap bytes,
 * NUL-terminated). -1 with err set if append has a control character or
 * the whole does not fit the kernel's cmdline_size.
 */
extern const char sc_lg_cmdline_base[];
int sc_lg_cmdline(char *out, size_t cap, uint32_t cmdline_size,
		  uint32_t tsc_khz, uint64_t ring_pa, const char *append,
		  char *err, size_t errlen);

#endif
