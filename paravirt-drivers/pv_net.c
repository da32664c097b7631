// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Paravirtual network driver, partition side. The buffers are static
 * arrays in our image, named to the host by partition-physical address;
 * each buffer's id is its index. All four rings' protocol is in the ring
 * library; here: which buffer is where, and when to ring.
 *
 * Notification: we produce in batches (net_drv_poll publishes once at its
 * end) and ask for doorbells only on RX_DONE (frames for us) and, when we
 * are short of transmit buffers, TX_DONE. A transmit completion is not
 * worth an interrupt otherwise: the next poll reaps it.
 *
 * The host is checked too: a completion must name a buffer we gave it, with
 * a length that fits; anything else is counted and ignored.
 */
#include "pv_net.h"

#include "netstack.h"
#include "apic.h"
#include "boot.h"
#include "kstring.h"
#include "vectors.h"

#define RX_BUFS (1u << SC_NET_RING_ORDER) /* every post fits the ring */
#define TX_BUFS 128u
#define BUF_SIZE 2048u
#define POLL_BUDGET 64u /* frames per call: the caller's loop gets air */

_Static_assert(BUF_SIZE >= SC_NET_RXBUF_MIN, "rx buffer holds a frame");
_Static_assert(TX_BUFS <= (1u << SC_NET_RING_ORDER), "tx fits its ring");

static uint8_t rx_mem[RX_BUFS][BUF_SIZE] __attribute__((aligned(4096)));
static uint8_t tx_mem[TX_BUFS][BUF_SIZE] __attribute__((aligned(4096)));

/* Where each buffer is: a receive buffer is with us (or waiting to be
 * posted) or out with the host; a transmit buffer is free, held by the
 * stack, or out. Checked on every hand-over, so a buffer is never in two
 * places (a double completion or double free is caught, not obeyed). */
enum { TX_FREE, TX_HELD, TX_OUT };
static bool rx_out[RX_BUFS];
static uint8_t tx_state[TX_BUFS];
/* Receive buffers to post (ring was full), transmit buffers to use. */
static uint16_t rx_todo[RX_BUFS], tx_free[TX_BUFS];
static unsigned rx_todo_n, tx_free_n;

static struct sc_ring rx_post, rx_done, tx, tx_done;
static bool ready;

struct net_drv_stats net_drv_stats;

static uint64_t pa_of(const void *va)
{
	return (uint64_t)(uintptr_t)va - SC_VIRT_BASE;
}

/* Attach to the ring in m: acpi.c checked the range (inside partition
 * memory, clear of everything else), the ring library checks its header. */
static int attach(struct sc_ring *r, const struct acpi_mem *m)
{
	if (!va_in_partition(SC_VIRT_BASE + m->base, m->size))
		return -1;
	return sc_ring_attach(r, pa_to_va(m->base), m->size);
}

static void put_desc(struct sc_ring *r, unsigned type, uint64_t addr,
		     uint32_t len, uint16_t id)
{
	struct sc_slot *s = sc_ring_prod_next(r);
	struct sc_net_desc d = { .addr = addr, .len = len, .id = id };

	/* Callers checked for room. */
	s->type = (uint16_t)type;
	s->len = sizeof(d);
	memcpy(s->data, &d, sizeof(d));
	sc_ring_prod_commit(r);
}

static void post_rx(void)
{
	while (rx_todo_n && sc_ring_prod_next(&rx_post)) {
		uint16_t id = rx_todo[--rx_todo_n];

		rx_out[id] = true;
		put_desc(&rx_post, SC_NET_RX_BUF, pa_of(rx_mem[id]), BUF_SIZE, id);
	}
}

int net_drv_init(const struct acpi_dev *dev)
{
	if (!dev || dev->n_mem < SC_NET_RINGS || attach(&rx_post, &dev->mem[0]) ||
	    attach(&rx_done, &dev->mem[1]) || attach(&tx, &dev->mem[2]) ||
	    attach(&tx_done, &dev->mem[3]))
		return -1;
	if (dev->n_irq)
		isr_add_doorbell(dev->irq[0]);
	for (unsigned i = 0; i < RX_BUFS; i++)
		rx_todo[rx_todo_n++] = (uint16_t)(RX_BUFS - 1 - i);
	for (unsigned i = 0; i < TX_BUFS; i++)
		tx_free[tx_free_n++] = (uint16_t)(TX_BUFS - 1 - i);
	ready = true;
	post_rx();
	if (sc_ring_prod_flush(&rx_post))
		apic_doorbell_host();
	return 0;
}

bool net_drv_ready(void)
{
	return ready;
}

unsigned net_drv_tx_free(void)
{
	return tx_free_n;
}

