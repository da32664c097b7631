// SPDX-License-Identifier: GPL-2.0
/*
 * The device table (include/sparecore/devices.h) against the DSDT the
 * service embeds (bios-stub/dsdt.asl, compiled by iasl): the same devices,
 * each once, as a top-level \_SB.<name> with _UID 0, its rings' ranges in
 * _CRS (at their default ring-area places for ring-area devices) and one
 * interrupt; and no device of ours the table does not know.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/devices.h>

#include "acpi_build.h"
#include "acpi_parse.h"
#include "unit.h"

#define MAX_DEVS 16

static unsigned walk(struct acpi_aml_dev *devs)
{
	struct sc_acpi_template t = sc_acpi_template(SC_TMPL_DSDT);
	uint32_t err_off = 0;
	unsigned n = 0;

	CU_ASSERT_EQUAL_FATAL(acpi_aml_walk(t.data, t.len, devs, MAX_DEVS, &n,
					    &err_off), 0);
	return n;
}

static void test_every_row_in_dsdt(void)
{
	struct sc_acpi_template t = sc_acpi_template(SC_TMPL_DSDT);
	struct acpi_aml_dev devs[MAX_DEVS];
	unsigned n = walk(devs);

	for (unsigned i = 0; i < SC_DEVICE_COUNT; i++) {
		const struct sc_device *dev = sc_device(i);
		char path[16];
		unsigned found = 0;

		snprintf(path, sizeof(path), "\\_SB.%s", dev->acpi_name);
		for (unsigned k = 0; k < n; k++) {
			struct acpi_res r;
			uint32_t pos = 0;
			unsigned mem = 0, irq = 0;

			if (strcmp(devs[k].hid, dev->hid))
				continue;
			found++;
			CU_ASSERT_STRING_EQUAL(devs[k].path, path);
			CU_ASSERT_EQUAL(devs[k].depth, 0);
			CU_ASSERT_TRUE(devs[k].has_uid && devs[k].uid == 0);
			while (acpi_res_next(t.data + devs[k].crs_off,
					     devs[k].crs_len, &pos, &r) == 1) {
				if (r.kind == ACPI_RES_MEM64) {
					uint64_t id = dev->first_ring + mem;

					if (dev->ring_area) {
						CU_ASSERT_EQUAL(r.base, SC_RING_AREA_PA +
								id * SC_RING_AREA_SIZE);
						CU_ASSERT_EQUAL(r.size, SC_RING_AREA_SIZE);
					}
					mem++;
				} else if (r.kind == ACPI_RES_IRQ) {
					irq++;
				}
			}
			CU_ASSERT_EQUAL(mem, dev->rings);
			CU_ASSERT_EQUAL(irq, 1);
		}
		if (found != 1)
			fprintf(stderr, "%s (%s): %u in the DSDT\n", dev->name,
				dev->hid, found);
		CU_ASSERT_EQUAL(found, 1);
	}
}

static void test_no_unknown_device(void)
{
	struct acpi_aml_dev devs[MAX_DEVS];
	unsigned n = walk(devs);

	CU_ASSERT_EQUAL(n, SC_DEVICE_COUNT + 1); /* and the CPU */
	for (unsigned k = 0; k < n; k++) {
		if (!strcmp(devs[k].hid, SC_HID_CPU))
			continue;
		if (!sc_device_by_hid(devs[k].hid))
			fprintf(stderr, "DSDT device %s (%s) not in devices.h\n",
				devs[k].path, devs[k].hid);
		CU_ASSERT_PTR_NOT_NULL(sc_device_by_hid(devs[k].hid));
	}
}

static void test_table_itself(void)
{
	uint32_t bits = 0;

	for (unsigned i = 0; i < SC_DEVICE_COUNT; i++) {
		const struct sc_device *dev = sc_device(i);

		CU_ASSERT_EQUAL(bits & dev->bit, 0);
		bits |= dev->bit;
		CU_ASSERT_PTR_EQUAL(sc_device_by_bit(dev->bit), dev);
		CU_ASSERT_PTR_EQUAL(sc_device_by_hid(dev->hid), dev);
		if (dev->ring_area)
			CU_ASSERT_TRUE(dev->first_ring + dev->rings <= SC_RING_IDS);
		CU_ASSERT_TRUE(dev->ring_order >= SC_RING_ORDER_MIN &&
			       dev->ring_order <= SC_RING_ORDER_MAX);
	}
	/* Ring-area devices do not share a ring. */
	for (unsigned i = 0; i < SC_DEVICE_COUNT; i++)
		for (unsigned j = i + 1; j < SC_DEVICE_COUNT; j++) {
			const struct sc_device *a = sc_device(i), *b = sc_device(j);

			if (a->ring_area && b->ring_area)
				CU_ASSERT_TRUE(a->first_ring + a->rings <= b->first_ring ||
					       b->first_ring + b->rings <= a->first_ring);
		}
	/* Every ring id belongs to one device: no id numbered for nothing. */
	for (unsigned id = 0; id < SC_RING_IDS; id++) {
		unsigned owners = 0;

		for (unsigned i = 0; i < SC_DEVICE_COUNT; i++) {
			const struct sc_device *d = sc_device(i);

			owners += d->ring_area && id >= d->first_ring &&
				  id < d->first_ring + d->rings;
		}
		CU_ASSERT_EQUAL(owners, 1);
	}
	CU_ASSERT_PTR_NULL(sc_device_by_hid(SC_HID_CPU));
	CU_ASSERT_PTR_NULL(sc_device_by_hid("SPRC0099"));
}

int sc_unit_register_devices(void)
{
	CU_pSuite s = CU_add_suite("devices", NULL, NULL);

	if (!s ||
	    !CU_add_test(s, "every row is in dsdt.asl", test_every_row_in_dsdt) ||
	    !CU_add_test(s, "dsdt.asl has no device the table lacks",
			 test_no_unknown_device) ||
	    !CU_add_test(s, "the table is consistent", test_table_itself))
		return -1;
	return 0;
}
