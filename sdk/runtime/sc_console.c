// SPDX-License-Identifier: GPL-2.0 OR MIT
/* The SDK's console: kprintf and the console driver under the SDK's names. */
#include <sparecore/partition.h>

#include "kprintf.h"
#include "pv_console.h"

int sc_vprintf(const char *fmt, va_list ap)
{
	return kvprintf(fmt, ap);
}

int sc_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

int sc_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return kvsnprintf(buf, size, fmt, ap);
}

int sc_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void sc_write(const void *buf, size_t len)
{
	console_write(buf, len);
}

int sc_getc(void)
{
	return console_getc();
}

int sc_getc_wait(void)
{
	return console_getc_wait();
}
