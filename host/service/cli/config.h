/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Partition config files (/etc/sparecore/NAME.conf, sparecore.conf(5)):
 * `key = value` lines, one per `run` option, read with libinih.
 *
 * A key is the name of a `run` option without its dashes, and its value is
 * checked by the same parser as the option (args.c), so a file accepts
 * exactly what the command line accepts and says so in the same words,
 * prefixed with FILE:LINE. The file's name (NAME of NAME.conf) is kept as
 * the partition's name, for the named partitions to come.
 */
#ifndef SC_CONFIG_H
#define SC_CONFIG_H

#include <limits.h>
#include <stddef.h>

#include "args.h"

#define SC_CONFIG_LINE_MAX 1024 /* longest line, newline included */
#define SC_CONFIG_NAME_MAX 64

/* The keys, in the order of sc_config_keys[]. */
enum sc_config_key {
	SC_CONF_CPU, SC_CONF_MEM, SC_CONF_IMAGE, SC_CONF_CMDLINE,
	SC_CONF_BOOT_TIMEOUT, SC_CONF_DISK, SC_CONF_NET, SC_CONF_IP,
	SC_CONF_GW, SC_CONF_MAC, SC_CONF_WATCHDOG, SC_CONF_KERNEL,
	SC_CONF_INITRD, SC_CONF_APPEND,
	SC_CONF_NR_KEYS
};

struct sc_config_key_info {
	const char *key;     /* as written in the file */
	const char *option;  /* the `run` option; NULL: the IMAGE argument */
	int is_path;         /* relative values are relative to the file */
};
extern const struct sc_config_key_info sc_config_keys[SC_CONF_NR_KEYS];

struct sc_config {
	char path[PATH_MAX];                /* as given */
	char name[SC_CONFIG_NAME_MAX];      /* file name without ".conf" */
	char *value[SC_CONF_NR_KEYS];       /* NULL: not in the file */
	unsigned line[SC_CONF_NR_KEYS];     /* where each value was set */
	char *arg[SC_CONF_NR_KEYS];         /* the value as a `run` argument */
	char *config_arg;                   /* "--config=PATH" */
	char **argv;                        /* merged command line */
};

/*
 * Read and check path into *c (zeroed first). 0, or -1 with a one-line
 * "PATH:LINE: reason" (or "PATH: reason") in err. Free with sc_config_free
 * either way.
 */
int sc_config_load(const char *path, struct sc_config *c, char *err,
		   size_t errlen);

/* The value of a key, or NULL. */
const char *sc_config_get(const struct sc_config *c, enum sc_config_key k);

/*
 * `run --config FILE` and `check-config FILE`: load a->config and parse
 * the command line again with the file's values first, so flags given on
 * the command line win. argc/argv are main's. *a points into *c
 * afterwards: keep c until a is no longer used. 0, or -1 with err set.
 */
int sc_config_merge(int argc, char **argv, struct sc_args *a,
		    struct sc_config *c, char *err, size_t errlen);

void sc_config_free(struct sc_config *c);

#endif
