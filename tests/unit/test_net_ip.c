// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the partition's IPv4, ICMP and UDP parsers and services. */
#include <string.h>

#include <CUnit/CUnit.h>

#include "net_harness.h"
#include "unit.h"

static uint8_t f[2048];

/* A valid echo request frame in f; its length. */
static size_t echo_req(size_t payload)
{
	uint8_t d[1500];

	for (size_t i = 0; i < payload; i++)
		d[i] = (uint8_t)(i * 7);
	return h_icmp(f, 8, 0, 0x4242, 7, d, payload);
}

/* ------------------------------------------------------------ IPv4 */

static void test_ipv4_good(void)
{
	size_t n = echo_req(56), len;

	h_reset();
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 1u);
	CU_ASSERT_PTR_NOT_NULL(h_sent_l4(0, 1, H_IP, &len));
	CU_ASSERT_EQUAL(len, 64u);
	/* Ethernet padding after the IPv4 packet is ignored. */
	h_clear();
	n = echo_req(4);
	memset(f + n, 0xee, 20);
	net_input(f, n + 20);
	CU_ASSERT_PTR_NOT_NULL(h_sent_l4(0, 1, H_IP, &len));
	CU_ASSERT_EQUAL(len, 12u);
	CU_ASSERT_EQUAL(net_stats.rx_errors, 0u);
}

static void test_ipv4_options_skipped(void)
{
	uint8_t icmp[64];
	size_t n = echo_req(16), len;

	/* Re-lay the packet with a 24-byte header (one NOP option word). */
	memcpy(icmp, f + 34, n - 34);
	memmove(f + 38, icmp, n - 34);
	memset(f + 34, 1, 4);
	f[14] = 0x46;
	f[16] = 0;
	f[17] = (uint8_t)(24 + n - 34);
	h_fix_ip_csum(f);
	h_reset();
	net_input(f, n + 4);
	CU_ASSERT_PTR_NOT_NULL(h_sent_l4(0, 1, H_IP, &len));
	CU_ASSERT_EQUAL(len, 24u);
}

/* Corrupt a good frame with fn, feed it, expect a drop counted in *why. */
static void expect_drop(void (*fn)(size_t *n), const uint64_t *why, bool error)
{
	size_t n = echo_req(32);

	h_reset();
	fn(&n);
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(*why, 1u);
	CU_ASSERT_EQUAL(net_stats.rx_drops, 1u);
	CU_ASSERT_EQUAL(net_stats.rx_errors, error ? 1u : 0u);
}

static void trunc_hdr(size_t *n) { *n = 14 + 19; }
static void version6(size_t *n) { (void)n; f[14] = 0x65; h_fix_ip_csum(f); }
static void ihl4(size_t *n) { (void)n; f[14] = 0x44; }
static void ihl_past_end(size_t *n) { f[14] = 0x4f; *n = 14 + 40; }
static void total_small(size_t *n) { (void)n; f[16] = 0; f[17] = 19; h_fix_ip_csum(f); }
static void total_big(size_t *n) { (void)n; f[16] = 0x05; f[17] = 0xdc; h_fix_ip_csum(f); }
static void bad_csum(size_t *n) { (void)n; f[24] ^= 1; }
static void more_frags(size_t *n) { (void)n; f[20] = 0x20; h_fix_ip_csum(f); }
static void frag_offset(size_t *n) { (void)n; f[20] = 0; f[21] = 0x10; h_fix_ip_csum(f); }
static void not_us(size_t *n) { (void)n; f[33] = 9; h_fix_ip_csum(f); }
static void src_bcast(size_t *n) { (void)n; f[26] = f[27] = f[28] = f[29] = 255; h_fix_ip_csum(f); }
static void src_mcast(size_t *n) { (void)n; f[26] = 224; h_fix_ip_csum(f); }
static void src_zero(size_t *n) { (void)n; f[26] = f[27] = f[28] = f[29] = 0; h_fix_ip_csum(f); }
static void proto_gre(size_t *n) { (void)n; f[23] = 47; h_fix_ip_csum(f); }

static void test_ipv4_malformed(void)
{
	expect_drop(trunc_hdr, &net_stats.ip_bad, true);
	expect_drop(version6, &net_stats.ip_bad, true);
	expect_drop(ihl4, &net_stats.ip_bad, true);
	expect_drop(ihl_past_end, &net_stats.ip_bad, true);
	expect_drop(total_small, &net_stats.ip_bad, true);
	expect_drop(total_big, &net_stats.ip_bad, true);
	expect_drop(bad_csum, &net_stats.ip_csum, true);
	expect_drop(src_bcast, &net_stats.ip_bad, true);
	expect_drop(src_mcast, &net_stats.ip_bad, true);
	expect_drop(src_zero, &net_stats.ip_bad, true);
}

