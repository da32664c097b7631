// SPDX-License-Identifier: GPL-2.0
/*
 * Partition lifecycle: CREATE takes a CPU and memory from Linux, STOP gives
 * the CPU back, release gives the memory back. Every path that took
 * something gives it back; a CPU must never stay offline by accident.
 *
 * Locking: p->lock (one file's ioctls) is taken before sc_parts_lock (the
 * list of partitions, see cpu.c). State changes hold both, so LIST, which
 * holds only sc_parts_lock, sees a consistent picture.
 */
#include "sparecore.h"

#include <linux/cpu.h>
#include <linux/slab.h>
#include <asm/apic.h>
#include <asm/msr.h>
#include <asm/smp.h>
#include <asm/tsc.h>

struct sc_part *sc_part_alloc(void)
{
	struct sc_part *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	mutex_init(&p->lock);
	INIT_LIST_HEAD(&p->node);
	init_waitqueue_head(&p->wq);
	atomic64_set(&p->bells, 0);
	return p;
}

void sc_part_set_state(struct sc_part *p, enum sc_pstate s)
{
	mutex_lock(&sc_parts_lock);
	WRITE_ONCE(p->state, s);
	mutex_unlock(&sc_parts_lock);
}

static void sc_create_reply(struct sc_part *p, struct sc_ioc_create *c)
{
	u64 base;

	rdmsrl(MSR_IA32_APICBASE, base);
	c->tramp_pa = sc_tramp_page;
	c->apic_base = base & PAGE_MASK;
	c->apic_id = p->apic_id;
	c->apic_mode = x2apic_mode ? SC_APIC_X2APIC : SC_APIC_XAPIC;
	c->tsc_khz = tsc_khz;
	c->host_apic_id = p->host_apic_id;
	c->host_vector = p->host_vector;
	c->nr_chunks = p->nr_chunks;
}

/* Caller holds p->lock. */
int sc_part_create(struct sc_part *p, struct sc_ioc_create *c)
{
	int ret;

	if (c->flags & ~SC_CREATE_LINUX || c->mem_size % SC_CHUNK_SIZE ||
	    c->mem_size < SC_MEM_MIN || c->mem_size > SC_MEM_MAX) {
		pr_info("CREATE: bad flags %#x or size %llu\n", c->flags,
			c->mem_size);
		return -EINVAL;
	}
	if (p->state != SC_P_EMPTY)
		return -EEXIST;
	ret = sc_cpu_claim(p, c->cpu);
	if (ret)
		return ret;
	p->mem_size = c->mem_size;
	p->flags = c->flags;
	p->apic_id = per_cpu(x86_cpu_to_apicid, p->cpu);
	if (p->flags & SC_CREATE_LINUX) {
		ret = sc_lowmem_claim(p);
		if (ret)
			goto unclaim;
	}
	ret = sc_mem_alloc(p);
	if (ret)
		goto unclaim;
	/* Guard first: from the moment the CPU is offline no one but our
	 * own add_cpu() may bring it up (cpuguard.c). */
	sc_cpuguard_set(p->cpu);
	ret = remove_cpu(p->cpu);
	if (ret) {
		sc_cpuguard_clear(p->cpu);
		ret = sc_cpu_offline_error(p->cpu, ret);
		goto free_mem;
	}
	ret = sc_doorbell_alloc(p);
	if (ret)
		goto online;
	sc_create_reply(p, c);
	sc_part_set_state(p, SC_P_CREATED);
	pr_info("CPU %u taken (APIC ID %u), %llu MiB, doorbell vector %#x on APIC ID %u\n",
		p->cpu, p->apic_id, p->mem_size >> 20, p->host_vector,
		p->host_apic_id);
	return 0;

online:
	sc_cpu_return(p->cpu);
free_mem:
	sc_mem_free(p);
unclaim:
	sc_lowmem_give_back(p);
	sc_cpu_unclaim(p);
	return ret;
}

/* INIT parks the CPU in wait-for-SIPI, whatever it was doing; then Linux
 * boots it again. Idempotent. Caller holds p->lock. */
void sc_part_stop(struct sc_part *p)
{
	if (p->state != SC_P_CREATED && p->state != SC_P_RUNNING)
		return;
	sc_ipi_init(p->apic_id);
	sc_lowmem_give_back(p);	/* only now: the guest may write there */
	sc_doorbell_free(p);
	sc_cpu_return(p->cpu);
	p->stop_time = ktime_get();
	sc_part_set_state(p, SC_P_STOPPED);
	wake_up_interruptible(&p->wq);
}

/* Last close. No mapping is left (each VMA holds the file), and the CPU is
 * stopped before its memory goes back to the allocator. */
void sc_part_release(struct sc_part *p)
{
	mutex_lock(&p->lock);
	sc_part_stop(p);
	if (p->chunks)
		sc_mem_free(p);
	if (p->state != SC_P_EMPTY)
		sc_cpu_unclaim(p);
	mutex_unlock(&p->lock);
	kfree(p);
}
