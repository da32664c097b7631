// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the command-line parser (host/service/cli/args.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/abi.h>
#include <sparecore/bootinfo.h>
#include <sparecore/compiler.h>

#include "args.h"
#include "unit.h"

#define MIB (1ull << 20)
#define SENTINEL 0x5a5a5a5a5a5a5a5aull

/* ------------------------------------------------------------ sc_parse_size */

static void size_ok(const char *s, uint64_t want)
{
	uint64_t v = SENTINEL;

	CU_ASSERT_EQUAL(sc_parse_size(s, &v), 0);
	CU_ASSERT_EQUAL(v, want);
}

static void size_bad(const char *s)
{
	uint64_t v = SENTINEL;

	CU_ASSERT_EQUAL(sc_parse_size(s, &v), -1);
	CU_ASSERT_EQUAL(v, SENTINEL); /* untouched on error */
}

static void test_size_units(void)
{
	size_ok("64M", 64 * MIB);
	size_ok("64m", 64 * MIB);
	size_ok("1G", 1ull << 30);
	size_ok("1g", 1ull << 30);
	size_ok("512K", 512ull << 10);
	size_ok("512k", 512ull << 10);
	size_ok("4096", 4096);
	size_ok("65536", 65536);
	size_ok("0", 0);
	size_ok("64MiB", 64 * MIB);
	size_ok("64Mi", 64 * MIB);
	size_ok("64MB", 64 * MIB);
	size_ok("2GiB", 2ull << 30);
	size_ok("18446744073709551615", UINT64_MAX);
	size_ok("17179869183G", ((1ull << 34) - 1) << 30);
}

static void test_size_garbage(void)
{
	size_bad("abc");
	size_bad("M");
	size_bad("64X");
	size_bad("64MiBx");
	size_bad("64MBi");
	size_bad("64 M");
	size_bad("64M ");
	size_bad("1.5G");
	size_bad("64B");  /* B only after a unit */
	size_bad("64iB"); /* i only after a unit */
	size_bad("0x40");
	size_bad("64MM");
	size_bad(" 64M");
	size_bad("+64M");
}

static void test_size_negative(void)
{
	size_bad("-1");
	size_bad("-64M");
	size_bad("-0");
	/* strtoull skips leading space and then accepts a sign: these must
	 * not wrap to huge sizes. */
	size_bad(" -1");
	size_bad("\t-64M");
}

static void test_size_overflow(void)
{
	size_bad("18446744073709551616");  /* 2^64 */
	size_bad("99999999999999999999999");
	size_bad("17179869184G");          /* 2^34 GiB = 2^64 */
	size_bad("18014398509481984K");    /* 2^54 KiB = 2^64 */
	size_bad("17592186044416M");       /* 2^44 MiB = 2^64 */
}

static void test_size_empty(void)
{
	size_bad("");
	size_bad(NULL);
}

/* ------------------------------------------------------------ sc_parse_args */

struct parsed {
	int ret;
	struct sc_args a;
	char err[256];
};

/* Parse "sparecore ARGS...": args is NULL-terminated. */
static void parse_list(struct parsed *p, const char *const *args)
{
	char *argv[32];
	int argc = 0;

	argv[argc++] = "sparecore";
	for (; *args; args++) {
		CU_ASSERT_FATAL(argc < 31);
		argv[argc++] = (char *)*args;
	}
	argv[argc] = NULL;
	memset(p->err, 0, sizeof(p->err));
	memset(&p->a, 0xa5, sizeof(p->a)); /* parse must reset everything */
	p->ret = sc_parse_args(argc, argv, &p->a, p->err, sizeof(p->err));
}

#define PARSE(p, ...) parse_list((p), (const char *const[]){ __VA_ARGS__, NULL })
#define PARSE0(p) parse_list((p), (const char *const[]){ NULL })

/* A failed parse says why, in one non-empty line that mentions needle. */
static void assert_error(const struct parsed *p, const char *needle)
{
	CU_ASSERT_EQUAL(p->ret, -1);
	CU_ASSERT_TRUE(p->err[0] != 0);
	CU_ASSERT_PTR_NULL(strchr(p->err, '\n'));
	if (needle)
		CU_ASSERT_PTR_NOT_NULL(strstr(p->err, needle));
}

static void test_run_basic(void)
{
	struct parsed p;

	PARSE(&p, "run", "--cpu", "1", "--mem", "64M", "IMAGE");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_RUN);
	CU_ASSERT_EQUAL(p.a.cpu, 1);
	CU_ASSERT_EQUAL(p.a.mem, 64 * MIB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p.a.image);
	CU_ASSERT_STRING_EQUAL(p.a.image, "IMAGE");
	CU_ASSERT_PTR_NULL(p.a.cmdline);
	CU_ASSERT_EQUAL(p.a.timeout_ms, 0u);
	CU_ASSERT_FALSE(p.a.verbose);
}

