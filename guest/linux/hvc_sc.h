/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hvc framework's interface (drivers/tty/hvc/hvc_console.h in the
 * kernel source), which Debian's header packages do not ship. Declared
 * here as 6.1 defines it: struct hv_ops must match the kernel's layout,
 * so this module is built for, and loaded into, that kernel only.
 */
#ifndef SC_HVC_SC_H
#define SC_HVC_SC_H

#include <linux/types.h>

struct hvc_struct;

struct hv_ops {
	int (*get_chars)(uint32_t vtermno, char *buf, int count);
	int (*put_chars)(uint32_t vtermno, const char *buf, int count);
	int (*flush)(uint32_t vtermno, bool wait);
	int (*notifier_add)(struct hvc_struct *hp, int irq);
	void (*notifier_del)(struct hvc_struct *hp, int irq);
	void (*notifier_hangup)(struct hvc_struct *hp, int irq);
	int (*tiocmget)(struct hvc_struct *hp);
	int (*tiocmset)(struct hvc_struct *hp, unsigned int set,
			unsigned int clear);
	void (*dtr_rts)(struct hvc_struct *hp, int raise);
};

int hvc_instantiate(uint32_t vtermno, int index, const struct hv_ops *ops);
struct hvc_struct *hvc_alloc(uint32_t vtermno, int data,
			     const struct hv_ops *ops, int outbuf_size);
int hvc_remove(struct hvc_struct *hp);

#endif
