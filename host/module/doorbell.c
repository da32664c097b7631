// SPDX-License-Identifier: GPL-2.0
/*
 * The host doorbell: a vector on a host CPU that the partition sends a
 * fixed IPI to when it wants the service's attention. No device raises it,
 * so it is a bare IRQ in the x86 vector domain, with that domain's own chip
 * (apic_ack_edge does the EOI).
 */
#include "sparecore.h"

#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <asm/hw_irq.h>
#include <asm/irqdomain.h>
#include <asm/smp.h>

/*
 * A partition rings only when the service asked for a doorbell (event
 * indices), at most once per ring per request, and the service reads the
 * count whenever it wakes. So this many doorbells that nobody has read
 * means a partition ringing without being asked, and a service that is not
 * there to notice (stopped, blocked on its terminal). Every doorbell costs
 * this CPU an interrupt: INIT the partition's CPU now, from here, rather
 * than let it take the host down. The CPU then sits in wait-for-SIPI; the
 * service finds the partition silent and stops it the ordinary way.
 */
#define SC_STORM_UNREAD 20000

static irqreturn_t sc_doorbell_irq(int irq, void *dev)
{
	struct sc_part *p = dev;

	if (atomic64_inc_return(&p->bells) == SC_STORM_UNREAD) {
		sc_ipi_init_now(p->apic_id);
		pr_warn_ratelimited("CPU %u: %d doorbells the service has not read: doorbell storm, CPU stopped\n",
				    p->cpu, SC_STORM_UNREAD);
	}
	wake_up_interruptible(&p->wq);
	return IRQ_HANDLED;
}

/*
 * The partition learns host_apic_id and host_vector once, at boot, so the
 * vector must never move. Linux moves an IRQ when its CPU goes offline or
 * someone rewrites its affinity. So: target the boot CPU, which we never
 * take and x86 does not offline, and IRQF_NOBALANCING, which makes
 * /proc/irq/N/smp_affinity (and irqbalance) leave it alone.
 */
static unsigned int sc_doorbell_cpu(void)
{
	return cpu_online(0) ? 0 : cpumask_first(cpu_online_mask);
}

int sc_doorbell_alloc(struct sc_part *p)
{
	const struct cpumask *mask = cpumask_of(sc_doorbell_cpu());
	struct irq_alloc_info info;
	struct irq_data *d;
	unsigned int cpu;
	int virq, ret;

	memset(&info, 0, sizeof(info));
	info.mask = mask;
	virq = __irq_domain_alloc_irqs(x86_vector_domain, -1, 1, NUMA_NO_NODE,
				       &info, false, NULL);
	if (virq <= 0) {
		pr_warn("CPU %u: no host vector for the doorbell (%d)\n",
			p->cpu, virq);
		return -ENOSPC;
	}
	irq_set_handler(virq, handle_edge_irq);
	snprintf(p->irq_name, sizeof(p->irq_name), "sparecore-cpu%u", p->cpu);
	ret = request_irq(virq, sc_doorbell_irq, IRQF_NOBALANCING, p->irq_name,
			  p);
	if (ret) {
		pr_warn("CPU %u: request_irq(%d) failed (%d)\n", p->cpu, virq,
			ret);
		irq_dispose_mapping(virq);
		return -ENOSPC;
	}
	ret = irq_set_affinity(virq, mask);
	d = irq_get_irq_data(virq);
	cpu = cpumask_first(irq_data_get_effective_affinity_mask(d));
	if (ret || cpu >= nr_cpu_ids || !irqd_cfg(d)->vector) {
		pr_warn("CPU %u: doorbell IRQ %d has no target (%d)\n", p->cpu,
			virq, ret);
		free_irq(virq, p);
		irq_dispose_mapping(virq);
		return -ENOSPC;
	}
	p->irq = virq;
	p->host_vector = irqd_cfg(d)->vector;
	/* In flat xAPIC mode cfg->dest_apicid is a logical ID; the partition
	 * sends in physical destination mode. */
	p->host_apic_id = per_cpu(x86_cpu_to_apicid, cpu);
	atomic_inc(&sc_irqs_allocated);
	return 0;
}

/* Idempotent; after it returns the handler no longer runs. */
void sc_doorbell_free(struct sc_part *p)
{
	if (!p->irq)
		return;
	free_irq(p->irq, p);
	irq_dispose_mapping(p->irq);
	p->irq = 0;
	atomic_dec(&sc_irqs_allocated);
}
