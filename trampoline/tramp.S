/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * sparecore trampoline: real mode -> protected mode -> long mode -> partition.
 *
 * Contract (see include/sparecore/trampoline.h): copied to a page P below
 * 1 MiB, parameters at P + SC_TRAMP_PARAMS, entered by SIPI at CS = P >> 4,
 * IP = 0 with interrupts off. The code is position independent: the page
 * address is taken from CS and kept in %ebx, and every absolute address the
 * CPU needs (GDT base, far-jump targets) is written into this page at run
 * time. It writes nothing outside its own page.
 */
#include <sparecore/trampoline.h>

#define CR0_PE 0x00000001
#define CR0_MP 0x00000002
#define CR0_ET 0x00000010
#define CR0_NE 0x00000020
#define CR0_WP 0x00010000
#define CR0_PG 0x80000000
#define CR4_PAE 0x00000020
#define MSR_EFER 0xc0000080
#define EFER_LME 0x00000100
#define EFER_NXE 0x00000800

#define SEL_CODE32 0x08
#define SEL_DATA 0x10
#define SEL_CODE64 0x18

#define PARAM(x) (SC_TRAMP_PARAMS + (x))

	.section .text
	.code16
	.globl sc_tramp_start
sc_tramp_start:
	cli
	cld
	mov	%cs, %ax
	mov	%ax, %ds
	movl	$SC_TRAMP_AT_REAL, PARAM(SC_TRAMP_PROGRESS)

	/* %ebx = linear address of this page */
	xor	%ebx, %ebx
	mov	%cs, %bx
	shl	$4, %ebx

	/* Patch the GDT base and both far-jump targets with our address. */
	lea	gdt(%ebx), %eax
	mov	%eax, gdt_desc + 2
	lea	prot32(%ebx), %eax
	mov	%eax, far32
	lea	long64(%ebx), %eax
	mov	%eax, far64

	lgdtl	gdt_desc
	mov	%cr0, %eax
	or	$(CR0_PE | CR0_MP | CR0_ET | CR0_NE), %eax
	mov	%eax, %cr0
	ljmpl	*far32

	.code32
prot32:
	mov	$SEL_DATA, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	%ax, %fs
	mov	%ax, %gs
	movl	$SC_TRAMP_AT_PROT, PARAM(SC_TRAMP_PROGRESS)(%ebx)

	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	/* 32-bit mode loads only the low half of cr3: the PML4 is < 4 GiB. */
	mov	PARAM(SC_TRAMP_CR3)(%ebx), %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	mov	%cr0, %eax
	or	$(CR0_PG | CR0_WP), %eax
	mov	%eax, %cr0
	/* Paging is on; this page is identity-mapped, so we keep running. */
	ljmp	*far64(%ebx)

	.code64
long64:
	movl	$SC_TRAMP_AT_LONG, PARAM(SC_TRAMP_PROGRESS)(%rbx)
	mov	PARAM(SC_TRAMP_STACK)(%rbx), %rsp
	mov	PARAM(SC_TRAMP_BOOTINFO)(%rbx), %rdi
	mov	PARAM(SC_TRAMP_UP_KEY)(%rbx), %rsi
	mov	PARAM(SC_TRAMP_ENTRY)(%rbx), %rax
	xor	%ebp, %ebp
	jmp	*%rax

	.balign 8
gdt:
	.quad	0			/* null */
	.quad	0x00cf9a000000ffff	/* 0x08: 32-bit code, flat */
	.quad	0x00cf92000000ffff	/* 0x10: data, flat */
	.quad	0x00af9a000000ffff	/* 0x18: 64-bit code */
gdt_end:
	.balign 4
gdt_desc:
	.word	gdt_end - gdt - 1
	.long	0			/* base: patched above */
	.balign 4
far32:
	.long	0			/* offset: patched above */
	.word	SEL_CODE32
	.balign 4
far64:
	.long	0			/* offset: patched above */
	.word	SEL_CODE64
	.globl sc_tramp_end
sc_tramp_end:
