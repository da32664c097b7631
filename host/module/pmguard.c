// SPDX-License-Identifier: GPL-2.0
/*
 * Suspend and hibernation while a partition holds a CPU: Linux would power
 * the machine down (or snapshot memory) under a CPU it does not know is
 * running, and resume would bring every present CPU up again. Refused in
 * the PM notifier, before any task is frozen: the write to
 * /sys/power/state fails with EBUSY and a line in the kernel log says why.
 */
#include "sparecore.h"

#include <linux/notifier.h>
#include <linux/suspend.h>

/* CPUs a partition holds, created or running (cpu.c's list). */
static unsigned int sc_parts_holding(void)
{
	struct sc_part *q;
	unsigned int n = 0;

	mutex_lock(&sc_parts_lock);
	list_for_each_entry(q, &sc_parts, node)
		if (q->state >= SC_P_CREATING && q->state <= SC_P_RUNNING)
			n++;
	mutex_unlock(&sc_parts_lock);
	return n;
}

static int sc_pm_notify(struct notifier_block *nb, unsigned long action,
			void *data)
{
	unsigned int n;

	if (action != PM_SUSPEND_PREPARE && action != PM_HIBERNATION_PREPARE &&
	    action != PM_RESTORE_PREPARE)
		return NOTIFY_DONE;
	n = sc_parts_holding();
	if (!n)
		return NOTIFY_DONE;
	pr_warn("refusing %s: %u partition%s hold%s a CPU; stop them first\n",
		action == PM_SUSPEND_PREPARE ? "suspend" : "hibernation", n,
		n == 1 ? "" : "s", n == 1 ? "s" : "");
	return notifier_from_errno(-EBUSY);
}

static struct notifier_block sc_pm_nb = {
	.notifier_call = sc_pm_notify,
};

int sc_pmguard_init(void)
{
	return register_pm_notifier(&sc_pm_nb);
}

void sc_pmguard_exit(void)
{
	unregister_pm_notifier(&sc_pm_nb);
}
