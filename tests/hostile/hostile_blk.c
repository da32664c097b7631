// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The hostile partition's attacks on the disk rings (run with --disk).
 * Requests are written into the ring by hand, one at a time, and each
 * answer is printed as a number, "hostile: blk CASE: status N", so the
 * test (tests/e2e/hostile_io.sh) holds the expected statuses, not us:
 *
 *   blk-bad    malformed requests: unknown opcodes, sectors past the end,
 *              lengths and addresses that wrap, buffers and indirect
 *              tables outside memory or straddling its end, too many
 *              segments, buffers and tables below SC_IMAGE_PA (boot
 *              info, page tables, rings), bad slot type or length; one valid write of
 *              sector 8 (512 'H') and its read back; then the rings'
 *              indices far off, their headers rewritten, and a slot
 *              published a lap ahead.
 *              Halts: the disk file must differ only in sector 8.
 *   blk-ro     writes and discards to a read-only disk (--disk FILE,ro).
 *   blk-cpl    the completion ring's consumer index set far ahead, then
 *              requests until the host finds that ring full: the host
 *              must stop us (exit 4).
 *   blk-storm  FLOOD requests with an unknown opcode, a doorbell each
 *              (the protocol allows one per message: the host must answer
 *              them all and keep its log short), then doorbells alone
 *              (a storm: the host must stop us).
 */
#include <sparecore/abi.h>
#include <sparecore/acpi.h>
#include <sparecore/blk.h>
#include <sparecore/compiler.h>

#include "apic.h"
#include "boot.h"
#include "bump_alloc.h"
#include "hostile.h"
#include "kprintf.h"
#include "kstring.h"
#include "timer.h"

#define BUF_BYTES (64u << 10)
#define ANSWER_MS 3000u
#define FLOOD 2000u
#define FLOOD_BATCH 64u
#define VALID_SECTOR 8u /* the one sector blk-bad writes */

static struct sc_ring rings[2]; /* requests, completions (DSDT order) */
#define REQ (&rings[0])
#define CPL (&rings[1])
static uint8_t *buf;
static uint64_t buf_pa, mem;
static uint32_t next_tag;
static struct sc_blk_info info;
static uint32_t prod_skew; /* publish prod this far off the truth */

/* Publish one request slot of any shape; a doorbell with each. */
static bool send(uint16_t type, uint16_t len, struct sc_blk_req *q)
{
	struct sc_slot *s = sc_ring_prod_next(REQ);

	if (!s)
		return false;
	q->tag = ++next_tag;
	s->type = type;
	s->len = len;
	memcpy(s->data, q, sizeof(*q));
	sc_ring_prod_commit(REQ);
	if (prod_skew)
		STORE_REL(&REQ->hdr->prod, REQ->head + prod_skew);
	else
		sc_ring_prod_flush(REQ);
	apic_doorbell_host();
	return true;
}

/* The answer to the request just sent: its status, or ~0 if none came. */
static uint32_t answer(struct sc_blk_cpl *c)
{
	struct sc_slot s;

	if (!io_take(CPL, &s, ANSWER_MS))
		return ~0u;
	memcpy(c, s.data, sizeof(*c));
	if (c->tag != next_tag)
		say("hostile: blk answer for tag %u, expected %u\n", c->tag, next_tag);
	return c->status;
}

static uint32_t one_raw(const char *what, uint16_t type, uint16_t len,
			struct sc_blk_req *q)
{
	struct sc_blk_cpl c;
	uint32_t st;

	if (!send(type, len, q)) {
		say("hostile: blk %s: request ring full\n", what);
		return ~0u;
	}
	st = answer(&c);
	if (st == ~0u)
		say("hostile: blk %s: no answer\n", what);
	else
		say("hostile: blk %s: status %u\n", what, st);
	return st;
}

static uint32_t one(const char *what, struct sc_blk_req *q)
{
	return one_raw(what, SC_BLK_MSG_REQ, sizeof(*q), q);
}

/* A READ or WRITE of len bytes at sector from one inline segment. */
static struct sc_blk_req *rw(struct sc_blk_req *q, uint8_t op, uint64_t sector,
			     uint64_t addr, uint32_t len)
{
	memset(q, 0, sizeof(*q));
	q->op = op;
	q->sector = sector;
	q->bytes = len;
	q->nseg = 1;
	q->seg[0].addr = addr;
	q->seg[0].len = len;
	return q;
}

