// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The interface's settings come from the host as words of boot info's
 * command line: "ip=192.0.2.2/24 gw=192.0.2.1 mac=02:53:43:00:02:02".
 * The host checked them, but the page is ours to distrust like anything
 * else that crosses: every number is range-checked here again.
 */
#include "addr_text.h"
#include "netstack.h"

/* Does s start with w? Stops at the end of s (memcmp would not). */
static bool starts(const char *s, const char *w)
{
	while (*w)
		if (*s++ != *w++)
			return false;
	return true;
}

static bool word_end(const char *s)
{
	return !*s || *s == ' ';
}

int net_config_parse(const char *cmdline, struct net_config *c)
{
	const char *s = cmdline;
	bool have_ip = false, have_mac = false, bad = false;

	memset(c, 0, sizeof(*c));
	while (s && *s) {
		const char *e;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (starts(s, "ip=")) {
			unsigned n;

			e = addr_quad(s + 3, &c->ip);
			if (e && *e == '/' && (e = addr_dec(e + 1, 2, &n)) && n >= 1 &&
			    n <= 32 && word_end(e)) {
				c->prefix = n;
				c->mask = n == 32 ? 0xffffffffu : ~(0xffffffffu >> n);
				have_ip = true;
			} else {
				bad = true;
			}
		} else if (starts(s, "gw=")) {
			e = addr_quad(s + 3, &c->gw);
			if (!e || !word_end(e))
				bad = true;
		} else if (starts(s, "mac=")) {
			e = addr_mac(s + 4, c->mac);
			if (e && word_end(e) && !(c->mac[0] & 1))
				have_mac = true;
			else
				bad = true;
		}
		while (*s && *s != ' ')
			s++;
	}
	if (bad || !have_ip || !have_mac || !c->ip) {
		c->up = false;
		return -1;
	}
	/* A gateway outside our subnet could never be reached. */
	if (c->gw && (c->gw & c->mask) != (c->ip & c->mask))
		c->gw = 0;
	c->up = true;
	return 0;
}

char *net_ip_str(uint32_t ip, char buf[16])
{
	char *p = buf;

	for (int i = 3; i >= 0; i--) {
		unsigned b = ip >> (i * 8) & 255;

		if (b >= 100)
			*p++ = (char)('0' + b / 100);
		if (b >= 10)
			*p++ = (char)('0' + b / 10 % 10);
		*p++ = (char)('0' + b % 10);
		if (i)
			*p++ = '.';
	}
	*p = 0;
	return buf;
}
