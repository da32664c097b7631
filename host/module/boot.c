// SPDX-License-Identifier: GPL-2.0
/*
 * START: borrow a page below 1 MiB for the trampoline, INIT/SIPI/SIPI the
 * partition CPU into it, wait until the partition says it is up (it no
 * longer runs from that page then), and give the page back byte for byte.
 *
 * Before the SIPI: the service's page tables must map what the CPU needs
 * (ptcheck.c), and the CPU must still be offline. The CPU-hotplug lock is
 * held from the check to the page's return, so no CPU is onlined or
 * offlined meanwhile: Linux's own bring-up of another CPU cannot run
 * while we use low memory and the APIC, and ours cannot be brought up
 * under the partition.
 */
#include "sparecore.h"

#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>

/* One trampoline page, so one START at a time across all partitions. */
static DEFINE_MUTEX(sc_tramp_lock);

static bool sc_va_in(struct sc_part *p, u64 va)
{
	return va >= SC_VIRT_BASE && va - SC_VIRT_BASE < p->mem_size;
}

/* Checks a START request; *cr3 is the host-physical PML4 for it. */
static int sc_start_check(struct sc_part *p, const struct sc_ioc_start *s,
			  u64 *cr3)
{
	u32 state = READ_ONCE(*(u32 *)(sc_mem_bootinfo(p) +
				       offsetof(struct sc_boot_info, state)));

	/* A stack pointer may sit at the very top: the first push lands
	 * below it. */
	if (s->pad || s->timeout_ms > SC_START_TIMEOUT_MAX_MS ||
	    !sc_va_in(p, s->entry_va) ||
	    !sc_va_in(p, s->stack_va - 1) ||
	    s->bootinfo_va != SC_VIRT_BASE + SC_BOOTINFO_PA ||
	    s->pt_root & ~PAGE_MASK || s->pt_root >= SC_CHUNK_SIZE ||
	    sc_mem_chunk_pa(p, 0) + s->pt_root >= SZ_4G) {
		pr_info("CPU %u: START arguments out of range\n", p->cpu);
		return -EINVAL;
	}
	/* We return as soon as state leaves BOOTING and then take the page
	 * away: a stale state would pull it from under the trampoline. */
	if (state != SC_STATE_BOOTING) {
		pr_info("CPU %u: boot info state is %u, not BOOTING\n", p->cpu,
			state);
		return -EINVAL;
	}
	*cr3 = sc_mem_chunk_pa(p, 0) + s->pt_root;
	return 0;
}

/* Up means: the trampoline reached long mode and jumped (progress), and
 * the partition then reported in (state) with the key only the started
 * CPU was given (trampoline.h). All three, so neither a state the service
 * forged nor a trampoline still running can end the wait. The sleep is
 * killable: kill -9 of the service ends a START at once. */
static int sc_wait_up(struct sc_part *p, const u32 *progress, u64 key,
		      unsigned int ms)
{
	const struct sc_boot_info *bi = sc_mem_bootinfo(p);
	unsigned long deadline = jiffies + msecs_to_jiffies(ms);

	for (;;) {
		if (READ_ONCE(bi->state) != SC_STATE_BOOTING &&
		    READ_ONCE(*progress) == SC_TRAMP_AT_LONG &&
		    READ_ONCE(bi->up_key) == key)
			return 0;
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		schedule_timeout_killable(1);
		if (fatal_signal_pending(current))
			return -EINTR;
	}
}

static void sc_tramp_fill(void *page, u64 cr3, const struct sc_ioc_start *s,
			  u64 key)
{
	struct sc_tramp_params *tp = page + SC_TRAMP_PARAMS;

	memset(page, 0, PAGE_SIZE);
	memcpy(page, sc_tramp_blob, sc_tramp_blob_end - sc_tramp_blob);
	tp->cr3 = cr3;
	tp->entry_va = s->entry_va;
	tp->stack_va = s->stack_va;
	tp->bootinfo_va = s->bootinfo_va;
	tp->up_key = key;
	/* The SIPI is an APIC write; order the page before it. */
	wmb();
}

/* Caller holds p->lock and has checked the state is CREATED. */
int sc_part_start(struct sc_part *p, const struct sc_ioc_start *s)
{
	unsigned int ms = s->timeout_ms ?: READ_ONCE(sc_boot_timeout_ms);
	struct sc_tramp_params *tp;
	void *page, *save;
	u32 progress, state;
	u64 cr3, key;
	int ret;

	if (sc_mem_encrypted())
		return -EOPNOTSUPP;
	ret = sc_start_check(p, s, &cr3);
	if (!ret)
		ret = sc_lowmem_take(p);
	if (ret)
		return ret;
	ret = sc_pt_check(p, cr3, s);
	if (ret)
		return ret;
	save = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!save)
		return -ENOMEM;
	/* Zero never matches: the boot info page starts zeroed. */
	key = get_random_u64() | 1;
	mutex_lock(&sc_tramp_lock);
	cpus_read_lock();
	if (cpu_online(p->cpu)) {
		/* Cannot happen while the guard works (cpuguard.c); if it
		 * does, INIT/SIPI would hit a CPU Linux runs on. */
		cpus_read_unlock();
		mutex_unlock(&sc_tramp_lock);
		kfree(save);
		pr_err("CPU %u is online; refusing to start a partition on it\n",
		       p->cpu);
		return -EBUSY;
	}
	page = memremap(sc_tramp_page, PAGE_SIZE, MEMREMAP_WB);
	if (!page) {
		cpus_read_unlock();
		mutex_unlock(&sc_tramp_lock);
		kfree(save);
		pr_warn("cannot map trampoline page %#lx\n", sc_tramp_page);
		return -ENOMEM;
	}
	memcpy(save, page, PAGE_SIZE);
	sc_tramp_fill(page, cr3, s, key);
	tp = page + SC_TRAMP_PARAMS;
	sc_ipi_startup(p->apic_id, sc_tramp_page);
	ret = sc_wait_up(p, &tp->progress, key, ms);
	progress = READ_ONCE(tp->progress);
	if (ret)	/* stop the CPU before its code page goes away */
		sc_ipi_init(p->apic_id);
	memcpy(page, save, PAGE_SIZE);
	memunmap(page);
	cpus_read_unlock();
	mutex_unlock(&sc_tramp_lock);
	kfree(save);

	if (ret) {
		state = READ_ONCE(((struct sc_boot_info *)sc_mem_bootinfo(p))->state);
		pr_warn("CPU %u: partition not up after %u ms (%s), trampoline progress %u (1 real, 2 protected, 3 long mode)%s\n",
			p->cpu, ms, ret == -EINTR ? "killed" : "timeout",
			progress, state != SC_STATE_BOOTING ?
			", boot info state set without the partition's key" : "");
		sc_part_stop(p);
		return ret;
	}
	p->start_time = ktime_get();
	sc_part_set_state(p, SC_P_RUNNING);
	pr_info("CPU %u: partition up\n", p->cpu);
	return 0;
}
