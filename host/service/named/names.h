/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Named partitions: what a name may be, and where a named partition keeps
 * its files.
 *
 *   $SPARECORE_CONF_DIR (/etc/sparecore)/NAME.conf   its options
 *   $SPARECORE_RUN_DIR  (/run/sparecore)/NAME.lock   held by its service
 *   $SPARECORE_RUN_DIR  (/run/sparecore)/NAME.sock   its control socket
 *   $SPARECORE_LOG_DIR  (/var/log/sparecore)/NAME.log its console and messages
 *
 * The environment variables exist for tests and for operators who keep
 * several installations apart; the defaults are the FHS places.
 */
#ifndef SC_NAMES_H
#define SC_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define SC_NAME_MAX 32 /* characters, without the terminating NUL */

/* 0 if name is 1..SC_NAME_MAX of [A-Za-z0-9_.-] not starting with '.' or
 * '-' (it becomes a file name, and must not look like an option); else -1
 * with a one-line reason in err. */
int sc_name_check(const char *name, char *err, size_t errlen);

enum sc_name_file { SC_NAME_CONF, SC_NAME_LOCK, SC_NAME_SOCK, SC_NAME_LOG };

/* The directory that holds a kind of file (no trailing slash). */
const char *sc_name_dir(enum sc_name_file f);
/* Path of one of a name's files in buf. 0, or -1 if it does not fit
 * (a socket path must fit in sun_path). */
int sc_name_path(char *buf, size_t len, const char *name, enum sc_name_file f);

/* Is a service holding name's lock? If so, and pid is not NULL, *pid is
 * the process it wrote there (0 if unreadable). */
bool sc_name_running(const char *name, pid_t *pid);

/* Remove the socket a killed service left behind, if no service holds
 * name now. */
void sc_name_clean(const char *name);

#endif
