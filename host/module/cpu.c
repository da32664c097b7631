// SPDX-License-Identifier: GPL-2.0
/*
 * CPU ownership. A partition owns its CPU from the claim in CREATE (state
 * CREATING) until STOP gives it back to Linux. The list of partitions and
 * their states are guarded by sc_parts_lock, which is always taken after a
 * partition's own lock.
 */
#include "sparecore.h"

#include <linux/cpu.h>
#include <linux/sched.h>
#include <linux/sched/isolation.h>

#include <sparecore/ioctl.h>

DEFINE_MUTEX(sc_parts_lock);
LIST_HEAD(sc_parts);

static bool sc_cpu_owned(unsigned int cpu)
{
	struct sc_part *q;

	list_for_each_entry(q, &sc_parts, node)
		if (q->cpu == cpu && q->state >= SC_P_CREATING &&
		    q->state <= SC_P_RUNNING)
			return true;
	return false;
}

/* CREATE's CPU checks, in the order the service words their errnos. On
 * success p is on the list in CREATING state, so nobody else takes cpu. */
int sc_cpu_claim(struct sc_part *p, u32 cpu)
{
	int ret = 0;

	if (cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
		pr_info("CPU %u does not exist\n", cpu);
		return -ENODEV;
	}
	if (cpu == 0) {
		pr_info("CPU 0 is the boot CPU; it stays with Linux\n");
		return -EPERM;
	}
	mutex_lock(&sc_parts_lock);
	if (sc_cpu_owned(cpu)) {
		pr_info("CPU %u already belongs to a partition\n", cpu);
		ret = -EBUSY;
	} else if (!cpu_online(cpu)) {
		pr_info("CPU %u is offline; online it first\n", cpu);
		ret = -ENXIO;
	} else if (num_online_cpus() <= 1) {
		pr_info("CPU %u is the last online CPU\n", cpu);
		ret = -EBUSY;
	} else {
		p->cpu = cpu;
		p->owner_pid = task_tgid_nr(current);
		WRITE_ONCE(p->state, SC_P_CREATING);
		list_add_tail(&p->node, &sc_parts);
	}
	mutex_unlock(&sc_parts_lock);
	return ret;
}

void sc_cpu_unclaim(struct sc_part *p)
{
	mutex_lock(&sc_parts_lock);
	list_del_init(&p->node);
	WRITE_ONCE(p->state, SC_P_EMPTY);
	mutex_unlock(&sc_parts_lock);
	wake_up_interruptible(&p->wq);	/* a reader waiting on CREATING */
}

/*
 * remove_cpu() said ret (non-zero) for cpu: the errno CREATE reports.
 * 1 means someone else offlined it since our check. -EBUSY for a CPU that
 * isolcpus=domain took out of the scheduler's domains is a kernel-version
 * difference the tests found (tests/e2e/isolated_domain.sh): 6.1 offlines
 * such a CPU, 6.12 refuses. The CPU sits alone in its root domain, and
 * 6.12's deadline bandwidth check on hotplug finds no CPU left to take over
 * the bandwidth reserved there (the fair server's included; mainline
 * reworked that check in 6.14). Say so, so that the operator can isolate the
 * CPU without "domain" (nohz,managed_irq keep the tick and managed IRQs off
 * it; the partition is off the scheduler anyway).
 */
int sc_cpu_offline_error(unsigned int cpu, int ret)
{
	if (ret > 0)
		return -ENXIO;
	if (ret == -EBUSY && !housekeeping_test_cpu(cpu, HK_TYPE_DOMAIN)) {
		pr_info("CPU %u: Linux refused to take it offline (%d); it is isolated with isolcpus=domain, which this kernel cannot offline\n",
			cpu, ret);
		return -SC_ERR_CPU_DOMAIN_ISOLATED;
	}
	pr_info("CPU %u: remove_cpu failed (%d)\n", cpu, ret);
	return ret;
}

/* Give a CPU back to Linux. Failure is loud: the CPU would stay offline. */
void sc_cpu_return(unsigned int cpu)
{
	int ret;

	sc_cpuguard_clear(cpu);
	ret = add_cpu(cpu);
	if (ret < 0)
		pr_err("CPU %u: add_cpu failed (%d), it stays OFFLINE; try: echo 1 > /sys/devices/system/cpu/cpu%u/online\n",
		       cpu, ret, cpu);
	else if (ret > 0)
		pr_warn("CPU %u was already online again\n", cpu);
	else
		pr_info("CPU %u back to Linux\n", cpu);
}
