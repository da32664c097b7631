/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Crash report: what the partition's exception handler writes into boot info
 * before it halts, and the host prints. The host copies it out and treats
 * every field as untrusted numbers (it only prints them).
 */
#ifndef SPARECORE_CRASH_H
#define SPARECORE_CRASH_H

#include "types.h"

#define SC_CRASH_STACK_WORDS 8u

/* Order of regs[] below. */
enum sc_crash_reg {
	SC_REG_RAX, SC_REG_RBX, SC_REG_RCX, SC_REG_RDX, SC_REG_RSI, SC_REG_RDI,
	SC_REG_RBP, SC_REG_R8, SC_REG_R9, SC_REG_R10, SC_REG_R11, SC_REG_R12,
	SC_REG_R13, SC_REG_R14, SC_REG_R15, SC_REG_COUNT
};

struct sc_crash {
	uint64_t vector;     /**< exception vector (0-31) */
	uint64_t error_code; /**< CPU error code, 0 if the vector has none */
	uint64_t rip;        /**< faulting instruction */
	uint64_t cs;         /**< code selector at the fault */
	uint64_t rflags;     /**< flags at the fault */
	uint64_t rsp;        /**< stack pointer at the fault */
	uint64_t ss;         /**< stack selector at the fault */
	uint64_t cr2;        /**< page-fault linear address */
	uint64_t regs[SC_REG_COUNT];          /**< general registers */
	uint64_t stack[SC_CRASH_STACK_WORDS]; /**< words at rsp, if readable */
};
_Static_assert(sizeof(struct sc_crash) == (8 + SC_REG_COUNT + 8) * 8,
	       "sc_crash size");
_Static_assert(__builtin_offsetof(struct sc_crash, regs) == 64, "crash.regs");

#endif
