/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Boot info: the page at partition-physical SC_BOOTINFO_PA. The host fills
 * the "host" part before START; the partition writes only the "partition"
 * part (state, heartbeat, crash), each field on its own cache line so the
 * host polling state does not fight the partition writing the heartbeat.
 * Every host field is one the partition reads or checks (boot_info_valid
 * in partition/core/boot.c, the DSDT cross-check in partition/core/acpi.c);
 * a retired field stays as a reserved zero so the offsets do not move.
 */
#ifndef SPARECORE_BOOTINFO_H
#define SPARECORE_BOOTINFO_H

#include "abi.h"
#include "crash.h"

enum sc_apic_mode {
	SC_APIC_XAPIC = 1,  /**< MMIO registers at SC_APIC_VA */
	SC_APIC_X2APIC = 2, /**< MSRs 0x800-0x8ff */
};

/* Life of a partition, as the partition reports it in boot info. */
enum sc_part_state {
	SC_STATE_BOOTING = 0, /**< written by the host before START */
	SC_STATE_UP = 1,      /**< running; trampoline page no longer used */
	SC_STATE_HALTED = 2,  /**< shell said halt; CPU idles with IRQs off */
	SC_STATE_CRASHED = 3, /**< crash[] is valid; CPU idles with IRQs off */
	SC_STATE_REBOOT = 4,  /**< a Linux guest asked for a reboot; CPU idles
				   with IRQs off (the host stops it: never a
				   platform reset) */
};

/*
 * Every ring id, and the only place they are numbered: ring id i lives in
 * ring area i, at SC_RING_AREA_PA + i * SC_RING_AREA_SIZE, with
 * 2^ring_order[i] slots. A device's rings are consecutive ids, in the order
 * its _CRS lists them (devices.h takes its ranges from here). The bench
 * ring is not in the ring area (bench.h gives its place), so has no id.
 */
enum sc_ring_id {
	SC_RING_CONS_OUT = 0,    /**< console output, partition -> host */
	SC_RING_CONS_IN = 1,     /**< console input, host -> partition */
	SC_RING_BLK_REQ = 2,     /**< disk requests, partition -> host */
	SC_RING_BLK_CPL = 3,     /**< disk completions, host -> partition */
	SC_RING_NET_RX_POST = 4, /**< empty receive buffers, partition -> host */
	SC_RING_NET_RX_DONE = 5, /**< received frames, host -> partition */
	SC_RING_NET_TX = 6,      /**< frames to send, partition -> host */
	SC_RING_NET_TX_DONE = 7, /**< sent buffers back, host -> partition */
	SC_RING_IDS              /**< how many ids there are */
};
_Static_assert(SC_RING_IDS <= SC_RING_AREA_COUNT, "every ring id has an area");

/* A device's rings: its first id and how many (consecutive). */
#define SC_CONS_RING_FIRST SC_RING_CONS_OUT
#define SC_CONS_RINGS (SC_RING_CONS_IN - SC_RING_CONS_OUT + 1u)
#define SC_BLK_RING_FIRST SC_RING_BLK_REQ
#define SC_BLK_RINGS (SC_RING_BLK_CPL - SC_RING_BLK_REQ + 1u)
#define SC_NET_RING_FIRST SC_RING_NET_RX_POST
#define SC_NET_RINGS (SC_RING_NET_TX_DONE - SC_RING_NET_RX_POST + 1u)

/* Devices the host configured (boot info devices bitmask). */
#define SC_DEV_CONSOLE 0x1u
#define SC_DEV_BLK 0x2u
#define SC_DEV_NET 0x4u
#define SC_DEV_BENCH 0x8u /* ring at SC_BENCH_AREA_PA (bench.h) */

/* e820 memory types, as a PC firmware reports them. */
enum sc_e820_type {
	SC_E820_RAM = 1,      /**< usable by the partition */
	SC_E820_RESERVED = 2, /**< boot info, page tables, rings, trampoline */
	SC_E820_ACPI = 3,     /**< ACPI tables (reclaimable) */
};

/** One e820 entry, in partition-physical addresses. */
struct sc_e820_entry {
	uint64_t addr; /**< start */
	uint64_t size; /**< bytes */
	uint32_t type; /**< enum sc_e820_type */
	uint32_t pad;  /**< zero */
};
_Static_assert(sizeof(struct sc_e820_entry) == 24, "e820 entry");

#define SC_E820_MAX 16u

#define SC_CMDLINE_MAX 256u

