// SPDX-License-Identifier: GPL-2.0
/*
 * File operations of /dev/sparecore. One open file is at most one
 * partition; closing the file stops it and frees everything. read() and
 * poll() are in events.c, the ioctls in ioctl.c.
 */
#include "sparecore.h"

#include <linux/capability.h>
#include <linux/module.h>

static int sc_open(struct inode *inode, struct file *f)
{
	struct sc_part *p;

	/* Mode 0600 already says root; a partition is ring-0 code, so make
	 * sure the opener could load a module anyway. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	p = sc_part_alloc();
	if (!p)
		return -ENOMEM;
	f->private_data = p;
	return nonseekable_open(inode, f);
}

static int sc_release(struct inode *inode, struct file *f)
{
	sc_part_release(f->private_data);
	return 0;
}

static int sc_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct sc_part *p = f->private_data;
	int ret;

	mutex_lock(&p->lock);
	ret = p->chunks ? sc_mem_mmap(p, vma) : -ENOENT;
	mutex_unlock(&p->lock);
	return ret;
}

/* .owner pins the module while any file is open, so rmmod cannot pull it
 * from under a running partition. No .llseek: nonseekable_open() clears
 * FMODE_LSEEK, so lseek() fails with ESPIPE before any f_op is asked (the
 * no_llseek helper that said the same is gone in 6.12). */
const struct file_operations sc_fops = {
	.owner = THIS_MODULE,
	.open = sc_open,
	.release = sc_release,
	.read = sc_read,
	.poll = sc_poll,
	.mmap = sc_mmap,
	.unlocked_ioctl = sc_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};