static void test_ipv4_dropped_cleanly(void)
{
	expect_drop(more_frags, &net_stats.ip_frag, false);
	expect_drop(frag_offset, &net_stats.ip_frag, false);
	expect_drop(not_us, &net_stats.ip_not_us, false);
	expect_drop(proto_gre, &net_stats.ip_proto, false);
}

static void test_ipv4_every_length(void)
{
	size_t n = echo_req(100);

	/* Every truncation of a good frame is dropped, never read past. */
	h_reset();
	for (size_t len = 0; len < n; len++)
		net_input(f, len);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.rx_drops, n);
}

static void test_ipv4_no_route(void)
{
	h_reset();
	net_cfg.gw = 0;
	CU_ASSERT_EQUAL(icmp_echo_send(0x0a000001, 1, 1, 8), -1);
	CU_ASSERT_EQUAL(net_stats.tx_noroute, 1u);
	CU_ASSERT_EQUAL(h_held(), 0u);
	/* With the gateway, off-subnet packets go to its MAC. */
	net_cfg.gw = H_IP;
	CU_ASSERT_EQUAL(icmp_echo_send(0x0a000001, 1, 1, 8), 0);
	CU_ASSERT_EQUAL_FATAL(h_nsent, 1u);
	CU_ASSERT_EQUAL(memcmp(h_sent[0].data, H_MAC, 6), 0);
}

/* ------------------------------------------------------------ ICMP */

static void test_icmp_echo(void)
{
	size_t len;
	const uint8_t *r;

	for (size_t payload = 0; payload <= 1472; payload += 1472 / 8 + 1) {
		size_t n = echo_req(payload);

		h_reset();
		net_input(f, n);
		r = h_sent_l4(0, 1, H_IP, &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(len, 8 + payload);
		CU_ASSERT_EQUAL(r[0], 0);
		CU_ASSERT_EQUAL(r[1], 0);
		CU_ASSERT_EQUAL(memcmp(r + 4, f + 38, 4 + payload), 0); /* id, seq, data */
		CU_ASSERT_EQUAL(net_stats.icmp_echo_replied, 1u);
	}
	/* The largest echo that fits the MTU. */
	h_reset();
	net_input(f, echo_req(1472));
	CU_ASSERT_EQUAL(h_nsent, 1u);
	CU_ASSERT_EQUAL(h_sent[0].len, 1514u);
}

static void test_icmp_malformed(void)
{
	size_t n;

	h_reset();
	n = echo_req(0);
	f[16] = 0;
	f[17] = 27; /* 7 bytes of ICMP */
	h_fix_ip_csum(f);
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.icmp_bad, 1u);
	n = echo_req(33);
	f[40] ^= 0x10; /* payload no longer matches the checksum */
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.icmp_csum, 1u);
	n = h_icmp(f, 8, 1, 1, 1, NULL, 0); /* echo with a code */
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.icmp_bad, 2u);
	n = h_icmp(f, 3, 3, 0, 0, NULL, 0); /* port unreachable: ignored */
	net_input(f, n);
	n = h_icmp(f, 13, 0, 0, 0, NULL, 0); /* timestamp: not answered */
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.icmp_type, 2u);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.rx_errors, 3u);
}

static void test_icmp_broadcast_ignored(void)
{
	size_t n = echo_req(8);

	h_reset();
	f[30] = 192, f[31] = 0, f[32] = 2, f[33] = 255;
	h_fix_ip_csum(f);
	net_input(f, n);
	f[30] = f[31] = f[32] = f[33] = 255;
	h_fix_ip_csum(f);
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.icmp_type, 2u);
}

static unsigned replies;
static uint16_t reply_seq;
static size_t reply_len;

static void on_reply(uint32_t src, uint16_t id, uint16_t seq, const uint8_t *d,
		     size_t len)
{
	(void)d;
	CU_ASSERT_EQUAL(src, H_IP);
	CU_ASSERT_EQUAL(id, 0x77);
	replies++;
	reply_seq = seq;
	reply_len = len;
}

