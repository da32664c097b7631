/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Interrupt vectors the partition uses. 0-31 are the CPU's exceptions; the
 * host doorbell is fixed by the ABI (SC_PART_DOORBELL_VECTOR, 0xf0).
 */
#ifndef PARTITION_VECTORS_H
#define PARTITION_VECTORS_H

#include <sparecore/abi.h>

#define VEC_EXCEPTIONS 32      /* 0..31: CPU exceptions, all fatal here */
#define VEC_TIMER 0xec         /* APIC timer, below the doorbell's class */
#define VEC_DOORBELL SC_PART_DOORBELL_VECTOR
#define VEC_SPURIOUS 0xff      /* APIC spurious: low nibble must be 0xf on old CPUs */

#ifndef __ASSEMBLER__
#include <sparecore/types.h>

/* A device's doorbell arrives on vector (from its ACPI _CRS). Like
 * VEC_DOORBELL it needs no handler (it ends a HLT; the woken driver looks
 * at its rings), but it is not a stray. 0, or -1 for a vector that is an
 * exception, the timer's or the spurious one. */
int isr_add_doorbell(uint32_t vector);

/* Doorbell interrupts taken so far (VEC_DOORBELL and the devices'). Only
 * the interrupt handler writes it; read it with interrupts off or accept
 * a count one behind. */
extern uint64_t isr_doorbell_count;
#endif

#endif
