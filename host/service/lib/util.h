/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers shared by the service's files: messages and time. */
#ifndef SC_UTIL_H
#define SC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Verbosity set by -v; sc_step() prints only when it is on. */
extern int sc_verbose;

/* When stderr shares a file with partition output that may stop mid-line
 * (a named partition's log): the flag that says it did, so our line starts
 * on a line of its own. NULL: stderr is ours alone. */
extern bool *sc_err_mid_line;

/* "sparecore: <message>" on stderr, one line. */
void sc_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "sparecore: [  12.345 ms] <message>" on stderr when -v is given. */
void sc_step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* write() all n bytes, across short writes and EINTR. 0, or -1 if fd
 * stopped taking them (errno says why). */
int sc_write_all(int fd, const void *buf, size_t n);
/* Monotonic clock in nanoseconds. */
uint64_t sc_now_ns(void);
/* Directory of the running executable, for finding the module and image. */
const char *sc_exe_dir(void);

#endif
