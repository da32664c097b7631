/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The local APIC, in whichever mode the host left it: xAPIC (MMIO at
 * SC_APIC_VA) or x2APIC (MSRs). INIT/SIPI keeps the mode, so we read
 * IA32_APIC_BASE rather than trust anyone.
 */
#ifndef PARTITION_APIC_H
#define PARTITION_APIC_H

#include <sparecore/types.h>

/* Register offsets as in the xAPIC page; x2APIC uses MSR 0x800 + off/16. */
#define APIC_ID 0x020
#define APIC_VERSION 0x030
#define APIC_TPR 0x080
#define APIC_EOI 0x0b0
#define APIC_SVR 0x0f0
#define APIC_ESR 0x280
#define APIC_ICR_LO 0x300
#define APIC_ICR_HI 0x310 /* xAPIC only: x2APIC's ICR is one 64-bit MSR */
#define APIC_LVT_TIMER 0x320
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CUR 0x390
#define APIC_TIMER_DIV 0x3e0

#define APIC_SVR_ENABLE (1u << 8)
#define APIC_LVT_MASKED (1u << 16)
#define APIC_LVT_PERIODIC (1u << 17)

/* Find the mode, check it against boot info and the page tables, and
 * software-enable the APIC. 0 on success; otherwise the APIC is unusable
 * and apic_problem() says why. Warnings (mode or ID differing from boot
 * info) do not fail it but also show in apic_problem(). */
int apic_init(void);
const char *apic_problem(void);

bool apic_ready(void);
bool apic_is_x2apic(void);
const char *apic_mode_name(void);

uint32_t apic_read(uint32_t reg);
void apic_write(uint32_t reg, uint32_t val);

/* Physical APIC ID, read from the APIC itself. */
uint32_t apic_id(void);

/* End of interrupt for the in-service vector. */
void apic_eoi(void);

/* Fixed, physical destination, edge IPI. */
void apic_send_ipi(uint32_t dest, uint32_t vector);

/* Tell the host to look at the rings or boot info: an IPI with
 * host_vector to host_apic_id. A no-op until apic_init() succeeded. */
void apic_doorbell_host(void);

#endif
