/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Contract between the module and trampoline/tramp.S.
 *
 * The trampoline is a position-independent flat binary of at most
 * SC_TRAMP_PARAMS bytes. The module copies it to a page below 1 MiB (after
 * saving that page), fills struct sc_tramp_params at offset SC_TRAMP_PARAMS
 * and sends SIPI with vector = page >> 12. The CPU starts in real mode at
 * CS:IP = (page >> 4):0 and the trampoline:
 *   - builds its GDT pointer and far-jump targets from CS (no fixed address),
 *   - enters 32-bit protected mode, enables PAE, loads cr3 (so the PML4 must
 *     be below 4 GiB), sets EFER.LME and EFER.NXE, enables paging,
 *   - far-jumps to 64-bit code (the page tables identity-map this page),
 *   - loads rsp = stack_va, rdi = bootinfo_va, rsi = up_key and jumps to
 *     entry_va.
 * up_key is a random number the module makes for each START. Only the
 * module and the started CPU see it (the service cannot read this page);
 * the partition writes it to boot info's up_key once it runs its own code
 * and has dropped the identity map of this page, and only then does the
 * module take the page back. A state the service writes cannot end the
 * wait early.
 * It touches no memory but its own page, and pushes nothing before the jump.
 * Offsets are plain numbers so the assembler can use them; the asserts below
 * tie them to the struct.
 */
#ifndef SPARECORE_TRAMPOLINE_H
#define SPARECORE_TRAMPOLINE_H

#define SC_TRAMP_PARAMS 0xf00       /* offset of the parameter block */
#define SC_TRAMP_CR3 0x00           /* u64: host-physical PML4, < 4 GiB */
#define SC_TRAMP_ENTRY 0x08         /* u64: partition entry (virtual) */
#define SC_TRAMP_STACK 0x10         /* u64: initial rsp (virtual) */
#define SC_TRAMP_BOOTINFO 0x18      /* u64: boot info pointer (virtual) */
#define SC_TRAMP_PROGRESS 0x20      /* u32: written by the trampoline */
#define SC_TRAMP_UP_KEY 0x28        /* u64: passed to the entry in rsi */
#define SC_TRAMP_PARAMS_SIZE 0x30

/* Values of progress, so a boot that dies early says where. */
#define SC_TRAMP_AT_REAL 1   /* reached the first instruction */
#define SC_TRAMP_AT_PROT 2   /* in 32-bit protected mode */
#define SC_TRAMP_AT_LONG 3   /* in 64-bit mode, about to jump */

#ifndef __ASSEMBLER__
#include "types.h"

struct sc_tramp_params {
	uint64_t cr3;         /**< host-physical PML4, below 4 GiB */
	uint64_t entry_va;    /**< where the partition starts */
	uint64_t stack_va;    /**< its first stack pointer */
	uint64_t bootinfo_va; /**< its first argument */
	uint32_t progress;    /**< SC_TRAMP_AT_*, written by the trampoline */
	uint32_t pad;         /**< zero */
	uint64_t up_key;      /**< the entry's second argument (rsi) */
};
_Static_assert(sizeof(struct sc_tramp_params) == SC_TRAMP_PARAMS_SIZE,
	       "tramp params size");
_Static_assert(__builtin_offsetof(struct sc_tramp_params, cr3) ==
		       SC_TRAMP_CR3, "cr3");
_Static_assert(__builtin_offsetof(struct sc_tramp_params, entry_va) ==
		       SC_TRAMP_ENTRY, "entry");
_Static_assert(__builtin_offsetof(struct sc_tramp_params, stack_va) ==
		       SC_TRAMP_STACK, "stack");
_Static_assert(__builtin_offsetof(struct sc_tramp_params, bootinfo_va) ==
		       SC_TRAMP_BOOTINFO, "bootinfo");
_Static_assert(__builtin_offsetof(struct sc_tramp_params, progress) ==
		       SC_TRAMP_PROGRESS, "progress");
_Static_assert(__builtin_offsetof(struct sc_tramp_params, up_key) ==
		       SC_TRAMP_UP_KEY, "up_key");
_Static_assert(SC_TRAMP_PARAMS + SC_TRAMP_PARAMS_SIZE <= 4096, "in page");
#endif

#endif
