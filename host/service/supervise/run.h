/* SPDX-License-Identifier: GPL-2.0 */
/* `sparecore run`: a partition in the foreground, console on this terminal. */
#ifndef SC_RUN_H
#define SC_RUN_H

#include "args.h"

/* Exit statuses of `sparecore run`. */
enum {
	SC_EXIT_OK = 0,       /* halted by the partition or stopped by the user */
	SC_EXIT_ERROR = 1,    /* bad input or set-up failure; host unchanged */
	SC_EXIT_CRASHED = 2,  /* partition crashed; report printed */
	SC_EXIT_HUNG = 3,     /* no heartbeat for --watchdog seconds; stopped */
	SC_EXIT_BROKE = 4,    /* partition broke a ring or stormed; stopped */
	SC_EXIT_REBOOT = 5,   /* a Linux guest asked for a reboot; stopped */
};

struct sc_session;

int sc_cmd_run(const struct sc_args *a);
/* The same, for a named partition when sess is not NULL: its console is
 * the session's log and socket, its status and stop come through it. */
int sc_run(const struct sc_args *a, struct sc_session *sess);

#endif
