// SPDX-License-Identifier: GPL-2.0
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

/*
 * Keys that no `run` option takes yet (disk, net, ...) are listed so the
 * file can be written for them; until the option exists they are refused
 * with "not supported by this sparecore yet", never silently ignored.
 */
const struct sc_config_key_info sc_config_keys[SC_CONF_NR_KEYS] = {
	[SC_CONF_CPU]          = { "cpu", "--cpu", 0 },
	[SC_CONF_MEM]          = { "mem", "--mem", 0 },
	[SC_CONF_IMAGE]        = { "image", NULL, 1 },
	[SC_CONF_CMDLINE]      = { "cmdline", "--cmdline", 0 },
	[SC_CONF_BOOT_TIMEOUT] = { "boot-timeout", "--boot-timeout", 0 },
	[SC_CONF_DISK]         = { "disk", "--disk", 1 },
	[SC_CONF_NET]          = { "net", "--net", 0 },
	[SC_CONF_IP]           = { "ip", "--ip", 0 },
	[SC_CONF_GW]           = { "gw", "--gw", 0 },
	[SC_CONF_MAC]          = { "mac", "--mac", 0 },
	[SC_CONF_WATCHDOG]     = { "watchdog", "--watchdog", 0 },
	[SC_CONF_KERNEL]       = { "kernel", "--kernel", 1 },
	[SC_CONF_INITRD]       = { "initrd", "--initrd", 1 },
	[SC_CONF_APPEND]       = { "append", "--append", 0 },
};

static char word_sparecore[] = "sparecore", word_run[] = "run",
	    word_cpu0[] = "--cpu=0", word_dry_run[] = "--dry-run",
	    word_kernel[] = "--kernel=/vmlinuz";

