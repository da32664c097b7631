// SPDX-License-Identifier: GPL-2.0
#include "part.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <sparecore/compiler.h>
#include <sparecore/console.h>
#include <sparecore/linux_guest.h>
#include <sparecore/devices.h>

#include "acpi_build.h"
#include "dev.h"
#include "e820.h"
#include "pagetable.h"
#include "util.h"

int sc_part_create(struct sc_part *p, int fd, unsigned cpu, uint64_t mem)
{
	return sc_part_create_flags(p, fd, cpu, mem, 0);
}

int sc_part_create_flags(struct sc_part *p, int fd, unsigned cpu,
			 uint64_t mem, uint32_t flags)
{
	struct sc_ioc_chunks ch = { 0 };
	char msg[256];

	memset(p, 0, sizeof(*p));
	p->fd = fd;
	p->mem_size = mem;
	p->info.cpu = cpu;
	p->info.mem_size = mem;
	p->info.flags = flags;
	sc_step("taking CPU %u, %llu MiB", cpu, (unsigned long long)mem >> 20);
	if (ioctl(fd, SC_IOC_CREATE, &p->info)) {
		if ((flags & SC_CREATE_LINUX) && errno == ENOMEM)
			sc_err("cannot get %llu MiB of physically contiguous memory between 16 MiB and 4 GiB for a Linux guest; try a smaller --mem",
			       (unsigned long long)mem >> 20);
		else
			sc_err("%s", sc_dev_create_error(errno, cpu, mem, msg, sizeof(msg)));
		return -1;
	}
	p->created = 1;
	ch.addrs = (uint64_t)(uintptr_t)p->chunks;
	ch.count = SC_MAX_CHUNKS;
	if (p->info.nr_chunks != mem / SC_CHUNK_SIZE ||
	    ioctl(fd, SC_IOC_CHUNKS, &ch)) {
		sc_err("module returned an inconsistent chunk table: %m");
		return -1;
	}
	p->mem = mmap(NULL, mem, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p->mem == MAP_FAILED) {
		p->mem = NULL;
		sc_err("cannot map partition memory: %m");
		return -1;
	}
	p->bi = (struct sc_boot_info *)(p->mem + SC_BOOTINFO_PA);
	sc_step("CPU %u taken (APIC ID %u, %s), doorbell vector 0x%x",
		cpu, p->info.apic_id,
		p->info.apic_mode == SC_APIC_X2APIC ? "x2APIC" : "xAPIC",
		p->info.host_vector);
	return 0;
}

void *sc_part_ring(struct sc_part *p, enum sc_ring_id id)
{
	return p->mem + SC_RING_AREA_PA + (uint64_t)id * SC_RING_AREA_SIZE;
}

int sc_part_setup(struct sc_part *p, struct sc_image *img, const char *cmdline)
{
	struct sc_pt_input pt = {
		.mem_size = p->mem_size,
		.chunks = p->chunks,
		.nr_chunks = p->info.nr_chunks,
		.tramp_pa = p->info.tramp_pa,
		.apic_base = p->info.apic_base,
		.map_apic = p->info.apic_mode == SC_APIC_XAPIC,
	};
	struct sc_boot_info *bi = p->bi;
	char err[256];

	if (sc_image_load(img, p->mem, p->mem_size, err, sizeof(err))) {
		sc_err("%s", err);
		return -1;
	}
	memset(bi, 0, sizeof(*bi));
	bi->magic = SC_MAGIC;
	bi->version = SC_BOOT_VERSION;
	bi->size = sizeof(*bi);
	bi->mem_size = p->mem_size;
	bi->virt_base = SC_VIRT_BASE;
	bi->image_end = img->end_pa;
	bi->cpu = p->info.cpu;
	bi->apic_id = p->info.apic_id;
	bi->apic_mode = p->info.apic_mode;
	bi->tsc_khz = p->info.tsc_khz;
	bi->host_apic_id = p->info.host_apic_id;
	bi->host_vector = p->info.host_vector;
	bi->part_vector = SC_PART_DOORBELL_VECTOR;
	bi->devices = 0;
	sc_device_announce(bi, SC_DEV_CONSOLE);
	snprintf(bi->cmdline, sizeof(bi->cmdline), "%s", cmdline ? cmdline : "");
	sc_ring_init(sc_part_ring(p, SC_RING_CONS_OUT), SC_CONS_RING_ORDER);
	sc_ring_init(sc_part_ring(p, SC_RING_CONS_IN), SC_CONS_RING_ORDER);
	bi->pt_root = sc_pt_build(p->mem, &pt);
	if (!bi->pt_root) {
		sc_err("cannot build page tables (chunk 0 at 0x%llx must be below 4 GiB)",
		       (unsigned long long)p->chunks[0]);
		return -1;
	}
	bi->state = SC_STATE_BOOTING;
	p->entry_va = img->entry_va;
	return 0;
}

