// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: printing a crash report (host/service/supervise/crash_report.c)
 * whose every field the partition chose.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crash_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct sc_crash c;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	memset(&c, 0, sizeof(c));
	memcpy(&c, data, size < sizeof(c) ? size : sizeof(c));
	sc_crash_print(null, (unsigned)(size > sizeof(c) ? data[sizeof(c)] : 1), &c);
	if (!sc_crash_vector_name(c.vector))
		abort();
	return 0;
}
