/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The partition's ACPI tables: the iasl-built templates from bios-stub/,
 * copied into partition memory at SC_ACPI_PA and patched for this
 * partition (APIC ID, ring addresses and sizes, doorbell vector, table
 * addresses), with every checksum fixed. Fields are found by structure:
 * ACPI's fixed offsets for the data tables, and for the DSDT by walking
 * its AML to the named device and its _CRS descriptors (bios-stub/
 * acpi_parse.c), never by searching for a value.
 */
#ifndef SC_ACPI_BUILD_H
#define SC_ACPI_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include <sparecore/bootinfo.h>

/** What the tables describe. */
struct sc_acpi_config {
	uint32_t apic_id;     /* physical APIC ID of the partition's CPU */
	uint32_t apic_base;   /* host's local APIC address, for the MADT */
	uint32_t devices;     /* SC_DEV_*; the console is always described */
	uint32_t part_vector; /* vector of the host's doorbell IPI */
	uint32_t ring_order[SC_RING_AREA_COUNT]; /* log2 slots, per ring id;
						    needed for every ring of
						    a device in devices */
	const char *corrupt;  /* test only: signature of one table to leave
				 with a wrong checksum; NULL normally */
};

#define SC_ACPI_TABLES 5

/** One table as written. */
struct sc_acpi_table {
	char sig[5];      /* "RSDP" for the RSDP, else the signature */
	const char *file; /* acpixtract-style name: "dsdt.dat" */
	uint64_t pa;      /* partition-physical address */
	uint32_t len;     /* bytes */
	uint8_t rev;      /* revision */
};

/** Where build put everything, in memory order. */
struct sc_acpi_result {
	uint64_t rsdp_pa;
	unsigned count;
	struct sc_acpi_table t[SC_ACPI_TABLES];
};

/*
 * Write the tables into mem (partition-physical 0, mem_size bytes) at
 * SC_ACPI_PA, overwriting that whole area. 0, or -1 with a one-line
 * reason in err (bad configuration, or a template that does not match
 * the ABI: a build problem).
 */
int sc_acpi_build(uint8_t *mem, uint64_t mem_size,
		  const struct sc_acpi_config *cfg, struct sc_acpi_result *res,
		  char *err, size_t errlen);

/* Configuration for what boot info says (devices, ring orders, vector). */
void sc_acpi_config_from_boot_info(struct sc_acpi_config *cfg,
				   const struct sc_boot_info *bi,
				   uint32_t apic_id, uint32_t apic_base);

/* Canonical signature for a user's table name: "dsdt", "madt"/"apic",
 * "fadt"/"facp", "xsdt", "rsdp", any case. 0, or -1 if unknown. */
int sc_acpi_table_sig(const char *name, char sig[5]);

/* ---- the steps, exposed for the unit tests ---- */

/* Set a table's checksum byte so its length bytes sum to 0. */
void sc_acpi_fix_checksum(uint8_t *table);
/* Both RSDP checksums. */
void sc_acpi_fix_rsdp(uint8_t *rsdp);
/*
 * Copy the DSDT template to dst (cap bytes), patch every described
 * device's _CRS from cfg and cut out the devices cfg does not have.
 * Returns the new length, or 0 with err set. Checksum not fixed.
 */
uint32_t sc_acpi_patch_dsdt(uint8_t *dst, uint32_t cap,
			    const struct sc_acpi_config *cfg, char *err,
			    size_t errlen);

/* The embedded templates (bios-stub/tables.S). */
struct sc_acpi_template {
	const uint8_t *data;
	uint32_t len;
};
enum sc_acpi_tmpl { SC_TMPL_RSDP, SC_TMPL_XSDT, SC_TMPL_FADT,
		    SC_TMPL_MADT_LAPIC, SC_TMPL_MADT_X2APIC, SC_TMPL_DSDT,
		    SC_TMPL_COUNT };
struct sc_acpi_template sc_acpi_template(enum sc_acpi_tmpl t);

#endif
