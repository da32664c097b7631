// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ACPI at boot: RSDP -> XSDT -> FADT, MADT; FADT -> DSDT -> devices.
 * Every pointer is checked to stay inside partition memory before we read
 * through it, every table's length and checksum before we use a byte of
 * its body. The host wrote these tables, but a partition that boots on
 * tables it did not check fails later, in a place that says less: we stop
 * here, with a crash report that names the table.
 */
#include "acpi.h"

#include <sparecore/compiler.h>
#include <sparecore/devices.h>

#include "boot.h"
#include "exception.h"
#include "kstring.h"
#include "vectors.h"

/* No table of ours comes near this; a bigger one is a bad length, not a
 * reason to checksum a gigabyte. */
#define TABLE_MAX (1u << 20)

static struct acpi_info info;
static bool ready;

/* Scratch for the DSDT walk: more than we keep, so a DSDT with extra
 * devices is still read whole. */
static struct acpi_aml_dev aml_devs[2 * ACPI_DEVS_MAX];

static int refuse(struct acpi_fault *f, const char *sig, uint32_t reason,
		  uint32_t detail)
{
	f->sig = acpi_sig32(sig);
	f->reason = reason;
	f->detail = detail;
	return -1;
}

/* Bytes readable at pa (0 if pa is outside memory), capped at TABLE_MAX. */
static uint64_t room(uint64_t pa)
{
	uint64_t mem = boot_info->mem_size;

	if (pa >= mem)
		return 0;
	return mem - pa < TABLE_MAX ? mem - pa : TABLE_MAX;
}

static void record(const char *sig, uint64_t pa, uint32_t len, uint8_t rev)
{
	struct acpi_table *t = &info.tables[info.n_tables++];

	memcpy(t->sig, sig, 4);
	t->sig[4] = 0;
	t->pa = pa;
	t->len = len;
	t->rev = rev;
}

/* A table at pa that must carry sig (NULL: any; the one found is
 * returned in got). Checks range, header, length, checksum; records it. */
static const uint8_t *table_at(uint64_t pa, const char *sig, uint32_t min_len,
			       char got[5], struct acpi_fault *f)
{
	const uint8_t *t;
	const char *want;
	uint32_t detail;
	int r;

	/* Before we can read the signature, the fault is the expected one's. */
	want = sig ? sig : "????";
	if (!pa || room(pa) < sizeof(struct sc_acpi_header)) {
		refuse(f, want, SC_ACPI_BAD_RANGE, (uint32_t)pa);
		return NULL;
	}
	t = pa_to_va(pa);
	memcpy(got, t, 4);
	got[4] = 0;
	want = sig ? sig : got;
	if ((r = acpi_check_table(t, room(pa), want, min_len, &detail))) {
		refuse(f, want, (uint32_t)r, detail);
		return NULL;
	}
	if (info.n_tables >= ACPI_TABLES_MAX) {
		refuse(f, "XSDT", SC_ACPI_BAD_LEN, info.n_tables);
		return NULL;
	}
	record(got, pa, ((const struct sc_acpi_header *)t)->length, t[8]);
	return t;
}

/* Ranges we must never hand to a driver as a ring. */
static bool overlaps(uint64_t base, uint64_t size, uint64_t start, uint64_t end)
{
	return base < end && start < base + size;
}

static bool ring_ok(const struct acpi_mem *m)
{
	uint64_t mem = boot_info->mem_size;

	if (!m->size || m->base >= mem || m->size > mem - m->base)
		return false;
	if (overlaps(m->base, m->size, 0, SC_PT_PA + SC_PT_PAGES * 0x1000ull) ||
	    overlaps(m->base, m->size, SC_IMAGE_PA, boot_info->image_end))
		return false;
	for (unsigned i = 0; i < info.n_tables; i++)
		if (overlaps(m->base, m->size, info.tables[i].pa,
			     info.tables[i].pa + info.tables[i].len))
			return false;
	/* Nor two rings in the same memory (the device being read is the
	 * last in devs[]; its own earlier rings count too). */
	for (unsigned i = 0; i < info.n_devs; i++)
		for (unsigned k = 0; k < info.devs[i].n_mem; k++)
			if (overlaps(m->base, m->size, info.devs[i].mem[k].base,
				     info.devs[i].mem[k].base +
					     info.devs[i].mem[k].size))
				return false;
	return true;
}

