/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The firmware view a partition gets: ACPI tables the host writes at
 * SC_ACPI_PA (boot info rsdp_pa points at the RSDP) and an e820 map in boot
 * info. The tables come from bios-stub/ (compiled by iasl at build time) and
 * are patched per partition by the host; the partition validates every one
 * before it uses anything in them.
 *
 * What sparecore's tables contain (ACPI 6.3):
 *   RSDP  revision 2, 36 bytes, both checksums; no RSDT.
 *   XSDT  FADT, MADT.
 *   FADT  hardware-reduced (Flags bit 20), X_DSDT set, no FACS.
 *   MADT  exactly one processor entry, for the partition's CPU with its real
 *         APIC ID: Local APIC (type 0) if the ID is below 255, else Local
 *         x2APIC (type 9). No I/O APIC, PC-AT Compatibility clear.
 *   DSDT  \_SB.CPU0 (ACPI0007) and one Device per paravirtual device the
 *         host configured, with the _HIDs below; each _CRS has one
 *         QWordMemory per ring (in ring id order: _MIN address, _LEN bytes)
 *         and one Interrupt whose number is the local APIC vector of the
 *         host's doorbell (not a GSI: there is no I/O APIC).
 * Layouts below are the parts of the ACPI specification we read or write,
 * with their offsets asserted.
 */
#ifndef SPARECORE_ACPI_H
#define SPARECORE_ACPI_H

#include "types.h"

/* _HIDs of our paravirtual devices ("SPRC" is our own vendor prefix). */
#define SC_HID_CONSOLE "SPRC0001"
#define SC_HID_DISK "SPRC0002"
#define SC_HID_NET "SPRC0003"
#define SC_HID_BENCH "SPRC0004" /* one ring, at SC_BENCH_AREA_PA */
#define SC_HID_CPU "ACPI0007" /* ACPI's processor device */

/** RSDP, ACPI 2.0+ form. */
struct sc_acpi_rsdp {
	char signature[8];     /**< "RSD PTR " */
	uint8_t checksum;      /**< first 20 bytes sum to 0 */
	char oem_id[6];        /**< "SPRCOR" */
	uint8_t revision;      /**< 2 (ACPI 2.0+: XSDT, length, ext. checksum) */
	uint32_t rsdt_address; /**< 0: we have no RSDT */
	uint32_t length;       /**< 36 */
	uint64_t xsdt_address; /**< partition-physical XSDT */
	uint8_t ext_checksum;  /**< all 36 bytes sum to 0 */
	uint8_t reserved[3];   /**< zero */
} __attribute__((packed));
_Static_assert(sizeof(struct sc_acpi_rsdp) == 36, "rsdp size");
_Static_assert(__builtin_offsetof(struct sc_acpi_rsdp, length) == 20, "rsdp.length");
_Static_assert(__builtin_offsetof(struct sc_acpi_rsdp, xsdt_address) == 24, "rsdp.xsdt");
_Static_assert(__builtin_offsetof(struct sc_acpi_rsdp, ext_checksum) == 32, "rsdp.ext");

#define SC_RSDP_V1_LEN 20u /* bytes covered by the first checksum */

/** Header of every table but the RSDP. */
struct sc_acpi_header {
	char signature[4];         /**< "XSDT", "FACP", "APIC", "DSDT" */
	uint32_t length;           /**< whole table, header included */
	uint8_t revision;          /**< table revision */
	uint8_t checksum;          /**< all length bytes sum to 0 */
	char oem_id[6];            /**< "SPRCOR" */
	char oem_table_id[8];      /**< "SPARECOR" */
	uint32_t oem_revision;     /**< 1 */
	char creator_id[4];        /**< "INTL": iasl made it */
	uint32_t creator_revision; /**< iasl version */
} __attribute__((packed));
_Static_assert(sizeof(struct sc_acpi_header) == 36, "acpi header size");
_Static_assert(__builtin_offsetof(struct sc_acpi_header, checksum) == 9, "hdr.checksum");

