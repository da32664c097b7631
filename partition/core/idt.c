// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IDT: 256 interrupt gates (not trap gates, so IF is clear in every handler
 * and handlers never nest), all to the stubs in entry.S. #DF, NMI and #MC
 * run on the IST stack because they can arrive with a stack we cannot use.
 */
#include "idt.h"

#include "frame.h"
#include "gdt.h"

struct idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;    /* bits 0-2: IST slot, 0 = current stack */
	uint8_t type;   /* P, DPL, gate type */
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate");

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */

#define VEC_NMI 2
#define VEC_DF 8
#define VEC_MC 18

static struct idt_gate idt[256] __attribute__((aligned(16)));

static void set_gate(unsigned int vec, uint64_t handler, uint8_t ist)
{
	struct idt_gate *g = &idt[vec];

	g->off_lo = handler & 0xffff;
	g->sel = SEL_CODE;
	g->ist = ist;
	g->type = GATE_INTERRUPT;
	g->off_mid = (handler >> 16) & 0xffff;
	g->off_hi = handler >> 32;
	g->reserved = 0;
}

void idt_init(void)
{
	struct desc_ptr idtr;

	for (unsigned int v = 0; v < 256; v++) {
		uint8_t ist = (v == VEC_NMI || v == VEC_DF || v == VEC_MC) ?
				      IST_FATAL : 0;

		set_gate(v, isr_stub_table[v], ist);
	}
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (uint64_t)(uintptr_t)idt;
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}
