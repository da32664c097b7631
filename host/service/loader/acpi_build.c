// SPDX-License-Identifier: GPL-2.0
#include "acpi_build.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sparecore/acpi.h>
#include <sparecore/bench.h>
#include <sparecore/compiler.h>
#include <sparecore/devices.h>
#include <sparecore/ring.h>

#include "acpi_parse.h"

extern const uint8_t sc_bios_rsdp[], sc_bios_rsdp_end[];
extern const uint8_t sc_bios_xsdt[], sc_bios_xsdt_end[];
extern const uint8_t sc_bios_fadt[], sc_bios_fadt_end[];
extern const uint8_t sc_bios_madt_lapic[], sc_bios_madt_lapic_end[];
extern const uint8_t sc_bios_madt_x2apic[], sc_bios_madt_x2apic_end[];
extern const uint8_t sc_bios_dsdt[], sc_bios_dsdt_end[];

struct sc_acpi_template sc_acpi_template(enum sc_acpi_tmpl t)
{
	static const struct {
		const uint8_t *start, *end;
	} blobs[SC_TMPL_COUNT] = {
		[SC_TMPL_RSDP] = { sc_bios_rsdp, sc_bios_rsdp_end },
		[SC_TMPL_XSDT] = { sc_bios_xsdt, sc_bios_xsdt_end },
		[SC_TMPL_FADT] = { sc_bios_fadt, sc_bios_fadt_end },
		[SC_TMPL_MADT_LAPIC] = { sc_bios_madt_lapic, sc_bios_madt_lapic_end },
		[SC_TMPL_MADT_X2APIC] = { sc_bios_madt_x2apic, sc_bios_madt_x2apic_end },
		[SC_TMPL_DSDT] = { sc_bios_dsdt, sc_bios_dsdt_end },
	};

	return (struct sc_acpi_template){
		.data = blobs[t].start,
		.len = (uint32_t)(blobs[t].end - blobs[t].start),
	};
}

/* The places of the devices whose rings are not in the ring area
 * (include/sparecore/devices.h): the bench ring and its floor line. */
struct fixed_range {
	uint64_t pa, len;
};
static const struct fixed_range bench_ranges[] = {
	{ SC_BENCH_AREA_PA, SC_RING_BYTES(SC_BENCH_RING_ORDER) },
	{ SC_BENCH_AREA_PA + SC_BENCH_FLOOR_OFF, SC_CACHELINE },
};
_Static_assert(ARRAY_SIZE(bench_ranges) == 2, "bench: two ranges, devices.h");

#define DSDT_MAX_DEVS 16

static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

void sc_acpi_fix_checksum(uint8_t *table)
{
	struct sc_acpi_header *h = (struct sc_acpi_header *)table;

	h->checksum = 0;
	h->checksum = (uint8_t)-acpi_sum(table, h->length);
}

void sc_acpi_fix_rsdp(uint8_t *rsdp)
{
	struct sc_acpi_rsdp *r = (struct sc_acpi_rsdp *)rsdp;

	r->checksum = 0;
	r->checksum = (uint8_t)-acpi_sum(rsdp, SC_RSDP_V1_LEN);
	r->ext_checksum = 0;
	r->ext_checksum = (uint8_t)-acpi_sum(rsdp, sizeof(*r));
}

int sc_acpi_table_sig(const char *name, char sig[5])
{
	static const char *const alias[][2] = {
		{ "rsdp", "RSDP" }, { "xsdt", "XSDT" }, { "fadt", "FACP" },
		{ "facp", "FACP" }, { "madt", "APIC" }, { "apic", "APIC" },
		{ "dsdt", "DSDT" },
	};
	char low[8];
	size_t i;

	for (i = 0; name[i] && i < sizeof(low) - 1; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	if (name[i])
		return -1;
	low[i] = 0;
	for (i = 0; i < ARRAY_SIZE(alias); i++) {
		if (!strcmp(low, alias[i][0])) {
			memcpy(sig, alias[i][1], 5);
			return 0;
		}
	}
	return -1;
}

void sc_acpi_config_from_boot_info(struct sc_acpi_config *cfg,
				   const struct sc_boot_info *bi,
				   uint32_t apic_id, uint32_t apic_base)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->apic_id = apic_id;
	cfg->apic_base = apic_base;
	cfg->devices = bi->devices | SC_DEV_CONSOLE;
	cfg->part_vector = bi->part_vector;
	memcpy(cfg->ring_order, bi->ring_order, sizeof(cfg->ring_order));
}

