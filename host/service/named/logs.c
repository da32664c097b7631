// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore logs NAME [-f]`: the partition's console output and its
 * service's messages (crash reports, why it stopped), oldest first. The
 * log outlives the partition, for the post-mortem. -f follows it until
 * the service has exited, then prints what it wrote last and ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "named.h"
#include "names.h"
#include "util.h"

/* Copy what fd has now to stdout. false if stdout is gone. */
static bool copy_out(int fd)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (sc_write_all(STDOUT_FILENO, buf, (size_t)n))
			return false;
	return true;
}

int sc_cmd_logs(const struct sc_args *a)
{
	char path[4096];
	int fd;

	if (sc_name_path(path, sizeof(path), a->name, SC_NAME_LOG)) {
		sc_err("the log directory %s is too long", sc_name_dir(SC_NAME_LOG));
		return 1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			sc_err("no log for partition %s (%s): it was never started here",
			       a->name, path);
		else
			sc_err("cannot read %s: %m", path);
		return 1;
	}
	for (;;) {
		bool running = a->follow && sc_name_running(a->name, NULL);

		/* Looked at before the read: what a service wrote before it
		 * exited is read once more after. */
		if (!copy_out(fd) || !running)
			break;
		nanosleep(&(struct timespec){ .tv_nsec = 100000000 }, NULL);
	}
	close(fd);
	return 0;
}