static void test_run_equals_and_defaults(void)
{
	struct parsed p;

	PARSE(&p, "run", "--cpu=2");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_RUN);
	CU_ASSERT_EQUAL(p.a.cpu, 2);
	CU_ASSERT_EQUAL(p.a.mem, SC_MEM_DEFAULT);
	CU_ASSERT_PTR_NULL(p.a.image); /* built-in partition OS */

	/* Options in any order, around the image; --mem= form. */
	PARSE(&p, "run", "img.elf", "--mem=128M", "-v", "--cpu", "3");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cpu, 3);
	CU_ASSERT_EQUAL(p.a.mem, 128 * MIB);
	CU_ASSERT_TRUE(p.a.verbose);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p.a.image);
	CU_ASSERT_STRING_EQUAL(p.a.image, "img.elf");

	PARSE(&p, "--verbose", "run", "--cpu", "0");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_TRUE(p.a.verbose);
	CU_ASSERT_EQUAL(p.a.cpu, 0);

	PARSE(&p, "run", "--cpu", "65535");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cpu, 65535);
}

static void test_run_missing_cpu(void)
{
	struct parsed p;

	PARSE(&p, "run", "IMAGE");
	assert_error(&p, "--cpu");
	PARSE(&p, "run");
	assert_error(&p, "--cpu");
	PARSE(&p, "run", "--mem", "64M");
	assert_error(&p, "--cpu");
}

static void test_run_bad_cpu(void)
{
	struct parsed p;

	PARSE(&p, "run", "--cpu", "-1");
	assert_error(&p, "-1");
	PARSE(&p, "run", "--cpu", "x");
	assert_error(&p, "'x'");
	PARSE(&p, "run", "--cpu", "1x");
	assert_error(&p, "1x");
	PARSE(&p, "run", "--cpu=");
	assert_error(&p, "--cpu");
	PARSE(&p, "run", "--cpu");       /* value missing at the end */
	assert_error(&p, "--cpu");
	PARSE(&p, "run", "--cpu", "65536");
	assert_error(&p, "65536");
	PARSE(&p, "run", "--cpu", "99999999999999999999");
	assert_error(&p, "--cpu");
	PARSE(&p, "run", "--cpu=1.5");
	assert_error(&p, "1.5");
}

static void test_run_bad_mem(void)
{
	struct parsed p;

	PARSE(&p, "run", "--cpu", "1", "--mem", "3M");   /* not 2 MiB-multiple */
	assert_error(&p, "3M");
	PARSE(&p, "run", "--cpu", "1", "--mem", "65M");
	assert_error(&p, "65M");
	PARSE(&p, "run", "--cpu", "1", "--mem", "1000000");
	assert_error(&p, "1000000");
	PARSE(&p, "run", "--cpu", "1", "--mem", "2M");   /* too small */
	assert_error(&p, "2M");
	PARSE(&p, "run", "--cpu", "1", "--mem", "0");
	assert_error(&p, "--mem");
	PARSE(&p, "run", "--cpu", "1", "--mem", "2G");   /* too large */
	assert_error(&p, "2G");
	PARSE(&p, "run", "--cpu", "1", "--mem", "1026M");
	assert_error(&p, "1026M");
	PARSE(&p, "run", "--cpu", "1", "--mem", "lots");
	assert_error(&p, "lots");
	PARSE(&p, "run", "--cpu", "1", "--mem=");
	assert_error(&p, "--mem");
	PARSE(&p, "run", "--cpu", "1", "--mem");
	assert_error(&p, "--mem");

	/* The limits themselves are fine. */
	PARSE(&p, "run", "--cpu", "1", "--mem", "4M");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.mem, SC_MEM_MIN);
	PARSE(&p, "run", "--cpu", "1", "--mem", "1G");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.mem, SC_MEM_MAX);
	PARSE(&p, "run", "--cpu", "1", "--mem", "6MiB");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.mem, 6 * MIB);
}

