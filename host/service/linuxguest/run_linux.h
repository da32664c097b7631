/* SPDX-License-Identifier: GPL-2.0 */
/* `sparecore run --kernel BZIMAGE`: a Linux guest on the partition CPU. */
#ifndef SC_LG_RUN_LINUX_H
#define SC_LG_RUN_LINUX_H

#include "args.h"

/* Exit status as sc_run's (run.h). */
int sc_lg_run(const struct sc_args *a);

#endif
