// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the firmware view: the iasl-built templates, patching and
 * checksums (host/service/loader/acpi_build.c), the e820 map (e820.c) and the
 * shared reader the partition validates with (bios-stub/acpi_parse.c).
 *
 * The built tables are checked by reading them back the way the partition
 * does (acpi_check_*, acpi_aml_walk, acpi_res_next) and, independently, at
 * their ACPI offsets. The template tests are the build-time check that
 * bios-stub/dsdt.asl still has the shape the patcher and the partition
 * rely on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/acpi.h>
#include <sparecore/bench.h>
#include <sparecore/bootinfo.h>
#include <sparecore/compiler.h>
#include <sparecore/console.h>

#include "acpi_parse.h"
#include "acpi_build.h"
#include "args.h"
#include "e820.h"
#include "unit.h"

#define MEM (SC_ACPI_PA + SC_ACPI_SIZE)
#define MAX_DEVS 16

static uint8_t *mem;

static int setup(void)
{
	mem = malloc(MEM);
	return mem ? 0 : -1;
}

static int teardown(void)
{
	free(mem);
	return 0;
}

static struct sc_acpi_config config(uint32_t devices)
{
	struct sc_acpi_config c = {
		.apic_id = 1,
		.apic_base = 0xfee00000u,
		.devices = devices,
		.part_vector = SC_PART_DOORBELL_VECTOR,
	};

	c.ring_order[SC_RING_CONS_OUT] = SC_CONS_RING_ORDER;
	c.ring_order[SC_RING_CONS_IN] = SC_CONS_RING_ORDER;
	c.ring_order[SC_RING_BLK_REQ] = 7;
	c.ring_order[SC_RING_BLK_CPL] = 7;
	for (int i = 0; i < 4; i++)
		c.ring_order[SC_NET_RING_FIRST + i] = 8;
	return c;
}

/* Build into a buffer full of garbage (the build must clear its area). */
static int build(const struct sc_acpi_config *c, struct sc_acpi_result *r)
{
	char err[256] = "";
	int ret;

	memset(mem, 0xa5, MEM);
	ret = sc_acpi_build(mem, MEM, c, r, err, sizeof(err));
	if (ret)
		fprintf(stderr, "\n  sc_acpi_build: %s\n", err);
	return ret;
}

static const struct sc_acpi_table *table(const struct sc_acpi_result *r,
					 const char *sig)
{
	for (unsigned i = 0; i < r->count; i++)
		if (!strcmp(r->t[i].sig, sig))
			return &r->t[i];
	return NULL;
}

static uint64_t get(uint64_t pa, unsigned bytes)
{
	return acpi_get(mem + pa, bytes);
}

/* Every table checks out as the partition checks it; returns the DSDT's
 * devices. */
static unsigned check_all(const struct sc_acpi_result *r,
			  struct acpi_aml_dev *devs)
{
	const struct sc_acpi_table *x = table(r, "XSDT"), *f = table(r, "FACP"),
				   *m = table(r, "APIC"), *d = table(r, "DSDT");
	uint32_t detail, err_off;
	unsigned n = 0;

	CU_ASSERT_EQUAL_FATAL(r->count, 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(r->rsdp_pa, SC_ACPI_PA);
	CU_ASSERT_EQUAL(acpi_check_rsdp(mem + r->rsdp_pa, 36, &detail), 0);
	CU_ASSERT_EQUAL(get(r->rsdp_pa + 24, 8), x->pa);
	CU_ASSERT_EQUAL(get(r->rsdp_pa + 16, 4), 0); /* no RSDT */
	CU_ASSERT_EQUAL(acpi_check_table(mem + x->pa, x->len, "XSDT", 52, &detail), 0);
	CU_ASSERT_EQUAL(x->len, 52);
	CU_ASSERT_EQUAL(get(x->pa + 36, 8), f->pa);
	CU_ASSERT_EQUAL(get(x->pa + 44, 8), m->pa);
	CU_ASSERT_EQUAL(acpi_check_table(mem + f->pa, f->len, "FACP", SC_FADT_LEN, &detail), 0);
	CU_ASSERT_EQUAL(get(f->pa + SC_FADT_X_DSDT, 8), d->pa);
	CU_ASSERT_EQUAL(get(f->pa + SC_FADT_DSDT, 4), 0);
	CU_ASSERT(get(f->pa + SC_FADT_FLAGS, 4) & SC_FADT_HW_REDUCED);
	CU_ASSERT_EQUAL(acpi_check_table(mem + m->pa, m->len, "APIC", 52, &detail), 0);
	CU_ASSERT_EQUAL(get(m->pa + SC_MADT_FLAGS, 4) & SC_MADT_PCAT_COMPAT, 0);
	CU_ASSERT_EQUAL(acpi_check_table(mem + d->pa, d->len, "DSDT", 36, &detail), 0);
	/* Every table inside the ACPI area, none overlapping the next. */
	for (unsigned i = 0; i < r->count; i++) {
		CU_ASSERT(r->t[i].pa >= SC_ACPI_PA && r->t[i].pa % 16 == 0);
		CU_ASSERT(r->t[i].pa + r->t[i].len <= SC_ACPI_PA + SC_ACPI_SIZE);
		if (i + 1 < r->count)
			CU_ASSERT(r->t[i].pa + r->t[i].len <= r->t[i + 1].pa);
	}
	CU_ASSERT_EQUAL(acpi_aml_walk(mem + d->pa, d->len, devs, MAX_DEVS, &n,
				      &err_off), 0);
	return n;
}

static const struct acpi_aml_dev *find(const struct acpi_aml_dev *devs,
				       unsigned n, const char *hid)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(devs[i].hid, hid))
			return &devs[i];
	return NULL;
}

