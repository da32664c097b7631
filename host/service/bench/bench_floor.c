// SPDX-License-Identifier: GPL-2.0
/*
 * The floor: one value bounced through one shared cache line, the least
 * any cross-CPU ring round trip can cost on this machine (two transfers of
 * one line). Every other row is measured against it.
 */
#include "bench.h"

#include <stdlib.h>
#include <string.h>

#include <sparecore/compiler.h>

/* One 64-byte line: the client writes 2i+1, the server answers 2i+2. */
struct floor_ctx {
	_Alignas(64) uint64_t v;
	uint8_t pad[56];
};

static void *floor_setup(void)
{
	struct floor_ctx *f = aligned_alloc(64, sizeof(*f));

	if (f)
		memset(f, 0, sizeof(*f));
	return f;
}

static void floor_teardown(void *ctx)
{
	free(ctx);
}

static void floor_client(void *ctx, struct bench_rtt *r)
{
	struct floor_ctx *f = ctx;
	uint64_t total = r->warmup + r->n;

	for (uint64_t i = 0; i < total; i++) {
		uint64_t t0 = bench_now();

		STORE_REL(&f->v, 2 * i + 1);
		while (LOAD_ACQ(&f->v) != 2 * i + 2)
			bench_relax();
		if (i >= r->warmup)
			r->samples[i - r->warmup] = bench_now() - t0;
	}
}

static void floor_server(void *ctx, struct bench_rtt *r)
{
	struct floor_ctx *f = ctx;
	uint64_t total = r->warmup + r->n;

	for (uint64_t i = 0; i < total; i++) {
		while (LOAD_ACQ(&f->v) != 2 * i + 1)
			bench_relax();
		STORE_REL(&f->v, 2 * i + 2);
	}
}

const struct bench_test bench_floor = {
	.name = "floor",
	.what = "one value bounced through one shared cache line (hardware limit)",
	.setup = floor_setup,
	.teardown = floor_teardown,
	.client = floor_client,
	.server = floor_server,
};
