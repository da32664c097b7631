/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * /dev/sparecore for a Linux guest (docs/linux-guest.md).
 *
 * SC_CREATE_LINUX in sc_ioc_create.flags asks for what an unmodified
 * kernel needs that the partition OS does not:
 *   - all of the partition's memory as one physically contiguous run,
 *     2 MiB aligned, at or above 16 MiB (the decompressor's floor) and
 *     below 4 GiB (the decompressor's 32-bit trampoline returns through
 *     a 32-bit far return; the service's cr3 is loaded in 32-bit mode);
 *   - a block of RAM below 640 KiB that belongs to the guest from START
 *     until the CPU is stopped (the kernel's real-mode trampoline and the
 *     decompressor's paging trampoline live there). The module saves the
 *     host's bytes at START and puts them back after the CPU is stopped.
 * SC_IOC_LOWMEM says where that block is.
 */
#ifndef SPARECORE_LINUX_GUEST_H
#define SPARECORE_LINUX_GUEST_H

#include "ioctl.h"

#define SC_CREATE_LINUX 0x1u

/* The contiguous run's bounds. */
#define SC_LINUX_MEM_FLOOR (16ull << 20)
#define SC_LINUX_MEM_CEIL (4ull << 30)

/** Argument of SC_IOC_LOWMEM. */
struct sc_ioc_lowmem {
	uint64_t pa;   /**< out: host-physical start, page aligned, < 640 KiB */
	uint64_t size; /**< out: bytes */
};
_Static_assert(sizeof(struct sc_ioc_lowmem) == 16, "ioc_lowmem");

#define SC_IOC_LOWMEM _IOR(SC_IOC_MAGIC, 8, struct sc_ioc_lowmem)

#endif