/* A device's _CRS: rings first..first+count-1 of 2^order slots, vector. */
static void check_crs(uint64_t dsdt_pa, const struct acpi_aml_dev *d,
		      unsigned first, unsigned count, unsigned order,
		      uint32_t vector)
{
	const uint8_t *crs = mem + dsdt_pa + d->crs_off;
	struct acpi_res r;
	uint32_t pos = 0;
	unsigned mem_seen = 0, irq_seen = 0;
	int got;

	while ((got = acpi_res_next(crs, d->crs_len, &pos, &r)) == 1) {
		if (r.kind == ACPI_RES_MEM64) {
			uint64_t pa = SC_RING_AREA_PA +
				      (first + mem_seen) * SC_RING_AREA_SIZE;

			CU_ASSERT_EQUAL(r.base, pa);
			CU_ASSERT_EQUAL(r.size, SC_RING_BYTES(order));
			CU_ASSERT_EQUAL(r.max, pa + SC_RING_BYTES(order) - 1);
			mem_seen++;
		} else if (r.kind == ACPI_RES_IRQ) {
			CU_ASSERT_EQUAL(r.irq, vector);
			CU_ASSERT_EQUAL(r.irq_count, 1);
			irq_seen++;
		} else {
			CU_FAIL("unexpected resource");
		}
	}
	CU_ASSERT_EQUAL(got, 0);
	CU_ASSERT_EQUAL(mem_seen, count);
	CU_ASSERT_EQUAL(irq_seen, 1);
}

/* ---------------------------------------------------------------- tests */

static void test_templates(void)
{
	static const struct { enum sc_acpi_tmpl t; const char *sig; } data[] = {
		{ SC_TMPL_XSDT, "XSDT" }, { SC_TMPL_FADT, "FACP" },
		{ SC_TMPL_MADT_LAPIC, "APIC" }, { SC_TMPL_MADT_X2APIC, "APIC" },
		{ SC_TMPL_DSDT, "DSDT" },
	};
	struct sc_acpi_template t = sc_acpi_template(SC_TMPL_RSDP);
	struct acpi_aml_dev devs[MAX_DEVS];
	uint32_t detail, err_off;
	unsigned n;

	/* iasl computed the checksums; the templates are whole tables. */
	CU_ASSERT_EQUAL(t.len, 36);
	CU_ASSERT_EQUAL(acpi_check_rsdp(t.data, t.len, &detail), 0);
	for (size_t i = 0; i < ARRAY_SIZE(data); i++) {
		t = sc_acpi_template(data[i].t);
		CU_ASSERT_EQUAL(acpi_check_table(t.data, t.len, data[i].sig, 36,
						 &detail), 0);
		CU_ASSERT_EQUAL(((const struct sc_acpi_header *)t.data)->length, t.len);
	}
	t = sc_acpi_template(SC_TMPL_FADT);
	CU_ASSERT_EQUAL(t.len, SC_FADT_LEN);
	CU_ASSERT(acpi_get(t.data + SC_FADT_FLAGS, 4) & SC_FADT_HW_REDUCED);
	CU_ASSERT_EQUAL(t.data[SC_FADT_MINOR], 3);
	t = sc_acpi_template(SC_TMPL_MADT_LAPIC);
	CU_ASSERT_EQUAL(t.len, SC_MADT_ENTRIES + sizeof(struct sc_madt_lapic));
	CU_ASSERT_EQUAL(t.data[SC_MADT_ENTRIES], SC_MADT_LAPIC);
	t = sc_acpi_template(SC_TMPL_MADT_X2APIC);
	CU_ASSERT_EQUAL(t.len, SC_MADT_ENTRIES + sizeof(struct sc_madt_x2apic));
	CU_ASSERT_EQUAL(t.data[SC_MADT_ENTRIES], SC_MADT_X2APIC);

	/* The DSDT's shape: five top-level devices, in this order. */
	t = sc_acpi_template(SC_TMPL_DSDT);
	CU_ASSERT_EQUAL_FATAL(acpi_aml_walk(t.data, t.len, devs, MAX_DEVS, &n,
					    &err_off), 0);
	CU_ASSERT_EQUAL_FATAL(n, 5);
	CU_ASSERT_STRING_EQUAL(devs[0].path, "\\_SB.CPU0");
	CU_ASSERT_STRING_EQUAL(devs[0].hid, SC_HID_CPU);
	CU_ASSERT_EQUAL(devs[0].crs_len, 0);
	CU_ASSERT_STRING_EQUAL(devs[1].path, "\\_SB.CONS");
	CU_ASSERT_STRING_EQUAL(devs[1].hid, SC_HID_CONSOLE);
	CU_ASSERT_STRING_EQUAL(devs[2].path, "\\_SB.DISK");
	CU_ASSERT_STRING_EQUAL(devs[2].hid, SC_HID_DISK);
	CU_ASSERT_STRING_EQUAL(devs[3].path, "\\_SB.NET0");
	CU_ASSERT_STRING_EQUAL(devs[3].hid, SC_HID_NET);
	CU_ASSERT_STRING_EQUAL(devs[4].path, "\\_SB.BNCH");
	CU_ASSERT_STRING_EQUAL(devs[4].hid, SC_HID_BENCH);
	for (unsigned i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(devs[i].depth, 0);
		CU_ASSERT(devs[i].has_uid && devs[i].uid == 0);
		if (i + 1 < n) /* terms tile the table: cutting one is safe */
			CU_ASSERT_EQUAL(devs[i].term_off + devs[i].term_len,
					devs[i + 1].term_off);
	}
	CU_ASSERT_EQUAL(devs[n - 1].term_off + devs[n - 1].term_len, t.len);
}

