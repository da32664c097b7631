/* SPDX-License-Identifier: GPL-2.0 */
/* Printing a partition's crash report. */
#ifndef SC_CRASH_REPORT_H
#define SC_CRASH_REPORT_H

#include <stdio.h>

#include <sparecore/crash.h>

/* Print c (a private copy; its values are only printed) for cpu. */
void sc_crash_print(FILE *f, unsigned cpu, const struct sc_crash *c);
/* Name of an exception vector, "vector N" style for unknown ones. */
const char *sc_crash_vector_name(unsigned long long vector);

#endif
