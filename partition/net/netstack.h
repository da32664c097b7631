/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The partition's network stack: Ethernet, ARP, IPv4, ICMP echo, UDP (an
 * echo service on port 7) and a small TCP that serves a status page on
 * port 80. One interface, no routing beyond "on-link or the gateway", no
 * fragments, no options we act on.
 *
 * Every byte of a received frame is hostile: each parser checks each
 * length before it reads and drops (and counts) anything malformed. The
 * receive path never writes into the received frame; replies are built in
 * fresh transmit buffers.
 *
 * Frames are built in place in a transmit buffer at fixed offsets:
 * Ethernet header at 0, IPv4 at NET_IP_OFF, the transport at NET_L4_OFF.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include "netenv.h"

#define NET_ETH_HLEN 14u
#define NET_IP_HLEN 20u
#define NET_IP_OFF NET_ETH_HLEN
#define NET_L4_OFF (NET_ETH_HLEN + NET_IP_HLEN)
#define NET_MTU 1500u
#define NET_UDP_HLEN 8u
#define NET_ICMP_HLEN 8u
#define NET_TCP_HLEN 20u

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_ARP 0x0806

#define IPPROTO_ICMP_ 1
#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17

#define NET_UDP_ECHO_PORT 7
#define NET_HTTP_PORT 80

/* The interface's identity, from the command line (config.c). */
struct net_config {
	uint8_t mac[6];
	uint32_t ip;   /* host byte order, like every address in the stack */
	uint32_t mask;
	uint32_t gw;   /* 0: none */
	unsigned prefix;
	bool up;       /* ip and mac are set */
};

/* Counters. "drops" are frames we did not use, "errors" ones that were
 * malformed (every error is also a drop). */
struct net_stats {
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	uint64_t rx_drops, rx_errors, tx_drops, tx_errors;
	/* Why received frames were dropped. */
	uint64_t eth_short, eth_not_us, eth_type;
	uint64_t arp_bad, arp_not_us;
	uint64_t ip_bad, ip_csum, ip_frag, ip_not_us, ip_proto;
	uint64_t icmp_bad, icmp_csum, icmp_type;
	uint64_t udp_bad, udp_csum, udp_port;
	uint64_t tcp_bad, tcp_csum, tcp_port, tcp_rst_sent;
	/* Why frames were not sent. */
	uint64_t tx_nobuf, tx_noroute, arp_unresolved;
	/* What the services did. */
	uint64_t icmp_echo_replied, udp_echoed, tcp_conns, tcp_served;
};

extern struct net_config net_cfg;
extern struct net_stats net_stats;

/* ---- config.c */
/* Read "ip=A/N", "gw=G" and "mac=M" from a command line into *c. 0, or -1
 * if any of them is malformed or ip/mac is missing (then *c is not up). */
int net_config_parse(const char *cmdline, struct net_config *c);
/* Format an address as "a.b.c.d" into buf (16 bytes). */
char *net_ip_str(uint32_t ip, char buf[16]);

/* ---- stack.c */
/* Reset counters, ARP cache and connections; announce ourselves. */
void net_stack_init(void);
/* One received frame; the buffer stays the caller's. */
void net_input(const uint8_t *frame, size_t len);
/* Timers (ARP retries and expiry, TCP retransmission); cheap, call often. */
void net_timer(void);

/* ---- csum.c */
uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len);
uint16_t csum_fold(uint32_t sum);
uint32_t csum_pseudo(uint32_t src, uint32_t dst, uint8_t proto, size_t len);

/* ---- eth.c */
void eth_input(const uint8_t *frame, size_t len);
/* Fill the Ethernet header of buf (dst, our MAC, type) and send
 * NET_ETH_HLEN + len bytes. Takes the buffer. */
void eth_output(uint8_t *buf, const uint8_t dst[6], uint16_t type, size_t len);
extern const uint8_t eth_broadcast[6];

/* ---- arp.c */
#define ARP_CACHE_SIZE 16
#define ARP_TTL_US (60ull * 1000000)     /* an answer is good for 60 s */
#define ARP_RETRY_US (1000000ull)        /* ask again after 1 s */
#define ARP_TRIES 3
void arp_input(const uint8_t *p, size_t len);
/* Send an IPv4 packet in buf (ip_len bytes at NET_IP_OFF) to next hop ip:
 * now if we know its MAC, else after an ARP answer (at most one packet
 * waits per address; it is dropped if no answer comes). Takes buf. */
void arp_output(uint8_t *buf, uint32_t next_hop, size_t ip_len);
/* Say who we are (gratuitous ARP). */
void arp_announce(void);
void arp_timer(uint64_t now);
void arp_reset(void);
/* Known MAC of ip, if any; for the shell. */
bool arp_lookup(uint32_t ip, uint8_t mac[6]);

/* ---- ipv4.c */
void ipv4_input(const uint8_t *p, size_t len);
/* Fill the IPv4 header for l4_len bytes at NET_L4_OFF and send. Takes buf.
 * -1 if there is no route (buf dropped). */
int ipv4_output(uint8_t *buf, uint32_t dst, uint8_t proto, size_t l4_len);
bool ipv4_is_broadcast(uint32_t ip);

/* ---- icmp.c */
void icmp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t len);
/* Send an echo request with len bytes of pattern payload. 0, or -1 if it
 * could not be sent (no buffer, no route). */
int icmp_echo_send(uint32_t dst, uint16_t id, uint16_t seq, size_t len);
/* Called for every valid echo reply (the ping command sets it). */
extern void (*icmp_echo_reply_hook)(uint32_t src, uint16_t id, uint16_t seq,
				    const uint8_t *data, size_t len);

/* ---- udp.c */
void udp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t len);

/* ---- tcp.c */
void tcp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t len);
void tcp_timer(uint64_t now);
void tcp_reset(void);

#endif
