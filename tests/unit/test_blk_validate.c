// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the disk request checks (host/service/devices/blk_validate.c):
 * good requests of every kind pass with the right numbers, and hostile ones
 * (out-of-range sectors, buffers outside memory, overflowing lengths,
 * unknown opcodes, malformed tables) get the right error status.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/abi.h>
#include <sparecore/compiler.h>

#include "blk_validate.h"
#include "unit.h"

#define LO SC_IMAGE_PA /* lowest address a buffer may name (dev_buf.h) */
#define MEM_SIZE (LO + (1u << 20)) /* fake partition memory */
#define SECTORS 2048u        /* a 1 MiB disk */

static uint8_t *mem;
static struct sc_blk_io io;
static struct sc_blk_limits lim;

static void reset_limits(void)
{
	memset(&lim, 0, sizeof(lim));
	lim.sectors = SECTORS;
	lim.block_size = 512;
	lim.max_bytes = 1u << 20;
	lim.max_segs = SC_BLK_MAX_SEGS;
	lim.discard = true;
}

static int setup(void)
{
	mem = calloc(1, MEM_SIZE);
	reset_limits();
	return mem ? 0 : -1;
}

static int teardown(void)
{
	free(mem);
	return 0;
}

/* A slot holding request r, as the consumer's copy would be. */
static struct sc_slot slot_of(const struct sc_blk_req *r)
{
	struct sc_slot s;

	memset(&s, 0, sizeof(s));
	s.seq = 1;
	s.type = SC_BLK_MSG_REQ;
	s.len = sizeof(*r);
	memcpy(s.data, r, sizeof(*r));
	return s;
}

static uint32_t check_mem(const struct sc_blk_req *r, uint64_t mem_size)
{
	struct sc_slot s = slot_of(r);
	const char *why = NULL;
	uint32_t st;

	memset(&io, 0xa5, sizeof(io));
	st = sc_blk_validate(&lim, &s, mem, mem_size, &io, &why);
	CU_ASSERT_PTR_NOT_NULL(why);
	CU_ASSERT_EQUAL(io.tag, r->tag); /* echoed whatever happens */
	return st;
}

static uint32_t check(const struct sc_blk_req *r)
{
	return check_mem(r, MEM_SIZE);
}

/* A one-segment read of n bytes at sector, buffer at addr. */
static struct sc_blk_req rd(uint64_t sector, uint32_t n, uint64_t addr)
{
	struct sc_blk_req r;

	memset(&r, 0, sizeof(r));
	r.tag = 42;
	r.op = SC_BLK_OP_READ;
	r.sector = sector;
	r.bytes = n;
	r.nseg = 1;
	r.seg[0].addr = addr;
	r.seg[0].len = n;
	return r;
}

/* ---------------------------------------------------------------- good */

