// SPDX-License-Identifier: GPL-2.0
#include "dryrun.h"

#include <stdio.h>
#include <unistd.h>

#include "util.h"

int sc_dry_run(const struct sc_args *a, const char *image)
{
	char path[64];

	/*
	 * What the module would refuse for any host state: the boot CPU and
	 * a CPU this host does not have. Whether the CPU is online and free,
	 * and whether the memory can be had, depends on the moment: `run`
	 * finds out, and leaves the host as it was if not.
	 */
	if (a->cpu == 0) {
		sc_err("CPU 0 is the boot CPU and cannot be given to a partition");
		return 1;
	}
	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d", a->cpu);
	if (access(path, F_OK)) {
		sc_err("CPU %d does not exist on this host", a->cpu);
		return 1;
	}
	printf("%s: ok: CPU %d, %llu MiB, image %s%s%s (dry run: nothing started)\n",
	       a->config ? a->config : "run", a->cpu,
	       (unsigned long long)(a->mem >> 20), image,
	       a->cmdline ? ", cmdline " : "", a->cmdline ? a->cmdline : "");
	return 0;
}
