/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loading a Linux guest into a partition: the files read and checked
 * before the CPU is taken (sc_lg_prepare), then, once the module has
 * given the memory, everything the 64-bit boot protocol wants in it
 * (sc_lg_load). Layout of chunk 0 beyond the partition ABI's areas:
 */
#ifndef SC_LG_LOAD_H
#define SC_LG_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include <sparecore/linux_guest.h>

#include "bzimage.h"

#define SC_LG_ZERO_PAGE_OFF 0x100000ull /* boot_params */
#define SC_LG_CMDLINE_OFF 0x101000ull   /* command line, one page */
#define SC_LG_SHIM_OFF 0x102000ull      /* entry shim, one page */
#define SC_LG_STACK_TOP 0x104000ull     /* shim's stack: the page below */
#define SC_LG_PT_POOL_OFF 0x110000ull   /* identity page tables */
#define SC_LG_PT_POOL_END 0x150000ull
#define SC_LG_DECOY_OFF 0x150000ull     /* decoy IOAPIC page: all ones */
#define SC_LG_CMDLINE_CAP 4096u

struct sc_part;

struct sc_lg_image {
	uint8_t *kernel;     /* the bzImage file */
	size_t kernel_len;
	struct sc_bzimage bz;
	uint8_t *initrd;     /* NULL: none */
	size_t initrd_len;
	const char *append;  /* the user's --append (not owned) */
	char cmdline[SC_LG_CMDLINE_CAP];
	uint64_t load_pa;    /* set by sc_lg_load: where the kernel went */
};

/*
 * Read and check kernel (and initrd) for a partition of mem bytes, and
 * build the command line with append. 0, or -1 after a one-line error.
 */
int sc_lg_prepare(struct sc_lg_image *img, const char *kernel,
		  const char *initrd, const char *append, uint64_t mem);
/* Boot info, page tables, ACPI tables, zero page, kernel, initrd, shim.
 * 0, or -1 after a one-line error. */
int sc_lg_load(struct sc_part *p, struct sc_lg_image *img,
	       const struct sc_ioc_lowmem *low);
void sc_lg_free(struct sc_lg_image *img);

#endif
