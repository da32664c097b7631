// SPDX-License-Identifier: GPL-2.0
/*
 * SC_IOC_LIST: every partition and what the module holds, for the
 * service's "list" command and for tests that check nothing leaked.
 */
#include "sparecore.h"

/* 4 KiB pages of partition memory and doorbell IRQs, across all files. */
atomic_long_t sc_pages_allocated = ATOMIC_LONG_INIT(0);
atomic_t sc_irqs_allocated = ATOMIC_INIT(0);

static u32 sc_run_state(enum sc_pstate s)
{
	return s == SC_P_RUNNING ? SC_RUN_RUNNING :
	       s == SC_P_STOPPED ? SC_RUN_STOPPED : SC_RUN_CREATED;
}

/* Partitions still being created are not shown: they may yet fail. */
void sc_part_list(struct sc_ioc_list *l)
{
	struct sc_part *q;
	ktime_t now = ktime_get();

	mutex_lock(&sc_parts_lock);
	l->pages_allocated = atomic_long_read(&sc_pages_allocated);
	l->irqs_allocated = atomic_read(&sc_irqs_allocated);
	list_for_each_entry(q, &sc_parts, node) {
		struct sc_part_info *i;

		if (q->state == SC_P_CREATING)
			continue;
		if (l->count == SC_LIST_MAX)
			break;
		i = &l->parts[l->count];
		i->cpu = q->cpu;
		i->state = sc_run_state(q->state);
		i->mem_size = q->mem_size;
		if (q->state == SC_P_RUNNING)
			i->uptime_ns = ktime_to_ns(ktime_sub(now, q->start_time));
		else if (q->state == SC_P_STOPPED && q->start_time)
			i->uptime_ns = ktime_to_ns(ktime_sub(q->stop_time,
							     q->start_time));
		i->owner_pid = q->owner_pid;
		l->count++;
	}
	mutex_unlock(&sc_parts_lock);
}
