// SPDX-License-Identifier: GPL-2.0
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sparecore/bootinfo.h>
#include <sparecore/compiler.h>
#include <sparecore/ioctl.h>

#include "watchdog.h"

#include "acpi_build.h"
#include "names.h"

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

/* --disk FILE[,ro|,rw]: the text after the last comma must be a mode, so
 * a typo ("disk.img,r0") is an error rather than another file name. A
 * later --disk replaces an earlier one, as every option does (a config
 * file's disk, then the command line's). */
static int parse_disk(const char *v, struct sc_args *a, char *err,
		      unsigned errlen)
{
	const char *comma = strrchr(v, ',');
	size_t n = comma ? (size_t)(comma - v) : strlen(v);

	a->disk_ro = false;
	if (comma) {
		if (!strcmp(comma + 1, "ro"))
			a->disk_ro = true;
		else if (strcmp(comma + 1, "rw"))
			FAIL("--disk FILE[,ro]: unknown mode '%s' (ro or rw)",
			     comma + 1);
	}
	if (!n)
		FAIL("--disk wants a file or block device, got '%s'", v);
	if (n >= sizeof(a->disk_buf))
		FAIL("--disk path is longer than %zu bytes",
		     sizeof(a->disk_buf) - 1);
	memcpy(a->disk_buf, v, n);
	a->disk_buf[n] = 0;
	a->disk = a->disk_buf;
	return 0;
}

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

/* For the network options' parser (net_args.c). */
const char *sc_opt_value(int argc, char **argv, int *i, const char *name)
{
	return opt_value(argc, argv, i, name);
}

/* -v and -h, which run, start and bench take: true if arg was one of
 * them (after -h, a->cmd is SC_CMD_HELP and the rest goes unread). */
static bool verbose_or_help(const char *arg, struct sc_args *a)
{
	if (!strcmp(arg, "-v") || !strcmp(arg, "--verbose"))
		a->verbose = true;
	else if (!strcmp(arg, "-h") || !strcmp(arg, "--help"))
		a->cmd = SC_CMD_HELP;
	else
		return false;
	return true;
}

