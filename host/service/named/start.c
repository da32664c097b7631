// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore start NAME`: the service of a named partition runs detached.
 *
 * The name is taken (lock, log, socket) before anything else, so a name in
 * use changes nothing. Then the process forks: the child becomes the
 * service (its own session, stdin and stdout on /dev/null) and does what
 * `run` does; its stderr stays the user's until the partition is up, so
 * every refusal reaches the user as with `run`. The parent waits for a
 * word on a socket pair: "U" when the partition is up, end of file if the
 * child gave up (its exit status is the parent's).
 */
#include "named.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sparecore/compiler.h>

#include "run.h"
#include "session.h"
#include "util.h"

/* Wait for the child's word; dots on a terminal while it takes long. */
static int wait_up(int fd, pid_t child, const char *name, int cpu)
{
	uint64_t t0 = sc_now_ns();
	bool tty = isatty(STDERR_FILENO), dots = false;
	char c = 0;
	int status;

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int n = poll(&pfd, 1, 1000);

		if (n < 0 && errno != EINTR)
			break;
		if (n > 0) {
			if (read(fd, &c, 1) != 1)
				c = 0;
			break;
		}
		if (tty) {
			fprintf(stderr, dots ? "." : "sparecore: starting partition %s on CPU %d .",
				name, cpu);
			dots = true;
		}
	}
	if (dots)
		fputc('\n', stderr);
	if (c == 'U') {
		char log[4096];

		sc_name_path(log, sizeof(log), name, SC_NAME_LOG);
		printf("partition %s is up on CPU %d (%.2f s); console: sparecore console %s; log: %s\n",
		       name, cpu, (double)(sc_now_ns() - t0) / 1e9, name, log);
		return 0;
	}
	/* It said why on stderr, unless it died without a word. */
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		sc_err("the service of partition %s died of signal %d (%s) before the partition came up",
		       name, WTERMSIG(status), strsignal(WTERMSIG(status)));
	return WIFEXITED(status) && WEXITSTATUS(status) ? WEXITSTATUS(status) : 1;
}

/* The service keeps nothing of the shell that started it: not its
 * terminal as stdin/stdout, not a pipe or FIFO it happened to have open
 * (whose reader would otherwise wait for the partition to stop). */
static void detach_fds(const struct sc_session *s)
{
	int keep[] = { s->lock_fd, s->listen_fd, s->log_fd, s->ready_fd };
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		close(null);
	}
	while (d && (e = readdir(d))) {
		int fd = atoi(e->d_name);
		bool ours = fd <= STDERR_FILENO || fd == dirfd(d);

		for (unsigned i = 0; i < ARRAY_SIZE(keep); i++)
			ours |= fd == keep[i];
		if (e->d_name[0] != '.' && !ours)
			close(fd);
	}
	if (d)
		closedir(d);
}

int sc_cmd_start(const struct sc_args *a)
{
	struct sc_session s;
	int sp[2], ret;
	pid_t pid;

	if (geteuid() != 0 && !a->dry_run) {
		sc_err("must be run as root (partitions take a CPU from Linux)");
		return SC_EXIT_ERROR;
	}
	if (a->dry_run)
		return sc_cmd_run(a);
	if (sc_session_open(&s, a->name))
		return SC_EXIT_ERROR;
	if (a->foreground) {
		/* systemd's way: we are the service; messages stay on stderr
		 * (the journal), the console goes to the log. */
		sc_session_own(&s);
		ret = sc_run(a, &s);
		sc_session_close(&s);
		return ret;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp)) {
		sc_err("socketpair: %m");
		sc_session_close(&s);
		return SC_EXIT_ERROR;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		sc_err("fork: %m");
		close(sp[0]);
		close(sp[1]);
		sc_session_close(&s);
		return SC_EXIT_ERROR;
	}
	if (pid > 0) {
		/* Only close: the socket file and the lock are the child's. */
		close(s.listen_fd);
		close(s.log_fd);
		close(s.lock_fd);
		close(sp[1]);
		ret = wait_up(sp[0], pid, a->name, a->cpu);
		close(sp[0]);
		return ret;
	}
	close(sp[0]);
	setsid();
	s.ready_fd = sp[1];
	detach_fds(&s);
	sc_session_own(&s);
	ret = sc_run(a, &s);
	sc_session_close(&s);
	return ret;
}
