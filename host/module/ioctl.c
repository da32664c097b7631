// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctls of include/sparecore/ioctl.h. Each handler copies its argument
 * in, checks it, does the work under p->lock and copies the reply out after
 * unlocking: mmap() takes p->lock under mmap_lock, so a user copy (which may
 * fault and take mmap_lock) must never run while p->lock is held.
 *
 * Errnos beyond CREATE's: no partition on this fd: ENOENT; partition in the
 * wrong state for the request: EINVAL; unknown command: ENOTTY.
 */
#include "sparecore.h"

#include <linux/slab.h>
#include <linux/uaccess.h>

static int sc_ioc_version(void __user *arg)
{
	struct sc_ioc_version v = {
		.magic = SC_MAGIC,
		.version = SC_IOCTL_VERSION,
	};

	return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static int sc_ioc_create(struct sc_part *p, void __user *arg)
{
	struct sc_ioc_create c;
	int ret;

	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	if (mutex_lock_interruptible(&p->lock))
		return -ERESTARTSYS;
	ret = sc_part_create(p, &c);
	mutex_unlock(&p->lock);
	if (!ret && copy_to_user(arg, &c, sizeof(c)))
		return -EFAULT;	/* partition stays; close the fd to undo */
	return ret;
}

static int sc_ioc_chunks(struct sc_part *p, void __user *arg)
{
	struct sc_ioc_chunks ch;
	unsigned int i, n = 0;
	u64 *addrs = NULL;
	int ret = 0;

	if (copy_from_user(&ch, arg, sizeof(ch)))
		return -EFAULT;
	if (ch.pad)
		return -EINVAL;
	if (mutex_lock_interruptible(&p->lock))
		return -ERESTARTSYS;
	if (!p->chunks)
		ret = -ENOENT;
	else if (ch.count < p->nr_chunks)
		ret = -EINVAL;
	else if (!(addrs = kmalloc_array(p->nr_chunks, sizeof(*addrs),
					 GFP_KERNEL)))
		ret = -ENOMEM;
	else
		for (n = p->nr_chunks, i = 0; i < n; i++)
			addrs[i] = sc_mem_chunk_pa(p, i);
	mutex_unlock(&p->lock);
	if (!ret && copy_to_user(u64_to_user_ptr(ch.addrs), addrs,
				 n * sizeof(*addrs)))
		ret = -EFAULT;
	kfree(addrs);
	return ret;
}

static int sc_ioc_start(struct sc_part *p, void __user *arg)
{
	struct sc_ioc_start s;
	int ret;

	if (copy_from_user(&s, arg, sizeof(s)))
		return -EFAULT;
	if (mutex_lock_interruptible(&p->lock))
		return -ERESTARTSYS;
	if (p->state == SC_P_EMPTY)
		ret = -ENOENT;
	else if (p->state != SC_P_CREATED)
		ret = -EINVAL;
	else
		ret = sc_part_start(p, &s);
	mutex_unlock(&p->lock);
	return ret;
}

/* STOP and KICK: no argument, just the partition's state. */
static int sc_ioc_simple(struct sc_part *p, unsigned int cmd)
{
	int ret = 0;

	if (mutex_lock_interruptible(&p->lock))
		return -ERESTARTSYS;
	if (p->state == SC_P_EMPTY)
		ret = -ENOENT;
	else if (cmd == SC_IOC_STOP)
		sc_part_stop(p);
	else if (p->state != SC_P_RUNNING)
		ret = -EINVAL;	/* a stopped CPU is Linux's again */
	else
		sc_ipi_kick(p->apic_id);
	mutex_unlock(&p->lock);
	return ret;
}

/* Where the Linux guest's low RAM block is; ENOENT unless this file's
 * partition is a Linux guest that holds it. */
static int sc_ioc_lowmem(struct sc_part *p, void __user *arg)
{
	struct sc_ioc_lowmem l = { .pa = sc_low_pa, .size = sc_low_size };
	bool owned;

	if (mutex_lock_interruptible(&p->lock))
		return -ERESTARTSYS;
	owned = sc_lowmem_owned(p);
	mutex_unlock(&p->lock);
	if (!owned)
		return -ENOENT;
	return copy_to_user(arg, &l, sizeof(l)) ? -EFAULT : 0;
}

static int sc_ioc_list(void __user *arg)
{
	struct sc_ioc_list *l = kzalloc(sizeof(*l), GFP_KERNEL);
	int ret = 0;

	if (!l)
		return -ENOMEM;
	sc_part_list(l);
	if (copy_to_user(arg, l, sizeof(*l)))
		ret = -EFAULT;
	kfree(l);
	return ret;
}

long sc_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct sc_part *p = f->private_data;
	void __user *uarg = (void __user *)arg;

	/* The size is part of each command number, so an exact match also
	 * checks that the caller's structure has our size. */
	switch (cmd) {
	case SC_IOC_VERSION:
		return sc_ioc_version(uarg);
	case SC_IOC_CREATE:
		return sc_ioc_create(p, uarg);
	case SC_IOC_CHUNKS:
		return sc_ioc_chunks(p, uarg);
	case SC_IOC_START:
		return sc_ioc_start(p, uarg);
	case SC_IOC_STOP:
	case SC_IOC_KICK:
		return sc_ioc_simple(p, cmd);
	case SC_IOC_LIST:
		return sc_ioc_list(uarg);
	case SC_IOC_STRAY:
		return sc_ioc_stray(uarg);
	case SC_IOC_LOWMEM:
		return sc_ioc_lowmem(p, uarg);
	default:
		return -ENOTTY;
	}
}