static void test_run_other_options(void)
{
	struct parsed p;
	char long_line[SC_CMDLINE_MAX + 1];

	PARSE(&p, "run", "--cpu", "1", "--cmdline", "quiet x=1", "--boot-timeout", "5");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p.a.cmdline);
	CU_ASSERT_STRING_EQUAL(p.a.cmdline, "quiet x=1");
	CU_ASSERT_EQUAL(p.a.timeout_ms, 5000u);

	memset(long_line, 'a', sizeof(long_line));
	long_line[SC_CMDLINE_MAX - 1] = 0; /* 255 bytes: fits */
	PARSE(&p, "run", "--cpu", "1", "--cmdline", long_line);
	CU_ASSERT_EQUAL(p.ret, 0);
	long_line[SC_CMDLINE_MAX - 1] = 'a';
	long_line[SC_CMDLINE_MAX] = 0;     /* 256 bytes: too long */
	PARSE(&p, "run", "--cpu", "1", "--cmdline", long_line);
	assert_error(&p, "--cmdline");

	PARSE(&p, "run", "--cpu", "1", "--boot-timeout", "0");
	assert_error(&p, "--boot-timeout");
	PARSE(&p, "run", "--cpu", "1", "--boot-timeout", "601");
	assert_error(&p, "601");
	PARSE(&p, "run", "--cpu", "1", "--boot-timeout=");
	assert_error(&p, "--boot-timeout");
	PARSE(&p, "run", "--cpu", "1", "--boot-timeout", "5s");
	assert_error(&p, "5s");
}

static void seconds_ok(const char *s, unsigned want)
{
	unsigned v = 12345;

	CU_ASSERT_EQUAL(sc_parse_seconds(s, 3600000u, &v), 0);
	CU_ASSERT_EQUAL(v, want);
}

static void seconds_bad(const char *s)
{
	unsigned v = 12345;

	CU_ASSERT_EQUAL(sc_parse_seconds(s, 3600000u, &v), -1);
	CU_ASSERT_EQUAL(v, 12345u); /* untouched on error */
}

static void test_seconds(void)
{
	seconds_ok("0", 0);
	seconds_ok("2", 2000);
	seconds_ok("0.5", 500);
	seconds_ok("1.25", 1250);
	seconds_ok("0.001", 1);
	seconds_ok("3600", 3600000);
	seconds_ok("3600.000", 3600000);
	seconds_bad("3600.001");
	seconds_bad("99999999999999999999999");
	seconds_bad("");
	seconds_bad(NULL);
	seconds_bad("-1");
	seconds_bad(" 2");
	seconds_bad("2 ");
	seconds_bad("2s");
	seconds_bad("2.");
	seconds_bad(".5");
	seconds_bad("0.0001");
	seconds_bad("1e3");
	seconds_bad("inf");
}

static void test_run_watchdog(void)
{
	struct parsed p;

	PARSE(&p, "run", "--cpu", "1");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.watchdog_ms, 2000u); /* the default */
	PARSE(&p, "run", "--cpu", "1", "--watchdog", "0");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.watchdog_ms, 0u);
	PARSE(&p, "run", "--cpu", "1", "--watchdog=0.5");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.watchdog_ms, 500u);
	PARSE(&p, "run", "--cpu", "1", "--watchdog", "soon");
	assert_error(&p, "--watchdog");
	PARSE(&p, "run", "--cpu", "1", "--watchdog", "-1");
	assert_error(&p, "-1");
	PARSE(&p, "run", "--cpu", "1", "--watchdog", "3601");
	assert_error(&p, "3601");
	PARSE(&p, "run", "--cpu", "1", "--watchdog");
	assert_error(&p, "--watchdog");
}

static void test_unknown_option(void)
{
	struct parsed p;

	PARSE(&p, "run", "--cpu", "1", "--bogus");
	assert_error(&p, "--bogus");
	PARSE(&p, "run", "--cpus", "1");  /* a prefix is not the option */
	assert_error(&p, "--cpus");
	PARSE(&p, "run", "-x", "--cpu", "1");
	assert_error(&p, "-x");
	PARSE(&p, "--bogus", "run", "--cpu", "1");
	assert_error(&p, "--bogus");
}

