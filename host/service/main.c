// SPDX-License-Identifier: GPL-2.0
/* `sparecore`: run partitions on CPUs taken from Linux. */
#include <stdio.h>

#include <sparecore/abi.h>

#include "args.h"
#include "run.h"
#include "status.h"
#include "util.h"

static const char usage[] =
"usage: sparecore [-v] COMMAND [OPTIONS]\n"
"\n"
"Run a partition (our own small kernel) on a CPU taken from Linux. Its\n"
"console, disk and network go through shared-memory rings to this host.\n"
"\n"
"commands:\n"
"  run --cpu N [--mem SIZE] [--cmdline STR] [--boot-timeout S]\n"
"      [--watchdog S] [-v] [IMAGE]\n"
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
"  status\n"
"        list partitions (CPU, state, memory, uptime) and module counters.\n"
"  help  this text.\n"
"\n"
"options:\n"
"  -v, --verbose   show each step of a start with its time\n"
"  --version       print the version and ABI version\n"
"\n"
"Needs root and the sparecore module (loaded automatically when found).\n";

int main(int argc, char **argv)
{
	struct sc_args a;
	char err[256];

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
		printf("sparecore 0.1 (ABI %u)\n", SC_ABI_VERSION);
		return 0;
	case SC_CMD_RUN:
		return sc_cmd_run(&a);
	case SC_CMD_STATUS:
		return sc_cmd_status();
	default:
		fputs(usage, stderr);
		return 1;
	}
}
