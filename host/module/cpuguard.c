// SPDX-License-Identifier: GPL-2.0
/*
 * While a partition owns a CPU, Linux must neither bring that CPU up nor
 * send it its own interrupts.
 *
 * Bring-up: onlining it (echo 1 > /sys/devices/system/cpu/cpuN/online)
 * would INIT/SIPI the processor out from under the partition. A hotplug
 * callback in the "prepare" stage runs on the controlling CPU before any
 * IPI is sent, so failing it there refuses the bring-up with nothing
 * touched. The guard is set before remove_cpu(), so there is no moment in
 * which the CPU is offline and unguarded.
 *
 * Broadcasts: with 3 or more CPUs, x86 Linux switches its IPIs to the
 * APIC's "all but self" shorthand once every present CPU has booted once
 * (apic_smt_update(): cpu_present_mask == cpus_booted_once_mask, evaluated
 * by arch_smt_update() at the end of every CPU up and down). A shorthand
 * reaches every APIC, offline CPUs included, so each kernel TLB flush,
 * call-function IPI and "stop other CPUs" NMI would land on the partition.
 * The least invasive cure that needs no reboot and no private symbol: take
 * the CPU out of cpu_present_mask while a partition holds it. Our teardown
 * callback does that during remove_cpu(), after the CPU is dead and before
 * _cpu_down() calls arch_smt_update(), which then sees present !=
 * booted-once and turns the shorthand off; Linux sends to each online CPU
 * by its own APIC ID from then on. The CPU goes back into the mask just
 * before our add_cpu(), whose arch_smt_update() turns the shorthand on
 * again once no partition holds a CPU. Same code in Linux 6.1 and 6.12
 * (kernel/cpu.c, arch/x86/kernel/apic/ipi.c). A CPU out of the present
 * mask also cannot be onlined at all (_cpu_up() refuses it), a second lock
 * on the same door. The boot parameter no_ipi_broadcast=1 gives the same
 * without us; docs/host-safety.md compares the two.
 */
#include "sparecore.h"

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>

static struct cpumask sc_guarded;	/* CPUs a partition holds offline */
static struct cpumask sc_hidden;	/* of those, out of cpu_present_mask */
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

/* On the controlling CPU, with the hotplug lock held, once cpu is dead.
 * A failing teardown here would WARN in _cpu_down(): this one cannot. */
static int sc_guard_dead(unsigned int cpu)
{
	if (cpumask_test_cpu(cpu, &sc_guarded)) {
		set_cpu_present(cpu, false);
		cpumask_set_cpu(cpu, &sc_hidden);
	}
	return 0;
}

int sc_cpuguard_init(void)
{
	int ret;

	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "sparecore:guard",
					sc_guard_prepare, sc_guard_dead);
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

/* Called before remove_cpu() takes the CPU for a partition. */
void sc_cpuguard_set(unsigned int cpu)
{
	cpumask_set_cpu(cpu, &sc_guarded);
}

/* Called just before our own add_cpu() gives the CPU back, or when
 * remove_cpu() failed. Under the hotplug lock: _cpu_up() reads the present
 * mask under its write side, so no bring-up sees it half-way. */
void sc_cpuguard_clear(unsigned int cpu)
{
	cpus_read_lock();
	if (cpumask_test_and_clear_cpu(cpu, &sc_hidden))
		set_cpu_present(cpu, true);
	cpumask_clear_cpu(cpu, &sc_guarded);
	cpus_read_unlock();
}