static void test_run_disk(void)
{
	struct parsed p;
	static char long_path[5000];

	PARSE(&p, "run", "--cpu", "1", "--disk", "disk.img");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p.a.disk);
	CU_ASSERT_STRING_EQUAL(p.a.disk, "disk.img");
	CU_ASSERT_FALSE(p.a.disk_ro);

	PARSE(&p, "run", "--disk=/dev/sdb,ro", "--cpu", "1");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_STRING_EQUAL(p.a.disk, "/dev/sdb");
	CU_ASSERT_TRUE(p.a.disk_ro);

	PARSE(&p, "run", "--cpu", "1", "--disk", "a.img,rw");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_STRING_EQUAL(p.a.disk, "a.img");
	CU_ASSERT_FALSE(p.a.disk_ro);

	/* Only the last comma starts the mode. */
	PARSE(&p, "run", "--cpu", "1", "--disk", "a,b.img,ro");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_STRING_EQUAL(p.a.disk, "a,b.img");
	CU_ASSERT_TRUE(p.a.disk_ro);

	PARSE(&p, "run", "--cpu", "1");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_PTR_NULL(p.a.disk);

	PARSE(&p, "run", "--cpu", "1", "--disk", "disk.img,r0");
	assert_error(&p, "r0");
	PARSE(&p, "run", "--cpu", "1", "--disk", "disk.img,");
	assert_error(&p, "mode");
	PARSE(&p, "run", "--cpu", "1", "--disk", ",ro");
	assert_error(&p, "--disk");
	PARSE(&p, "run", "--cpu", "1", "--disk", "");
	assert_error(&p, "--disk");
	PARSE(&p, "run", "--cpu", "1", "--disk");
	assert_error(&p, "--disk");
	/* The last one wins (a config file's, then the command line's). */
	PARSE(&p, "run", "--cpu", "1", "--disk", "a.img,ro", "--disk", "b.img");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_STRING_EQUAL(p.a.disk, "b.img");
	CU_ASSERT_FALSE(p.a.disk_ro);

	memset(long_path, 'a', sizeof(long_path) - 1);
	PARSE(&p, "run", "--cpu", "1", "--disk", long_path);
	assert_error(&p, "longer");
}

static void test_two_images(void)
{
	struct parsed p;

	PARSE(&p, "run", "--cpu", "1", "one.elf", "two.elf");
	assert_error(&p, "two.elf");
	CU_ASSERT_PTR_NOT_NULL(strstr(p.err, "one.elf"));
}

static void test_status(void)
{
	struct parsed p;

	PARSE(&p, "status");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_STATUS);
	CU_ASSERT_PTR_NULL(p.a.image);
	PARSE(&p, "-v", "status");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_STATUS);
	CU_ASSERT_TRUE(p.a.verbose);

	PARSE(&p, "status", "--cpu", "1");
	assert_error(&p, "--cpu");
	PARSE(&p, "status", "--json", "web");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_TRUE(p.a.json);
	CU_ASSERT_STRING_EQUAL(p.a.name, "web");
	PARSE(&p, "status", "a", "b");
	assert_error(&p, "one partition NAME");
	PARSE(&p, "status", "a/b");
	assert_error(&p, "only letters");
	PARSE(&p, "status", "-f");
	assert_error(&p, "unknown option '-f' for status");
}

/* start NAME [run's options], console/stop/logs NAME: the name is checked
 * as a file name, each command takes only its own options. */
static void test_named(void)
{
	struct parsed p;

	setenv("SPARECORE_CONF_DIR", "/nonexistent-sc-unit", 1);
	PARSE(&p, "start", "web", "--cpu", "1", "--mem", "32M", "--foreground");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_START);
	CU_ASSERT_STRING_EQUAL(p.a.name, "web");
	CU_ASSERT_EQUAL(p.a.cpu, 1);
	CU_ASSERT_EQUAL(p.a.mem, 32 * MIB);
	CU_ASSERT_TRUE(p.a.foreground);
	CU_ASSERT_PTR_NULL(p.a.config); /* no web.conf there */
	PARSE(&p, "start", "web");
	assert_error(&p, "start web needs --cpu N, or /nonexistent-sc-unit/web.conf");
	PARSE(&p, "start");
	assert_error(&p, "start needs a partition NAME");
	PARSE(&p, "start", "--foreground", "web");
	assert_error(&p, "start wants the partition NAME first (sparecore start NAME [OPTIONS]), got '--foreground'");
	PARSE(&p, "start", "x/../y", "--cpu", "1");
	assert_error(&p, "only letters");
	PARSE(&p, "start", ".x", "--cpu", "1");
	assert_error(&p, "cannot start with '.'");
	PARSE(&p, "start", "abcdefghijklmnopqrstuvwxyz0123456", "--cpu", "1");
	assert_error(&p, "1 to 32 characters");
	PARSE(&p, "start", "web", "--cpu", "1", "--frob");
	assert_error(&p, "unknown option '--frob' for start");
	/* --foreground is start's: run refuses it. */
	PARSE(&p, "run", "--cpu", "1", "--foreground");
	assert_error(&p, "unknown option '--foreground' for run");

	PARSE(&p, "console", "web");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_CONSOLE);
	CU_ASSERT_STRING_EQUAL(p.a.name, "web");
	PARSE(&p, "console");
	assert_error(&p, "console needs a partition NAME");
	PARSE(&p, "console", "web", "--json");
	assert_error(&p, "unknown option '--json' for console");

	PARSE(&p, "stop", "web");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_STOP);
	CU_ASSERT_EQUAL(p.a.stop_timeout_ms, SC_STOP_TIMEOUT_DEFAULT_MS);
	PARSE(&p, "stop", "--timeout", "2.5", "web");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.stop_timeout_ms, 2500);
	PARSE(&p, "stop", "web", "--timeout=0");
	assert_error(&p, "--timeout wants seconds");
	PARSE(&p, "stop", "web", "--timeout", "601");
	assert_error(&p, "--timeout wants seconds");
	PARSE(&p, "stop", "web", "other");
	assert_error(&p, "stop takes one partition NAME");

	PARSE(&p, "logs", "-f", "web");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_LOGS);
	CU_ASSERT_TRUE(p.a.follow);
	PARSE(&p, "logs", "web", "--timeout", "1");
	assert_error(&p, "unknown option '--timeout' for logs");
	unsetenv("SPARECORE_CONF_DIR");
}

