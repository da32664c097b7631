// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore tables --cpu N [--disk FILE] [--net tap:NAME] --out DIR`:
 * build the tables exactly as `run` would (same sc_acpi_build, same
 * defaults) into a scratch copy of the ACPI area and write each as a
 * binary file named as acpixtract names them (rsdp.dat, xsdt.dat, ...),
 * for `iasl -d` and `acpiexec`. Needs no module and no root: nothing is
 * started. The APIC ID comes from /proc/cpuinfo (or --apic-id).
 */
#include "tables.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sparecore/devices.h>

#include "acpi_build.h"
#include "util.h"

#define DEFAULT_APIC_BASE 0xfee00000u

int sc_linux_apic_id(unsigned cpu, uint32_t *apic_id)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];
	long cur = -1;
	int found = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned v;

		if (sscanf(line, "processor : %u", &v) == 1) {
			cur = v;
		} else if (cur == (long)cpu &&
			   sscanf(line, "apicid : %u", &v) == 1) {
			*apic_id = v;
			found = 0;
			break;
		}
	}
	fclose(f);
	return found;
}

static int write_file(const char *dir, const char *name, const void *data,
		      size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		sc_err("cannot create %s: %m", path);
		return -1;
	}
	if (fwrite(data, 1, len, f) != len || fclose(f)) {
		sc_err("cannot write %s: %m", path);
		return -1;
	}
	return 0;
}

int sc_cmd_tables(const struct sc_args *a)
{
	struct sc_acpi_config cfg = {
		.apic_base = DEFAULT_APIC_BASE,
		.devices = SC_DEV_CONSOLE,
		.part_vector = SC_PART_DOORBELL_VECTOR,
	};
	struct sc_acpi_result res;
	uint64_t size = SC_ACPI_PA + SC_ACPI_SIZE;
	uint8_t *mem;
	char err[256];
	int ret = 1;

	if (a->apic_id >= 0) {
		cfg.apic_id = (uint32_t)a->apic_id;
	} else if (sc_linux_apic_id((unsigned)a->cpu, &cfg.apic_id)) {
		sc_err("CPU %d is not online, so its APIC ID is unknown: give --apic-id",
		       a->cpu);
		return 1;
	}
	if (a->disk)
		cfg.devices |= SC_DEV_BLK;
	if (a->net.tap)
		cfg.devices |= SC_DEV_NET;
	/* Each device's rings at the size its backend gives them. */
	for (unsigned i = 0; i < SC_DEVICE_COUNT; i++) {
		const struct sc_device *dev = sc_device(i);

		if (!(cfg.devices & dev->bit) || !dev->ring_area)
			continue;
		for (unsigned r = 0; r < dev->rings; r++)
			cfg.ring_order[dev->first_ring + r] = dev->ring_order;
	}
	mem = calloc(1, size);
	if (!mem) {
		sc_err("out of memory");
		return 1;
	}
	if (sc_acpi_build(mem, size, &cfg, &res, err, sizeof(err))) {
		sc_err("ACPI tables: %s", err);
		goto out;
	}
	if (mkdir(a->out_dir, 0755) && errno != EEXIST) {
		sc_err("cannot create %s: %m", a->out_dir);
		goto out;
	}
	for (unsigned i = 0; i < res.count; i++) {
		const struct sc_acpi_table *t = &res.t[i];

		if (write_file(a->out_dir, t->file, mem + t->pa, t->len))
			goto out;
		/* The line Linux prints for each table at boot. */
		printf("ACPI: %-4s 0x%016llX %06X (v%02u SPRCOR%s) -> %s/%s\n",
		       t->sig, (unsigned long long)t->pa, t->len, t->rev,
		       i ? " SPARECOR" : "", a->out_dir, t->file);
	}
	printf("APIC ID %u (%s entry), devices:", cfg.apic_id,
	       cfg.apic_id >= 255 ? "Local x2APIC" : "Local APIC");
	for (unsigned i = 0; i < SC_DEVICE_COUNT; i++)
		if (cfg.devices & sc_device(i)->bit)
			printf(" %s", sc_device(i)->name);
	printf("\n");
	ret = 0;
out:
	free(mem);
	return ret;
}
