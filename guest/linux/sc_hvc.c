// SPDX-License-Identifier: GPL-2.0
/*
 * sc_hvc.ko: the sparecore console for a Linux guest. The console's two
 * rings (include/sparecore/console.h) sit in the partition's chunk 0,
 * which the guest's e820 marks reserved; the service passes their
 * host-physical address on the kernel command line (sparecore_ring=) and
 * the guest's /init hands it to this module (ring=). The kernel's hvc
 * framework makes them a tty (/dev/hvc0) and, with console=hvc0, the
 * kernel console, registered with CON_PRINTBUFFER: the whole log replays.
 *
 * Polled: hvc's khvcd thread asks get_chars every 10 ms to 2 s, and the
 * host service polls the output ring every millisecond, so no doorbell is
 * needed either way (a doorbell interrupt is the next step).
 *
 * The hvc framework's header is not in the kernel's public headers:
 * hvc_sc.h declares the exported interface we use, as the 6.1 source has it.
 */
#include <linux/io.h>
#include <linux/module.h>
#include <linux/spinlock.h>

#include <sparecore/bootinfo.h>
#include <sparecore/console.h>

#include "hvc_sc.h"

#define SC_HVC_VTERMNO 0x5c0	/* any number: we have one terminal */
#define SC_HVC_OUTBUF 256

static unsigned long ring;
module_param(ring, ulong, 0444);
MODULE_PARM_DESC(ring, "host-physical address of the console ring areas (sparecore_ring= on the kernel command line)");

static void *area;
static struct sc_ring out, in;
static struct sc_slot in_slot;		/* the input slot being read */
static unsigned int in_pos, in_len;
static DEFINE_SPINLOCK(sc_lock);	/* printk and the tty both write */
static struct hvc_struct *hp;

static int sc_put_chars(uint32_t vt, const char *buf, int count)
{
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&sc_lock, flags);
	while (n < count && !out.broken) {
		struct sc_slot *s = sc_ring_prod_next(&out);
		int len = min_t(int, count - n, SC_SLOT_PAYLOAD);

		if (!s)
			break;
		s->type = SC_CONS_DATA;
		s->len = len;
		memcpy(s->data, buf + n, len);
		sc_ring_prod_commit(&out);
		n += len;
	}
	sc_ring_prod_flush(&out);	/* the host polls: no doorbell */
	spin_unlock_irqrestore(&sc_lock, flags);
	/* Full: hvc spins (console) or retries later (tty). */
	return n ? n : -EAGAIN;
}

static int sc_get_chars(uint32_t vt, char *buf, int count)
{
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&sc_lock, flags);
	while (n < count && !in.broken) {
		int len;

		if (in_pos == in_len) {
			if (!sc_ring_cons_take(&in, &in_slot))
				break;
			/* The host's slot, copied out; only its data counts. */
			in_pos = 0;
			in_len = in_slot.type == SC_CONS_DATA ?
				 min_t(unsigned int, in_slot.len, SC_SLOT_PAYLOAD) : 0;
			continue;
		}
		len = min_t(int, count - n, in_len - in_pos);
		memcpy(buf + n, in_slot.data + in_pos, len);
		in_pos += len;
		n += len;
	}
	sc_ring_cons_flush(&in);
	spin_unlock_irqrestore(&sc_lock, flags);
	return n;
}

static const struct hv_ops sc_hv_ops = {
	.get_chars = sc_get_chars,
	.put_chars = sc_put_chars,
};

static int __init sc_hvc_init(void)
{
	const unsigned long size = SC_RING_AREA_SIZE;
	const u64 bytes = SC_RING_BYTES(SC_CONS_RING_ORDER);

	if (!ring || ring & ~PAGE_MASK) {
		pr_err("sc_hvc: ring=%#lx: give the page address from sparecore_ring=\n",
		       ring);
		return -EINVAL;
	}
	area = memremap(ring, 2 * size, MEMREMAP_WB);
	if (!area)
		return -ENOMEM;
	if (sc_ring_attach(&out, area + SC_RING_CONS_OUT * size, bytes) ||
	    sc_ring_attach(&in, area + SC_RING_CONS_IN * size, bytes)) {
		pr_err("sc_hvc: no console rings at %#lx\n", ring);
		memunmap(area);
		return -ENODEV;
	}
	/* The kernel console first (replays the log), then the tty. */
	hvc_instantiate(SC_HVC_VTERMNO, 0, &sc_hv_ops);
	hp = hvc_alloc(SC_HVC_VTERMNO, 0, &sc_hv_ops, SC_HVC_OUTBUF);
	if (IS_ERR(hp)) {
		memunmap(area);
		return PTR_ERR(hp);
	}
	pr_info("sc_hvc: console rings at %#lx\n", ring);
	return 0;
}

static void __exit sc_hvc_exit(void)
{
	hvc_remove(hp);
	memunmap(area);
}

module_init(sc_hvc_init);
module_exit(sc_hvc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sparecore console for a Linux guest (hvc)");
