// SPDX-License-Identifier: GPL-2.0
#include "console_backend.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sparecore/compiler.h>
#include <sparecore/console.h>

#include "backend.h"
#include "ring_broken.h"
#include "tty.h"
#include "util.h"

static struct termios saved_tio;

int sc_console_init(struct sc_console *c, void *out_ring, void *in_ring,
		    unsigned long long bytes, int in_fd, int out_fd)
{
	struct stat st;

	memset(c, 0, sizeof(*c));
	c->in_fd = in_fd;
	c->out_fd = out_fd;
	c->stop_fd = -1;
	c->tee_fd = -1;
	/* A file never makes us wait; a pipe or terminal that nobody
	 * drains would block write() for good, so there we ask poll() first
	 * and write no more than the device said it has room for: a pipe's
	 * atomic size, or less than a terminal's wake-up mark. */
	if (fstat(out_fd, &st) == 0 && S_ISREG(st.st_mode))
		c->out_chunk = 0;
	else
		c->out_chunk = isatty(out_fd) ? 256 : 4096;
	if (sc_ring_attach(&c->out, out_ring, bytes) ||
	    sc_ring_attach(&c->in, in_ring, bytes))
		return -1;
	c->tty = sc_tty_raw(in_fd, &saved_tio);
	return 0;
}

void sc_console_restore(struct sc_console *c)
{
	if (c->tty)
		sc_tty_restore(c->in_fd, &saved_tio);
	c->tty = false;
}

/* Does out_fd take bytes now? A file always does; for a pipe or terminal
 * ask poll(), so a reader that stopped reading never blocks us. */
static bool out_ready(struct sc_console *c, int timeout_ms)
{
	struct pollfd pfd[2] = {
		{ .fd = c->out_fd, .events = POLLOUT },
		{ .fd = c->stop_fd, .events = POLLIN },
	};
	int n;

	if (!c->out_chunk)
		return true;
	do
		n = poll(pfd, c->stop_fd >= 0 ? 2 : 1, timeout_ms);
	while (n < 0 && errno == EINTR);
	if (n <= 0 || (c->stop_fd >= 0 && (pfd[1].revents & POLLIN)))
		return false; /* no room in time, or a signal wants us */
	/* POLLERR or POLLHUP: let write() say what is wrong. */
	return true;
}

/* A copy for the attached console, never waiting for it: a client that
 * does not keep up loses bytes (counted), the log has them all. No
 * SIGPIPE from a client that went away: the session notices the hang-up. */
