// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the partition's Ethernet, ARP and settings parsers. */
#include <string.h>

#include <CUnit/CUnit.h>

#include "net_harness.h"
#include "unit.h"

static const uint8_t ZERO[6];
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t OTHER_MAC[6] = { 0x02, 0x99, 0x99, 0x99, 0x99, 0x99 };

/* ------------------------------------------------------------ config */

static void test_config(void)
{
	struct net_config c;

	CU_ASSERT_EQUAL(net_config_parse("quiet ip=192.0.2.2/24 gw=192.0.2.1 mac=02:53:43:00:02:02 x",
					 &c), 0);
	CU_ASSERT_TRUE(c.up);
	CU_ASSERT_EQUAL(c.ip, P_IP);
	CU_ASSERT_EQUAL(c.prefix, 24u);
	CU_ASSERT_EQUAL(c.mask, 0xffffff00u);
	CU_ASSERT_EQUAL(c.gw, H_IP);
	CU_ASSERT_EQUAL(memcmp(c.mac, P_MAC, 6), 0);
	/* A gateway outside the subnet is forgotten, not trusted. */
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/24 gw=10.0.0.1 mac=02:00:00:00:00:01", &c), 0);
	CU_ASSERT_EQUAL(c.gw, 0u);
	CU_ASSERT_EQUAL(net_config_parse("ip=10.1.2.3/32 mac=02:00:00:00:00:01", &c), 0);
	CU_ASSERT_EQUAL(c.mask, 0xffffffffu);

	CU_ASSERT_EQUAL(net_config_parse("", &c), -1);
	CU_ASSERT_FALSE(c.up);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/24", &c), -1); /* no mac */
	CU_ASSERT_EQUAL(net_config_parse("mac=02:00:00:00:00:01", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2 mac=02:00:00:00:00:01", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/0 mac=02:00:00:00:00:01", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/33 mac=02:00:00:00:00:01", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.256/24 mac=02:00:00:00:00:01", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/24x mac=02:00:00:00:00:01", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=0.0.0.0/24 mac=02:00:00:00:00:01", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/24 mac=03:00:00:00:00:01", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/24 mac=02:00:00:00:00", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/24 mac=02:00:00:00:00:0g", &c), -1);
	CU_ASSERT_EQUAL(net_config_parse("ip=192.0.2.2/24 mac=02:00:00:00:00:01 gw=1.2.3", &c), -1);
}

static void test_ip_str(void)
{
	char b[16];

	CU_ASSERT_STRING_EQUAL(net_ip_str(P_IP, b), "192.0.2.2");
	CU_ASSERT_STRING_EQUAL(net_ip_str(0, b), "0.0.0.0");
	CU_ASSERT_STRING_EQUAL(net_ip_str(0xffffffffu, b), "255.255.255.255");
	CU_ASSERT_STRING_EQUAL(net_ip_str(0x0a00640a, b), "10.0.100.10");
}

/* ------------------------------------------------------------ Ethernet */

static void test_eth_short(void)
{
	uint8_t f[64] = { 0 };

	h_reset();
	for (size_t n = 0; n < 14; n++)
		net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.eth_short, 14u);
	CU_ASSERT_EQUAL(net_stats.rx_errors, 14u);
	CU_ASSERT_EQUAL(net_stats.rx_drops, 14u);
	CU_ASSERT_EQUAL(h_nsent, 0u);
}

static void test_eth_not_for_us(void)
{
	uint8_t f[64] = { 0 };
	static const uint8_t mcast[6] = { 0x33, 0x33, 0, 0, 0, 1 };

	h_reset();
	h_eth(f, OTHER_MAC, H_MAC, 0x0800);
	net_input(f, 60);
	h_eth(f, mcast, H_MAC, 0x86dd);
	net_input(f, 60);
	CU_ASSERT_EQUAL(net_stats.eth_not_us, 2u);
	CU_ASSERT_EQUAL(net_stats.rx_errors, 0u);
	h_eth(f, P_MAC, H_MAC, 0x86dd);  /* IPv6: not spoken */
	net_input(f, 60);
	h_eth(f, P_MAC, H_MAC, 0x8100);  /* VLAN tag */
	net_input(f, 60);
	CU_ASSERT_EQUAL(net_stats.eth_type, 2u);
	CU_ASSERT_EQUAL(net_stats.rx_drops, 4u);
	CU_ASSERT_EQUAL(h_nsent, 0u);
}

static void test_eth_stack_down(void)
{
	uint8_t f[64];
	size_t n;

	h_reset();
	net_cfg.up = false;
	n = h_arp(f, 1, H_MAC, H_IP, ZERO, P_IP);
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.rx_drops, 1u);
	net_cfg.up = true;
}