/* XSDT: the header, then 64-bit table addresses. */
#define SC_XSDT_ENTRIES 36u

/* FADT fields (ACPI 6.3 table 5-33), as offsets: the table is 276 bytes of
 * which we read four fields. */
#define SC_FADT_DSDT 40u        /* u32 DSDT address (0 when X_DSDT is used) */
#define SC_FADT_FLAGS 112u      /* u32 fixed feature flags */
#define SC_FADT_MINOR 131u      /* u8 FADT minor version */
#define SC_FADT_X_DSDT 140u     /* u64 DSDT address */
#define SC_FADT_MIN_LEN 148u    /* a FADT shorter than this has no X_DSDT */
#define SC_FADT_LEN 276u        /* ACPI 6.3 */
#define SC_FADT_HW_REDUCED (1u << 20)

/* MADT: the header, two fields, then subtables (type, length, ...). */
#define SC_MADT_LAPIC_ADDR 36u  /* u32 local APIC address */
#define SC_MADT_FLAGS 40u       /* u32; bit 0: PC-AT compatible (8259s) */
#define SC_MADT_ENTRIES 44u
#define SC_MADT_PCAT_COMPAT 1u

enum sc_madt_type {
	SC_MADT_LAPIC = 0,  /**< Processor Local APIC */
	SC_MADT_IOAPIC = 1, /**< I/O APIC (never in ours) */
	SC_MADT_X2APIC = 9, /**< Processor Local x2APIC */
};
#define SC_MADT_ENABLED 1u /* processor flags bit 0 */

/** MADT Processor Local APIC entry. */
struct sc_madt_lapic {
	uint8_t type;    /**< SC_MADT_LAPIC */
	uint8_t length;  /**< 8 */
	uint8_t uid;     /**< ACPI processor UID (\_SB.CPU0._UID) */
	uint8_t apic_id; /**< physical APIC ID */
	uint32_t flags;  /**< SC_MADT_ENABLED */
} __attribute__((packed));
_Static_assert(sizeof(struct sc_madt_lapic) == 8, "madt lapic");

/** MADT Processor Local x2APIC entry. */
struct sc_madt_x2apic {
	uint8_t type;     /**< SC_MADT_X2APIC */
	uint8_t length;   /**< 16 */
	uint16_t reserved; /**< zero */
	uint32_t apic_id; /**< physical x2APIC ID */
	uint32_t flags;   /**< SC_MADT_ENABLED */
	uint32_t uid;     /**< ACPI processor UID (\_SB.CPU0._UID) */
} __attribute__((packed));
_Static_assert(sizeof(struct sc_madt_x2apic) == 16, "madt x2apic");
_Static_assert(__builtin_offsetof(struct sc_madt_x2apic, apic_id) == 4, "x2apic.id");

/* Resource descriptors in _CRS (ACPI 6.3 section 6.4), as offsets from the
 * descriptor's first byte. */
#define SC_RES_QWORD 0x8au     /* QWord Address Space, large item 0x0a */
#define SC_RES_QWORD_LEN 46u   /* whole descriptor without a source */
#define SC_RES_QWORD_TYPE 3u   /* u8 resource type: 0 memory */
#define SC_RES_QWORD_MIN 14u   /* u64 _MIN */
#define SC_RES_QWORD_MAX 22u   /* u64 _MAX */
#define SC_RES_QWORD_LENGTH 38u /* u64 _LEN */
#define SC_RES_EXT_IRQ 0x89u   /* Extended Interrupt, large item 0x09 */
#define SC_RES_IRQ_COUNT 4u    /* u8 number of interrupts */
#define SC_RES_IRQ_FIRST 5u    /* u32 first interrupt number */
#define SC_RES_END_TAG 0x79u   /* small item 0x0f, length 1 */

#endif
