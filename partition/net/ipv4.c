// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IPv4 (RFC 791). Input: version 4, a header of 20 to 60 bytes that fits,
 * a total length that fits the frame (the rest is Ethernet padding), a
 * correct header checksum, no fragment (we never reassemble: both halves
 * are dropped and counted), and an address that is ours or a broadcast.
 * Options are skipped, not interpreted. Output always uses a 20-byte
 * header with DF set: our frames fit the MTU, so nothing needs splitting.
 */
#include "netstack.h"

#include "bytes.h"

#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff
#define IP_TTL 64

static uint16_t ip_id;

bool ipv4_is_broadcast(uint32_t ip)
{
	if (ip == 0xffffffffu)
		return true;
	/* Our subnet's broadcast, when the subnet has one. */
	return net_cfg.prefix <= 30 && (ip & net_cfg.mask) == (net_cfg.ip & net_cfg.mask) &&
	       (ip & ~net_cfg.mask) == ~net_cfg.mask;
}

static void bad(uint64_t *why)
{
	(*why)++;
	net_stats.rx_errors++;
	net_stats.rx_drops++;
}

void ipv4_input(const uint8_t *p, size_t len)
{
	size_t hlen, total;
	uint32_t src, dst;
	uint16_t frag;

	if (len < NET_IP_HLEN || p[0] >> 4 != 4)
		return bad(&net_stats.ip_bad);
	hlen = (size_t)(p[0] & 15) * 4;
	total = get16(p + 2);
	if (hlen < NET_IP_HLEN || hlen > len || total < hlen || total > len)
		return bad(&net_stats.ip_bad);
	if (csum_fold(csum_add(0, p, hlen)) != 0)
		return bad(&net_stats.ip_csum);
	src = get32(p + 12);
	dst = get32(p + 16);
	/* No one sends from a broadcast, multicast or zero address. */
	if (!src || src >> 28 == 0xe || ipv4_is_broadcast(src))
		return bad(&net_stats.ip_bad);
	frag = get16(p + 6);
	if (frag & (IP_MF | IP_OFFMASK)) {
		net_stats.ip_frag++;
		net_stats.rx_drops++;
		return;
	}
	if (dst != net_cfg.ip && !ipv4_is_broadcast(dst)) {
		net_stats.ip_not_us++;
		net_stats.rx_drops++;
		return;
	}
	switch (p[9]) {
	case IPPROTO_ICMP_:
		icmp_input(src, dst, p + hlen, total - hlen);
		break;
	case IPPROTO_UDP_:
		udp_input(src, dst, p + hlen, total - hlen);
		break;
	case IPPROTO_TCP_:
		tcp_input(src, dst, p + hlen, total - hlen);
		break;
	default:
		net_stats.ip_proto++;
		net_stats.rx_drops++;
		break;
	}
}

int ipv4_output(uint8_t *buf, uint32_t dst, uint8_t proto, size_t l4_len)
{
	uint8_t *ip = buf + NET_IP_OFF;
	size_t total = NET_IP_HLEN + l4_len;
	uint32_t hop;

	if (ipv4_is_broadcast(dst) || (dst & net_cfg.mask) == (net_cfg.ip & net_cfg.mask))
		hop = dst;
	else if (net_cfg.gw)
		hop = net_cfg.gw;
	else {
		net_stats.tx_noroute++;
		net_stats.tx_drops++;
		netif_tx_drop(buf);
		return -1;
	}
	ip[0] = 0x45;
	ip[1] = 0;
	put16(ip + 2, (uint16_t)total);
	put16(ip + 4, ip_id++);
	put16(ip + 6, IP_DF);
	ip[8] = IP_TTL;
	ip[9] = proto;
	put16(ip + 10, 0);
	put32(ip + 12, net_cfg.ip);
	put32(ip + 16, dst);
	put16(ip + 10, csum_fold(csum_add(0, ip, NET_IP_HLEN)));
	arp_output(buf, hop, total);
	return 0;
}