static void tee(struct sc_console *c, const void *buf, size_t n)
{
	ssize_t w;

	if (c->tee_fd < 0)
		return;
	w = send(c->tee_fd, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (w < 0)
		w = 0;
	c->tee_dropped += n - (size_t)w;
}

/* Write the pending output as far as out_fd takes it without waiting.
 * True if nothing is pending any more. */
static bool out_flush(struct sc_console *c)
{
	while (c->out_off < c->out_len) {
		size_t chunk = c->out_len - c->out_off;
		ssize_t n;

		if (!out_ready(c, 0))
			return false; /* full, or a signal first: later */
		if (c->out_chunk && chunk > c->out_chunk)
			chunk = c->out_chunk;
		n = write(c->out_fd, c->out_buf + c->out_off, chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return false; /* someone made it non-blocking */
		if (n <= 0) {
			/* stdout gone: drop; the partition keeps running. */
			c->dropped += c->out_len - c->out_off;
			break;
		}
		tee(c, c->out_buf + c->out_off, (size_t)n);
		c->out_mid_line = c->out_buf[c->out_off + (unsigned)n - 1] != '\n';
		c->out_off += (unsigned)n;
		c->out_bytes += (unsigned long long)n;
	}
	c->out_off = c->out_len = 0;
	return true;
}

bool sc_console_drain(struct sc_console *c)
{
	struct sc_slot s;

	/* Output we could not write yet stays in the ring: the partition
	 * waits for room, as a program does on a full pipe. */
	if (!out_flush(c))
		return false;
	while (c->out_len + SC_SLOT_PAYLOAD <= sizeof(c->out_buf) &&
	       sc_ring_cons_take(&c->out, &s)) {
		c->moved++;
		/* s is our private copy: validate it, then use only it. */
		if (s.type != SC_CONS_DATA || s.len > SC_SLOT_PAYLOAD) {
			if (!c->bad++)
				c->first_bad = s;
			continue;
		}
		memcpy(c->out_buf + c->out_len, s.data, s.len);
		c->out_len += s.len;
	}
	out_flush(c);
	return sc_ring_cons_flush(&c->out);
}

bool sc_console_out_pending(const struct sc_console *c)
{
	return c->out_off < c->out_len;
}

void sc_console_finish(struct sc_console *c, int patience_ms)
{
	uint64_t deadline = sc_now_ns() + (uint64_t)patience_ms * 1000000ull;

	for (;;) {
		uint64_t now;

		sc_console_drain(c);
		if (!sc_console_out_pending(c) &&
		    LOAD_ACQ(&c->out.slots[c->out.head & c->out.mask].seq) != c->out.head + 1)
			return; /* all written, nothing more in the ring */
		/* A deadline for the whole of it: a partition that goes on
		 * writing after it said it stopped gets no more time. */
		now = sc_now_ns();
		if (now >= deadline ||
		    (sc_console_out_pending(c) &&
		     !out_ready(c, (int)((deadline - now) / 1000000ull) + 1)))
			break;
	}
	c->dropped += c->out_len - c->out_off;
	c->out_off = c->out_len = 0;
}

bool sc_console_wants_input(const struct sc_console *c)
{
	return c->in_fd >= 0 && !c->in_eof && !c->escape && c->pend_off == c->pend_len;
}

bool sc_console_feed(struct sc_console *c)
{
	struct sc_slot *s;

	if (c->pend_off == c->pend_len && c->in_fd >= 0 && !c->in_eof &&
	    !c->escape) {
		ssize_t n = read(c->in_fd, c->pend, sizeof(c->pend));

		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			c->in_eof = true;
		if (n <= 0)
			return false;
		c->pend_off = 0;
		c->pend_len = (unsigned)n;
		if (c->tty) {
			unsigned char *esc = memchr(c->pend, SC_CONSOLE_ESCAPE,
						    c->pend_len);

			if (esc) {
				c->escape = true;
				c->pend_len = (unsigned)(esc - c->pend);
			}
		}
	}
	while (c->pend_off < c->pend_len && (s = sc_ring_prod_next(&c->in))) {
		unsigned n = c->pend_len - c->pend_off;

		if (n > SC_SLOT_PAYLOAD)
			n = SC_SLOT_PAYLOAD;
		s->type = SC_CONS_DATA;
		s->len = (uint16_t)n;
		memcpy(s->data, c->pend + c->pend_off, n);
		sc_ring_prod_commit(&c->in);
		c->pend_off += n;
		c->in_bytes += n;
		c->moved++;
	}
	return sc_ring_prod_flush(&c->in);
}

bool sc_console_broken(const struct sc_console *c, char *why, unsigned len)
{
	/* Only a producer can tell (a consumer index that claims more than
	 * we produced); the output ring's consumer is us, and a partition
	 * that numbers its slots wrongly just gets them ignored. */
	return sc_ring_broken_why(&c->in, "console input", why, len);
}

/* ------------------------------------------------- as a backend (backend.h) */

/* sc_console_init is its setup (it needs the process's fds too). */

static bool con_work(void *dev)
{
	struct sc_console *c = dev;
	bool kick = sc_console_drain(c);

	/* Input read earlier that did not fit in the ring then. */
	if (c->pend_off < c->pend_len)
		kick |= sc_console_feed(c);
	return kick;
}

static bool con_arm(void *dev)
{
	struct sc_console *c = dev;
	bool more = false;

	/* Input still waiting for room: a doorbell when there is. */
	if (c->pend_off < c->pend_len)
		more |= sc_ring_prod_wait_arm(&c->in);
	/* A doorbell at the next output, unless out_fd has not taken the
	 * last output yet: then the loop waits for out_fd instead. */
	if (!sc_console_out_pending(c))
		more |= sc_ring_cons_wait_arm(&c->out);
	return more;
}

static int con_pollfds(void *dev, struct pollfd *pfd, int max)
{
	struct sc_console *c = dev;
	int n = 0;

	if (n < max && sc_console_wants_input(c))
		pfd[n++] = (struct pollfd){ .fd = c->in_fd, .events = POLLIN };
	if (n < max && sc_console_out_pending(c))
		pfd[n++] = (struct pollfd){ .fd = c->out_fd, .events = POLLOUT };
	return n;
}

static bool con_polled(void *dev, const struct pollfd *pfd, int n)
{
	struct sc_console *c = dev;

	for (int i = 0; i < n; i++)
		if (pfd[i].events == POLLIN && pfd[i].revents)
			return sc_console_feed(c);
	return false;
}

static bool con_broken(const void *dev, char *why, unsigned len)
{
	return sc_console_broken(dev, why, len);
}

static unsigned long long con_moved(const void *dev)
{
	return ((const struct sc_console *)dev)->moved;
}

const struct sc_backend_ops sc_console_backend_ops = {
	.name = "console",
	.work = con_work,
	.arm = con_arm,
	.pollfds = con_pollfds,
	.polled = con_polled,
	.broken = con_broken,
	.moved = con_moved,
};