static void test_help_anywhere(void)
{
	struct parsed p;

	PARSE(&p, "--help");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "-h", "run");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "-v", "--help");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "help");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "run", "--help");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "run", "--cpu", "1", "-h");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "run", "IMAGE", "--help", "--cpu", "1");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "run", "--help", "one", "two"); /* before any error */
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "status", "--help");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);

	PARSE(&p, "--version");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_VERSION);
}

static void test_no_command(void)
{
	struct parsed p;

	PARSE0(&p);
	assert_error(&p, "command");
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_NONE);
	PARSE(&p, "-v");
	assert_error(&p, "command");
}

static void test_unknown_command(void)
{
	struct parsed p;

	PARSE(&p, "frobnicate");
	assert_error(&p, "frobnicate");
	PARSE(&p, "Run", "--cpu", "1");
	assert_error(&p, "Run");
	PARSE(&p, "");
	assert_error(&p, NULL);
}

/* ------------------------------------------------------------------ bench */

static void test_bench_defaults(void)
{
	struct parsed p;

	PARSE(&p, "bench");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_BENCH);
	CU_ASSERT_EQUAL(p.a.iterations, SC_BENCH_ITER_DEFAULT);
	CU_ASSERT_EQUAL(p.a.bench_cpus[0], -1);
	CU_ASSERT_EQUAL(p.a.bench_cpus[1], -1);
	CU_ASSERT_EQUAL(p.a.format, SC_BENCH_TABLE);
	CU_ASSERT_PTR_NULL(p.a.plot);
	CU_ASSERT_FALSE(p.a.verbose);
	/* Defaults of other commands are untouched by bench's. */
	CU_ASSERT_EQUAL(p.a.cpu, -1);
	CU_ASSERT_EQUAL(p.a.mem, SC_MEM_DEFAULT);

	PARSE(&p, "-v", "bench");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_TRUE(p.a.verbose);
}

static void test_bench_options(void)
{
	struct parsed p;

	PARSE(&p, "bench", "--iterations", "5000", "--cpus", "2,3", "--json",
	      "--plot", "out.png");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_BENCH);
	CU_ASSERT_EQUAL(p.a.iterations, 5000u);
	CU_ASSERT_EQUAL(p.a.bench_cpus[0], 2);
	CU_ASSERT_EQUAL(p.a.bench_cpus[1], 3);
	CU_ASSERT_EQUAL(p.a.format, SC_BENCH_JSON);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p.a.plot);
	CU_ASSERT_STRING_EQUAL(p.a.plot, "out.png");

	/* --opt=VALUE forms, any order, the CPUs in any order. */
	PARSE(&p, "bench", "--csv", "--plot=a b.png", "--cpus=7,0",
	      "--iterations=100", "-v");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.format, SC_BENCH_CSV);
	CU_ASSERT_EQUAL(p.a.iterations, SC_BENCH_ITER_MIN);
	CU_ASSERT_EQUAL(p.a.bench_cpus[0], 7);
	CU_ASSERT_EQUAL(p.a.bench_cpus[1], 0);
	CU_ASSERT_STRING_EQUAL(p.a.plot, "a b.png");
	CU_ASSERT_TRUE(p.a.verbose);

	PARSE(&p, "bench", "--iterations", "10000000", "--cpus", "0,65535");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.iterations, SC_BENCH_ITER_MAX);
	CU_ASSERT_EQUAL(p.a.bench_cpus[1], 65535);

	/* Saying the same format twice is fine; two formats are not. */
	PARSE(&p, "bench", "--json", "--json");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.format, SC_BENCH_JSON);
	PARSE(&p, "bench", "--json", "--csv");
	assert_error(&p, "--csv");
	PARSE(&p, "bench", "--csv", "--json");
	assert_error(&p, "--json");
}

