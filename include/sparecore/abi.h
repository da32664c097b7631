/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * ABI identity and the partition's address-space layout.
 *
 * Two contracts, two version numbers, so a change to one does not refuse
 * peers that only speak the other:
 *  - SC_BOOT_VERSION, service <-> partition: everything the partition reads
 *    or writes (boot info, rings, ring areas, ACPI tables, device messages,
 *    the layout below). The image's note carries it (the service refuses an
 *    image of another version) and so does boot info (the partition refuses
 *    to start on another). Bump it on any change to those in
 *    include/sparecore/.
 *  - SC_IOCTL_VERSION (ioctl.h), module <-> service: the ioctls of
 *    /dev/sparecore and the trampoline contract. The service refuses a
 *    module of another version.
 * Every structure that crosses between the host and the partition carries
 * SC_MAGIC and SC_BOOT_VERSION or is reached from one that does.
 *
 * Addresses: the partition sees one contiguous *partition-physical* space
 * [0, mem_size), backed by 2 MiB host chunks that need not be contiguous in
 * host memory. The host's page tables map partition-physical address p at
 * virtual address SC_VIRT_BASE + p (the top 2 GiB, so the partition links with
 * -mcmodel=kernel and virtual address 0 stays unmapped). Every address written
 * into the ABI is partition-physical unless its name ends in _va.
 */
#ifndef SPARECORE_ABI_H
#define SPARECORE_ABI_H

#include "types.h"

#define SC_MAGIC 0x45524f4345524150ull /* "PARECORE" little-endian */
/* 2: ring header of five lines, duplex flag; 3: bench ring (SPRC0004,
 * include/sparecore/bench.h); 4: boot info's tramp_pa and ring_count
 * retired (zero), devices and ring_order checked against the DSDT, up_key
 * written by the partition and stray_irqs published by it. Numbered
 * on from the single ABI version the two contracts shared before they were
 * split. */
#define SC_BOOT_VERSION 4u

/* Partition memory is handed out in chunks of this size (one PD entry). */
#define SC_CHUNK_SHIFT 21
#define SC_CHUNK_SIZE (1ull << SC_CHUNK_SHIFT)

/* Limits, checked by the module and the service. */
#define SC_MEM_MIN (4ull << 20)
#define SC_MEM_MAX (1ull << 30) /* one page directory of 2 MiB pages */
#define SC_MEM_DEFAULT (64ull << 20)
#define SC_MAX_CHUNKS (SC_MEM_MAX / SC_CHUNK_SIZE)

/* Virtual layout of the partition (built by the host's page tables). */
#define SC_VIRT_BASE 0xffffffff80000000ull
/* One 4 KiB page just below SC_VIRT_BASE maps the xAPIC registers (UC). */
#define SC_APIC_VA (SC_VIRT_BASE - 0x1000ull)

/* Partition-physical layout of the first chunk (all below 2 MiB). */
#define SC_BOOTINFO_PA 0x1000ull  /* struct sc_boot_info, one page      */
#define SC_PT_PA 0x10000ull       /* host-built page tables, 16 pages   */
#define SC_PT_PAGES 16u
#define SC_RING_AREA_PA 0x20000ull /* 8 ring areas of 64 KiB each       */
#define SC_RING_AREA_SIZE 0x10000ull
#define SC_RING_AREA_COUNT 8u
#define SC_ACPI_PA 0xa0000ull     /* ACPI tables (RSDP first), 64 KiB  */
#define SC_ACPI_SIZE 0x10000ull
#define SC_BENCH_AREA_PA 0xb0000ull /* the bench device's ring, 64 KiB */
#define SC_BENCH_AREA_SIZE 0x10000ull
#define SC_IMAGE_PA 0x100000ull   /* lowest address an image may load at */

_Static_assert(SC_RING_AREA_PA + SC_RING_AREA_COUNT * SC_RING_AREA_SIZE <=
		       SC_IMAGE_PA,
	       "ring areas overlap the image");
_Static_assert(SC_PT_PA + SC_PT_PAGES * 0x1000ull <= SC_RING_AREA_PA,
	       "page tables overlap the rings");
_Static_assert(SC_RING_AREA_PA + SC_RING_AREA_COUNT * SC_RING_AREA_SIZE <=
		       SC_ACPI_PA,
	       "ring areas overlap the ACPI tables");
_Static_assert(SC_ACPI_PA + SC_ACPI_SIZE <= SC_IMAGE_PA,
	       "ACPI tables overlap the image");
_Static_assert((SC_ACPI_PA & 0xf) == 0, "the RSDP must be 16-byte aligned");
_Static_assert(SC_BENCH_AREA_PA >= SC_ACPI_PA + SC_ACPI_SIZE,
	       "bench ring overlaps the ACPI tables");
_Static_assert(SC_BENCH_AREA_PA + SC_BENCH_AREA_SIZE <= SC_IMAGE_PA,
	       "bench ring overlaps the image");

/* Vector on which the partition takes the host's doorbell IPI. */
#define SC_PART_DOORBELL_VECTOR 0xf0u

/* Name and type of the ELF note that marks an image as a sparecore one. */
#define SC_NOTE_NAME "sparecore"
#define SC_NOTE_TYPE 0x5343u /* 'SC' */

/* Payload of that note: which ABI the image was built against. */
struct sc_image_note {
	uint64_t magic;   /**< SC_MAGIC */
	uint32_t version; /**< SC_BOOT_VERSION the image speaks */
	uint32_t pad;     /**< zero */
};
_Static_assert(sizeof(struct sc_image_note) == 16, "sc_image_note size");

#endif
