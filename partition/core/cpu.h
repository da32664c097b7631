/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Thin wrappers around the x86-64 instructions the partition needs. Every
 * asm that orders memory against the CPU state it changes carries a
 * "memory" clobber, so the compiler cannot move loads or stores across it.
 */
#ifndef PARTITION_CPU_H
#define PARTITION_CPU_H

#include <sparecore/types.h>

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr) : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	/* Memory clobber: an x2APIC EOI or ICR write must not be moved
	 * before the stores it is meant to follow. */
	__asm__ volatile("wrmsr"
			 :
			 : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))
			 : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v) : : "memory");
	return v;
}

static inline void write_cr3(uint64_t v)
{
	/* Writing CR3 flushes the non-global TLB entries: the way to make a
	 * page-table edit visible to this CPU. */
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline void irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

/*
 * Sleep until the next interrupt. STI delays interrupt recognition by one
 * instruction, so "sti; hlt" is atomic: an interrupt that became pending
 * while we were checking for work with interrupts off wakes the HLT instead
 * of being taken before it. Call with interrupts off after the last check;
 * returns with interrupts on.
 */
static inline void irq_enable_and_wait(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

/* Save RFLAGS and disable interrupts; irq_restore() puts IF back. */
static inline uint64_t irq_save(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void irq_restore(uint64_t flags)
{
	if (flags & (1u << 9))
		irq_enable();
}

/* Stop this CPU for good: interrupts off, HLT in a loop (an NMI or SMI can
 * still end a HLT, so loop around it). */
static inline __attribute__((noreturn)) void halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt" : : : "memory");
}

#endif
