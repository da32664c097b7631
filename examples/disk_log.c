// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * disk_log: write n sectors of text to the disk, flush them to stable
 * storage, read them back and compare; then check that a write past the
 * disk's end is refused. On a read-only disk it says so and exits 1.
 *
 *   sparecore run --cpu 1 --disk FILE disk_log.elf [--cmdline n=64]
 *
 * Sector s holds "sparecore sdk sector s\n", padded with '.'.
 */
#include <sparecore/partition.h>

static void fill(uint8_t *p, uint64_t s)
{
	int n = sc_snprintf((char *)p, SC_DISK_SECTOR, "sparecore sdk sector %llu\n",
			    (unsigned long long)s);

	memset(p + n, '.', SC_DISK_SECTOR - (size_t)n);
}

int main(void)
{
	uint64_t n = sc_cmdline_u64("n", 64);
	uint8_t *out, *in;
	int e;

	if (!sc_disk_present()) {
		sc_printf("disk_log: no disk (sparecore run --disk FILE)\n");
		return 1;
	}
	if (!n || n > 2048 || n > sc_disk_sectors()) {
		sc_printf("disk_log: n must be 1..2048 and fit the disk's %llu sectors\n",
			  (unsigned long long)sc_disk_sectors());
		return 2;
	}
	out = sc_alloc(n * SC_DISK_SECTOR, SC_DISK_SECTOR);
	in = sc_alloc(n * SC_DISK_SECTOR, SC_DISK_SECTOR);
	if (!out || !in)
		return 1;
	for (uint64_t s = 0; s < n; s++)
		fill(out + s * SC_DISK_SECTOR, s);

	e = sc_disk_write(0, out, (uint32_t)n);
	if (e) {
		sc_printf("disk_log: write: %s\n", sc_strerror(e));
		return 1;
	}
	e = sc_disk_flush();
	if (!e)
		e = sc_disk_read(0, in, (uint32_t)n);
	if (e) {
		sc_printf("disk_log: flush or read: %s\n", sc_strerror(e));
		return 1;
	}
	if (memcmp(in, out, n * SC_DISK_SECTOR)) {
		sc_printf("disk_log: read back differs from what was written\n");
		return 1;
	}
	e = sc_disk_write(sc_disk_sectors(), out, 1);
	sc_printf("disk_log: wrote, flushed and read back %llu sectors of %llu;"
		  " past the end: %s\n", (unsigned long long)n,
		  (unsigned long long)sc_disk_sectors(), sc_strerror(e));
	return e == SC_E_INVAL ? 0 : 1;
}
