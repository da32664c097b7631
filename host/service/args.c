// SPDX-License-Identifier: GPL-2.0
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sparecore/bootinfo.h>
#include <sparecore/ioctl.h>

#include "watchdog.h"

int sc_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	/* Digits first: strtoull would skip leading space and accept a sign,
	 * so " -1" would wrap to 2^64 - 1. */
	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 0:
		break;
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default:
		return -1;
	}
	if (*end == 'i' && shift)
		end++; /* accept MiB-style "64Mi" too */
	if (*end == 'B' && shift)
		end++;
	if (*end)
		return -1;
	if (shift && v > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

int sc_parse_seconds(const char *s, unsigned max_ms, unsigned *out_ms)
{
	uint64_t ms = 0;
	unsigned digits = 0, scale = 100;

	/* By hand: strtod would take "inf", "1e3", " 2" and locales. */
	if (!s || *s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		ms = ms * 10 + (uint64_t)(*s - '0') * 1000;
		if (ms > max_ms) /* also keeps the next step from overflowing */
			return -1;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
			if (digits == 3)
				return -1; /* finer than a millisecond */
			ms += (uint64_t)(*s - '0') * scale;
			scale /= 10;
		}
		if (!digits)
			return -1; /* "2." */
	}
	if (*s || ms > max_ms)
		return -1;
	*out_ms = (unsigned)ms;
	return 0;
}

static int parse_cpu(const char *s, int *cpu)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > 65535)
		return -1;
	*cpu = (int)v;
	return 0;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

/* Options that take a value accept both "--opt VALUE" and "--opt=VALUE". */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n])
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

static int parse_run(int argc, char **argv, int i, struct sc_args *a,
		     char *err, unsigned errlen)
{
	const char *v;

	for (; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--cpu"))) {
			if (parse_cpu(v, &a->cpu))
				FAIL("--cpu wants a CPU number, got '%s'", v);
		} else if ((v = opt_value(argc, argv, &i, "--mem"))) {
			if (sc_parse_size(v, &a->mem))
				FAIL("--mem wants a size such as 64M, got '%s'", v);
			if (a->mem < SC_MEM_MIN || a->mem > SC_MEM_MAX ||
			    a->mem % SC_CHUNK_SIZE)
				FAIL("--mem must be a multiple of 2M from %lluM to %lluM, got '%s'",
				     SC_MEM_MIN >> 20, SC_MEM_MAX >> 20, v);
		} else if ((v = opt_value(argc, argv, &i, "--cmdline"))) {
			if (strlen(v) >= SC_CMDLINE_MAX)
				FAIL("--cmdline is longer than %u bytes",
				     SC_CMDLINE_MAX - 1);
			a->cmdline = v;
		} else if ((v = opt_value(argc, argv, &i, "--boot-timeout"))) {
			char *end;
			unsigned long s = strtoul(v, &end, 10);

			if (!*v || *end || s == 0 || s > SC_START_TIMEOUT_MAX_MS / 1000)
				FAIL("--boot-timeout wants seconds from 1 to %u, got '%s'",
				     SC_START_TIMEOUT_MAX_MS / 1000, v);
			a->timeout_ms = (unsigned)s * 1000;
		} else if ((v = opt_value(argc, argv, &i, "--watchdog"))) {
			if (sc_parse_seconds(v, SC_WATCHDOG_MAX_MS, &a->watchdog_ms))
				FAIL("--watchdog wants seconds from 0 (off) to %u, such as 2 or 0.5, got '%s'",
				     SC_WATCHDOG_MAX_MS / 1000, v);
		} else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
			a->verbose = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			a->cmd = SC_CMD_HELP;
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			FAIL("unknown option '%s' for run (see sparecore --help)", argv[i]);
		} else if (a->image) {
			FAIL("run takes one IMAGE, got '%s' and '%s'", a->image, argv[i]);
		} else {
			a->image = argv[i];
		}
	}
	if (a->cpu < 0)
		FAIL("run needs --cpu N (the CPU to give to the partition)");
	return 0;
}

int sc_parse_args(int argc, char **argv, struct sc_args *a, char *err,
		  unsigned errlen)
{
	int i = 1;

	memset(a, 0, sizeof(*a));
	a->cpu = -1;
	a->mem = SC_MEM_DEFAULT;
	a->watchdog_ms = SC_WATCHDOG_DEFAULT_MS;
	a->cmd = SC_CMD_NONE;
	/* Global options before the command. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			a->cmd = SC_CMD_HELP;
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			a->cmd = SC_CMD_VERSION;
			return 0;
		} else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
			a->verbose = true;
		} else {
			FAIL("unknown option '%s' (see sparecore --help)", argv[i]);
		}
	}
	if (i >= argc)
		FAIL("no command given (see sparecore --help)");
	if (!strcmp(argv[i], "run")) {
		a->cmd = SC_CMD_RUN;
		return parse_run(argc, argv, i + 1, a, err, errlen);
	}
	if (!strcmp(argv[i], "status")) {
		a->cmd = SC_CMD_STATUS;
		for (i++; i < argc; i++) {
			if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
				a->cmd = SC_CMD_HELP;
				return 0;
			}
			FAIL("status takes no argument, got '%s'", argv[i]);
		}
		return 0;
	}
	if (!strcmp(argv[i], "help")) {
		a->cmd = SC_CMD_HELP;
		return 0;
	}
	FAIL("unknown command '%s' (see sparecore --help)", argv[i]);
}
