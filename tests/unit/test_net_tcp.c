// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the partition's TCP: the status page on port 80. */
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/compiler.h>

#include "net_harness.h"
#include "unit.h"

#define SYN 0x02
#define FIN 0x01
#define RST 0x04
#define ACK 0x10
#define CPORT 50000
#define CISS 1000u

static uint8_t f[2048];
static const uint8_t MSS1460[4] = { 2, 4, 0x05, 0xb4 };

struct seg {
	const uint8_t *t;
	size_t len, hlen, dlen;
	uint32_t seq, ack;
	uint8_t flags;
};

/* Sent frame i as a TCP segment from port 80 to the client; false if it
 * is not one (or a checksum is wrong). */
static bool sent_seg(unsigned i, struct seg *s)
{
	s->t = h_sent_l4(i, 6, H_IP, &s->len);
	if (!s->t || s->len < 20 || h_get16(s->t) != 80)
		return false;
	s->hlen = (size_t)(s->t[12] >> 4) * 4;
	s->dlen = s->len - s->hlen;
	s->seq = h_get32(s->t + 4);
	s->ack = h_get32(s->t + 8);
	s->flags = s->t[13];
	return true;
}

static void in(uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
	       const void *data, size_t len)
{
	net_input(f, h_tcp(f, CPORT, dport, seq, ack, flags, MSS1460,
			   (flags & SYN) ? 4 : 0, data, len));
}

/* SYN and the final ACK of the handshake; returns our ISS. */
static uint32_t connect(void)
{
	struct seg s;

	h_clear();
	in(80, CISS, 0, SYN, NULL, 0);
	CU_ASSERT_FATAL(h_nsent == 1 && sent_seg(0, &s));
	CU_ASSERT_EQUAL(s.flags, SYN | ACK);
	CU_ASSERT_EQUAL(s.ack, CISS + 1);
	CU_ASSERT_EQUAL(s.hlen, 24u);           /* with our MSS option */
	CU_ASSERT_EQUAL(s.t[20], 2);
	CU_ASSERT_EQUAL(h_get16(s.t + 22), 1460);
	in(80, CISS + 1, s.seq + 1, ACK, NULL, 0);
	CU_ASSERT_EQUAL(h_nsent, 1u);           /* nothing to say yet */
	h_clear();
	return s.seq;
}

static const char REQ[] = "GET / HTTP/1.0\r\nHost: 192.0.2.2\r\n\r\n";

