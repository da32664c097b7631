/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Readers of what Linux says about this host in /proc and /sys, as pure
 * functions over text so that the unit tests can feed them any input
 * (used by `sparecore check-host`).
 */
#ifndef SC_HOSTINFO_H
#define SC_HOSTINFO_H

#include <stdbool.h>

/* Free 2 MiB blocks in /proc/buddyinfo text: every block of order 9 or
 * more counts as 2^(order - 9). -1 if the text has no zone line. */
long sc_buddy_free_2m(const char *text);

/* Number of CPUs in a kernel CPU list ("0-3,5"; "" or "\n" is none), or
 * -1 if it is not one. */
int sc_cpulist_count(const char *list);
/* Whether cpu is in the list (false for a malformed list). */
bool sc_cpulist_has(const char *list, unsigned cpu);

/* Whether word stands alone (between blanks or the ends) in text: a flag
 * of /proc/cpuinfo, a word of /proc/cmdline. */
bool sc_word_in(const char *text, const char *word);

/* The bracketed choice of a sysfs multiple-choice file such as
 * /sys/kernel/security/lockdown ("[none] integrity confidentiality"),
 * copied to out; false if there is none. */
bool sc_sysfs_choice(const char *text, char *out, unsigned len);

#endif
