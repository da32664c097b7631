// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The formatter behind kprintf and ksnprintf. It emits characters through a
 * sink, so the console version can stream output of any length through a
 * small stack buffer (one console write per buffer, not per character).
 */
#include "kprintf.h"

#include "pv_console.h"

struct sink {
	void (*put)(struct sink *s, char c);
	char *buf;
	size_t size; /* buffer capacity */
	size_t used; /* characters in buf */
	int total;   /* characters produced */
};

static void emit(struct sink *s, char c)
{
	s->put(s, c);
	s->total++;
}

static void emit_pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		emit(s, c);
}

static void emit_str(struct sink *s, const char *str, int width, bool left)
{
	int len = 0;

	if (!str)
		str = "(null)";
	while (str[len])
		len++;
	if (!left)
		emit_pad(s, ' ', width - len);
	for (int i = 0; i < len; i++)
		emit(s, str[i]);
	if (left)
		emit_pad(s, ' ', width - len);
}

static void emit_num(struct sink *s, unsigned long long v, bool negative,
		     unsigned int base, bool upper, int width, bool zero,
		     bool left, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24]; /* 2^64 in decimal has 20 digits */
	int n = 0, plen = 0, pad;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (prefix && prefix[plen])
		plen++;
	pad = width - n - plen - (negative ? 1 : 0);

	if (!left && !zero)
		emit_pad(s, ' ', pad);
	if (negative)
		emit(s, '-');
	for (int i = 0; prefix && prefix[i]; i++)
		emit(s, prefix[i]);
	if (!left && zero)
		emit_pad(s, '0', pad);
	while (n)
		emit(s, tmp[--n]);
	if (left)
		emit_pad(s, ' ', pad);
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		bool left = false, zero = false;
		int width = 0, longs = 0;

		if (*fmt != '%') {
			emit(s, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				zero = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'l')
				longs++;
			else if (*fmt == 'z')
				longs = 2;
			else
				break;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = longs >= 2 ? va_arg(ap, long long) :
				      longs ? va_arg(ap, long) :
					      va_arg(ap, int);
			/* Negate in unsigned arithmetic: LLONG_MIN has no
			 * positive counterpart in long long. */
			unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v :
						       (unsigned long long)v;

			emit_num(s, mag, v < 0, 10, false, width, zero, left, 0);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned long long v =
				longs >= 2 ? va_arg(ap, unsigned long long) :
				longs ? va_arg(ap, unsigned long) :
					va_arg(ap, unsigned int);

			emit_num(s, v, false, *fmt == 'u' ? 10 : 16, *fmt == 'X',
				 width, zero, left, 0);
			break;
		}
		case 'p':
			emit_num(s, (uintptr_t)va_arg(ap, void *), false, 16, false,
				 width, zero, left, "0x");
			break;
		case 's':
			emit_str(s, va_arg(ap, const char *), width, left);
			break;
		case 'c':
			if (!left)
				emit_pad(s, ' ', width - 1);
			emit(s, (char)va_arg(ap, int));
			if (left)
				emit_pad(s, ' ', width - 1);
			break;
		case '%':
			emit(s, '%');
			break;
		case '\0':
			return; /* lone '%' at the end */
		default:
			/* Unknown conversion: show it rather than guess. */
			emit(s, '%');
			emit(s, *fmt);
			break;
		}
	}
}

/* ---------------------------------------------------------------- buffer */

static void put_buf(struct sink *s, char c)
{
	if (s->used + 1 < s->size)
		s->buf[s->used++] = c;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .put = put_buf, .buf = buf, .size = size };

	format(&s, fmt, ap);
	if (size)
		buf[s.used] = '\0';
	return s.total;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* ---------------------------------------------------------------- console */

#define KPRINTF_CHUNK 128

static void put_console(struct sink *s, char c)
{
	s->buf[s->used++] = c;
	if (s->used == s->size) {
		console_write(s->buf, s->used);
		s->used = 0;
	}
}

int kvprintf(const char *fmt, va_list ap)
{
	char chunk[KPRINTF_CHUNK];
	struct sink s = { .put = put_console, .buf = chunk, .size = sizeof(chunk) };

	format(&s, fmt, ap);
	if (s.used)
		console_write(s.buf, s.used);
	return s.total;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
