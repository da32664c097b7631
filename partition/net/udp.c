// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * UDP (RFC 768): an 8-byte header (ports, length, checksum) whose length
 * must lie between 8 and what IPv4 delivered (the rest is ignored). A zero
 * checksum means "none" on receive; we always send one. The only service
 * is echo on port 7 (RFC 862): the datagram goes back to its sender.
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

static void echo(uint32_t src, const uint8_t *p, size_t len)
{
	uint8_t *buf = netif_tx_buf(), *u;
	uint16_t c;

	if (!buf) {
		net_stats.tx_nobuf++;
		net_stats.tx_drops++;
		return;
	}
	u = buf + NET_L4_OFF;
	memcpy(u + NET_UDP_HLEN, p + NET_UDP_HLEN, len - NET_UDP_HLEN);
	put16(u, get16(p + 2));     /* from the port it was sent to */
	put16(u + 2, get16(p));     /* back to the sender's port */
	put16(u + 4, (uint16_t)len);
	put16(u + 6, 0);
	c = udp_csum(net_cfg.ip, src, u, len);
	put16(u + 6, c ? c : 0xffff); /* 0 would mean "no checksum" */
	if (ipv4_output(buf, src, IPPROTO_UDP_, len) == 0)
		net_stats.udp_echoed++;
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
	/* Echo only unicast, and never to port 0: a broadcast echo would
	 * answer for every host, and port 0 cannot be sent to. */
	if (get16(p + 2) != NET_UDP_ECHO_PORT || get16(p) == 0 ||
	    dst != net_cfg.ip || ulen > NET_MTU - NET_IP_HLEN) {
		net_stats.udp_port++;
		net_stats.rx_drops++;
		return;
	}
	echo(src, p, ulen);
}