int sc_part_firmware(struct sc_part *p, const char *corrupt)
{
	struct sc_boot_info *bi = p->bi;
	struct sc_acpi_config cfg;
	struct sc_acpi_result res;
	char err[256];

	if (sc_e820_build(bi)) {
		sc_err("image end 0x%llx does not fit partition memory",
		       (unsigned long long)bi->image_end);
		return -1;
	}
	sc_acpi_config_from_boot_info(&cfg, bi, p->info.apic_id,
				      (uint32_t)p->info.apic_base);
	cfg.corrupt = corrupt;
	if (sc_acpi_build(p->mem, p->mem_size, &cfg, &res, err, sizeof(err))) {
		sc_err("ACPI tables: %s", err);
		return -1;
	}
	bi->rsdp_pa = res.rsdp_pa;
	sc_step("ACPI tables at 0x%llx (devices 0x%x, APIC ID %u)%s%s",
		(unsigned long long)res.rsdp_pa, cfg.devices, cfg.apic_id,
		corrupt ? ", corrupted on purpose: " : "", corrupt ? corrupt : "");
	return 0;
}

int sc_part_start(struct sc_part *p, unsigned timeout_ms)
{
	struct sc_ioc_start st = {
		.entry_va = p->entry_va,
		/* The partition moves to its own stack at once; this one only
		 * has to be mapped memory that nothing else uses yet. */
		.stack_va = SC_VIRT_BASE + SC_IMAGE_PA,
		.bootinfo_va = SC_VIRT_BASE + SC_BOOTINFO_PA,
		.pt_root = p->bi->pt_root,
		.timeout_ms = timeout_ms,
	};

	sc_step("starting CPU %u (INIT/SIPI)", p->info.cpu);
	if (ioctl(p->fd, SC_IOC_START, &st)) {
		if (errno == ETIMEDOUT)
			sc_err("partition on CPU %u did not come up in time; CPU returned to Linux (see dmesg)",
			       p->info.cpu);
		else
			sc_err("cannot start the partition on CPU %u: %m", p->info.cpu);
		return -1;
	}
	p->started = 1;
	sc_step("partition up");
	return 0;
}

uint32_t sc_part_state(const struct sc_part *p)
{
	return LOAD_ACQ(&p->bi->state);
}

int sc_part_stop(struct sc_part *p)
{
	if (p->fd < 0 || !p->created || p->stopped)
		return 0;
	sc_step("stopping CPU %u", p->info.cpu);
	if (ioctl(p->fd, SC_IOC_STOP)) {
		sc_err("stopping the partition on CPU %u failed: %m", p->info.cpu);
		return -1;
	}
	p->stopped = 1;
	sc_step("CPU %u back to Linux", p->info.cpu);
	return 0;
}

void sc_part_close(struct sc_part *p)
{
	if (p->mem)
		munmap(p->mem, p->mem_size);
	p->mem = NULL;
	p->bi = NULL;
	/* Closing the fd stops the partition too if nothing else did. */
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}
