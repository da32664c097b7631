// SPDX-License-Identifier: GPL-2.0
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int sc_verbose;
bool *sc_err_mid_line;
static uint64_t t0;

uint64_t sc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int sc_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void sc_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (sc_err_mid_line && *sc_err_mid_line) {
		fputc('\n', stderr);
		*sc_err_mid_line = false;
	}
	fputs("sparecore: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void sc_step(const char *fmt, ...)
{
	va_list ap;
	uint64_t now;

	if (!sc_verbose)
		return;
	now = sc_now_ns();
	if (!t0)
		t0 = now;
	va_start(ap, fmt);
	fprintf(stderr, "sparecore: [%9.3f ms] ", (double)(now - t0) / 1e6);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

const char *sc_exe_dir(void)
{
	static char dir[PATH_MAX];
	ssize_t n;
	char *slash;

	if (dir[0])
		return dir;
	n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (n <= 0) {
		strcpy(dir, ".");
		return dir;
	}
	dir[n] = 0;
	slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	return dir;
}
