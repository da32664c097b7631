/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of sparecore.ko. Every .c file includes this first so
 * that pr_fmt applies to all of them.
 */
#ifndef SC_MODULE_H
#define SC_MODULE_H

#define pr_fmt(fmt) "sparecore: " fmt

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <sparecore/bootinfo.h>

#include "compat.h"
#include <sparecore/ioctl.h>
#include <sparecore/linux_guest.h>
#include <sparecore/trampoline.h>

/*
 * Where a partition is in its life. CREATING is internal: the CPU is
 * claimed but not yet taken, so LIST does not show it. The others map to
 * enum sc_run_state.
 */
enum sc_pstate {
	SC_P_EMPTY,	/* fd open, no CREATE yet */
	SC_P_CREATING,	/* CPU claimed, resources being gathered */
	SC_P_CREATED,
	SC_P_RUNNING,
	SC_P_STOPPED,	/* CPU back to Linux, memory kept until release */
};

/* One open file of /dev/sparecore, and the partition it may own. */
struct sc_part {
	struct mutex lock;	/* serialises this file's ioctls and mmap */
	struct list_head node;	/* on sc_parts while state != EMPTY */
	enum sc_pstate state;	/* changed under lock and sc_parts_lock */

	unsigned int cpu;	/* Linux CPU number */
	u32 apic_id;		/* its physical APIC ID */
	pid_t owner_pid;
	ktime_t start_time, stop_time;

	u64 mem_size;
	u32 flags;		/* SC_CREATE_*, from CREATE */
	void *low_save;		/* Linux guest: host's low block while it runs */
	unsigned int nr_chunks;
	struct page **chunks;	/* 2 MiB each, order 9; chunk 0 below 4 GiB */

	int irq;		/* host doorbell, 0 when not allocated */
	u32 host_apic_id, host_vector;
	char irq_name[24];	/* request_irq keeps the pointer */

	atomic64_t bells;	/* doorbells since the last read() */
	wait_queue_head_t wq;	/* read/poll waiters: bells or stop */
};

/* main.c: module parameters */
extern unsigned long sc_tramp_page;
extern unsigned int sc_boot_timeout_ms;

/* part.c: lifecycle */
struct sc_part *sc_part_alloc(void);
void sc_part_release(struct sc_part *p);
int sc_part_create(struct sc_part *p, struct sc_ioc_create *c);
void sc_part_stop(struct sc_part *p);
void sc_part_set_state(struct sc_part *p, enum sc_pstate s);

/* cpu.c: which partition owns which CPU */
extern struct mutex sc_parts_lock;
extern struct list_head sc_parts;
int sc_cpu_claim(struct sc_part *p, u32 cpu);
void sc_cpu_unclaim(struct sc_part *p);
int sc_cpu_offline_error(unsigned int cpu, int ret);
void sc_cpu_return(unsigned int cpu);

/* list.c: SC_IOC_LIST and the counters it reports */
extern atomic_long_t sc_pages_allocated;
extern atomic_t sc_irqs_allocated;
void sc_part_list(struct sc_ioc_list *l);

/* cpuguard.c: keeps Linux from onlining a CPU a partition runs on */
int sc_cpuguard_init(void);
void sc_cpuguard_exit(void);
void sc_cpuguard_set(unsigned int cpu);
void sc_cpuguard_clear(unsigned int cpu);

/* lowpage.c: is tramp_page a page START may borrow? 0 or -EINVAL */
int sc_lowpage_check(unsigned long pa);

/* pmguard.c: refuses suspend and hibernation while a partition runs */
int sc_pmguard_init(void);
void sc_pmguard_exit(void);

/* ptcheck.c: the service's page tables map what the CPU needs first */
int sc_pt_check(struct sc_part *p, u64 cr3, const struct sc_ioc_start *s);

/* main.c: true (after one line) if memory encryption rules us out */
bool sc_mem_encrypted(void);

/* mem.c: partition memory in 2 MiB chunks */
int sc_mem_alloc(struct sc_part *p);
void sc_mem_free(struct sc_part *p);
int sc_mem_mmap(struct sc_part *p, struct vm_area_struct *vma);
void *sc_mem_bootinfo(struct sc_part *p);
u64 sc_mem_chunk_pa(struct sc_part *p, unsigned int i);

/* contig.c: a Linux guest's memory, one physically contiguous run */
int sc_contig_alloc(struct sc_part *p, struct page **chunks);

/* lowmem.c: the Linux guest's RAM below 640 KiB */
extern unsigned long sc_low_pa, sc_low_size;
int sc_lowmem_check_params(void);
int sc_lowmem_claim(struct sc_part *p);
int sc_lowmem_take(struct sc_part *p);
void sc_lowmem_give_back(struct sc_part *p);
bool sc_lowmem_owned(struct sc_part *p);

/* doorbell.c: the host vector the partition rings */
int sc_doorbell_alloc(struct sc_part *p);
void sc_doorbell_free(struct sc_part *p);

/* ipi.c: INIT, SIPI and fixed IPIs to a physical APIC ID */
void sc_ipi_init(u32 apic_id);
void sc_ipi_init_now(u32 apic_id);
void sc_ipi_startup(u32 apic_id, unsigned long page);
void sc_ipi_kick(u32 apic_id);
void sc_ipi_raw(u32 apic_id, u32 mode_vector);

/* stray.c: SC_IOC_STRAY */
int sc_ioc_stray(void __user *arg);

/* boot.c: START */
int sc_part_start(struct sc_part *p, const struct sc_ioc_start *s);

/* ioctl.c, events.c, fops.c */
long sc_ioctl(struct file *f, unsigned int cmd, unsigned long arg);
ssize_t sc_read(struct file *f, char __user *buf, size_t len, loff_t *off);
__poll_t sc_poll(struct file *f, struct poll_table_struct *wait);
extern const struct file_operations sc_fops;

/* tramp_blob.S */
extern const u8 sc_tramp_blob[], sc_tramp_blob_end[];

#endif
