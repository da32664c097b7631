// SPDX-License-Identifier: GPL-2.0
/*
 * SC_IOC_STRAY: send a running partition interrupts nobody set up for it,
 * fixed vectors or NMIs, as Linux's broadcast IPIs would reach it (see
 * cpuguard.c). For tests: the partition must count each one (boot info's
 * stray_irqs) and run on. Root only, like every request on the device.
 *
 * The partition may belong to another file. Its lock comes before
 * sc_parts_lock, so we only try it: a partition busy with its own request
 * (a STOP, say) answers EBUSY and the caller tries again. Holding its
 * lock keeps STOP from handing the CPU back to Linux while we send.
 */
#include "sparecore.h"

#include <linux/delay.h>
#include <linux/uaccess.h>
#include <asm/apic.h>

int sc_ioc_stray(void __user *arg)
{
	struct sc_ioc_stray r;
	struct sc_part *q, *found = NULL;
	int ret = -ENOENT;
	u32 i;

	if (copy_from_user(&r, arg, sizeof(r)))
		return -EFAULT;
	if ((r.flags & ~SC_STRAY_NMI) || !r.count || r.count > SC_STRAY_MAX ||
	    ((r.flags & SC_STRAY_NMI) ? r.vector != 2 :
	     r.vector < 0x20 || r.vector > 0xfe))
		return -EINVAL;	/* 0xff: a real one would stay in service */
	mutex_lock(&sc_parts_lock);
	list_for_each_entry(q, &sc_parts, node)
		if (q->cpu == r.cpu && q->state == SC_P_RUNNING)
			found = q;
	if (found && !mutex_trylock(&found->lock))
		ret = -EBUSY;
	else if (found) {
		ret = 0;
		if (found->state != SC_P_RUNNING)
			ret = -ENOENT;
		for (i = 0; !ret && i < r.count; i++) {
			sc_ipi_raw(found->apic_id, (r.flags & SC_STRAY_NMI) ?
				   APIC_DM_NMI : APIC_DM_FIXED | r.vector);
			udelay(20);	/* one at a time, each taken */
		}
		mutex_unlock(&found->lock);
	}
	mutex_unlock(&sc_parts_lock);
	if (!ret)
		pr_info("CPU %u: sent %u stray %s\n", r.cpu, r.count,
			(r.flags & SC_STRAY_NMI) ? "NMIs" : "interrupts");
	return ret;
}
