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

/*
 * A crash report need not come from a CPU exception: the partition also
 * stops itself, with a report, when a check at boot fails. Such reports have
 * vector >= SC_CRASH_SOFT and error_code says what failed; the rest (rip,
 * registers, stack) is where the partition stopped.
 *
 * SC_CRASH_ACPI + enum sc_acpi_fault: the partition refused an ACPI table.
 * error_code: bits 31-0 the table's signature as it appears in memory
 * ("DSDT" is 0x54445344; "RSD " for the RSDP), bits 63-32 a detail whose
 * meaning the fault gives.
 */
#define SC_CRASH_SOFT 0x100u
#define SC_CRASH_ACPI 0x100u

enum sc_acpi_fault {
	SC_ACPI_BAD_RANGE = 1, /**< not inside partition memory; detail: low 32 bits of the address */
	SC_ACPI_BAD_SIG = 2,   /**< wrong signature where the table should be; detail: 0 */
	SC_ACPI_BAD_LEN = 3,   /**< length too small, too large or not whole; detail: the length */
	SC_ACPI_BAD_SUM = 4,   /**< bytes do not sum to 0; detail: their sum */
	SC_ACPI_BAD_REV = 5,   /**< revision too old for what we need; detail: the revision */
	SC_ACPI_BAD_DATA = 6,  /**< a field or entry is wrong; detail: its offset in the table */
	SC_ACPI_BAD_AML = 7,   /**< AML we cannot follow; detail: offset in the table */
	SC_ACPI_MISSING = 8,   /**< a table we need is absent; detail: 0 */
	SC_ACPI_NO_CONSOLE = 9, /**< the DSDT names no console device; detail: 0 */
	SC_ACPI_FAULT_MAX = 9, /**< highest value above */
};

/* error_code of an SC_CRASH_ACPI report. */
#define SC_ACPI_FAULT_CODE(sig32, detail) \
	((uint64_t)(uint32_t)(sig32) | ((uint64_t)(uint32_t)(detail) << 32))

struct sc_crash {
	uint64_t vector;     /**< exception vector (0-31), or >= SC_CRASH_SOFT */
	uint64_t error_code; /**< CPU error code (0 if the vector has none), or
				  what a soft crash says (see SC_CRASH_SOFT) */
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
_Static_assert(__builtin_offsetof(struct sc_crash, rip) == 16, "crash.rip");
_Static_assert(__builtin_offsetof(struct sc_crash, cr2) == 56, "crash.cr2");
_Static_assert(__builtin_offsetof(struct sc_crash, regs) == 64, "crash.regs");
_Static_assert(__builtin_offsetof(struct sc_crash, stack) == 64 + SC_REG_COUNT * 8,
	       "crash.stack");

#endif
