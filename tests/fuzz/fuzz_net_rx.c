// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target over the partition's receive path: every frame goes
 * through net_input(), as the driver hands it over. Random bytes rarely
 * get past a checksum, so an input is a list of records, each choosing how
 * much of the frame the fuzzer controls:
 *
 *   byte 0: kind (low 3 bits) and flags; bytes 1-2: record length; then
 *   the record: a raw frame, an IPv4 packet with its header checksum
 *   fixed, a UDP / ICMP / TCP / ARP message with valid checksums around
 *   fuzzed fields, or a jump of the clock (timers run).
 *
 * TCP records can aim their ack at what the stack last sent, so the
 * fuzzer walks the connection states, not just the SYN path. After every
 * record: no buffer misuse (tests/unit/net_harness.c counts it), nothing
 * sent longer than a frame; at the end, no buffer leaks.
 *
 *   make fuzz            builds build/fuzz_net_rx and runs it briefly
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net_harness.h"

static uint32_t last_our_seq(void)
{
	for (unsigned i = h_nsent < H_MAX_SENT ? h_nsent : H_MAX_SENT; i-- > 0;) {
		const uint8_t *f = h_sent[i].data;

		if (h_sent[i].len >= 54 && h_get16(f + 12) == 0x0800 && f[23] == 6)
			return h_get32(f + 38) + 1;
	}
	return 0;
}

static uint32_t last_our_ack(void)
{
	for (unsigned i = h_nsent < H_MAX_SENT ? h_nsent : H_MAX_SENT; i-- > 0;) {
		const uint8_t *f = h_sent[i].data;

		if (h_sent[i].len >= 54 && h_get16(f + 12) == 0x0800 && f[23] == 6)
			return h_get32(f + 42);
	}
	return 0;
}

static void one(uint8_t kind, const uint8_t *d, size_t n)
{
	static uint8_t f[4096];
	size_t len = 0;
	uint32_t src;

	switch (kind & 7) {
	case 0: /* raw frame */
		net_input(d, n);
		return;
	case 1: /* IPv4 packet behind our Ethernet header, checksum fixed */
		if (n > NETIF_BUF_SIZE - 14)
			n = NETIF_BUF_SIZE - 14;
		h_eth(f, P_MAC, H_MAC, 0x0800);
		memcpy(f + 14, d, n);
		if (n >= 20 && (size_t)(f[14] & 15) * 4 <= n)
			h_fix_ip_csum(f);
		net_input(f, 14 + n);
		return;
	case 2: /* UDP */
		if (n < 4 || n > 1472 + 4)
			return;
		src = kind & 8 ? H_IP : 0xc0000200u | d[0];
		len = h_udp(f, src, h_get16(d), kind & 16 ? h_get16(d + 2) : 7,
			    d + 4, n - 4);
		break;
	case 3: /* ICMP */
		if (n < 6 || n > 1472 + 6)
			return;
		len = h_icmp(f, d[0], kind & 8 ? d[1] : 0, h_get16(d + 2),
			     h_get16(d + 4), d + 6, n - 6);
		break;
	case 4: { /* TCP */
		uint32_t seq, ack;
		size_t optlen;

		if (n < 12 || n > 1400)
			return;
		optlen = (d[11] & 7) * 4;
		if (12 + optlen > n)
			optlen = 0;
		seq = h_get32(d + 2);
		ack = h_get32(d + 6);
		if (kind & 8) { /* aim at the conversation */
			seq = last_our_ack() + (int8_t)d[2];
			ack = last_our_seq() + (int8_t)d[6];
		}
		len = h_tcp(f, 50000 + (d[0] & 3), kind & 16 ? d[1] : 80, seq, ack,
			    d[10], d + 12, optlen, d + 12 + optlen, n - 12 - optlen);
		break;
	}
	case 5: { /* ARP */
		uint8_t sha[6] = { 0x02, 0, 0, 0, 0, 0 };

		if (n < 10)
			return;
		sha[5] = d[0];
		len = h_arp(f, kind & 8 ? 2 : 1, kind & 16 ? d : sha,
			    0xc0000200u | d[1], sha, kind & 32 ? h_get32(d + 2) : P_IP);
		break;
	}
	case 6: /* time passes */
		h_now += n ? (uint64_t)d[0] * 50000 : 1000000;
		net_timer();
		return;
	case 7: /* any type, to us */
		if (n > NETIF_BUF_SIZE - 12)
			n = NETIF_BUF_SIZE - 12;
		h_eth(f, P_MAC, H_MAC, 0);
		memcpy(f + 12, d, n);
		net_input(f, 12 + n);
		return;
	}
	if (len)
		net_input(f, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	h_reset();
	while (size >= 3) {
		uint8_t kind = data[0];
		size_t n = h_get16(data + 1);

		data += 3;
		size -= 3;
		if (n > size)
			n = size;
		one(kind, data, n);
		if (h_bad_calls)
			abort(); /* the stack misused a transmit buffer */
		if (h_nsent > H_MAX_SENT / 2)
			h_clear();
		data += n;
		size -= n;
	}
	/* Everything the stack holds it gives back on reset. */
	arp_reset();
	tcp_reset();
	if (h_held())
		abort();
	return 0;
}
