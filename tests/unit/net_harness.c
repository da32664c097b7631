// SPDX-License-Identifier: GPL-2.0 OR MIT
/* The network stack's test bench: see net_harness.h. */
#include "net_harness.h"

#include <string.h>

const uint8_t H_MAC[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
const uint8_t P_MAC[6] = { 0x02, 0x53, 0x43, 0x00, 0x02, 0x02 };

struct h_frame h_sent[H_MAX_SENT];
unsigned h_nsent;
uint64_t h_now;
bool h_no_buffers;
unsigned h_bad_calls;

#define H_BUFS 32
static uint8_t bufs[H_BUFS][NETIF_BUF_SIZE];
static bool held[H_BUFS];

/* ---------------------------------------------------------------- netenv */

uint8_t *netif_tx_buf(void)
{
	if (h_no_buffers)
		return NULL;
	for (int i = 0; i < H_BUFS; i++) {
		if (!held[i]) {
			held[i] = true;
			/* Garbage, so a field the stack forgets shows. */
			memset(bufs[i], 0xcc, NETIF_BUF_SIZE);
			return bufs[i];
		}
	}
	return NULL;
}

static int buf_index(const uint8_t *b)
{
	for (int i = 0; i < H_BUFS; i++)
		if (b == bufs[i])
			return held[i] ? i : -1;
	return -1;
}

void netif_tx_send(uint8_t *buf, size_t len)
{
	int i = buf_index(buf);

	if (i < 0 || len < 14 || len > NETIF_BUF_SIZE) {
		h_bad_calls++;
		return;
	}
	if (h_nsent < H_MAX_SENT) {
		memcpy(h_sent[h_nsent].data, buf, len);
		h_sent[h_nsent].len = len;
	}
	h_nsent++;
	held[i] = false;
}

void netif_tx_drop(uint8_t *buf)
{
	int i = buf_index(buf);

	if (i < 0)
		h_bad_calls++;
	else
		held[i] = false;
}

uint64_t net_now_us(void)
{
	return h_now;
}

size_t net_status_text(char *buf, size_t len)
{
	const char *t = "status page\nuptime: 1.000 s\n";
	size_t n = strlen(t);

	if (n >= len)
		n = len - 1;
	memcpy(buf, t, n);
	buf[n] = 0;
	return n;
}

/* ---------------------------------------------------------------- setup */

unsigned h_held(void)
{
	unsigned n = 0;

	for (int i = 0; i < H_BUFS; i++)
		n += held[i];
	return n;
}

void h_clear(void)
{
	h_nsent = 0;
	memset(h_sent, 0, sizeof(h_sent));
}

void h_reset_opt(bool learn_host)
{
	uint8_t f[128];
	size_t n;

	h_now = 1000000;
	h_no_buffers = false;
	h_bad_calls = 0;
	memset(held, 0, sizeof(held));
	net_config_parse("ip=192.0.2.2/24 gw=192.0.2.1 mac=02:53:43:00:02:02",
			 &net_cfg);
	net_stack_init();
	if (learn_host) {
		/* The host asks for us: we learn its MAC from the request. */
		n = h_arp(f, 1, H_MAC, H_IP, (const uint8_t[6]){ 0 }, P_IP);
		net_input(f, n);
	}
	memset(&net_stats, 0, sizeof(net_stats));
	h_clear();
}

void h_reset(void)
{
	h_reset_opt(true);
}

/* ---------------------------------------------------------------- frames */

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

uint16_t h_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t h_get32(const uint8_t *p)
{
	return (uint32_t)h_get16(p) << 16 | h_get16(p + 2);
}

size_t h_eth(uint8_t *f, const uint8_t dst[6], const uint8_t src[6], uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, type);
	return 14;
}

void h_fix_ip_csum(uint8_t *f)
{
	uint8_t *ip = f + 14;
	size_t hl = (size_t)(ip[0] & 15) * 4;

	put16(ip + 10, 0);
	put16(ip + 10, csum_fold(csum_add(0, ip, hl)));
}

size_t h_ip(uint8_t *f, uint32_t src, uint32_t dst, uint8_t proto,
	    const uint8_t *l4, size_t len)
{
	uint8_t *ip = f + 14;

	h_eth(f, P_MAC, H_MAC, 0x0800);
	ip[0] = 0x45;
	ip[1] = 0;
	put16(ip + 2, (uint16_t)(20 + len));
	put16(ip + 4, 0x1234);
	put16(ip + 6, 0x4000);
	ip[8] = 64;
	ip[9] = proto;
	put32(ip + 12, src);
	put32(ip + 16, dst);
	memmove(ip + 20, l4, len);
	h_fix_ip_csum(f);
	return 34 + len;
}

