// SPDX-License-Identifier: GPL-2.0
#include "hostinfo.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

long sc_buddy_free_2m(const char *text)
{
	long total = 0;
	bool any = false;

	/* "Node 0, zone   Normal   a0 a1 ... a10": counts of free blocks of
	 * order 0..10 (4 KiB << order). */
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *z = strstr(l, "zone");
		const char *eol = strchr(l, '\n');
		char *end;
		int order = 0;

		if (!z || (eol && z > eol))
			continue;
		z += 4;
		while (*z == ' ' || *z == '\t')
			z++;
		while (*z && !isspace((unsigned char)*z))	/* the zone's name */
			z++;
		any = true;
		for (;;) {
			unsigned long n;

			while (*z == ' ' || *z == '\t')
				z++;
			if (!isdigit((unsigned char)*z))
				break;
			n = strtoul(z, &end, 10);
			z = end;
			if (order >= 9)
				total += (long)(n << (order - 9));
			order++;
		}
	}
	return any ? total : -1;
}

/* Walk a CPU list; calls back for each range. -1 if malformed. */
static int cpulist_walk(const char *s, unsigned cpu, bool *has)
{
	int count = 0;

	while (*s && *s != '\n') {
		char *end;
		unsigned long a, b;

		if (!isdigit((unsigned char)*s))
			return -1;
		a = strtoul(s, &end, 10);
		b = a;
		s = end;
		if (*s == '-') {
			s++;
			if (!isdigit((unsigned char)*s))
				return -1;
			b = strtoul(s, &end, 10);
			s = end;
		}
		if (b < a || b - a > 65536)
			return -1;
		if (has && cpu >= a && cpu <= b)
			*has = true;
		count += (int)(b - a + 1);
		if (*s == ',')
			s++;
		else if (*s && *s != '\n')
			return -1;
	}
	return count;
}

int sc_cpulist_count(const char *list)
{
	return cpulist_walk(list, 0, NULL);
}

bool sc_cpulist_has(const char *list, unsigned cpu)
{
	bool has = false;

	return cpulist_walk(list, cpu, &has) >= 0 && has;
}

bool sc_word_in(const char *text, const char *word)
{
	size_t n = strlen(word);

	if (!n)
		return false;
	for (const char *p = text; (p = strstr(p, word)); p++) {
		bool start = p == text || isspace((unsigned char)p[-1]);
		bool stop = !p[n] || isspace((unsigned char)p[n]);

		if (start && stop)
			return true;
	}
	return false;
}

bool sc_sysfs_choice(const char *text, char *out, unsigned len)
{
	const char *a = strchr(text, '['), *b = a ? strchr(a, ']') : NULL;

	if (!a || !b || !len || (unsigned)(b - a - 1) >= len)
		return false;
	memcpy(out, a + 1, (size_t)(b - a - 1));
	out[b - a - 1] = '\0';
	return true;
}
