/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line parsing for `sparecore`, kept apart so it can be unit-tested. */
#ifndef SC_ARGS_H
#define SC_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "net_args.h"

enum sc_cmd { SC_CMD_NONE, SC_CMD_HELP, SC_CMD_VERSION, SC_CMD_RUN,
	      SC_CMD_STATUS, SC_CMD_BENCH, SC_CMD_TABLES, SC_CMD_START,
	      SC_CMD_CONSOLE, SC_CMD_STOP, SC_CMD_LOGS };

/* Longest --append: the guest kernel may take less (its cmdline_size). */
#define SC_LG_APPEND_MAX 2048u

#define SC_STOP_TIMEOUT_DEFAULT_MS 10000u /* stop: then kill the service */
#define SC_STOP_TIMEOUT_MAX_MS 600000u

/* Output of `sparecore bench`. */
enum sc_bench_fmt { SC_BENCH_TABLE, SC_BENCH_JSON, SC_BENCH_CSV };

#define SC_BENCH_ITER_DEFAULT 100000u
#define SC_BENCH_ITER_MIN 100u
#define SC_BENCH_ITER_MAX 10000000u /* 80 MB of samples per test */

struct sc_args {
	enum sc_cmd cmd;
	int cpu;              /* --cpu, -1 if not given */
	uint64_t mem;         /* --mem in bytes */
	const char *image;    /* IMAGE, NULL for the built-in partition OS */
	const char *cmdline;  /* --cmdline passed to the partition */
	const char *kernel;   /* --kernel BZIMAGE: a Linux guest (docs/linux-guest.md) */
	const char *initrd;   /* --initrd FILE, with --kernel */
	const char *append;   /* --append ARGS for the guest kernel */
	const char *lg_stop_at; /* --linux-stop-at STAGE (test only) */
	unsigned timeout_ms;  /* --boot-timeout in ms, 0 = module default */
	unsigned watchdog_ms; /* --watchdog in ms, 0 = off */
	bool verbose;         /* -v */
	/* bench */
	uint64_t iterations;  /* --iterations: round trips per test */
	int bench_cpus[2];    /* --cpus A,B; -1 = first two allowed CPUs */
	enum sc_bench_fmt format; /* --json, --csv, else a table */
	const char *plot;     /* --plot FILE.png, NULL for none */
	const char *config;   /* --config FILE (or check-config FILE) */
	bool dry_run;         /* --dry-run, check-config: check, take no CPU */
	const char *corrupt_acpi; /* run --corrupt-acpi TABLE (test only) */
	const char *disk;     /* run --disk FILE (in disk_buf), tables --disk */
	bool disk_ro;         /* run --disk FILE,ro */
	bool bench_ring;      /* run --bench-ring: the bench device too */
	int bench_samples_fd; /* where its samples go (bench --cpu); -1: dropped */
	char disk_buf[4096];  /* FILE without the ",ro" / ",rw" suffix */
	const char *out_dir;  /* tables --out DIR */
	int64_t apic_id;      /* tables --apic-id N, -1 if not given */
	struct sc_net_args net; /* --net, --ip, --gw, --mac, --host-ip */
	/* named partitions */
	const char *name;     /* start/console/stop/logs NAME, status [NAME] */
	bool foreground;      /* start --foreground: no fork (systemd) */
	bool json;            /* status --json */
	bool follow;          /* logs -f */
	unsigned stop_timeout_ms; /* stop --timeout S */
};

/* Parse "64M", "1G", "65536", "512K". Returns 0, or -1 for garbage. */
int sc_parse_size(const char *s, uint64_t *out);

/* The value of option name at argv[*i] ("--opt VALUE", advancing *i, or
 * "--opt=VALUE"); "" if it is missing; NULL if argv[*i] is another option. */
const char *sc_opt_value(int argc, char **argv, int *i, const char *name);
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
