// SPDX-License-Identifier: GPL-2.0
/* `sparecore`: run partitions on CPUs taken from Linux. */
#include <stdio.h>
#include <string.h>

#include <sparecore/ioctl.h> /* both contract versions */

#include "args.h"
#include "bench.h"
#include "check_host.h"
#include "config.h"
#include "named.h"
#include "run.h"
#include "status.h"
#include "tables.h"
#include "util.h"

static const char usage[] =
"usage: sparecore [-v] COMMAND [OPTIONS]\n"
"\n"
"Run a partition (our own small kernel) on a CPU taken from Linux. Its\n"
"console, disk and network go through shared-memory rings to this host.\n"
"\n"
"commands:\n"
"  run --cpu N [--mem SIZE] [--cmdline STR] [--boot-timeout S]\n"
"      [--watchdog S] [-v] [--disk FILE[,ro]]\n"
"      [--net tap:NAME --ip A/N [--gw G] [--mac M] [--host-ip H/N]] [IMAGE]\n"
"  run --config FILE [OPTIONS] [IMAGE]\n"
"        take CPU N offline, boot IMAGE (default: the sparecore partition OS)\n"
"        on it with SIZE of memory (default 64M, 4M..1G in 2M steps), and\n"
"        connect its console to this terminal. Ctrl-], SIGINT or SIGTERM\n"
"        stop it; 'halt' in its shell too. Piped input is sent as typed, and\n"
"        its end leaves the partition running. --watchdog: stop a partition\n"
"        whose heartbeat (its timer tick) does not move for S seconds\n"
"        (default 2, decimals such as 0.5 allowed, 0 = never). The CPU goes\n"
"        back to Linux in every case. Exit: 0 halted or stopped, 1 error\n"
"        (host unchanged), 2 partition crashed (report on stderr),\n"
"        3 partition hung (stopped by the watchdog), 4 partition broke a\n"
"        ring or stormed the doorbell (stopped), 128+N signal N.\n"
"        --disk FILE gives the partition a disk (its shell: blk help): a\n"
"        regular file or block device, read-write and locked for this\n"
"        partition alone, or with ,ro read-only (shared with other readers).\n"
"        Network (the partition is a host on this host's network):\n"
"          --net tap:NAME   create TAP device NAME, or attach to it\n"
"          --ip A/N         the partition's address, e.g. 192.0.2.2/24\n"
"          --gw G           its default gateway (in its subnet)\n"
"          --mac M          its MAC (default 02:53:43 + low 24 bits of A)\n"
"          --host-ip H/N    give NAME address H/N and bring it up\n"
"        --config FILE takes the options from FILE (sparecore.conf(5)); the\n"
"        command line overrides it. --dry-run checks everything that can be\n"
"        checked without taking the CPU, and starts nothing.\n"
"        --bench-ring adds the bench device (the partition's ringbench).\n"
"  start NAME [run's options] [--foreground] [IMAGE]\n"
"        run the partition NAME in the background: its options come from\n"
"        /etc/sparecore/NAME.conf when there is one (the command line\n"
"        overrides it), its console goes to /var/log/sparecore/NAME.log.\n"
"        Returns once it is up (exit 0) or refused (the same errors and\n"
"        statuses as run). --foreground: stay in the foreground (systemd).\n"
"  console NAME\n"
"        attach this terminal to NAME's console; Ctrl-] detaches and the\n"
"        partition runs on. Piped input is typed into the partition.\n"
"  stop NAME [--timeout S]\n"
"        stop NAME and wait until its CPU is back online. A service that\n"
"        does not answer in S seconds (default 10) is killed, which stops\n"
"        the partition too.\n"
"  logs NAME [-f]\n"
"        print NAME's log (console output, crash reports, why it stopped),\n"
"        also after it stopped; -f follows it until the partition stops.\n"
"  check-config FILE\n"
"        the same as run --config FILE --dry-run.\n"
"  status [--json] [NAME]\n"
"        list partitions (name, CPU, state, memory, uptime, service pid,\n"
"        devices) and the module's counters; with NAME, also its per-device\n"
"        counters; --json for machines (sparecore(8) lists the fields).\n"
"  bench [--iterations N] [--cpus A,B] [--json | --csv] [--plot FILE.png]\n"
"        measure the ring against its peers on two pinned CPUs (default:\n"
"        the first two this process may use), no module or root needed:\n"
"        round-trip median, p99, p99.9 and max in ns, each as a ratio to\n"
"        the floor (one cache line bounced between the CPUs), for the\n"
"        sparecore ring, ck_ring, pipe, eventfd and futex, plus one-way\n"
"        streaming messages/s (batches of 1 and 32) for the rings.\n"
"        N round trips per test (default 100000, 100..10000000), all tests\n"
"        interleaved in rounds. --json / --csv print machine-readable rows;\n"
"        --plot draws latency histograms with gnuplot.\n"
"  bench --cpu N [--iterations N] [--cpus A,B] [--json | --csv] [--plot F]\n"
"        the partition <-> host path for real (root): boots a partition on\n"
"        CPU N with the bench ring and times round trips from it to this\n"
"        host: one cache line (partition-floor), the ring with both sides\n"
"        polling (partition-poll) and with doorbell IPIs both ways\n"
"        (partition-ipi), against the floor, the ring, eventfd and futex\n"
"        between two Linux threads on two other CPUs (A,B).\n"
"  tables --cpu N [--disk FILE] [--net tap:NAME] --out DIR\n"
"        write the ACPI tables a partition on CPU N would get (rsdp.dat,\n"
"        xsdt.dat, facp.dat, apic.dat, dsdt.dat) for iasl -d and acpiexec.\n"
"        --apic-id ID instead of --cpu describes any APIC ID. No root needed.\n"
"  check-host [--json]\n"
"        whether this host can run partitions (CPU hotplug, CPUs to give,\n"
"        module loading, memory, TUN, IPI broadcasts, memory encryption).\n"
"  help  this text.\n"
"\n"
"options:\n"
"  -v, --verbose   show each step of a start with its time\n"
"  --version       print the version and ABI version\n"
"\n"
"Needs root and the sparecore module (loaded automatically when found).\n";

