// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore console NAME`: this terminal becomes the partition's console
 * until Ctrl-] (detach: the partition runs on) or the partition stops.
 * With input that is not a terminal, its lines are typed into the
 * partition and its end only stops the typing; output is shown until the
 * partition stops or a signal detaches.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "console_backend.h"
#include "ctl.h"
#include "named.h"
#include "tty.h"
#include "util.h"

static struct termios saved;
static bool raw_mode;

/* Keys to the partition. Returns false when typing is over (end of input,
 * or Ctrl-] which also sets *detach). */
static bool keys(int sock, bool *detach)
{
	char buf[4096], *esc;
	ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));

	if (n < 0 && errno == EINTR)
		return true;
	if (n <= 0) {
		/* No more input; the output goes on. */
		shutdown(sock, SHUT_WR);
		return false;
	}
	if (raw_mode && (esc = memchr(buf, SC_CONSOLE_ESCAPE, (size_t)n))) {
		n = esc - buf;
		*detach = true;
	}
	if (n && send(sock, buf, (size_t)n, MSG_NOSIGNAL) != n)
		return false;
	return !*detach;
}

static int relay(int sock, int sfd)
{
	bool typing = true, detach = false;
	char buf[4096];

	for (;;) {
		struct pollfd pfd[3] = {
			{ .fd = sock, .events = POLLIN },
			{ .fd = sfd, .events = POLLIN },
			{ .fd = typing ? STDIN_FILENO : -1, .events = POLLIN },
		};
		ssize_t n;

		if (poll(pfd, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd[1].revents)
			return 1; /* a signal: detach */
		if (pfd[2].revents) {
			typing = keys(sock, &detach);
			if (detach)
				return 1;
		}
		if (pfd[0].revents) {
			n = read(sock, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return 0; /* the partition stopped */
			if (sc_write_all(STDOUT_FILENO, buf, (size_t)n))
				return 1; /* our stdout went away */
		}
	}
}

int sc_cmd_console(const struct sc_args *a)
{
	char line[64];
	sigset_t set;
	int sock, sfd, r;

	sock = sc_ctl_request(a->name, "console", 0);
	if (sock < 0)
		return 1;
	r = sc_ctl_line(sock, line, sizeof(line), 5000);
	if (r <= 0 || strncmp(line, "ok ", 3)) {
		if (r > 0 && !strncmp(line, "busy ", 5))
			sc_err("partition %s already has a console attached (pid %s); detach it first (Ctrl-])",
			       a->name, line + 5);
		else
			sc_err("partition %s did not open its console%s%s", a->name,
			       r > 0 ? ": " : "", r > 0 ? line : "");
		close(sock);
		return 1;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "sparecore: console of partition %s on CPU %s; Ctrl-] detaches\r\n",
			a->name, line + 3);
	raw_mode = sc_tty_raw(STDIN_FILENO, &saved);
	r = relay(sock, sfd);
	if (raw_mode)
		sc_tty_restore(STDIN_FILENO, &saved);
	close(sock);
	if (r == 1 && isatty(STDIN_FILENO))
		fprintf(stderr, "\nsparecore: detached; partition %s runs on (sparecore console %s)\n",
			a->name, a->name);
	return r < 0 ? 1 : 0;
}