/* Patch one device's _CRS in place: ring addresses and sizes, vector. */
static int patch_crs(uint8_t *dsdt, const struct acpi_aml_dev *d,
		     const struct sc_device *dd, const struct sc_acpi_config *cfg,
		     char *err, size_t errlen)
{
	uint8_t *crs = dsdt + d->crs_off;
	unsigned mem = 0, irq = 0;
	struct acpi_res r;
	uint32_t pos = 0;
	int got;

	while ((got = acpi_res_next(crs, d->crs_len, &pos, &r)) == 1) {
		uint8_t *at = crs + r.off;

		if (r.kind == ACPI_RES_MEM64 && mem < dd->rings && !dd->ring_area) {
			/* Only the bench device has places of its own. */
			const struct fixed_range *f = &bench_ranges[mem++];

			acpi_put(at + SC_RES_QWORD_MIN, 8, f->pa);
			acpi_put(at + SC_RES_QWORD_MAX, 8, f->pa + f->len - 1);
			acpi_put(at + SC_RES_QWORD_LENGTH, 8, f->len);
		} else if (r.kind == ACPI_RES_MEM64 && mem < dd->rings) {
			enum sc_ring_id id = dd->first_ring + mem++;
			uint32_t order = cfg->ring_order[id];
			uint64_t pa = SC_RING_AREA_PA + id * SC_RING_AREA_SIZE;
			uint64_t len;

			if (order < SC_RING_ORDER_MIN || order > SC_RING_ORDER_MAX ||
			    SC_RING_BYTES(order) > SC_RING_AREA_SIZE) {
				set_err(err, errlen,
					"%s ring %u has no usable size (order %u)",
					dd->name, id, order);
				return -1;
			}
			len = SC_RING_BYTES(order);
			acpi_put(at + SC_RES_QWORD_MIN, 8, pa);
			acpi_put(at + SC_RES_QWORD_MAX, 8, pa + len - 1);
			acpi_put(at + SC_RES_QWORD_LENGTH, 8, len);
		} else if (r.kind == ACPI_RES_IRQ && !irq && r.irq_count == 1) {
			irq++;
			acpi_put(at + SC_RES_IRQ_FIRST, 4, cfg->part_vector);
		} else {
			set_err(err, errlen,
				"built-in DSDT: %s has an unexpected resource at _CRS offset %u",
				d->path, r.off);
			return -1;
		}
	}
	if (got < 0 || mem != dd->rings || irq != 1) {
		set_err(err, errlen,
			"built-in DSDT: %s _CRS has %u rings and %u interrupts, want %u and 1",
			d->path, mem, irq, dd->rings);
		return -1;
	}
	return 0;
}

uint32_t sc_acpi_patch_dsdt(uint8_t *dst, uint32_t cap,
			    const struct sc_acpi_config *cfg, char *err,
			    size_t errlen)
{
	struct sc_acpi_template t = sc_acpi_template(SC_TMPL_DSDT);
	struct acpi_aml_dev devs[DSDT_MAX_DEVS];
	struct sc_acpi_header *h = (struct sc_acpi_header *)dst;
	uint32_t len = t.len, detail, err_off, seen = 0;
	unsigned n;

	if (acpi_check_table(t.data, t.len, "DSDT", sizeof(*h), &detail) ||
	    cap < t.len) {
		set_err(err, errlen, "built-in DSDT template is broken or too big");
		return 0;
	}
	memcpy(dst, t.data, t.len);
	if (acpi_aml_walk(dst, len, devs, DSDT_MAX_DEVS, &n, &err_off)) {
		set_err(err, errlen, "built-in DSDT: AML walk stopped at offset %u",
			err_off);
		return 0;
	}
	/* Patch first (offsets are the template's), then cut from the end
	 * so earlier offsets stay valid. */
	for (unsigned i = 0; i < n; i++) {
		const struct sc_device *dd = sc_device_by_hid(devs[i].hid);

		if (!strcmp(devs[i].hid, SC_HID_CPU))
			continue;
		if (!dd || devs[i].depth != 0 || !devs[i].crs_len ||
		    (seen & dd->bit)) {
			set_err(err, errlen,
				"built-in DSDT: device %s (%s) does not match the ABI",
				devs[i].path, devs[i].hid);
			return 0;
		}
		seen |= dd->bit;
		if ((cfg->devices & dd->bit) &&
		    patch_crs(dst, &devs[i], dd, cfg, err, errlen))
			return 0;
	}
	if ((cfg->devices & ~seen) || !(seen & SC_DEV_CONSOLE)) {
		set_err(err, errlen,
			"built-in DSDT lacks a device the partition has (mask 0x%x)",
			cfg->devices & ~seen);
		return 0;
	}
	for (unsigned i = n; i-- > 0;) {
		const struct sc_device *dd = sc_device_by_hid(devs[i].hid);
		uint32_t end = devs[i].term_off + devs[i].term_len;

		if (!dd || (cfg->devices & dd->bit))
			continue;
		memmove(dst + devs[i].term_off, dst + end, len - end);
		len -= devs[i].term_len;
		memset(dst + len, 0, devs[i].term_len);
	}
	h->length = len;
	return len;
}

