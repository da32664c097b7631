/* SPDX-License-Identifier: GPL-2.0 */
/* `sparecore status`. */
#ifndef SC_STATUS_H
#define SC_STATUS_H

int sc_cmd_status(void);

#endif