static void test_icmp_ping(void)
{
	const uint8_t *r;
	size_t len, n;
	uint8_t d[64];

	h_reset();
	replies = 0;
	icmp_echo_reply_hook = on_reply;
	CU_ASSERT_EQUAL(icmp_echo_send(H_IP, 0x77, 3, 56), 0);
	r = h_sent_l4(0, 1, H_IP, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(len, 64u);
	CU_ASSERT_EQUAL(r[0], 8);
	CU_ASSERT_EQUAL(h_get16(r + 4), 0x77);
	CU_ASSERT_EQUAL(h_get16(r + 6), 3);
	/* The host's answer goes to the hook. */
	memcpy(d, r + 8, 56);
	n = h_icmp(f, 0, 0, 0x77, 3, d, 56);
	net_input(f, n);
	CU_ASSERT_EQUAL(replies, 1u);
	CU_ASSERT_EQUAL(reply_seq, 3);
	CU_ASSERT_EQUAL(reply_len, 56u);
	icmp_echo_reply_hook = NULL;
	net_input(f, n); /* no hook: dropped quietly */
	CU_ASSERT_EQUAL(replies, 1u);
	CU_ASSERT_EQUAL(icmp_echo_send(H_IP, 1, 1, 1473), -1); /* past the MTU */
	h_no_buffers = true;
	CU_ASSERT_EQUAL(icmp_echo_send(H_IP, 1, 1, 8), -1);
	CU_ASSERT_EQUAL(net_stats.tx_nobuf, 1u);
}

/* ------------------------------------------------------------ UDP */

static void test_udp_echo(void)
{
	uint8_t d[1472];
	const uint8_t *r;
	size_t len, n;

	for (size_t i = 0; i < sizeof(d); i++)
		d[i] = (uint8_t)(i ^ 0x5a);
	for (size_t sz = 0; sz <= 1472; sz += 1472 / 4) {
		h_reset();
		n = h_udp(f, H_IP, 40000, 7, d, sz);
		net_input(f, n);
		r = h_sent_l4(0, 17, H_IP, &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(len, 8 + sz);
		CU_ASSERT_EQUAL(h_get16(r), 7);
		CU_ASSERT_EQUAL(h_get16(r + 2), 40000);
		CU_ASSERT_EQUAL(h_get16(r + 4), 8 + sz);
		CU_ASSERT_NOT_EQUAL(h_get16(r + 6), 0);
		CU_ASSERT_EQUAL(memcmp(r + 8, d, sz), 0);
	}
	CU_ASSERT_EQUAL(net_stats.udp_echoed, 1u);
	/* No checksum (0) is allowed for IPv4. */
	h_reset();
	n = h_udp(f, H_IP, 40000, 7, d, 10);
	f[40] = f[41] = 0;
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 1u);
	/* A UDP length shorter than IPv4's: the rest is ignored. */
	h_reset();
	n = h_udp(f, H_IP, 40000, 7, d, 10);
	f[38] = 0, f[39] = 12;
	f[40] = f[41] = 0;
	net_input(f, n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h_sent_l4(0, 17, H_IP, &len));
	CU_ASSERT_EQUAL(len, 12u);
}

/* A program's port (the SDK's sockets): the hook sees datagrams before
 * echo, in the frame's own bytes; udp_send answers from any port. */
static struct { unsigned n; uint32_t src; uint16_t sport, dport; uint8_t d[32]; size_t len; } hk;

static bool take_5000(uint32_t src, uint16_t sport, uint16_t dport,
		      const uint8_t *data, size_t len)
{
	if (dport != 5000)
		return false;
	hk.n++, hk.src = src, hk.sport = sport, hk.dport = dport;
	hk.len = len;
	memcpy(hk.d, data, len < sizeof(hk.d) ? len : sizeof(hk.d));
	return true;
}

static void test_udp_hook_and_send(void)
{
	uint8_t d[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	const uint8_t *r;
	size_t len, n;

	memset(&hk, 0, sizeof(hk));
	udp_rx_hook = take_5000;
	h_reset();
	n = h_udp(f, H_IP, 40000, 5000, d, sizeof(d));
	net_input(f, n);
	CU_ASSERT_EQUAL(hk.n, 1u);
	CU_ASSERT_EQUAL(hk.src, H_IP);
	CU_ASSERT_EQUAL(hk.sport, 40000);
	CU_ASSERT_EQUAL(hk.len, sizeof(d));
	CU_ASSERT_EQUAL(memcmp(hk.d, d, sizeof(d)), 0);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.udp_port, 0u);
	/* Not taken: echo on 7 still answers, other ports are dropped. */
	n = h_udp(f, H_IP, 40000, 7, d, sizeof(d));
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.udp_echoed, 1u);
	n = h_udp(f, H_IP, 40000, 9, d, sizeof(d));
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.udp_port, 1u);
	CU_ASSERT_EQUAL(hk.n, 1u);
	/* A bad checksum never reaches the hook. */
	n = h_udp(f, H_IP, 40000, 5000, d, sizeof(d));
	f[n - 1] ^= 0xff;
	net_input(f, n);
	CU_ASSERT_EQUAL(hk.n, 1u);
	udp_rx_hook = NULL;

	h_reset();
	CU_ASSERT_EQUAL(udp_send(H_IP, 5000, 40001, d, sizeof(d)), 0);
	r = h_sent_l4(0, 17, H_IP, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(len, 8 + sizeof(d));
	CU_ASSERT_EQUAL(h_get16(r), 5000);
	CU_ASSERT_EQUAL(h_get16(r + 2), 40001);
	CU_ASSERT_EQUAL(h_get16(r + 4), 8 + sizeof(d));
	CU_ASSERT_NOT_EQUAL(h_get16(r + 6), 0);
	CU_ASSERT_EQUAL(memcmp(r + 8, d, sizeof(d)), 0);
	/* Too long, or to port 0: refused, nothing sent. */
	h_clear();
	CU_ASSERT_EQUAL(udp_send(H_IP, 5000, 40001, f, NET_UDP_MAX_DATA + 1), -1);
	CU_ASSERT_EQUAL(udp_send(H_IP, 5000, 0, d, sizeof(d)), -1);
	CU_ASSERT_EQUAL(h_nsent, 0u);
}

