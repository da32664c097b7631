// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the SPSC ring library (paravirt-drivers/ring.c), protocol in
 * include/sparecore/ring.h. Both sides run in this one thread against one
 * shared buffer; a "hostile peer" is the test writing the shared header or
 * slots directly.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/compiler.h>
#include <sparecore/ring.h>

#include "unit.h"

/* A ring in its own buffer, with one producer and one consumer attached. */
struct pair {
	void *mem;
	uint64_t bytes;
	uint32_t size;
	struct sc_ring p; /* producer's view */
	struct sc_ring c; /* consumer's view */
};

static void pair_open(struct pair *x, uint32_t order)
{
	x->bytes = SC_RING_BYTES(order);
	x->size = 1u << order;
	x->mem = aligned_alloc(SC_CACHELINE, (x->bytes + SC_CACHELINE - 1) &
						     ~(uint64_t)(SC_CACHELINE - 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->mem);
	memset(x->mem, 0xa5, x->bytes); /* init must clear all of it */
	sc_ring_init(x->mem, order);
	CU_ASSERT_EQUAL_FATAL(sc_ring_attach(&x->p, x->mem, x->bytes), 0);
	CU_ASSERT_EQUAL_FATAL(sc_ring_attach(&x->c, x->mem, x->bytes), 0);
}

static void pair_close(struct pair *x)
{
	free(x->mem);
	x->mem = NULL;
}

static struct sc_ring_hdr *hdr(struct pair *x)
{
	return x->mem;
}

static struct sc_slot *slot_of(struct pair *x, uint32_t index)
{
	return &((struct sc_slot *)(hdr(x) + 1))[index & (x->size - 1)];
}

/* The message number tag: type, len and payload all derive from it. */
static uint16_t tag_type(uint32_t tag) { return (uint16_t)(0x100 + tag); }
static uint16_t tag_len(uint32_t tag) { return (uint16_t)(1 + tag % SC_SLOT_PAYLOAD); }
static uint8_t tag_byte(uint32_t tag, unsigned i) { return (uint8_t)(tag * 31u + i * 7u + 3u); }

/* Producer: write message tag into the next slot and commit it. */
static int push(struct sc_ring *r, uint32_t tag)
{
	struct sc_slot *s = sc_ring_prod_next(r);

	if (!s)
		return -1;
	s->type = tag_type(tag);
	s->len = tag_len(tag);
	for (unsigned i = 0; i < SC_SLOT_PAYLOAD; i++)
		s->data[i] = tag_byte(tag, i);
	sc_ring_prod_commit(r);
	return 0;
}

/* Consumer: take one message and check it is message tag at index idx. */
static int pop_check(struct sc_ring *r, uint32_t tag, uint32_t idx)
{
	struct sc_slot out;

	memset(&out, 0, sizeof(out));
	if (!sc_ring_cons_take(r, &out))
		return -1;
	if (out.seq != idx + 1 || out.type != tag_type(tag) ||
	    out.len != tag_len(tag))
		return -2;
	for (unsigned i = 0; i < SC_SLOT_PAYLOAD; i++)
		if (out.data[i] != tag_byte(tag, i))
			return -3;
	return 0;
}

/* ---------------------------------------------------------------- layout */

static void test_init_layout(void)
{
	struct pair x;
	const uint8_t *slots;
	bool zero = true;

	pair_open(&x, 3);
	CU_ASSERT_EQUAL(hdr(&x)->magic, SC_RING_MAGIC);
	CU_ASSERT_EQUAL(hdr(&x)->order, 3u);
	CU_ASSERT_EQUAL(hdr(&x)->prod, 0u);
	CU_ASSERT_EQUAL(hdr(&x)->cons, 0u);
	CU_ASSERT_EQUAL(hdr(&x)->prod_event, 0u);
	CU_ASSERT_EQUAL(hdr(&x)->cons_event, 0u);
	CU_ASSERT_EQUAL(hdr(&x)->flags, 0u);
	CU_ASSERT_FALSE(x.p.duplex);
	slots = (const uint8_t *)(hdr(&x) + 1);
	for (uint64_t i = 0; i < (uint64_t)SC_SLOT_SIZE * x.size; i++)
		if (slots[i])
			zero = false;
	CU_ASSERT_TRUE(zero);
	CU_ASSERT_EQUAL(x.p.mask, 7u);
	CU_ASSERT_PTR_EQUAL(x.p.slots, (void *)slots);
	CU_ASSERT_FALSE(x.p.broken);
	pair_close(&x);
}

static void test_empty(void)
{
	struct pair x;
	struct sc_slot out;

	pair_open(&x, 2);
	CU_ASSERT_FALSE(sc_ring_cons_take(&x.c, &out));
	CU_ASSERT_FALSE(sc_ring_cons_take(&x.c, &out));
	CU_ASSERT_EQUAL(x.c.head, 0u);
	CU_ASSERT_FALSE(sc_ring_cons_flush(&x.c)); /* nothing taken */
	CU_ASSERT_FALSE(sc_ring_prod_flush(&x.p)); /* nothing published */
	CU_ASSERT_EQUAL(hdr(&x)->prod, 0u);
	CU_ASSERT_EQUAL(hdr(&x)->cons, 0u);
	CU_ASSERT_FALSE(sc_ring_cons_wait_arm(&x.c)); /* still empty */
	CU_ASSERT_EQUAL(hdr(&x)->prod_event, 0u);
	/* An empty ring has room for the producer. */
	CU_ASSERT_PTR_EQUAL(sc_ring_prod_next(&x.p), slot_of(&x, 0));
	pair_close(&x);
}

/* ------------------------------------------------------- fill, drain, refill */

static void fill_drain_refill(uint32_t order)
{
	struct pair x;
	uint32_t tag = 0, next = 0;
	struct sc_slot *s;

	pair_open(&x, order);
	for (int round = 0; round < 3; round++) {
		uint32_t first = tag;

		for (uint32_t i = 0; i < x.size; i++)
			CU_ASSERT_EQUAL(push(&x.p, tag++), 0);
		/* Exactly full: no slot at index size, and it stays so. */
		CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
		CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
		CU_ASSERT_FALSE(x.p.broken);
		CU_ASSERT_EQUAL(x.p.head, first + x.size);
		sc_ring_prod_flush(&x.p);
		CU_ASSERT_EQUAL(hdr(&x)->prod, first + x.size);

		/* Take one: the producer sees the room only once it is
		 * published by cons_flush. */
		CU_ASSERT_EQUAL(pop_check(&x.c, next, next), 0);
		next++;
		CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
		sc_ring_cons_flush(&x.c);
		s = sc_ring_prod_next(&x.p);
		CU_ASSERT_PTR_EQUAL(s, slot_of(&x, first + x.size));
		/* prod_next without commit hands out the same slot again. */
		CU_ASSERT_PTR_EQUAL(sc_ring_prod_next(&x.p), s);
		CU_ASSERT_EQUAL(x.p.head, first + x.size);

		/* Drain the rest, in order, then nothing more. */
		for (uint32_t i = 1; i < x.size; i++) {
			CU_ASSERT_EQUAL(pop_check(&x.c, next, next), 0);
			next++;
		}
		CU_ASSERT_EQUAL(pop_check(&x.c, 0, 0), -1);
		sc_ring_cons_flush(&x.c);
		CU_ASSERT_EQUAL(hdr(&x)->cons, next);
		CU_ASSERT_FALSE(x.c.broken);
	}
	pair_close(&x);
}

static void test_fill_drain_refill(void)
{
	fill_drain_refill(SC_RING_ORDER_MIN);
	fill_drain_refill(2);
	fill_drain_refill(5);
}

/* Largest ring: fill it completely and drain it, checking every payload. */
static void test_fill_max_order(void)
{
	struct pair x;
	uint32_t bad = 0;

	pair_open(&x, SC_RING_ORDER_MAX);
	for (uint32_t i = 0; i < x.size; i++)
		if (push(&x.p, i))
			bad++;
	CU_ASSERT_EQUAL(bad, 0u);
	CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
	for (uint32_t i = 0; i < x.size; i++)
		if (pop_check(&x.c, i, i))
			bad++;
	CU_ASSERT_EQUAL(bad, 0u);
	CU_ASSERT_EQUAL(pop_check(&x.c, 0, 0), -1);
	pair_close(&x);
}

/* ------------------------------------------------------------ wrap-around */

/*
 * Put both sides of a fresh ring at index base, as if 2^32 - small messages
 * had gone through: private heads, published and peer indices, the shared
 * prod/cons/event indices, and each slot's seq as the previous lap left it
 * (index - size + 1, "taken"). A fresh slot's seq of 0 would be wrong here:
 * it reads as full for index 0xffffffff.
 */
static void pair_set_index(struct pair *x, uint32_t base)
{
	x->p.head = x->p.published = x->p.peer = base;
	x->c.head = x->c.published = x->c.peer = base;
	hdr(x)->prod = base;
	hdr(x)->cons = base;
	hdr(x)->prod_event = base;
	hdr(x)->cons_event = base - x->size;
	for (uint32_t i = 0; i < x->size; i++) {
		uint32_t idx = base - x->size + i;

		slot_of(x, idx)->seq = idx + 1;
	}
}

static void test_wrap(void)
{
	static const uint32_t batch[] = { 1, 3, 4, 2, 4, 1, 4, 3, 4, 4 };
	const uint32_t base = 0xfffffffau; /* 6 below 2^32 */
	struct pair x;
	struct sc_slot out;
	uint32_t sent = 0, got = 0;

	pair_open(&x, 2); /* 4 slots: several laps across the wrap */
	pair_set_index(&x, base);
	/* Nothing is there yet, whatever the old seqs say. */
	CU_ASSERT_FALSE(sc_ring_cons_take(&x.c, &out));
	CU_ASSERT_FALSE(sc_ring_cons_wait_arm(&x.c));

	for (size_t b = 0; b < ARRAY_SIZE(batch); b++) {
		for (uint32_t i = 0; i < batch[b]; i++)
			CU_ASSERT_EQUAL(push(&x.p, sent++), 0);
		if (batch[b] == x.size) {
			/* Full across the wrap too. */
			CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
			CU_ASSERT_FALSE(x.p.broken);
		}
		sc_ring_prod_flush(&x.p);
		CU_ASSERT_EQUAL(hdr(&x)->prod, base + sent);
		for (uint32_t i = 0; i < batch[b]; i++) {
			CU_ASSERT_EQUAL(pop_check(&x.c, got, base + got), 0);
			got++;
		}
		CU_ASSERT_FALSE(sc_ring_cons_take(&x.c, &out));
		sc_ring_cons_flush(&x.c);
		CU_ASSERT_EQUAL(hdr(&x)->cons, base + got);
	}
	CU_ASSERT_EQUAL(sent, got);
	CU_ASSERT_TRUE(sent > 6 + 2 * x.size); /* well past the wrap */
	CU_ASSERT_EQUAL(x.p.head, base + sent);
	CU_ASSERT_TRUE(x.p.head < base); /* the index did wrap */
	CU_ASSERT_FALSE(x.p.broken);
	CU_ASSERT_FALSE(x.c.broken);
	pair_close(&x);
}

/* Fill exactly across the wrap: head - peer == size with head < peer. */
static void test_wrap_full(void)
{
	const uint32_t base = 0xfffffffeu;
	struct pair x;

	pair_open(&x, 2);
	pair_set_index(&x, base);
	for (uint32_t i = 0; i < x.size; i++)
		CU_ASSERT_EQUAL(push(&x.p, i), 0);
	CU_ASSERT_EQUAL(x.p.head, 2u);
	CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
	CU_ASSERT_FALSE(x.p.broken);
	CU_ASSERT_FALSE(sc_ring_prod_wait_arm(&x.p));
	CU_ASSERT_EQUAL(hdr(&x)->cons_event, base);
	sc_ring_prod_flush(&x.p);
	CU_ASSERT_EQUAL(pop_check(&x.c, 0, base), 0);
	CU_ASSERT_EQUAL(pop_check(&x.c, 1, base + 1), 0);
	CU_ASSERT_TRUE(sc_ring_cons_flush(&x.c)); /* producer armed at base */
	CU_ASSERT_EQUAL(push(&x.p, 4), 0);
	CU_ASSERT_EQUAL(push(&x.p, 5), 0);
	CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
	for (uint32_t i = 2; i < 6; i++)
		CU_ASSERT_EQUAL(pop_check(&x.c, i, base + i), 0);
	CU_ASSERT_FALSE(x.p.broken);
	pair_close(&x);
}

/* ---------------------------------------------------------- notifications */

static void test_need_event_table(void)
{
	static const struct {
		uint32_t event, new_idx, old_idx;
		bool want;
	} t[] = {
		{ 0, 0, 0, false },          /* no move */
		{ 0, 1, 0, true },           /* passes 0 */
		{ 5, 6, 5, true },           /* exactly passes 5 */
		{ 5, 6, 4, true },
		{ 5, 5, 3, false },          /* reaches 5, does not pass it */
		{ 5, 5, 5, false },
		{ 5, 10, 5, true },
		{ 5, 10, 6, false },         /* already passed before */
		{ 5, 4, 0, false },          /* not there yet */
		{ 7, 7, 7, false },
		/* across 2^32 */
		{ 0xffffffffu, 0, 0xfffffffeu, true },
		{ 0xffffffffu, 0, 0xffffffffu, true },
		{ 0xfffffffeu, 2, 0xfffffff0u, true },
		{ 0, 5, 0xfffffffbu, true },
		{ 1, 0, 0xfffffffeu, false },
		{ 0xfffffff0u, 3, 0xfffffffeu, false }, /* passed before */
		{ 3, 3, 0xfffffffeu, false },
		{ 2, 3, 0xfffffffeu, true },
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		CU_ASSERT_EQUAL(sc_ring_need_event(t[i].event, t[i].new_idx,
						   t[i].old_idx), t[i].want);
}

static void test_prod_flush_events(void)
{
	struct pair x;

	pair_open(&x, 3);
	/* Consumer finds the ring empty and arms at index 0. */
	CU_ASSERT_FALSE(sc_ring_cons_wait_arm(&x.c));
	CU_ASSERT_EQUAL(hdr(&x)->prod_event, 0u);
	CU_ASSERT_EQUAL(push(&x.p, 0), 0);
	CU_ASSERT_TRUE(sc_ring_prod_flush(&x.p)); /* passes 0: ring */
	CU_ASSERT_FALSE(sc_ring_prod_flush(&x.p)); /* nothing new */
	CU_ASSERT_EQUAL(pop_check(&x.c, 0, 0), 0);
	sc_ring_cons_flush(&x.c);

	/* Consumer did not arm again: no doorbell for index 1. */
	CU_ASSERT_EQUAL(push(&x.p, 1), 0);
	CU_ASSERT_FALSE(sc_ring_prod_flush(&x.p));
	CU_ASSERT_EQUAL(pop_check(&x.c, 1, 1), 0);

	/* Consumer arms at 2; a batch of 2..4 passes it. */
	CU_ASSERT_FALSE(sc_ring_cons_wait_arm(&x.c));
	CU_ASSERT_EQUAL(hdr(&x)->prod_event, 2u);
	for (uint32_t i = 2; i < 5; i++)
		CU_ASSERT_EQUAL(push(&x.p, i), 0);
	CU_ASSERT_TRUE(sc_ring_prod_flush(&x.p));
	CU_ASSERT_FALSE(sc_ring_prod_flush(&x.p));

	/* Consumer takes one and arms at 3, but 3 is already there: the
	 * arm says so, and the next flush (of 5) does not ring. */
	CU_ASSERT_EQUAL(pop_check(&x.c, 2, 2), 0);
	CU_ASSERT_TRUE(sc_ring_cons_wait_arm(&x.c));
	CU_ASSERT_EQUAL(hdr(&x)->prod_event, 3u);
	CU_ASSERT_EQUAL(push(&x.p, 5), 0);
	CU_ASSERT_FALSE(sc_ring_prod_flush(&x.p));

	/* Consumer drains all and arms at 6: the flush of 6 rings. */
	for (uint32_t i = 3; i < 6; i++)
		CU_ASSERT_EQUAL(pop_check(&x.c, i, i), 0);
	CU_ASSERT_FALSE(sc_ring_cons_wait_arm(&x.c));
	CU_ASSERT_EQUAL(push(&x.p, 6), 0);
	CU_ASSERT_TRUE(sc_ring_prod_flush(&x.p));
	pair_close(&x);
}

/*
 * A fresh ring's event indices are 0, which the rule reads as "armed at
 * 0": the first flush of each side rings even if the peer never armed
 * (a spurious doorbell at start-up, never a missed one).
 */
static void test_fresh_ring_first_flush_rings(void)
{
	struct pair x;

	pair_open(&x, 2);
	CU_ASSERT_EQUAL(push(&x.p, 0), 0);
	CU_ASSERT_TRUE(sc_ring_prod_flush(&x.p));
	CU_ASSERT_EQUAL(pop_check(&x.c, 0, 0), 0);
	CU_ASSERT_TRUE(sc_ring_cons_flush(&x.c));
	CU_ASSERT_EQUAL(push(&x.p, 1), 0);
	CU_ASSERT_FALSE(sc_ring_prod_flush(&x.p));
	CU_ASSERT_EQUAL(pop_check(&x.c, 1, 1), 0);
	CU_ASSERT_FALSE(sc_ring_cons_flush(&x.c));
	pair_close(&x);
}

static void test_cons_flush_events(void)
{
	struct pair x;

	pair_open(&x, 2);
	/* Use up the fresh ring's implicit arm at 0 (see above). */
	CU_ASSERT_EQUAL(push(&x.p, 0), 0);
	CU_ASSERT_EQUAL(pop_check(&x.c, 0, 0), 0);
	sc_ring_cons_flush(&x.c);

	/* Producer fills the ring (indices 1..4), finds it full and arms. */
	for (uint32_t i = 1; i <= x.size; i++)
		CU_ASSERT_EQUAL(push(&x.p, i), 0);
	CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
	CU_ASSERT_FALSE(sc_ring_prod_wait_arm(&x.p));
	CU_ASSERT_EQUAL(hdr(&x)->cons_event, x.p.head - x.size);
	CU_ASSERT_EQUAL(hdr(&x)->cons_event, 1u);
	sc_ring_prod_flush(&x.p);

	/* Consumer takes one but has not published: still no room. */
	CU_ASSERT_EQUAL(pop_check(&x.c, 1, 1), 0);
	CU_ASSERT_FALSE(sc_ring_prod_wait_arm(&x.p));
	/* Publishing frees slot 1, past the event: ring. */
	CU_ASSERT_TRUE(sc_ring_cons_flush(&x.c));
	CU_ASSERT_FALSE(sc_ring_cons_flush(&x.c)); /* nothing new */
	CU_ASSERT_PTR_NOT_NULL(sc_ring_prod_next(&x.p));

	/* Producer did not arm again: freeing more does not ring. */
	CU_ASSERT_EQUAL(pop_check(&x.c, 2, 2), 0);
	CU_ASSERT_FALSE(sc_ring_cons_flush(&x.c));

	/* Arming when there is room says so at once. */
	CU_ASSERT_TRUE(sc_ring_prod_wait_arm(&x.p));
	pair_close(&x);
}

/* ----------------------------------------------------------- hostile peer */

static void hostile_cons(uint32_t (*bad)(uint32_t head, uint32_t size))
{
	struct pair x;

	pair_open(&x, 2);
	for (uint32_t i = 0; i < x.size; i++)
		CU_ASSERT_EQUAL(push(&x.p, i), 0);
	sc_ring_prod_flush(&x.p);
	hdr(&x)->cons = bad(x.p.head, x.size);
	CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
	CU_ASSERT_TRUE(x.p.broken);
	/* Dead for good, even if the peer then writes a sane index. */
	hdr(&x)->cons = x.p.head;
	CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
	CU_ASSERT_FALSE(sc_ring_prod_wait_arm(&x.p));
	pair_close(&x);
}

static uint32_t ahead_5(uint32_t head, uint32_t size) { (void)size; return head + 5; }
static uint32_t ahead_1(uint32_t head, uint32_t size) { (void)size; return head + 1; }
static uint32_t behind_ring_1(uint32_t head, uint32_t size) { return head - size - 1; }
static uint32_t far_off(uint32_t head, uint32_t size) { (void)size; return head + 0x80000000u; }

static void test_hostile_cons_ahead(void)
{
	hostile_cons(ahead_5);
	hostile_cons(ahead_1);
	hostile_cons(far_off);
}

static void test_hostile_cons_behind(void)
{
	hostile_cons(behind_ring_1);
}

/* The limits themselves are legitimate: cons == head - size is full,
 * cons == head is empty. */
static void test_cons_limits_ok(void)
{
	struct pair x;

	pair_open(&x, 2);
	for (uint32_t i = 0; i < x.size; i++)
		CU_ASSERT_EQUAL(push(&x.p, i), 0);
	hdr(&x)->cons = x.p.head - x.size;
	CU_ASSERT_PTR_NULL(sc_ring_prod_next(&x.p));
	CU_ASSERT_FALSE(x.p.broken);
	hdr(&x)->cons = x.p.head;
	CU_ASSERT_PTR_EQUAL(sc_ring_prod_next(&x.p), slot_of(&x, x.p.head));
	CU_ASSERT_FALSE(x.p.broken);
	pair_close(&x);
}

static void test_bad_seq_not_taken(void)
{
	struct pair x;
	struct sc_slot out;
	struct sc_slot *s;
	/* Index 2 wants seq 3: anything else, including the same slot's seq
	 * a lap later (7) or earlier (0xffffffff), is not a message. */
	const uint32_t bad[] = { 0, 1, 2, 4, 3 + 4, 3u - 4u, 0x80000003u };

	pair_open(&x, 2);
	/* Move the consumer to index 2. */
	CU_ASSERT_EQUAL(push(&x.p, 0), 0);
	CU_ASSERT_EQUAL(push(&x.p, 1), 0);
	CU_ASSERT_EQUAL(pop_check(&x.c, 0, 0), 0);
	CU_ASSERT_EQUAL(pop_check(&x.c, 1, 1), 0);

	s = slot_of(&x, 2);
	s->type = 9;
	s->len = 4;
	memcpy(s->data, "evil", 4);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		s->seq = bad[i];
		CU_ASSERT_FALSE(sc_ring_cons_take(&x.c, &out));
		CU_ASSERT_FALSE(sc_ring_cons_wait_arm(&x.c));
		CU_ASSERT_EQUAL(x.c.head, 2u);
	}
	s->seq = 3;
	CU_ASSERT_TRUE(sc_ring_cons_wait_arm(&x.c));
	CU_ASSERT_TRUE(sc_ring_cons_take(&x.c, &out));
	CU_ASSERT_EQUAL(out.seq, 3u);
	CU_ASSERT_EQUAL(out.type, 9);
	CU_ASSERT_EQUAL(x.c.head, 3u);
	pair_close(&x);
}

/* ----------------------------------------------------------------- attach */

static void test_attach_refuses(void)
{
	const uint64_t big = SC_RING_BYTES(SC_RING_ORDER_MAX);
	struct sc_ring_hdr *h;
	struct sc_ring r;
	void *mem = aligned_alloc(SC_CACHELINE, big);

	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	h = mem;

	CU_ASSERT_EQUAL(sc_ring_attach(&r, NULL, big), -1);

	sc_ring_init(mem, 2);
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, SC_RING_BYTES(2)), 0);
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, SC_RING_BYTES(2) - 1), -1);
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, sizeof(*h) - 1), -1);
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, sizeof(*h)), -1);
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, 0), -1);

	/* Bad magic. */
	h->magic = SC_RING_MAGIC ^ 1;
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, big), -1);
	h->magic = 0;
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, big), -1);
	h->magic = SC_RING_MAGIC;

	/* Order 0, too large, absurd. */
	h->order = 0;
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, big), -1);
	h->order = SC_RING_ORDER_MAX + 1;
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, big * 2), -1);
	h->order = 32;
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, big), -1);
	h->order = 0xffffffffu;
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, big), -1);

	/* Largest order: needs all its bytes. */
	sc_ring_init(mem, SC_RING_ORDER_MAX);
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, big - 1), -1);
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, big), 0);
	CU_ASSERT_EQUAL(r.mask, (1u << SC_RING_ORDER_MAX) - 1);
	/* Smallest order. */
	sc_ring_init(mem, SC_RING_ORDER_MIN);
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, SC_RING_BYTES(SC_RING_ORDER_MIN)), 0);
	CU_ASSERT_EQUAL(r.mask, 1u);
	free(mem);
}