struct parse_ctx {
	FILE *f;
	struct sc_config *c;
	unsigned line;       /* of the text the reader last returned */
	bool failed;         /* err holds the first error */
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 2, 3)))
static void fail(struct parse_ctx *p, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (p->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%u: %s", p->c->path, p->line, msg);
	p->failed = true;
}

/*
 * inih calls its handler without a line number (Debian builds it without
 * INI_HANDLER_LINENO), so the lines pass through this reader, which counts
 * them. It also refuses what inih would misread: a line longer than the
 * buffer (inih would parse its tail as a line of its own) and [sections].
 */
static char *read_line(char *buf, int size, void *user)
{
	struct parse_ctx *p = user;
	size_t len;
	const char *s;
	int next;

	if (p->failed || !fgets(buf, size, p->f))
		return NULL;
	p->line++;
	len = strlen(buf);
	if (len && buf[len - 1] != '\n') {
		next = getc(p->f);
		if (next != EOF) {
			fail(p, "line longer than %d bytes", size - 2);
			return NULL;
		}
	}
	for (s = buf; *s == ' ' || *s == '\t'; s++)
		;
	if (*s == '[') {
		fail(p, "sections ([...]) are not used: write 'key = value' lines only");
		return NULL;
	}
	return buf;
}

/* "--mem must be ..." reads "mem must be ..." in a file. */
static const char *file_words(const char *msg, const struct sc_config_key_info *k)
{
	size_t n = k->option ? strlen(k->option) : 0;

	if (n && !strncmp(msg, k->option, n) && (msg[n] == ' ' || msg[n] == 0))
		return msg + 2;
	return msg;
}

/* Check one value with the `run` parser itself. */
static void check_value(struct parse_ctx *p, unsigned k)
{
	const struct sc_config_key_info *ki = &sc_config_keys[k];
	char *argv[] = { word_sparecore, word_run, word_cpu0, p->c->arg[k],
			 word_kernel, NULL };
	/* initrd and append mean something only with a kernel: check them
	 * beside one; whether the file (or the command line) gives one is
	 * checked after merging. */
	int argc = k == SC_CONF_INITRD || k == SC_CONF_APPEND ? 5 : 4;
	struct sc_args a;
	char msg[512];

	if (!sc_parse_args(argc, argv, &a, msg, sizeof(msg)))
		return;
	if (!strncmp(msg, "unknown option", 14))
		fail(p, "'%s' is not supported by this sparecore yet (no %s option)",
		     ki->key, ki->option);
	else
		fail(p, "%s", file_words(msg, ki));
}

/* A relative path is taken from the file's own folder, not the cwd (which
 * is / under systemd). */
static char *resolve_path(const char *cfg_path, const char *v)
{
	const char *slash = strrchr(cfg_path, '/');
	char *out;

	if (v[0] == '/')
		return strdup(v);
	if (!slash)
		return asprintf(&out, "./%s", v) < 0 ? NULL : out;
	return asprintf(&out, "%.*s/%s", (int)(slash - cfg_path), cfg_path, v) < 0 ?
		NULL : out;
}

static int on_pair(void *user, const char *section, const char *name,
		   const char *value)
{
	struct parse_ctx *p = user;
	struct sc_config *c = p->c;
	const struct sc_config_key_info *ki;
	size_t len = strlen(value);
	unsigned k;
	char *v;

	(void)section; /* always "": read_line refuses [sections] */
	if (!*name) {
		fail(p, "no key before '='");
		return 0;
	}
	for (k = 0; k < SC_CONF_NR_KEYS; k++)
		if (!strcmp(name, sc_config_keys[k].key))
			break;
	if (k == SC_CONF_NR_KEYS) {
		char keys[256] = "";

		for (k = 0; k < SC_CONF_NR_KEYS; k++)
			snprintf(keys + strlen(keys), sizeof(keys) - strlen(keys),
				 "%s%s", k ? ", " : "", sc_config_keys[k].key);
		fail(p, "unknown key '%s' (keys: %s)", name, keys);
		return 0;
	}
	ki = &sc_config_keys[k];
	if (c->value[k]) {
		fail(p, "duplicate key '%s' (first set on line %u)", name, c->line[k]);
		return 0;
	}
	/* One pair of double quotes may keep spaces at the ends of a value. */
	if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
		v = strndup(value + 1, len - 2);
	else
		v = strdup(value);
	if (!v) {
		fail(p, "out of memory");
		return 0;
	}
	c->value[k] = v;
	c->line[k] = p->line;
	if (ki->is_path && !*v) {
		fail(p, "%s wants a file name", ki->key);
		return 0;
	}
	if (ki->is_path) {
		char *path = resolve_path(c->path, v);

		/* The IMAGE argument is the path itself: it never starts with
		 * '-', as resolve_path gives "/..." or "./...". */
		if (path && ki->option) {
			if (asprintf(&c->arg[k], "%s=%s", ki->option, path) < 0)
				c->arg[k] = NULL;
			free(path);
		} else {
			c->arg[k] = path;
		}
	} else if (asprintf(&c->arg[k], "%s=%s", ki->option, v) < 0) {
		c->arg[k] = NULL;
	}
	if (!c->arg[k]) {
		fail(p, "out of memory");
		return 0;
	}
	check_value(p, k);
	return !p->failed;
}

static void set_name(struct sc_config *c)
{
	const char *base = strrchr(c->path, '/');
	size_t n;

	base = base ? base + 1 : c->path;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".conf"))
		n -= 5;
	if (n >= sizeof(c->name))
		n = sizeof(c->name) - 1;
	memcpy(c->name, base, n);
	c->name[n] = 0;
}

