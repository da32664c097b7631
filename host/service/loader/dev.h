/* SPDX-License-Identifier: GPL-2.0 */
/* /dev/sparecore: opening it (loading the module if needed) and wording
 * the module's errors for the user. */
#ifndef SC_DEV_H
#define SC_DEV_H

#include <sparecore/ioctl.h>

/*
 * Open the device, loading sparecore.ko first if it is not there, and
 * check the module speaks our ABI. Returns the fd, or -1 after one line on
 * stderr. load = 0: never load the module (status); a missing device then
 * returns -2 quietly.
 */
int sc_dev_open(int load);

/* One-line explanation of a CREATE failure (errno err) for cpu/mem. */
const char *sc_dev_create_error(int err, unsigned cpu, unsigned long long mem,
				char *buf, unsigned len);

#endif