static void test_eth_pads_short_frames(void)
{
	uint8_t f[64];
	size_t n;

	h_reset();
	n = h_arp(f, 1, OTHER_MAC, 0xc0000209, ZERO, P_IP);
	net_input(f, n);
	CU_ASSERT_EQUAL_FATAL(h_nsent, 1u);
	CU_ASSERT_EQUAL(h_sent[0].len, 60u);
	/* Past the 42 bytes of an ARP frame: zeros, not stale memory. */
	for (size_t i = 42; i < 60; i++)
		CU_ASSERT_EQUAL(h_sent[0].data[i], 0);
}

/* ------------------------------------------------------------ ARP */

static void test_arp_answers(void)
{
	uint8_t f[64], mac[6];
	const uint8_t *r;
	size_t n;

	h_reset_opt(false);
	n = h_arp(f, 1, H_MAC, H_IP, ZERO, P_IP);
	net_input(f, n);
	CU_ASSERT_EQUAL_FATAL(h_nsent, 1u);
	r = h_sent[0].data;
	CU_ASSERT_EQUAL(memcmp(r, H_MAC, 6), 0);      /* to the asker */
	CU_ASSERT_EQUAL(memcmp(r + 6, P_MAC, 6), 0);
	CU_ASSERT_EQUAL(h_get16(r + 12), 0x0806);
	CU_ASSERT_EQUAL(h_get16(r + 14), 1);
	CU_ASSERT_EQUAL(h_get16(r + 16), 0x0800);
	CU_ASSERT_EQUAL(r[18], 6);
	CU_ASSERT_EQUAL(r[19], 4);
	CU_ASSERT_EQUAL(h_get16(r + 20), 2);          /* reply */
	CU_ASSERT_EQUAL(memcmp(r + 22, P_MAC, 6), 0);
	CU_ASSERT_EQUAL(h_get32(r + 28), P_IP);
	CU_ASSERT_EQUAL(memcmp(r + 32, H_MAC, 6), 0);
	CU_ASSERT_EQUAL(h_get32(r + 38), H_IP);
	/* And the asker is now known. */
	CU_ASSERT_TRUE(arp_lookup(H_IP, mac));
	CU_ASSERT_EQUAL(memcmp(mac, H_MAC, 6), 0);
	CU_ASSERT_EQUAL(h_held(), 0u);
}

static void test_arp_not_for_us(void)
{
	uint8_t f[64], mac[6];
	size_t n;

	h_reset_opt(false);
	n = h_arp(f, 1, OTHER_MAC, 0xc0000209, ZERO, 0xc0000207);
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.arp_not_us, 1u);
	CU_ASSERT_FALSE(arp_lookup(0xc0000209, mac)); /* not learned */
	/* A probe (sender 0.0.0.0) for our address is answered, and
	 * teaches nothing. */
	n = h_arp(f, 1, OTHER_MAC, 0, ZERO, P_IP);
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 1u);
	CU_ASSERT_FALSE(arp_lookup(0, mac));
}

static void test_arp_malformed(void)
{
	static const uint8_t mcast[6] = { 0x01, 0, 0x5e, 0, 0, 1 };
	uint8_t f[64], mac[6];
	size_t n;
	unsigned bad = 0;

	h_reset_opt(false);
	n = h_arp(f, 1, H_MAC, H_IP, ZERO, P_IP);
	for (size_t len = 14; len < 14 + 28; len++, bad++)
		net_input(f, len);              /* truncated */
	f[14] = 9;                              /* htype */
	net_input(f, n), bad++;
	h_arp(f, 1, H_MAC, H_IP, ZERO, P_IP);
	f[17] = 0xdd;                           /* ptype */
	net_input(f, n), bad++;
	h_arp(f, 1, H_MAC, H_IP, ZERO, P_IP);
	f[18] = 8;                              /* hlen */
	net_input(f, n), bad++;
	h_arp(f, 1, H_MAC, H_IP, ZERO, P_IP);
	f[19] = 16;                             /* plen */
	net_input(f, n), bad++;
	h_arp(f, 3, H_MAC, H_IP, ZERO, P_IP);  /* op */
	net_input(f, n), bad++;
	h_arp(f, 1, mcast, H_IP, ZERO, P_IP);  /* multicast sender */
	net_input(f, n), bad++;
	h_arp(f, 1, H_MAC, P_IP, ZERO, P_IP);  /* claims our address */
	net_input(f, n), bad++;
	h_arp(f, 1, P_MAC, H_IP, ZERO, P_IP);  /* claims our MAC */
	net_input(f, n), bad++;
	CU_ASSERT_EQUAL(net_stats.arp_bad, bad);
	CU_ASSERT_EQUAL(net_stats.rx_errors, bad);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_FALSE(arp_lookup(H_IP, mac));
}

