// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GDT: null, 64-bit code, data, and a TSS. In long mode segmentation is
 * almost gone, but CS must name a 64-bit code descriptor, SS a data one,
 * and the TSS is still where the CPU finds the IST stacks: #DF, NMI and #MC
 * switch to IST1 so that a blown or corrupt stack still gets a crash report
 * instead of a triple fault.
 */
#include "gdt.h"

#include <sparecore/types.h>

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];   /* stacks for CPL 0-2 (we never change CPL) */
	uint64_t reserved1;
	uint64_t ist[7];   /* IST1..IST7 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iopb;     /* I/O bitmap offset: past the limit = none */
} __attribute__((packed));
_Static_assert(sizeof(struct tss64) == 104, "64-bit TSS is 104 bytes");

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#define IST_STACK_SIZE 8192

static struct tss64 tss __attribute__((aligned(64)));
static uint8_t ist_stack[IST_STACK_SIZE] __attribute__((aligned(16)));

/* Flat descriptors: base 0, limit 4 GiB, present, DPL 0. Code has L=1,
 * D=0 (64-bit); data is read/write. Slots 3-4 are the TSS, filled below. */
static uint64_t gdt[5] __attribute__((aligned(16))) = {
	0,
	0x00af9a000000ffffull, /* SEL_CODE */
	0x00cf92000000ffffull, /* SEL_DATA */
	0,
	0,
};

static void set_tss_desc(void)
{
	uint64_t base = (uint64_t)(uintptr_t)&tss;
	uint64_t limit = sizeof(tss) - 1;

	/* System descriptor, 16 bytes: type 9 (available 64-bit TSS),
	 * present, DPL 0; base split 15:0 / 23:16 / 31:24 / 63:32. */
	gdt[SEL_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			   (0x89ull << 40) | (((limit >> 16) & 0xf) << 48) |
			   (((base >> 24) & 0xff) << 56);
	gdt[SEL_TSS / 8 + 1] = base >> 32;
}

void gdt_init(void)
{
	struct desc_ptr gdtr;

	tss.ist[IST_FATAL - 1] = (uint64_t)(uintptr_t)(ist_stack + IST_STACK_SIZE);
	tss.iopb = sizeof(tss);
	set_tss_desc();

	gdtr.limit = sizeof(gdt) - 1;
	gdtr.base = (uint64_t)(uintptr_t)gdt;
	__asm__ volatile("lgdt %0" : : "m"(gdtr) : "memory");

	/* CS can only be reloaded by a far transfer: push the new CS and a
	 * return address and far-return to it. The data segments are plain
	 * moves; FS and GS get the null selector (unused in ring 0). */
	__asm__ volatile("pushq %[cs]\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "mov %[ds], %%ss\n\t"
			 "mov %[ds], %%ds\n\t"
			 "mov %[ds], %%es\n\t"
			 "mov %[null], %%fs\n\t"
			 "mov %[null], %%gs"
			 :
			 : [cs] "i"(SEL_CODE), [ds] "r"((uint16_t)SEL_DATA),
			   [null] "r"((uint16_t)0)
			 : "rax", "memory");

	/* The descriptor must say "available"; LTR marks it busy. */
	__asm__ volatile("ltr %0" : : "r"((uint16_t)SEL_TSS) : "memory");
}