static void test_console_only(void)
{
	struct sc_acpi_config c = config(SC_DEV_CONSOLE);
	struct acpi_aml_dev devs[MAX_DEVS];
	struct sc_acpi_result r;
	const struct sc_acpi_table *m, *d;
	unsigned n;

	CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
	n = check_all(&r, devs);
	m = table(&r, "APIC");
	d = table(&r, "DSDT");
	CU_ASSERT_EQUAL(m->len, 52);
	CU_ASSERT_EQUAL(get(m->pa + SC_MADT_LAPIC_ADDR, 4), 0xfee00000u);
	CU_ASSERT_EQUAL(get(m->pa + SC_MADT_ENTRIES, 1), SC_MADT_LAPIC);
	CU_ASSERT_EQUAL(get(m->pa + SC_MADT_ENTRIES + 3, 1), 1); /* APIC ID */
	CU_ASSERT_EQUAL(get(m->pa + SC_MADT_ENTRIES + 4, 4), SC_MADT_ENABLED);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(devs[0].hid, SC_HID_CPU);
	CU_ASSERT_STRING_EQUAL(devs[1].hid, SC_HID_CONSOLE);
	check_crs(d->pa, &devs[1], SC_RING_CONS_OUT, 2, SC_CONS_RING_ORDER,
		  SC_PART_DOORBELL_VECTOR);
	/* What the cut left behind is zero, and nothing after the area's
	 * tables was touched by the build's garbage. */
	CU_ASSERT_EQUAL(acpi_sum(mem + d->pa + d->len, 64), 0);
}

static void test_all_devices(void)
{
	struct sc_acpi_config c = config(SC_DEV_CONSOLE | SC_DEV_BLK | SC_DEV_NET |
					 SC_DEV_BENCH);
	struct acpi_aml_dev devs[MAX_DEVS];
	struct sc_acpi_result r;
	uint64_t dsdt;
	unsigned n;

	c.part_vector = 0xe1;
	CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
	n = check_all(&r, devs);
	dsdt = table(&r, "DSDT")->pa;
	CU_ASSERT_EQUAL_FATAL(n, 5);
	check_crs(dsdt, find(devs, n, SC_HID_CONSOLE), SC_RING_CONS_OUT, 2,
		  SC_CONS_RING_ORDER, 0xe1);
	check_crs(dsdt, find(devs, n, SC_HID_DISK), SC_RING_BLK_REQ, 2, 7, 0xe1);
	check_crs(dsdt, find(devs, n, SC_HID_NET), SC_NET_RING_FIRST, 4, 8, 0xe1);
	CU_ASSERT_EQUAL(table(&r, "DSDT")->len, sc_acpi_template(SC_TMPL_DSDT).len);
}

/* The bench device's ring and floor line are not in the ring area: their
 * places and sizes are the ABI's (bench.h), whatever boot info's ring
 * orders say. */
