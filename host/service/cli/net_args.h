/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The network options of `sparecore run` (--net, --ip, --gw, --mac,
 * --host-ip) and the command-line words they become for the partition.
 * Apart from args.c so the network's rules live in one place.
 */
#ifndef SC_NET_ARGS_H
#define SC_NET_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SC_IFNAME_MAX 15 /* IFNAMSIZ - 1 */

struct sc_net_args {
	const char *tap;       /* NAME of --net tap:NAME; NULL: no network */
	uint32_t ip;           /* --ip address, host byte order; 0 if none */
	unsigned prefix;       /* --ip /N */
	uint32_t gw;           /* --gw, 0 if none */
	uint32_t host_ip;      /* --host-ip address, 0 if none */
	unsigned host_prefix;  /* --host-ip /N */
	uint8_t mac[6];        /* --mac, or derived from --ip */
	bool have_mac;         /* --mac given */
};

/* "a.b.c.d" -> host-order address. 0, or -1 for anything else. */
int sc_parse_ipv4(const char *s, uint32_t *ip);
/* "a.b.c.d/N", N in 1..32. */
int sc_parse_ipv4_prefix(const char *s, uint32_t *ip, unsigned *prefix);
/* "02:00:00:00:00:01"; unicast and not all zero. */
int sc_parse_mac(const char *s, uint8_t mac[6]);

/*
 * If argv[*i] is one of the network options, consume it (and its value,
 * advancing *i): 1, or -1 after writing the reason to err. 0 if it is not
 * a network option.
 */
int sc_net_parse_opt(int argc, char **argv, int *i, struct sc_net_args *n,
		     char *err, unsigned errlen);

/* After all options: the combinations make sense and, with user_cmdline,
 * fit the partition's command line. 0, or -1 with err. Fills in a default
 * MAC when none was given. */
int sc_net_args_check(struct sc_net_args *n, const char *user_cmdline,
		      char *err, unsigned errlen);

/* The partition's command line: user_cmdline (may be NULL) followed by
 * "ip=A/N [gw=G] mac=M" when n->tap is set. -1 if it does not fit len. */
int sc_net_cmdline(const struct sc_net_args *n, const char *user_cmdline,
		   char *buf, size_t len);

#endif