/* -------------------------------------------------------------- copy-out */

static void test_copy_independent(void)
{
	struct pair x;
	struct sc_slot out, *s;

	pair_open(&x, 2);
	CU_ASSERT_EQUAL(push(&x.p, 7), 0);
	s = slot_of(&x, 0);
	CU_ASSERT_TRUE_FATAL(sc_ring_cons_take(&x.c, &out));
	/* The (hostile) producer rewrites the slot after the take. */
	memset(s->data, 0xee, sizeof(s->data));
	s->type = 0xdead;
	s->len = 0xffff;
	s->seq = 0x12345678;
	CU_ASSERT_EQUAL(out.seq, 1u);
	CU_ASSERT_EQUAL(out.type, tag_type(7));
	CU_ASSERT_EQUAL(out.len, tag_len(7));
	for (unsigned i = 0; i < SC_SLOT_PAYLOAD; i++)
		CU_ASSERT_EQUAL(out.data[i], tag_byte(7, i));
	CU_ASSERT_PTR_NOT_EQUAL(&out, s);
	pair_close(&x);
}

/* ------------------------------------------------------------------ layout */

/* Each header line has one writer; the slots start after five lines. */
static void test_header_lines(void)
{
	struct pair x;
	const uint8_t *base;

	pair_open(&x, 2);
	base = x.mem;
	CU_ASSERT_EQUAL((const uint8_t *)&hdr(&x)->prod - base, 0);
	CU_ASSERT_EQUAL((const uint8_t *)&hdr(&x)->cons - base, 64);
	CU_ASSERT_EQUAL((const uint8_t *)&hdr(&x)->prod_event - base, 128);
	CU_ASSERT_EQUAL((const uint8_t *)&hdr(&x)->cons_event - base, 192);
	CU_ASSERT_EQUAL((const uint8_t *)&hdr(&x)->magic - base, 256);
	CU_ASSERT_EQUAL((const uint8_t *)x.p.slots - base, 320);
	CU_ASSERT_EQUAL(SC_RING_BYTES(2), 320u + 4 * 64);
	pair_close(&x);
}

