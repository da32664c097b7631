// SPDX-License-Identifier: GPL-2.0
#include "console.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sparecore/console.h>

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
	/* A file never makes us wait; a pipe or terminal that nobody
	 * drains would block write() for good, so there we wait in poll(),
	 * where a signal can still reach us, and write no more than the
	 * device said it has room for: a pipe's atomic size, or less than
	 * a terminal's wake-up mark. */
	if (fstat(out_fd, &st) == 0 && S_ISREG(st.st_mode))
		c->out_chunk = 0;
	else
		c->out_chunk = isatty(out_fd) ? 256 : 4096;
	if (sc_ring_attach(&c->out, out_ring, bytes) ||
	    sc_ring_attach(&c->in, in_ring, bytes))
		return -1;
	if (isatty(in_fd) && tcgetattr(in_fd, &saved_tio) == 0) {
		struct termios raw = saved_tio;

		/* Raw input so every key (Ctrl-C too) reaches the partition;
		 * keep output processing so the partition's \n still returns
		 * the carriage. */
		raw.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP |
					    INLCR | IGNCR | ICRNL | IXON);
		raw.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
		raw.c_cflag |= CS8;
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		if (tcsetattr(in_fd, TCSAFLUSH, &raw) == 0)
			c->tty = true;
	}
	return 0;
}

void sc_console_restore(struct sc_console *c)
{
	if (c->tty)
		tcsetattr(c->in_fd, TCSAFLUSH, &saved_tio);
	c->tty = false;
}

/* Wait until out_fd takes more; false if we must give up (stdout gone,
 * or stop_fd says a signal waits to stop us). */
static bool wait_room(struct sc_console *c)
{
	struct pollfd pfd[2] = {
		{ .fd = c->out_fd, .events = POLLOUT },
		{ .fd = c->stop_fd, .events = POLLIN },
	};

	for (;;) {
		if (poll(pfd, c->stop_fd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (c->stop_fd >= 0 && (pfd[1].revents & POLLIN))
			return false;
		return (pfd[0].revents & POLLOUT) != 0;
	}
}

static void write_all(struct sc_console *c, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		size_t chunk = len;
		ssize_t n;

		if (c->out_chunk) {
			if (!wait_room(c))
				break;
			if (chunk > c->out_chunk)
				chunk = c->out_chunk;
		}
		n = write(c->out_fd, p, chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* stdout gone: the partition keeps running */
		p += n;
		len -= (size_t)n;
	}
	c->dropped += len;
}

bool sc_console_drain(struct sc_console *c)
{
	unsigned char buf[4096];
	size_t used = 0;
	struct sc_slot s;

	while (sc_ring_cons_take(&c->out, &s)) {
		c->moved++;
		/* s is our private copy: validate it, then use only it. */
		if (s.type != SC_CONS_DATA || s.len > SC_SLOT_PAYLOAD) {
			if (!c->bad++)
				c->first_bad = s;
			continue;
		}
		if (used + s.len > sizeof(buf)) {
			write_all(c, buf, used);
			used = 0;
		}
		memcpy(buf + used, s.data, s.len);
		used += s.len;
	}
	if (used)
		write_all(c, buf, used);
	return sc_ring_cons_flush(&c->out);
}

bool sc_console_wants_input(const struct sc_console *c)
{
	return !c->in_eof && !c->escape && c->pend_off == c->pend_len;
}

bool sc_console_feed(struct sc_console *c)
{
	struct sc_slot *s;

	if (c->pend_off == c->pend_len && !c->in_eof && !c->escape) {
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
		c->moved++;
	}
	return sc_ring_prod_flush(&c->in);
}

bool sc_console_broken(const struct sc_console *c, char *why, unsigned len)
{
	/* Only a producer can tell (a consumer index that claims more than
	 * we produced); the output ring's consumer is us, and a partition
	 * that numbers its slots wrongly just gets them ignored. */
	if (!c->in.broken)
		return false;
	snprintf(why, len, "console input ring: consumer index 0x%x for producer index 0x%x",
		 __atomic_load_n(&c->in.hdr->cons, __ATOMIC_RELAXED), c->in.head);
	return true;
}
