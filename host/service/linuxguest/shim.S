/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux guest's entry shim: the bytes the trampoline jumps to (in
 * chunk 0, through the partition's high mapping) and that turn its state
 * into what the 64-bit boot protocol asks for (boot.rst, "64-bit Boot
 * Protocol"): a GDT with __BOOT_CS = 0x10 (64-bit code) and __BOOT_DS =
 * 0x18, CS/DS/ES/SS loaded from it, interrupts off, %rsi = the zero page,
 * and a jump to startup_64 (load address + 0x200), all identity-mapped.
 *
 * The service copies sc_lg_shim_start..sc_lg_shim_end into the guest and
 * fills the four quadwords at sc_lg_shim_params with host-physical
 * addresses. The code is position independent. Its first stores tell the
 * module the CPU has left the trampoline page: the key the trampoline
 * passed in %rsi (which only the started CPU was given, trampoline.h),
 * then boot info state UP; the module then gives that page back to Linux.
 */
#define BI_STATE 512		/* offsetof(struct sc_boot_info, state) */
#define BI_UP_KEY 528		/* offsetof(struct sc_boot_info, up_key) */
#define STATE_UP 1		/* SC_STATE_UP */
#define BOOT_CS 0x10
#define BOOT_DS 0x18
/* The parameter quadwords, in the order of struct sc_lg_shim_params. */
#define P_GDT_DESC_BASE params + 0
#define P_STACK params + 8
#define P_CONT params + 16
#define P_ZERO_PAGE params + 24
#define P_ENTRY params + 32

	.section .rodata, "a"
	.code64
	.balign 16
	.globl sc_lg_shim_start, sc_lg_shim_end, sc_lg_shim_params, sc_lg_shim_gdt
sc_lg_shim_start:
	cli
	cld
	mov	%rsi, BI_UP_KEY(%rdi)		/* rdi: boot info, rsi: up_key */
	movl	$STATE_UP, BI_STATE(%rdi)
	mov	P_GDT_DESC_BASE(%rip), %rax	/* the GDT's identity address */
	mov	%rax, gdt_desc + 2(%rip)
	lgdt	gdt_desc(%rip)
	mov	P_STACK(%rip), %rsp		/* an identity-mapped stack */
	pushq	$BOOT_CS
	pushq	P_CONT(%rip)			/* 1: below, at its identity address */
	lretq
1:	mov	$BOOT_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs
	mov	P_ZERO_PAGE(%rip), %rsi
	mov	P_ENTRY(%rip), %rax
	xor	%ebx, %ebx
	xor	%ebp, %ebp
	xor	%edi, %edi
	jmp	*%rax

	.globl sc_lg_shim_cont
	.set sc_lg_shim_cont, 1b

	.balign 8
sc_lg_shim_gdt:
	.quad	0
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x10: 64-bit code */
	.quad	0x00cf92000000ffff	/* 0x18: data */
gdt_desc:
	.word	4 * 8 - 1
	.quad	0			/* base: from P_GDT_DESC_BASE */

	.balign 8
sc_lg_shim_params:
params:
	.quad	0, 0, 0, 0, 0
sc_lg_shim_end:
	.section .note.GNU-stack, "", @progbits
