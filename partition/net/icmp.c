// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ICMP (RFC 792): we answer echo requests addressed to us (not broadcast
 * ones, as Linux by default) and hand echo replies to the ping command.
 * Other types are counted and dropped. The checksum covers the whole
 * message; a message too long for one of our frames cannot be echoed and
 * is dropped (IPv4 input already refused fragments).
 */
#include "netstack.h"

#include "bytes.h"

#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQUEST 8

void (*icmp_echo_reply_hook)(uint32_t src, uint16_t id, uint16_t seq,
			     const uint8_t *data, size_t len);

static void bad(uint64_t *why)
{
	(*why)++;
	net_stats.rx_errors++;
	net_stats.rx_drops++;
}

static void echo_reply(uint32_t to, const uint8_t *req, size_t len)
{
	uint8_t *buf = netif_tx_buf(), *p;

	if (!buf) {
		net_stats.tx_nobuf++;
		net_stats.tx_drops++;
		return;
	}
	p = buf + NET_L4_OFF;
	memcpy(p, req, len);
	p[0] = ICMP_ECHO_REPLY;
	p[1] = 0;
	put16(p + 2, 0);
	put16(p + 2, csum_fold(csum_add(0, p, len)));
	if (ipv4_output(buf, to, IPPROTO_ICMP_, len) == 0)
		net_stats.icmp_echo_replied++;
}

void icmp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t len)
{
	if (len < NET_ICMP_HLEN)
		return bad(&net_stats.icmp_bad);
	if (csum_fold(csum_add(0, p, len)) != 0)
		return bad(&net_stats.icmp_csum);
	switch (p[0]) {
	case ICMP_ECHO_REQUEST:
		if (p[1] != 0)
			return bad(&net_stats.icmp_bad);
		if (dst != net_cfg.ip || len > NET_MTU - NET_IP_HLEN) {
			net_stats.icmp_type++;
			net_stats.rx_drops++;
			return;
		}
		echo_reply(src, p, len);
		return;
	case ICMP_ECHO_REPLY:
		if (p[1] != 0)
			return bad(&net_stats.icmp_bad);
		if (icmp_echo_reply_hook)
			icmp_echo_reply_hook(src, get16(p + 4), get16(p + 6),
					     p + NET_ICMP_HLEN, len - NET_ICMP_HLEN);
		return;
	default:
		net_stats.icmp_type++;
		net_stats.rx_drops++;
		return;
	}
}

int icmp_echo_send(uint32_t dst, uint16_t id, uint16_t seq, size_t len)
{
	uint8_t *buf, *p;
	size_t total = NET_ICMP_HLEN + len;

	if (total > NET_MTU - NET_IP_HLEN)
		return -1;
	buf = netif_tx_buf();
	if (!buf) {
		net_stats.tx_nobuf++;
		net_stats.tx_drops++;
		return -1;
	}
	p = buf + NET_L4_OFF;
	p[0] = ICMP_ECHO_REQUEST;
	p[1] = 0;
	put16(p + 2, 0);
	put16(p + 4, id);
	put16(p + 6, seq);
	/* The payload is a pattern the reply can be checked against. */
	for (size_t i = 0; i < len; i++)
		p[NET_ICMP_HLEN + i] = (uint8_t)(i + 0x10);
	put16(p + 2, csum_fold(csum_add(0, p, total)));
	return ipv4_output(buf, dst, IPPROTO_ICMP_, total);
}