static int parse_run(int argc, char **argv, int i, struct sc_args *a,
		     char *err, unsigned errlen)
{
	const char *v;
	int r;

	for (; i < argc; i++) {
		if ((r = sc_net_parse_opt(argc, argv, &i, &a->net, err, errlen))) {
			if (r < 0)
				return -1;
		} else if ((v = opt_value(argc, argv, &i, "--cpu"))) {
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
		} else if ((v = opt_value(argc, argv, &i, "--kernel"))) {
			if (!*v)
				FAIL("--kernel wants a Linux bzImage such as /boot/vmlinuz-$(uname -r)");
			a->kernel = v;
		} else if ((v = opt_value(argc, argv, &i, "--initrd"))) {
			if (!*v)
				FAIL("--initrd wants an initramfs file");
			a->initrd = v;
		} else if ((v = opt_value(argc, argv, &i, "--append"))) {
			/* The kernel's own limit (cmdline_size) is checked
			 * once the bzImage is read. */
			if (strlen(v) >= SC_LG_APPEND_MAX)
				FAIL("--append is longer than %u bytes", SC_LG_APPEND_MAX - 1);
			a->append = v;
		} else if ((v = opt_value(argc, argv, &i, "--linux-stop-at"))) {
			/* Test only (not in --help): stop the Linux guest as
			 * soon as it reaches a stage, and say so. */
			if (strcmp(v, "entered") && strcmp(v, "decompressed") &&
			    (strncmp(v, "log:", 4) || !v[4]))
				FAIL("--linux-stop-at wants entered, decompressed or log:TEXT, got '%s'", v);
			a->lg_stop_at = v;
		} else if ((v = opt_value(argc, argv, &i, "--boot-timeout"))) {
			char *end;
			unsigned long s = strtoul(v, &end, 10);

			if (!*v || *end || s == 0 || s > SC_START_TIMEOUT_MAX_MS / 1000)
				FAIL("--boot-timeout wants seconds from 1 to %u, got '%s'",
				     SC_START_TIMEOUT_MAX_MS / 1000, v);
			a->timeout_ms = (unsigned)s * 1000;
		} else if ((v = opt_value(argc, argv, &i, "--disk"))) {
			if (parse_disk(v, a, err, errlen))
				return -1;
		} else if ((v = opt_value(argc, argv, &i, "--config"))) {
			if (!*v)
				FAIL("--config wants a file such as /etc/sparecore/NAME.conf");
			a->config = v;
		} else if (!strcmp(argv[i], "--dry-run")) {
			a->dry_run = true;
		} else if (!strcmp(argv[i], "--foreground") && a->cmd == SC_CMD_START) {
			a->foreground = true;
		} else if (!strcmp(argv[i], "--bench-ring")) {
			a->bench_ring = true;
		} else if ((v = opt_value(argc, argv, &i, "--corrupt-acpi"))) {
			char sig[5];

			/* Test only (not in --help): boot with one ACPI table
			 * damaged, to see the partition refuse it. */
			if (sc_acpi_table_sig(v, sig))
				FAIL("--corrupt-acpi wants rsdp, xsdt, fadt, madt or dsdt, got '%s'", v);
			a->corrupt_acpi = v;
		} else if ((v = opt_value(argc, argv, &i, "--watchdog"))) {
			if (sc_parse_seconds(v, SC_WATCHDOG_MAX_MS, &a->watchdog_ms))
				FAIL("--watchdog wants seconds from 0 (off) to %u, such as 2 or 0.5, got '%s'",
				     SC_WATCHDOG_MAX_MS / 1000, v);
		} else if (verbose_or_help(argv[i], a)) {
			if (a->cmd == SC_CMD_HELP)
				return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			FAIL("unknown option '%s' for %s (see sparecore --help)", argv[i],
			     a->cmd == SC_CMD_START ? "start" : "run");
		} else if (a->image) {
			FAIL("run takes one IMAGE, got '%s' and '%s'", a->image, argv[i]);
		} else {
			a->image = argv[i];
		}
	}
	if (a->kernel && a->image)
		FAIL("--kernel boots a Linux kernel instead of IMAGE: give one of them, not both");
	if (a->kernel && a->cmdline)
		FAIL("--cmdline is for the partition OS: a Linux kernel takes --append");
	if (!a->kernel && (a->initrd || a->append || a->lg_stop_at))
		FAIL("%s needs --kernel BZIMAGE", a->initrd ? "--initrd" :
		     a->append ? "--append" : "--linux-stop-at");
	/* A config file may name the CPU; config.c checks after merging. */
	if (a->cpu < 0 && !a->config && a->cmd == SC_CMD_START)
		FAIL("start %s needs --cpu N, or %s/%s.conf with 'cpu = N'", a->name,
		     sc_name_dir(SC_NAME_CONF), a->name);
	if (a->cpu < 0 && !a->config)
		FAIL("run needs --cpu N (the CPU to give to the partition)");
	/* How the network options fit together is checked by run itself
	 * (sc_net_args_check): a config file's values are checked one by
	 * one with this parser, and --ip alone is a fine value. */
	return 0;
}

/* "A,B": two different CPU numbers, digits only (no space, no sign). */
static int parse_cpu_pair(const char *s, int cpus[2])
{
	const char *comma = strchr(s, ',');
	char first[16];
	size_t n;

	if (!comma || *s < '0' || *s > '9' || comma[1] < '0' || comma[1] > '9')
		return -1;
	n = (size_t)(comma - s);
	if (n == 0 || n >= sizeof(first))
		return -1;
	memcpy(first, s, n);
	first[n] = 0;
	if (parse_cpu(first, &cpus[0]) || parse_cpu(comma + 1, &cpus[1]))
		return -1;
	return cpus[0] == cpus[1] ? -1 : 0;
}

