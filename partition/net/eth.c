// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Ethernet II: 6 bytes destination, 6 source, 2 type, then the payload.
 * No FCS (the TAP device strips it), no VLAN tags (dropped as an unknown
 * type). Frames shorter than 60 bytes are fine: padding is the upper
 * layers' business, through their own length fields.
 */
#include "netstack.h"

#include "bytes.h"

const uint8_t eth_broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void eth_input(const uint8_t *frame, size_t len)
{
	const uint8_t *dst = frame;

	if (len < NET_ETH_HLEN) {
		net_stats.eth_short++;
		net_stats.rx_errors++;
		net_stats.rx_drops++;
		return;
	}
	/* Ours or broadcast; multicast (IPv6 neighbour discovery, mDNS)
	 * and frames for others are not for us. */
	if (memcmp(dst, net_cfg.mac, 6) && memcmp(dst, eth_broadcast, 6)) {
		net_stats.eth_not_us++;
		net_stats.rx_drops++;
		return;
	}
	switch (get16(frame + 12)) {
	case ETHERTYPE_ARP:
		arp_input(frame + NET_ETH_HLEN, len - NET_ETH_HLEN);
		break;
	case ETHERTYPE_IPV4:
		ipv4_input(frame + NET_ETH_HLEN, len - NET_ETH_HLEN);
		break;
	default:
		net_stats.eth_type++;
		net_stats.rx_drops++;
		break;
	}
}

void eth_output(uint8_t *buf, const uint8_t dst[6], uint16_t type, size_t len)
{
	size_t total = NET_ETH_HLEN + len;

	memcpy(buf, dst, 6);
	memcpy(buf + 6, net_cfg.mac, 6);
	put16(buf + 12, type);
	if (total > NETIF_BUF_SIZE) { /* a bug above us; never on the wire */
		net_stats.tx_errors++;
		net_stats.tx_drops++;
		netif_tx_drop(buf);
		return;
	}
	/* The minimum frame is 60 bytes before the FCS; pad with zeros so
	 * no stale buffer contents leave with a short frame. */
	if (total < 60) {
		memset(buf + total, 0, 60 - total);
		total = 60;
	}
	net_stats.tx_packets++;
	net_stats.tx_bytes += total;
	netif_tx_send(buf, total);
}
