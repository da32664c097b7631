// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the disk backend's ring handling (host/service/
 * blk_backend.c) against a real file through io_uring, with plain memory
 * for the partition. The test plays a hostile partition: it checks that a
 * bad request gets its error completion and touches nothing, and that a
 * broken completion ring is named for the run loop (which stops the
 * partition) instead of stalling the disk in silence.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include <sparecore/blk.h>
#include <sparecore/compiler.h>

#include "blk_backend.h"
#include "util.h"
#include "unit.h"

#define MEM (8ull << 20)
#define DISK (1u << 20)
#define BUF 0x200000ull /* a data buffer in partition memory */

static struct sc_part part;
static struct sc_blk *blk;
static struct sc_ring req, cpl; /* the partition's view */
static char path[] = "/tmp/sc_unit_blk_XXXXXX";
static uint32_t tag;

static int setup(void)
{
	static uint8_t zero[DISK];
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, zero, sizeof(zero)) != (ssize_t)sizeof(zero)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	memset(&part, 0, sizeof(part));
	part.mem = aligned_alloc(4096, MEM);
	if (!part.mem)
		return -1;
	memset(part.mem, 0, MEM);
	part.mem_size = MEM;
	part.bi = (struct sc_boot_info *)(part.mem + SC_BOOTINFO_PA);
	blk = sc_blk_open(path, false);
	if (!blk || sc_blk_setup(blk, &part))
		return -1;
	if (sc_ring_attach(&req, sc_part_ring(&part, SC_RING_BLK_REQ),
			   SC_RING_BYTES(SC_BLK_RING_ORDER)) ||
	    sc_ring_attach(&cpl, sc_part_ring(&part, SC_RING_BLK_CPL),
			   SC_RING_BYTES(SC_BLK_RING_ORDER)))
		return -1;
	return 0;
}

static int teardown(void)
{
	sc_blk_close(blk);
	free(part.mem);
	unlink(path);
	return 0;
}

static void send(struct sc_blk_req *q)
{
	struct sc_slot *s = sc_ring_prod_next(&req);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	q->tag = ++tag;
	s->type = SC_BLK_MSG_REQ;
	s->len = sizeof(*q);
	memcpy(s->data, q, sizeof(*q));
	sc_ring_prod_commit(&req);
	sc_ring_prod_flush(&req);
}

/* Let the backend work (I/O is asynchronous) until a completion shows. */
static bool reap(struct sc_blk_cpl *c)
{
	uint64_t end = sc_now_ns() + 2000000000ull;
	struct sc_slot s;

	while (sc_now_ns() < end) {
		sc_blk_work(blk);
		if (sc_ring_cons_take(&cpl, &s)) {
			sc_ring_cons_flush(&cpl);
			memcpy(c, s.data, sizeof(*c));
			return true;
		}
		usleep(1000);
	}
	return false;
}

static uint32_t rw(uint8_t op, uint64_t sector, uint64_t addr, uint32_t len)
{
	struct sc_blk_req q = { .op = op, .sector = sector, .bytes = len,
				.nseg = 1 };
	struct sc_blk_cpl c;

	q.seg[0].addr = addr;
	q.seg[0].len = len;
	send(&q);
	if (!reap(&c))
		return ~0u;
	CU_ASSERT_EQUAL(c.tag, tag);
	return c.status;
}

static void disk_bytes(uint64_t off, void *out, size_t n)
{
	int fd = open(path, O_RDONLY);

	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(pread(fd, out, n, (off_t)off), (ssize_t)n);
	close(fd);
}

static void test_round_trip(void)
{
	uint8_t got[512];

	memset(part.mem + BUF, 'H', 512);
	CU_ASSERT_EQUAL(rw(SC_BLK_OP_WRITE, 8, BUF, 512), SC_BLK_S_OK);
	disk_bytes(8 * 512, got, sizeof(got));
	CU_ASSERT_EQUAL(memcmp(got, part.mem + BUF, sizeof(got)), 0);
	memset(part.mem + BUF, 0, 512);
	CU_ASSERT_EQUAL(rw(SC_BLK_OP_READ, 8, BUF, 512), SC_BLK_S_OK);
	CU_ASSERT_EQUAL(part.mem[BUF], 'H');
}