static bool vector_ok(uint32_t v)
{
	return v >= VEC_EXCEPTIONS && v < VEC_SPURIOUS && v != VEC_TIMER;
}

static int check_rsdp(uint64_t pa, uint64_t *xsdt, struct acpi_fault *f)
{
	const struct sc_acpi_rsdp *r;
	uint32_t detail;
	int e;

	if (!pa)
		return refuse(f, "RSD ", SC_ACPI_MISSING, 0);
	if (room(pa) < sizeof(*r))
		return refuse(f, "RSD ", SC_ACPI_BAD_RANGE, (uint32_t)pa);
	r = pa_to_va(pa);
	if ((e = acpi_check_rsdp(r, sizeof(*r), &detail)))
		return refuse(f, "RSD ", (uint32_t)e, detail);
	record("RSDP", pa, sizeof(*r), r->revision);
	*xsdt = r->xsdt_address;
	return 0;
}

static int check_fadt(const uint8_t *t, uint64_t *dsdt, struct acpi_fault *f)
{
	uint32_t len = (uint32_t)acpi_get(t + 4, 4);
	uint32_t dsdt32 = (uint32_t)acpi_get(t + SC_FADT_DSDT, 4);
	uint64_t x_dsdt = acpi_get(t + SC_FADT_X_DSDT, 8);

	/* The fields we read must be inside the table. */
	if (len < SC_FADT_MIN_LEN)
		return refuse(f, "FACP", SC_ACPI_BAD_LEN, len);
	/* Hardware-reduced ACPI exists since ACPI 5.0 (FADT revision 5). */
	if (t[8] < 5)
		return refuse(f, "FACP", SC_ACPI_BAD_REV, t[8]);
	if (!(acpi_get(t + SC_FADT_FLAGS, 4) & SC_FADT_HW_REDUCED))
		return refuse(f, "FACP", SC_ACPI_BAD_DATA, SC_FADT_FLAGS);
	if (x_dsdt && dsdt32 && x_dsdt != dsdt32)
		return refuse(f, "FACP", SC_ACPI_BAD_DATA, SC_FADT_X_DSDT);
	*dsdt = x_dsdt ? x_dsdt : dsdt32;
	if (!*dsdt)
		return refuse(f, "DSDT", SC_ACPI_MISSING, 0);
	info.fadt_minor = t[SC_FADT_MINOR];
	return 0;
}

/* Exactly one enabled processor, ours; no I/O APIC, no 8259s. */
static int check_madt(const uint8_t *t, uint32_t cpu_apic_id,
		      struct acpi_fault *f)
{
	uint32_t len = (uint32_t)acpi_get(t + 4, 4), off = SC_MADT_ENTRIES;
	unsigned cpus = 0;

