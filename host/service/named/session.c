// SPDX-License-Identifier: GPL-2.0
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "console_backend.h"
#include "part.h"
#include "status_json.h"
#include "util.h"

/* mkdir -p; the last level gets mode, the ones above 0755. */
static int make_dir(const char *dir, mode_t mode)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path)) {
		sc_err("directory name too long: %s", dir);
		return -1;
	}
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0755) && errno != EEXIST)
			break; /* the final mkdir says what is wrong */
		*p = '/';
	}
	if (mkdir(path, mode) && errno != EEXIST) {
		sc_err("cannot create %s: %m", dir);
		return -1;
	}
	return 0;
}

static int take_lock(struct sc_session *s)
{
	char path[PATH_MAX], pid[32];

	if (make_dir(sc_name_dir(SC_NAME_LOCK), 0700) ||
	    sc_name_path(path, sizeof(path), s->name, SC_NAME_LOCK) ||
	    sc_name_path(s->sock_path, sizeof(s->sock_path), s->name, SC_NAME_SOCK)) {
		sc_err("the run directory %s is too long for a socket",
		       sc_name_dir(SC_NAME_SOCK));
		return -1;
	}
	s->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (s->lock_fd < 0) {
		sc_err("cannot open %s: %m", path);
		return -1;
	}
	/* Never unlinked: a file removed while locked lets a second service
	 * lock a new one of the same name. */
	if (flock(s->lock_fd, LOCK_EX | LOCK_NB)) {
		long other = read(s->lock_fd, pid, sizeof(pid) - 1) > 0 ? atol(pid) : 0;

		sc_err("partition %s is already running (service pid %ld): sparecore console %s, or sparecore stop %s",
		       s->name, other, s->name, s->name);
		return -1;
	}
	return 0;
}

static int open_log(struct sc_session *s)
{
	if (make_dir(sc_name_dir(SC_NAME_LOG), 0750) ||
	    sc_name_path(s->log_path, sizeof(s->log_path), s->name, SC_NAME_LOG))
		return -1;
	s->log_fd = open(s->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
	if (s->log_fd < 0) {
		sc_err("cannot open the log %s: %m", s->log_path);
		return -1;
	}
	return 0;
}

static int listen_sock(struct sc_session *s)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	s->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->listen_fd < 0) {
		sc_err("socket: %m");
		return -1;
	}
	/* We hold the lock: a socket file left here is a dead service's. */
	unlink(s->sock_path);
	memcpy(sa.sun_path, s->sock_path, strlen(s->sock_path) + 1);
	if (bind(s->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    chmod(s->sock_path, 0600) || listen(s->listen_fd, SC_SESSION_CONNS)) {
		sc_err("cannot listen on %s: %m", s->sock_path);
		return -1;
	}
	return 0;
}

int sc_session_open(struct sc_session *s, const char *name)
{
	memset(s, 0, sizeof(*s));
	s->request_ns = SC_SESSION_REQUEST_NS;
	s->lock_fd = s->listen_fd = s->log_fd = s->ready_fd = s->console_fd = -1;
	for (unsigned i = 0; i < SC_SESSION_CONNS; i++)
		s->conn[i].fd = -1;
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (take_lock(s) || open_log(s) || listen_sock(s)) {
		sc_session_close(s);
		return -1;
	}
	return 0;
}

void sc_session_own(struct sc_session *s)
{
	char pid[32], when[64];
	time_t t = time(NULL);
	int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());

	/* Read by stop (to kill a service that does not answer) and by
	 * status; the lock itself is what says the service is alive. */
	if (ftruncate(s->lock_fd, 0) || pwrite(s->lock_fd, pid, (size_t)n, 0) != n)
		sc_err("cannot write the pid to %s's lock: %m", s->name);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", localtime(&t));
	dprintf(s->log_fd, "sparecore: --- partition %s, service pid %ld, %s ---\n",
		s->name, (long)getpid(), when);
}

void sc_session_ready(struct sc_session *s)
{
	s->up_ns = sc_now_ns();
	if (s->ready_fd < 0)
		return;
	/* `start` prints the rest; our messages go to the log from here. */
	send(s->ready_fd, "U", 1, MSG_NOSIGNAL);
	close(s->ready_fd);
	s->ready_fd = -1;
	dup2(s->log_fd, STDERR_FILENO);
	if (s->con)
		sc_err_mid_line = &s->con->out_mid_line;
}

static void send_text(int fd, const char *text)
{
	/* Short, to a local peer that just asked: a full buffer means a
	 * client that does not read, and it loses the line. */
	if (send(fd, text, strlen(text), MSG_NOSIGNAL | MSG_DONTWAIT) < 0 &&
	    errno != EAGAIN && errno != EPIPE && errno != ECONNRESET)
		sc_err("control socket: %m");
}

static void drop_conn(struct sc_session_conn *c)
{
	close(c->fd);
	*c = (struct sc_session_conn){ .fd = -1 };
}

static void detach_console(struct sc_session *s)
{
	if (s->con && s->con->in_fd == s->console_fd) {
		s->con->in_fd = -1;
		s->con->tee_fd = -1;
	}
	close(s->console_fd);
	s->console_fd = -1;
}

static void accept_conns(struct sc_session *s)
{
	for (;;) {
		struct ucred cred;
		socklen_t len = sizeof(cred);
		unsigned i;
		int fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0)
			return;
		/* The socket's directory is root's alone; this is the second
		 * lock on the door. */
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) || cred.uid != 0) {
			close(fd);
			continue;
		}
		for (i = 0; i < SC_SESSION_CONNS && s->conn[i].fd >= 0; i++)
			;
		if (i == SC_SESSION_CONNS) {
			send_text(fd, "error too many connections\n");
			close(fd);
			continue;
		}
		s->conn[i] = (struct sc_session_conn){ .fd = fd, .since_ns = sc_now_ns() };
	}
}