int sc_config_load(const char *path, struct sc_config *c, char *err,
		   size_t errlen)
{
	struct parse_ctx p = { .c = c, .err = err, .errlen = errlen };
	int r;

	memset(c, 0, sizeof(*c));
	if (!path || !*path) {
		snprintf(err, errlen, "no config file given");
		return -1;
	}
	if (strlen(path) >= sizeof(c->path)) {
		snprintf(err, errlen, "config file name too long");
		return -1;
	}
	strcpy(c->path, path);
	set_name(c);
	p.f = fopen(path, "re");
	if (!p.f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	/*
	 * Debian's libinih has these as variables (upstream: compile-time
	 * macros). Values are taken as written: no inline comments (a ';' may
	 * be part of a cmdline), no indented continuation lines, one heap
	 * buffer of a fixed size so read_line sees every line whole.
	 */
	ini_allow_multiline = false;
	ini_allow_inline_comments = false;
	ini_stop_on_first_error = true;
	ini_allow_no_value = false;
	ini_use_stack = false;
	ini_allow_realloc = false;
	ini_initial_alloc = SC_CONFIG_LINE_MAX + 1;
	ini_max_line = SC_CONFIG_LINE_MAX + 1;
	r = ini_parse_stream(read_line, &p, on_pair, &p);
	if (!p.failed && ferror(p.f)) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		p.failed = true;
	}
	fclose(p.f);
	if (p.failed)
		return -1;
	if (r > 0) {
		snprintf(err, errlen, "%s:%d: syntax error: expected 'key = value' (or a # comment)",
			 path, r);
		return -1;
	}
	if (r < 0) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	return 0;
}

const char *sc_config_get(const struct sc_config *c, enum sc_config_key k)
{
	return (unsigned)k < SC_CONF_NR_KEYS ? c->value[k] : NULL;
}

int sc_config_merge(int argc, char **argv, struct sc_args *a,
		    struct sc_config *c, char *err, size_t errlen)
{
	bool cli_image = a->image != NULL, start;
	int cmd = 1, n = 0;

	if (sc_config_load(a->config, c, err, errlen))
		return -1;
	/* Global options are flags without values: the first word that is
	 * not one is the command (run or check-config). */
	while (cmd < argc && argv[cmd][0] == '-')
		cmd++;
	if (cmd >= argc) {
		snprintf(err, errlen, "internal error: no command to merge %s into",
			 c->path);
		return -1;
	}
	c->argv = calloc((size_t)argc + SC_CONF_NR_KEYS + 3, sizeof(char *));
	if (!c->argv) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int i = 0; i < cmd; i++)
		c->argv[n++] = argv[i];
	/* start NAME keeps its command and name: the name is the file's
	 * unless --config named another file. */
	start = !strcmp(argv[cmd], "start") && cmd + 1 < argc;
	if (start) {
		c->argv[n++] = argv[cmd];
		c->argv[n++] = argv[cmd + 1];
	} else {
		c->argv[n++] = word_run;
	}
	/* The file first: an option given again later on wins. IMAGE is an
	 * argument, not an option, so the file's is dropped for the user's. */
	for (unsigned k = 0; k < SC_CONF_NR_KEYS; k++)
		if (c->arg[k] && !(k == SC_CONF_IMAGE && cli_image))
			c->argv[n++] = c->arg[k];
	if (start || !strcmp(argv[cmd], "run")) {
		for (int i = cmd + 1 + start; i < argc; i++)
			c->argv[n++] = argv[i];
	} else {
		if (asprintf(&c->config_arg, "--config=%s", c->path) < 0) {
			c->config_arg = NULL;
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		c->argv[n++] = c->config_arg;
		c->argv[n++] = word_dry_run;
	}
	c->argv[n] = NULL;
	if (sc_parse_args(n, c->argv, a, err, errlen))
		return -1;
	if (a->cpu < 0) {
		snprintf(err, errlen, "%s: no CPU given: add 'cpu = N' to it or pass --cpu N",
			 c->path);
		return -1;
	}
	return 0;
}

void sc_config_free(struct sc_config *c)
{
	for (unsigned k = 0; k < SC_CONF_NR_KEYS; k++) {
		free(c->value[k]);
		free(c->arg[k]);
		c->value[k] = c->arg[k] = NULL;
	}
	free(c->config_arg);
	free(c->argv);
	c->config_arg = NULL;
	c->argv = NULL;
}
