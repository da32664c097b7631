// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "addr_text.h"

#include <stddef.h>

const char *addr_dec(const char *s, unsigned maxdigits, unsigned *v)
{
	unsigned n = 0, d = 0;

	if (!s)
		return NULL;
	while (*s >= '0' && *s <= '9' && d < maxdigits) {
		n = n * 10 + (unsigned)(*s++ - '0');
		d++;
	}
	if (!d || (*s >= '0' && *s <= '9'))
		return NULL;
	*v = n;
	return s;
}

const char *addr_quad(const char *s, uint32_t *ip)
{
	uint32_t a = 0;

	for (int i = 0; i < 4; i++) {
		unsigned b;

		s = addr_dec(s, 3, &b);
		if (!s || b > 255)
			return NULL;
		a = a << 8 | b;
		if (i < 3 && *s++ != '.')
			return NULL;
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

const char *addr_mac(const char *s, uint8_t mac[6])
{
	uint8_t m[6];

	if (!s)
		return NULL;
	for (int i = 0; i < 6; i++) {
		int hi = hex(s[0]), lo = hi < 0 ? -1 : hex(s[1]);

		if (lo < 0)
			return NULL;
		m[i] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (i < 5 && *s++ != ':')
			return NULL;
	}
	for (int i = 0; i < 6; i++)
		mac[i] = m[i];
	return s;
}
