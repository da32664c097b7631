/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* The IDT: every vector goes to its stub in entry.S. */
#ifndef PARTITION_IDT_H
#define PARTITION_IDT_H

/* Fill and load the IDT. Needs gdt_init() first (gates name SEL_CODE and
 * the IST slot lives in our TSS). */
void idt_init(void);

#endif
