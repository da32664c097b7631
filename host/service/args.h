/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line parsing for `sparecore`, kept apart so it can be unit-tested. */
#ifndef SC_ARGS_H
#define SC_ARGS_H

#include <stdbool.h>
#include <stdint.h>

enum sc_cmd { SC_CMD_NONE, SC_CMD_HELP, SC_CMD_VERSION, SC_CMD_RUN,
	      SC_CMD_STATUS };

struct sc_args {
	enum sc_cmd cmd;
	int cpu;              /* --cpu, -1 if not given */
	uint64_t mem;         /* --mem in bytes */
	const char *image;    /* IMAGE, NULL for the built-in partition OS */
	const char *cmdline;  /* --cmdline passed to the partition */
	unsigned timeout_ms;  /* --boot-timeout in ms, 0 = module default */
	unsigned watchdog_ms; /* --watchdog in ms, 0 = off */
	bool verbose;         /* -v */
};

/* Parse "64M", "1G", "65536", "512K". Returns 0, or -1 for garbage. */
int sc_parse_size(const char *s, uint64_t *out);

/* Parse seconds with up to three decimals ("2", "0.5") into milliseconds.
 * Returns 0, or -1 for garbage or more than max_ms. */
int sc_parse_seconds(const char *s, unsigned max_ms, unsigned *out_ms);

/*
 * Fill *a from argv. Returns 0 on success, or -1 after writing a one-line
 * reason to err (without the "sparecore: " prefix).
 */
int sc_parse_args(int argc, char **argv, struct sc_args *a, char *err,
		  unsigned errlen);

#endif
