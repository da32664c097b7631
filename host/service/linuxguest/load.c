// SPDX-License-Identifier: GPL-2.0
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sparecore/abi.h>
#include <sparecore/acpi.h>
#include <sparecore/console.h>

#include "acpi_build.h"
#include "pagetable.h"
#include "part.h"
#include "util.h"
#include "guest_e820.h"
#include "identmap.h"
#include "zeropage.h"

/* The shim (shim.S) and the quadwords the service fills in it. */
extern const uint8_t sc_lg_shim_start[], sc_lg_shim_end[], sc_lg_shim_gdt[],
	sc_lg_shim_cont[], sc_lg_shim_params[];
struct sc_lg_shim_params {
	uint64_t gdt_base;  /* identity address of its GDT */
	uint64_t stack;     /* identity address of its stack top */
	uint64_t cont;      /* identity address of its second half */
	uint64_t zero_page; /* %rsi for the kernel */
	uint64_t entry;     /* startup_64 */
};
_Static_assert(sizeof(struct sc_lg_shim_params) == 40, "shim params");
_Static_assert(__builtin_offsetof(struct sc_boot_info, state) == 512,
	       "shim.S writes boot info state at 512");
_Static_assert(SC_STATE_UP == 1, "shim.S writes 1");
_Static_assert(SC_LG_PT_POOL_END <= SC_CHUNK_SIZE, "chunk 0 holds the pool");
_Static_assert(SC_LG_ZERO_PAGE_OFF >= SC_IMAGE_PA, "past the ABI's areas");

