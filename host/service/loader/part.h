/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One partition as the service sees it: the module's reply, partition
 * memory mapped into this process, and the boot info in it. The steps are
 * split so `run` can validate everything before the CPU is taken.
 */
#ifndef SC_PART_H
#define SC_PART_H

#include <stdint.h>

#include <sparecore/bootinfo.h>
#include <sparecore/ioctl.h>

#include "image.h"

struct sc_part {
	int fd;                       /* /dev/sparecore, one partition */
	struct sc_ioc_create info;    /* module's reply to CREATE */
	uint64_t chunks[SC_MAX_CHUNKS];
	uint8_t *mem;                 /* partition-physical 0, mem_size bytes */
	uint64_t mem_size;
	struct sc_boot_info *bi;      /* inside mem */
	uint64_t entry_va;            /* from the image */
	int created, started, stopped; /* progress, for clean-up */
};

/* CREATE + CHUNKS + mmap. 0, or -1 after a one-line error. */
int sc_part_create(struct sc_part *p, int fd, unsigned cpu, uint64_t mem);
/* The same with CREATE flags (SC_CREATE_LINUX). */
int sc_part_create_flags(struct sc_part *p, int fd, unsigned cpu,
			 uint64_t mem, uint32_t flags);
/* Load image, write boot info, rings and page tables. */
int sc_part_setup(struct sc_part *p, struct sc_image *img, const char *cmdline);
/*
 * The firmware view, once every device has put its rings and its SC_DEV_*
 * bit in boot info: the e820 map and the ACPI tables (sc_acpi_build), and
 * boot info's rsdp_pa. corrupt: test only, a table to damage (NULL).
 */
int sc_part_firmware(struct sc_part *p, const char *corrupt);
/* INIT/SIPI and wait for UP. */
int sc_part_start(struct sc_part *p, unsigned timeout_ms);
/* Ring memory for ring id (inside mem). */
void *sc_part_ring(struct sc_part *p, enum sc_ring_id id);
/* Partition's own state, read once (it is written by the other CPU). */
uint32_t sc_part_state(const struct sc_part *p);
/* Stop the CPU and give it back to Linux; idempotent. */
int sc_part_stop(struct sc_part *p);
/* munmap and close. */
void sc_part_close(struct sc_part *p);

#endif
