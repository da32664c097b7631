// SPDX-License-Identifier: GPL-2.0
/*
 * The sparecore ring in the benchmark, exactly as the product links it
 * (paravirt-drivers/ring.c): round trips through a duplex ring (the
 * "sparecore" row) and through a request ring + completion ring ("2ring",
 * the only way before duplex rings), one-way streaming through a stream ring.
 *
 * Every side spins: these are the polling numbers. Flushes are still
 * called as a driver would, and their doorbell verdict is dropped (both
 * sides poll, so nobody waits for a doorbell); the store-load fence and
 * event-index check they cost are part of the measured path.
 */
#include "bench.h"

#include <stdlib.h>
#include <string.h>

#include <sparecore/ring.h>

/* Ring order for the benches: 256 slots, ck_ring gets the same. */
#define BENCH_ORDER 8u

/* ------------------------------------------------------------ ring common */

/* Message i carries i in its first 8 bytes; the reply carries ~i. */
static void put_u64(struct sc_slot *s, uint16_t type, uint64_t v)
{
	s->type = type;
	s->len = 8;
	memcpy(s->data, &v, 8);
}

static uint64_t get_u64(const struct sc_slot *s)
{
	uint64_t v;

	memcpy(&v, s->data, 8);
	return v;
}

static void *ring_alloc(uint32_t order, struct sc_ring *a, struct sc_ring *b)
{
	uint64_t bytes = SC_RING_BYTES(order);
	void *mem = aligned_alloc(4096, (bytes + 4095) & ~4095ull);

	if (!mem)
		return NULL;
	sc_ring_init(mem, order);
	if (sc_ring_attach(a, mem, bytes) || sc_ring_attach(b, mem, bytes)) {
		free(mem);
		return NULL;
	}
	return mem;
}

/* ---------------------------------------------- two rings, request + reply */

/*
 * The ring API the console uses: a request ring (client produces) and a
 * completion ring (server produces), each consumer polling its slot.
 * This is how a round trip went before duplex rings (ABI 1).
 */
struct two_ctx {
	void *req_mem, *resp_mem;
	/* Each side's private views on lines of their own: in the product
	 * they live in different address spaces, and sharing a line here
	 * would bounce it on every message. */
	_Alignas(64) struct sc_ring req_p;  /* client */
	struct sc_ring resp_c;              /* client */
	_Alignas(64) struct sc_ring req_c;  /* server */
	struct sc_ring resp_p;              /* server */
};

static void two_teardown(void *ctx)
{
	struct two_ctx *t = ctx;

	if (!t)
		return;
	free(t->req_mem);
	free(t->resp_mem);
	free(t);
}

static void *two_setup(void)
{
	struct two_ctx *t = aligned_alloc(64, sizeof(*t));

	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->req_mem = ring_alloc(BENCH_ORDER, &t->req_p, &t->req_c);
	t->resp_mem = ring_alloc(BENCH_ORDER, &t->resp_p, &t->resp_c);
	if (!t->req_mem || !t->resp_mem) {
		two_teardown(t);
		return NULL;
	}
	return t;
}

/* Produce one message, spinning while the ring is full. */
static int produce(struct sc_ring *r, uint16_t type, uint64_t v)
{
	struct sc_slot *s;

	while (!(s = sc_ring_prod_next(r))) {
		if (r->broken)
			return -1;
		bench_relax();
	}
	put_u64(s, type, v);
	sc_ring_prod_commit(r);
	return 0;
}

static void two_client(void *ctx, struct bench_rtt *r)
{
	struct two_ctx *t = ctx;
	uint64_t total = r->warmup + r->n;
	struct sc_slot out;

	for (uint64_t i = 0; i < total && !r->err; i++) {
		uint64_t t0 = bench_now();

		if (produce(&t->req_p, 1, i)) {
			r->err = 1;
			break;
		}
		(void)sc_ring_prod_flush(&t->req_p); /* polling: no doorbell */
		while (!sc_ring_cons_take(&t->resp_c, &out))
			bench_relax();
		(void)sc_ring_cons_flush(&t->resp_c);
		if (i >= r->warmup)
			r->samples[i - r->warmup] = bench_now() - t0;
		if (get_u64(&out) != ~i)
			r->err = 1;
	}
}

static void two_server(void *ctx, struct bench_rtt *r)
{
	struct two_ctx *t = ctx;
	uint64_t total = r->warmup + r->n;
	struct sc_slot in;

	for (uint64_t i = 0; i < total; i++) {
		while (!sc_ring_cons_take(&t->req_c, &in))
			bench_relax();
		(void)sc_ring_cons_flush(&t->req_c);
		if (produce(&t->resp_p, 2, ~get_u64(&in))) {
			r->err = 1;
			return;
		}
		(void)sc_ring_prod_flush(&t->resp_p);
	}
}

