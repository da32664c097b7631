/* SPDX-License-Identifier: GPL-2.0 */
/* `run --dry-run` and `check-config`: the checks `run` makes before it
 * takes a CPU, and a one-line summary, with nothing started. */
#ifndef SC_DRYRUN_H
#define SC_DRYRUN_H

#include "args.h"

/* a and image already passed run's own checks. Exit status for main. */
int sc_dry_run(const struct sc_args *a, const char *image);

#endif