static void test_bench_device(void)
{
	struct sc_acpi_config c = config(SC_DEV_CONSOLE | SC_DEV_BENCH);
	struct acpi_aml_dev devs[MAX_DEVS];
	const struct acpi_aml_dev *b;
	struct sc_acpi_result r;
	struct acpi_res res;
	uint32_t pos = 0;
	unsigned rings = 0, irqs = 0;
	uint64_t dsdt;

	CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
	CU_ASSERT_EQUAL_FATAL(check_all(&r, devs), 3);
	CU_ASSERT_PTR_NULL(find(devs, 3, SC_HID_DISK));
	b = find(devs, 3, SC_HID_BENCH);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	dsdt = table(&r, "DSDT")->pa;
	while (acpi_res_next(mem + dsdt + b->crs_off, b->crs_len, &pos, &res) == 1) {
		if (res.kind == ACPI_RES_MEM64 && rings++ == 0) {
			CU_ASSERT_EQUAL(res.base, SC_BENCH_AREA_PA);
			CU_ASSERT_EQUAL(res.size, SC_RING_BYTES(SC_BENCH_RING_ORDER));
			CU_ASSERT_EQUAL(res.max, SC_BENCH_AREA_PA +
					SC_RING_BYTES(SC_BENCH_RING_ORDER) - 1);
		} else if (res.kind == ACPI_RES_MEM64) {
			/* The floor line. */
			CU_ASSERT_EQUAL(res.base, SC_BENCH_AREA_PA + SC_BENCH_FLOOR_OFF);
			CU_ASSERT_EQUAL(res.size, SC_CACHELINE);
			CU_ASSERT_EQUAL(res.max, res.base + SC_CACHELINE - 1);
		} else if (res.kind == ACPI_RES_IRQ) {
			CU_ASSERT_EQUAL(res.irq, SC_PART_DOORBELL_VECTOR);
			irqs++;
		}
	}
	CU_ASSERT_EQUAL(rings, 2);
	CU_ASSERT_EQUAL(irqs, 1);
	/* Without the bit, no device. */
	c = config(SC_DEV_CONSOLE);
	CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
	CU_ASSERT_EQUAL_FATAL(check_all(&r, devs), 2);
	CU_ASSERT_PTR_NULL(find(devs, 2, SC_HID_BENCH));
}

static void test_disk_or_net_alone(void)
{
	struct sc_acpi_config c = config(SC_DEV_CONSOLE | SC_DEV_NET);
	struct acpi_aml_dev devs[MAX_DEVS];
	struct sc_acpi_result r;
	unsigned n;

	CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
	n = check_all(&r, devs);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_PTR_NULL(find(devs, n, SC_HID_DISK));
	CU_ASSERT_PTR_NOT_NULL_FATAL(find(devs, n, SC_HID_NET));
	check_crs(table(&r, "DSDT")->pa, find(devs, n, SC_HID_NET),
		  SC_NET_RING_FIRST, 4, 8, SC_PART_DOORBELL_VECTOR);

	c = config(SC_DEV_BLK); /* the console is implied */
	c.devices |= SC_DEV_CONSOLE;
	CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
	n = check_all(&r, devs);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_PTR_NOT_NULL(find(devs, n, SC_HID_DISK));
	CU_ASSERT_PTR_NULL(find(devs, n, SC_HID_NET));
}

static void test_x2apic_id(void)
{
	struct sc_acpi_config c = config(SC_DEV_CONSOLE);
	struct acpi_aml_dev devs[MAX_DEVS];
	struct sc_acpi_result r;
	const struct sc_acpi_table *m;

	for (uint32_t id = 254; id <= 256; id++) {
		c.apic_id = id;
		CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
		check_all(&r, devs);
		m = table(&r, "APIC");
		if (id < 255) {
			CU_ASSERT_EQUAL(m->len, 52);
			CU_ASSERT_EQUAL(get(m->pa + SC_MADT_ENTRIES, 1), SC_MADT_LAPIC);
			CU_ASSERT_EQUAL(get(m->pa + SC_MADT_ENTRIES + 3, 1), id);
		} else {
			CU_ASSERT_EQUAL(m->len, 60);
			CU_ASSERT_EQUAL(get(m->pa + SC_MADT_ENTRIES, 1), SC_MADT_X2APIC);
			CU_ASSERT_EQUAL(get(m->pa + SC_MADT_ENTRIES + 4, 4), id);
			CU_ASSERT_EQUAL(get(m->pa + SC_MADT_ENTRIES + 8, 4), SC_MADT_ENABLED);
		}
	}
	c.apic_id = 0xfffffffeu;
	CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
	CU_ASSERT_EQUAL(get(table(&r, "APIC")->pa + SC_MADT_ENTRIES + 4, 4), 0xfffffffeu);
}

