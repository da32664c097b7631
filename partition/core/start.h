/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The runtime's start and end, shared by every program on the partition:
 * the shell (partition/cmd/main.c) and SDK programs (sdk/runtime/).
 */
#ifndef PARTITION_START_H
#define PARTITION_START_H

#include <sparecore/bootinfo.h>

/* Bring the partition up in the order start.c explains: CPU tables,
 * APIC, timer, interrupts, ACPI, console (banner), disk, network.
 * Returns with interrupts on and the console up; never returns if there
 * is no console (it idles with the heartbeat going). bi and up_key are
 * what the trampoline passed to the entry (trampoline.h). */
void runtime_start(struct sc_boot_info *bi, uint64_t up_key);

/* Let the host print what is still in the console ring (at most
 * drain_ms), then report HALTED and stop this CPU: the host gives it
 * back to Linux. */
__attribute__((noreturn)) void runtime_halt(uint64_t drain_ms);

#endif
