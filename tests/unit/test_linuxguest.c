// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the Linux-guest loader's pure parts
 * (host/service/linuxguest/): the bzImage setup-header checks, the e820
 * builder and the zero page. A fake bzImage is built in memory with the
 * header fields Debian's 6.1 kernel has (protocol 2.15, 64-bit,
 * relocatable, 2 MiB alignment, init_size ~64 MiB); each test breaks one
 * thing. The file copy is malloc'd at its exact length, so a sanitizer
 * build catches a read past its end.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/abi.h>
#include <sparecore/bootinfo.h>

#include "args.h"
#include "bootparams.h"
#include "bzimage.h"
#include "guest_e820.h"
#include "identmap.h"
#include "klog.h"
#include "zeropage.h"
#include "unit.h"

#define SETUP_SECTS 27
#define FILE_LEN ((SETUP_SECTS + 1) * 512 + 0x10000)
#define INIT_SIZE 0x3f98000u

static uint8_t img[FILE_LEN];
static char err[256];

static void put16(unsigned off, uint16_t v)
{
	img[off] = (uint8_t)v;
	img[off + 1] = (uint8_t)(v >> 8);
}

static void fake_bzimage(void)
{
	memset(img, 0, sizeof(img));
	img[SC_BP_SETUP_SECTS] = SETUP_SECTS;
	put16(SC_BP_BOOT_FLAG, 0xaa55);
	img[SC_BP_JUMP] = 0xeb;
	img[SC_BP_JUMP + 1] = 0x6a; /* header ends at 0x26c, as in 6.1 */
	sc_bp_put32(img, SC_BP_HEADER, SC_BP_HDRS_MAGIC);
	put16(SC_BP_VERSION, 0x020f);
	img[SC_BP_LOADFLAGS] = SC_BP_LOADED_HIGH;
	sc_bp_put32(img, SC_BP_CODE32_START, 0x100000);
	sc_bp_put32(img, SC_BP_INITRD_ADDR_MAX, 0x7fffffff);
	sc_bp_put32(img, SC_BP_KERNEL_ALIGNMENT, 0x200000);
	img[SC_BP_RELOCATABLE] = 1;
	put16(SC_BP_XLOADFLAGS, 0x7f);
	sc_bp_put32(img, SC_BP_CMDLINE_SIZE, 2047);
	sc_bp_put64(img, SC_BP_PREF_ADDRESS, 0x1000000);
	sc_bp_put32(img, SC_BP_INIT_SIZE, INIT_SIZE);
	/* A byte past the header that must not reach the zero page. */
	img[0x26c] = 0x5a;
}

/* Parse a malloc'd copy of the first len bytes of img. */
static int parse(size_t len, struct sc_bzimage *bz)
{
	uint8_t *copy = malloc(len);
	int r;

	memcpy(copy, img, len);
	r = sc_bz_parse(copy, len, bz, err, sizeof(err));
	free(copy);
	return r;
}

static void refused(const char *what)
{
	struct sc_bzimage bz;

	CU_ASSERT_EQUAL(parse(FILE_LEN, &bz), -1);
	if (!strstr(err, what))
		fprintf(stderr, "\nexpected '%s' in: %s\n", what, err);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, what));
	CU_ASSERT_PTR_NULL(strchr(err, '\n'));
}