static void test_checksums(void)
{
	uint8_t t[300];
	uint32_t detail;

	srand(7);
	for (int round = 0; round < 200; round++) {
		uint32_t len = 36 + (uint32_t)rand() % 200;

		for (uint32_t i = 0; i < sizeof(t); i++)
			t[i] = (uint8_t)rand();
		memcpy(t, "TEST", 4);
		acpi_put(t + 4, 4, len);
		sc_acpi_fix_checksum(t);
		CU_ASSERT_EQUAL(acpi_sum(t, len), 0);
		CU_ASSERT_EQUAL(acpi_check_table(t, len, "TEST", 36, &detail), 0);
		/* Any one byte changed past signature and length is caught. */
		t[8 + (uint32_t)rand() % (len - 8)] ^= (uint8_t)(1 + rand() % 255);
		CU_ASSERT_EQUAL(acpi_check_table(t, len, "TEST", 36, &detail),
				SC_ACPI_BAD_SUM);
		CU_ASSERT_NOT_EQUAL(detail, 0);
	}
	/* The RSDP has two. */
	memcpy(t, sc_acpi_template(SC_TMPL_RSDP).data, 36);
	acpi_put(t + 24, 8, 0x123456789aull);
	CU_ASSERT_NOT_EQUAL(acpi_check_rsdp(t, 36, &detail), 0);
	sc_acpi_fix_rsdp(t);
	CU_ASSERT_EQUAL(acpi_sum(t, 20), 0);
	CU_ASSERT_EQUAL(acpi_sum(t, 36), 0);
	CU_ASSERT_EQUAL(acpi_check_rsdp(t, 36, &detail), 0);
	t[30] ^= 1; /* only the extended part */
	CU_ASSERT_EQUAL(acpi_check_rsdp(t, 36, &detail), SC_ACPI_BAD_SUM);
	t[30] ^= 1;
	t[15] = 0; /* ACPI 1.0 */
	sc_acpi_fix_rsdp(t);
	CU_ASSERT_EQUAL(acpi_check_rsdp(t, 36, &detail), SC_ACPI_BAD_REV);
	t[15] = 2;
	acpi_put(t + 20, 4, 20);
	sc_acpi_fix_rsdp(t);
	CU_ASSERT_EQUAL(acpi_check_rsdp(t, 36, &detail), SC_ACPI_BAD_LEN);
	CU_ASSERT_EQUAL(acpi_check_rsdp(t, 19, &detail), SC_ACPI_BAD_SIG);
}

static void test_header_checks(void)
{
	struct sc_acpi_config c = config(SC_DEV_CONSOLE);
	struct sc_acpi_result r;
	const struct sc_acpi_table *d;
	uint32_t detail;

	CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
	d = table(&r, "DSDT");
	CU_ASSERT_EQUAL(acpi_check_table(mem + d->pa, d->len, "SSDT", 36, &detail),
			SC_ACPI_BAD_SIG);
	CU_ASSERT_EQUAL(acpi_check_table(mem + d->pa, d->len - 1, "DSDT", 36, &detail),
			SC_ACPI_BAD_LEN); /* longer than what is readable */
	CU_ASSERT_EQUAL(detail, d->len);
	CU_ASSERT_EQUAL(acpi_check_table(mem + d->pa, d->len, "DSDT", d->len + 1, &detail),
			SC_ACPI_BAD_LEN);
	CU_ASSERT_EQUAL(acpi_check_table(mem + d->pa, 35, "DSDT", 36, &detail),
			SC_ACPI_BAD_SIG);
}

static void test_corrupt(void)
{
	static const char *const names[] = { "rsdp", "XSDT", "fadt", "madt", "DSDT" };
	static const char *const sigs[] = { "RSDP", "XSDT", "FACP", "APIC", "DSDT" };

	for (int k = 0; k < 5; k++) {
		struct sc_acpi_config c = config(SC_DEV_CONSOLE);
		struct sc_acpi_result r;

		c.corrupt = names[k];
		CU_ASSERT_EQUAL_FATAL(build(&c, &r), 0);
		for (unsigned i = 0; i < r.count; i++) {
			uint32_t detail;
			int bad = !strcmp(r.t[i].sig, sigs[k]);
			int got = i == 0 ? acpi_check_rsdp(mem + r.t[i].pa, 36, &detail) :
				  acpi_check_table(mem + r.t[i].pa, r.t[i].len,
						   r.t[i].sig, 36, &detail);

			CU_ASSERT_EQUAL(got, bad ? SC_ACPI_BAD_SUM : 0);
		}
	}
}

static void test_bad_config(void)
{
	struct sc_acpi_config c = config(SC_DEV_CONSOLE | SC_DEV_BLK);
	struct sc_acpi_result r;
	char err[256];

	memset(mem, 0, MEM);
	c.ring_order[SC_RING_BLK_CPL] = 0;
	CU_ASSERT_EQUAL(sc_acpi_build(mem, MEM, &c, &r, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "disk ring 3"));
	c.ring_order[SC_RING_BLK_CPL] = 12; /* bigger than its 64 KiB area */
	CU_ASSERT_EQUAL(sc_acpi_build(mem, MEM, &c, &r, err, sizeof(err)), -1);
	c = config(SC_DEV_CONSOLE);
	c.part_vector = 31;
	CU_ASSERT_EQUAL(sc_acpi_build(mem, MEM, &c, &r, err, sizeof(err)), -1);
	c = config(SC_DEV_CONSOLE);
	c.corrupt = "ssdt";
	CU_ASSERT_EQUAL(sc_acpi_build(mem, MEM, &c, &r, err, sizeof(err)), -1);
	c = config(SC_DEV_CONSOLE);
	CU_ASSERT_EQUAL(sc_acpi_build(mem, MEM - 1, &c, &r, err, sizeof(err)), -1);
	c.devices |= 0x100; /* a device the DSDT does not know */
	CU_ASSERT_EQUAL(sc_acpi_build(mem, MEM, &c, &r, err, sizeof(err)), -1);
}