/* A whole request line has come in on c: answer it. */
static bool request(struct sc_session *s, struct sc_session_conn *c)
{
	char reply[64];

	if (!strcmp(c->line, "console")) {
		if (s->console_fd >= 0 || !s->con) {
			struct ucred cred = { 0 };
			socklen_t len = sizeof(cred);

			if (s->console_fd >= 0)
				getsockopt(s->console_fd, SOL_SOCKET, SO_PEERCRED, &cred, &len);
			snprintf(reply, sizeof(reply), "busy %ld\n", (long)cred.pid);
			send_text(c->fd, reply);
			drop_conn(c);
			return false;
		}
		snprintf(reply, sizeof(reply), "ok %u\n", s->part->info.cpu);
		send_text(c->fd, reply);
		/* The connection is the console now. */
		s->console_fd = c->fd;
		s->con->in_fd = s->con->tee_fd = c->fd;
		s->con->in_eof = false;
		*c = (struct sc_session_conn){ .fd = -1 };
		return false;
	}
	if (!strcmp(c->line, "status")) {
		char *json = sc_status_json(s);

		if (json) {
			send_text(c->fd, json);
			send_text(c->fd, "\n");
		}
		free(json);
		drop_conn(c);
		return false;
	}
	if (!strcmp(c->line, "stop")) {
		struct ucred cred = { 0 };
		socklen_t len = sizeof(cred);

		getsockopt(c->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len);
		if (!s->stop_pid)
			s->stop_pid = cred.pid ? cred.pid : -1;
		c->stop_wait = true;
		return true;
	}
	send_text(c->fd, "error unknown request (console, status or stop)\n");
	drop_conn(c);
	return false;
}

/* Read what a connection sent so far; a request is one short line. */
static bool read_request(struct sc_session *s, struct sc_session_conn *c)
{
	ssize_t n = read(c->fd, c->line + c->len, sizeof(c->line) - 1 - c->len);
	char *nl;

	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			drop_conn(c);
		return false;
	}
	c->len += (unsigned)n;
	c->line[c->len] = 0;
	nl = strchr(c->line, '\n');
	if (!nl) {
		if (c->len == sizeof(c->line) - 1) {
			send_text(c->fd, "error request too long\n");
			drop_conn(c);
		}
		return false;
	}
	*nl = 0;
	return request(s, c);
}

int sc_session_pollfds(struct sc_session *s, struct pollfd *pfd, int max)
{
	int n = 0;

	if (n < max)
		pfd[n++] = (struct pollfd){ .fd = s->listen_fd, .events = POLLIN };
	/* Only for its hang-up: the console loop reads its input. */
	if (n < max)
		pfd[n++] = (struct pollfd){ .fd = s->console_fd, .events = 0 };
	for (unsigned i = 0; i < SC_SESSION_CONNS && n < max; i++)
		pfd[n++] = (struct pollfd){
			.fd = s->conn[i].fd,
			/* A waiting `stop` is watched for hang-up only. */
			.events = s->conn[i].stop_wait ? 0 : POLLIN,
		};
	return n;
}

bool sc_session_serve(struct sc_session *s, const struct pollfd *pfd, int n)
{
	uint64_t now = sc_now_ns();
	bool stop = false;

	if (n >= 2 && s->console_fd >= 0 && (pfd[1].revents & (POLLHUP | POLLERR)))
		detach_console(s);
	for (int i = 2; i < n; i++) {
		struct sc_session_conn *c = &s->conn[i - 2];

		if (c->fd >= 0 && !c->stop_wait && now - c->since_ns > s->request_ns) {
			send_text(c->fd, "error no request in time\n");
			drop_conn(c);
			continue;
		}
		if (c->fd < 0 || c->fd != pfd[i].fd || !pfd[i].revents)
			continue;
		if (c->stop_wait) {
			/* Gone before the answer: nobody to tell. The stop
			 * it asked for goes on. */
			if (pfd[i].revents & (POLLHUP | POLLERR))
				drop_conn(c);
			continue;
		}
		stop |= read_request(s, c);
	}
	/* Last: a new connection may take a slot freed above. */
	if (n >= 1 && (pfd[0].revents & POLLIN))
		accept_conns(s);
	return stop;
}

void sc_session_finish(struct sc_session *s, int exit_status, const char *how)
{
	char line[160];

	if (s->console_fd >= 0 && s->part) {
		snprintf(line, sizeof(line), "\r\nsparecore: partition %s %s; CPU %u is back online\r\n",
			 s->name, how, s->part->info.cpu);
		send_text(s->console_fd, line);
		detach_console(s);
	}
	snprintf(line, sizeof(line), "stopped %d\n", exit_status);
	for (unsigned i = 0; i < SC_SESSION_CONNS; i++)
		if (s->conn[i].fd >= 0 && s->conn[i].stop_wait)
			send_text(s->conn[i].fd, line);
}

void sc_session_close(struct sc_session *s)
{
	if (s->console_fd >= 0)
		detach_console(s);
	for (unsigned i = 0; i < SC_SESSION_CONNS; i++)
		if (s->conn[i].fd >= 0)
			drop_conn(&s->conn[i]);
	if (s->listen_fd >= 0) {
		close(s->listen_fd);
		unlink(s->sock_path);
	}
	if (s->ready_fd >= 0)
		close(s->ready_fd);
	if (s->log_fd >= 0)
		close(s->log_fd);
	/* Last: once the lock is free a new service of this name may start. */
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	s->listen_fd = s->ready_fd = s->log_fd = s->lock_fd = -1;
}
