// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ptyrun ACTION CMD...: run CMD on a new pseudo-terminal, as its session
 * leader with the pty as controlling terminal (as a login shell's job
 * would be), wait for the partition's prompt "sparecore> ", then:
 *   ctrl-]  type Ctrl-] (0x1d), the console's escape;
 *   int     send SIGINT to CMD's process group, as a terminal's ^C would
 *           (CMD's raw mode passes a typed ^C on to the partition);
 *   hup     hang the terminal up (close the master): the kernel sends
 *           SIGHUP to the session.
 * Prints "exit N" (or "signal N") for CMD, and for ctrl-] and int whether
 * CMD gave the terminal its modes back ("termios restored" / "termios
 * changed"). Everything CMD wrote goes to our stdout. Run in the lab VM by
 * tests/e2e/pty.sh. Exit 0, or 1 with a line on stderr if the harness
 * itself failed (no pty, no prompt within 60 s).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Copy the master's output to stdout until pattern seen or timeout. */
static int pump(int m, const char *pattern, double secs)
{
	static char seen[4096];
	static size_t len;
	double end = now() + secs;
	char buf[512];

	while (now() < end) {
		struct pollfd pfd = { .fd = m, .events = POLLIN };
		ssize_t n;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(m, buf, sizeof(buf));
		if (n <= 0)
			return pattern ? -1 : 0;
		fwrite(buf, 1, (size_t)n, stdout);
		fflush(stdout);
		if (len + (size_t)n >= sizeof(seen))
			len = 0;
		memcpy(seen + len, buf, (size_t)n);
		len += (size_t)n;
		seen[len] = 0;
		if (pattern && strstr(seen, pattern))
			return 0;
	}
	return pattern ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct termios before, after;
	const char *action;
	int m, status;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: ptyrun ctrl-]|int|hup CMD...\n");
		return 1;
	}
	action = argv[1];
	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m)) {
		perror("ptyrun: pty");
		return 1;
	}
	if (tcgetattr(m, &before)) {
		perror("ptyrun: tcgetattr");
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		int s;

		setsid();
		s = open(ptsname(m), O_RDWR);
		if (s < 0 || ioctl(s, TIOCSCTTY, 0))
			_exit(126);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		if (s > 2)
			close(s);
		close(m);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (pump(m, "sparecore> ", 60)) {
		fprintf(stderr, "ptyrun: no prompt within 60 s\n");
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return 1;
	}
	if (!strcmp(action, "ctrl-]")) {
		if (write(m, "\x1d", 1) != 1)
			perror("ptyrun: write");
	} else if (!strcmp(action, "int")) {
		kill(-pid, SIGINT);
	} else if (!strcmp(action, "hup")) {
		close(m);
		m = -1;
	} else {
		fprintf(stderr, "ptyrun: unknown action %s\n", action);
		kill(pid, SIGKILL);
	}
	if (m >= 0)
		pump(m, NULL, 0.5);
	/* The exit, within 30 s, draining the output meanwhile. */
	for (int i = 0; i < 300; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		if (m >= 0)
			pump(m, NULL, 0.1);
		else
			usleep(100000);
		if (i == 299) {
			fprintf(stderr, "ptyrun: CMD still running after 30 s\n");
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
		}
	}
	printf("\n");
	if (WIFEXITED(status))
		printf("exit %d\n", WEXITSTATUS(status));
	else
		printf("signal %d\n", WTERMSIG(status));
	if (m >= 0) {
		tcgetattr(m, &after);
		printf("termios %s\n",
		       before.c_lflag == after.c_lflag &&
		       before.c_iflag == after.c_iflag &&
		       before.c_oflag == after.c_oflag ? "restored" : "changed");
	}
	return 0;
}
