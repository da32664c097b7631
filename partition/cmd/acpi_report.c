// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The `acpi` command: the tables acpi_init() validated and the devices it
 * found. The "madt:" line is read by tests (tests/e2e/acpi.sh): change it
 * only together with them.
 */
#include "acpi_report.h"

#include <sparecore/devices.h>

#include "acpi.h"
#include "kprintf.h"
#include "kstring.h"

static const char *dev_name(const char *hid)
{
	const struct sc_device *dev = sc_device_by_hid(hid);

	if (dev)
		return dev->name;
	if (!strcmp(hid, SC_HID_CPU))
		return "processor";
	return "";
}

void acpi_print(void)
{
	const struct acpi_info *ai = acpi_get_info();

	if (!ai) {
		kprintf("acpi: no tables\n");
		return;
	}
	kprintf("tables (all checksums and lengths verified):\n");
	for (unsigned i = 0; i < ai->n_tables; i++) {
		const struct acpi_table *t = &ai->tables[i];

		kprintf("  %s 0x%08llx %5u bytes rev %u", t->sig,
			(unsigned long long)t->pa, t->len, t->rev);
		if (!strcmp(t->sig, "FACP"))
			kprintf(".%u, hardware-reduced", ai->fadt_minor);
		kprintf("\n");
	}
	kprintf("madt: cpu apic id %u (%s entry, uid %u, enabled), local apic at 0x%x, no I/O APIC, no PIC\n",
		ai->apic_id, ai->x2apic_entry ? "Local x2APIC" : "Local APIC",
		ai->cpu_uid, ai->lapic_addr);
	kprintf("devices:\n");
	for (unsigned i = 0; i < ai->n_devs; i++) {
		const struct acpi_dev *d = &ai->devs[i];

		kprintf("  %-10s %-8s uid %llu  %s\n", d->path,
			d->hid[0] ? d->hid : "-", (unsigned long long)d->uid,
			dev_name(d->hid));
		for (unsigned k = 0; k < d->n_mem; k++)
			kprintf("      ring %u: 0x%llx-0x%llx (%llu bytes)\n", k,
				(unsigned long long)d->mem[k].base,
				(unsigned long long)(d->mem[k].base + d->mem[k].size - 1),
				(unsigned long long)d->mem[k].size);
		for (unsigned k = 0; k < d->n_irq; k++)
			kprintf("      doorbell vector 0x%x\n", d->irq[k]);
	}
}
