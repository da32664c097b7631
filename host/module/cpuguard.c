// SPDX-License-Identifier: GPL-2.0
/*
 * While a partition owns a CPU, Linux must not bring that CPU up: onlining
 * it (echo 1 > /sys/devices/system/cpu/cpuN/online) would INIT/SIPI the
 * processor out from under the partition. A hotplug callback in the
 * "prepare" stage runs on the controlling CPU before any IPI is sent, so
 * failing it there refuses the bring-up with nothing touched.
 */
#include "sparecore.h"

#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>

static struct cpumask sc_guarded;	/* CPUs a partition holds offline */
static int sc_guard_state;		/* dynamic hotplug state, or 0 */

static int sc_guard_prepare(unsigned int cpu)
{
	if (cpumask_test_cpu(cpu, &sc_guarded)) {
		pr_warn("CPU %u belongs to a partition; refusing to online it\n",
			cpu);
		return -EBUSY;
	}
	return 0;
}

int sc_cpuguard_init(void)
{
	int ret;

	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "sparecore:guard",
					sc_guard_prepare, NULL);
	if (ret < 0) {
		pr_err("cannot register the CPU hotplug guard: %d\n", ret);
		return ret;
	}
	sc_guard_state = ret;
	return 0;
}

void sc_cpuguard_exit(void)
{
	if (sc_guard_state > 0)
		cpuhp_remove_state_nocalls(sc_guard_state);
	sc_guard_state = 0;
}

/* Called once remove_cpu() succeeded for a partition. */
void sc_cpuguard_set(unsigned int cpu)
{
	cpumask_set_cpu(cpu, &sc_guarded);
}

/* Called just before our own add_cpu() gives the CPU back. */
void sc_cpuguard_clear(unsigned int cpu)
{
	cpumask_clear_cpu(cpu, &sc_guarded);
}
