/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The service side of a named partition (`sparecore start NAME`): its lock,
 * its log, and its control socket, through which `sparecore console`,
 * `status` and `stop` reach it.
 *
 * Protocol on NAME.sock (root only: the directory is 0700 and the peer's
 * uid is checked): the client sends one line, then
 *   "console\n" -> "ok CPU\n", then the connection is the console: bytes
 *                  in are typed into the partition, its output comes back
 *                  (also always written to the log); "busy PID\n" if
 *                  another console is attached. At the end the service
 *                  writes one line saying how the partition ended.
 *   "status\n"  -> one JSON object (sc_status_json) and a newline, close.
 *   "stop\n"    -> nothing until the CPU is back online, then
 *                  "stopped EXIT\n" and close.
 */
#ifndef SC_SESSION_H
#define SC_SESSION_H

#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "names.h"

struct sc_part;
struct sc_console;
struct sc_net;
struct sc_blk;
struct sc_args;

#define SC_SESSION_CONNS 8 /* control connections served at once */
/* A client that connects and says nothing must not hold a slot for good:
 * eight of them would lock `sparecore stop` out. */
#define SC_SESSION_REQUEST_NS 5000000000ull

struct sc_session_conn {
	int fd;                /* -1: free */
	uint64_t since_ns;     /* accepted at (a request must follow soon) */
	bool stop_wait;        /* asked to stop: answered at the end */
	char line[16];         /* the request, until its newline */
	unsigned len;
};

struct sc_session {
	char name[SC_NAME_MAX + 1];
	char log_path[PATH_MAX];
	char sock_path[108];
	int lock_fd, listen_fd, log_fd;
	int ready_fd;          /* `start` waiting for "up" (-1: none) */
	int console_fd;        /* the attached console (-1: none) */
	struct sc_session_conn conn[SC_SESSION_CONNS];
	pid_t stop_pid;        /* who asked us to stop (0: nobody yet) */
	uint64_t up_ns;        /* when the partition came up (0: not yet) */
	unsigned long long doorbells; /* from the partition, all told */
	uint64_t request_ns;   /* a connection's request line must come
				  within this (SC_SESSION_REQUEST_NS) */
	/* What status reports, set by run as it gets there (NULL: not yet). */
	const struct sc_args *args;
	const char *image;
	const struct sc_part *part;
	struct sc_console *con;
	const struct sc_net *net;
	const struct sc_blk *blk;
};

/*
 * Take name: its lock (refused if a service holds it), its log (appended
 * to), its socket. Before the CPU is taken, so a name in use leaves the
 * host as it was. 0, or -1 after one line on stderr.
 */
int sc_session_open(struct sc_session *s, const char *name);
/* In the process that will serve the partition (after a fork): put
 * its pid in the lock file and a header in the log. */
void sc_session_own(struct sc_session *s);
/* The partition is up: tell `start` (if it waits) and send our own
 * messages to the log from now on. */
void sc_session_ready(struct sc_session *s);
/* Add what poll() should watch; returns how many (at most max). */
int sc_session_pollfds(struct sc_session *s, struct pollfd *pfd, int max);
/* Serve what poll() found in the entries sc_session_pollfds added.
 * Returns true if somebody asked to stop the partition. */
bool sc_session_serve(struct sc_session *s, const struct pollfd *pfd, int n);
/* The CPU is back: tell the console and every `stop` how it ended. */
void sc_session_finish(struct sc_session *s, int exit_status, const char *how);
void sc_session_close(struct sc_session *s);

#endif
