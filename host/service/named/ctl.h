/* SPDX-License-Identifier: GPL-2.0 */
/* The client side of a named partition's control socket (session.h). */
#ifndef SC_CTL_H
#define SC_CTL_H

#include <stddef.h>

/*
 * Connect to name's service and send request ("console", "status",
 * "stop"). Returns the connected socket, or -1 after one line on stderr
 * (no such partition, not root, ...). quiet: say nothing when no such
 * partition runs.
 */
int sc_ctl_request(const char *name, const char *request, int quiet);
/* Read one reply line (without its newline) into buf, waiting at most
 * timeout_ms (-1: forever). Returns its length, 0 at end of file without
 * a line, -1 on timeout or error. */
int sc_ctl_line(int fd, char *buf, size_t len, int timeout_ms);

#endif