static void test_table_names(void)
{
	char sig[5];

	CU_ASSERT_EQUAL(sc_acpi_table_sig("madt", sig), 0);
	CU_ASSERT_STRING_EQUAL(sig, "APIC");
	CU_ASSERT_EQUAL(sc_acpi_table_sig("FADT", sig), 0);
	CU_ASSERT_STRING_EQUAL(sig, "FACP");
	CU_ASSERT_EQUAL(sc_acpi_table_sig("Dsdt", sig), 0);
	CU_ASSERT_STRING_EQUAL(sig, "DSDT");
	CU_ASSERT_EQUAL(sc_acpi_table_sig("rsdp", sig), 0);
	CU_ASSERT_EQUAL(sc_acpi_table_sig("dsdtx", sig), -1);
	CU_ASSERT_EQUAL(sc_acpi_table_sig("", sig), -1);
	CU_ASSERT_EQUAL(sc_acpi_table_sig("averylongname", sig), -1);
}

/* A DSDT of our own making, for the walker's corner cases. */
static uint32_t make_dsdt(uint8_t *t, const uint8_t *aml, uint32_t n)
{
	memcpy(t, sc_acpi_template(SC_TMPL_DSDT).data, 36);
	memcpy(t + 36, aml, n);
	acpi_put(t + 4, 4, 36 + n);
	sc_acpi_fix_checksum(t);
	return 36 + n;
}