static void test_good_rw(void)
{
	struct sc_blk_req r = rd(8, 4096, LO + 0x2000);

	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	CU_ASSERT_EQUAL(io.op, SC_BLK_OP_READ);
	CU_ASSERT_EQUAL(io.offset, 8 * 512);
	CU_ASSERT_EQUAL(io.bytes, 4096);
	CU_ASSERT_EQUAL(io.nseg, 1);
	CU_ASSERT_EQUAL(io.seg[0].addr, LO + 0x2000);

	/* Two inline segments, last sector of the disk, end of memory. */
	r = rd(SECTORS - 2, 1024, MEM_SIZE - 512);
	r.op = SC_BLK_OP_WRITE;
	r.nseg = 2;
	r.seg[0].len = 512;
	r.seg[1].addr = LO;
	r.seg[1].len = 512;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	CU_ASSERT_EQUAL(io.op, SC_BLK_OP_WRITE);
	CU_ASSERT_EQUAL(io.nseg, 2);
	CU_ASSERT_EQUAL(io.offset, (SECTORS - 2) * 512ull);

	/* A whole-disk read into the whole of memory. */
	r = rd(0, MEM_SIZE - LO, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
}

static void test_good_indirect(void)
{
	struct sc_blk_seg *t = (struct sc_blk_seg *)(mem + LO + 0x1000);
	struct sc_blk_req r = rd(0, 256 * 512, LO + 0x1000);

	for (unsigned i = 0; i < 256; i++) {
		t[i].addr = LO + 0x10000 + (255 - i) * 512ull;
		t[i].len = 512;
		t[i].pad = 0;
	}
	r.flags = SC_BLK_REQ_INDIRECT;
	r.nseg = 256;
	r.seg[0].len = 256 * sizeof(struct sc_blk_seg);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	CU_ASSERT_EQUAL(io.nseg, 256);
	CU_ASSERT_EQUAL(io.seg[0].addr, LO + 0x10000 + 255 * 512ull);
	/* The result is a copy: the partition changing the table after the
	 * check changes nothing we use. */
	t[0].addr = ~0ull;
	CU_ASSERT_EQUAL(io.seg[0].addr, LO + 0x10000 + 255 * 512ull);
	memset(t, 0, 4096);
}

static void test_good_other_ops(void)
{
	struct sc_blk_req r;

	memset(&r, 0, sizeof(r));
	r.op = SC_BLK_OP_FLUSH;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	r.op = SC_BLK_OP_GET_INFO;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	r.op = SC_BLK_OP_DISCARD;
	r.sector = 16;
	r.bytes = 8192;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	CU_ASSERT_EQUAL(io.offset, 16 * 512);
	CU_ASSERT_EQUAL(io.bytes, 8192);
}

/* ---------------------------------------------------------------- bad */

static void test_bad_message(void)
{
	struct sc_blk_req r = rd(0, 512, LO);
	struct sc_slot s = slot_of(&r);
	const char *why;

	s.type = SC_BLK_MSG_CPL;
	CU_ASSERT_EQUAL(sc_blk_validate(&lim, &s, mem, MEM_SIZE, &io, &why),
			SC_BLK_S_BADREQ);
	s = slot_of(&r);
	s.len = SC_SLOT_PAYLOAD - 1;
	CU_ASSERT_EQUAL(sc_blk_validate(&lim, &s, mem, MEM_SIZE, &io, &why),
			SC_BLK_S_BADREQ);
	s.len = 0xffff;
	CU_ASSERT_EQUAL(sc_blk_validate(&lim, &s, mem, MEM_SIZE, &io, &why),
			SC_BLK_S_BADREQ);
	r.reserved = 1;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
}

static void test_unknown_opcode(void)
{
	static const uint8_t ops[] = { 0, 6, 7, 99, 255 };
	struct sc_blk_req r = rd(0, 512, LO);

	for (unsigned i = 0; i < sizeof(ops); i++) {
		r.op = ops[i];
		CU_ASSERT_EQUAL(check(&r), SC_BLK_S_UNSUPP);
	}
	r = rd(0, 512, LO);
	r.flags = 0x80;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
}

static void test_out_of_range(void)
{
	struct sc_blk_req r = rd(SECTORS, 512, LO);

	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RANGE);
	r = rd(SECTORS - 1, 1024, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RANGE);
	r = rd(UINT64_MAX, 512, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RANGE);
	/* sector << 9 wraps to 0: must still be out of range. */
	r = rd(1ull << 55, 512, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RANGE);
	r = rd(UINT64_MAX - 1, 1024, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RANGE);
	/* Discard too. */
	memset(&r, 0, sizeof(r));
	r.op = SC_BLK_OP_DISCARD;
	r.sector = SECTORS - 1;
	r.bytes = 1024;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RANGE);
	r.sector = UINT64_MAX;
	r.bytes = 512;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RANGE);
}

