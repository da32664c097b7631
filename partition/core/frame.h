/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What entry.S leaves on the stack before it calls isr_dispatch(): the
 * general registers (pushed so that regs[] is in enum sc_crash_reg order,
 * rax first), the vector and error code the stub pushed, and the frame the
 * CPU pushed on the interrupt (in 64-bit mode always SS:RSP too).
 */
#ifndef PARTITION_FRAME_H
#define PARTITION_FRAME_H

#include <sparecore/crash.h>

struct isr_frame {
	uint64_t regs[SC_REG_COUNT]; /* rax ... r15, enum sc_crash_reg order */
	uint64_t vector;             /* pushed by the stub */
	uint64_t error_code;         /* by the CPU, or a 0 from the stub */
	uint64_t rip;                /* the CPU's interrupt frame: */
	uint64_t cs;
	uint64_t rflags;
	uint64_t rsp;
	uint64_t ss;
};
_Static_assert(sizeof(struct isr_frame) == 22 * 8, "isr_frame matches entry.S");

/* Called by entry.S for every vector, with interrupts off. */
void isr_dispatch(struct isr_frame *f);

/* The 256 stub addresses entry.S generates, indexed by vector. */
extern const uint64_t isr_stub_table[256];

#endif