/* run --config FILE, check-config FILE, start NAME (with NAME.conf): the
 * file's options, then the command line's. */
static int merge_config(int argc, char **argv, struct sc_args *a)
{
	/* Kept to the end: a points into it. */
	static struct sc_config cfg;
	char cerr[PATH_MAX + 512];

	if (sc_config_merge(argc, argv, a, &cfg, cerr, sizeof(cerr))) {
		sc_err("%s", cerr);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sc_args a;
	char err[256];

	/* check-host reads /proc and /sys and takes no run options. */
	if (argc >= 2 && !strcmp(argv[1], "check-host"))
		return sc_cmd_check_host(argc - 1, argv + 1);
	if (sc_parse_args(argc, argv, &a, err, sizeof(err))) {
		sc_err("%s", err);
		return 1;
	}
	sc_verbose = a.verbose;
	switch (a.cmd) {
	case SC_CMD_HELP:
		fputs(usage, stdout);
		return 0;
	case SC_CMD_VERSION:
		printf("sparecore %s (ioctl ABI %u, boot ABI %u)\n", SC_VERSION,
		       SC_IOCTL_VERSION, SC_BOOT_VERSION);
		return 0;
	case SC_CMD_RUN:
		if (a.config && merge_config(argc, argv, &a))
			return 1;
		return sc_cmd_run(&a);
	case SC_CMD_START:
		if (a.config && merge_config(argc, argv, &a))
			return 1;
		return sc_cmd_start(&a);
	case SC_CMD_CONSOLE:
		return sc_cmd_console(&a);
	case SC_CMD_STOP:
		return sc_cmd_stop(&a);
	case SC_CMD_LOGS:
		return sc_cmd_logs(&a);
	case SC_CMD_STATUS:
		return sc_cmd_status(&a);
	case SC_CMD_BENCH:
		return sc_cmd_bench(&a);
	case SC_CMD_TABLES:
		return sc_cmd_tables(&a);
	default:
		fputs(usage, stderr);
		return 1;
	}
}