static int parse_bench(int argc, char **argv, int i, struct sc_args *a,
		       char *err, unsigned errlen)
{
	const char *v;

	for (; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--iterations"))) {
			char *end = "";
			unsigned long long n;

			/* Digits only: strtoull would accept " -5". */
			errno = 0;
			n = (*v >= '0' && *v <= '9') ? strtoull(v, &end, 10) : 0;
			if (!n || errno || *end || n < SC_BENCH_ITER_MIN ||
			    n > SC_BENCH_ITER_MAX)
				FAIL("--iterations wants a count from %u to %u, got '%s'",
				     SC_BENCH_ITER_MIN, SC_BENCH_ITER_MAX, v);
			a->iterations = n;
		} else if ((v = opt_value(argc, argv, &i, "--cpus"))) {
			if (parse_cpu_pair(v, a->bench_cpus))
				FAIL("--cpus wants two different CPU numbers A,B, got '%s'", v);
		} else if ((v = opt_value(argc, argv, &i, "--cpu"))) {
			/* The partition <-> host path (bench_part.c). */
			if (parse_cpu(v, &a->cpu))
				FAIL("--cpu wants a CPU number, got '%s'", v);
		} else if ((v = opt_value(argc, argv, &i, "--plot"))) {
			if (!*v)
				FAIL("--plot wants a file name (FILE.png)");
			a->plot = v;
		} else if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "--csv")) {
			enum sc_bench_fmt f = argv[i][2] == 'j' ? SC_BENCH_JSON
								: SC_BENCH_CSV;

			if (a->format != SC_BENCH_TABLE && a->format != f)
				FAIL("--json and --csv exclude each other");
			a->format = f;
		} else if (verbose_or_help(argv[i], a)) {
			if (a->cmd == SC_CMD_HELP)
				return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			FAIL("unknown option '%s' for bench (see sparecore --help)", argv[i]);
		} else {
			FAIL("bench takes no argument, got '%s'", argv[i]);
		}
	}
	return 0;
}

static int parse_tables(int argc, char **argv, int i, struct sc_args *a,
			char *err, unsigned errlen)
{
	const char *v;

	for (; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--cpu"))) {
			if (parse_cpu(v, &a->cpu))
				FAIL("--cpu wants a CPU number, got '%s'", v);
		} else if ((v = opt_value(argc, argv, &i, "--apic-id"))) {
			char *end;
			unsigned long id = strtoul(v, &end, 0);

			if (!*v || *v == '-' || *end || id > 0xfffffffful)
				FAIL("--apic-id wants an APIC ID, got '%s'", v);
			a->apic_id = (int64_t)id;
		} else if ((v = opt_value(argc, argv, &i, "--disk"))) {
			if (!*v)
				FAIL("--disk wants a file");
			a->disk = v;
		} else if ((v = opt_value(argc, argv, &i, "--net"))) {
			if (strncmp(v, "tap:", 4) || !v[4])
				FAIL("--net wants tap:NAME, got '%s'", v);
			a->net.tap = v + 4;
		} else if ((v = opt_value(argc, argv, &i, "--out"))) {
			if (!*v)
				FAIL("--out wants a directory");
			a->out_dir = v;
		} else if ((v = opt_value(argc, argv, &i, "--mem"))) {
			if (sc_parse_size(v, &a->mem) || a->mem < SC_MEM_MIN ||
			    a->mem > SC_MEM_MAX || a->mem % SC_CHUNK_SIZE)
				FAIL("--mem must be a multiple of 2M from %lluM to %lluM, got '%s'",
				     SC_MEM_MIN >> 20, SC_MEM_MAX >> 20, v);
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			a->cmd = SC_CMD_HELP;
			return 0;
		} else {
			FAIL("unknown argument '%s' for tables (see sparecore --help)", argv[i]);
		}
	}
	if (a->cpu < 0 && a->apic_id < 0)
		FAIL("tables needs --cpu N (or --apic-id N)");
	if (!a->out_dir)
		FAIL("tables needs --out DIR");
	return 0;
}

/* The NAME after start, console, stop, logs: must be there and valid. */
static int parse_name(int argc, char **argv, int i, struct sc_args *a,
		      char *err, unsigned errlen)
{
	if (i >= argc)
		FAIL("%s needs a partition NAME (see sparecore --help)", argv[i - 1]);
	if (argv[i][0] == '-')
		FAIL("%s wants the partition NAME first (sparecore %s NAME [OPTIONS]), got '%s'",
		     argv[i - 1], argv[i - 1], argv[i]);
	if (sc_name_check(argv[i], err, errlen))
		return -1;
	a->name = argv[i];
	return 0;
}

