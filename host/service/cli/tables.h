/* SPDX-License-Identifier: GPL-2.0 */
/* `sparecore tables`: write the ACPI tables a partition would get. */
#ifndef SC_TABLES_H
#define SC_TABLES_H

#include "args.h"

int sc_cmd_tables(const struct sc_args *a);

/* Physical APIC ID of Linux CPU cpu, from /proc/cpuinfo (it must be
 * online). 0, or -1 if it is not listed. */
int sc_linux_apic_id(unsigned cpu, uint32_t *apic_id);

#endif