/* READ of len bytes through an indirect table at table (n entries). */
static struct sc_blk_req *ind(struct sc_blk_req *q, uint64_t table,
			      uint16_t n, uint32_t len)
{
	memset(q, 0, sizeof(*q));
	q->op = SC_BLK_OP_READ;
	q->flags = SC_BLK_REQ_INDIRECT;
	q->nseg = n;
	q->bytes = len;
	q->seg[0].addr = table;
	q->seg[0].len = (uint32_t)n * sizeof(struct sc_blk_seg);
	return q;
}

static void start(void)
{
	struct sc_blk_req q;
	struct sc_blk_cpl c;

	io_attach(SC_HID_DISK, rings, 2);
	mem = boot_info->mem_size;
	buf = bump_alloc(BUF_BYTES, 4096);
	if (!buf) {
		say("hostile: no memory for a buffer\n");
		halt_now();
	}
	buf_pa = (uint64_t)(uintptr_t)buf - SC_VIRT_BASE;
	memset(&q, 0, sizeof(q));
	q.op = SC_BLK_OP_GET_INFO;
	if (!send(SC_BLK_MSG_REQ, sizeof(q), &q) || answer(&c)) {
		say("hostile: blk get-info failed\n");
		halt_now();
	}
	info = c.info;
	say("hostile: blk info: %llu sectors, %u-byte blocks, max %u bytes\n",
	    (unsigned long long)info.sectors, info.block_size, info.max_bytes);
}

/* ------------------------------------------------------------ requests */

static void bad_opcodes(void)
{
	static const uint8_t ops[] = { 0, 6, 0x7f, 0xff };
	struct sc_blk_req q;
	char what[32];

	for (unsigned i = 0; i < sizeof(ops); i++) {
		memset(&q, 0, sizeof(q));
		q.op = ops[i];
		ksnprintf(what, sizeof(what), "opcode %u", ops[i]);
		one(what, &q);
	}
}

static void bad_ranges(void)
{
	uint64_t end = info.sectors;
	struct sc_blk_req q;

	one("read at the first sector past the end",
	    rw(&q, SC_BLK_OP_READ, end, buf_pa, 512));
	one("read straddling the end",
	    rw(&q, SC_BLK_OP_READ, end - 1, buf_pa, 1024));
	one("write straddling the end",
	    rw(&q, SC_BLK_OP_WRITE, end - 1, buf_pa, 1024));
	one("read at sector 2^64-8", rw(&q, SC_BLK_OP_READ, ~0ull << 3, buf_pa, 512));
	/* sector * 512 wraps to 0 in 64 bits */
	one("read at sector 2^55", rw(&q, SC_BLK_OP_READ, 1ull << 55, buf_pa, 512));
	one("read of 2^32-512 bytes",
	    rw(&q, SC_BLK_OP_READ, 0, buf_pa, 0xfffffe00u));
	one("read longer than max_bytes",
	    rw(&q, SC_BLK_OP_READ, 0, buf_pa, info.max_bytes + 512));
	one("zero-length read", rw(&q, SC_BLK_OP_READ, 0, buf_pa, 0));
}

static void bad_buffers(void)
{
	struct sc_blk_req q;

	one("buffer at the end of memory", rw(&q, SC_BLK_OP_READ, 0, mem, 512));
	one("buffer straddling the end of memory",
	    rw(&q, SC_BLK_OP_READ, 0, mem - 512, 1024));
	one("write from a buffer straddling the end of memory",
	    rw(&q, SC_BLK_OP_WRITE, 0, mem - 512, 1024));
	one("buffer at 2^64-512", rw(&q, SC_BLK_OP_READ, 0, ~0ull << 9, 512));
	/* Below the image: the host's boot info, page tables and rings,
	 * which no device may touch (host/service/devices/dev_buf.h). */
	one("read into boot info",
	    rw(&q, SC_BLK_OP_READ, 0, SC_BOOTINFO_PA, 512));
	one("write from the page tables",
	    rw(&q, SC_BLK_OP_WRITE, 0, SC_PT_PA, 512));
	one("read over the rings",
	    rw(&q, SC_BLK_OP_READ, 0, SC_RING_AREA_PA, 512));
	one("buffer straddling the image's start",
	    rw(&q, SC_BLK_OP_READ, 0, SC_IMAGE_PA - 512, 1024));
	/* 0xfffffe00 + 0x400 is 0x200 in 32 bits: the request's length */
	rw(&q, SC_BLK_OP_READ, 0, buf_pa, 512);
	q.nseg = 2;
	q.seg[0].len = 0xfffffe00u;
	q.seg[1].addr = buf_pa;
	q.seg[1].len = 0x400;
	one("segment lengths wrapping 32 bits", &q);
	one("unaligned buffer", rw(&q, SC_BLK_OP_READ, 0, buf_pa + 8, 512));
	rw(&q, SC_BLK_OP_READ, 0, buf_pa, 512);
	q.nseg = 3;
	one("three inline segments", &q);
}

