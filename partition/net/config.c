// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The interface's settings come from the host as words of boot info's
 * command line: "ip=192.0.2.2/24 gw=192.0.2.1 mac=02:53:43:00:02:02".
 * The host checked them, but the page is ours to distrust like anything
 * else that crosses: every number is range-checked here again.
 */
#include "net.h"

static const char *dec(const char *s, unsigned maxd, unsigned *v)
{
	unsigned n = 0, d = 0;

	while (*s >= '0' && *s <= '9' && d < maxd) {
		n = n * 10 + (unsigned)(*s++ - '0');
		d++;
	}
	if (!d || (*s >= '0' && *s <= '9'))
		return 0;
	*v = n;
	return s;
}

static const char *quad(const char *s, uint32_t *ip)
{
	uint32_t a = 0;

	for (int i = 0; i < 4; i++) {
		unsigned b;

		s = dec(s, 3, &b);
		if (!s || b > 255)
			return 0;
		a = a << 8 | b;
		if (i < 3 && *s++ != '.')
			return 0;
	}
	*ip = a;
	return s;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static const char *mac(const char *s, uint8_t m[6])
{
	for (int i = 0; i < 6; i++) {
		int hi = hex(s[0]), lo = hi < 0 ? -1 : hex(s[1]);

		if (lo < 0)
			return 0;
		m[i] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (i < 5 && *s++ != ':')
			return 0;
	}
	return s;
}

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

			e = quad(s + 3, &c->ip);
			if (e && *e == '/' && (e = dec(e + 1, 2, &n)) && n >= 1 &&
			    n <= 32 && word_end(e)) {
				c->prefix = n;
				c->mask = n == 32 ? 0xffffffffu : ~(0xffffffffu >> n);
				have_ip = true;
			} else {
				bad = true;
			}
		} else if (starts(s, "gw=")) {
			e = quad(s + 3, &c->gw);
			if (!e || !word_end(e))
				bad = true;
		} else if (starts(s, "mac=")) {
			e = mac(s + 4, c->mac);
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