static void test_arp_resolve(void)
{
	uint8_t f[256], mac[6];
	const uint8_t *r, *l4;
	size_t n, len;

	h_reset_opt(false);
	/* An echo request from the host without its ARP first: the reply
	 * waits for our ARP request to be answered. */
	n = h_icmp(f, 8, 0, 1, 1, (const uint8_t *)"abcd", 4);
	net_input(f, n);
	CU_ASSERT_EQUAL_FATAL(h_nsent, 1u);
	r = h_sent[0].data;
	CU_ASSERT_EQUAL(memcmp(r, BCAST, 6), 0);
	CU_ASSERT_EQUAL(h_get16(r + 20), 1);
	CU_ASSERT_EQUAL(h_get32(r + 38), H_IP);
	CU_ASSERT_EQUAL(h_held(), 1u);
	/* The answer releases it. */
	n = h_arp(f, 2, H_MAC, H_IP, P_MAC, P_IP);
	net_input(f, n);
	CU_ASSERT_EQUAL_FATAL(h_nsent, 2u);
	CU_ASSERT_EQUAL(memcmp(h_sent[1].data, H_MAC, 6), 0);
	l4 = h_sent_l4(1, 1, H_IP, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l4);
	CU_ASSERT_EQUAL(l4[0], 0);
	CU_ASSERT_EQUAL(h_held(), 0u);
	CU_ASSERT_TRUE(arp_lookup(H_IP, mac));

	/* The entry expires: the next packet asks again. */
	h_now += ARP_TTL_US + 20000;
	net_timer();
	CU_ASSERT_FALSE(arp_lookup(H_IP, mac));
}

static void test_arp_gives_up(void)
{
	uint8_t f[256];
	size_t n;

	h_reset_opt(false);
	n = h_icmp(f, 8, 0, 1, 1, (const uint8_t *)"abcd", 4);
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 1u);
	for (int i = 0; i < 10; i++) {
		h_now += ARP_RETRY_US + 20000;
		net_timer();
	}
	/* ARP_TRIES requests, then the waiting packet is dropped. */
	CU_ASSERT_EQUAL(h_nsent, (unsigned)ARP_TRIES);
	CU_ASSERT_EQUAL(h_held(), 0u);
	CU_ASSERT_EQUAL(net_stats.arp_unresolved, 1u);
	CU_ASSERT_EQUAL(h_bad_calls, 0u);
}

static void test_arp_cache_full(void)
{
	uint8_t f[256];
	size_t n;

	h_reset_opt(false);
	/* Many unanswered addresses: each may hold one packet, and taking
	 * the cache over must release, not leak, what the old one held. */
	for (uint32_t i = 0; i < 3 * ARP_CACHE_SIZE; i++) {
		uint8_t u[8] = { 0 };

		n = h_udp(f, 0xc0000210 + i, 1000, 7, u, sizeof(u));
		net_input(f, n);
	}
	CU_ASSERT_TRUE(h_held() <= ARP_CACHE_SIZE);
	CU_ASSERT_EQUAL(h_bad_calls, 0u);
	arp_reset();
	CU_ASSERT_EQUAL(h_held(), 0u);
}

int sc_unit_register_net_l2(void)
{
	CU_pSuite s = CU_add_suite("net: settings, Ethernet, ARP", NULL, NULL);

	if (!s || !CU_add_test(s, "command-line settings", test_config) ||
	    !CU_add_test(s, "address to text", test_ip_str) ||
	    !CU_add_test(s, "eth: frames shorter than a header", test_eth_short) ||
	    !CU_add_test(s, "eth: other, multicast, unknown type", test_eth_not_for_us) ||
	    !CU_add_test(s, "eth: nothing while down", test_eth_stack_down) ||
	    !CU_add_test(s, "eth: short frames padded with zeros", test_eth_pads_short_frames) ||
	    !CU_add_test(s, "arp: answers and learns", test_arp_answers) ||
	    !CU_add_test(s, "arp: not for us, probes", test_arp_not_for_us) ||
	    !CU_add_test(s, "arp: malformed", test_arp_malformed) ||
	    !CU_add_test(s, "arp: resolve, hold a packet, expire", test_arp_resolve) ||
	    !CU_add_test(s, "arp: gives up after retries", test_arp_gives_up) ||
	    !CU_add_test(s, "arp: cache full", test_arp_cache_full))
		return -1;
	return 0;
}