static void test_lengths(void)
{
	struct sc_blk_req r = rd(0, 0, LO);

	r.seg[0].len = 512;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ); /* zero length */
	r = rd(0, 100, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ); /* not whole sectors */
	lim.max_bytes = 4096;
	r = rd(0, 8192, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ); /* over max_bytes */
	reset_limits();
	r = rd(0, 1024, LO);
	r.seg[0].len = 512; /* segments do not add up */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	/* Two segments whose 32-bit sum wraps to the request length. */
	r = rd(0, 1024, LO);
	r.nseg = 2;
	r.seg[1].addr = LO;
	r.seg[0].len = 0x80000000u;
	r.seg[1].len = 0x80000400u;
	CU_ASSERT_EQUAL(check_mem(&r, 1ull << 40), SC_BLK_S_BADREQ);
	r.seg[0].len = 0xfffffe00u;
	r.seg[1].len = 0x600u;
	CU_ASSERT_EQUAL(check_mem(&r, 1ull << 40), SC_BLK_S_BADREQ);
}

static void test_block_size(void)
{
	struct sc_blk_req r;

	lim.block_size = 4096;
	r = rd(0, 512, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r = rd(1, 4096, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r = rd(8, 4096, LO);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	reset_limits();
}

static void test_buffers_outside_memory(void)
{
	struct sc_blk_req r = rd(0, 512, MEM_SIZE);

	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	r = rd(0, 1024, MEM_SIZE - 512);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	/* addr + len wraps past 2^64 back into memory. */
	r = rd(0, 1024, UINT64_MAX - 511);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	r = rd(0, 1024, 0ull - 512);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	/* The second segment is the bad one. */
	r = rd(0, 1024, LO);
	r.nseg = 2;
	r.seg[0].len = 512;
	r.seg[1].addr = 1ull << 40;
	r.seg[1].len = 512;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	/* No memory at all. */
	r = rd(0, 512, LO);
	CU_ASSERT_EQUAL(check_mem(&r, 0), SC_BLK_S_BADADDR);
}

/* The device buffer rule (dev_buf.h): nothing below SC_IMAGE_PA, where the
 * boot info, page tables, rings and ACPI tables are. */
static void test_buffers_in_the_boot_area(void)
{
	struct sc_blk_seg *t = (struct sc_blk_seg *)(mem + LO + 0x1000);
	const uint64_t low[] = { 0, SC_BOOTINFO_PA, SC_PT_PA, SC_RING_AREA_PA,
				 SC_ACPI_PA, SC_BENCH_AREA_PA, LO - 512 };
	struct sc_blk_req r;

	for (size_t i = 0; i < ARRAY_SIZE(low); i++) {
		r = rd(0, 512, low[i]);
		CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	}
	r = rd(0, 1024, LO - 512); /* across the boundary */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	r = rd(0, 512, LO); /* the first byte allowed */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	/* An indirect table in the ring area, then a good table naming the
	 * boot info. */
	r = rd(0, 512, SC_RING_AREA_PA);
	r.flags = SC_BLK_REQ_INDIRECT;
	r.seg[0].len = sizeof(struct sc_blk_seg);
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	t[0].addr = SC_BOOTINFO_PA;
	t[0].len = 512;
	t[0].pad = 0;
	r.seg[0].addr = LO + 0x1000;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	t[0].addr = LO + 0x4000;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	memset(t, 0, sizeof(*t));
}

static void test_segments(void)
{
	struct sc_blk_req r = rd(0, 512, LO + 0x1001);

	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ); /* unaligned address */
	r = rd(0, 1024, LO);
	r.nseg = 2;
	r.seg[0].len = 768;
	r.seg[1].addr = LO + 0x1000;
	r.seg[1].len = 256;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ); /* unaligned length */
	r = rd(0, 512, LO);
	r.seg[0].pad = 1;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r = rd(0, 512, LO);
	r.nseg = 0;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.nseg = 3;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.nseg = 0xffff;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r = rd(0, 512, LO);
	r.seg[1].addr = LO + 0x1000; /* unused segment not zero */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r = rd(0, 1024, LO);
	r.nseg = 2;
	r.seg[0].len = 1024; /* an empty second segment */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
}