static void bad_tables(void)
{
	uint64_t tpa = buf_pa + BUF_BYTES - 4096; /* data goes at buf_pa */
	struct sc_blk_seg *tt = (struct sc_blk_seg *)(buf + BUF_BYTES - 4096);
	struct sc_blk_req q;

	one("indirect table at the end of memory", ind(&q, mem, 1, 512));
	one("indirect table straddling the end of memory",
	    ind(&q, mem - 16, 2, 1024));
	one("indirect table at 2^64-16", ind(&q, ~0ull << 4, 1, 512));
	one("indirect table in the ring area", ind(&q, SC_RING_AREA_PA, 1, 512));
	memset(tt, 0, 4096);
	tt[0] = (struct sc_blk_seg){ .addr = buf_pa, .len = 512 };
	tt[1] = (struct sc_blk_seg){ .addr = mem, .len = 512 };
	one("indirect entry at the end of memory", ind(&q, tpa, 2, 1024));
	tt[1] = (struct sc_blk_seg){ .addr = mem - 512, .len = 1024 };
	one("indirect entry straddling the end of memory", ind(&q, tpa, 2, 1536));
	tt[1] = (struct sc_blk_seg){ .addr = SC_BOOTINFO_PA, .len = 512 };
	one("indirect entry over boot info", ind(&q, tpa, 2, 1024));
	tt[0] = (struct sc_blk_seg){ .addr = buf_pa, .len = 0x80000000u };
	tt[1] = (struct sc_blk_seg){ .addr = buf_pa, .len = 0x80000200u };
	one("indirect entry lengths wrapping 32 bits", ind(&q, tpa, 2, 512));
	one("indirect table of 257 entries", ind(&q, tpa, 257, 512));
	one("indirect table of 65535 entries", ind(&q, tpa, 65535, 512));
}

static void bad_slots(void)
{
	struct sc_blk_req q;

	rw(&q, SC_BLK_OP_READ, 0, buf_pa, 512);
	one_raw("slot of type 7", 7, sizeof(q), &q);
	one_raw("slot of length 55", SC_BLK_MSG_REQ, sizeof(q) - 1, &q);
	rw(&q, SC_BLK_OP_READ, 0, buf_pa, 512);
	q.reserved = 1;
	one("reserved field set", &q);
}

/* The one write that may change the disk: sector 8, 512 'H'. */
static void valid_io(void)
{
	struct sc_blk_req q;

	memset(buf, 'H', 512);
	one("valid write of sector 8",
	    rw(&q, SC_BLK_OP_WRITE, VALID_SECTOR, buf_pa, 512));
	memset(buf, 0, 512);
	one("valid read of sector 8",
	    rw(&q, SC_BLK_OP_READ, VALID_SECTOR, buf_pa, 512));
	for (unsigned i = 0; i < 512; i++) {
		if (buf[i] != 'H') {
			say("hostile: blk read back differs at byte %u\n", i);
			return;
		}
	}
	say("hostile: blk read back matches\n");
}

/* Shared indices far off, and a slot published a lap ahead. */
static void bad_indices(void)
{
	struct sc_blk_req q;
	struct sc_blk_cpl c;
	struct sc_slot *s;
	uint32_t head = REQ->head, size = REQ->mask + 1;

	/* Ours (the host must not read it: it polls slots), then theirs
	 * (the host must not trust them). */
	prod_skew = 0x7fff0000u;
	REQ->hdr->prod_event = head - 0x1000u;
	CPL->hdr->cons_event = 0xdeadbeefu;
	CPL->hdr->prod = 0x80000000u;
	/* The line the host wrote at setup and must never read again. */
	REQ->hdr->magic = 0;
	REQ->hdr->order = 31;
	CPL->hdr->order = 1;
	CPL->hdr->flags = ~0u;
	memset(&q, 0, sizeof(q));
	q.op = SC_BLK_OP_GET_INFO;
	one("get-info, producer index 2^31 ahead", &q);
	prod_skew = 0x80000000u + 0x1000u;
	one("get-info, producer index 2^31 behind", &q);
	prod_skew = 0;

	/* Right place, right content, sequence number a lap ahead. */
	head = REQ->head;
	s = sc_ring_prod_next(REQ);
	q.tag = ++next_tag;
	s->type = SC_BLK_MSG_REQ;
	s->len = sizeof(q);
	memcpy(s->data, &q, sizeof(q));
	STORE_REL(&s->seq, head + 1 + size);
	apic_doorbell_host();
	sleep_ms(300);
	if (sc_ring_cons_take(CPL, (struct sc_slot *)buf))
		say("hostile: blk HOST TOOK A SLOT NUMBERED A LAP AHEAD\n");
	else
		say("hostile: blk a slot numbered a lap ahead: not taken\n");
	/* Now numbered right: it is a good request again. */
	sc_ring_prod_commit(REQ);
	sc_ring_prod_flush(REQ);
	apic_doorbell_host();
	say("hostile: blk the same slot numbered right: status %u\n", answer(&c));
}

