// SPDX-License-Identifier: GPL-2.0
/* `sparecore status`: every partition the module knows, and its counters. */
#include "status.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sparecore/ioctl.h>

#include "dev.h"
#include "util.h"

static const char *state_name(uint32_t s)
{
	switch (s) {
	case SC_RUN_CREATED: return "starting";
	case SC_RUN_RUNNING: return "running";
	case SC_RUN_STOPPED: return "stopped";
	default: return "unknown";
	}
}

int sc_cmd_status(void)
{
	static struct sc_ioc_list l;
	int fd = sc_dev_open(0);

	if (fd == -2) {
		printf("no partitions (module not loaded)\n");
		return 0;
	}
	if (fd < 0)
		return 1;
	memset(&l, 0, sizeof(l));
	if (ioctl(fd, SC_IOC_LIST, &l)) {
		sc_err("cannot list partitions: %m");
		close(fd);
		return 1;
	}
	close(fd);
	if (l.count > SC_LIST_MAX)
		l.count = SC_LIST_MAX;
	if (!l.count)
		printf("no partitions\n");
	else
		printf("%-4s %-9s %8s %12s %8s\n", "CPU", "STATE", "MEMORY",
		       "UPTIME", "PID");
	for (uint32_t i = 0; i < l.count; i++) {
		const struct sc_part_info *pi = &l.parts[i];

		printf("%-4u %-9s %6lluM %10.1f s %8u\n", pi->cpu,
		       state_name(pi->state),
		       (unsigned long long)(pi->mem_size >> 20),
		       (double)pi->uptime_ns / 1e9, pi->owner_pid);
	}
	printf("module: %llu pages, %u doorbell IRQs allocated\n",
	       (unsigned long long)l.pages_allocated, l.irqs_allocated);
	return 0;
}
