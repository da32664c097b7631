// SPDX-License-Identifier: GPL-2.0
#include "bench_line.h"

#include <string.h>

#include <sparecore/compiler.h>

/* Digits at *p into *v (no sign, no space, no overflow); advances *p. */
static int number(const char **p, uint64_t *v)
{
	const char *s = *p;

	if (*s < '0' || *s > '9')
		return -1;
	for (*v = 0; *s >= '0' && *s <= '9'; s++) {
		if (*v > (UINT64_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	return 0;
}

/* " key=" (no space before the first key) at *p; advances past it. */
static int key(const char **p, const char *k, int first)
{
	size_t n = strlen(k);

	if (!first && *(*p)++ != ' ')
		return -1;
	if (strncmp(*p, k, n) || (*p)[n] != '=')
		return -1;
	*p += n + 1;
	return 0;
}

int bench_line_parse(const char *line, struct bench_line *out)
{
#define KEY(name) #name,
#define VAL(name) &out->name,
	static const char *const keys[] = { SC_BENCH_LINE_FIELDS(KEY) };
	static const char *const modes[] = SC_BENCH_LINE_MODES;
	uint64_t *vals[] = { SC_BENCH_LINE_FIELDS(VAL) };
#undef KEY
#undef VAL
	const char *p = line;
	uint64_t whole, tenth;
	size_t mlen, m;

	memset(out, 0, sizeof(*out));
	if (strncmp(p, SC_BENCH_LINE_PREFIX, strlen(SC_BENCH_LINE_PREFIX)))
		return -1;
	p += strlen(SC_BENCH_LINE_PREFIX);
	if (key(&p, "mode", 1))
		return -1;
	mlen = strcspn(p, " ");
	for (m = 0; m < ARRAY_SIZE(modes); m++)
		if (strlen(modes[m]) == mlen && !strncmp(p, modes[m], mlen))
			break;
	if (m == ARRAY_SIZE(modes) || mlen >= sizeof(out->mode))
		return -1;
	memcpy(out->mode, p, mlen);
	p += mlen;
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (key(&p, keys[i], 0) || number(&p, vals[i]))
			return -1;
	/* mean99=W.T: one decimal, as the partition prints it. */
	if (key(&p, SC_BENCH_LINE_MEAN99, 0) || number(&p, &whole) || *p++ != '.' ||
	    number(&p, &tenth) || tenth > 9)
		return -1;
	out->mean99 = (double)whole + (double)tenth / 10.0;
	if (strncmp(p, SC_BENCH_LINE_END, strlen(SC_BENCH_LINE_END)))
		return -1;
	p += strlen(SC_BENCH_LINE_END);
	p += strspn(p, "\r\n");
	if (*p)
		return -1;
	if (out->min > out->median || out->median > out->p99 ||
	    out->p99 > out->p999 || out->p999 > out->max)
		return -1;
	return 0;
}
