/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Entry point and interrupt stubs.
 *
 * _start is reached from the trampoline in 64-bit mode with interrupts off,
 * %rdi = boot info and a stack we do not own (it may be in the trampoline
 * page, which the host takes back once we report UP). So the first thing we
 * do is move to our own stack in .bss and only then call C.
 *
 * One stub per vector (all 256: a stray vector is then counted and ignored
 * instead of faulting through a not-present gate). Each stub pushes a zero
 * where the CPU pushes no error code, so every frame has the same shape
 * (struct isr_frame in frame.h), then pushes its vector and jumps to
 * isr_common, which saves the general registers and calls isr_dispatch().
 */

	.section .text.entry, "ax", @progbits
	.globl	_start
	.type	_start, @function
_start:
	cli
	cld
	/* Keep boot info across the .bss clear: rep stos uses %rdi. */
	mov	%rdi, %r12
	/* Zero .bss ourselves rather than trust the loader to. It holds the
	 * boot stack, but nothing is on it yet and nothing is pushed here. */
	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	lea	boot_stack_top(%rip), %rsp
	/* A zero frame pointer ends any backtrace here. */
	xor	%ebp, %ebp
	mov	%r12, %rdi
	/* %rsp is 16-byte aligned here, as the ABI wants at a call. */
	call	partition_main
1:	cli
	hlt
	jmp	1b
	.size	_start, . - _start

/* Vectors for which the CPU pushes an error code: #DF, #TS, #NP, #SS, #GP,
 * #PF, #AC, #CP, #VC, #SX. */
#define HAS_ERROR_CODE(v) ((v) == 8 || (v) == 10 || (v) == 11 || (v) == 12 || \
	(v) == 13 || (v) == 14 || (v) == 17 || (v) == 21 || (v) == 29 || \
	(v) == 30)

	/* The table of stub addresses, filled in order by the loop below. */
	.section .rodata.isr_stub_table, "a", @progbits
	.balign	8
	.globl	isr_stub_table
isr_stub_table:

	.section .text, "ax", @progbits
	vector = 0
	.rept	256
	.balign	16
1:
	.if	HAS_ERROR_CODE(vector)
	.else
	pushq	$0
	.endif
	pushq	$vector
	jmp	isr_common
	.pushsection .rodata.isr_stub_table, "a", @progbits
	.quad	1b
	.popsection
	vector = vector + 1
	.endr

/*
 * Common path. On entry the stack holds, from the top: vector, error code,
 * and the CPU's frame (RIP, CS, RFLAGS, RSP, SS). Push the general
 * registers so that %rsp points at a struct isr_frame.
 */
isr_common:
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%r11
	push	%r10
	push	%r9
	push	%r8
	push	%rbp
	push	%rdi
	push	%rsi
	push	%rdx
	push	%rcx
	push	%rbx
	push	%rax
	/* The C ABI wants DF clear on entry; the interrupted code may not
	 * have had it clear. */
	cld
	mov	%rsp, %rdi
	/* The CPU aligns %rsp to 16 before pushing its frame, which makes
	 * the frame above a multiple of 16 already; align anyway so the
	 * call is correct whatever the frame, and keep the old %rsp in a
	 * callee-saved register. */
	mov	%rsp, %rbx
	and	$-16, %rsp
	call	isr_dispatch
	mov	%rbx, %rsp
	pop	%rax
	pop	%rbx
	pop	%rcx
	pop	%rdx
	pop	%rsi
	pop	%rdi
	pop	%rbp
	pop	%r8
	pop	%r9
	pop	%r10
	pop	%r11
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	/* Drop vector and error code; iretq pops RIP, CS, RFLAGS, RSP, SS. */
	add	$16, %rsp
	iretq

	/* The boot stack: 16 KiB, page aligned, in .bss. */
	.section .bss.boot_stack, "aw", @nobits
	.balign	4096
	.globl	boot_stack_bottom
boot_stack_bottom:
	.skip	16384
	.globl	boot_stack_top
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