/* Refused with their status; the file and the memory stay as they were. */
static void test_hostile_requests(void)
{
	static uint8_t before[DISK], after[DISK];
	struct sc_blk_req q = { .op = 0x7f };
	struct sc_blk_cpl c;

	disk_bytes(0, before, sizeof(before));
	memset(part.mem + BUF, 'W', 4096);
	CU_ASSERT_EQUAL(rw(SC_BLK_OP_WRITE, 0, MEM - 512, 1024), SC_BLK_S_BADADDR);
	CU_ASSERT_EQUAL(rw(SC_BLK_OP_WRITE, DISK / 512 - 1, BUF, 1024),
			SC_BLK_S_RANGE);
	CU_ASSERT_EQUAL(rw(SC_BLK_OP_WRITE, 1ull << 55, BUF, 512), SC_BLK_S_RANGE);
	CU_ASSERT_EQUAL(rw(SC_BLK_OP_READ, 0, ~0ull << 9, 512), SC_BLK_S_BADADDR);
	send(&q);
	CU_ASSERT_TRUE_FATAL(reap(&c));
	CU_ASSERT_EQUAL(c.status, SC_BLK_S_UNSUPP);
	disk_bytes(0, after, sizeof(after));
	CU_ASSERT_EQUAL(memcmp(before, after, sizeof(before)), 0);
	CU_ASSERT_FALSE(sc_blk_broken(blk, (char[8]){ 0 }, 8));
}

/* Slots the host has filled in the completion ring: the first one whose
 * sequence number is not yet its index + 1 (stops at a lap). */
static uint32_t cpl_head_now(void)
{
	uint32_t i = cpl.head;

	while (i - cpl.head <= cpl.mask &&
	       LOAD_ACQ(&cpl.slots[i & cpl.mask].seq) == i + 1)
		i++;
	return i;
}

/* A consumer index 2^31 ahead: named, and nothing more is posted into
 * that ring. Runs last: it breaks the ring for good. */
static void test_broken_completion_ring(void)
{
	struct sc_blk_req q = { .op = SC_BLK_OP_GET_INFO };
	char why[160];
	uint32_t head;
	unsigned i;

	STORE_REL(&cpl.hdr->cons, 0x80000000u);
	for (i = 0; i < 2 * (cpl.mask + 1) && !sc_blk_broken(blk, why, sizeof(why)); i++) {
		if (!sc_ring_prod_next(&req))
			break;
		send(&q);
		sc_blk_work(blk);
	}
	CU_ASSERT_TRUE_FATAL(sc_blk_broken(blk, why, sizeof(why)));
	/* The host reads the index only when the ring looks full: after
	 * its first 128 completions (0x80), whatever we reaped. */
	CU_ASSERT_STRING_EQUAL(why,
		"disk completion ring: consumer index 0x80000000 for producer index 0x80");
	/* Nothing more goes into it. */
	head = cpl_head_now();
	if (sc_ring_prod_next(&req))
		send(&q);
	for (i = 0; i < 10; i++)
		sc_blk_work(blk);
	CU_ASSERT_EQUAL(cpl_head_now(), head);
}

int sc_unit_register_blk_backend(void)
{
	CU_pSuite s = CU_add_suite("blk backend", setup, teardown);

	if (!s || !CU_add_test(s, "write and read back", test_round_trip) ||
	    !CU_add_test(s, "hostile requests change nothing", test_hostile_requests) ||
	    !CU_add_test(s, "broken completion ring is named",
			 test_broken_completion_ring))
		return -1;
	return 0;
}