/* Copy a completion out of its (already private) slot, checking shape. */
static bool get_desc(const struct sc_slot *s, unsigned type, struct sc_net_desc *d)
{
	if (s->type != type || s->len != sizeof(*d)) {
		net_drv_stats.bad_completions++;
		return false;
	}
	memcpy(d, s->data, sizeof(*d));
	return true;
}

static unsigned reap_tx(void)
{
	struct sc_slot s;
	struct sc_net_desc d;
	unsigned n = 0;

	while (sc_ring_cons_take(&tx_done, &s)) {
		n++;
		if (!get_desc(&s, SC_NET_TX_COMPLETE, &d))
			continue;
		if (d.id >= TX_BUFS || tx_state[d.id] != TX_OUT) {
			net_drv_stats.bad_completions++;
			continue;
		}
		if (d.status != SC_NET_OK) {
			net_drv_stats.host_errors++;
			net_stats.tx_errors++;
		}
		tx_state[d.id] = TX_FREE;
		tx_free[tx_free_n++] = d.id;
		net_drv_stats.tx_done++;
	}
	return n;
}

static unsigned take_rx(void)
{
	struct sc_slot s;
	struct sc_net_desc d;
	unsigned n = 0;

	while (n < POLL_BUDGET && sc_ring_cons_take(&rx_done, &s)) {
		n++;
		if (!get_desc(&s, SC_NET_RX_FRAME, &d))
			continue;
		if (d.id >= RX_BUFS || !rx_out[d.id]) {
			net_drv_stats.bad_completions++;
			continue;
		}
		rx_out[d.id] = false;
		if (d.status != SC_NET_OK) {
			/* The host refused the buffer: posting it again
			 * would only be refused again. */
			net_drv_stats.host_errors++;
			continue;
		}
		net_drv_stats.rx_done++;
		if (d.len > BUF_SIZE) {
			net_drv_stats.bad_completions++;
		} else {
			net_input(rx_mem[d.id], d.len);
		}
		rx_todo[rx_todo_n++] = d.id;
	}
	return n;
}

bool net_drv_poll(void)
{
	unsigned n;
	bool kick;

	if (!ready)
		return false;
	n = reap_tx();
	n += take_rx();
	net_timer();
	n += reap_tx(); /* replies sent above may already be done */
	post_rx();
	/* One publication per ring per poll: a burst costs one doorbell. */
	kick = sc_ring_cons_flush(&rx_done);
	kick |= sc_ring_cons_flush(&tx_done);
	kick |= sc_ring_prod_flush(&rx_post);
	kick |= sc_ring_prod_flush(&tx);
	if (kick) {
		net_drv_stats.kicks++;
		apic_doorbell_host();
	}
	return n != 0;
}

bool net_drv_arm(void)
{
	bool more;

	if (!ready)
		return false;
	more = sc_ring_cons_wait_arm(&rx_done);
	/* Buffers the post ring had no room for: a doorbell when it has. */
	if (rx_todo_n)
		more |= sc_ring_prod_wait_arm(&rx_post);
	if (tx_free_n < TX_BUFS / 4)
		more |= sc_ring_cons_wait_arm(&tx_done);
	return more;
}

/* ---------------------------------------------------------------- the
 * stack's transmit interface (partition/net/netenv.h) */

uint8_t *netif_tx_buf(void)
{
	uint16_t id;

	if (!ready)
		return 0;
	if (!tx_free_n)
		reap_tx();
	if (!tx_free_n)
		return 0;
	id = tx_free[--tx_free_n];
	tx_state[id] = TX_HELD;
	return tx_mem[id];
}

static int buf_id(const uint8_t *buf)
{
	uintptr_t off = (uintptr_t)buf - (uintptr_t)tx_mem;

	if ((uintptr_t)buf < (uintptr_t)tx_mem || off >= sizeof(tx_mem) ||
	    off % BUF_SIZE)
		return -1;
	return (int)(off / BUF_SIZE);
}

void netif_tx_send(uint8_t *buf, size_t len)
{
	int id = buf_id(buf);

	if (id < 0 || tx_state[id] != TX_HELD)
		return; /* not a buffer the stack holds: a stack bug */
	if (len < SC_NET_FRAME_MIN || len > SC_NET_FRAME_MAX ||
	    !sc_ring_prod_next(&tx)) {
		net_stats.tx_errors++;
		tx_state[id] = TX_FREE;
		tx_free[tx_free_n++] = (uint16_t)id;
		return;
	}
	tx_state[id] = TX_OUT;
	put_desc(&tx, SC_NET_TX_FRAME, pa_of(buf), (uint32_t)len, (uint16_t)id);
	/* Published by the next net_drv_poll, with everything else sent in
	 * the same pass. */
}

void netif_tx_drop(uint8_t *buf)
{
	int id = buf_id(buf);

	if (id >= 0 && tx_state[id] == TX_HELD) {
		tx_state[id] = TX_FREE;
		tx_free[tx_free_n++] = (uint16_t)id;
	}
}
