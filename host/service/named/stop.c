// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore stop NAME`: ask the service to stop its partition and wait
 * until it says the CPU is back online. A service that does not answer in
 * --timeout seconds (stopped with SIGSTOP, stuck in the kernel) is killed:
 * the module stops the partition when the service's file closes, so the
 * CPU comes back either way.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "named.h"
#include "names.h"
#include "util.h"

/* Wait until nobody holds name's lock: the service has exited. */
static bool wait_gone(const char *name, unsigned ms)
{
	for (unsigned t = 0; t < ms; t += 10) {
		if (!sc_name_running(name, NULL))
			return true;
		nanosleep(&(struct timespec){ .tv_nsec = 10000000 }, NULL);
	}
	return !sc_name_running(name, NULL);
}

int sc_cmd_stop(const struct sc_args *a)
{
	char line[64];
	pid_t pid = 0;
	int fd, r;

	if (geteuid() != 0) {
		sc_err("must be run as root (named partitions are root's)");
		return 1;
	}
	fd = sc_ctl_request(a->name, "stop", 0);
	if (fd < 0)
		return 1;
	r = sc_ctl_line(fd, line, sizeof(line), (int)a->stop_timeout_ms);
	close(fd);
	if (r > 0 && !strncmp(line, "stopped ", 8)) {
		/* The service still closes its files after it answered. */
		wait_gone(a->name, 5000);
		printf("partition %s stopped (exit %s)\n", a->name, line + 8);
		return 0;
	}
	if (r == 0) {
		/* It went away without a word: it stopped, or died. */
		wait_gone(a->name, 5000);
		printf("partition %s stopped\n", a->name);
		return 0;
	}
	if (!sc_name_running(a->name, &pid) || pid <= 0) {
		printf("partition %s stopped\n", a->name);
		return 0;
	}
	sc_err("partition %s did not stop within %.1f s; killing its service (pid %ld)",
	       a->name, a->stop_timeout_ms / 1000.0, (long)pid);
	if (kill(pid, SIGKILL) && errno != ESRCH) {
		sc_err("cannot kill pid %ld: %m", (long)pid);
		return 1;
	}
	if (!wait_gone(a->name, 10000)) {
		sc_err("the service of partition %s (pid %ld) is still there after SIGKILL",
		       a->name, (long)pid);
		return 1;
	}
	sc_name_clean(a->name);
	printf("partition %s stopped (service killed)\n", a->name);
	return 0;
}
