/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The partition's view of its firmware tables: find the RSDP boot info
 * names, validate every table (signature, length, checksum, and what we
 * rely on in FADT and MADT), walk the DSDT for devices and their _CRS, and
 * keep the result for the drivers and the shell. Drivers start from what is
 * found here, not from ABI constants:
 *
 *     const struct acpi_dev *d = acpi_find(SC_HID_DISK);
 *     if (d && d->n_mem >= 2 && d->n_irq >= 1)
 *             ... rings at d->mem[0], d->mem[1], doorbell vector d->irq[0]
 *
 * Every ring range in a device's _CRS has been checked to lie inside
 * partition memory and clear of boot info, page tables, the ACPI tables
 * and the image; every vector to be a usable one (32-254, not ours).
 */
#ifndef PARTITION_ACPI_H
#define PARTITION_ACPI_H

#include <sparecore/acpi.h>
#include <sparecore/bootinfo.h>

#include "acpi_parse.h"

#define ACPI_DEVS_MAX 8
#define ACPI_DEV_MEM_MAX 4 /* the network has four rings */
#define ACPI_DEV_IRQ_MAX 2
#define ACPI_TABLES_MAX 8

/** A memory range from _CRS: a ring. */
struct acpi_mem {
	uint64_t base; /**< partition-physical */
	uint64_t size; /**< bytes */
};

/** A device from the DSDT. */
struct acpi_dev {
	char path[ACPI_PATH_MAX]; /**< "\\_SB.CONS" */
	char hid[ACPI_HID_MAX];   /**< "SPRC0001" */
	uint64_t uid;             /**< _UID, 0 if none */
	unsigned n_mem;           /**< ranges in mem[] */
	struct acpi_mem mem[ACPI_DEV_MEM_MAX]; /**< in _CRS order */
	unsigned n_irq;           /**< vectors in irq[] */
	uint32_t irq[ACPI_DEV_IRQ_MAX];        /**< local APIC vectors */
};

/** A validated table. */
struct acpi_table {
	char sig[5];     /**< "XSDT", ...; "RSDP" for the RSDP */
	uint64_t pa;     /**< partition-physical address */
	uint32_t len;    /**< bytes */
	uint8_t rev;     /**< revision */
};

/** Everything acpi_init() found. */
struct acpi_info {
	unsigned n_tables;
	struct acpi_table tables[ACPI_TABLES_MAX]; /**< RSDP, XSDT, then XSDT's order, DSDT last */
	uint32_t apic_id;     /**< MADT's processor entry */
	uint32_t cpu_uid;     /**< its ACPI processor UID */
	bool x2apic_entry;    /**< Local x2APIC (type 9) rather than Local APIC */
	uint32_t lapic_addr;  /**< MADT Local APIC Address */
	uint8_t fadt_minor;   /**< FADT minor version */
	unsigned n_devs;
	struct acpi_dev devs[ACPI_DEVS_MAX];
};

/** Why the tables were refused (the crash report's content). */
struct acpi_fault {
	uint32_t sig;    /**< signature of the table at fault (acpi_sig32) */
	uint32_t reason; /**< enum sc_acpi_fault */
	uint32_t detail; /**< see enum sc_acpi_fault */
};

/*
 * Validate the tables boot info points at and record what they say. The
 * MADT's processor must be this CPU: cpu_apic_id is our real APIC ID. 0, or
 * -1 with *f saying which table and why (nothing is recorded then).
 */
int acpi_init(const struct sc_boot_info *bi, uint32_t cpu_apic_id,
	      struct acpi_fault *f);

/* First device with this _HID, or NULL (also before acpi_init). */
const struct acpi_dev *acpi_find(const char *hid);

/* What acpi_init found; NULL before it succeeded. */
const struct acpi_info *acpi_get_info(void);

/* Stop the partition with a crash report naming the table (never returns). */
__attribute__((noreturn)) void acpi_refuse(const struct acpi_fault *f);

#endif
