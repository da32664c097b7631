/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Console backend: the partition's console rings <-> this process's stdin
 * and stdout. On a terminal, stdin goes raw (every key to the partition)
 * and Ctrl-] detaches; otherwise stdin is forwarded as it comes, and its
 * end only stops forwarding (the partition keeps running).
 */
#ifndef SC_CONSOLE_H
#define SC_CONSOLE_H

#include <stdbool.h>

#include <sparecore/ring.h>

#define SC_CONSOLE_ESCAPE 0x1d /* Ctrl-] */

struct sc_console {
	struct sc_ring out;   /* consumer: partition output */
	struct sc_ring in;    /* producer: our input */
	int in_fd, out_fd;    /* in_fd -1: no input (a detached partition
				 with no console attached) */
	int tee_fd;           /* a socket that gets a copy of the output, as
				 far as it keeps up (-1: none) */
	int stop_fd;          /* readable: stop waiting for out_fd (-1: none) */
	unsigned out_chunk;   /* 0: out_fd never blocks; else poll, then
				 write at most this much */
	unsigned char out_buf[4096]; /* taken from the ring, not yet written */
	unsigned out_len, out_off;
	bool in_eof;          /* stdin ended: stop reading it */
	bool tty;             /* in_fd is a terminal we put in raw mode */
	bool escape;          /* user pressed Ctrl-] */
	unsigned char pend[4096]; /* read from stdin, not yet in the ring */
	unsigned pend_len, pend_off;
	unsigned long long bad;   /* malformed slots from the partition */
	struct sc_slot first_bad; /* the first of them, for the report */
	unsigned long long moved; /* slots taken or given: the storm budget */
	unsigned long long dropped; /* output bytes abandoned at a stop */
	unsigned long long out_bytes, in_bytes; /* moved, for status */
	unsigned long long tee_dropped; /* output tee_fd did not take */
	bool out_mid_line;    /* the last byte out_fd took was not '\n' */
};

int sc_console_init(struct sc_console *c, void *out_ring, void *in_ring,
		    unsigned long long bytes, int in_fd, int out_fd);
/* Copy partition output to out_fd, never waiting for it: what out_fd does
 * not take now stays pending, and the ring is left alone until it went
 * out. Returns true if the partition asked for a doorbell (it waits for
 * space). */
bool sc_console_drain(struct sc_console *c);
/* Is output waiting for out_fd to take it (poll it for POLLOUT)? */
bool sc_console_out_pending(const struct sc_console *c);
/* The partition stopped: write the rest of what it said, waiting at most
 * patience_ms in all (or until stop_fd is readable); drop what is left. */
void sc_console_finish(struct sc_console *c, int patience_ms);
/* Move stdin to the partition. Returns true if it needs a doorbell. */
bool sc_console_feed(struct sc_console *c);
/* Whether poll() should watch in_fd (nothing pending, not at EOF). */
bool sc_console_wants_input(const struct sc_console *c);
void sc_console_restore(struct sc_console *c);
/* Did the partition break a ring's protocol (an index no correct peer can
 * write)? The ring is dead then; *why gets a short description. */
bool sc_console_broken(const struct sc_console *c, char *why, unsigned len);

#endif
