/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A small printf: %d %i %u %x %X %p %s %c %%, with l/ll (and z) length,
 * '-' and '0' flags and a field width. Nothing else; no floating point.
 */
#ifndef PARTITION_KPRINTF_H
#define PARTITION_KPRINTF_H

#include <stdarg.h>
#include <sparecore/types.h>

/* Format to a buffer; always NUL-terminates (if size > 0). Returns the
 * length the whole output would have had, as snprintf does. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Format to the console. Returns the number of characters. */
int kvprintf(const char *fmt, va_list ap);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
