// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: the host's console backend (host/service/devices/console_backend.c)
 * and the ring library under it, against a partition that writes anything
 * anywhere in both console rings between the host's steps.
 *
 * The input is a program for that partition: each step is an opcode byte
 * and its operands. Ring memory is its own heap block of exactly the ring's
 * size, so any access outside it is an AddressSanitizer error.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sparecore/compiler.h>
#include <sparecore/console.h>

#include "console_backend.h"

struct input {
	const uint8_t *p;
	size_t n;
};

static uint32_t take(struct input *in, unsigned bytes)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < bytes && in->n; i++, in->p++, in->n--)
		v |= (uint32_t)*in->p << (8 * i);
	return v;
}

/* Write len fuzzer bytes at off (modulo the ring's size) into mem. */
static void scribble(struct input *in, uint8_t *mem, size_t size)
{
	size_t off = take(in, 2) % size;
	size_t len = take(in, 1) % 64;

	for (size_t i = 0; i < len && in->n; i++)
		mem[(off + i) % size] = (uint8_t)take(in, 1);
}

/* Publish a slot the way a partition would, at the host's next index plus
 * a small fuzzed offset, with fuzzed type, length and data. */
static void publish(struct input *in, struct sc_console *c, uint8_t *mem)
{
	struct sc_ring_hdr *h = (struct sc_ring_hdr *)mem;
	uint32_t idx = c->out.head + (take(in, 1) % 4);
	struct sc_slot *s = (struct sc_slot *)(h + 1) + (idx & c->out.mask);

	s->type = (uint16_t)take(in, 2);
	s->len = (uint16_t)take(in, 2);
	for (unsigned i = 0; i < SC_SLOT_PAYLOAD; i++)
		s->data[i] = (uint8_t)(' ' + i);
	STORE_REL(&s->seq, idx + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	uint32_t order = SC_RING_ORDER_MIN + take(&in, 1) % 6;
	size_t bytes = SC_RING_BYTES(order);
	uint8_t *out = malloc(bytes), *inr = malloc(bytes);
	static struct sc_console c;
	int pfd[2], ofd[2];
	char why[160], sink[4096];

	/* Standard output is a one-page pipe that the fuzzer drains only
	 * when it says so: a reader that stalls. */
	if (!out || !inr || pipe2(pfd, O_NONBLOCK | O_CLOEXEC) ||
	    pipe2(ofd, O_CLOEXEC))
		abort();
	fcntl(ofd[1], F_SETPIPE_SZ, 4096);
	fcntl(ofd[0], F_SETFL, O_NONBLOCK);
	sc_ring_init(out, order);
	sc_ring_init(inr, order);
	if (sc_console_init(&c, out, inr, bytes, pfd[0], ofd[1]))
		abort();
	while (in.n) {
		switch (take(&in, 1) % 9) {
		case 0: scribble(&in, out, bytes); break;
		case 1: scribble(&in, inr, bytes); break;
		case 2: publish(&in, &c, out); break;
		case 3: sc_console_drain(&c); break;
		case 4: {
			/* Host input: up to 255 bytes into the pipe, then feed. */
			uint8_t buf[255];
			size_t n = take(&in, 1);

			memset(buf, 'x', sizeof(buf));
			if (n && write(pfd[1], buf, n) < 0)
				{ /* pipe full: feed drains it */ }
			sc_console_feed(&c);
			break;
		}
		case 5: sc_ring_cons_wait_arm(&c.out); break;
		case 6: sc_ring_prod_wait_arm(&c.in); break;
		case 7: sc_console_broken(&c, why, sizeof(why)); break;
		case 8: /* the reader of standard output reads a little */
			if (read(ofd[0], sink, 1 + take(&in, 2) % sizeof(sink)) < 0)
				{ /* nothing there */ }
			break;
		}
		/* What the host believes must stay inside its own view. */
		if (c.bad > c.moved || c.pend_off > c.pend_len ||
		    c.pend_len > sizeof(c.pend) || c.out_off > c.out_len ||
		    c.out_len > sizeof(c.out_buf))
			abort();
	}
	/* The end, with a reader that may never read again: bounded. */
	sc_console_finish(&c, 1);
	if (sc_console_out_pending(&c))
		abort();
	close(pfd[0]);
	close(pfd[1]);
	close(ofd[0]);
	close(ofd[1]);
	free(out);
	free(inr);
	return 0;
}
