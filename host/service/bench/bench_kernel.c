// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel wake-ups: the same round trip with both sides blocking in the
 * kernel instead of spinning, through a pipe pair, an eventfd pair and a
 * futex pair. This is what a doorbell-driven ring pays when the other side
 * sleeps, and the reason the ring suppresses doorbells when both are busy.
 */
#include "bench.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <sparecore/compiler.h>

/* ------------------------------------------------------- pipe and eventfd */

/* fd[0] -> fd[1]: request; fd[2] -> fd[3]: reply. An eventfd is both ends. */
struct fd_ctx {
	int fd[4];
	bool is_eventfd;
};

static void fd_teardown(void *ctx)
{
	struct fd_ctx *f = ctx;

	if (!f)
		return;
	for (int i = 0; i < 4; i++)
		if (f->fd[i] >= 0 && (i % 2 == 0 || !f->is_eventfd))
			close(f->fd[i]);
	free(f);
}

static void *pipe_setup(void)
{
	struct fd_ctx *f = malloc(sizeof(*f));

	if (!f)
		return NULL;
	f->is_eventfd = false;
	if (pipe(f->fd)) {
		free(f);
		return NULL;
	}
	if (pipe(f->fd + 2)) {
		close(f->fd[0]);
		close(f->fd[1]);
		free(f);
		return NULL;
	}
	/* pipe() gives [read, write]; we want [write end, read end]. */
	for (int i = 0; i < 4; i += 2) {
		int t = f->fd[i];

		f->fd[i] = f->fd[i + 1];
		f->fd[i + 1] = t;
	}
	return f;
}

static void *eventfd_setup(void)
{
	struct fd_ctx *f = malloc(sizeof(*f));

	if (!f)
		return NULL;
	f->is_eventfd = true;
	f->fd[0] = f->fd[1] = eventfd(0, EFD_CLOEXEC);
	f->fd[2] = f->fd[3] = eventfd(0, EFD_CLOEXEC);
	if (f->fd[0] < 0 || f->fd[2] < 0) {
		fd_teardown(f);
		return NULL;
	}
	return f;
}

/* Eight bytes each way: an eventfd only moves 8-byte counters, and a pipe
 * gets the same so the two differ only in the kernel object. */
static int put8(int fd, uint64_t v)
{
	return write(fd, &v, 8) == 8 ? 0 : -1;
}

static int get8(int fd, uint64_t *v)
{
	ssize_t n;

	while ((n = read(fd, v, 8)) < 0 && errno == EINTR)
		;
	return n == 8 ? 0 : -1;
}

static void fd_client(void *ctx, struct bench_rtt *r)
{
	struct fd_ctx *f = ctx;
	uint64_t total = r->warmup + r->n;

	for (uint64_t i = 0; i < total; i++) {
		uint64_t t0 = bench_now(), v;

		/* An eventfd adds writes up and a value of 0 is a no-op:
		 * send i + 1, expect i + 2 back. */
		if (put8(f->fd[0], i + 1) || get8(f->fd[3], &v)) {
			r->err = 1;
			return;
		}
		if (i >= r->warmup)
			r->samples[i - r->warmup] = bench_now() - t0;
		if (v != i + 2)
			r->err = 1;
	}
}

static void fd_server(void *ctx, struct bench_rtt *r)
{
	struct fd_ctx *f = ctx;
	uint64_t total = r->warmup + r->n;

	for (uint64_t i = 0; i < total; i++) {
		uint64_t v;

		if (get8(f->fd[1], &v) || put8(f->fd[2], v + 1)) {
			r->err = 1;
			return;
		}
	}
}

const struct bench_test bench_pipe = {
	.name = "pipe",
	.what = "two pipes, blocking read/write",
	.setup = pipe_setup,
	.teardown = fd_teardown,
	.client = fd_client,
	.server = fd_server,
};

const struct bench_test bench_eventfd = {
	.name = "eventfd",
	.what = "two eventfds, blocking read/write",
	.setup = eventfd_setup,
	.teardown = fd_teardown,
	.client = fd_client,
	.server = fd_server,
};

/* ------------------------------------------------------------------ futex */

/* Two words on separate lines: the client bumps req, the server resp. */
struct futex_ctx {
	_Alignas(64) uint32_t req;
	_Alignas(64) uint32_t resp;
};

static long futex(uint32_t *w, int op, uint32_t val)
{
	return syscall(SYS_futex, w, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

/* Block until *w == want. FUTEX_WAIT sleeps only while *w still holds the
 * value we saw, so a wake between our load and the call is not lost. */
static void futex_await(uint32_t *w, uint32_t want)
{
	uint32_t seen;

	while ((seen = LOAD_ACQ(w)) != want)
		futex(w, FUTEX_WAIT, seen);
}

static void futex_post(uint32_t *w, uint32_t v)
{
	STORE_REL(w, v);
	futex(w, FUTEX_WAKE, INT_MAX);
}

static void *futex_setup(void)
{
	struct futex_ctx *f = aligned_alloc(64, sizeof(*f));

	if (f)
		memset(f, 0, sizeof(*f));
	return f;
}

static void futex_teardown(void *ctx)
{
	free(ctx);
}

static void futex_client(void *ctx, struct bench_rtt *r)
{
	struct futex_ctx *f = ctx;
	uint64_t total = r->warmup + r->n;

	for (uint64_t i = 0; i < total; i++) {
		uint64_t t0 = bench_now();

		futex_post(&f->req, (uint32_t)i + 1);
		futex_await(&f->resp, (uint32_t)i + 1);
		if (i >= r->warmup)
			r->samples[i - r->warmup] = bench_now() - t0;
	}
}

static void futex_server(void *ctx, struct bench_rtt *r)
{
	struct futex_ctx *f = ctx;
	uint64_t total = r->warmup + r->n;

	for (uint64_t i = 0; i < total; i++) {
		futex_await(&f->req, (uint32_t)i + 1);
		futex_post(&f->resp, (uint32_t)i + 1);
	}
}

const struct bench_test bench_futex = {
	.name = "futex",
	.what = "two futex words, FUTEX_WAIT/FUTEX_WAKE",
	.setup = futex_setup,
	.teardown = futex_teardown,
	.client = futex_client,
	.server = futex_server,
};