static void test_bench_bad_iterations(void)
{
	static const char *const bad[] = { "0", "99", "10000001", "-5", " 500",
					   "+500", "1e5", "500x", "abc", "5.5",
					   "99999999999999999999999" };
	struct parsed p;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		PARSE(&p, "bench", "--iterations", bad[i]);
		assert_error(&p, "--iterations");
		CU_ASSERT_PTR_NOT_NULL(strstr(p.err, bad[i]));
	}
	PARSE(&p, "bench", "--iterations=");
	assert_error(&p, "--iterations");
	PARSE(&p, "bench", "--iterations"); /* value missing at the end */
	assert_error(&p, "--iterations");
}

static void test_bench_bad_cpus(void)
{
	static const char *const bad[] = { "1", "1,", ",1", "1,1", "a,b",
					   "1,2,3", "-1,2", "2,-1", "65536,1",
					   "1;2", " 1,2", "0x1,2",
					   "123456789012345678901234,1" };
	struct parsed p;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		PARSE(&p, "bench", "--cpus", bad[i]);
		assert_error(&p, "--cpus");
		CU_ASSERT_PTR_NOT_NULL(strstr(p.err, bad[i]));
	}
	PARSE(&p, "bench", "--cpus=");
	assert_error(&p, "--cpus");
	PARSE(&p, "bench", "--cpus");
	assert_error(&p, "--cpus");
}

static void test_bench_other_errors(void)
{
	struct parsed p;

	PARSE(&p, "bench", "--plot", "");
	assert_error(&p, "--plot");
	PARSE(&p, "bench", "--plot");
	assert_error(&p, "--plot");
	PARSE(&p, "bench", "--cpu", "x");   /* bench --cpu N: a CPU number */
	assert_error(&p, "--cpu");
	PARSE(&p, "bench", "--jsonx");
	assert_error(&p, "--jsonx");
	PARSE(&p, "bench", "extra");
	assert_error(&p, "extra");
	PARSE(&p, "bench", "--mem", "64M");
	assert_error(&p, "--mem");
	/* And bench's options are not run's. */
	PARSE(&p, "run", "--cpu", "1", "--json");
	assert_error(&p, "--json");

	PARSE(&p, "bench", "--help");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
	PARSE(&p, "bench", "--json", "-h", "--bogus");
	CU_ASSERT_EQUAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.cmd, SC_CMD_HELP);
}

