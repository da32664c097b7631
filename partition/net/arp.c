// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ARP for IPv4 over Ethernet (RFC 826), 28-byte packets:
 *   htype 2, ptype 2, hlen 1, plen 1, op 2, sha 6, spa 4, tha 6, tpa 4.
 *
 * Learning follows RFC 826's merge rule: a sender we already know is
 * refreshed by any ARP packet; a new one is added only if the packet is
 * for our address (someone talking to us will want an answer). Entries
 * expire after ARP_TTL_US. Resolving keeps at most one IPv4 packet per
 * address (the newest) until the answer or ARP_TRIES requests pass.
 */
#include "netstack.h"

#include "bytes.h"

#define ARP_LEN 28
#define ARP_REQUEST 1
#define ARP_REPLY 2

enum arp_state { ARP_FREE, ARP_PENDING, ARP_VALID };

struct arp_entry {
	uint32_t ip;
	uint8_t mac[6];
	uint8_t state;
	uint8_t tries;
	uint64_t when;       /* VALID: learned at; PENDING: last request */
	uint8_t *pending;    /* PENDING: a frame waiting for the MAC */
	size_t pending_len;  /* its IPv4 length */
};

static struct arp_entry cache[ARP_CACHE_SIZE];

static void drop_pending(struct arp_entry *e)
{
	if (e->pending) {
		netif_tx_drop(e->pending);
		net_stats.arp_unresolved++;
		net_stats.tx_drops++;
	}
	e->pending = 0;
}

void arp_reset(void)
{
	for (int i = 0; i < ARP_CACHE_SIZE; i++)
		drop_pending(&cache[i]);
	memset(cache, 0, sizeof(cache));
}

static struct arp_entry *find(uint32_t ip)
{
	for (int i = 0; i < ARP_CACHE_SIZE; i++)
		if (cache[i].state != ARP_FREE && cache[i].ip == ip)
			return &cache[i];
	return 0;
}

/* A free entry, or the oldest valid one (never a pending one with a
 * packet, unless all are: then the oldest of those). */
static struct arp_entry *grab(void)
{
	struct arp_entry *old = 0;

	for (int i = 0; i < ARP_CACHE_SIZE; i++) {
		struct arp_entry *e = &cache[i];

		if (e->state == ARP_FREE)
			return e;
		if (!old || (e->state == ARP_VALID && old->state != ARP_VALID) ||
		    (e->state == old->state && e->when < old->when))
			old = e;
	}
	drop_pending(old);
	memset(old, 0, sizeof(*old));
	return old;
}

static void send_arp(uint16_t op, const uint8_t tha[6], uint32_t tpa,
		     const uint8_t eth_dst[6])
{
	uint8_t *buf = netif_tx_buf(), *p;

	if (!buf) {
		net_stats.tx_nobuf++;
		net_stats.tx_drops++;
		return;
	}
	p = buf + NET_ETH_HLEN;
	put16(p, 1);               /* Ethernet */
	put16(p + 2, ETHERTYPE_IPV4);
	p[4] = 6;
	p[5] = 4;
	put16(p + 6, op);
	memcpy(p + 8, net_cfg.mac, 6);
	put32(p + 14, net_cfg.ip);
	memcpy(p + 18, tha, 6);
	put32(p + 24, tpa);
	eth_output(buf, eth_dst, ETHERTYPE_ARP, ARP_LEN);
}

static void send_request(uint32_t ip)
{
	static const uint8_t zero[6];

	send_arp(ARP_REQUEST, zero, ip, eth_broadcast);
}

void arp_announce(void)
{
	static const uint8_t zero[6];

	/* Gratuitous request: sender and target are both us. */
	send_arp(ARP_REQUEST, zero, net_cfg.ip, eth_broadcast);
}

static void resolved(struct arp_entry *e, const uint8_t mac[6], uint64_t now)
{
	memcpy(e->mac, mac, 6);
	e->state = ARP_VALID;
	e->when = now;
	e->tries = 0;
	if (e->pending) {
		uint8_t *buf = e->pending;

		e->pending = 0;
		eth_output(buf, e->mac, ETHERTYPE_IPV4, e->pending_len);
	}
}

void arp_input(const uint8_t *p, size_t len)
{
	const uint8_t *sha, *tha;
	uint32_t spa, tpa;
	uint16_t op;
	struct arp_entry *e;
	bool for_us;

	(void)tha;
	if (len < ARP_LEN || get16(p) != 1 || get16(p + 2) != ETHERTYPE_IPV4 ||
	    p[4] != 6 || p[5] != 4) {
		net_stats.arp_bad++;
		goto bad;
	}
	op = get16(p + 6);
	sha = p + 8;
	spa = get32(p + 14);
	tha = p + 18;
	tpa = get32(p + 24);
	if (op != ARP_REQUEST && op != ARP_REPLY) {
		net_stats.arp_bad++;
		goto bad;
	}
	/* A sender claiming a multicast MAC or our own address is lying
	 * (or is a conflict we cannot fix): learn nothing from it. */
	if ((sha[0] & 1) || spa == net_cfg.ip || !memcmp(sha, net_cfg.mac, 6)) {
		net_stats.arp_bad++;
		goto bad;
	}
	for_us = tpa == net_cfg.ip;
	e = spa ? find(spa) : 0; /* spa 0: an address probe (RFC 5227) */
	if (!e && for_us && spa && !ipv4_is_broadcast(spa)) {
		e = grab();
		e->ip = spa;
	}
	if (e)
		resolved(e, sha, net_now_us());
	if (!for_us) {
		net_stats.arp_not_us++;
		net_stats.rx_drops++;
		return;
	}
	if (op == ARP_REQUEST)
		send_arp(ARP_REPLY, sha, spa, sha);
	return;
bad:
	net_stats.rx_errors++;
	net_stats.rx_drops++;
}

void arp_output(uint8_t *buf, uint32_t next_hop, size_t ip_len)
{
	struct arp_entry *e;

	if (ipv4_is_broadcast(next_hop)) {
		eth_output(buf, eth_broadcast, ETHERTYPE_IPV4, ip_len);
		return;
	}
	e = find(next_hop);
	if (e && e->state == ARP_VALID) {
		eth_output(buf, e->mac, ETHERTYPE_IPV4, ip_len);
		return;
	}
	if (!e) {
		e = grab();
		e->ip = next_hop;
		e->state = ARP_PENDING;
		e->tries = 1;
		e->when = net_now_us();
		send_request(next_hop);
	}
	/* Keep the newest packet: a ping retried after a lost ARP answer
	 * is the one that matters. */
	drop_pending(e);
	e->pending = buf;
	e->pending_len = ip_len;
}

void arp_timer(uint64_t now)
{
	for (int i = 0; i < ARP_CACHE_SIZE; i++) {
		struct arp_entry *e = &cache[i];

		if (e->state == ARP_VALID && now - e->when >= ARP_TTL_US) {
			memset(e, 0, sizeof(*e));
		} else if (e->state == ARP_PENDING && now - e->when >= ARP_RETRY_US) {
			if (e->tries >= ARP_TRIES) {
				drop_pending(e);
				memset(e, 0, sizeof(*e));
				continue;
			}
			e->tries++;
			e->when = now;
			send_request(e->ip);
		}
	}
}

bool arp_lookup(uint32_t ip, uint8_t mac[6])
{
	struct arp_entry *e = find(ip);

	if (!e || e->state != ARP_VALID)
		return false;
	memcpy(mac, e->mac, 6);
	return true;
}
