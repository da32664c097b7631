/* SPDX-License-Identifier: GPL-2.0 */
/* Named partitions: `sparecore start`, `console`, `stop`, `logs`. */
#ifndef SC_NAMED_H
#define SC_NAMED_H

#include "args.h"

/* Start a->name detached (or in the foreground with --foreground), its
 * console in its log and on its control socket. Returns run's statuses:
 * 0 once the partition is up (detached), 1 if it could not start. */
int sc_cmd_start(const struct sc_args *a);
/* Attach this terminal to a->name's console; Ctrl-] detaches. */
int sc_cmd_console(const struct sc_args *a);
/* Stop a->name and wait until its CPU is back online. */
int sc_cmd_stop(const struct sc_args *a);
/* Print a->name's log; -f follows it until the partition stops. */
int sc_cmd_logs(const struct sc_args *a);

#endif
