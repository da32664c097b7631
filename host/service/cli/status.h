/* SPDX-License-Identifier: GPL-2.0 */
/* `sparecore status [--json] [NAME]`. */
#ifndef SC_STATUS_H
#define SC_STATUS_H

#include "args.h"

int sc_cmd_status(const struct sc_args *a);

#endif
