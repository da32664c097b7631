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
	static const char *const keys[] = {
		"n", "warmup", "echoed", "host_skipped", "bells", "irqs",
		"sleeps", "min", "median", "p99", "p999", "max",
	};
	uint64_t *vals[] = {
		&out->n, &out->warmup, &out->echoed, &out->host_skipped,
		&out->bells, &out->irqs, &out->sleeps, &out->min, &out->median,
		&out->p99, &out->p999, &out->max,
	};
	const char *p = line;
	uint64_t whole, tenth;
	size_t mlen;

	memset(out, 0, sizeof(*out));
	if (strncmp(p, BENCH_LINE_PREFIX, strlen(BENCH_LINE_PREFIX)))
		return -1;
	p += strlen(BENCH_LINE_PREFIX);
	if (key(&p, "mode", 1))
		return -1;
	mlen = strcspn(p, " ");
	if (!((mlen == 4 && !strncmp(p, "poll", 4)) ||
	      (mlen == 3 && !strncmp(p, "ipi", 3)) ||
	      (mlen == 5 && !strncmp(p, "floor", 5))))
		return -1;
	memcpy(out->mode, p, mlen);
	p += mlen;
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (key(&p, keys[i], 0) || number(&p, vals[i]))
			return -1;
	/* mean99=W.T: one decimal, as the partition prints it. */
	if (key(&p, "mean99", 0) || number(&p, &whole) || *p++ != '.' ||
	    number(&p, &tenth) || tenth > 9)
		return -1;
	out->mean99 = (double)whole + (double)tenth / 10.0;
	if (strncmp(p, " (ns)", 5))
		return -1;
	p += 5;
	p += strspn(p, "\r\n");
	if (*p)
		return -1;
	if (out->min > out->median || out->median > out->p99 ||
	    out->p99 > out->p999 || out->p999 > out->max)
		return -1;
	return 0;
}
