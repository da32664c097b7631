// SPDX-License-Identifier: GPL-2.0 OR MIT
/* The SDK's disk: the synchronous calls of the disk driver (pv_blk.c),
 * counted in sectors, with its errors as SC_E_*. */
#include <sparecore/partition.h>

#include "pv_blk.h"

static int sc_err(int e)
{
	switch (e) {
	case 0: return 0;
	case BLK_E_NODEV: return SC_E_NODEV;
	case BLK_E_INVAL: return SC_E_INVAL;
	case BLK_E_TIMEOUT: return SC_E_TIMEOUT;
	case BLK_E_BUSY: return SC_E_BUSY;
	case SC_BLK_S_RDONLY: return SC_E_RDONLY;
	case SC_BLK_S_BADREQ: case SC_BLK_S_RANGE: case SC_BLK_S_BADADDR:
		return SC_E_INVAL;
	default: return SC_E_IO; /* BLK_E_BROKEN, SC_BLK_S_IOERR, ... */
	}
}

bool sc_disk_present(void)
{
	return blk_present();
}

uint64_t sc_disk_sectors(void)
{
	return blk_present() ? blk_info()->sectors : 0;
}

bool sc_disk_readonly(void)
{
	return blk_present() && (blk_info()->flags & SC_BLK_INFO_RO);
}

/* The driver checks alignment and range too; these are the SDK's own
 * rules, said before anything reaches the host. */
static int check(uint64_t sector, const void *buf, uint32_t count)
{
	if (!blk_present())
		return SC_E_NODEV;
	if ((uintptr_t)buf % SC_DISK_SECTOR || !count ||
	    sector > blk_info()->sectors || count > blk_info()->sectors - sector)
		return SC_E_INVAL;
	return 0;
}

int sc_disk_read(uint64_t sector, void *buf, uint32_t count)
{
	int e = check(sector, buf, count);

	return e ? e : sc_err(blk_read(sector, buf, (uint64_t)count * SC_DISK_SECTOR));
}

int sc_disk_write(uint64_t sector, const void *buf, uint32_t count)
{
	int e = check(sector, buf, count);

	if (!e && sc_disk_readonly())
		e = SC_E_RDONLY;
	return e ? e : sc_err(blk_write(sector, buf, (uint64_t)count * SC_DISK_SECTOR));
}

int sc_disk_flush(void)
{
	return blk_present() ? sc_err(blk_flush()) : SC_E_NODEV;
}
