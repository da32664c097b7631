// SPDX-License-Identifier: GPL-2.0
#include "names.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/un.h>
#include <unistd.h>

int sc_name_check(const char *name, char *err, size_t errlen)
{
	size_t n = strlen(name);

	if (!n || n > SC_NAME_MAX) {
		snprintf(err, errlen, "a partition name has 1 to %u characters, got '%s'",
			 SC_NAME_MAX, name);
		return -1;
	}
	if (name[0] == '.' || name[0] == '-') {
		snprintf(err, errlen, "a partition name cannot start with '%c': '%s'",
			 name[0], name);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
			snprintf(err, errlen, "a partition name has only letters, digits, '_', '.' and '-', got '%s'",
				 name);
			return -1;
		}
	}
	return 0;
}

const char *sc_name_dir(enum sc_name_file f)
{
	static const struct { const char *env, *def; } dirs[] = {
		[SC_NAME_CONF] = { "SPARECORE_CONF_DIR", "/etc/sparecore" },
		[SC_NAME_LOCK] = { "SPARECORE_RUN_DIR", "/run/sparecore" },
		[SC_NAME_SOCK] = { "SPARECORE_RUN_DIR", "/run/sparecore" },
		[SC_NAME_LOG] = { "SPARECORE_LOG_DIR", "/var/log/sparecore" },
	};
	const char *v = getenv(dirs[f].env);

	return v && *v ? v : dirs[f].def;
}

int sc_name_path(char *buf, size_t len, const char *name, enum sc_name_file f)
{
	static const char *const ext[] = {
		[SC_NAME_CONF] = "conf", [SC_NAME_LOCK] = "lock",
		[SC_NAME_SOCK] = "sock", [SC_NAME_LOG] = "log",
	};
	int n;

	if (f == SC_NAME_SOCK && len > sizeof(((struct sockaddr_un *)0)->sun_path))
		len = sizeof(((struct sockaddr_un *)0)->sun_path);
	n = snprintf(buf, len, "%s/%s.%s", sc_name_dir(f), name, ext[f]);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

bool sc_name_running(const char *name, pid_t *pid)
{
	char path[4096], text[32] = "";
	bool held;
	int fd;

	if (sc_name_path(path, sizeof(path), name, SC_NAME_LOCK))
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	/* A shared lock is refused exactly while the service holds its
	 * exclusive one; a stale file from a crashed service is not held. */
	held = flock(fd, LOCK_SH | LOCK_NB) != 0;
	if (!held)
		flock(fd, LOCK_UN);
	else if (pid)
		*pid = read(fd, text, sizeof(text) - 1) > 0 ? (pid_t)atol(text) : 0;
	close(fd);
	return held;
}

void sc_name_clean(const char *name)
{
	char path[4096];
	int fd;

	if (sc_name_path(path, sizeof(path), name, SC_NAME_LOCK))
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	/* Under the lock: a new service binds its socket only after it has
	 * the lock, so this cannot remove a live one. */
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    !sc_name_path(path, sizeof(path), name, SC_NAME_SOCK))
		unlink(path);
	close(fd);
}
