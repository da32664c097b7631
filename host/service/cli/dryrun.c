// SPDX-License-Identifier: GPL-2.0
#include "dryrun.h"

#include <stdio.h>
#include <unistd.h>

#include "blk_backend.h"
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
	/* The disk as run would open it (exists, is a file or block device,
	 * not locked by a partition), let go again at once. */
	if (a->disk) {
		struct sc_blk *b = sc_blk_open(a->disk, a->disk_ro);

		if (!b)
			return 1;
		sc_blk_close(b);
	}
	printf("%s: ok: CPU %d, %llu MiB, image %s%s%s%s%s%s (dry run: nothing started)\n",
	       a->config ? a->config : "run", a->cpu,
	       (unsigned long long)(a->mem >> 20), image,
	       a->cmdline ? ", cmdline " : "", a->cmdline ? a->cmdline : "",
	       a->disk ? ", disk " : "", a->disk ? a->disk : "",
	       a->disk && a->disk_ro ? " (read-only)" : "");
	return 0;
}
