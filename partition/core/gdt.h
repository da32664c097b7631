/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Our own GDT and TSS. The trampoline's GDT lives in the low page the host
 * takes back once we are up, so we must stop using it before then.
 */
#ifndef PARTITION_GDT_H
#define PARTITION_GDT_H

#define SEL_CODE 0x08 /* 64-bit ring-0 code */
#define SEL_DATA 0x10 /* ring-0 data (SS, DS, ES) */
#define SEL_TSS 0x18  /* 64-bit TSS, two slots */

/* IST slot for the vectors that must not trust the current stack. */
#define IST_FATAL 1

/* Load the GDT, reload every segment register and the task register. */
void gdt_init(void);

#endif