/* A short buffer gets a truncated, terminated message. */
static void test_error_short_buffer(void)
{
	char *argv[] = { "sparecore", "frobnicate", NULL };
	char err[8];
	struct sc_args a;

	memset(err, 'x', sizeof(err));
	CU_ASSERT_EQUAL(sc_parse_args(2, argv, &a, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(memchr(err, 0, sizeof(err)) != NULL);
	CU_ASSERT_TRUE(strlen(err) > 0);
}

/* ------------------------------------------------------------ network */

static void test_parse_ipv4(void)
{
	uint32_t ip = 7;
	unsigned n = 7;

	CU_ASSERT_EQUAL(sc_parse_ipv4("192.0.2.2", &ip), 0);
	CU_ASSERT_EQUAL(ip, 0xc0000202u);
	CU_ASSERT_EQUAL(sc_parse_ipv4("0.0.0.0", &ip), 0);
	CU_ASSERT_EQUAL(ip, 0u);
	CU_ASSERT_EQUAL(sc_parse_ipv4("255.255.255.255", &ip), 0);
	CU_ASSERT_EQUAL(ip, 0xffffffffu);
	ip = 7;
	CU_ASSERT_EQUAL(sc_parse_ipv4("256.0.0.1", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("1.2.3", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("1.2.3.4.5", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("1.2.3.", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4(".1.2.3", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("1..2.3", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4(" 1.2.3.4", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("1.2.3.4 ", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("-1.2.3.4", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("0001.2.3.4", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("1.2.3.4/24", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4("", &ip), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4(NULL, &ip), -1);
	CU_ASSERT_EQUAL(ip, 7u);

	CU_ASSERT_EQUAL(sc_parse_ipv4_prefix("192.0.2.2/24", &ip, &n), 0);
	CU_ASSERT_EQUAL(ip, 0xc0000202u);
	CU_ASSERT_EQUAL(n, 24u);
	CU_ASSERT_EQUAL(sc_parse_ipv4_prefix("10.0.0.1/32", &ip, &n), 0);
	CU_ASSERT_EQUAL(n, 32u);
	CU_ASSERT_EQUAL(sc_parse_ipv4_prefix("10.0.0.1/0", &ip, &n), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4_prefix("10.0.0.1/33", &ip, &n), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4_prefix("10.0.0.1/", &ip, &n), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4_prefix("10.0.0.1", &ip, &n), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4_prefix("10.0.0.1/24x", &ip, &n), -1);
	CU_ASSERT_EQUAL(sc_parse_ipv4_prefix("10.0.0.1/124", &ip, &n), -1);
}

static void test_parse_mac(void)
{
	uint8_t m[6] = { 9, 9, 9, 9, 9, 9 };
	const uint8_t want[6] = { 0x02, 0xab, 0xCD, 0, 0x10, 0xff };

	CU_ASSERT_EQUAL(sc_parse_mac("02:ab:CD:00:10:ff", m), 0);
	CU_ASSERT_EQUAL(memcmp(m, want, 6), 0);
	memset(m, 9, 6);
	CU_ASSERT_EQUAL(sc_parse_mac("01:00:5e:00:00:01", m), -1); /* multicast */
	CU_ASSERT_EQUAL(sc_parse_mac("ff:ff:ff:ff:ff:ff", m), -1);
	CU_ASSERT_EQUAL(sc_parse_mac("00:00:00:00:00:00", m), -1);
	CU_ASSERT_EQUAL(sc_parse_mac("02:00:00:00:00", m), -1);
	CU_ASSERT_EQUAL(sc_parse_mac("02:00:00:00:00:01:", m), -1);
	CU_ASSERT_EQUAL(sc_parse_mac("02:00:00:00:00:1", m), -1);
	CU_ASSERT_EQUAL(sc_parse_mac("02-00-00-00-00-01", m), -1);
	CU_ASSERT_EQUAL(sc_parse_mac("0g:00:00:00:00:01", m), -1);
	CU_ASSERT_EQUAL(sc_parse_mac("", m), -1);
	CU_ASSERT_EQUAL(m[0], 9);
}

/* The network options together, as run checks them after parsing. */
static void net_check(struct parsed *p)
{
	if (p->ret == 0)
		p->ret = sc_net_args_check(&p->a.net, p->a.cmdline, p->err,
					   sizeof(p->err));
}

#define PARSE_NET(p, ...) do { PARSE(p, __VA_ARGS__); net_check(p); } while (0)

static void test_run_net(void)
{
	struct parsed p;
	char buf[SC_CMDLINE_MAX];
	const uint8_t derived[6] = { 0x02, 0x53, 0x43, 0x00, 0x02, 0x02 };

	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2/24");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_STRING_EQUAL(p.a.net.tap, "sc0");
	CU_ASSERT_EQUAL(p.a.net.ip, 0xc0000202u);
	CU_ASSERT_EQUAL(p.a.net.prefix, 24u);
	CU_ASSERT_EQUAL(p.a.net.gw, 0u);
	CU_ASSERT_EQUAL(p.a.net.host_ip, 0u);
	CU_ASSERT_FALSE(p.a.net.have_mac);
	CU_ASSERT_EQUAL(memcmp(p.a.net.mac, derived, 6), 0);
	CU_ASSERT_EQUAL(sc_net_cmdline(&p.a.net, NULL, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "ip=192.0.2.2/24 mac=02:53:43:00:02:02");

	PARSE_NET(&p, "run", "--cpu=1", "--net=tap:sc0", "--ip=192.0.2.2/24",
	      "--gw", "192.0.2.1", "--mac", "02:00:00:00:00:07",
	      "--host-ip", "192.0.2.1/24", "--cmdline", "quiet");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_EQUAL(p.a.net.gw, 0xc0000201u);
	CU_ASSERT_EQUAL(p.a.net.host_ip, 0xc0000201u);
	CU_ASSERT_EQUAL(p.a.net.host_prefix, 24u);
	CU_ASSERT_TRUE(p.a.net.have_mac);
	CU_ASSERT_EQUAL(sc_net_cmdline(&p.a.net, p.a.cmdline, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "quiet ip=192.0.2.2/24 gw=192.0.2.1 mac=02:00:00:00:00:07");

	/* Without --net the command line is the user's alone. */
	PARSE_NET(&p, "run", "--cpu", "1", "--cmdline", "x=1");
	CU_ASSERT_EQUAL_FATAL(p.ret, 0);
	CU_ASSERT_PTR_NULL(p.a.net.tap);
	CU_ASSERT_EQUAL(sc_net_cmdline(&p.a.net, p.a.cmdline, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "x=1");
}

static void test_run_net_bad(void)
{
	struct parsed p;
	char long_line[SC_CMDLINE_MAX];

	PARSE_NET(&p, "run", "--cpu", "1", "--net", "sc0", "--ip", "192.0.2.2/24");
	assert_error(&p, "tap:NAME");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:", "--ip", "192.0.2.2/24");
	assert_error(&p, "--net");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:a/b", "--ip", "192.0.2.2/24");
	assert_error(&p, "a/b");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:..", "--ip", "192.0.2.2/24");
	assert_error(&p, "--net");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:0123456789abcdef", "--ip", "192.0.2.2/24");
	assert_error(&p, "0123456789abcdef");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0");
	assert_error(&p, "--ip");
	PARSE_NET(&p, "run", "--cpu", "1", "--ip", "192.0.2.2/24");
	assert_error(&p, "--net");
	PARSE_NET(&p, "run", "--cpu", "1", "--gw", "192.0.2.1");
	assert_error(&p, "--net");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2");
	assert_error(&p, "192.0.2.2");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.0/24");
	assert_error(&p, "network or broadcast");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.255/24");
	assert_error(&p, "network or broadcast");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "127.0.0.2/8");
	assert_error(&p, "127.0.0.2");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "224.0.0.1/24");
	assert_error(&p, "224.0.0.1");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2/24",
	      "--gw", "198.51.100.1");
	assert_error(&p, "--gw");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2/24",
	      "--gw", "192.0.2.2");
	assert_error(&p, "--gw");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2/24",
	      "--gw", "x");
	assert_error(&p, "'x'");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2/24",
	      "--mac", "01:00:00:00:00:01");
	assert_error(&p, "--mac");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2/24",
	      "--host-ip", "192.0.2.2/24");
	assert_error(&p, "--host-ip");
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2/24",
	      "--host-ip", "192.0.2.1");
	assert_error(&p, "--host-ip");

	/* The user's words and ours must fit the partition's command line. */
	memset(long_line, 'a', sizeof(long_line));
	long_line[SC_CMDLINE_MAX - 20] = 0;
	PARSE_NET(&p, "run", "--cpu", "1", "--net", "tap:sc0", "--ip", "192.0.2.2/24",
	      "--cmdline", long_line);
	assert_error(&p, "--cmdline");
}

int sc_unit_register_args(void)
{
	CU_pSuite s = CU_add_suite("args", NULL, NULL);

	if (!s ||
	    !CU_add_test(s, "parse_size units", test_size_units) ||
	    !CU_add_test(s, "parse_size garbage", test_size_garbage) ||
	    !CU_add_test(s, "parse_size negative", test_size_negative) ||
	    !CU_add_test(s, "parse_size overflow", test_size_overflow) ||
	    !CU_add_test(s, "parse_size empty", test_size_empty) ||
	    !CU_add_test(s, "run --cpu 1 --mem 64M IMAGE", test_run_basic) ||
	    !CU_add_test(s, "run --cpu=2, defaults, order", test_run_equals_and_defaults) ||
	    !CU_add_test(s, "run without --cpu", test_run_missing_cpu) ||
	    !CU_add_test(s, "run with bad --cpu", test_run_bad_cpu) ||
	    !CU_add_test(s, "run with bad --mem", test_run_bad_mem) ||
	    !CU_add_test(s, "run --cmdline, --boot-timeout", test_run_other_options) ||
	    !CU_add_test(s, "parse_seconds", test_seconds) ||
	    !CU_add_test(s, "run --watchdog", test_run_watchdog) ||
	    !CU_add_test(s, "unknown option", test_unknown_option) ||
	    !CU_add_test(s, "run --disk FILE[,ro]", test_run_disk) ||
	    !CU_add_test(s, "two images", test_two_images) ||
	    !CU_add_test(s, "status", test_status) ||
	    !CU_add_test(s, "start, console, stop, logs NAME", test_named) ||
	    !CU_add_test(s, "--help anywhere", test_help_anywhere) ||
	    !CU_add_test(s, "no command", test_no_command) ||
	    !CU_add_test(s, "unknown command", test_unknown_command) ||
	    !CU_add_test(s, "bench defaults", test_bench_defaults) ||
	    !CU_add_test(s, "bench options", test_bench_options) ||
	    !CU_add_test(s, "bench with bad --iterations", test_bench_bad_iterations) ||
	    !CU_add_test(s, "bench with bad --cpus", test_bench_bad_cpus) ||
	    !CU_add_test(s, "bench: other errors, --help", test_bench_other_errors) ||
	    !CU_add_test(s, "error in a short buffer", test_error_short_buffer) ||
	    !CU_add_test(s, "parse IPv4 addresses", test_parse_ipv4) ||
	    !CU_add_test(s, "parse MAC addresses", test_parse_mac) ||
	    !CU_add_test(s, "run --net --ip --gw --mac --host-ip", test_run_net) ||
	    !CU_add_test(s, "run with bad network options", test_run_net_bad))
		return -1;
	return 0;
}