static void test_udp_malformed(void)
{
	uint8_t d[32] = { 1, 2, 3 };
	size_t n;

	h_reset();
	n = h_udp(f, H_IP, 40000, 7, d, 0);
	f[16] = 0, f[17] = 27; /* 7 bytes of UDP */
	h_fix_ip_csum(f);
	net_input(f, n);
	n = h_udp(f, H_IP, 40000, 7, d, 8);
	f[38] = 0, f[39] = 7; /* length below the header */
	net_input(f, n);
	n = h_udp(f, H_IP, 40000, 7, d, 8);
	f[38] = 0, f[39] = 17; /* length past the packet */
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.udp_bad, 3u);
	n = h_udp(f, H_IP, 40000, 7, d, 8);
	f[45] ^= 0xff;
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.udp_csum, 1u);
	n = h_udp(f, H_IP, 40000, 9, d, 8);  /* discard port: not served */
	net_input(f, n);
	n = h_udp(f, H_IP, 0, 7, d, 8);      /* from port 0: no one to answer */
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.udp_port, 2u);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.rx_errors, 4u);
}

static void test_udp_broadcast_not_echoed(void)
{
	uint8_t d[8] = { 0 };
	size_t n;

	h_reset();
	n = h_udp(f, H_IP, 40000, 7, d, 8);
	f[33] = 255;
	f[40] = f[41] = 0;
	h_fix_ip_csum(f);
	net_input(f, n);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.udp_port, 1u);
}

static void test_csum(void)
{
	/* RFC 1071's example: 0001 f203 f4f5 f6f7 sums to ddf2. */
	const uint8_t d[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	const uint8_t odd[] = { 0x01, 0x02, 0x03 };

	CU_ASSERT_EQUAL(csum_add(0, d, sizeof(d)), 0x2ddf0u);
	CU_ASSERT_EQUAL(csum_fold(csum_add(0, d, sizeof(d))), (uint16_t)~0xddf2);
	CU_ASSERT_EQUAL(csum_add(0, odd, 3), 0x0102u + 0x0300u);
	CU_ASSERT_EQUAL(csum_fold(0), 0xffff);
}

int sc_unit_register_net_ip(void)
{
	CU_pSuite s = CU_add_suite("net: IPv4, ICMP, UDP", NULL, NULL);

	if (!s || !CU_add_test(s, "checksum", test_csum) ||
	    !CU_add_test(s, "ipv4: good, padded", test_ipv4_good) ||
	    !CU_add_test(s, "ipv4: options skipped", test_ipv4_options_skipped) ||
	    !CU_add_test(s, "ipv4: malformed", test_ipv4_malformed) ||
	    !CU_add_test(s, "ipv4: fragments, others, protocols", test_ipv4_dropped_cleanly) ||
	    !CU_add_test(s, "ipv4: every truncation", test_ipv4_every_length) ||
	    !CU_add_test(s, "ipv4: routes", test_ipv4_no_route) ||
	    !CU_add_test(s, "icmp: echo replies of all sizes", test_icmp_echo) ||
	    !CU_add_test(s, "icmp: malformed", test_icmp_malformed) ||
	    !CU_add_test(s, "icmp: broadcast echo ignored", test_icmp_broadcast_ignored) ||
	    !CU_add_test(s, "icmp: ping and its replies", test_icmp_ping) ||
	    !CU_add_test(s, "udp: echo", test_udp_echo) ||
	    !CU_add_test(s, "udp: malformed", test_udp_malformed) ||
	    !CU_add_test(s, "udp: a program's port, udp_send", test_udp_hook_and_send) ||
	    !CU_add_test(s, "udp: broadcast not echoed", test_udp_broadcast_not_echoed))
		return -1;
	return 0;
}
