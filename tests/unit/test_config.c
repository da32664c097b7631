// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of config files (host/service/cli/config.c): good files, and bad
 * ones that must each give one line naming FILE:LINE and the reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include <sparecore/abi.h>

#include "config.h"
#include "unit.h"

#define MIB (1ull << 20)

static char dir[] = "/tmp/sc-unit-config-XXXXXX";
static char path[sizeof(dir) + 64];
static char err[PATH_MAX + 512];
static struct sc_config cfg;

/* Write text to dir/name and leave its path in path. */
static void put(const char *name, const char *text)
{
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

static int load(const char *text)
{
	put("t.conf", text);
	err[0] = 0;
	return sc_config_load(path, &cfg, err, sizeof(err));
}

/* Fails with one line "DIR/t.conf:LINE: ..." that contains needle. */
static void bad(const char *text, unsigned line, const char *needle)
{
	char where[sizeof(path) + 16];
	int r = load(text);

	CU_ASSERT_EQUAL(r, -1);
	snprintf(where, sizeof(where), "%s:%u: ", path, line);
	CU_ASSERT_EQUAL(strncmp(err, where, strlen(where)), 0);
	CU_ASSERT_PTR_NULL(strchr(err, '\n'));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, needle));
	if (r != -1 || strncmp(err, where, strlen(where)) || !strstr(err, needle))
		fprintf(stderr, "\n  want '%s...%s', got '%s'\n", where, needle, err);
	sc_config_free(&cfg);
}

static void test_good_file(void)
{
	int r = load("# a partition\n"
		     "\n"
		     "cpu = 1\n"
		     "  mem=128M\n"
		     "; another comment\n"
		     "cmdline = \" quiet ; x=y \"\n"
		     "boot-timeout = 20\n"
		     "image = web.elf\n");

	CU_ASSERT_EQUAL_FATAL(r, 0);
	CU_ASSERT_STRING_EQUAL(sc_config_get(&cfg, SC_CONF_CPU), "1");
	CU_ASSERT_STRING_EQUAL(sc_config_get(&cfg, SC_CONF_MEM), "128M");
	/* Quotes keep the spaces; ';' and '=' are part of the value. */
	CU_ASSERT_STRING_EQUAL(sc_config_get(&cfg, SC_CONF_CMDLINE), " quiet ; x=y ");
	CU_ASSERT_PTR_NULL(sc_config_get(&cfg, SC_CONF_DISK));
	CU_ASSERT_EQUAL(cfg.line[SC_CONF_CPU], 3u);
	CU_ASSERT_EQUAL(cfg.line[SC_CONF_IMAGE], 8u);
	CU_ASSERT_STRING_EQUAL(cfg.name, "t");
	sc_config_free(&cfg);

	CU_ASSERT_EQUAL(load(""), 0); /* empty is valid; run then needs --cpu */
	sc_config_free(&cfg);
}

static void test_unknown_key(void)
{
	bad("cpu = 1\ncpus = 2\n", 2, "unknown key 'cpus'");
	bad("verbose = 1\n", 1, "unknown key 'verbose'");
	bad("help = 1\n", 1, "unknown key 'help'");
	bad("= 1\n", 1, "no key");
}

static void test_bad_value(void)
{
	bad("cpu = x\n", 1, "cpu wants a CPU number, got 'x'");
	bad("cpu = -1\n", 1, "cpu");
	bad("cpu =\n", 1, "cpu");
	bad("# c\ncpu = 1 # one\n", 2, "'1 # one'"); /* no inline comments */
	bad("cpu = 1\nmem = 3M\n", 2, "mem must be a multiple of 2M");
	bad("mem = lots\n", 1, "mem wants a size");
	bad("boot-timeout = 0\n", 1, "boot-timeout wants seconds");
	bad("image =\n", 1, "image wants a file name");
	bad("image = \"\"\n", 1, "image wants a file name");
}

static void test_duplicate_key(void)
{
	bad("cpu = 1\nmem = 8M\n\ncpu = 2\n", 4, "duplicate key 'cpu' (first set on line 1)");
}

static void test_missing_file(void)
{
	snprintf(path, sizeof(path), "%s/none.conf", dir);
	CU_ASSERT_EQUAL(sc_config_load(path, &cfg, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "none.conf: cannot open: No such file"));
	CU_ASSERT_PTR_NULL(strchr(err, '\n'));
	sc_config_free(&cfg);
}

static void test_garbage_line(void)
{
	char big[SC_CONFIG_LINE_MAX + 64];

	bad("cpu = 1\nthis is not a setting\n", 2, "syntax error");
	bad("\n\n\n[partition]\ncpu = 1\n", 4, "sections");
	/* A line longer than the buffer is refused, not split in two. */
	memset(big, 'a', sizeof(big));
	memcpy(big, "cmdline = ", 10);
	strcpy(big + SC_CONFIG_LINE_MAX, "x=1\n");
	bad(big, 1, "longer than");
	/* A last line without a newline is a line. */
	CU_ASSERT_EQUAL(load("mem = 8M\ncpu = 1"), 0);
	sc_config_free(&cfg);
	bad("mem = 8M\ncpu", 2, "syntax error");
}

/* Keys listed for options that are still to come: accepted once `run`
 * has the option, refused as "not supported yet" until then. */
