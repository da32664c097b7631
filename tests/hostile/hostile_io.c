// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * What the disk and network attacks share: finding a device's rings as the
 * real drivers do (partition/cmd/blk_cmd.c, net_glue.c: the DSDT device's
 * _CRS lists its rings and its doorbell vector; acpi.c has checked them),
 * and waiting for the host's answer on a ring we consume.
 */
#include "acpi.h"
#include "apic.h"
#include "boot.h"
#include "cpu.h"
#include "hostile.h"
#include "timer.h"
#include "vectors.h"

void io_attach(const char *hid, struct sc_ring *rings, unsigned n)
{
	const struct acpi_dev *d;
	struct acpi_fault f;

	if (acpi_init(boot_info, apic_id(), &f))
		acpi_refuse(&f);
	d = acpi_find(hid);
	if (!d || d->n_mem < n || !d->n_irq) {
		say("hostile: no %s device with %u rings in the DSDT\n", hid, n);
		halt_now();
	}
	isr_add_doorbell(d->irq[0]);
	for (unsigned i = 0; i < n; i++) {
		if (sc_ring_attach(&rings[i], pa_to_va(d->mem[i].base),
				   d->mem[i].size)) {
			say("hostile: %s ring %u does not attach\n", hid, i);
			halt_now();
		}
	}
	say("hostile: %s: %u rings from 0x%llx, vector %u\n", hid, n,
	    (unsigned long long)d->mem[0].base, d->irq[0]);
}

bool io_take(struct sc_ring *r, struct sc_slot *out, uint64_t ms)
{
	uint64_t t0 = uptime_ms();

	for (;;) {
		if (sc_ring_cons_take(r, out)) {
			/* Free the slot; the host may be waiting for room. */
			if (sc_ring_cons_flush(r))
				apic_doorbell_host();
			return true;
		}
		if (uptime_ms() - t0 >= ms)
			return false;
		/* Ask for the host's doorbell, look once more, then sleep
		 * (the timer wakes us too, should the host not ring). */
		irq_disable();
		if (!sc_ring_cons_wait_arm(r))
			irq_enable_and_wait();
		irq_enable();
	}
}
