// SPDX-License-Identifier: GPL-2.0
#include "ctl.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "names.h"
#include "util.h"

int sc_ctl_request(const char *name, const char *request, int quiet)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char line[32];
	int fd, n;

	if (sc_name_path(sa.sun_path, sizeof(sa.sun_path), name, SC_NAME_SOCK)) {
		sc_err("the run directory %s is too long for a socket",
		       sc_name_dir(SC_NAME_SOCK));
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		sc_err("socket: %m");
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int e = errno;

		close(fd);
		if (e == EACCES || e == EPERM)
			sc_err("cannot reach partition %s: %s (named partitions are root's)",
			       name, strerror(e));
		else if (!sc_name_running(name, NULL)) {
			if (!quiet)
				sc_err("no partition named %s is running (see sparecore status)",
				       name);
		} else
			sc_err("partition %s does not answer on %s: %s", name,
			       sa.sun_path, strerror(e));
		return -1;
	}
	n = snprintf(line, sizeof(line), "%s\n", request);
	if (send(fd, line, (size_t)n, MSG_NOSIGNAL) != n) {
		sc_err("partition %s: cannot send the request: %m", name);
		close(fd);
		return -1;
	}
	return fd;
}

int sc_ctl_line(int fd, char *buf, size_t len, int timeout_ms)
{
	size_t n = 0;

	/* Byte by byte: what follows the line (console output) stays in
	 * the socket for whoever reads it next. */
	while (n + 1 < len) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t r;
		int p = poll(&pfd, 1, timeout_ms);

		if (p < 0 && errno == EINTR)
			continue;
		if (p <= 0)
			return -1;
		r = read(fd, buf + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0) {
			buf[n] = 0;
			return n ? -1 : 0;
		}
		if (buf[n] == '\n') {
			buf[n] = 0;
			return (int)n;
		}
		n++;
	}
	buf[n] = 0;
	return (int)n;
}