	if (len < SC_MADT_ENTRIES)
		return refuse(f, "APIC", SC_ACPI_BAD_LEN, len);
	info.lapic_addr = (uint32_t)acpi_get(t + SC_MADT_LAPIC_ADDR, 4);
	if (acpi_get(t + SC_MADT_FLAGS, 4) & SC_MADT_PCAT_COMPAT)
		return refuse(f, "APIC", SC_ACPI_BAD_DATA, SC_MADT_FLAGS);
	while (off < len) {
		uint8_t type, elen;

		if (len - off < 2 || (elen = t[off + 1]) < 2 || elen > len - off)
			return refuse(f, "APIC", SC_ACPI_BAD_DATA, off);
		type = t[off];
		if (type == SC_MADT_LAPIC || type == SC_MADT_X2APIC) {
			bool x2 = type == SC_MADT_X2APIC;
			const struct sc_madt_lapic *l = (const void *)(t + off);
			const struct sc_madt_x2apic *x = (const void *)(t + off);

			if (elen != (x2 ? sizeof(*x) : sizeof(*l)) || cpus++)
				return refuse(f, "APIC", SC_ACPI_BAD_DATA, off);
			if (!((x2 ? x->flags : l->flags) & SC_MADT_ENABLED))
				return refuse(f, "APIC", SC_ACPI_BAD_DATA, off);
			info.x2apic_entry = x2;
			info.apic_id = x2 ? x->apic_id : l->apic_id;
			info.cpu_uid = x2 ? x->uid : l->uid;
			/* The table must describe the CPU we run on. */
			if (info.apic_id != cpu_apic_id)
				return refuse(f, "APIC", SC_ACPI_BAD_DATA,
					      off + (x2 ? 4 : 3));
		} else if (type == SC_MADT_IOAPIC) {
			return refuse(f, "APIC", SC_ACPI_BAD_DATA, off);
		}
		off += elen;
	}
	if (cpus != 1)
		return refuse(f, "APIC", SC_ACPI_MISSING, 0);
	return 0;
}

/* One device's _CRS into d; offsets in faults are the DSDT's. */
static int read_crs(const uint8_t *dsdt, const struct acpi_aml_dev *a,
		    struct acpi_dev *d, struct acpi_fault *f)
{
	struct acpi_res r;
	uint32_t pos = 0;
	int got;

	while ((got = acpi_res_next(dsdt + a->crs_off, a->crs_len, &pos, &r)) == 1) {
		uint32_t at = a->crs_off + r.off;

		if (r.kind == ACPI_RES_MEM64) {
			if (d->n_mem >= ACPI_DEV_MEM_MAX)
				return refuse(f, "DSDT", SC_ACPI_BAD_DATA, at);
			d->mem[d->n_mem] = (struct acpi_mem){ r.base, r.size };
			/* _MAX must agree with _MIN + _LEN - 1 (fixed range). */
			if (r.size && r.max != r.base + r.size - 1)
				return refuse(f, "DSDT", SC_ACPI_BAD_DATA, at);
			if (!ring_ok(&d->mem[d->n_mem]))
				return refuse(f, "DSDT", SC_ACPI_BAD_DATA,
					      at + SC_RES_QWORD_MIN);
			d->n_mem++;
		} else if (r.kind == ACPI_RES_IRQ) {
			if (d->n_irq >= ACPI_DEV_IRQ_MAX || !vector_ok(r.irq))
				return refuse(f, "DSDT", SC_ACPI_BAD_DATA, at);
			d->irq[d->n_irq++] = r.irq;
		}
		/* Other descriptors: well-formed, not ours to use. */
	}
	if (got < 0)
		return refuse(f, "DSDT", SC_ACPI_BAD_DATA, a->crs_off + pos);
	return 0;
}

/* A device of ours must list the rings include/sparecore/devices.h gives
 * it, and one interrupt: in another shape it is a broken DSDT. And it must
 * agree with boot info: a device the host announced there, rings in the
 * ring area of the size boot info gives their ids. */
static bool shape_ok(const struct acpi_dev *d)
{
	const struct sc_device *dev = sc_device_by_hid(d->hid);

	if (!dev)
		return true;
	if (d->n_mem != dev->rings || d->n_irq != 1 ||
	    !(boot_info->devices & dev->bit))
		return false;
	for (unsigned k = 0; dev->ring_area && k < dev->rings; k++) {
		uint32_t order = boot_info->ring_order[dev->first_ring + k];

		if (!order || d->mem[k].size != SC_RING_BYTES(order))
			return false;
	}
	return true;
}