static void test_indirect_bad(void)
{
	struct sc_blk_seg *t = (struct sc_blk_seg *)(mem + LO + 0x1000);
	struct sc_blk_req r = rd(0, 1024, LO + 0x1000);

	t[0].addr = LO + 0x4000;
	t[0].len = 512;
	t[1].addr = LO + 0x8000;
	t[1].len = 512;
	r.flags = SC_BLK_REQ_INDIRECT;
	r.nseg = 2;
	r.seg[0].len = 32;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);

	r.nseg = 0;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.nseg = SC_BLK_MAX_SEGS + 1;
	r.seg[0].len = (SC_BLK_MAX_SEGS + 1) * 16;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.nseg = 0xffff;
	r.seg[0].len = 0xffff * 16;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	lim.max_segs = 1;
	r.nseg = 2;
	r.seg[0].len = 32;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ); /* above max_segs */
	reset_limits();
	r.seg[0].len = 48; /* length does not match nseg */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.seg[0].len = 32;
	r.seg[0].addr = LO + 0x1008; /* misaligned table */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.seg[0].addr = MEM_SIZE - 16; /* table runs off the end */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	r.seg[0].addr = 0ull - 16; /* table wraps */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	r.seg[0].addr = LO + 0x1000;
	r.seg[1].addr = LO + 0x1000; /* second descriptor not zero */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.seg[1].addr = 0;
	t[1].addr = MEM_SIZE; /* an entry outside memory */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADADDR);
	t[1].addr = LO + 0x8000;
	t[1].len = 0; /* an empty entry */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	memset(t, 0, 4096);
}

static void test_read_only(void)
{
	struct sc_blk_req r = rd(0, 512, LO);

	lim.read_only = true;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	r.op = SC_BLK_OP_WRITE;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RDONLY);
	memset(&r, 0, sizeof(r));
	r.op = SC_BLK_OP_DISCARD;
	r.bytes = 512;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_RDONLY);
	r.op = SC_BLK_OP_FLUSH;
	r.bytes = 0;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_OK);
	reset_limits();
}

static void test_other_ops_bad(void)
{
	struct sc_blk_req r;

	memset(&r, 0, sizeof(r));
	r.op = SC_BLK_OP_FLUSH;
	r.sector = 1;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.sector = 0;
	r.nseg = 1;
	r.seg[0].len = 512;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	memset(&r, 0, sizeof(r));
	r.op = SC_BLK_OP_GET_INFO;
	r.flags = 1;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	memset(&r, 0, sizeof(r));
	r.op = SC_BLK_OP_DISCARD;
	r.bytes = 512;
	r.seg[0].len = 512; /* discard with a buffer */
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.seg[0].len = 0;
	r.bytes = 0;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.bytes = 100;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_BADREQ);
	r.bytes = 512;
	lim.discard = false;
	CU_ASSERT_EQUAL(check(&r), SC_BLK_S_UNSUPP);
	reset_limits();
}

/* Random requests, biased towards the edges: whatever passes must name
 * only memory and sectors that exist, and the lengths must add up. */