#define SC_LG_FADT_APIC_PHYSICAL (1u << 19)

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* Whole file, at most max bytes. NULL after a one-line error. */
static uint8_t *read_file(const char *what, const char *path, size_t max,
			  size_t *len)
{
	struct stat st;
	uint8_t *buf;
	ssize_t r;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		sc_err("%s %s: %m", what, path);
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > max) {
		sc_err("%s %s: not a regular file of 1 byte to %zu MiB", what,
		       path, max >> 20);
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size);
	while (buf && got < (size_t)st.st_size &&
	       (r = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	close(fd);
	if (!buf || got != (size_t)st.st_size) {
		sc_err("%s %s: cannot read it", what, path);
		free(buf);
		return NULL;
	}
	*len = got;
	return buf;
}

int sc_lg_prepare(struct sc_lg_image *img, const char *kernel,
		  const char *initrd, const char *append, uint64_t mem)
{
	char err[256];
	uint64_t need;

	memset(img, 0, sizeof(*img));
	img->append = append;
	img->kernel = read_file("kernel", kernel, 256u << 20, &img->kernel_len);
	if (!img->kernel)
		return -1;
	if (sc_bz_parse(img->kernel, img->kernel_len, &img->bz, err, sizeof(err))) {
		sc_err("%s: %s", kernel, err);
		return -1;
	}
	if (initrd && !(img->initrd = read_file("initrd", initrd, 512u << 20,
						 &img->initrd_len)))
		return -1;
	need = sc_bz_mem_needed(&img->bz, img->initrd_len);
	if (mem < need) {
		sc_err("--mem %lluM is too small for %s%s: it needs at least %lluM (init_size %uM, initrd %zuM, %lluM to run)",
		       (unsigned long long)mem >> 20, kernel, initrd ? " and its initrd" : "",
		       (unsigned long long)need >> 20, img->bz.init_size >> 20,
		       img->initrd_len >> 20, SC_LG_RUN_MIN >> 20);
		return -1;
	}
	/* The TSC frequency comes with the CPU; until then the longest
	 * number stands in for it, so the length check holds. */
	if (sc_lg_cmdline(img->cmdline, sizeof(img->cmdline), img->bz.cmdline_size,
			  UINT32_MAX, UINT64_MAX, append, err, sizeof(err))) {
		sc_err("%s", err);
		return -1;
	}
	return 0;
}

void sc_lg_free(struct sc_lg_image *img)
{
	free(img->kernel);
	free(img->initrd);
	img->kernel = img->initrd = NULL;
}

/* Our ACPI tables hold partition-physical addresses; a Linux guest reads
 * them host-physical. Rebase the pointers and fix the checksums. */
static void acpi_rebase(uint8_t *mem, const struct sc_acpi_result *res,
			uint64_t base)
{
	struct sc_acpi_rsdp *rsdp = (void *)(mem + res->rsdp_pa);
	uint8_t *xsdt = mem + rsdp->xsdt_address, *fadt = NULL;
	uint32_t xlen = ((struct sc_acpi_header *)xsdt)->length;

	for (uint32_t off = SC_XSDT_ENTRIES; off + 8 <= xlen; off += 8) {
		uint64_t pa;

		memcpy(&pa, xsdt + off, 8);
		if (!memcmp(mem + pa, "FACP", 4))
			fadt = mem + pa;
		pa += base;
		memcpy(xsdt + off, &pa, 8);
	}
	if (fadt) {
		uint64_t dsdt;
		uint32_t flags;

		memcpy(&dsdt, fadt + SC_FADT_X_DSDT, 8);
		dsdt += base;
		memcpy(fadt + SC_FADT_X_DSDT, &dsdt, 8);
		/* FORCE_APIC_PHYSICAL_DESTINATION_MODE: in xAPIC mode Linux
		 * would otherwise give its CPU logical ID 1 (flat mode), the
		 * host CPU 0's own, and receive every host interrupt and IPI
		 * sent to that logical destination (seen in the lab: "No irq
		 * handler for vector"). Physical flat leaves the LDR at 0. */
		memcpy(&flags, fadt + SC_FADT_FLAGS, 4);
		flags |= SC_LG_FADT_APIC_PHYSICAL;
		memcpy(fadt + SC_FADT_FLAGS, &flags, 4);
		sc_acpi_fix_checksum(fadt);
	}
	rsdp->xsdt_address += base;
	sc_acpi_fix_checksum(xsdt);
	sc_acpi_fix_rsdp((uint8_t *)rsdp);
}

/*
 * A decoy IOAPIC in the MADT, so the guest never takes the host's from the
 * firmware's MP table: default_get_smp_config() ignores the MP table once
 * ACPI gave both a local APIC and an IOAPIC (acpi_ioapic), and
 * mp_register_ioapic() drops an IOAPIC whose registers all read ones
 * (bad_ioapic_register). So the entry names a page of ours filled with
 * 0xff: the guest writes its index register there and reads ones back.
 * The MADT is copied past the last table, the entry appended, the XSDT
 * pointed at the copy. Partition-physical addresses (rebased later).
 */
static int madt_decoy(uint8_t *mem, const struct sc_acpi_result *res,
		      uint64_t decoy_pa)
{
	const struct sc_acpi_table *madt = NULL;
	struct sc_acpi_rsdp *rsdp = (void *)(mem + res->rsdp_pa);
	uint8_t *xsdt = mem + rsdp->xsdt_address, *t;
	uint32_t xlen = ((struct sc_acpi_header *)xsdt)->length, len, addr;
	uint64_t end = 0, copy;

	for (unsigned i = 0; i < res->count; i++) {
		if (!strcmp(res->t[i].sig, "APIC"))
			madt = &res->t[i];
		if (res->t[i].pa + res->t[i].len > end)
			end = res->t[i].pa + res->t[i].len;
	}
	copy = align_up(end, 16);
	if (!madt || decoy_pa >> 32 ||
	    copy + madt->len + 12 > SC_ACPI_PA + SC_ACPI_SIZE)
		return -1;
	t = mem + copy;
	memcpy(t, mem + madt->pa, madt->len);
	len = madt->len;
	addr = (uint32_t)decoy_pa;
	t[len] = SC_MADT_IOAPIC;
	t[len + 1] = 12;
	t[len + 2] = 0;		/* IOAPIC ID */
	t[len + 3] = 0;
	memcpy(t + len + 4, &addr, 4);
	memset(t + len + 8, 0, 4);	/* GSI base */
	len += 12;
	memcpy(t + 4, &len, 4);		/* header length */
	sc_acpi_fix_checksum(t);
	for (uint32_t off = SC_XSDT_ENTRIES; off + 8 <= xlen; off += 8) {
		uint64_t pa;

		memcpy(&pa, xsdt + off, 8);
		if (pa == madt->pa)
			memcpy(xsdt + off, &copy, 8);
	}
	sc_acpi_fix_checksum(xsdt);
	return 0;
}

static void boot_info(struct sc_part *p)
{
	struct sc_boot_info *bi = p->bi;

	memset(bi, 0, sizeof(*bi));
	bi->magic = SC_MAGIC;
	bi->version = SC_BOOT_VERSION;
	bi->size = sizeof(*bi);
	bi->mem_size = p->mem_size;
	bi->virt_base = SC_VIRT_BASE;
	bi->image_end = SC_IMAGE_PA;
	bi->cpu = p->info.cpu;
	bi->apic_id = p->info.apic_id;
	bi->apic_mode = p->info.apic_mode;
	bi->tsc_khz = p->info.tsc_khz;
	bi->host_apic_id = p->info.host_apic_id;
	bi->host_vector = p->info.host_vector;
	bi->part_vector = SC_PART_DOORBELL_VECTOR;
	bi->devices = SC_DEV_CONSOLE;
	bi->ring_order[SC_RING_CONS_OUT] = SC_CONS_RING_ORDER;
	bi->ring_order[SC_RING_CONS_IN] = SC_CONS_RING_ORDER;
	bi->state = SC_STATE_BOOTING;
}

int sc_lg_load(struct sc_part *p, struct sc_lg_image *img,
	       const struct sc_ioc_lowmem *low)
{
	const uint64_t c0 = p->chunks[0], n = p->info.nr_chunks;
	struct sc_pt_input ptin = {
		.mem_size = p->mem_size, .chunks = p->chunks, .nr_chunks = (uint32_t)n,
		.tramp_pa = p->info.tramp_pa, .apic_base = p->info.apic_base,
		.map_apic = p->info.apic_mode == SC_APIC_XAPIC,
	};
	struct sc_lg_pt pt = {
		.chunk0 = p->mem, .chunk0_pa = c0, .pml4_off = SC_PT_PA,
		.pool_off = SC_LG_PT_POOL_OFF, .pool_end = SC_LG_PT_POOL_END,
	};
	struct sc_lg_range ranges[SC_MAX_CHUNKS + 3];
	struct sc_lg_e820 map[SC_LG_E820_MAX];
	struct sc_lg_shim_params sp;
	struct sc_acpi_config cfg;
	struct sc_acpi_result res;
	struct sc_lg_boot b = { 0 };
	uint64_t kend, ioff = 0;
	char err[256];
	int cnt;

	/* What the module promised for SC_CREATE_LINUX; checked, since
	 * everything below relies on it. */
	for (uint64_t i = 0; i < n; i++)
		if (p->chunks[i] != c0 + i * SC_CHUNK_SIZE) {
			sc_err("partition memory is not contiguous (chunk %llu at 0x%llx)",
			       (unsigned long long)i, (unsigned long long)p->chunks[i]);
			return -1;
		}
	if (c0 + SC_CHUNK_SIZE < SC_LINUX_MEM_FLOOR ||
	    c0 + p->mem_size > SC_LINUX_MEM_CEIL ||
	    (c0 + SC_CHUNK_SIZE) % img->bz.alignment) {
		sc_err("partition memory at 0x%llx cannot hold a kernel (16 MiB to 4 GiB, aligned to 0x%x)",
		       (unsigned long long)c0, img->bz.alignment);
		return -1;
	}
	if (low->size < 8 * 4096 || low->pa + low->size > 0x9f000 || (low->pa & 0xfff)) {
		sc_err("module's low memory block 0x%llx+0x%llx is unusable",
		       (unsigned long long)low->pa, (unsigned long long)low->size);
		return -1;
	}
	boot_info(p);
	sc_ring_init(sc_part_ring(p, SC_RING_CONS_OUT), SC_CONS_RING_ORDER);
	sc_ring_init(sc_part_ring(p, SC_RING_CONS_IN), SC_CONS_RING_ORDER);
	p->bi->pt_root = sc_pt_build(p->mem, &ptin);
	if (!p->bi->pt_root) {
		sc_err("cannot build page tables");
		return -1;
	}
	/* Identity maps: all guest memory (kernel, zero page, command line,
	 * shim, its stack and GDT), its low block, and page 0 read-only (the
	 * decompressor reads the BIOS data area there). */
	if (sc_lg_identity_map(&pt, c0, p->mem_size, SC_LG_MAP_RW, err, sizeof(err)) ||
	    sc_lg_identity_map(&pt, low->pa, low->size, SC_LG_MAP_RW, err, sizeof(err)) ||
	    sc_lg_identity_map(&pt, 0, 4096, SC_LG_MAP_RO, err, sizeof(err))) {
		sc_err("%s", err);
		return -1;
	}

	sc_acpi_config_from_boot_info(&cfg, p->bi, p->info.apic_id,
				      (uint32_t)p->info.apic_base);
	if (sc_acpi_build(p->mem, p->mem_size, &cfg, &res, err, sizeof(err))) {
		sc_err("ACPI tables: %s", err);
		return -1;
	}
	memset(p->mem + SC_LG_DECOY_OFF, 0xff, 4096);
	if (madt_decoy(p->mem, &res, c0 + SC_LG_DECOY_OFF)) {
		sc_err("ACPI tables: no room for the MADT's IOAPIC entry (a build problem)");
		return -1;
	}
	acpi_rebase(p->mem, &res, c0);
	p->bi->rsdp_pa = res.rsdp_pa;

	/* The kernel at the first chunk after chunk 0, the initrd at the top. */
	img->load_pa = c0 + SC_CHUNK_SIZE;
	kend = SC_CHUNK_SIZE + align_up(img->bz.init_size, SC_CHUNK_SIZE);
	memcpy(p->mem + SC_CHUNK_SIZE, img->kernel + img->bz.kernel_off,
	       img->bz.kernel_len);
	if (img->initrd) {
		ioff = (p->mem_size - img->initrd_len) & ~0xfffull;
		if (ioff < kend) {
			sc_err("no room for the initrd above the kernel (a sizing bug)");
			return -1;
		}
		memcpy(p->mem + ioff, img->initrd, img->initrd_len);
		b.initrd_pa = c0 + ioff;
		b.initrd_len = img->initrd_len;
	}

	cnt = sc_lg_e820_build(ranges, sc_lg_ranges(p->chunks, (unsigned)n, low->pa,
						      low->size, ranges),
			       map, SC_LG_E820_MAX, err, sizeof(err));
	if (cnt < 0) {
		sc_err("e820: %s", err);
		return -1;
	}
	if (sc_lg_cmdline(img->cmdline, sizeof(img->cmdline), img->bz.cmdline_size,
			  p->info.tsc_khz, c0 + SC_RING_AREA_PA, img->append,
			  err, sizeof(err))) {
		sc_err("%s", err);
		return -1;
	}
	memcpy(p->mem + SC_LG_CMDLINE_OFF, img->cmdline, strlen(img->cmdline) + 1);
	b.cmdline_pa = c0 + SC_LG_CMDLINE_OFF;
	b.rsdp_pa = c0 + res.rsdp_pa;
	b.e820 = map;
	b.e820_count = (unsigned)cnt;
	if (sc_lg_zero_page(p->mem + SC_LG_ZERO_PAGE_OFF, &img->bz, &b, err, sizeof(err))) {
		sc_err("zero page: %s", err);
		return -1;
	}

	memcpy(p->mem + SC_LG_SHIM_OFF, sc_lg_shim_start,
	       (size_t)(sc_lg_shim_end - sc_lg_shim_start));
	sp = (struct sc_lg_shim_params){
		.gdt_base = c0 + SC_LG_SHIM_OFF + (uint64_t)(sc_lg_shim_gdt - sc_lg_shim_start),
		.stack = c0 + SC_LG_STACK_TOP,
		.cont = c0 + SC_LG_SHIM_OFF + (uint64_t)(sc_lg_shim_cont - sc_lg_shim_start),
		.zero_page = c0 + SC_LG_ZERO_PAGE_OFF,
		.entry = img->load_pa + SC_BP_ENTRY64_OFFSET,
	};
	memcpy(p->mem + SC_LG_SHIM_OFF + (sc_lg_shim_params - sc_lg_shim_start),
	       &sp, sizeof(sp));
	/* The trampoline jumps to the shim through the high mapping. */
	p->entry_va = SC_VIRT_BASE + SC_LG_SHIM_OFF;
	sc_step("Linux: kernel at 0x%llx (init_size 0x%x), initrd at 0x%llx (%zu bytes), zero page at 0x%llx, %d e820 entries, RSDP at 0x%llx",
		(unsigned long long)img->load_pa, img->bz.init_size,
		(unsigned long long)b.initrd_pa, img->initrd_len,
		(unsigned long long)(c0 + SC_LG_ZERO_PAGE_OFF), cnt,
		(unsigned long long)b.rsdp_pa);
	return 0;
}