static int read_dsdt(const uint8_t *t, struct acpi_fault *f)
{
	uint32_t len = (uint32_t)acpi_get(t + 4, 4), err_off;
	bool console = false;
	unsigned n;
	int e;

	e = acpi_aml_walk(t, len, aml_devs,
			  ARRAY_SIZE(aml_devs), &n, &err_off);
	if (e)
		return refuse(f, "DSDT", (uint32_t)e, err_off);
	for (unsigned i = 0; i < n && info.n_devs < ACPI_DEVS_MAX; i++) {
		struct acpi_dev *d = &info.devs[info.n_devs++];

		memcpy(d->path, aml_devs[i].path, sizeof(d->path));
		memcpy(d->hid, aml_devs[i].hid, sizeof(d->hid));
		d->uid = aml_devs[i].uid;
		if (aml_devs[i].crs_len && read_crs(t, &aml_devs[i], d, f))
			return -1;
		if (!shape_ok(d))
			return refuse(f, "DSDT", SC_ACPI_BAD_DATA,
				      aml_devs[i].term_off);
		console |= !strcmp(d->hid, SC_HID_CONSOLE);
	}
	/* Without a console nobody would ever hear from us. */
	if (!console)
		return refuse(f, "DSDT", SC_ACPI_NO_CONSOLE, 0);
	return 0;
}

int acpi_init(const struct sc_boot_info *bi, uint32_t cpu_apic_id,
	      struct acpi_fault *f)
{
	const uint8_t *xsdt, *t, *fadt = NULL, *madt = NULL;
	uint64_t xsdt_pa = 0, dsdt_pa = 0;
	uint32_t entries;
	char sig[5];

	memset(&info, 0, sizeof(info));
	ready = false;
	if (check_rsdp(bi->rsdp_pa, &xsdt_pa, f))
		return -1;
	if (!(xsdt = table_at(xsdt_pa, "XSDT", SC_XSDT_ENTRIES, sig, f)))
		return -1;
	entries = (info.tables[1].len - SC_XSDT_ENTRIES);
	if (entries % 8)
		return refuse(f, "XSDT", SC_ACPI_BAD_LEN, info.tables[1].len);
	for (uint32_t i = 0; i < entries / 8; i++) {
		uint64_t pa = acpi_get(xsdt + SC_XSDT_ENTRIES + 8 * i, 8);

		/* A bad entry is the XSDT's fault until we know what it
		 * points at; after that, the table's. */
		if (!pa || room(pa) < sizeof(struct sc_acpi_header))
			return refuse(f, "XSDT", SC_ACPI_BAD_RANGE, (uint32_t)pa);
		if (!(t = table_at(pa, NULL, 0, sig, f)))
			return -1;
		if (!memcmp(sig, "FACP", 4) || !memcmp(sig, "APIC", 4)) {
			const uint8_t **slot = sig[0] == 'F' ? &fadt : &madt;

			if (*slot)
				return refuse(f, "XSDT", SC_ACPI_BAD_DATA,
					      SC_XSDT_ENTRIES + 8 * i);
			*slot = t;
		}
	}
	if (!fadt)
		return refuse(f, "FACP", SC_ACPI_MISSING, 0);
	if (!madt)
		return refuse(f, "APIC", SC_ACPI_MISSING, 0);
	if (check_fadt(fadt, &dsdt_pa, f) ||
	    check_madt(madt, cpu_apic_id, f))
		return -1;
	if (!(t = table_at(dsdt_pa, "DSDT", 0, sig, f)) || read_dsdt(t, f))
		return -1;
	ready = true;
	return 0;
}

const struct acpi_dev *acpi_find(const char *hid)
{
	if (!ready)
		return NULL;
	for (unsigned i = 0; i < info.n_devs; i++)
		if (!strcmp(info.devs[i].hid, hid))
			return &info.devs[i];
	return NULL;
}

const struct acpi_info *acpi_get_info(void)
{
	return ready ? &info : NULL;
}

void acpi_refuse(const struct acpi_fault *f)
{
	crash_soft(SC_CRASH_ACPI + f->reason,
		   SC_ACPI_FAULT_CODE(f->sig, f->detail));
}
