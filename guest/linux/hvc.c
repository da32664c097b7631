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
#include <linux/reboot.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

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

/*
 * Boot info (include/sparecore/bootinfo.h), in chunk 0 beside the rings:
 * the heartbeat the host's watchdog reads, and the state through which
 * poweroff, halt and reboot end the guest. A reboot must never reach the
 * hardware (after the ACPI reset register the kernel tries the keyboard
 * controller, CF9 and a triple fault: the host's), so the guest stops
 * here, in the reboot notifier, before any of that, and the host takes
 * the CPU back.
 */
static struct sc_boot_info *bi;
static struct timer_list beat;

#define SC_HVC_BEAT_MS 100

static void sc_beat(struct timer_list *t)
{
	WRITE_ONCE(bi->heartbeat, READ_ONCE(bi->heartbeat) + 1);
	mod_timer(&beat, jiffies + msecs_to_jiffies(SC_HVC_BEAT_MS));
}

static int sc_reboot(struct notifier_block *nb, unsigned long action,
		     void *data)
{
	u32 st = action == SYS_RESTART ? SC_STATE_REBOOT : SC_STATE_HALTED;

	pr_emerg("sc_hvc: %s: the host takes the CPU back\n",
		 action == SYS_RESTART ? "reboot" :
		 action == SYS_POWER_OFF ? "power off" : "halt");
	local_irq_disable();
	smp_store_release(&bi->state, st);
	for (;;)
		native_halt();
	return NOTIFY_DONE;
}

static struct notifier_block sc_reboot_nb = {
	.notifier_call = sc_reboot,
	.priority = INT_MIN,	/* last: the others have had their say */
};

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
	bi = memremap(ring - SC_RING_AREA_PA + SC_BOOTINFO_PA, PAGE_SIZE,
		      MEMREMAP_WB);
	if (!bi || READ_ONCE(bi->magic) != SC_MAGIC) {
		pr_err("sc_hvc: no sparecore boot info below %#lx\n", ring);
		if (bi)
			memunmap(bi);
		memunmap(area);
		return -ENODEV;
	}
	if (sc_ring_attach(&out, area + SC_RING_CONS_OUT * size, bytes) ||
	    sc_ring_attach(&in, area + SC_RING_CONS_IN * size, bytes)) {
		pr_err("sc_hvc: no console rings at %#lx\n", ring);
		memunmap(bi);
		memunmap(area);
		return -ENODEV;
	}
	/* The kernel console first (replays the log), then the tty. */
	hvc_instantiate(SC_HVC_VTERMNO, 0, &sc_hv_ops);
	hp = hvc_alloc(SC_HVC_VTERMNO, 0, &sc_hv_ops, SC_HVC_OUTBUF);
	if (IS_ERR(hp)) {
		memunmap(bi);
		memunmap(area);
		return PTR_ERR(hp);
	}
	register_reboot_notifier(&sc_reboot_nb);
	timer_setup(&beat, sc_beat, 0);
	mod_timer(&beat, jiffies + msecs_to_jiffies(SC_HVC_BEAT_MS));
	pr_info("sc_hvc: console rings at %#lx\n", ring);
	return 0;
}

static void __exit sc_hvc_exit(void)
{
	del_timer_sync(&beat);
	unregister_reboot_notifier(&sc_reboot_nb);
	hvc_remove(hp);
	memunmap(bi);
	memunmap(area);
}

module_init(sc_hvc_init);
module_exit(sc_hvc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sparecore console for a Linux guest (hvc)");