static __attribute__((noreturn)) void blk_bad(void)
{
	start();
	bad_opcodes();
	bad_ranges();
	bad_buffers();
	bad_tables();
	bad_slots();
	valid_io();
	bad_indices();
	say("hostile: blk-bad done\n");
	halt_now();
}

static __attribute__((noreturn)) void blk_ro(void)
{
	struct sc_blk_req q;

	start();
	memset(buf, 'R', 512);
	one("write to a read-only disk",
	    rw(&q, SC_BLK_OP_WRITE, VALID_SECTOR, buf_pa, 512));
	memset(&q, 0, sizeof(q));
	q.op = SC_BLK_OP_DISCARD;
	q.sector = VALID_SECTOR;
	q.bytes = 4096;
	one("discard on a read-only disk", &q);
	memset(&q, 0, sizeof(q));
	q.op = SC_BLK_OP_FLUSH;
	one("flush of a read-only disk", &q);
	one("read of a read-only disk",
	    rw(&q, SC_BLK_OP_READ, VALID_SECTOR, buf_pa, 512));
	say("hostile: blk-ro done\n");
	halt_now();
}

static __attribute__((noreturn)) void blk_cpl(void)
{
	struct sc_blk_req q;
	unsigned n = 0;

	start();
	/* No correct consumer is 2^31 ahead of what it was given. */
	STORE_REL(&CPL->hdr->cons, 0x80000000u);
	say("hostile: blk completion ring consumer index set to 0x80000000\n");
	memset(&q, 0, sizeof(q));
	q.op = SC_BLK_OP_GET_INFO;
	/* More requests than the completion ring holds, none reaped: until
	 * twice its worth went, or the host stopped taking them (it called
	 * the ring broken) for ANSWER_MS. */
	for (uint64_t t0 = uptime_ms();
	     n < 2 * (CPL->mask + 1) && uptime_ms() - t0 < ANSWER_MS;) {
		if (send(SC_BLK_MSG_REQ, sizeof(q), &q)) {
			n++;
			t0 = uptime_ms();
		} else {
			sleep_ms(10);
		}
	}
	say("hostile: blk %u requests sent, none reaped\n", n);
	idle();
}

static __attribute__((noreturn)) void blk_storm(void)
{
	unsigned sent = 0, answered = 0, unsupp = 0;
	struct sc_blk_req q;
	struct sc_slot s;

	start();
	memset(&q, 0, sizeof(q));
	q.op = 0x7f;
	say("hostile: blk flood of %u requests, a doorbell each\n", FLOOD);
	while (sent < FLOOD) {
		unsigned batch = 0;

		while (batch < FLOOD_BATCH && sent < FLOOD &&
		       send(SC_BLK_MSG_REQ, sizeof(q), &q)) {
			batch++;
			sent++;
		}
		while (batch && io_take(CPL, &s, ANSWER_MS)) {
			struct sc_blk_cpl c;

			memcpy(&c, s.data, sizeof(c));
			answered++;
			unsupp += c.status == SC_BLK_S_UNSUPP;
			batch--;
		}
		if (batch)
			break;
	}
	say("hostile: blk flood: %u sent, %u answered, %u with status %u\n",
	    sent, answered, unsupp, SC_BLK_S_UNSUPP);
	say("hostile: blk doorbell storm\n");
	sleep_ms(100); /* let the host print that */
	for (;;)
		apic_doorbell_host();
}

void hostile_blk(void)
{
	if (cmd_is("blk-bad"))
		blk_bad();
	if (cmd_is("blk-ro"))
		blk_ro();
	if (cmd_is("blk-cpl"))
		blk_cpl();
	if (cmd_is("blk-storm"))
		blk_storm();
}
