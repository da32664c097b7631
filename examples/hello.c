// SPDX-License-Identifier: GPL-2.0 OR MIT
/* hello.c: print the time every 100 ms, five times, then give the CPU back. */
#include <sparecore/partition.h>

int main(void)
{
	struct sc_periodic t;

	sc_printf("hello from cpu %u\n", sc_cpu());
	sc_periodic_start(&t, 100 * 1000 * 1000);
	for (int i = 0; i < 5; i++) {
		uint64_t late = sc_periodic_wait(&t);

		sc_printf("tick %d at %llu ns (%llu ns late)\n", i,
			  (unsigned long long)sc_now_ns(), (unsigned long long)late);
	}
	return 0;
}
