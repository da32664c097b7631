// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The SDK's UDP sockets: a port table over the stack's receive hook and
 * udp_send (partition/net/udp.c). Each bound socket has a queue of
 * SC_UDP_QUEUE datagrams, taken from partition memory the first time its
 * slot is used and kept for the next bind of that slot (nothing is freed).
 * The hook runs from the network's idle poll, in our one thread of
 * execution, so the queues need no locks.
 */
#include <sparecore/partition.h>

#include "cpu.h"
#include "idle.h"
#include "kstring.h"
#include "netstack.h"
#include "pv_net.h"

_Static_assert(SC_UDP_MAX == NET_UDP_MAX_DATA, "SDK and stack agree on the payload");
_Static_assert((SC_UDP_QUEUE & (SC_UDP_QUEUE - 1)) == 0, "queue size is a power of two");

struct dgram {
	uint32_t ip;
	uint16_t port;
	uint16_t len;
	uint8_t data[SC_UDP_MAX];
};

struct sock {
	uint16_t port;             /* 0: free */
	uint32_t head, tail;       /* queue[tail % Q] is the oldest */
	uint64_t dropped;
	struct dgram *queue;       /* SC_UDP_QUEUE entries */
};

static struct sock socks[SC_UDP_SOCKETS];

static struct sock *by_port(uint16_t port)
{
	for (int i = 0; i < SC_UDP_SOCKETS; i++)
		if (socks[i].port == port)
			return &socks[i];
	return NULL;
}

static bool take(uint32_t src, uint16_t sport, uint16_t dport,
		 const uint8_t *data, size_t len)
{
	struct sock *s = by_port(dport);
	struct dgram *d;

	if (!s)
		return false;
	if (s->head - s->tail == SC_UDP_QUEUE) {
		s->dropped++;
		return true;
	}
	d = &s->queue[s->head % SC_UDP_QUEUE];
	d->ip = src;
	d->port = sport;
	d->len = (uint16_t)len; /* the stack passes at most NET_UDP_MAX_DATA */
	memcpy(d->data, data, len);
	s->head++;
	return true;
}

static struct sock *get(int sock)
{
	if (sock < 0 || sock >= SC_UDP_SOCKETS || !socks[sock].port)
		return NULL;
	return &socks[sock];
}

uint32_t sc_net_ip(void)
{
	return net_drv_ready() && net_cfg.up ? net_cfg.ip : 0;
}

int sc_udp_bind(uint16_t port)
{
	struct sock *s;

	if (!sc_net_ip())
		return SC_E_NODEV;
	if (!port)
		return SC_E_INVAL;
	if (by_port(port) || !(s = by_port(0)))
		return SC_E_BUSY;
	if (!s->queue &&
	    !(s->queue = sc_alloc(SC_UDP_QUEUE * sizeof(struct dgram), 64)))
		return SC_E_NOMEM;
	s->head = s->tail = 0;
	s->dropped = 0;
	s->port = port;
	udp_rx_hook = take;
	return (int)(s - socks);
}

int sc_udp_close(int sock)
{
	struct sock *s = get(sock);

	if (!s)
		return SC_E_INVAL;
	s->port = 0;
	return 0;
}

uint64_t sc_udp_dropped(int sock)
{
	struct sock *s = get(sock);

	return s ? s->dropped : 0;
}

int sc_udp_send(int sock, uint32_t ip, uint16_t port, const void *buf, size_t len)
{
	struct sock *s = get(sock);

	if (!s || !port || len > SC_UDP_MAX)
		return SC_E_INVAL;
	if (udp_send(ip, s->port, port, buf, len))
		return SC_E_IO;
	/* Publish the frame to the host now, not at the next idle poll. */
	net_drv_poll();
	return 0;
}

int sc_udp_recv(int sock, void *buf, size_t len, uint32_t *ip, uint16_t *port,
		uint64_t timeout_ns)
{
	struct sock *s = get(sock);
	uint64_t deadline = sc_now_ns() + timeout_ns;

	if (!s)
		return SC_E_INVAL;
	for (;;) {
		uint64_t flags;

		net_drv_poll();
		if (s->head != s->tail) {
			struct dgram *d = &s->queue[s->tail % SC_UDP_QUEUE];
			size_t n = d->len < len ? d->len : len;

			memcpy(buf, d->data, n);
			if (ip)
				*ip = d->ip;
			if (port)
				*port = d->port;
			s->tail++;
			return (int)n;
		}
		if (sc_now_ns() >= deadline)
			return SC_E_TIMEOUT;
		flags = irq_save();
		/* The host's doorbell (a frame came) or the next tick ends
		 * the HLT; the hooks arm the doorbell or say work is left. */
		if (!idle_poll())
			irq_enable_and_wait();
		irq_disable();
		irq_restore(flags);
	}
}