/* One-way stream through the request ring. */
static void ring_tx(struct sc_ring *p, struct bench_stream *s)
{
	for (uint64_t i = 0; i < s->n;) {
		for (unsigned b = 0; b < s->batch && i < s->n; b++, i++) {
			struct sc_slot *slot;

			while (!(slot = sc_ring_prod_next(p))) {
				if (p->broken) {
					s->err = 1;
					return;
				}
				/* Full: make sure the consumer sees what we
				 * have, then wait for room. */
				(void)sc_ring_prod_flush(p);
				bench_relax();
			}
			put_u64(slot, 1, i);
			sc_ring_prod_commit(p);
		}
		(void)sc_ring_prod_flush(p);
	}
}

static void ring_rx(struct sc_ring *c, struct bench_stream *s)
{
	uint64_t t0 = bench_now(), i = 0;
	struct sc_slot in;

	while (i < s->n) {
		unsigned b = 0;

		while (b < s->batch && sc_ring_cons_take(c, &in)) {
			if (get_u64(&in) != i)
				s->err = 1;
			b++;
			i++;
		}
		if (b)
			(void)sc_ring_cons_flush(c);
		else
			bench_relax();
	}
	s->ns = bench_now() - t0;
}

const struct bench_test bench_sparecore_2ring = {
	.name = "sparecore_2ring",
	.what = "sparecore stream rings, one for requests, one for answers",
	.setup = two_setup,
	.teardown = two_teardown,
	.client = two_client,
	.server = two_server,
	/* Its stream is the sparecore row's: the same ring, the same code. */
};

/* ------------------------------------------------ duplex: answer in place */

/*
 * The request/response API: one duplex ring, the server writes each answer
 * into the request's own slot, so a round trip moves one cache line there
 * and back, as the floor does.
 */
struct duplex_ctx {
	void *mem;
	_Alignas(64) struct sc_ring req;  /* client's view, a line of its own */
	_Alignas(64) struct sc_ring resp; /* server's view */
	struct two_ctx stream;            /* its request ring, for streaming */
};

static void duplex_teardown(void *ctx)
{
	struct duplex_ctx *d = ctx;

	if (d) {
		free(d->mem);
		free(d->stream.req_mem);
	}
	free(d);
}

static void *duplex_setup(void)
{
	struct duplex_ctx *d = aligned_alloc(64, sizeof(*d));
	uint64_t bytes = SC_RING_BYTES(BENCH_ORDER);

	if (!d)
		return NULL;
	memset(d, 0, sizeof(*d));
	d->mem = aligned_alloc(4096, (bytes + 4095) & ~4095ull);
	if (!d->mem) {
		free(d);
		return NULL;
	}
	sc_ring_init_duplex(d->mem, BENCH_ORDER);
	d->stream.req_mem = ring_alloc(BENCH_ORDER, &d->stream.req_p,
				       &d->stream.req_c);
	if (!d->stream.req_mem || sc_ring_attach(&d->req, d->mem, bytes) ||
	    sc_ring_attach(&d->resp, d->mem, bytes)) {
		duplex_teardown(d);
		return NULL;
	}
	return d;
}

static void duplex_client(void *ctx, struct bench_rtt *r)
{
	struct duplex_ctx *d = ctx;
	uint64_t total = r->warmup + r->n;
	struct sc_slot out;

	for (uint64_t i = 0; i < total && !r->err; i++) {
		uint64_t t0 = bench_now();
		struct sc_slot *s = sc_ring_req_next(&d->req);

		if (!s) { /* cannot happen: one request out at a time */
			r->err = 1;
			break;
		}
		put_u64(s, 1, i);
		sc_ring_req_commit(&d->req);
		(void)sc_ring_req_flush(&d->req); /* polling: no doorbell */
		while (!sc_ring_req_reap(&d->req, &out))
			bench_relax();
		if (i >= r->warmup)
			r->samples[i - r->warmup] = bench_now() - t0;
		if (get_u64(&out) != ~i)
			r->err = 1;
	}
}

static void duplex_server(void *ctx, struct bench_rtt *r)
{
	struct duplex_ctx *d = ctx;
	uint64_t total = r->warmup + r->n;
	struct sc_slot in;

	for (uint64_t i = 0; i < total; i++) {
		while (!sc_ring_resp_take(&d->resp, &in))
			bench_relax();
		put_u64(sc_ring_resp_next(&d->resp), 2, ~get_u64(&in));
		sc_ring_resp_commit(&d->resp);
		(void)sc_ring_resp_flush(&d->resp);
	}
}

/* Streaming is one-way, which is what a stream ring is for (the console's
 * output is one): the sparecore row streams through one. */
static void duplex_tx(void *ctx, struct bench_stream *s)
{
	ring_tx(&((struct duplex_ctx *)ctx)->stream.req_p, s);
}

static void duplex_rx(void *ctx, struct bench_stream *s)
{
	ring_rx(&((struct duplex_ctx *)ctx)->stream.req_c, s);
}

const struct bench_test bench_sparecore = {
	.name = "sparecore",
	.what = "sparecore duplex ring (answer in the request's slot); streams: stream ring",
	.setup = duplex_setup,
	.teardown = duplex_teardown,
	.client = duplex_client,
	.server = duplex_server,
	.tx = duplex_tx,
	.rx = duplex_rx,
};
