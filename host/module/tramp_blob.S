/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trampoline (trampoline/tramp.S, built flat into build/tramp.bin) as
 * bytes the module copies below 1 MiB before each START. It is data here:
 * it never runs at this address.
 */
	.section .rodata, "a"
	.balign 16
	.globl sc_tramp_blob
sc_tramp_blob:
	.incbin SC_TRAMP_BIN
	.globl sc_tramp_blob_end
sc_tramp_blob_end:
