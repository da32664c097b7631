// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Local APIC driver for both modes. We only need EOI, the timer and IPIs to
 * the host; everything else stays as INIT left it (all LVTs masked).
 */
#include "apic.h"

#include "boot.h"
#include "cpu.h"
#include "paging.h"
#include "vectors.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_EXTD (1ull << 10) /* x2APIC mode */
#define APIC_BASE_EN (1ull << 11)   /* globally enabled */
#define APIC_BASE_ADDR 0x000ffffffffff000ull

#define X2APIC_MSR(reg) (0x800u + ((reg) >> 4))
#define X2APIC_ICR 0x830u

#define ICR_DELIVERY_PENDING (1u << 12) /* xAPIC only */
#define ICR_LEVEL_ASSERT (1u << 14)     /* required set for fixed IPIs */

static bool x2apic;
static bool ready;
static const char *problem;

static volatile uint32_t *xapic_reg(uint32_t reg)
{
	return (volatile uint32_t *)(uintptr_t)(SC_APIC_VA + reg);
}

uint32_t apic_read(uint32_t reg)
{
	if (x2apic)
		return (uint32_t)rdmsr(X2APIC_MSR(reg));
	return *xapic_reg(reg);
}

void apic_write(uint32_t reg, uint32_t val)
{
	if (x2apic)
		wrmsr(X2APIC_MSR(reg), val);
	else
		*xapic_reg(reg) = val;
}

/* Check that SC_APIC_VA maps the registers IA32_APIC_BASE names, uncached:
 * a wrong mapping would turn our register writes into stores to memory. */
static int check_xapic_mapping(uint64_t base_msr)
{
	uint64_t want = base_msr & APIC_BASE_ADDR, hpa, pte;

	switch (paging_lookup(SC_APIC_VA, &hpa, &pte)) {
	case PT_UNMAPPED:
		problem = "xAPIC page not mapped at SC_APIC_VA";
		return -1;
	case PT_UNKNOWN:
		problem = "xAPIC mapping not checkable (tables outside chunk 0)";
		return 0;
	case PT_MAPPED:
		break;
	}
	if ((hpa & ~0xfffull) != want) {
		problem = "xAPIC page maps another address than IA32_APIC_BASE";
		return -1;
	}
	if (!(pte & PTE_W)) {
		problem = "xAPIC page mapped read-only";
		return -1;
	}
	/* Cached MMIO may still work through the PAT; say so, go on. */
	if (!(pte & PTE_PCD))
		problem = "xAPIC page not mapped with PCD (uncached)";
	return 0;
}

int apic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_EN)) {
		problem = "APIC globally disabled in IA32_APIC_BASE";
		return -1;
	}
	x2apic = (base & APIC_BASE_EXTD) != 0;
	if (!x2apic && check_xapic_mapping(base) < 0)
		return -1;

	/* Accept every priority, then software-enable: after INIT the SVR
	 * is 0xff and the APIC delivers nothing, not even timer ticks. */
	apic_write(APIC_TPR, 0);
	apic_write(APIC_SVR, APIC_SVR_ENABLE | VEC_SPURIOUS);
	ready = true;

	/* The hardware decides; differences from what the host told us are
	 * worth reporting but not fatal. */
	if (boot_info->apic_mode != (x2apic ? SC_APIC_X2APIC : SC_APIC_XAPIC))
		problem = "APIC mode differs from boot info apic_mode";
	else if (apic_id() != boot_info->apic_id)
		problem = "APIC ID differs from boot info apic_id";
	return 0;
}

const char *apic_problem(void)
{
	return problem;
}

bool apic_ready(void)
{
	return ready;
}

bool apic_is_x2apic(void)
{
	return x2apic;
}

const char *apic_mode_name(void)
{
	return x2apic ? "x2APIC" : "xAPIC";
}

uint32_t apic_id(void)
{
	/* x2APIC: the full 32-bit ID; xAPIC: bits 31-24 of the ID register. */
	if (x2apic)
		return (uint32_t)rdmsr(X2APIC_MSR(APIC_ID));
	return *xapic_reg(APIC_ID) >> 24;
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/* xAPIC: wait until the previous IPI left the APIC. Bounded, so a stuck
 * bit costs a few milliseconds, not the CPU. */
static void xapic_wait_icr_idle(void)
{
	for (uint32_t i = 0; i < (1u << 20); i++) {
		if (!(*xapic_reg(APIC_ICR_LO) & ICR_DELIVERY_PENDING))
			return;
		cpu_relax();
	}
}

void apic_send_ipi(uint32_t dest, uint32_t vector)
{
	uint32_t low = (vector & 0xff) | ICR_LEVEL_ASSERT; /* fixed, physical */
	uint64_t flags;

	if (!ready)
		return;
	/* xAPIC sends with two writes (the low one triggers the IPI); an
	 * interrupt handler sending in between must not interleave. */
	flags = irq_save();
	if (x2apic) {
		/* WRMSR to an x2APIC register is not serializing: without a
		 * fence the IPI can overtake our last stores (a ring index,
		 * boot info state) and the host would look too early. The
		 * xAPIC's uncached MMIO write is ordered after them anyway.
		 * One MSR write; x2APIC has no delivery-status bit to poll. */
		__asm__ volatile("mfence; lfence" : : : "memory");
		wrmsr(X2APIC_ICR, ((uint64_t)dest << 32) | low);
	} else {
		xapic_wait_icr_idle();
		*xapic_reg(APIC_ICR_HI) = dest << 24;
		*xapic_reg(APIC_ICR_LO) = low;
		xapic_wait_icr_idle();
	}
	irq_restore(flags);
}

void apic_doorbell_host(void)
{
	uint32_t vector = boot_info->host_vector;

	/* Vectors below 32 are exceptions, not something to send. */
	if (vector < 32 || vector > 255)
		return;
	apic_send_ipi(boot_info->host_apic_id, vector);
}
