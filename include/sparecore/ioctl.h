/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * /dev/sparecore: the interface between the host service and the module.
 *
 * One open file is one partition (at most). The service:
 *   1. SC_IOC_CREATE: the module checks the CPU, allocates memory, takes the
 *      CPU from Linux and allocates the host doorbell; the reply says where
 *      everything is.
 *   2. SC_IOC_CHUNKS: host-physical addresses of the 2 MiB chunks, for the
 *      page tables the service writes.
 *   3. mmap(fd, 0, mem_size): partition memory, partition-physical 0 at
 *      offset 0. The service loads the image, boot info, rings, tables.
 *   4. SC_IOC_START: the module places the trampoline below 1 MiB, sends
 *      INIT/SIPI/SIPI, waits for boot info state UP, restores the low page.
 *   5. poll/read: POLLIN when the partition rang the host doorbell; read()
 *      returns a uint64_t count of doorbells since the last read.
 *      SC_IOC_KICK sends the partition its doorbell IPI.
 *   6. SC_IOC_STOP (or close): INIT to the CPU, then the CPU goes back to
 *      Linux. Memory is freed when the last mapping and the fd are gone.
 * SC_IOC_LIST works on any open file and reports every partition.
 * SC_IOC_STRAY (tests) also works on any open file: it sends a running
 * partition interrupts it never asked for, as Linux's broadcasts would.
 */
#ifndef SPARECORE_IOCTL_H
#define SPARECORE_IOCTL_H

#include "abi.h"

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define SC_DEVICE_PATH "/dev/sparecore"

/* Version of this contract (the ioctls below, trampoline.h), which SC_IOC_VERSION
 * reports; the service refuses a module of another one. Independent of
 * SC_BOOT_VERSION (abi.h). 3: numbered on from the shared ABI version the
 * two contracts had before they were split; 4: SC_IOC_STRAY, SC_IOC_LOWMEM
 * and SC_CREATE_LINUX (linux_guest.h), the trampoline's up_key. */
#define SC_IOCTL_VERSION 4u

/** Argument of SC_IOC_VERSION. */
struct sc_ioc_version {
	uint64_t magic;   /**< out: SC_MAGIC */
	uint32_t version; /**< out: SC_IOCTL_VERSION of the module */
	uint32_t pad;     /**< out: zero */
};
_Static_assert(sizeof(struct sc_ioc_version) == 16, "ioc_version");

/*
 * SC_IOC_CREATE fails with errno ENODEV (no such CPU), EPERM (the boot CPU),
 * EBUSY (a partition has it, it is the last online CPU, or Linux refused to
 * take it offline), ENXIO (offline), ENOMEM, ENOSPC (no doorbell vector), or:
 */
/** Linux refused to offline the CPU because isolcpus=domain took it out of
 *  the scheduler's domains (6.12 refuses that, 6.1 does not). */
#define SC_ERR_CPU_DOMAIN_ISOLATED EXDEV

/** Argument of SC_IOC_CREATE. */
struct sc_ioc_create {
	uint32_t cpu;       /**< in: Linux CPU number to take */
	uint32_t flags;     /**< in: zero */
	uint64_t mem_size;  /**< in: bytes, multiple of SC_CHUNK_SIZE */
	uint64_t tramp_pa;  /**< out: host-physical trampoline page (< 1 MiB) */
	uint64_t apic_base; /**< out: host-physical xAPIC base (IA32_APIC_BASE) */
	uint32_t apic_id;   /**< out: physical APIC ID of cpu */
	uint32_t apic_mode; /**< out: enum sc_apic_mode */
	uint32_t tsc_khz;   /**< out: host TSC frequency */
	uint32_t host_apic_id; /**< out: where the partition sends doorbells */
	uint32_t host_vector;  /**< out: vector of the host doorbell */
	uint32_t nr_chunks;    /**< out: mem_size / SC_CHUNK_SIZE */
};
_Static_assert(sizeof(struct sc_ioc_create) == 56, "ioc_create");