static void test_aml_forms(void)
{
	/* Scope (\_SB) { Device (PCI0) { Name (_HID, EisaId ("PNP0A03"))
	 *   Name (_UID, 0x1234) Method (_STA) { Return (0xF) }
	 *   Name (PKG, Package () { 1, 2 }) Device (^^DEV2) { } } } */
	static const uint8_t aml[] = {
		0x10, 0x3c, '\\', '_', 'S', 'B', '_',
		0x5b, 0x82, 0x34, 'P', 'C', 'I', '0',
		0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x0a, 0x03,
		0x08, '_', 'U', 'I', 'D', 0x0b, 0x34, 0x12,
		0x14, 0x09, '_', 'S', 'T', 'A', 0x00, 0xa4, 0x0a, 0x0f,
		0x08, 'P', 'K', 'G', '_', 0x12, 0x04, 0x02, 0x01, 0x01,
		0x5b, 0x82, 0x07, '^', '^', 'D', 'E', 'V', '2',
	};
	struct acpi_aml_dev devs[MAX_DEVS];
	uint8_t t[256];
	uint32_t len = make_dsdt(t, aml, sizeof(aml)), err_off;
	unsigned n;

	CU_ASSERT_EQUAL_FATAL(acpi_aml_walk(t, len, devs, MAX_DEVS, &n, &err_off), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(devs[0].path, "\\_SB.PCI0");
	CU_ASSERT_STRING_EQUAL(devs[0].hid, "PNP0A03");
	CU_ASSERT_EQUAL(devs[0].uid, 0x1234);
	CU_ASSERT_EQUAL(devs[0].depth, 1);
	CU_ASSERT_EQUAL(devs[0].crs_len, 0);
	CU_ASSERT_STRING_EQUAL(devs[1].path, "\\DEV2");
	CU_ASSERT_EQUAL(devs[1].hid[0], 0);
	/* Too many devices for the caller's array: an error, not an overrun. */
	CU_ASSERT_EQUAL(acpi_aml_walk(t, len, devs, 1, &n, &err_off), SC_ACPI_BAD_AML);
	/* An opcode we do not follow (Store) stops the walk where it is. */
	t[36] = 0x70;
	CU_ASSERT_EQUAL(acpi_aml_walk(t, len, devs, MAX_DEVS, &n, &err_off), SC_ACPI_BAD_AML);
	CU_ASSERT_EQUAL(err_off, 36);
}

/* Every prefix of the real DSDT, and many single-byte changes to it: the
 * walker and the resource reader must stay inside the bytes they are
 * given (unit-asan checks) and never loop. */
static void test_aml_hostile(void)
{
	struct sc_acpi_template tp = sc_acpi_template(SC_TMPL_DSDT);
	struct acpi_aml_dev devs[MAX_DEVS];
	uint32_t err_off;
	unsigned n, ok = 0;

	for (uint32_t len = 0; len <= tp.len; len++) {
		uint8_t *t = malloc(len ? len : 1);

		memcpy(t, tp.data, len);
		if (acpi_aml_walk(t, len, devs, MAX_DEVS, &n, &err_off) == 0)
			ok++;
		else
			CU_ASSERT(err_off <= len);
		free(t);
	}
	/* Cuts between top-level terms leave valid AML; the others do not. */
	CU_ASSERT_EQUAL(ok, 6);

	srand(11);
	for (int round = 0; round < 20000; round++) {
		uint8_t *t = malloc(tp.len);

		memcpy(t, tp.data, tp.len);
		for (int k = 0; k < 1 + round % 3; k++)
			t[36 + (uint32_t)rand() % (tp.len - 36)] = (uint8_t)rand();
		if (acpi_aml_walk(t, tp.len, devs, MAX_DEVS, &n, &err_off) == 0) {
			for (unsigned i = 0; i < n; i++) {
				struct acpi_res r;
				uint32_t pos = 0;
				int steps = 0;

				CU_ASSERT(devs[i].term_off + devs[i].term_len <= tp.len);
				CU_ASSERT(devs[i].crs_off + devs[i].crs_len <= tp.len);
				CU_ASSERT(devs[i].hid[ACPI_HID_MAX - 1] == 0);
				while (acpi_res_next(t + devs[i].crs_off, devs[i].crs_len,
						     &pos, &r) == 1 && steps < 1000)
					steps++;
				CU_ASSERT(steps < 1000);
			}
		} else {
			CU_ASSERT(err_off <= tp.len);
		}
		free(t);
	}
}

static void test_resources(void)
{
	static const uint8_t irq2[] = { 0x89, 0x0a, 0x00, 0x03, 0x02,
					0xf0, 0, 0, 0, 0xf1, 0, 0, 0, 0x79, 0 };
	static const uint8_t small[] = { 0x22, 0x01, 0x00, 0x79, 0x00 }; /* IRQ() */
	static const uint8_t no_end[] = { 0x22, 0x01, 0x00 };
	static const uint8_t overrun[] = { 0x8a, 0xff, 0x00, 0x00 };
	static const uint8_t zero_irqs[] = { 0x89, 0x06, 0x00, 0x03, 0x00,
					     0, 0, 0, 0, 0x79, 0 };
	struct acpi_res r;
	uint32_t pos = 0;

	CU_ASSERT_EQUAL(acpi_res_next(irq2, sizeof(irq2), &pos, &r), 1);
	CU_ASSERT_EQUAL(r.kind, ACPI_RES_IRQ);
	CU_ASSERT_EQUAL(r.irq, 0xf0);
	CU_ASSERT_EQUAL(r.irq_count, 2);
	CU_ASSERT_EQUAL(acpi_res_next(irq2, sizeof(irq2), &pos, &r), 0);
	pos = 0;
	CU_ASSERT_EQUAL(acpi_res_next(small, sizeof(small), &pos, &r), 1);
	CU_ASSERT_EQUAL(r.kind, ACPI_RES_OTHER);
	CU_ASSERT_EQUAL(r.len, 3);
	CU_ASSERT_EQUAL(acpi_res_next(small, sizeof(small), &pos, &r), 0);
	pos = 0;
	CU_ASSERT_EQUAL(acpi_res_next(no_end, sizeof(no_end), &pos, &r), 1);
	CU_ASSERT_EQUAL(acpi_res_next(no_end, sizeof(no_end), &pos, &r), -1);
	pos = 0;
	CU_ASSERT_EQUAL(acpi_res_next(overrun, sizeof(overrun), &pos, &r), -1);
	pos = 0;
	CU_ASSERT_EQUAL(acpi_res_next(zero_irqs, sizeof(zero_irqs), &pos, &r), -1);
}

static void test_e820(void)
{
	struct sc_boot_info *bi = calloc(1, sizeof(*bi));
	uint64_t at = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(bi);
	bi->mem_size = 64ull << 20;
	bi->image_end = 0x131000;
	CU_ASSERT_EQUAL_FATAL(sc_e820_build(bi), 0);
	CU_ASSERT_EQUAL_FATAL(bi->e820_count, 5);
	/* Contiguous from 0 to mem_size, in order. */
	for (uint32_t i = 0; i < bi->e820_count; i++) {
		CU_ASSERT_EQUAL(bi->e820[i].addr, at);
		CU_ASSERT(bi->e820[i].size > 0);
		CU_ASSERT_EQUAL(bi->e820[i].pad, 0);
		at += bi->e820[i].size;
	}
	CU_ASSERT_EQUAL(at, bi->mem_size);
	CU_ASSERT_EQUAL(bi->e820[0].type, SC_E820_RESERVED);
	CU_ASSERT_EQUAL(bi->e820[1].addr, SC_ACPI_PA);
	CU_ASSERT_EQUAL(bi->e820[1].size, SC_ACPI_SIZE);
	CU_ASSERT_EQUAL(bi->e820[1].type, SC_E820_ACPI);
	CU_ASSERT_EQUAL(bi->e820[2].type, SC_E820_RESERVED);
	CU_ASSERT_EQUAL(bi->e820[3].addr, SC_IMAGE_PA);
	CU_ASSERT_EQUAL(bi->e820[3].type, SC_E820_RESERVED);
	CU_ASSERT_EQUAL(bi->e820[4].addr, 0x131000);
	CU_ASSERT_EQUAL(bi->e820[4].type, SC_E820_RAM);
	/* An image filling memory: no RAM entry, still a whole map. */
	bi->image_end = bi->mem_size;
	CU_ASSERT_EQUAL(sc_e820_build(bi), 0);
	CU_ASSERT_EQUAL(bi->e820_count, 4);
	bi->image_end = bi->mem_size + 4096;
	CU_ASSERT_EQUAL(sc_e820_build(bi), -1);
	CU_ASSERT_EQUAL(bi->e820_count, 0);
	bi->image_end = 0x1000;
	CU_ASSERT_EQUAL(sc_e820_build(bi), -1);
	free(bi);
}

/* Parse a command line given as one string (no quoting). */
static int parse(const char *line, struct sc_args *a, char *err)
{
	char buf[256], *argv[16];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (char *t = strtok(buf, " "); t && argc < 16; t = strtok(NULL, " "))
		argv[argc++] = t;
	return sc_parse_args(argc, argv, a, err, 256);
}

static void test_args(void)
{
	struct sc_args a;
	char err[256];

	CU_ASSERT_EQUAL(parse("sparecore tables --cpu 1 --out /tmp/t", &a, err), 0);
	CU_ASSERT_EQUAL(a.cmd, SC_CMD_TABLES);
	CU_ASSERT_EQUAL(a.cpu, 1);
	CU_ASSERT_EQUAL(a.apic_id, -1);
	CU_ASSERT_STRING_EQUAL(a.out_dir, "/tmp/t");
	CU_ASSERT_PTR_NULL(a.disk);
	CU_ASSERT_PTR_NULL(a.net.tap);
	CU_ASSERT_EQUAL(parse("sparecore tables --apic-id=0x12c --disk d.img --net tap:sc0 --out=o",
			      &a, err), 0);
	CU_ASSERT_EQUAL(a.apic_id, 300);
	CU_ASSERT_STRING_EQUAL(a.disk, "d.img");
	CU_ASSERT_STRING_EQUAL(a.net.tap, "sc0");
	CU_ASSERT_EQUAL(parse("sparecore tables --cpu 1", &a, err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--out"));
	CU_ASSERT_EQUAL(parse("sparecore tables --out o", &a, err), -1);
	CU_ASSERT_EQUAL(parse("sparecore tables --cpu 1 --out o --net eth0", &a, err), -1);
	CU_ASSERT_EQUAL(parse("sparecore tables --cpu 1 --out o --apic-id -1", &a, err), -1);
	CU_ASSERT_EQUAL(parse("sparecore tables --cpu 1 --out o extra", &a, err), -1);

	CU_ASSERT_EQUAL(parse("sparecore run --cpu 1 --corrupt-acpi dsdt", &a, err), 0);
	CU_ASSERT_STRING_EQUAL(a.corrupt_acpi, "dsdt");
	CU_ASSERT_EQUAL(parse("sparecore run --cpu 1 --corrupt-acpi=MADT", &a, err), 0);
	CU_ASSERT_EQUAL(parse("sparecore run --cpu 1 --corrupt-acpi ssdt", &a, err), -1);
	CU_ASSERT_EQUAL(parse("sparecore run --cpu 1", &a, err), 0);
	CU_ASSERT_PTR_NULL(a.corrupt_acpi);
}

int sc_unit_register_acpi(void)
{
	CU_pSuite s = CU_add_suite("acpi", setup, teardown);

	if (!s ||
	    !CU_add_test(s, "iasl templates: checksums, shape, DSDT devices", test_templates) ||
	    !CU_add_test(s, "console only: tables, MADT, _CRS", test_console_only) ||
	    !CU_add_test(s, "console, disk and network", test_all_devices) ||
	    !CU_add_test(s, "bench device: its own ring place", test_bench_device) ||
	    !CU_add_test(s, "disk or network alone", test_disk_or_net_alone) ||
	    !CU_add_test(s, "APIC ID >= 255: Local x2APIC entry", test_x2apic_id) ||
	    !CU_add_test(s, "checksums: fix, detect any byte", test_checksums) ||
	    !CU_add_test(s, "header checks: signature, length", test_header_checks) ||
	    !CU_add_test(s, "--corrupt-acpi breaks exactly that table", test_corrupt) ||
	    !CU_add_test(s, "bad configuration is refused", test_bad_config) ||
	    !CU_add_test(s, "table names", test_table_names) ||
	    !CU_add_test(s, "AML walker: scopes, EISA ID, methods, packages", test_aml_forms) ||
	    !CU_add_test(s, "AML walker: truncated and damaged DSDTs", test_aml_hostile) ||
	    !CU_add_test(s, "resource descriptors", test_resources) ||
	    !CU_add_test(s, "e820 map", test_e820) ||
	    !CU_add_test(s, "tables and --corrupt-acpi arguments", test_args))
		return -1;
	return 0;
}
