// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * UDP (RFC 768): an 8-byte header (ports, length, checksum) whose length
 * must lie between 8 and what IPv4 delivered (the rest is ignored). A zero
 * checksum means "none" on receive; we always send one. Datagrams go to
 * the program's hook if it takes them (the SDK's sockets), else to echo on
 * port 7 (RFC 862): the datagram goes back to its sender.
 */
#include "netstack.h"

#include "bytes.h"

static void bad(uint64_t *why)
{
	(*why)++;
	net_stats.rx_errors++;
	net_stats.rx_drops++;
}

static uint16_t udp_csum(uint32_t src, uint32_t dst, const uint8_t *p, size_t len)
{
	return csum_fold(csum_add(csum_pseudo(src, dst, IPPROTO_UDP_, len), p, len));
}

bool (*udp_rx_hook)(uint32_t src, uint16_t sport, uint16_t dport,
		    const uint8_t *data, size_t len);

int udp_send(uint32_t dst, uint16_t sport, uint16_t dport, const void *data,
	     size_t len)
{
	uint8_t *buf, *u;
	uint16_t c;

	if (len > NET_UDP_MAX_DATA || !dport)
		return -1;
	buf = netif_tx_buf();
	if (!buf) {
		net_stats.tx_nobuf++;
		net_stats.tx_drops++;
		return -1;
	}
	u = buf + NET_L4_OFF;
	memcpy(u + NET_UDP_HLEN, data, len);
	put16(u, sport);
	put16(u + 2, dport);
	put16(u + 4, (uint16_t)(len + NET_UDP_HLEN));
	put16(u + 6, 0);
	c = udp_csum(net_cfg.ip, dst, u, len + NET_UDP_HLEN);
	put16(u + 6, c ? c : 0xffff); /* 0 would mean "no checksum" */
	return ipv4_output(buf, dst, IPPROTO_UDP_, len + NET_UDP_HLEN);
}

void udp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t len)
{
	size_t ulen;

	if (len < NET_UDP_HLEN)
		return bad(&net_stats.udp_bad);
	ulen = get16(p + 4);
	if (ulen < NET_UDP_HLEN || ulen > len)
		return bad(&net_stats.udp_bad);
	if (get16(p + 6) && udp_csum(src, dst, p, ulen) != 0)
		return bad(&net_stats.udp_csum);
	/* Only unicast to us, and never from port 0: a broadcast answer
	 * would come from every host, and port 0 cannot be sent to. */
	if (dst != net_cfg.ip || get16(p) == 0 || ulen > NET_MTU - NET_IP_HLEN)
		goto drop;
	/* A program's port (the SDK's sockets) first, then echo. */
	if (udp_rx_hook &&
	    udp_rx_hook(src, get16(p), get16(p + 2), p + NET_UDP_HLEN, ulen - NET_UDP_HLEN))
		return;
	if (get16(p + 2) != NET_UDP_ECHO_PORT)
		goto drop;
	/* Back from the port it was sent to, to the sender's port. */
	if (udp_send(src, get16(p + 2), get16(p), p + NET_UDP_HLEN,
		     ulen - NET_UDP_HLEN) == 0)
		net_stats.udp_echoed++;
	return;
drop:
	net_stats.udp_port++;
	net_stats.rx_drops++;
}
