/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The paravirtual devices, described once. The host's ACPI builder
 * (host/service/loader/acpi_build.c) patches and cuts DSDT devices by this
 * table, the partition's ACPI reader (partition/core/acpi.c) refuses a
 * device of ours in another shape, `sparecore tables` and the backends set
 * ring sizes from it, and tests/unit/test_devices.c checks
 * bios-stub/dsdt.asl against it (same devices, names, ring counts and
 * default ring addresses).
 *
 * Adding a device: a row here (and a SC_DEV_* bit, a _HID, ring ids in
 * enum sc_ring_id, bootinfo.h), a Device in bios-stub/dsdt.asl, a backend in
 * host/service/devices/ and a driver in paravirt-drivers/.
 */
#ifndef SPARECORE_DEVICES_H
#define SPARECORE_DEVICES_H

#include "acpi.h"
#include "bench.h"
#include "blk.h"
#include "bootinfo.h"
#include "console.h"
#include "net.h"

struct sc_device {
	uint32_t bit;          /**< SC_DEV_*: boot info devices */
	const char *hid;       /**< ACPI _HID */
	const char *acpi_name; /**< its DSDT Device: \_SB.<acpi_name> */
	const char *name;      /**< for people: "console", "disk", ... */
	/*
	 * Its rings: the _CRS lists one QWordMemory per ring, in this order.
	 * In the ring area (ring_area true) they are ring ids first_ring ..
	 * first_ring + rings - 1, each 2^ring_order slots; otherwise they are
	 * places of the device's own (the bench ring and its floor line).
	 */
	uint32_t first_ring;
	uint32_t rings;
	uint32_t ring_order;
	bool ring_area;
};

#define SC_DEVICE_COUNT 4u

/* The table; index with i < SC_DEVICE_COUNT. A function, so a file that
 * includes this and uses none of it gets no unused copy. */
static inline const struct sc_device *sc_device(unsigned i)
{
	static const struct sc_device table[SC_DEVICE_COUNT] = {
		{ SC_DEV_CONSOLE, SC_HID_CONSOLE, "CONS", "console",
		  SC_CONS_RING_FIRST, SC_CONS_RINGS, SC_CONS_RING_ORDER, true },
		{ SC_DEV_BLK, SC_HID_DISK, "DISK", "disk",
		  SC_BLK_RING_FIRST, SC_BLK_RINGS, SC_BLK_RING_ORDER, true },
		{ SC_DEV_NET, SC_HID_NET, "NET0", "network",
		  SC_NET_RING_FIRST, SC_NET_RINGS, SC_NET_RING_ORDER, true },
		{ SC_DEV_BENCH, SC_HID_BENCH, "BNCH", "bench",
		  0, 2, SC_BENCH_RING_ORDER, false },
	};

	return &table[i];
}

static inline bool sc_hid_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The device with this _HID, or NULL (the CPU, someone else's). */
static inline const struct sc_device *sc_device_by_hid(const char *hid)
{
	for (unsigned i = 0; i < SC_DEVICE_COUNT; i++)
		if (sc_hid_eq(sc_device(i)->hid, hid))
			return sc_device(i);
	return NULL;
}

/* The device with this SC_DEV_* bit (bit is one of them). */
static inline const struct sc_device *sc_device_by_bit(uint32_t bit)
{
	for (unsigned i = 0; i < SC_DEVICE_COUNT; i++)
		if (sc_device(i)->bit == bit)
			return sc_device(i);
	return NULL;
}

/* Host side: announce device bit in boot info, with its ring-area rings
 * at the table's size. */
static inline void sc_device_announce(struct sc_boot_info *bi, uint32_t bit)
{
	const struct sc_device *dev = sc_device_by_bit(bit);

	bi->devices |= bit;
	if (!dev->ring_area)
		return;
	for (unsigned r = 0; r < dev->rings; r++)
		bi->ring_order[dev->first_ring + r] = dev->ring_order;
}

#endif
