/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The iasl-built table templates (build/bios/*.aml), embedded read-only in
 * the host service. The Makefile assembles this with -Wa,-I build/bios so
 * .incbin finds them. Each template is NAME .. NAME_end; the host copies
 * and patches them per partition (host/service/loader/acpi_build.c).
 */
	.section .rodata.sc_bios, "a", @progbits

	.macro	template name, file
	.balign	16
	.globl	\name, \name\()_end
\name:
	.incbin	"\file"
\name\()_end:
	.endm

	template sc_bios_rsdp, "rsdp.aml"
	template sc_bios_xsdt, "xsdt.aml"
	template sc_bios_fadt, "fadt.aml"
	template sc_bios_madt_lapic, "madt-lapic.aml"
	template sc_bios_madt_x2apic, "madt-x2apic.aml"
	template sc_bios_dsdt, "dsdt.aml"

	.section .note.GNU-stack, "", @progbits
