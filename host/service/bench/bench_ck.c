// SPDX-License-Identifier: GPL-2.0
/*
 * The well-known peer: Concurrency Kit's SPSC ring (Debian libck-dev, header
 * only), carrying the same 64-byte messages as ours (CK_RING_PROTOTYPE
 * copies whole structs), with the same 256 entries. Its consumer polls the
 * producer's index, then reads the entry: two cache lines per message.
 * ck_ring has no batched publish: every enqueue publishes, so "batch" only
 * groups the loop.
 */
#include "bench.h"

#include <stdlib.h>
#include <string.h>

#include <ck_ring.h>

#define CK_ENTRIES 256u

struct ck_msg {
	uint64_t v;
	uint8_t pad[56];
};
_Static_assert(sizeof(struct ck_msg) == 64, "same size as a sparecore slot");

CK_RING_PROTOTYPE(msg, ck_msg)

struct ck_ctx {
	struct ck_ring req, resp;
	struct ck_msg *req_buf, *resp_buf;
};

static void ck_teardown(void *ctx)
{
	struct ck_ctx *c = ctx;

	if (!c)
		return;
	free(c->req_buf);
	free(c->resp_buf);
	free(c);
}

static void *ck_setup(void)
{
	struct ck_ctx *c = aligned_alloc(64, sizeof(*c));
	size_t bytes = CK_ENTRIES * sizeof(struct ck_msg);

	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c));
	c->req_buf = aligned_alloc(4096, bytes);
	c->resp_buf = aligned_alloc(4096, bytes);
	if (!c->req_buf || !c->resp_buf) {
		ck_teardown(c);
		return NULL;
	}
	memset(c->req_buf, 0, bytes);
	memset(c->resp_buf, 0, bytes);
	ck_ring_init(&c->req, CK_ENTRIES);
	ck_ring_init(&c->resp, CK_ENTRIES);
	return c;
}

static void ck_send(struct ck_ring *r, struct ck_msg *buf, uint64_t v)
{
	struct ck_msg m = { .v = v };

	while (!ck_ring_enqueue_spsc_msg(r, buf, &m))
		bench_relax();
}

static uint64_t ck_recv_spin(struct ck_ring *r, struct ck_msg *buf)
{
	struct ck_msg m;

	while (!ck_ring_dequeue_spsc_msg(r, buf, &m))
		bench_relax();
	return m.v;
}

static void ck_client(void *ctx, struct bench_rtt *r)
{
	struct ck_ctx *c = ctx;
	uint64_t total = r->warmup + r->n;

	for (uint64_t i = 0; i < total; i++) {
		uint64_t t0 = bench_now(), v;

		ck_send(&c->req, c->req_buf, i);
		v = ck_recv_spin(&c->resp, c->resp_buf);
		if (i >= r->warmup)
			r->samples[i - r->warmup] = bench_now() - t0;
		if (v != ~i)
			r->err = 1;
	}
}

static void ck_server(void *ctx, struct bench_rtt *r)
{
	struct ck_ctx *c = ctx;
	uint64_t total = r->warmup + r->n;

	for (uint64_t i = 0; i < total; i++)
		ck_send(&c->resp, c->resp_buf, ~ck_recv_spin(&c->req, c->req_buf));
}

static void ck_tx(void *ctx, struct bench_stream *s)
{
	struct ck_ctx *c = ctx;

	for (uint64_t i = 0; i < s->n; i++)
		ck_send(&c->req, c->req_buf, i);
}

static void ck_rx(void *ctx, struct bench_stream *s)
{
	struct ck_ctx *c = ctx;
	uint64_t t0 = bench_now();

	for (uint64_t i = 0; i < s->n; i++)
		if (ck_recv_spin(&c->req, c->req_buf) != i)
			s->err = 1;
	s->ns = bench_now() - t0;
}

const struct bench_test bench_ck = {
	.name = "ck_ring",
	.what = "Concurrency Kit ck_ring SPSC, request ring + reply ring",
	.setup = ck_setup,
	.teardown = ck_teardown,
	.client = ck_client,
	.server = ck_server,
	.tx = ck_tx,
	.rx = ck_rx,
};