static void test_future_keys(void)
{
	for (unsigned k = 0; k < SC_CONF_NR_KEYS; k++) {
		const struct sc_config_key_info *ki = &sc_config_keys[k];
		char opt[64], text[128], msg[256];
		char *argv[] = { "sparecore", "run", "--cpu=0", opt, NULL };
		struct sc_args a;
		int supported;

		if (!ki->option)
			continue;
		snprintf(opt, sizeof(opt), "%s=x", ki->option);
		supported = !sc_parse_args(4, argv, &a, msg, sizeof(msg)) ||
			    strncmp(msg, "unknown option", 14);
		if (supported)
			continue; /* its values are the option's business */
		snprintf(text, sizeof(text), "cpu = 1\n%s = x\n", ki->key);
		bad(text, 2, "not supported by this sparecore yet");
	}
}

static int merge(int argc, char **argv, struct sc_args *a)
{
	err[0] = 0;
	CU_ASSERT_EQUAL_FATAL(sc_parse_args(argc, argv, a, err, sizeof(err)), 0);
	return sc_config_merge(argc, argv, a, &cfg, err, sizeof(err));
}

static void test_merge(void)
{
	struct sc_args a;
	char want[sizeof(dir) + 32];

	put("web.conf", "cpu = 1\nmem = 32M\nimage = web.elf\ncmdline = a b\n");
	snprintf(want, sizeof(want), "%s/web.elf", dir);

	/* The file alone. */
	char *v1[] = { "sparecore", "run", "--config", path, NULL };
	CU_ASSERT_EQUAL_FATAL(merge(4, v1, &a), 0);
	CU_ASSERT_EQUAL(a.cmd, SC_CMD_RUN);
	CU_ASSERT_EQUAL(a.cpu, 1);
	CU_ASSERT_EQUAL(a.mem, 32 * MIB);
	CU_ASSERT_STRING_EQUAL(a.image, want); /* relative to the file */
	CU_ASSERT_STRING_EQUAL(a.cmdline, "a b");
	CU_ASSERT_STRING_EQUAL(a.config, path);
	CU_ASSERT_FALSE(a.dry_run);
	CU_ASSERT_STRING_EQUAL(cfg.name, "web");
	sc_config_free(&cfg);

	/* The command line wins, whatever its order. */
	char *v2[] = { "sparecore", "-v", "run", "--mem=8M", "--config", path,
		       "other.elf", "--cpu", "2", "--dry-run", NULL };
	CU_ASSERT_EQUAL_FATAL(merge(10, v2, &a), 0);
	CU_ASSERT_EQUAL(a.cpu, 2);
	CU_ASSERT_EQUAL(a.mem, 8 * MIB);
	CU_ASSERT_STRING_EQUAL(a.image, "other.elf");
	CU_ASSERT_STRING_EQUAL(a.cmdline, "a b");
	CU_ASSERT_TRUE(a.verbose);
	CU_ASSERT_TRUE(a.dry_run);
	sc_config_free(&cfg);

	/* check-config FILE is run --config FILE --dry-run. */
	char *v3[] = { "sparecore", "check-config", path, NULL };
	CU_ASSERT_EQUAL_FATAL(merge(3, v3, &a), 0);
	CU_ASSERT_EQUAL(a.cmd, SC_CMD_RUN);
	CU_ASSERT_TRUE(a.dry_run);
	CU_ASSERT_EQUAL(a.cpu, 1);
	CU_ASSERT_STRING_EQUAL(a.config, path);
	sc_config_free(&cfg);

	/* No CPU in the file nor on the command line. */
	put("nocpu.conf", "mem = 8M\n");
	char *v4[] = { "sparecore", "run", "--config", path, NULL };
	CU_ASSERT_EQUAL(merge(4, v4, &a), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "nocpu.conf: no CPU given"));
	sc_config_free(&cfg);

	/* A bad file stops the merge with its own error. */
	put("bad.conf", "cpu = 1\nmem = 1T\n");
	char *v5[] = { "sparecore", "check-config", path, NULL };
	CU_ASSERT_EQUAL(merge(3, v5, &a), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "bad.conf:2: mem wants a size"));
	sc_config_free(&cfg);
}

static void test_args(void)
{
	struct sc_args a;
	char *v1[] = { "sparecore", "check-config", NULL };
	char *v2[] = { "sparecore", "check-config", "a", "b", NULL };
	char *v3[] = { "sparecore", "run", "--config=", NULL };

	CU_ASSERT_EQUAL(sc_parse_args(2, v1, &a, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "check-config needs a FILE"));
	CU_ASSERT_EQUAL(sc_parse_args(4, v2, &a, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "one FILE"));
	CU_ASSERT_EQUAL(sc_parse_args(3, v3, &a, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--config wants a file"));
}

static int suite_init(void)
{
	return mkdtemp(dir) ? 0 : -1;
}

static int suite_clean(void)
{
	char cmd[sizeof(dir) + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

int sc_unit_register_config(void)
{
	CU_pSuite s = CU_add_suite("config", suite_init, suite_clean);

	if (!s ||
	    !CU_add_test(s, "good file", test_good_file) ||
	    !CU_add_test(s, "unknown key", test_unknown_key) ||
	    !CU_add_test(s, "bad value", test_bad_value) ||
	    !CU_add_test(s, "duplicate key", test_duplicate_key) ||
	    !CU_add_test(s, "missing file", test_missing_file) ||
	    !CU_add_test(s, "garbage line", test_garbage_line) ||
	    !CU_add_test(s, "keys of options to come", test_future_keys) ||
	    !CU_add_test(s, "merge with the command line", test_merge) ||
	    !CU_add_test(s, "check-config and --config arguments", test_args))
		return -1;
	return 0;
}