static void test_tcp_page(void)
{
	uint32_t iss, rseq = CISS + 1 + sizeof(REQ) - 1;
	struct seg s;
	char page[2048];

	h_reset();
	iss = connect();
	in(80, CISS + 1, iss + 1, ACK, REQ, sizeof(REQ) - 1);
	CU_ASSERT_EQUAL_FATAL(h_nsent, 1u);
	CU_ASSERT_FATAL(sent_seg(0, &s));
	CU_ASSERT_EQUAL(s.flags & (FIN | ACK), FIN | ACK);
	CU_ASSERT_EQUAL(s.seq, iss + 1);
	CU_ASSERT_EQUAL(s.ack, rseq);
	CU_ASSERT_FATAL(s.dlen < sizeof(page));
	memcpy(page, s.t + s.hlen, s.dlen);
	page[s.dlen] = 0;
	CU_ASSERT_PTR_NOT_NULL(strstr(page, "HTTP/1.0 200 OK\r\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(page, "Content-Length: 28\r\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(page, "\r\n\r\nstatus page\nuptime: 1.000 s\n"));
	CU_ASSERT_EQUAL(net_stats.tcp_served, 1u);
	/* The client ACKs everything and closes: we ACK its FIN. */
	h_clear();
	in(80, rseq, iss + 1 + (uint32_t)s.dlen + 1, ACK | FIN, NULL, 0);
	CU_ASSERT_FATAL(h_nsent == 1 && sent_seg(0, &s));
	CU_ASSERT_EQUAL(s.flags, ACK);
	CU_ASSERT_EQUAL(s.ack, rseq + 1);
	/* Its FIN again (our ACK lost): ACKed again. */
	in(80, rseq, iss + 1 + (uint32_t)s.dlen + 1, ACK | FIN, NULL, 0);
	CU_ASSERT_EQUAL(h_nsent, 2u);
	/* Lingered, then gone: nothing more is sent on timers. */
	h_clear();
	for (int i = 0; i < 40; i++) {
		h_now += 100000;
		net_timer();
	}
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(h_held(), 0u);
}

static void test_tcp_request_in_pieces_and_404(void)
{
	uint32_t iss;
	struct seg s;
	const char *a = "GET /x HT", *b = "TP/1.0\r\n\r\n";

	h_reset();
	iss = connect();
	in(80, CISS + 1, iss + 1, ACK, a, strlen(a));
	CU_ASSERT_FATAL(h_nsent == 1 && sent_seg(0, &s)); /* just an ACK */
	CU_ASSERT_EQUAL(s.flags, ACK);
	CU_ASSERT_EQUAL(s.dlen, 0u);
	CU_ASSERT_EQUAL(s.ack, CISS + 1 + strlen(a));
	/* The same bytes again (a retransmission) change nothing. */
	in(80, CISS + 1, iss + 1, ACK, a, strlen(a));
	CU_ASSERT_FATAL(h_nsent == 2 && sent_seg(1, &s));
	CU_ASSERT_EQUAL(s.ack, CISS + 1 + strlen(a));
	/* Out of order: not taken, the ACK says what we want. */
	in(80, CISS + 100, iss + 1, ACK, b, strlen(b));
	CU_ASSERT_FATAL(h_nsent == 3 && sent_seg(2, &s));
	CU_ASSERT_EQUAL(s.ack, CISS + 1 + strlen(a));
	in(80, CISS + 1 + (uint32_t)strlen(a), iss + 1, ACK, b, strlen(b));
	CU_ASSERT_FATAL(h_nsent == 4 && sent_seg(3, &s));
	CU_ASSERT_TRUE(s.dlen > 20);
	CU_ASSERT_EQUAL(memcmp(s.t + s.hlen, "HTTP/1.0 404", 12), 0);
}

static void test_tcp_retransmits(void)
{
	uint32_t iss;
	struct seg s, first;

	h_reset();
	iss = connect();
	in(80, CISS + 1, iss + 1, ACK, REQ, sizeof(REQ) - 1);
	CU_ASSERT_FATAL(sent_seg(0, &first));
	/* No ACK comes: the response is sent again, byte for byte. */
	h_now += 250000;
	net_timer();
	CU_ASSERT_FATAL(h_nsent == 2 && sent_seg(1, &s));
	CU_ASSERT_EQUAL(s.seq, first.seq);
	CU_ASSERT_EQUAL(s.dlen, first.dlen);
	CU_ASSERT_EQUAL(memcmp(s.t + s.hlen, first.t + first.hlen, s.dlen), 0);
	(void)iss;
	/* Still nothing: after TCP's retries the connection is reset. */
	for (int i = 0; i < 300; i++) {
		h_now += 100000;
		net_timer();
	}
	CU_ASSERT_FATAL(sent_seg(h_nsent - 1, &s));
	CU_ASSERT_EQUAL(s.flags & RST, RST);
	h_clear();
	h_now += 10000000;
	net_timer();
	CU_ASSERT_EQUAL(h_nsent, 0u);
}

static void test_tcp_small_mss(void)
{
	static const uint8_t mss100[4] = { 2, 4, 0, 100 };
	struct seg s;
	uint32_t iss, next;
	size_t total = 0;

	h_reset();
	net_input(f, h_tcp(f, CPORT, 80, CISS, 0, SYN, mss100, 4, NULL, 0));
	CU_ASSERT_FATAL(sent_seg(0, &s));
	iss = s.seq;
	in(80, CISS + 1, iss + 1, ACK, NULL, 0);
	h_clear();
	in(80, CISS + 1, iss + 1, ACK, REQ, sizeof(REQ) - 1);
	CU_ASSERT_TRUE(h_nsent > 1);
	next = iss + 1;
	for (unsigned i = 0; i < h_nsent; i++) {
		CU_ASSERT_FATAL(sent_seg(i, &s));
		CU_ASSERT_TRUE(s.dlen <= 100);
		CU_ASSERT_EQUAL(s.seq, next);
		CU_ASSERT_EQUAL(!!(s.flags & FIN), i == h_nsent - 1);
		next += (uint32_t)s.dlen;
		total += s.dlen;
	}
	CU_ASSERT_TRUE(total > 100);
}

static void test_tcp_resets(void)
{
	struct seg s;

	h_reset();
	in(81, 5, 0, SYN, NULL, 0); /* closed port */
	CU_ASSERT_FATAL(h_nsent == 1 && sent_seg(0, &s) == false);
	{
		size_t len;
		const uint8_t *t = h_sent_l4(0, 6, H_IP, &len);

		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		CU_ASSERT_EQUAL(h_get16(t), 81);
		CU_ASSERT_EQUAL(t[13], RST | ACK);
		CU_ASSERT_EQUAL(h_get32(t + 8), 6u);
	}
	/* An ACK for no connection: RST with its ack as our seq. */
	h_clear();
	in(80, 5, 0x12345678, ACK, NULL, 0);
	CU_ASSERT_FATAL(h_nsent == 1 && sent_seg(0, &s));
	CU_ASSERT_EQUAL(s.flags, RST);
	CU_ASSERT_EQUAL(s.seq, 0x12345678u);
	/* A RST is never answered. */
	h_clear();
	in(80, 5, 0, RST, NULL, 0);
	in(81, 5, 0, RST | ACK, NULL, 0);
	CU_ASSERT_EQUAL(h_nsent, 0u);
	CU_ASSERT_EQUAL(net_stats.tcp_rst_sent, 2u);
}

static void test_tcp_rst_window(void)
{
	uint32_t iss;

	h_reset();
	iss = connect();
	/* A RST far from the window is ignored... */
	in(80, CISS + 1 + 100000, 0, RST, NULL, 0);
	in(80, CISS + 1, iss + 1, ACK, REQ, sizeof(REQ) - 1);
	CU_ASSERT_EQUAL(net_stats.tcp_served, 1u);
	/* ...one at rcv_nxt ends the connection. */
	h_reset();
	iss = connect();
	in(80, CISS + 1, 0, RST, NULL, 0);
	h_clear();
	in(80, CISS + 1, iss + 1, ACK, REQ, sizeof(REQ) - 1);
	CU_ASSERT_EQUAL(net_stats.tcp_served, 0u);
	CU_ASSERT_EQUAL(net_stats.tcp_rst_sent, 1u); /* answered as stray */
}

static void test_tcp_malformed(void)
{
	size_t n;
	unsigned bad = 0;

	h_reset();
	n = h_tcp(f, CPORT, 80, CISS, 0, SYN, NULL, 0, NULL, 0);
	for (size_t len = 34; len < n; len++, bad++)
		net_input(f, len); /* IPv4 total still says 20: ip_bad */
	CU_ASSERT_EQUAL(net_stats.ip_bad, bad);
	/* A TCP header shorter than 20 bytes inside a consistent packet. */
	n = h_tcp(f, CPORT, 80, CISS, 0, SYN, NULL, 0, NULL, 0);
	f[16] = 0, f[17] = 20 + 19;
	h_fix_ip_csum(f);
	net_input(f, n - 1);
	n = h_tcp(f, CPORT, 80, CISS, 0, SYN, NULL, 0, NULL, 0);
	f[46] = 0x40; /* data offset 4 words */
	net_input(f, n);
	n = h_tcp(f, CPORT, 80, CISS, 0, SYN, NULL, 0, NULL, 0);
	f[46] = 0xf0; /* 60 bytes of header in 20 */
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.tcp_bad, 3u);
	n = h_tcp(f, CPORT, 80, CISS, 0, SYN, NULL, 0, NULL, 0);
	f[40] ^= 1;
	net_input(f, n);
	CU_ASSERT_EQUAL(net_stats.tcp_csum, 1u);
	CU_ASSERT_EQUAL(h_nsent, 0u);
}

