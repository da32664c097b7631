// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of named partitions' files and control protocol
 * (host/service/named/names.c, session.c, ctl.c), in a temporary directory: no
 * partition, no module. The session is served by this same process: a
 * client connects (the kernel queues it), then one poll round of the
 * service answers it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <CUnit/CUnit.h>
#include <json-c/json.h>

#include "ctl.h"
#include "names.h"
#include "session.h"
#include "unit.h"

static char dir[] = "/tmp/sc-unit-names-XXXXXX";

static void name_ok(const char *n)
{
	char err[128] = "";

	CU_ASSERT_EQUAL(sc_name_check(n, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(err, "");
}

static void name_bad(const char *n, const char *needle)
{
	char err[128] = "";

	CU_ASSERT_EQUAL(sc_name_check(n, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, needle));
}

static void test_check(void)
{
	name_ok("web");
	name_ok("a");
	name_ok("db-1.prod_2");
	name_ok("abcdefghijklmnopqrstuvwxyz012345"); /* 32 */
	name_bad("", "1 to 32");
	name_bad("abcdefghijklmnopqrstuvwxyz0123456", "1 to 32");
	name_bad(".hidden", "cannot start with '.'");
	name_bad("..", "cannot start with '.'");
	name_bad("-v", "cannot start with '-'");
	name_bad("a/b", "only letters");
	name_bad("a b", "only letters");
	name_bad("a\nb", "only letters");
	name_bad("caf\xc3\xa9", "only letters");
}

static void test_paths(void)
{
	char buf[4096], big[200];

	CU_ASSERT_EQUAL(sc_name_path(buf, sizeof(buf), "web", SC_NAME_CONF), 0);
	CU_ASSERT_STRING_EQUAL(buf, "/etc/sparecore/web.conf");
	setenv("SPARECORE_RUN_DIR", "/tmp/r", 1);
	setenv("SPARECORE_LOG_DIR", "/tmp/l", 1);
	CU_ASSERT_EQUAL(sc_name_path(buf, sizeof(buf), "web", SC_NAME_SOCK), 0);
	CU_ASSERT_STRING_EQUAL(buf, "/tmp/r/web.sock");
	CU_ASSERT_EQUAL(sc_name_path(buf, sizeof(buf), "web", SC_NAME_LOCK), 0);
	CU_ASSERT_STRING_EQUAL(buf, "/tmp/r/web.lock");
	CU_ASSERT_EQUAL(sc_name_path(buf, sizeof(buf), "web", SC_NAME_LOG), 0);
	CU_ASSERT_STRING_EQUAL(buf, "/tmp/l/web.log");
	/* A socket path must fit sun_path (108): refused, not cut short. */
	memset(big, 'd', sizeof(big) - 1);
	big[0] = '/';
	big[sizeof(big) - 1] = 0;
	setenv("SPARECORE_RUN_DIR", big, 1);
	CU_ASSERT_EQUAL(sc_name_path(buf, sizeof(buf), "web", SC_NAME_SOCK), -1);
	CU_ASSERT_EQUAL(sc_name_path(buf, sizeof(buf), "web", SC_NAME_LOCK), 0);
	setenv("SPARECORE_RUN_DIR", dir, 1);
	setenv("SPARECORE_LOG_DIR", dir, 1);
}

/* The lock, as a service holds it and status/stop look at it. */
static void test_running(void)
{
	char path[4096];
	pid_t pid = -1;
	int fd;

	CU_ASSERT_FALSE(sc_name_running("ghost", NULL)); /* no file */
	sc_name_path(path, sizeof(path), "lk", SC_NAME_LOCK);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(write(fd, "4242\n", 5), 5);
	CU_ASSERT_FALSE(sc_name_running("lk", &pid)); /* file, no lock: stale */
	CU_ASSERT_EQUAL(pid, -1);
	CU_ASSERT_EQUAL(flock(fd, LOCK_EX | LOCK_NB), 0);
	CU_ASSERT_TRUE(sc_name_running("lk", &pid));
	CU_ASSERT_EQUAL(pid, 4242);
	/* A socket left by a killed service goes only when nobody holds
	 * the lock. */
	sc_name_path(path, sizeof(path), "lk", SC_NAME_SOCK);
	close(open(path, O_WRONLY | O_CREAT, 0600));
	sc_name_clean("lk");
	CU_ASSERT_EQUAL(access(path, F_OK), 0);
	close(fd);
	CU_ASSERT_FALSE(sc_name_running("lk", NULL));
	sc_name_clean("lk");
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
}

/* Connected, and nothing said. */
static int silent_client(const char *name)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	sc_name_path(sa.sun_path, sizeof(sa.sun_path), name, SC_NAME_SOCK);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Two rounds of the service's loop: the first accepts what connected,
 * the second reads the requests. Returns whether a stop was asked. */
static bool serve(struct sc_session *s)
{
	bool stop = false;

	for (int round = 0; round < 2; round++) {
		struct pollfd pfd[2 + SC_SESSION_CONNS];
		int n = sc_session_pollfds(s, pfd, 2 + SC_SESSION_CONNS);

		CU_ASSERT(poll(pfd, (nfds_t)n, 1000) > 0);
		stop |= sc_session_serve(s, pfd, n);
	}
	return stop;
}

static void test_session(void)
{
	struct sc_session s, other;
	char line[4096], path[4096];
	json_object *o, *v;
	int c, c2;

	if (geteuid() != 0) {
		/* The service answers root only (SO_PEERCRED). */
		fprintf(stderr, "\n  session protocol: needs root, NOT TESTED\n");
		CU_FAIL("session protocol test needs root");
		return;
	}
	CU_ASSERT_EQUAL_FATAL(sc_session_open(&s, "svc"), 0);
	sc_session_own(&s);
	/* A second service of the same name is refused, changes nothing. */
	CU_ASSERT_EQUAL(sc_session_open(&other, "svc"), -1);
	CU_ASSERT_TRUE(sc_name_running("svc", NULL));
	sc_name_path(path, sizeof(path), "svc", SC_NAME_SOCK);
	CU_ASSERT_EQUAL(access(path, F_OK), 0);

	/* status: one JSON object on one line, then the end. */
	c = sc_ctl_request("svc", "status", 0);
	CU_ASSERT_FATAL(c >= 0);
	CU_ASSERT_FALSE(serve(&s));
	CU_ASSERT(sc_ctl_line(c, line, sizeof(line), 1000) > 0);
	o = json_tokener_parse(line);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_TRUE(json_object_object_get_ex(o, "name", &v));
	CU_ASSERT_STRING_EQUAL(json_object_get_string(v), "svc");
	CU_ASSERT_TRUE(json_object_object_get_ex(o, "pid", &v));
	CU_ASSERT_EQUAL(json_object_get_int64(v), getpid());
	CU_ASSERT_TRUE(json_object_object_get_ex(o, "state", &v));
	CU_ASSERT_STRING_EQUAL(json_object_get_string(v), "starting");
	json_object_put(o);
	CU_ASSERT_EQUAL(sc_ctl_line(c, line, sizeof(line), 1000), 0);
	close(c);

	/* Garbage: an unknown request, and a line that never ends. */
	c = sc_ctl_request("svc", "reboot", 0);
	CU_ASSERT_FALSE(serve(&s));
	CU_ASSERT(sc_ctl_line(c, line, sizeof(line), 1000) > 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "error unknown request"));
	close(c);
	c = sc_ctl_request("svc", "statusstatusstatusstatus", 0);
	CU_ASSERT_FALSE(serve(&s));
	CU_ASSERT(sc_ctl_line(c, line, sizeof(line), 1000) > 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "error request too long"));
	close(c);

	/* A client that says nothing loses its slot after request_ns. */
	s.request_ns = 1000000; /* 1 ms */
	c = silent_client("svc");
	CU_ASSERT_FATAL(c >= 0);
	for (int round = 0; round < 2; round++) {
		struct pollfd pfd[2 + SC_SESSION_CONNS];
		int n = sc_session_pollfds(&s, pfd, 2 + SC_SESSION_CONNS);

		/* Round 1 accepts it; round 2, later, finds it silent. */
		CU_ASSERT(poll(pfd, (nfds_t)n, round ? 10 : 1000) >= 0);
		CU_ASSERT_FALSE(sc_session_serve(&s, pfd, n));
		usleep(5000);
	}
	CU_ASSERT(sc_ctl_line(c, line, sizeof(line), 1000) > 0);
	CU_ASSERT_STRING_EQUAL(line, "error no request in time");
	CU_ASSERT_EQUAL(sc_ctl_line(c, line, sizeof(line), 1000), 0); /* closed */
	close(c);
	s.request_ns = SC_SESSION_REQUEST_NS;

	/* Before the partition has a console, none can attach. */
	c = sc_ctl_request("svc", "console", 0);
	CU_ASSERT_FALSE(serve(&s));
	CU_ASSERT(sc_ctl_line(c, line, sizeof(line), 1000) > 0);
	CU_ASSERT_EQUAL(strncmp(line, "busy", 4), 0);
	close(c);

	/* stop: asked, then answered only at the end, to each who asked. */
	c = sc_ctl_request("svc", "stop", 0);
	c2 = sc_ctl_request("svc", "stop", 0);
	CU_ASSERT_TRUE(serve(&s));
	CU_ASSERT_EQUAL(s.stop_pid, getpid());
	CU_ASSERT_EQUAL(sc_ctl_line(c, line, sizeof(line), 50), -1); /* not yet */
	sc_session_finish(&s, 3, "hung and was stopped");
	CU_ASSERT(sc_ctl_line(c, line, sizeof(line), 1000) > 0);
	CU_ASSERT_STRING_EQUAL(line, "stopped 3");
	CU_ASSERT(sc_ctl_line(c2, line, sizeof(line), 1000) > 0);
	CU_ASSERT_STRING_EQUAL(line, "stopped 3");
	close(c);
	close(c2);

	sc_session_close(&s);
	CU_ASSERT_FALSE(sc_name_running("svc", NULL));
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0); /* socket removed */
	/* The log has the service's header. */
	sc_name_path(path, sizeof(path), "svc", SC_NAME_LOG);
	{
		FILE *f = fopen(path, "r");

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
		CU_ASSERT_EQUAL(strncmp(line, "sparecore: --- partition svc, service pid", 41), 0);
		fclose(f);
	}
	/* The name is free again. */
	CU_ASSERT_EQUAL(sc_session_open(&s, "svc"), 0);
	sc_session_close(&s);
}

static int suite_init(void)
{
	if (!mkdtemp(dir))
		return -1;
	setenv("SPARECORE_RUN_DIR", dir, 1);
	setenv("SPARECORE_LOG_DIR", dir, 1);
	return 0;
}

static int suite_clean(void)
{
	char cmd[sizeof(dir) + 16];

	unsetenv("SPARECORE_RUN_DIR");
	unsetenv("SPARECORE_LOG_DIR");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

int sc_unit_register_names(void)
{
	CU_pSuite s = CU_add_suite("names", suite_init, suite_clean);

	if (!s ||
	    !CU_add_test(s, "partition names", test_check) ||
	    !CU_add_test(s, "file paths and their environment", test_paths) ||
	    !CU_add_test(s, "lock: running, stale, clean-up", test_running) ||
	    !CU_add_test(s, "control protocol", test_session))
		return -1;
	return 0;
}
