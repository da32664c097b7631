// SPDX-License-Identifier: GPL-2.0
#include "net_args.h"

#include <stdio.h>
#include <string.h>

#include <sparecore/bootinfo.h>

#include "addr_text.h"
#include "args.h"

int sc_parse_ipv4(const char *s, uint32_t *ip)
{
	uint32_t a;

	s = addr_quad(s, &a);
	if (!s || *s)
		return -1;
	*ip = a;
	return 0;
}

int sc_parse_ipv4_prefix(const char *s, uint32_t *ip, unsigned *prefix)
{
	uint32_t a;
	unsigned n;

	s = addr_quad(s, &a);
	if (!s || *s++ != '/')
		return -1;
	s = addr_dec(s, 2, &n);
	if (!s || *s || n < 1 || n > 32)
		return -1;
	*ip = a;
	*prefix = n;
	return 0;
}

int sc_parse_mac(const char *s, uint8_t mac[6])
{
	uint8_t m[6];
	int any = 0;

	s = addr_mac(s, m);
	if (!s || *s)
		return -1;
	for (int i = 0; i < 6; i++)
		any |= m[i];
	/* A multicast source address is not a host's; zero is no address. */
	if ((m[0] & 1) || !any)
		return -1;
	memcpy(mac, m, 6);
	return 0;
}

static uint32_t mask_of(unsigned prefix)
{
	return prefix >= 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
}

/* An address a host may have: not 0/8, loopback, multicast or reserved. */
static bool host_address(uint32_t ip)
{
	unsigned top = ip >> 24;

	return top != 0 && top != 127 && top < 224;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

int sc_net_parse_opt(int argc, char **argv, int *i, struct sc_net_args *n,
		     char *err, unsigned errlen)
{
	const char *v;

	if ((v = sc_opt_value(argc, argv, i, "--net"))) {
		const char *name = v + 4;

		if (strncmp(v, "tap:", 4))
			FAIL("--net wants tap:NAME (a TAP device to create or attach to), got '%s'", v);
		if (!*name || strlen(name) > SC_IFNAME_MAX || !strcmp(name, ".") ||
		    !strcmp(name, "..") || strpbrk(name, "/: \t\n"))
			FAIL("--net tap:NAME wants an interface name of 1 to %d characters without '/', ':' or blanks, got '%s'",
			     SC_IFNAME_MAX, name);
		n->tap = name;
	} else if ((v = sc_opt_value(argc, argv, i, "--ip"))) {
		if (sc_parse_ipv4_prefix(v, &n->ip, &n->prefix))
			FAIL("--ip wants ADDRESS/PREFIX such as 192.0.2.2/24, got '%s'", v);
	} else if ((v = sc_opt_value(argc, argv, i, "--gw"))) {
		if (sc_parse_ipv4(v, &n->gw) || !n->gw)
			FAIL("--gw wants an address such as 192.0.2.1, got '%s'", v);
	} else if ((v = sc_opt_value(argc, argv, i, "--host-ip"))) {
		if (sc_parse_ipv4_prefix(v, &n->host_ip, &n->host_prefix))
			FAIL("--host-ip wants ADDRESS/PREFIX such as 192.0.2.1/24, got '%s'", v);
	} else if ((v = sc_opt_value(argc, argv, i, "--mac"))) {
		if (sc_parse_mac(v, n->mac))
			FAIL("--mac wants a unicast address such as 02:00:00:00:00:02, got '%s'", v);
		n->have_mac = true;
	} else {
		return 0;
	}
	return 1;
}

int sc_net_args_check(struct sc_net_args *n, const char *user_cmdline,
		      char *err, unsigned errlen)
{
	char buf[SC_CMDLINE_MAX];
	uint32_t mask = mask_of(n->prefix);

	if (!n->tap) {
		if (n->ip || n->gw || n->host_ip || n->have_mac)
			FAIL("--ip, --gw, --mac and --host-ip need --net tap:NAME");
		return 0;
	}
	if (!n->ip)
		FAIL("--net needs --ip ADDRESS/PREFIX for the partition");
	if (!host_address(n->ip))
		FAIL("--ip: %u.%u.%u.%u is not a host address", n->ip >> 24,
		     n->ip >> 16 & 255, n->ip >> 8 & 255, n->ip & 255);
	/* With room for hosts, the subnet's first and last addresses name
	 * the network and its broadcast, not a host. */
	if (n->prefix <= 30 &&
	    ((n->ip & ~mask) == 0 || (n->ip & ~mask) == ~mask))
		FAIL("--ip: the address is the network or broadcast address of its /%u",
		     n->prefix);
	if (n->gw && (n->gw == n->ip || (n->gw & mask) != (n->ip & mask)))
		FAIL("--gw must be another address in the partition's subnet");
	if (n->host_ip && (!host_address(n->host_ip) || n->host_ip == n->ip))
		FAIL("--host-ip must be a host address other than the partition's");
	if (!n->have_mac) {
		/* Locally administered unicast, "SC", then the low 24 bits of
		 * the IP: stable across runs, distinct per address. */
		uint8_t m[6] = { 0x02, 0x53, 0x43, (uint8_t)(n->ip >> 16),
				 (uint8_t)(n->ip >> 8), (uint8_t)n->ip };

		memcpy(n->mac, m, 6);
	}
	if (sc_net_cmdline(n, user_cmdline, buf, sizeof(buf)))
		FAIL("--cmdline and the network settings together are longer than %u bytes",
		     SC_CMDLINE_MAX - 1);
	return 0;
}

int sc_net_cmdline(const struct sc_net_args *n, const char *user_cmdline,
		   char *buf, size_t len)
{
	const char *u = user_cmdline ? user_cmdline : "";
	int r;

	if (!n->tap) {
		r = snprintf(buf, len, "%s", u);
	} else {
		char gw[32] = "";

		if (n->gw)
			snprintf(gw, sizeof(gw), " gw=%u.%u.%u.%u", n->gw >> 24,
				 n->gw >> 16 & 255, n->gw >> 8 & 255, n->gw & 255);
		r = snprintf(buf, len,
			     "%s%sip=%u.%u.%u.%u/%u%s mac=%02x:%02x:%02x:%02x:%02x:%02x",
			     u, *u ? " " : "", n->ip >> 24, n->ip >> 16 & 255,
			     n->ip >> 8 & 255, n->ip & 255, n->prefix, gw,
			     n->mac[0], n->mac[1], n->mac[2], n->mac[3], n->mac[4],
			     n->mac[5]);
	}
	return r < 0 || (size_t)r >= len ? -1 : 0;
}
