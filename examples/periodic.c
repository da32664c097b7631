// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * periodic: a 1 kHz loop on the spare core that reports its wake-up
 * jitter. Each wake-up's lateness after its deadline is kept; at the end
 * the program prints min, median, p99 and max, and exits (the CPU goes
 * back to Linux).
 *
 *   sparecore run --cpu 1 periodic.elf [--cmdline "n=5000 hz=1000"]
 *
 * n: wake-ups (default 2000), hz: rate (default 1000).
 */
#include <sparecore/partition.h>

#define N_MAX 100000

int main(void)
{
	uint64_t n = sc_cmdline_u64("n", 2000), hz = sc_cmdline_u64("hz", 1000);
	struct sc_periodic timer;
	uint64_t *late, t0, elapsed;

	if (!n || n > N_MAX || !hz || hz > 100000) {
		sc_printf("periodic: n must be 1..%d and hz 1..100000\n", N_MAX);
		return 2;
	}
	late = sc_alloc(n * sizeof(*late), 64);
	if (!late) {
		sc_printf("periodic: no memory for %llu samples\n", (unsigned long long)n);
		return 1;
	}
	sc_printf("periodic: %llu wake-ups at %llu Hz on cpu %u\n",
		  (unsigned long long)n, (unsigned long long)hz, sc_cpu());

	t0 = sc_now_ns();
	sc_periodic_start(&timer, 1000000000ull / hz);
	for (uint64_t i = 0; i < n; i++)
		late[i] = sc_periodic_wait(&timer);
	elapsed = sc_now_ns() - t0;

	sc_sort_u64(late, n);
	sc_printf("periodic: jitter ns: min %llu median %llu p99 %llu max %llu"
		  " (n %llu, missed %llu, %llu ms)\n",
		  (unsigned long long)late[0], (unsigned long long)late[n / 2],
		  (unsigned long long)late[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
		  (unsigned long long)late[n - 1], (unsigned long long)n,
		  (unsigned long long)timer.missed,
		  (unsigned long long)(elapsed / 1000000));
	return 0;
}
