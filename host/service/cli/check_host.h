/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SC_CHECK_HOST_H
#define SC_CHECK_HOST_H

/* `sparecore check-host [--json]`; argv[0] is "check-host". Exit status. */
int sc_cmd_check_host(int argc, char **argv);

#endif