static uint64_t align16(uint64_t v)
{
	return (v + 15) & ~15ull;
}

/* Copy a data-table template to at, checking it is the table we expect. */
static int place(uint8_t *at, uint64_t room, enum sc_acpi_tmpl which,
		 const char *sig, uint32_t min_len, char *err, size_t errlen)
{
	struct sc_acpi_template t = sc_acpi_template(which);
	uint32_t detail;

	if (acpi_check_table(t.data, t.len, sig, min_len, &detail) ||
	    ((const struct sc_acpi_header *)t.data)->length != t.len ||
	    t.len > room) {
		set_err(err, errlen, "built-in %s template is broken (a build problem)",
			sig);
		return -1;
	}
	memcpy(at, t.data, t.len);
	return 0;
}

static void record(struct sc_acpi_result *res, const char *sig,
		   const char *file, uint64_t pa, uint32_t len, uint8_t rev)
{
	struct sc_acpi_table *t = &res->t[res->count++];

	memcpy(t->sig, sig, 4);
	t->sig[4] = 0;
	t->file = file;
	t->pa = pa;
	t->len = len;
	t->rev = rev;
}

int sc_acpi_build(uint8_t *mem, uint64_t mem_size,
		  const struct sc_acpi_config *cfg, struct sc_acpi_result *res,
		  char *err, size_t errlen)
{
	uint8_t *area = mem + SC_ACPI_PA;
	struct sc_acpi_template rt = sc_acpi_template(SC_TMPL_RSDP);
	uint64_t xsdt = SC_ACPI_PA + align16(sizeof(struct sc_acpi_rsdp));
	uint64_t fadt, madt, dsdt, end = SC_ACPI_PA + SC_ACPI_SIZE;
	bool x2 = cfg->apic_id >= 255;
	uint32_t dsdt_len, detail;
	char bad[5] = "";

	memset(res, 0, sizeof(*res));
	if (mem_size < end) {
		set_err(err, errlen, "partition memory too small for the ACPI tables");
		return -1;
	}
	if (cfg->corrupt && sc_acpi_table_sig(cfg->corrupt, bad)) {
		set_err(err, errlen, "no ACPI table called '%s'", cfg->corrupt);
		return -1;
	}
	if (cfg->part_vector < 32 || cfg->part_vector > 255) {
		set_err(err, errlen, "doorbell vector %u is not an interrupt vector",
			cfg->part_vector);
		return -1;
	}
	memset(area, 0, SC_ACPI_SIZE);

	/* RSDP: fixed 36 bytes; the loader cannot check it like the others. */
	if (rt.len != sizeof(struct sc_acpi_rsdp) ||
	    acpi_check_rsdp(rt.data, rt.len, &detail)) {
		set_err(err, errlen, "built-in RSDP template is broken (a build problem)");
		return -1;
	}
	memcpy(area, rt.data, rt.len);

	/* XSDT: FADT and MADT. */
	if (place(mem + xsdt, end - xsdt, SC_TMPL_XSDT, "XSDT",
		  SC_XSDT_ENTRIES + 16, err, errlen))
		return -1;
	fadt = align16(xsdt + ((struct sc_acpi_header *)(mem + xsdt))->length);
	if (place(mem + fadt, end - fadt, SC_TMPL_FADT, "FACP", SC_FADT_MIN_LEN,
		  err, errlen))
		return -1;
	madt = align16(fadt + ((struct sc_acpi_header *)(mem + fadt))->length);
	if (place(mem + madt, end - madt,
		  x2 ? SC_TMPL_MADT_X2APIC : SC_TMPL_MADT_LAPIC, "APIC",
		  SC_MADT_ENTRIES + (x2 ? sizeof(struct sc_madt_x2apic) :
					  sizeof(struct sc_madt_lapic)),
		  err, errlen))
		return -1;
	dsdt = align16(madt + ((struct sc_acpi_header *)(mem + madt))->length);
	dsdt_len = sc_acpi_patch_dsdt(mem + dsdt, (uint32_t)(end - dsdt), cfg,
				      err, errlen);
	if (!dsdt_len)
		return -1;

	/* Addresses. */
	((struct sc_acpi_rsdp *)area)->xsdt_address = xsdt;
	acpi_put(mem + xsdt + SC_XSDT_ENTRIES, 8, fadt);
	acpi_put(mem + xsdt + SC_XSDT_ENTRIES + 8, 8, madt);
	acpi_put(mem + fadt + SC_FADT_DSDT, 4, 0);
	acpi_put(mem + fadt + SC_FADT_X_DSDT, 8, dsdt);
	if (!(acpi_get(mem + fadt + SC_FADT_FLAGS, 4) & SC_FADT_HW_REDUCED)) {
		set_err(err, errlen, "built-in FADT is not hardware-reduced (a build problem)");
		return -1;
	}

	/* The CPU. */
	acpi_put(mem + madt + SC_MADT_LAPIC_ADDR, 4, cfg->apic_base);
	if (x2) {
		struct sc_madt_x2apic *e = (void *)(mem + madt + SC_MADT_ENTRIES);

		if (e->type != SC_MADT_X2APIC || e->length != sizeof(*e))
			goto bad_madt;
		e->apic_id = cfg->apic_id;
	} else {
		struct sc_madt_lapic *e = (void *)(mem + madt + SC_MADT_ENTRIES);

		if (e->type != SC_MADT_LAPIC || e->length != sizeof(*e))
			goto bad_madt;
		e->apic_id = (uint8_t)cfg->apic_id;
	}

	sc_acpi_fix_checksum(mem + xsdt);
	sc_acpi_fix_checksum(mem + fadt);
	sc_acpi_fix_checksum(mem + madt);
	sc_acpi_fix_checksum(mem + dsdt);
	sc_acpi_fix_rsdp(area);

	res->rsdp_pa = SC_ACPI_PA;
	record(res, "RSDP", "rsdp.dat", SC_ACPI_PA, rt.len, area[15]);
	record(res, "XSDT", "xsdt.dat", xsdt, 0, 0);
	record(res, "FACP", "facp.dat", fadt, 0, 0);
	record(res, "APIC", "apic.dat", madt, 0, 0);
	record(res, "DSDT", "dsdt.dat", dsdt, 0, 0);
	for (unsigned i = 1; i < res->count; i++) {
		const struct sc_acpi_header *h = (const void *)(mem + res->t[i].pa);

		res->t[i].len = h->length;
		res->t[i].rev = h->revision;
	}

	/* Test only: one table whose content no longer matches its checksum,
	 * as if it had been damaged after it was written. */
	if (bad[0]) {
		for (unsigned i = 0; i < res->count; i++) {
			uint8_t *t = mem + res->t[i].pa;

			if (strcmp(res->t[i].sig, bad))
				continue;
			if (i == 0)
				t[offsetof(struct sc_acpi_rsdp, oem_id)] ^= 0x20;
			else
				t[offsetof(struct sc_acpi_header, oem_revision)] ^= 0x80;
		}
	}
	return 0;

bad_madt:
	set_err(err, errlen, "built-in MADT has no processor entry first (a build problem)");
	return -1;
}