/** Argument of SC_IOC_CHUNKS. */
struct sc_ioc_chunks {
	uint64_t addrs;  /**< in: user pointer to uint64_t[count] */
	uint32_t count;  /**< in: entries at addrs, >= nr_chunks */
	uint32_t pad;    /**< in: zero */
};
_Static_assert(sizeof(struct sc_ioc_chunks) == 16, "ioc_chunks");

/** Argument of SC_IOC_START. All addresses are partition virtual (_va). */
struct sc_ioc_start {
	uint64_t entry_va;    /**< image entry point */
	uint64_t stack_va;    /**< initial stack pointer */
	uint64_t bootinfo_va; /**< passed to the entry in %rdi */
	uint64_t pt_root;     /**< partition-physical PML4, in the first chunk */
	uint32_t timeout_ms;  /**< wait this long for state UP; 0: default */
	uint32_t pad;         /**< zero */
};
_Static_assert(sizeof(struct sc_ioc_start) == 40, "ioc_start");

/* Longest START wait the module accepts (timeout_ms above). */
#define SC_START_TIMEOUT_MAX_MS 600000u

enum sc_run_state {
	SC_RUN_CREATED = 1, /**< CPU taken, memory allocated, not started */
	SC_RUN_RUNNING = 2, /**< started and reported UP */
	SC_RUN_STOPPED = 3, /**< stopped, CPU back to Linux */
};

/** One partition in SC_IOC_LIST. */
struct sc_part_info {
	uint32_t cpu;        /**< Linux CPU number */
	uint32_t state;      /**< enum sc_run_state */
	uint64_t mem_size;   /**< bytes */
	uint64_t uptime_ns;  /**< since START, 0 if not started */
	uint32_t owner_pid;  /**< process that created it */
	uint32_t pad;        /**< zero */
};
_Static_assert(sizeof(struct sc_part_info) == 32, "part_info");

#define SC_LIST_MAX 64u

/** Argument of SC_IOC_LIST. */
struct sc_ioc_list {
	uint64_t pages_allocated; /**< out: 4 KiB pages the module holds */
	uint32_t count;           /**< out: partitions (entries filled) */
	uint32_t irqs_allocated;  /**< out: doorbell IRQs the module holds */
	struct sc_part_info parts[SC_LIST_MAX]; /**< out */
};
_Static_assert(sizeof(struct sc_ioc_list) == 16 + 32 * SC_LIST_MAX,
	       "ioc_list");

/** Argument of SC_IOC_STRAY. */
struct sc_ioc_stray {
	uint32_t cpu;    /**< in: the running partition's Linux CPU */
	uint32_t vector; /**< in: 0x20..0xfe, or 2 with SC_STRAY_NMI */
	uint32_t flags;  /**< in: SC_STRAY_NMI or 0 */
	uint32_t count;  /**< in: 1..SC_STRAY_MAX interrupts */
};
_Static_assert(sizeof(struct sc_ioc_stray) == 16, "ioc_stray");
#define SC_STRAY_NMI 0x1u
#define SC_STRAY_MAX 1000u

#define SC_IOC_MAGIC 0xb5
#define SC_IOC_VERSION _IOR(SC_IOC_MAGIC, 0, struct sc_ioc_version)
#define SC_IOC_CREATE _IOWR(SC_IOC_MAGIC, 1, struct sc_ioc_create)
#define SC_IOC_CHUNKS _IOW(SC_IOC_MAGIC, 2, struct sc_ioc_chunks)
#define SC_IOC_START _IOW(SC_IOC_MAGIC, 3, struct sc_ioc_start)
#define SC_IOC_STOP _IO(SC_IOC_MAGIC, 4)
#define SC_IOC_KICK _IO(SC_IOC_MAGIC, 5)
#define SC_IOC_LIST _IOR(SC_IOC_MAGIC, 6, struct sc_ioc_list)
#define SC_IOC_STRAY _IOW(SC_IOC_MAGIC, 7, struct sc_ioc_stray)

#endif