static void test_tcp_hostile_options(void)
{
	static const uint8_t opts[][8] = {
		{ 2, 0, 0, 0, 0, 0, 0, 0 },     /* length 0 */
		{ 2, 1, 0, 0, 0, 0, 0, 0 },     /* length 1 */
		{ 2, 40, 5, 0, 0, 0, 0, 0 },    /* past the header */
		{ 1, 1, 1, 1, 1, 1, 1, 2 },     /* NOPs, then a cut option */
		{ 2, 4, 0, 0, 0, 0, 0, 0 },     /* MSS 0 */
		{ 8, 10, 0, 0, 0, 0, 0, 0 },    /* timestamps, cut */
	};
	struct seg s;

	for (size_t i = 0; i < ARRAY_SIZE(opts); i++) {
		h_reset();
		net_input(f, h_tcp(f, CPORT, 80, CISS, 0, SYN, opts[i], 8, NULL, 0));
		CU_ASSERT_FATAL(h_nsent == 1 && sent_seg(0, &s));
		CU_ASSERT_EQUAL(s.flags, SYN | ACK);
	}
}

static void test_tcp_many_clients(void)
{
	h_reset();
	/* More SYNs than connections: the extra ones are dropped (the
	 * clients retry), nothing leaks. */
	for (uint16_t p = 1; p <= 10; p++)
		net_input(f, h_tcp(f, p, 80, CISS, 0, SYN, NULL, 0, NULL, 0));
	CU_ASSERT_TRUE(h_nsent >= 1 && h_nsent < 10);
	for (int i = 0; i < 300; i++) {
		h_now += 100000;
		net_timer();
	}
	CU_ASSERT_EQUAL(h_held(), 0u);
	h_clear();
	net_input(f, h_tcp(f, 11, 80, CISS, 0, SYN, NULL, 0, NULL, 0));
	CU_ASSERT_EQUAL(h_nsent, 1u); /* room again */
}

int sc_unit_register_net_tcp(void)
{
	CU_pSuite s = CU_add_suite("net: TCP status page", NULL, NULL);

	if (!s || !CU_add_test(s, "handshake, page, close", test_tcp_page) ||
	    !CU_add_test(s, "request in pieces, resent, reordered; 404",
			 test_tcp_request_in_pieces_and_404) ||
	    !CU_add_test(s, "retransmission, then reset", test_tcp_retransmits) ||
	    !CU_add_test(s, "peer's small MSS", test_tcp_small_mss) ||
	    !CU_add_test(s, "resets for closed ports and strays", test_tcp_resets) ||
	    !CU_add_test(s, "RST only inside the window", test_tcp_rst_window) ||
	    !CU_add_test(s, "malformed segments", test_tcp_malformed) ||
	    !CU_add_test(s, "hostile options", test_tcp_hostile_options) ||
	    !CU_add_test(s, "more clients than connections", test_tcp_many_clients))
		return -1;
	return 0;
}