size_t h_udp(uint8_t *f, uint32_t src, uint16_t sport, uint16_t dport,
	     const uint8_t *data, size_t len)
{
	uint8_t u[2048];
	uint16_t c;

	put16(u, sport);
	put16(u + 2, dport);
	put16(u + 4, (uint16_t)(8 + len));
	put16(u + 6, 0);
	if (len)
		memcpy(u + 8, data, len);
	c = csum_fold(csum_add(csum_pseudo(src, P_IP, 17, 8 + len), u, 8 + len));
	put16(u + 6, c ? c : 0xffff);
	return h_ip(f, src, P_IP, 17, u, 8 + len);
}

size_t h_icmp(uint8_t *f, uint8_t type, uint8_t code, uint16_t id,
	      uint16_t seq, const uint8_t *data, size_t len)
{
	uint8_t m[2048];

	m[0] = type;
	m[1] = code;
	put16(m + 2, 0);
	put16(m + 4, id);
	put16(m + 6, seq);
	if (len)
		memcpy(m + 8, data, len);
	put16(m + 2, csum_fold(csum_add(0, m, 8 + len)));
	return h_ip(f, H_IP, P_IP, 1, m, 8 + len);
}

size_t h_tcp(uint8_t *f, uint16_t sport, uint16_t dport, uint32_t seq,
	     uint32_t ack, uint8_t flags, const uint8_t *opt, size_t optlen,
	     const uint8_t *data, size_t len)
{
	uint8_t t[2048];
	size_t hl = 20 + optlen;

	put16(t, sport);
	put16(t + 2, dport);
	put32(t + 4, seq);
	put32(t + 8, ack);
	t[12] = (uint8_t)((hl / 4) << 4);
	t[13] = flags;
	put16(t + 14, 65535);
	put16(t + 16, 0);
	put16(t + 18, 0);
	if (optlen)
		memcpy(t + 20, opt, optlen);
	if (len)
		memcpy(t + hl, data, len);
	put16(t + 16, csum_fold(csum_add(csum_pseudo(H_IP, P_IP, 6, hl + len), t,
					 hl + len)));
	return h_ip(f, H_IP, P_IP, 6, t, hl + len);
}

size_t h_arp(uint8_t *f, uint16_t op, const uint8_t sha[6], uint32_t spa,
	     const uint8_t tha[6], uint32_t tpa)
{
	uint8_t *p = f + 14;
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	h_eth(f, op == 1 ? bcast : P_MAC, sha, 0x0806);
	put16(p, 1);
	put16(p + 2, 0x0800);
	p[4] = 6;
	p[5] = 4;
	put16(p + 6, op);
	memcpy(p + 8, sha, 6);
	put32(p + 14, spa);
	memcpy(p + 18, tha, 6);
	put32(p + 24, tpa);
	memset(p + 28, 0, 18); /* Ethernet padding to 60 bytes */
	return 60;
}

const uint8_t *h_sent_l4(unsigned i, uint8_t proto, uint32_t dst, size_t *len)
{
	const uint8_t *f, *ip;
	size_t total;

	if (i >= h_nsent || i >= H_MAX_SENT)
		return NULL;
	f = h_sent[i].data;
	ip = f + 14;
	if (h_sent[i].len < 34 || h_get16(f + 12) != 0x0800 || memcmp(f + 6, P_MAC, 6))
		return NULL;
	total = h_get16(ip + 2);
	if (ip[0] != 0x45 || ip[9] != proto || h_get32(ip + 12) != P_IP ||
	    h_get32(ip + 16) != dst || total < 20 || 14 + total > h_sent[i].len ||
	    csum_fold(csum_add(0, ip, 20)) != 0)
		return NULL;
	/* The transport checksum (ICMP has no pseudo-header). */
	if (proto == 1 ? csum_fold(csum_add(0, ip + 20, total - 20)) != 0 :
			 csum_fold(csum_add(csum_pseudo(P_IP, dst, proto, total - 20),
					    ip + 20, total - 20)) != 0)
		return NULL;
	*len = total - 20;
	return ip + 20;
}