static void test_random_invariants(void)
{
	uint64_t x = 0x243f6a8885a308d3ull;
	struct sc_blk_seg *t = (struct sc_blk_seg *)(mem + LO + 0x1000);
	const uint64_t edges[] = { 0, 1, 511, 512, 4096, MEM_SIZE - 512,
				   MEM_SIZE, SECTORS, SECTORS - 1,
				   0xffffffffull, 1ull << 55, UINT64_MAX,
				   UINT64_MAX - 511, 0x1000 };
	/* Buffer addresses: the edges of the device buffer rule too. */
	const uint64_t addrs[] = { 0, 1, LO - 512, LO, LO + 512, LO + 0x4000,
				   MEM_SIZE - 512, MEM_SIZE, SC_RING_AREA_PA,
				   0xffffffffull, 1ull << 55, UINT64_MAX,
				   UINT64_MAX - 511, LO + 0x1000 };
	unsigned passed = 0;

	for (unsigned n = 0; n < 200000; n++) {
		struct sc_blk_req r;
		uint8_t *p = (uint8_t *)&r;
		uint64_t total = 0;
		uint32_t st;

		for (unsigned i = 0; i < sizeof(r); i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			p[i] = (uint8_t)x;
		}
		/* Make many requests nearly valid, so checks deep inside
		 * get exercised too. */
		r.op = (uint8_t)(1 + x % 6);
		r.flags &= 1;
		r.nseg = (uint16_t)(x >> 8) % 4;
		r.reserved = (x >> 12) % 16 ? 0 : r.reserved;
		r.sector = edges[(x >> 16) % 14] + ((x >> 20) % 3);
		r.bytes = (uint32_t)(((x >> 24) % 5) * 512);
		for (unsigned i = 0; i < 2; i++) {
			r.seg[i].addr = addrs[(x >> (28 + 4 * i)) % 14];
			r.seg[i].len = (uint32_t)(((x >> (36 + 4 * i)) % 5) * 512);
			r.seg[i].pad = 0;
		}
		if (r.flags) {
			r.seg[0].addr = LO + 0x1000;
			r.seg[0].len = r.nseg * 16u;
			r.seg[1].addr = r.seg[1].len = 0;
			for (unsigned i = 0; i < 4; i++) {
				t[i].addr = addrs[(x >> (44 + 4 * i)) % 14];
				t[i].len = (uint32_t)(((x >> (i * 3)) % 3) * 512);
				t[i].pad = 0;
			}
		}
		st = check(&r);
		if (st != SC_BLK_S_OK)
			continue;
		passed++;
		if (io.op == SC_BLK_OP_READ || io.op == SC_BLK_OP_WRITE ||
		    io.op == SC_BLK_OP_DISCARD) {
			CU_ASSERT(io.offset / 512 <= SECTORS);
			CU_ASSERT(io.bytes <= SECTORS * 512ull - io.offset);
		}
		for (uint32_t i = 0; i < io.nseg; i++) {
			CU_ASSERT(io.seg[i].addr >= LO);
			CU_ASSERT(io.seg[i].addr < MEM_SIZE);
			CU_ASSERT(io.seg[i].len <= MEM_SIZE - io.seg[i].addr);
			total += io.seg[i].len;
		}
		if (io.op == SC_BLK_OP_READ || io.op == SC_BLK_OP_WRITE)
			CU_ASSERT_EQUAL(total, io.bytes);
	}
	/* The generator must reach the passing side too. */
	CU_ASSERT(passed > 100);
	memset(t, 0, 4096);
}

static void test_status_names(void)
{
	CU_ASSERT_STRING_EQUAL(sc_blk_status_name(SC_BLK_S_OK), "ok");
	CU_ASSERT_STRING_EQUAL(sc_blk_status_name(SC_BLK_S_RDONLY), "read-only disk");
	CU_ASSERT_STRING_EQUAL(sc_blk_status_name(1000), "unknown status");
}

int sc_unit_register_blk_validate(void)
{
	CU_pSuite s = CU_add_suite("blk_validate", setup, teardown);

	if (!s ||
	    !CU_add_test(s, "good reads and writes", test_good_rw) ||
	    !CU_add_test(s, "good indirect table", test_good_indirect) ||
	    !CU_add_test(s, "good flush, get-info, discard", test_good_other_ops) ||
	    !CU_add_test(s, "malformed message", test_bad_message) ||
	    !CU_add_test(s, "unknown opcode and flags", test_unknown_opcode) ||
	    !CU_add_test(s, "sectors out of range", test_out_of_range) ||
	    !CU_add_test(s, "lengths, overflowing sums", test_lengths) ||
	    !CU_add_test(s, "4096-byte blocks", test_block_size) ||
	    !CU_add_test(s, "buffers outside memory", test_buffers_outside_memory) ||
	    !CU_add_test(s, "malformed segments", test_segments) ||
	    !CU_add_test(s, "malformed indirect tables", test_indirect_bad) ||
	    !CU_add_test(s, "read-only disk", test_read_only) ||
	    !CU_add_test(s, "flush, get-info, discard misuse", test_other_ops_bad) ||
	    !CU_add_test(s, "random requests keep the invariants", test_random_invariants) ||
	    !CU_add_test(s, "buffers in the boot area", test_buffers_in_the_boot_area) ||
	    !CU_add_test(s, "status names", test_status_names))
		return -1;
	return 0;
}
