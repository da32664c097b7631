/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* The first steps every image on the partition CPU takes, in one place. */
#ifndef PARTITION_BRINGUP_H
#define PARTITION_BRINGUP_H

#include <sparecore/bootinfo.h>

/*
 * Take over from the trampoline and report UP: check the boot info (halt
 * if it cannot be trusted: the host's start timeout reports it), load our
 * own GDT and IDT, drop the identity map of the trampoline page, then
 * publish SC_STATE_UP. The order is the contract with the module: it
 * restores the trampoline page as soon as it sees UP, so nothing after UP
 * may touch that page or the trampoline's GDT.
 */
void bringup(struct sc_boot_info *bi);

#endif
