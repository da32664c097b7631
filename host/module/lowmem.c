// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux guest's low memory: a block below 640 KiB that its kernel
 * needs as RAM (the real-mode trampoline: init_real_mode() panics without
 * it; the decompressor's paging trampoline). The host reserves its whole
 * first MiB and uses only its own trampoline near the top of it, so the
 * block is unused by Linux; still, its bytes are saved at START and put
 * back once the guest CPU is stopped, and only one guest holds it.
 *
 * The block starts at 64 KiB at the lowest: the guest kernel reserves
 * 0-64 KiB itself (early_reserve_memory), so RAM there is of no use.
 */
#include "sparecore.h"

#include <linux/io.h>
#include <linux/moduleparam.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

unsigned long sc_low_pa = 0x10000;
module_param_named(linux_low, sc_low_pa, ulong, 0444);
MODULE_PARM_DESC(linux_low, "physical start of the low RAM block a Linux guest gets (default 0x10000)");
unsigned long sc_low_size = 0x10000;
module_param_named(linux_low_size, sc_low_size, ulong, 0444);
MODULE_PARM_DESC(linux_low_size, "its size (default 0x10000, 64 KiB)");

static DEFINE_MUTEX(sc_low_lock);
static struct sc_part *sc_low_owner;	/* the Linux guest holding it */

int sc_lowmem_check_params(void)
{
	if (sc_low_pa & ~PAGE_MASK || sc_low_size & ~PAGE_MASK ||
	    sc_low_pa < SZ_64K || sc_low_size < 8 * PAGE_SIZE ||
	    sc_low_pa + sc_low_size > 0x9f000 ||
	    (sc_tramp_page + PAGE_SIZE > sc_low_pa &&
	     sc_tramp_page < sc_low_pa + sc_low_size)) {
		pr_err("linux_low=%#lx linux_low_size=%#lx: must be pages in [0x10000, 0x9f000), at least 8, apart from tramp_page\n",
		       sc_low_pa, sc_low_size);
		return -EINVAL;
	}
	return 0;
}

/* CREATE of a Linux guest: one at a time holds the block. */
int sc_lowmem_claim(struct sc_part *p)
{
	int ret = 0;

	mutex_lock(&sc_low_lock);
	if (sc_low_owner)
		ret = -EBUSY;
	else
		sc_low_owner = p;
	mutex_unlock(&sc_low_lock);
	if (ret)
		pr_info("CPU %u: another Linux guest holds the low memory block\n",
			p->cpu);
	return ret;
}

/* START: keep the host's bytes, hand the guest a zeroed block. */
int sc_lowmem_take(struct sc_part *p)
{
	void *low;

	if (sc_low_owner != p || p->low_save)
		return 0;
	p->low_save = vmalloc(sc_low_size);
	if (!p->low_save)
		return -ENOMEM;
	low = memremap(sc_low_pa, sc_low_size, MEMREMAP_WB);
	if (!low) {
		vfree(p->low_save);
		p->low_save = NULL;
		return -ENOMEM;
	}
	memcpy(p->low_save, low, sc_low_size);
	memset(low, 0, sc_low_size);
	memunmap(low);
	return 0;
}

/* After the CPU is stopped (never before: the guest may still write
 * there), and on release: the host's bytes back, the block free. */
void sc_lowmem_give_back(struct sc_part *p)
{
	void *low;

	if (p->low_save) {
		low = memremap(sc_low_pa, sc_low_size, MEMREMAP_WB);
		if (low) {
			memcpy(low, p->low_save, sc_low_size);
			memunmap(low);
		} else {
			pr_warn("CPU %u: cannot map low memory to restore it\n",
				p->cpu);
		}
		vfree(p->low_save);
		p->low_save = NULL;
	}
	mutex_lock(&sc_low_lock);
	if (sc_low_owner == p)
		sc_low_owner = NULL;
	mutex_unlock(&sc_low_lock);
}

bool sc_lowmem_owned(struct sc_part *p)
{
	return READ_ONCE(sc_low_owner) == p;
}