static void test_bz_good(void)
{
	struct sc_bzimage bz;

	fake_bzimage();
	CU_ASSERT_EQUAL_FATAL(sc_bz_parse(img, FILE_LEN, &bz, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(bz.version, 0x020f);
	CU_ASSERT_EQUAL(bz.hdr_end, 0x26c);
	CU_ASSERT_EQUAL(bz.kernel_off, (SETUP_SECTS + 1) * 512);
	CU_ASSERT_EQUAL(bz.kernel_len, 0x10000);
	CU_ASSERT_EQUAL(bz.init_size, INIT_SIZE);
	CU_ASSERT_EQUAL(bz.alignment, 0x200000);
	CU_ASSERT_EQUAL(bz.cmdline_size, 2047);
	CU_ASSERT_TRUE(bz.initrd_high_ok);
	/* 2 MiB firmware + 64 MiB init_size + 4 MiB initrd + 64 MiB to run */
	CU_ASSERT_EQUAL(sc_bz_mem_needed(&bz, 3u << 20), (2 + 64 + 4 + 64ull) << 20);
	/* setup_sects 0 means 4 */
	img[SC_BP_SETUP_SECTS] = 0;
	CU_ASSERT_EQUAL_FATAL(sc_bz_parse(img, FILE_LEN, &bz, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(bz.kernel_off, 5 * 512);
}

static void test_bz_bad(void)
{
	struct sc_bzimage bz;

	fake_bzimage();
	CU_ASSERT_EQUAL(parse(0x100, &bz), -1); /* shorter than a header */
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "not a Linux bzImage"));
	CU_ASSERT_EQUAL(parse(SC_BP_HDR_MIN_END - 1, &bz), -1);

	fake_bzimage(); put16(SC_BP_BOOT_FLAG, 0x55aa); refused("not a Linux bzImage");
	fake_bzimage(); img[SC_BP_HEADER] = 'X'; refused("not a Linux bzImage");
	fake_bzimage(); put16(SC_BP_VERSION, 0x020b); refused("2.11 is too old");
	fake_bzimage(); img[SC_BP_JUMP + 1] = 0x10; refused("bad length");
	fake_bzimage(); img[SC_BP_JUMP] = 0x90; refused("bad length");
	fake_bzimage(); put16(SC_BP_XLOADFLAGS, 0x7e); refused("32-bit kernel");
	fake_bzimage(); img[SC_BP_RELOCATABLE] = 0; refused("not relocatable");
	fake_bzimage(); img[SC_BP_LOADFLAGS] = 0; refused("zImage");
	fake_bzimage(); sc_bp_put32(img, SC_BP_KERNEL_ALIGNMENT, 0x300000); refused("alignment");
	fake_bzimage(); sc_bp_put32(img, SC_BP_KERNEL_ALIGNMENT, 0x400000); refused("alignment");
	fake_bzimage(); sc_bp_put32(img, SC_BP_KERNEL_ALIGNMENT, 0x800); refused("alignment");
	fake_bzimage(); img[SC_BP_SETUP_SECTS] = 200; refused("ends inside the setup");
	fake_bzimage(); sc_bp_put32(img, SC_BP_INIT_SIZE, 0x1000); refused("init_size");
	fake_bzimage(); sc_bp_put32(img, SC_BP_INIT_SIZE, 0x20000001); refused("init_size");
	fake_bzimage(); sc_bp_put32(img, SC_BP_CMDLINE_SIZE, 100); refused("command line");
}

static void test_e820(void)
{
	struct sc_lg_range r[8];
	struct sc_lg_e820 out[8];
	int n;

	/* Out of order, two RAM runs that touch, one that does not. */
	r[0] = (struct sc_lg_range){ 0x40400000, 0x200000, SC_E820_RAM };
	r[1] = (struct sc_lg_range){ 0x10000, 0x10000, SC_E820_RAM };
	r[2] = (struct sc_lg_range){ 0x40200000, 0x200000, SC_E820_RAM };
	r[3] = (struct sc_lg_range){ 0x40000000, 0x200000, SC_E820_RESERVED };
	r[4] = (struct sc_lg_range){ 0x50000000, 0x200000, SC_E820_RAM };
	n = sc_lg_e820_build(r, 5, out, 8, err, sizeof(err));
	CU_ASSERT_EQUAL_FATAL(n, 4);
	CU_ASSERT_EQUAL(out[0].addr, 0x10000);
	CU_ASSERT_EQUAL(out[0].type, SC_E820_RAM);
	CU_ASSERT_EQUAL(out[1].addr, 0x40000000);
	CU_ASSERT_EQUAL(out[1].type, SC_E820_RESERVED);
	CU_ASSERT_EQUAL(out[2].addr, 0x40200000);
	CU_ASSERT_EQUAL(out[2].size, 0x400000); /* merged */
	CU_ASSERT_EQUAL(out[3].addr, 0x50000000);

	/* Touching but of different types: not merged. */
	r[0] = (struct sc_lg_range){ 0x1000000, 0x1000, SC_E820_ACPI };
	r[1] = (struct sc_lg_range){ 0x1001000, 0x1000, SC_E820_RAM };
	CU_ASSERT_EQUAL(sc_lg_e820_build(r, 2, out, 8, err, sizeof(err)), 2);

	/* Overlap, misalignment, empty, unknown type, too many, too few. */
	r[0] = (struct sc_lg_range){ 0x1000000, 0x2000, SC_E820_RAM };
	r[1] = (struct sc_lg_range){ 0x1001000, 0x1000, SC_E820_RAM };
	CU_ASSERT_EQUAL(sc_lg_e820_build(r, 2, out, 8, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "overlap"));
	r[1] = (struct sc_lg_range){ 0x1002800, 0x1000, SC_E820_RAM };
	CU_ASSERT_EQUAL(sc_lg_e820_build(r, 2, out, 8, err, sizeof(err)), -1);
	r[1] = (struct sc_lg_range){ 0x1003000, 0, SC_E820_RAM };
	CU_ASSERT_EQUAL(sc_lg_e820_build(r, 2, out, 8, err, sizeof(err)), -1);
	r[1] = (struct sc_lg_range){ 0x1003000, 0x1000, 4 };
	CU_ASSERT_EQUAL(sc_lg_e820_build(r, 2, out, 8, err, sizeof(err)), -1);
	r[1] = (struct sc_lg_range){ 0xfffffffffffff000ull, 0x2000, SC_E820_RAM };
	CU_ASSERT_EQUAL(sc_lg_e820_build(r, 2, out, 8, err, sizeof(err)), -1);
	for (int i = 0; i < 4; i++)
		r[i] = (struct sc_lg_range){ 0x1000000 + i * 0x2000ull, 0x1000, SC_E820_RAM };
	CU_ASSERT_EQUAL(sc_lg_e820_build(r, 4, out, 3, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "more than 3"));
	r[0] = (struct sc_lg_range){ 0x1000000, 0x1000, SC_E820_RAM };
	r[1] = (struct sc_lg_range){ 0x1001000, 0x1000, SC_E820_RAM };
	CU_ASSERT_EQUAL(sc_lg_e820_build(r, 2, out, 8, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "ignore"));
}

/* A partition of 8 chunks, 1..7 adjacent from 512 MiB, chunk 0 apart. */
static void test_e820_partition(void)
{
	uint64_t chunks[8] = { 0x3fe00000 };
	struct sc_lg_range r[8 + 3];
	struct sc_lg_e820 out[16];
	unsigned n;
	int m;

	for (int i = 1; i < 8; i++)
		chunks[i] = 0x20000000 + (i - 1) * SC_CHUNK_SIZE;
	n = sc_lg_ranges(chunks, 8, 0x10000, 0x10000, r);
	CU_ASSERT_EQUAL(n, 8 + 3);
	m = sc_lg_e820_build(r, n, out, 16, err, sizeof(err));
	CU_ASSERT_EQUAL_FATAL(m, 5);
	CU_ASSERT_EQUAL(out[0].addr, 0x10000);
	CU_ASSERT_EQUAL(out[0].type, SC_E820_RAM);
	CU_ASSERT_EQUAL(out[1].addr, 0x20000000);
	CU_ASSERT_EQUAL(out[1].size, 7 * SC_CHUNK_SIZE);
	CU_ASSERT_EQUAL(out[1].type, SC_E820_RAM);
	CU_ASSERT_EQUAL(out[2].addr, 0x3fe00000);
	CU_ASSERT_EQUAL(out[2].size, SC_ACPI_PA);
	CU_ASSERT_EQUAL(out[2].type, SC_E820_RESERVED);
	CU_ASSERT_EQUAL(out[3].addr, 0x3fe00000 + SC_ACPI_PA);
	CU_ASSERT_EQUAL(out[3].type, SC_E820_ACPI);
	CU_ASSERT_EQUAL(out[4].addr + out[4].size, 0x40000000);
	CU_ASSERT_EQUAL(out[4].type, SC_E820_RESERVED);
}

static void test_zero_page(void)
{
	static uint8_t zp[SC_LG_ZERO_PAGE_SIZE];
	struct sc_lg_e820 map[2] = {
		{ 0x10000, 0x10000, SC_E820_RAM },
		{ 0x20000000, 0x4000000, SC_E820_RAM },
	};
	struct sc_lg_boot b = {
		.cmdline_pa = 0x123456789000ull, .initrd_pa = 0x1c0000000ull,
		.initrd_len = 0x345678, .rsdp_pa = 0x3fea0000,
		.e820 = map, .e820_count = 2,
	};
	struct sc_bzimage bz;

	fake_bzimage();
	CU_ASSERT_EQUAL_FATAL(sc_bz_parse(img, FILE_LEN, &bz, err, sizeof(err)), 0);
	memset(zp, 0xcc, sizeof(zp));
	CU_ASSERT_EQUAL_FATAL(sc_lg_zero_page(zp, &bz, &b, err, sizeof(err)), 0);
	/* The kernel's header, with the loader's fields set. */
	CU_ASSERT_EQUAL(sc_bp_get32(zp, SC_BP_HEADER), SC_BP_HDRS_MAGIC);
	CU_ASSERT_EQUAL(sc_bp_get32(zp, SC_BP_INIT_SIZE), INIT_SIZE);
	CU_ASSERT_EQUAL(zp[0x26c], 0); /* past the header: not copied */
	CU_ASSERT_EQUAL(zp[SC_BP_TYPE_OF_LOADER], 0xff);
	CU_ASSERT_EQUAL(zp[SC_BP_LOADFLAGS] & SC_BP_LOADED_HIGH, SC_BP_LOADED_HIGH);
	CU_ASSERT_EQUAL(zp[SC_BP_LOADFLAGS] & SC_BP_CAN_USE_HEAP, 0);
	CU_ASSERT_EQUAL(sc_bp_get32(zp, SC_BP_CMD_LINE_PTR), 0x56789000);
	CU_ASSERT_EQUAL(sc_bp_get32(zp, SC_BP_EXT_CMD_LINE_PTR), 0x1234);
	CU_ASSERT_EQUAL(sc_bp_get32(zp, SC_BP_RAMDISK_IMAGE), 0xc0000000);
	CU_ASSERT_EQUAL(sc_bp_get32(zp, SC_BP_EXT_RAMDISK_IMAGE), 1);
	CU_ASSERT_EQUAL(sc_bp_get32(zp, SC_BP_RAMDISK_SIZE), 0x345678);
	CU_ASSERT_EQUAL(sc_bp_get64(zp, SC_BP_ACPI_RSDP_ADDR), 0x3fea0000);
	CU_ASSERT_EQUAL(zp[SC_BP_E820_ENTRIES], 2);
	CU_ASSERT_EQUAL(sc_bp_get64(zp, SC_BP_E820_TABLE + 20), 0x20000000);
	CU_ASSERT_EQUAL(sc_bp_get64(zp, SC_BP_E820_TABLE + 28), 0x4000000);
	CU_ASSERT_EQUAL(sc_bp_get32(zp, SC_BP_E820_TABLE + 36), SC_E820_RAM);
	CU_ASSERT_EQUAL(zp[SC_BP_SENTINEL], 0);
	CU_ASSERT_EQUAL(zp[0], 0); /* screen_info: no VGA */
	CU_ASSERT_EQUAL(sc_bp_get64(zp, SC_BP_SETUP_DATA), 0);

	/* An initrd above 4 GiB for a kernel that cannot take it. */
	put16(SC_BP_XLOADFLAGS, 0x01);
	CU_ASSERT_EQUAL_FATAL(sc_bz_parse(img, FILE_LEN, &bz, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(sc_lg_zero_page(zp, &bz, &b, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "initrd"));
	b.initrd_pa = 0x7fd00000; /* ends past 0x7fffffff */
	CU_ASSERT_EQUAL(sc_lg_zero_page(zp, &bz, &b, err, sizeof(err)), -1);
	b.initrd_pa = 0x7f000000;
	CU_ASSERT_EQUAL(sc_lg_zero_page(zp, &bz, &b, err, sizeof(err)), 0);
	/* Never without our RSDP, never without a real map. */
	b.rsdp_pa = 0;
	CU_ASSERT_EQUAL(sc_lg_zero_page(zp, &bz, &b, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "host's"));
	b.rsdp_pa = 0x3fea0000;
	b.e820_count = 1;
	CU_ASSERT_EQUAL(sc_lg_zero_page(zp, &bz, &b, err, sizeof(err)), -1);
}

static void test_cmdline(void)
{
	char out[4096];

	CU_ASSERT_EQUAL(sc_lg_cmdline(out, sizeof(out), 2047, 2400000, 0x6a820000, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(strncmp(out, sc_lg_cmdline_base, strlen(sc_lg_cmdline_base)), 0);
	CU_ASSERT_STRING_EQUAL(out + strlen(sc_lg_cmdline_base), " tsc_early_khz=2400000 console=hvc0 sparecore_ring=0x6a820000");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "pci=off"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "nokaslr"));
	CU_ASSERT_EQUAL(sc_lg_cmdline(out, sizeof(out), 2047, 2400000, 0x1000, "quiet rdinit=/bin/sh",
				      err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "sparecore_ring=0x1000 quiet rdinit=/bin/sh"));
	/* The user's words come last, so they win where the kernel lets
	 * the last one win. */
	CU_ASSERT_EQUAL(strcmp(out + strlen(out) - strlen("rdinit=/bin/sh"),
			       "rdinit=/bin/sh"), 0);
	CU_ASSERT_EQUAL(sc_lg_cmdline(out, sizeof(out), 2047, 1, 0x1000, "a\nb", err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "control character"));
	/* Exactly the kernel's limit fits, one more does not. */
	{
		/* base + " tsc_early_khz=7 console=hvc0 sparecore_ring=0x1000" */
		size_t base = strlen(sc_lg_cmdline_base) + 51;
		char app[300];

		memset(app, 'x', sizeof(app));
		CU_ASSERT_EQUAL(sc_lg_cmdline(out, sizeof(out), (uint32_t)base, 7, 0x1000, NULL,
					      err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(sc_lg_cmdline(out, sizeof(out), (uint32_t)base - 1, 7, 0x1000, NULL,
					      err, sizeof(err)), -1);
		app[10] = 0;
		CU_ASSERT_EQUAL(sc_lg_cmdline(out, sizeof(out), (uint32_t)base + 11, 7, 0x1000, app,
					      err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(sc_lg_cmdline(out, sizeof(out), (uint32_t)base + 10, 7, 0x1000, app,
					      err, sizeof(err)), -1);
	}
}

/* A fake printk data ring: blocks of [8-byte id][text, padded to 8], ids
 * counting up, each text followed by what printk leaves there: its last
 * 2 bytes again (moved over the level prefix) and the newline. */
static size_t put_block(uint8_t *buf, size_t at, uint64_t id, const char *text)
{
	size_t n = strlen(text);

	memcpy(buf + at, &id, 8);
	memcpy(buf + at + 8, text, n);
	memcpy(buf + at + 8 + n, text + n - 2, 2);
	buf[at + 8 + n + 2] = '\n';
	return (at + 8 + n + 3 + 7) & ~(size_t)7;
}

static char klines[8][SC_LG_KLOG_LINE];
static unsigned nklines;

static void collect(void *ctx, const char *line)
{
	(void)ctx;
	if (nklines < 8)
		snprintf(klines[nklines++], SC_LG_KLOG_LINE, "%s", line);
}

static void test_klog(void)
{
	static uint8_t buf[8192];
	uint64_t id0 = 0x3fffffffffffe000ull;
	size_t at = 0x208;

	memset(buf, 0, sizeof(buf));
	/* The banner string alone, as in .rodata: no chain. */
	memcpy(buf + 0x80, "Linux version 6.1.0-57-amd64 (x)", 32);
	at = put_block(buf, at, id0, "Linux version 6.1.0-57-amd64 (x)");
	at = put_block(buf, at, id0 + 1, "Command line: a\tb");
	at = put_block(buf, at, id0 + 2, "bad \002 byte");
	/* A block whose id breaks the count ends the chain. */
	at = put_block(buf, at, id0 + 7, "not ours");
	nklines = 0;
	CU_ASSERT_EQUAL(sc_lg_klog(buf, sizeof(buf), "Linux version ", 10, collect, NULL), 3);
	CU_ASSERT_EQUAL_FATAL(nklines, 3);
	CU_ASSERT_STRING_EQUAL(klines[0], "Linux version 6.1.0-57-amd64 (x)");
	CU_ASSERT_STRING_EQUAL(klines[1], "Command line: a b");
	CU_ASSERT_STRING_EQUAL(klines[2], "bad ? byte");
	/* Only the tail when asked for fewer. */
	nklines = 0;
	CU_ASSERT_EQUAL(sc_lg_klog(buf, sizeof(buf), "Linux version ", 1, collect, NULL), 3);
	CU_ASSERT_EQUAL(nklines, 1);
	CU_ASSERT_STRING_EQUAL(klines[0], "bad ? byte");
	/* Nothing: no chain at all, or a buffer cut inside the first block. */
	nklines = 0;
	CU_ASSERT_EQUAL(sc_lg_klog(buf, 0x218, "Linux version ", 10, collect, NULL), 0);
	CU_ASSERT_EQUAL(sc_lg_klog(buf, 0x200, "Linux version ", 10, collect, NULL), 0);
	CU_ASSERT_EQUAL(nklines, 0);
	/* A last record with no end in the buffer stops at the buffer. */
	memset(buf, 'A', sizeof(buf));
	put_block(buf, 0, id0, "Linux version 6");
	put_block(buf, 32, id0 + 1, "ZZ");
	memset(buf + 40, 'A', sizeof(buf) - 40); /* its newline gone */
	nklines = 0;
	CU_ASSERT_EQUAL(sc_lg_klog(buf, sizeof(buf), "Linux version ", 10, collect, NULL), 2);
	/* a full line, less the "repeated pair" its AAAA end looks like */
	CU_ASSERT_EQUAL(strlen(klines[1]), SC_LG_KLOG_LINE - 3);
}

/* Identity maps into a fake chunk 0: every mapped page leads to itself,
 * 2 MiB pages where alignment allows, refusals where a mapping is in the
 * way or the pool runs out. */
static void test_identmap(void)
{
	uint8_t *c0 = aligned_alloc(4096, SC_CHUNK_SIZE);
	struct sc_lg_pt pt = {
		.chunk0 = c0, .chunk0_pa = 0x40000000, .pml4_off = 0x10000,
		.pool_off = 0x110000, .pool_end = 0x118000,
	};

	CU_ASSERT_PTR_NOT_NULL_FATAL(c0);
	memset(c0, 0, SC_CHUNK_SIZE);
	/* The run (2 MiB pages), a low block and page 0 (4 KiB). */
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 0x40000000, 0x1000000, SC_LG_MAP_RW,
					   err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 0x10000, 0x10000, SC_LG_MAP_RW,
					   err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 0, 0x1000, SC_LG_MAP_RO,
					   err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(sc_lg_walk(&pt, 0x40000000), 0x40000000);
	CU_ASSERT_EQUAL(sc_lg_walk(&pt, 0x40abc123), 0x40abc123);
	CU_ASSERT_EQUAL(sc_lg_walk(&pt, 0x40ffffff), 0x40ffffff);
	CU_ASSERT_EQUAL(sc_lg_walk(&pt, 0x41000000), ~0ull);
	CU_ASSERT_EQUAL(sc_lg_walk(&pt, 0x1fffc), 0x1fffc);
	CU_ASSERT_EQUAL(sc_lg_walk(&pt, 0x20000), ~0ull);
	CU_ASSERT_EQUAL(sc_lg_walk(&pt, 0x40e), 0x40e);
	CU_ASSERT_EQUAL(sc_lg_walk(&pt, 0x1000), ~0ull);
	/* Mapping the same again is fine; a different mapping is not. */
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 0, 0x1000, SC_LG_MAP_RO,
					   err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 0, 0x1000, SC_LG_MAP_RW,
					   err, sizeof(err)), -1);
	/* 4 KiB pages inside a 2 MiB page already mapped: refused. */
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 0x40001000, 0x1000, SC_LG_MAP_RW,
					   err, sizeof(err)), -1);
	/* Unaligned, wrapping, too high. */
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 0x123, 0x1000, 1, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 0xfffffffffffff000ull, 0x2000, 1,
					   err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 1ull << 46, 0x1000, 1, err, sizeof(err)), -1);
	/* The pool (8 pages) runs out: each new 512 GiB region needs two. */
	for (uint64_t r = 1; r < 8; r++)
		sc_lg_identity_map(&pt, r << 39, 0x200000, 1, err, sizeof(err));
	CU_ASSERT_TRUE(pt.pool_off <= pt.pool_end);
	CU_ASSERT_EQUAL(sc_lg_identity_map(&pt, 9ull << 39, 0x200000, 1, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "pool full"));
	free(c0);
}

/* run's Linux options: accepted together, refused apart. */
static int args(struct sc_args *a, const char *line)
{
	char buf[512], *argv[32];
	int argc = 0;

	snprintf(buf, sizeof(buf), "sparecore run --cpu 1 %s", line);
	for (char *t = strtok(buf, " "); t && argc < 31; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	return sc_parse_args(argc, argv, a, err, sizeof(err));
}

static void test_args(void)
{
	struct sc_args a;

	CU_ASSERT_EQUAL_FATAL(args(&a, "--kernel /k --initrd /i --append quiet"), 0);
	CU_ASSERT_STRING_EQUAL(a.kernel, "/k");
	CU_ASSERT_STRING_EQUAL(a.initrd, "/i");
	CU_ASSERT_STRING_EQUAL(a.append, "quiet");
	CU_ASSERT_EQUAL(args(&a, "--kernel=/k --linux-stop-at log:x"), 0);
	CU_ASSERT_STRING_EQUAL(a.lg_stop_at, "log:x");
	CU_ASSERT_EQUAL(args(&a, "--initrd /i"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--initrd needs --kernel"));
	CU_ASSERT_EQUAL(args(&a, "--append x"), -1);
	CU_ASSERT_EQUAL(args(&a, "--kernel /k /image.elf"), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "not both"));
	CU_ASSERT_EQUAL(args(&a, "--kernel /k --cmdline x"), -1);
	CU_ASSERT_EQUAL(args(&a, "--kernel"), -1);
	CU_ASSERT_EQUAL(args(&a, "--kernel /k --linux-stop-at log:"), -1);
	CU_ASSERT_EQUAL(args(&a, "--kernel /k --linux-stop-at never"), -1);
}

int sc_unit_register_linuxguest(void)
{
	CU_pSuite s = CU_add_suite("linuxguest", NULL, NULL);

	if (!s || !CU_add_test(s, "bzImage accepted", test_bz_good) ||
	    !CU_add_test(s, "bzImage refused", test_bz_bad) ||
	    !CU_add_test(s, "e820 builder", test_e820) ||
	    !CU_add_test(s, "e820 of a partition", test_e820_partition) ||
	    !CU_add_test(s, "zero page", test_zero_page) ||
	    !CU_add_test(s, "command line", test_cmdline) ||
	    !CU_add_test(s, "guest log reader", test_klog) ||
	    !CU_add_test(s, "identity maps", test_identmap) ||
	    !CU_add_test(s, "run's Linux options", test_args))
		return -1;
	return 0;
}
