/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The boot info page the host handed us, and the few facts derived from it
 * that everything else asks about: where partition memory is, and how to
 * report our state to the host.
 */
#ifndef PARTITION_BOOT_H
#define PARTITION_BOOT_H

#include <sparecore/bootinfo.h>

/* Set once by main() before anything else runs; never changes. */
extern struct sc_boot_info *boot_info;

/* TSC when main() started: the zero of uptime. */
extern uint64_t boot_tsc;

/* Check magic, version, size and layout; false: do not trust the page. */
bool boot_info_valid(const struct sc_boot_info *bi);

/* Virtual address of partition-physical address pa. */
static inline void *pa_to_va(uint64_t pa)
{
	return (void *)(uintptr_t)(SC_VIRT_BASE + pa);
}

/* Does [va, va + len) lie wholly inside partition memory? */
bool va_in_partition(uint64_t va, uint64_t len);

/* Publish a new enum sc_part_state with release ordering: everything we
 * wrote before (up_tsc, the crash report) is visible to a host that sees
 * the new state. */
void boot_set_state(uint32_t state);

#endif