/* ------------------------------------------------------------------ duplex */

static void duplex_open(struct pair *x, uint32_t order)
{
	x->bytes = SC_RING_BYTES(order);
	x->size = 1u << order;
	x->mem = aligned_alloc(SC_CACHELINE, (x->bytes + SC_CACHELINE - 1) &
						     ~(uint64_t)(SC_CACHELINE - 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->mem);
	memset(x->mem, 0xa5, x->bytes);
	sc_ring_init_duplex(x->mem, order);
	CU_ASSERT_EQUAL_FATAL(sc_ring_attach(&x->p, x->mem, x->bytes), 0);
	CU_ASSERT_EQUAL_FATAL(sc_ring_attach(&x->c, x->mem, x->bytes), 0);
}

/* Requester: send request tag (direction 0). */
static int request(struct sc_ring *r, uint32_t tag)
{
	struct sc_slot *s = sc_ring_req_next(r);

	if (!s)
		return -1;
	s->type = tag_type(tag);
	s->len = tag_len(tag);
	for (unsigned i = 0; i < SC_SLOT_PAYLOAD; i++)
		s->data[i] = tag_byte(tag, i);
	sc_ring_req_commit(r);
	return 0;
}

/* Responder: take request tag at idx, check it, answer with ~tag in place. */
static int answer(struct sc_ring *r, uint32_t tag, uint32_t idx)
{
	struct sc_slot in, *s;

	memset(&in, 0, sizeof(in));
	if (!sc_ring_resp_take(r, &in))
		return -1;
	if (in.seq != idx + 1 || in.type != tag_type(tag) || in.len != tag_len(tag))
		return -2;
	for (unsigned i = 0; i < SC_SLOT_PAYLOAD; i++)
		if (in.data[i] != tag_byte(tag, i))
			return -3;
	s = sc_ring_resp_next(r);
	if (!s || s != &r->slots[idx & r->mask])
		return -4; /* the answer goes into the request's own slot */
	s->type = tag_type(~tag);
	s->len = tag_len(~tag);
	for (unsigned i = 0; i < SC_SLOT_PAYLOAD; i++)
		s->data[i] = tag_byte(~tag, i);
	sc_ring_resp_commit(r);
	return 0;
}

/* Requester: reap the answer to request tag at idx. */
static int reap_check(struct sc_ring *r, uint32_t tag, uint32_t idx)
{
	struct sc_slot out;

	memset(&out, 0, sizeof(out));
	if (!sc_ring_req_reap(r, &out))
		return -1;
	if (out.seq != ((idx + 1) ^ SC_SEQ_ANSWERED) ||
	    out.type != tag_type(~tag) || out.len != tag_len(~tag))
		return -2;
	for (unsigned i = 0; i < SC_SLOT_PAYLOAD; i++)
		if (out.data[i] != tag_byte(~tag, i))
			return -3;
	return 0;
}

static void test_duplex_round_trips(void)
{
	struct pair x;

	duplex_open(&x, 2);
	CU_ASSERT_EQUAL(hdr(&x)->flags, SC_RING_DUPLEX);
	CU_ASSERT_TRUE(x.p.duplex);
	CU_ASSERT_TRUE(x.c.duplex);
	/* Nothing taken, nothing to answer or reap. */
	CU_ASSERT_PTR_NULL(sc_ring_resp_next(&x.c));
	CU_ASSERT_EQUAL(reap_check(&x.p, 0, 0), -1);
	for (uint32_t i = 0; i < 3 * x.size; i++) {
		CU_ASSERT_EQUAL(request(&x.p, i), 0);
		CU_ASSERT_EQUAL(reap_check(&x.p, i, i), -1); /* not yet */
		CU_ASSERT_EQUAL(answer(&x.c, i, i), 0);
		CU_ASSERT_PTR_NULL(sc_ring_resp_next(&x.c));
		CU_ASSERT_EQUAL(reap_check(&x.p, i, i), 0);
		CU_ASSERT_EQUAL(reap_check(&x.p, i, i), -1); /* once only */
	}
	/* A duplex ring publishes no index a peer depends on. */
	CU_ASSERT_FALSE(x.p.broken);
	CU_ASSERT_FALSE(x.c.broken);
	pair_close(&x);
}

/* Flow control is the requester's own count of outstanding requests. */
static void test_duplex_full(void)
{
	struct pair x;

	duplex_open(&x, 2);
	for (uint32_t i = 0; i < x.size; i++)
		CU_ASSERT_EQUAL(request(&x.p, i), 0);
	CU_ASSERT_PTR_NULL(sc_ring_req_next(&x.p)); /* all out */
	/* Taken is not free: the slot is free once its answer is reaped. */
	CU_ASSERT_EQUAL(answer(&x.c, 0, 0), 0);
	CU_ASSERT_EQUAL(answer(&x.c, 1, 1), 0);
	CU_ASSERT_PTR_NULL(sc_ring_req_next(&x.p));
	CU_ASSERT_EQUAL(reap_check(&x.p, 0, 0), 0);
	CU_ASSERT_PTR_EQUAL(sc_ring_req_next(&x.p), slot_of(&x, x.size));
	CU_ASSERT_EQUAL(request(&x.p, x.size), 0);
	CU_ASSERT_PTR_NULL(sc_ring_req_next(&x.p));
	/* The responder answers in order, several taken at once. */
	CU_ASSERT_EQUAL(answer(&x.c, 2, 2), 0);
	CU_ASSERT_EQUAL(answer(&x.c, 3, 3), 0);
	CU_ASSERT_EQUAL(answer(&x.c, x.size, x.size), 0);
	CU_ASSERT_EQUAL(answer(&x.c, 0, 0), -1); /* nothing more */
	for (uint32_t i = 1; i <= x.size; i++)
		CU_ASSERT_EQUAL(reap_check(&x.p, i, i), 0);
	CU_ASSERT_EQUAL(x.p.head, x.p.tail);
	pair_close(&x);
}

/* Taking several requests, then answering: resp_next walks them in order. */
static void test_duplex_take_then_answer(void)
{
	struct pair x;
	struct sc_slot in;

	duplex_open(&x, 3);
	for (uint32_t i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(request(&x.p, i), 0);
	for (uint32_t i = 0; i < 5; i++)
		CU_ASSERT_TRUE(sc_ring_resp_take(&x.c, &in));
	CU_ASSERT_FALSE(sc_ring_resp_take(&x.c, &in));
	for (uint32_t i = 0; i < 5; i++) {
		struct sc_slot *s = sc_ring_resp_next(&x.c);

		CU_ASSERT_PTR_EQUAL(s, slot_of(&x, i));
		sc_ring_resp_commit(&x.c);
	}
	CU_ASSERT_PTR_NULL(sc_ring_resp_next(&x.c));
	pair_close(&x);
}

/* Stale and forged seqs are not answers; answers are not requests. */
static void test_duplex_bad_seq(void)
{
	struct pair x;
	struct sc_slot out;

	duplex_open(&x, 2);
	/* A "responder" marks slot 0 answered with no request out. */
	slot_of(&x, 0)->seq = 1u ^ SC_SEQ_ANSWERED;
	CU_ASSERT_FALSE(sc_ring_req_reap(&x.p, &out));
	CU_ASSERT_FALSE(sc_ring_req_wait_arm(&x.p));
	CU_ASSERT_EQUAL(x.p.tail, 0u);
	/* And an answered slot is not a request for the responder. */
	CU_ASSERT_FALSE(sc_ring_resp_take(&x.c, &out));

	CU_ASSERT_EQUAL(request(&x.p, 0), 0);
	/* Request 0 out: its own request seq, last lap's answer, next lap's
	 * answer are all not its answer. */
	slot_of(&x, 0)->seq = 1;
	CU_ASSERT_FALSE(sc_ring_req_reap(&x.p, &out));
	slot_of(&x, 0)->seq = (1u - x.size) ^ SC_SEQ_ANSWERED;
	CU_ASSERT_FALSE(sc_ring_req_reap(&x.p, &out));
	slot_of(&x, 0)->seq = (1u + x.size) ^ SC_SEQ_ANSWERED;
	CU_ASSERT_FALSE(sc_ring_req_reap(&x.p, &out));
	slot_of(&x, 0)->seq = 1u ^ SC_SEQ_ANSWERED;
	CU_ASSERT_TRUE(sc_ring_req_wait_arm(&x.p));
	CU_ASSERT_TRUE(sc_ring_req_reap(&x.p, &out));
	CU_ASSERT_EQUAL(out.seq, 1u ^ SC_SEQ_ANSWERED);
	pair_close(&x);
}

/* Doorbells both ways: each side rings only when the other armed. */
static void test_duplex_events(void)
{
	struct pair x;

	duplex_open(&x, 2);
	/* Fresh ring: events at 0 read as armed, like a stream ring. */
	CU_ASSERT_EQUAL(request(&x.p, 0), 0);
	CU_ASSERT_TRUE(sc_ring_req_flush(&x.p));
	CU_ASSERT_FALSE(sc_ring_req_flush(&x.p)); /* nothing new */
	CU_ASSERT_EQUAL(answer(&x.c, 0, 0), 0);
	CU_ASSERT_TRUE(sc_ring_resp_flush(&x.c));
	CU_ASSERT_FALSE(sc_ring_resp_flush(&x.c));
	CU_ASSERT_EQUAL(hdr(&x)->cons, 1u); /* answers, for the record */
	CU_ASSERT_EQUAL(reap_check(&x.p, 0, 0), 0);

	/* Nobody armed: no doorbells. */
	CU_ASSERT_EQUAL(request(&x.p, 1), 0);
	CU_ASSERT_FALSE(sc_ring_req_flush(&x.p));
	CU_ASSERT_EQUAL(answer(&x.c, 1, 1), 0);
	CU_ASSERT_FALSE(sc_ring_resp_flush(&x.c));
	CU_ASSERT_EQUAL(reap_check(&x.p, 1, 1), 0);

	/* Responder finds nothing, arms at 2: request 2 rings. */
	CU_ASSERT_FALSE(sc_ring_resp_wait_arm(&x.c));
	CU_ASSERT_EQUAL(hdr(&x)->prod_event, 2u);
	CU_ASSERT_EQUAL(request(&x.p, 2), 0);
	/* Requester arms for answer 2 before it is there. */
	CU_ASSERT_FALSE(sc_ring_req_wait_arm(&x.p));
	CU_ASSERT_EQUAL(hdr(&x)->cons_event, 2u);
	CU_ASSERT_TRUE(sc_ring_req_flush(&x.p));
	CU_ASSERT_TRUE(sc_ring_resp_wait_arm(&x.c)); /* it is there now */
	CU_ASSERT_EQUAL(answer(&x.c, 2, 2), 0);
	CU_ASSERT_TRUE(sc_ring_resp_flush(&x.c)); /* answer 2 passes event 2 */
	CU_ASSERT_TRUE(sc_ring_req_wait_arm(&x.p)); /* and it is there */
	CU_ASSERT_EQUAL(reap_check(&x.p, 2, 2), 0);
	pair_close(&x);
}

/* Across 2^32: both sides' indices and the slots as the last lap left them. */
static void test_duplex_wrap(void)
{
	const uint32_t base = 0xfffffffau;
	struct pair x;
	uint32_t sent = 0, got = 0;

	duplex_open(&x, 2);
	x.p.head = x.p.tail = x.p.published = base;
	x.c.head = x.c.tail = x.c.published = base;
	for (uint32_t i = 0; i < x.size; i++) {
		uint32_t idx = base - x.size + i;

		slot_of(&x, idx)->seq = (idx + 1) ^ SC_SEQ_ANSWERED;
	}
	CU_ASSERT_EQUAL(reap_check(&x.p, 0, base), -1);
	for (int round = 0; round < 6; round++) {
		uint32_t k = 1 + (uint32_t)round % x.size;

		for (uint32_t i = 0; i < k; i++, sent++)
			CU_ASSERT_EQUAL(request(&x.p, sent), 0);
		if (k == x.size)
			CU_ASSERT_PTR_NULL(sc_ring_req_next(&x.p));
		for (uint32_t i = got; i < sent; i++)
			CU_ASSERT_EQUAL(answer(&x.c, i, base + i), 0);
		for (; got < sent; got++)
			CU_ASSERT_EQUAL(reap_check(&x.p, got, base + got), 0);
	}
	CU_ASSERT_TRUE(x.p.head < base); /* did wrap */
	CU_ASSERT_EQUAL(x.p.head, base + sent);
	pair_close(&x);
}

/* Each API refuses a ring laid out for the other. */
static void test_duplex_mode_checked(void)
{
	struct pair x;
	struct sc_slot out;

	pair_open(&x, 2); /* stream */
	CU_ASSERT_PTR_NULL(sc_ring_req_next(&x.p));
	CU_ASSERT_FALSE(sc_ring_req_flush(&x.p));
	CU_ASSERT_FALSE(sc_ring_req_reap(&x.p, &out));
	CU_ASSERT_FALSE(sc_ring_req_wait_arm(&x.p));
	CU_ASSERT_EQUAL(push(&x.p, 0), 0);
	CU_ASSERT_FALSE(sc_ring_resp_take(&x.c, &out)); /* a message is there */
	CU_ASSERT_PTR_NULL(sc_ring_resp_next(&x.c));
	CU_ASSERT_FALSE(sc_ring_resp_flush(&x.c));
	CU_ASSERT_FALSE(sc_ring_resp_wait_arm(&x.c));
	CU_ASSERT_EQUAL(pop_check(&x.c, 0, 0), 0); /* the stream API works */
	pair_close(&x);
}

static void test_attach_flags(void)
{
	const uint64_t bytes = SC_RING_BYTES(2);
	void *mem = aligned_alloc(SC_CACHELINE, bytes);
	struct sc_ring r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	sc_ring_init(mem, 2);
	((struct sc_ring_hdr *)mem)->flags = 2; /* unknown flag */
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, bytes), -1);
	((struct sc_ring_hdr *)mem)->flags = SC_RING_DUPLEX | 0x80000000u;
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, bytes), -1);
	((struct sc_ring_hdr *)mem)->flags = SC_RING_DUPLEX;
	CU_ASSERT_EQUAL(sc_ring_attach(&r, mem, bytes), 0);
	CU_ASSERT_TRUE(r.duplex);
	CU_ASSERT_EQUAL(r.tail, 0u);
	free(mem);
}

