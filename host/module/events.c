// SPDX-License-Identifier: GPL-2.0
/*
 * The partition's doorbells, as the service sees them: poll() says POLLIN
 * when the partition rang since the last read() and POLLHUP once it is
 * stopped; read() hands over the count. The IRQ handler (doorbell.c) only
 * counts and wakes, so no doorbell is ever lost, only merged.
 */
#include "sparecore.h"

#include <linux/poll.h>
#include <linux/uaccess.h>

/* Something for a reader: doorbells, or an end (stopped, or no partition). */
static bool sc_read_ready(struct sc_part *p)
{
	enum sc_pstate s = READ_ONCE(p->state);

	return atomic64_read(&p->bells) || s == SC_P_STOPPED || s == SC_P_EMPTY;
}

/* Returns the doorbells since the last read as one u64, and resets the
 * count; 0 bytes (end of file) once the partition is stopped. */
ssize_t sc_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	struct sc_part *p = f->private_data;
	enum sc_pstate s;
	u64 n;

	if (len < sizeof(n))
		return -EINVAL;
	for (;;) {
		s = READ_ONCE(p->state);	/* before the count: no lost stop */
		n = atomic64_xchg(&p->bells, 0);
		if (n)
			break;
		if (s == SC_P_EMPTY)
			return -ENOENT;
		if (s == SC_P_STOPPED)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(p->wq, sc_read_ready(p)))
			return -ERESTARTSYS;
	}
	if (copy_to_user(buf, &n, sizeof(n))) {
		atomic64_add(n, &p->bells);	/* not delivered: keep them */
		return -EFAULT;
	}
	return sizeof(n);
}

__poll_t sc_poll(struct file *f, poll_table *wait)
{
	struct sc_part *p = f->private_data;
	enum sc_pstate s;
	__poll_t mask = 0;

	poll_wait(f, &p->wq, wait);
	s = READ_ONCE(p->state);
	if (atomic64_read(&p->bells))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (s == SC_P_STOPPED)
		mask |= EPOLLHUP;
	if (s == SC_P_EMPTY)
		mask |= EPOLLERR;	/* nothing will ever arrive */
	return mask;
}
