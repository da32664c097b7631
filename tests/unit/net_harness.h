/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A test bench for the partition's network stack (partition/net/), which
 * is compiled for the host here: it provides the stack's environment
 * (netenv.h: transmit buffers, clock, status text), records every frame
 * the stack sends, and builds well-formed frames that tests then break.
 * The fuzzer (tests/fuzz/) uses it too.
 */
#ifndef SC_NET_HARNESS_H
#define SC_NET_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netstack.h"

#define H_IP 0xc0000201u /* 192.0.2.1: the host */
#define P_IP 0xc0000202u /* 192.0.2.2: the partition */
extern const uint8_t H_MAC[6], P_MAC[6];

#define H_MAX_SENT 64
struct h_frame {
	uint8_t data[NETIF_BUF_SIZE];
	size_t len;
};
extern struct h_frame h_sent[H_MAX_SENT];
extern unsigned h_nsent;     /* frames sent since the last h_clear() */
extern uint64_t h_now;       /* the stack's clock, in us */
extern bool h_no_buffers;    /* netif_tx_buf fails */
extern unsigned h_bad_calls; /* sends/drops of buffers not held: a bug */

/* Fresh stack: 192.0.2.2/24, gw 192.0.2.1, MAC 02:53:43:00:02:02, the
 * host's MAC already in the ARP cache, nothing sent, counters zero.
 * With learn_host false, the cache is empty. */
void h_reset_opt(bool learn_host);
void h_reset(void);
void h_clear(void);
/* Transmit buffers the stack holds now (ARP may keep one per address). */
unsigned h_held(void);

/* Frame builders into f (NETIF_BUF_SIZE + some bytes). Return the length. */
size_t h_eth(uint8_t *f, const uint8_t dst[6], const uint8_t src[6], uint16_t type);
size_t h_ip(uint8_t *f, uint32_t src, uint32_t dst, uint8_t proto,
	    const uint8_t *l4, size_t len);
size_t h_udp(uint8_t *f, uint32_t src, uint16_t sport, uint16_t dport,
	     const uint8_t *data, size_t len);
size_t h_icmp(uint8_t *f, uint8_t type, uint8_t code, uint16_t id,
	      uint16_t seq, const uint8_t *data, size_t len);
size_t h_tcp(uint8_t *f, uint16_t sport, uint16_t dport, uint32_t seq,
	     uint32_t ack, uint8_t flags, const uint8_t *opt, size_t optlen,
	     const uint8_t *data, size_t len);
size_t h_arp(uint8_t *f, uint16_t op, const uint8_t sha[6], uint32_t spa,
	     const uint8_t tha[6], uint32_t tpa);
/* Fix the IPv4 header checksum of frame f after a test changed it. */
void h_fix_ip_csum(uint8_t *f);

/* Checks on a sent frame: is it IPv4 (from us, checksums right) of proto
 * to dst? Returns the transport bytes and their length, or NULL. */
const uint8_t *h_sent_l4(unsigned i, uint8_t proto, uint32_t dst, size_t *len);

uint16_t h_get16(const uint8_t *p);
uint32_t h_get32(const uint8_t *p);

#endif