/* console NAME, stop NAME [--timeout S], logs NAME [-f], status [--json] [NAME] */
static int parse_named(int argc, char **argv, int i, struct sc_args *a,
		       char *err, unsigned errlen)
{
	const char *cmd = argv[i - 1], *v;

	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			a->cmd = SC_CMD_HELP;
			return 0;
		} else if (a->cmd == SC_CMD_STATUS && !strcmp(argv[i], "--json")) {
			a->json = true;
		} else if (a->cmd == SC_CMD_LOGS &&
			   (!strcmp(argv[i], "-f") || !strcmp(argv[i], "--follow"))) {
			a->follow = true;
		} else if (a->cmd == SC_CMD_STOP &&
			   (v = opt_value(argc, argv, &i, "--timeout"))) {
			if (sc_parse_seconds(v, SC_STOP_TIMEOUT_MAX_MS, &a->stop_timeout_ms) ||
			    !a->stop_timeout_ms)
				FAIL("--timeout wants seconds from 0.001 to %u, got '%s'",
				     SC_STOP_TIMEOUT_MAX_MS / 1000, v);
		} else if (argv[i][0] == '-' && argv[i][1]) {
			FAIL("unknown option '%s' for %s (see sparecore --help)", argv[i], cmd);
		} else if (a->name) {
			FAIL("%s takes one partition NAME, got '%s' and '%s'", cmd,
			     a->name, argv[i]);
		} else if (sc_name_check(argv[i], err, errlen)) {
			return -1;
		} else {
			a->name = argv[i];
		}
	}
	if (!a->name && a->cmd != SC_CMD_STATUS)
		FAIL("%s needs a partition NAME (see sparecore status)", cmd);
	return 0;
}

int sc_parse_args(int argc, char **argv, struct sc_args *a, char *err,
		  unsigned errlen)
{
	int i = 1;

	memset(a, 0, sizeof(*a));
	a->cpu = -1;
	a->apic_id = -1;
	a->bench_samples_fd = -1;
	a->mem = SC_MEM_DEFAULT;
	a->watchdog_ms = SC_WATCHDOG_DEFAULT_MS;
	a->cmd = SC_CMD_NONE;
	a->iterations = SC_BENCH_ITER_DEFAULT;
	a->bench_cpus[0] = a->bench_cpus[1] = -1;
	a->format = SC_BENCH_TABLE;
	a->stop_timeout_ms = SC_STOP_TIMEOUT_DEFAULT_MS;
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
	if (!strcmp(argv[i], "start")) {
		a->cmd = SC_CMD_START;
		if (i + 1 < argc && (!strcmp(argv[i + 1], "-h") ||
				     !strcmp(argv[i + 1], "--help"))) {
			a->cmd = SC_CMD_HELP;
			return 0;
		}
		if (parse_name(argc, argv, i + 1, a, err, errlen))
			return -1;
		/* NAME.conf, when there is one, is read first (config.c);
		 * --config FILE takes its place. */
		{
			static char conf[4096];

			if (!sc_name_path(conf, sizeof(conf), a->name, SC_NAME_CONF) &&
			    access(conf, F_OK) == 0)
				a->config = conf;
		}
		return parse_run(argc, argv, i + 2, a, err, errlen);
	}
	{
		static const struct { const char *word; enum sc_cmd cmd; } named[] = {
			{ "status", SC_CMD_STATUS }, { "console", SC_CMD_CONSOLE },
			{ "stop", SC_CMD_STOP }, { "logs", SC_CMD_LOGS },
		};

		for (unsigned k = 0; k < ARRAY_SIZE(named); k++)
			if (!strcmp(argv[i], named[k].word)) {
				a->cmd = named[k].cmd;
				return parse_named(argc, argv, i + 1, a, err, errlen);
			}
	}
	if (!strcmp(argv[i], "bench")) {
		a->cmd = SC_CMD_BENCH;
		return parse_bench(argc, argv, i + 1, a, err, errlen);
	}
	if (!strcmp(argv[i], "check-config")) {
		/* run --config FILE --dry-run, with nothing else to override. */
		a->cmd = SC_CMD_RUN;
		a->dry_run = true;
		for (i++; i < argc; i++) {
			if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
				a->cmd = SC_CMD_HELP;
				return 0;
			}
			if (a->config || !argv[i][0])
				FAIL("check-config takes one FILE, got '%s'", argv[i]);
			a->config = argv[i];
		}
		if (!a->config)
			FAIL("check-config needs a FILE such as /etc/sparecore/NAME.conf");
		return 0;
	}
	if (!strcmp(argv[i], "tables")) {
		a->cmd = SC_CMD_TABLES;
		return parse_tables(argc, argv, i + 1, a, err, errlen);
	}
	if (!strcmp(argv[i], "help")) {
		a->cmd = SC_CMD_HELP;
		return 0;
	}
	FAIL("unknown command '%s' (see sparecore --help)", argv[i]);
}