struct sc_boot_info {
	/* ---- host part: written before START, read-only afterwards ---- */
	uint64_t magic;        /**< SC_MAGIC */
	uint32_t version;      /**< SC_BOOT_VERSION */
	uint32_t size;         /**< sizeof(struct sc_boot_info) */
	uint64_t mem_size;     /**< bytes of partition-physical memory */
	uint64_t virt_base;    /**< SC_VIRT_BASE: VA of partition-physical 0 */
	uint64_t image_end;    /**< first partition-physical byte after the image */
	uint64_t pt_root;      /**< partition-physical address of the PML4 */
	uint64_t reserved0;    /**< zero (boot version 3: the trampoline page,
				    which the partition never needs) */
	uint32_t cpu;          /**< Linux CPU number the partition runs on */
	uint32_t apic_id;      /**< physical APIC ID of that CPU */
	uint32_t apic_mode;    /**< enum sc_apic_mode the host uses */
	uint32_t tsc_khz;      /**< TSC frequency, from the host */
	uint32_t host_apic_id; /**< physical APIC ID to send host doorbells to */
	uint32_t host_vector;  /**< vector of the host doorbell */
	uint32_t part_vector;  /**< vector on which the host kicks the partition */
	uint32_t reserved1;    /**< zero (boot version 3: ring areas in use,
				    which ring_order already says) */
	uint32_t pad_rings[2]; /**< zero; ring_order on an 8-byte boundary */
	uint32_t ring_order[SC_RING_AREA_COUNT]; /**< log2 slots, per ring id;
				    0: unused. The DSDT's ring sizes must agree */
	char cmdline[SC_CMDLINE_MAX]; /**< NUL-terminated command line */
	uint64_t rsdp_pa;      /**< partition-physical ACPI RSDP, 0 if none */
	uint32_t devices;      /**< SC_DEV_* the host configured; the DSDT names
				    no device of ours outside it */
	uint32_t e820_count;   /**< entries used in e820[] */
	uint8_t pad_host[SC_CACHELINE * 8 - 400]; /**< partition part on a new line */

	/* ---- partition part: written by the partition only ---- */
	uint32_t state;    /**< enum sc_part_state */
	uint32_t pad_state; /**< zero */
	uint64_t up_tsc;   /**< TSC when the partition reported UP */
	uint64_t up_key;   /**< the trampoline's up_key (rsi at the entry),
			        written before state UP, from the partition's
			        own code (trampoline.h) */
	uint8_t pad_st[SC_CACHELINE - 24]; /**< heartbeat on its own line */
	uint64_t heartbeat; /**< timer ticks since start; the host's watchdog */
	uint64_t stray_irqs; /**< interrupts on vectors the partition did not
				  set up (e.g. Linux's broadcast IPIs) */
	uint8_t pad_hb[SC_CACHELINE - 16]; /**< crash report on its own line */
	struct sc_crash crash; /**< valid when state == SC_STATE_CRASHED */
	uint8_t pad_crash[1024 - 640 - sizeof(struct sc_crash)]; /**< host part 2 */

	/* ---- host part 2: written before START, read-only afterwards ---- */
	struct sc_e820_entry e820[SC_E820_MAX]; /**< partition memory map */
};
#define SC_BI_AT(field, off) \
	_Static_assert(__builtin_offsetof(struct sc_boot_info, field) == (off), \
		       "bootinfo." #field)
SC_BI_AT(magic, 0);
SC_BI_AT(version, 8);
SC_BI_AT(size, 12);
SC_BI_AT(mem_size, 16);
SC_BI_AT(virt_base, 24);
SC_BI_AT(image_end, 32);
SC_BI_AT(pt_root, 40);
SC_BI_AT(reserved0, 48);
SC_BI_AT(cpu, 56);
SC_BI_AT(apic_id, 60);
SC_BI_AT(apic_mode, 64);
SC_BI_AT(tsc_khz, 68);
SC_BI_AT(host_apic_id, 72);
SC_BI_AT(host_vector, 76);
SC_BI_AT(part_vector, 80);
SC_BI_AT(reserved1, 84);
SC_BI_AT(pad_rings, 88);
SC_BI_AT(devices, 392);
SC_BI_AT(e820_count, 396);
SC_BI_AT(up_tsc, 520);
#undef SC_BI_AT
_Static_assert(__builtin_offsetof(struct sc_boot_info, ring_order) == 96,
	       "bootinfo.ring_order");
_Static_assert(__builtin_offsetof(struct sc_boot_info, cmdline) == 128,
	       "bootinfo.cmdline");
_Static_assert(__builtin_offsetof(struct sc_boot_info, pad_host) == 400,
	       "bootinfo.pad_host");
_Static_assert(__builtin_offsetof(struct sc_boot_info, state) == 512,
	       "bootinfo.state");
_Static_assert(__builtin_offsetof(struct sc_boot_info, up_key) == 528,
	       "bootinfo.up_key");
_Static_assert(__builtin_offsetof(struct sc_boot_info, heartbeat) == 576,
	       "bootinfo.heartbeat");
_Static_assert(__builtin_offsetof(struct sc_boot_info, stray_irqs) == 584,
	       "bootinfo.stray_irqs");
_Static_assert(__builtin_offsetof(struct sc_boot_info, crash) == 640,
	       "bootinfo.crash");
_Static_assert(__builtin_offsetof(struct sc_boot_info, rsdp_pa) == 384,
	       "bootinfo.rsdp_pa");
_Static_assert(__builtin_offsetof(struct sc_boot_info, e820) == 1024,
	       "bootinfo.e820");
_Static_assert(sizeof(struct sc_boot_info) == 1024 + 24 * SC_E820_MAX,
	       "bootinfo size");
_Static_assert(sizeof(struct sc_boot_info) <= 4096, "boot info fits a page");

#endif