int sc_unit_register_ring(void)
{
	CU_pSuite s = CU_add_suite("ring", NULL, NULL);

	if (!s ||
	    !CU_add_test(s, "init lays out a zeroed ring", test_init_layout) ||
	    !CU_add_test(s, "empty ring", test_empty) ||
	    !CU_add_test(s, "fill to full, drain, refill", test_fill_drain_refill) ||
	    !CU_add_test(s, "fill and drain the largest ring", test_fill_max_order) ||
	    !CU_add_test(s, "indices wrap at 2^32", test_wrap) ||
	    !CU_add_test(s, "full across the wrap", test_wrap_full) ||
	    !CU_add_test(s, "need_event truth table", test_need_event_table) ||
	    !CU_add_test(s, "prod_flush rings only when armed and passed", test_prod_flush_events) ||
	    !CU_add_test(s, "fresh ring: first flush rings", test_fresh_ring_first_flush_rings) ||
	    !CU_add_test(s, "cons_flush / prod_wait_arm when full", test_cons_flush_events) ||
	    !CU_add_test(s, "hostile cons ahead of prod breaks ring", test_hostile_cons_ahead) ||
	    !CU_add_test(s, "hostile cons more than a ring behind breaks ring", test_hostile_cons_behind) ||
	    !CU_add_test(s, "cons at the limits is legitimate", test_cons_limits_ok) ||
	    !CU_add_test(s, "slot with a wrong seq is not taken", test_bad_seq_not_taken) ||
	    !CU_add_test(s, "attach refuses bad headers", test_attach_refuses) ||
	    !CU_add_test(s, "copy-out is independent of the slot", test_copy_independent) ||
	    !CU_add_test(s, "header: one line per writer", test_header_lines) ||
	    !CU_add_test(s, "duplex round trips, answer in place", test_duplex_round_trips) ||
	    !CU_add_test(s, "duplex full until answers are reaped", test_duplex_full) ||
	    !CU_add_test(s, "duplex: take several, answer in order", test_duplex_take_then_answer) ||
	    !CU_add_test(s, "duplex: stale and forged seqs", test_duplex_bad_seq) ||
	    !CU_add_test(s, "duplex doorbells both ways", test_duplex_events) ||
	    !CU_add_test(s, "duplex indices wrap at 2^32", test_duplex_wrap) ||
	    !CU_add_test(s, "duplex and stream calls check the mode", test_duplex_mode_checked) ||
	    !CU_add_test(s, "attach checks flags", test_attach_flags))
		return -1;
	return 0;
}
