// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Paravirtual console, partition side. All the ring protocol (ordering,
 * event indices, checking the peer) is in the ring library; this file only
 * packs bytes into slots, decides when to ring the host's doorbell (when a
 * flush says the host asked for one) and how to wait.
 *
 * Waiting: arm the ring (ask the host for a doorbell), re-check, and only
 * then "sti; hlt" with interrupts off in between, so a doorbell that
 * arrives after the check still ends the HLT. The 100 Hz timer also wakes
 * us, so even a lost doorbell costs at most 10 ms.
 */
#include "pv_console.h"

#include <sparecore/compiler.h>

#include "apic.h"
#include "boot.h"
#include "cpu.h"
#include "idle.h"
#include "kstring.h"
#include "timer.h"
#include "vectors.h"

static struct sc_ring out, in;
static bool out_ok, in_ok;

/* Current input slot, copied out of the ring, and how far we have read it. */
static struct sc_slot in_slot;
static uint32_t in_pos, in_len;

#define RFLAGS_IF (1ull << 9)

/* Attach to the ring in m: the range was checked by acpi.c (inside
 * partition memory, clear of everything else), its header is checked by
 * the ring library. */
static int attach(struct sc_ring *r, const struct acpi_mem *m)
{
	if (!va_in_partition(SC_VIRT_BASE + m->base, m->size))
		return -1;
	return sc_ring_attach(r, pa_to_va(m->base), m->size);
}

int console_probe(void)
{
	const struct acpi_dev *dev = acpi_find(SC_HID_CONSOLE);

	if (!dev || dev->n_mem < 1)
		return -1;
	out_ok = attach(&out, &dev->mem[0]) == 0;
	in_ok = dev->n_mem >= 2 && attach(&in, &dev->mem[1]) == 0;
	if (dev->n_irq)
		isr_add_doorbell(dev->irq[0]);
	return out_ok ? 0 : -1;
}

bool console_ready(void)
{
	return out_ok && !out.broken;
}

/* Sleep until an interrupt if we may (IF was set by our caller), else
 * just pause: with interrupts off nothing could wake a HLT. Called with
 * interrupts off; returns with them off. */
static void wait_a_little(uint64_t flags)
{
	if (flags & RFLAGS_IF) {
		irq_enable_and_wait();
		irq_disable();
	} else {
		cpu_relax();
	}
}

/* ---------------------------------------------------------------- output */

static void out_flush(void)
{
	if (sc_ring_prod_flush(&out))
		apic_doorbell_host();
}

/* Fill one slot with up to SC_SLOT_PAYLOAD bytes; 0 if the ring is full. */
static size_t put_slot(const char *buf, size_t len)
{
	struct sc_slot *s = sc_ring_prod_next(&out);

	if (!s)
		return 0;
	if (len > SC_SLOT_PAYLOAD)
		len = SC_SLOT_PAYLOAD;
	s->type = SC_CONS_DATA;
	s->len = (uint16_t)len;
	memcpy(s->data, buf, len);
	sc_ring_prod_commit(&out);
	return len;
}

/* The ring is full: publish what we have (the host may be asleep waiting
 * for exactly that), then wait until it frees a slot. */
static void wait_for_space(void)
{
	uint64_t flags;

	out_flush();
	flags = irq_save();
	/* wait_arm asks for a doorbell when the host frees anything and
	 * re-checks after asking: true means there is room already. */
	while (!out.broken && !sc_ring_prod_wait_arm(&out))
		wait_a_little(flags);
	irq_restore(flags);
}

void console_write(const char *buf, size_t len)
{
	if (!out_ok)
		return;
	while (len && !out.broken) {
		size_t n = put_slot(buf, len);

		if (!n) {
			wait_for_space();
			continue;
		}
		buf += n;
		len -= n;
	}
	out_flush();
}

size_t console_write_nowait(const char *buf, size_t len)
{
	size_t done = 0;

	if (!out_ok)
		return 0;
	while (done < len) {
		size_t n = put_slot(buf + done, len - done);

		if (!n)
			break;
		done += n;
	}
	out_flush();
	return done;
}

bool console_drain(uint64_t timeout_ms)
{
	uint64_t start = uptime_ms(), flags;
	bool drained;

	if (!out_ok)
		return false;
	out_flush();
	flags = irq_save();
	/* The host publishes cons as it takes slots; nothing asks it for a
	 * doorbell at "all taken", so the timer tick is what wakes us. */
	while (!(drained = LOAD_ACQ(&out.hdr->cons) ==
			   out.head) &&
	       !out.broken && uptime_ms() - start < timeout_ms)
		wait_a_little(flags);
	irq_restore(flags);
	return drained;
}

/* ---------------------------------------------------------------- input */

int console_getc(void)
{
	while (in_pos >= in_len) {
		if (!in_ok || !sc_ring_cons_take(&in, &in_slot))
			return -1;
		/* Free the slot at once; ring if the host waits for room. */
		if (sc_ring_cons_flush(&in))
			apic_doorbell_host();
		in_pos = 0;
		/* The slot is our private copy: checking it is safe. Anything
		 * but well-formed data is skipped. */
		in_len = (in_slot.type == SC_CONS_DATA &&
			  in_slot.len <= SC_SLOT_PAYLOAD) ?
				 in_slot.len :
				 0;
	}
	return in_slot.data[in_pos++];
}

int console_getc_wait(void)
{
	for (;;) {
		int c = console_getc();
		uint64_t flags;

		if (c >= 0)
			return c;
		if (!in_ok || in.broken)
			return -1;
		flags = irq_save();
		/* Ask for a doorbell at the next slot; if one is already
		 * there, wait_arm says so and we go round again. The idle
		 * hooks (the network) run here too, and say if they have
		 * more to do before we may sleep. */
		if (!sc_ring_cons_wait_arm(&in) && !idle_poll())
			wait_a_little(flags);
		irq_restore(flags);
	}
}
