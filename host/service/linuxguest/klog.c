// SPDX-License-Identifier: GPL-2.0
#include "klog.h"

#include <string.h>

#define ID_MASK (~(3ull << 62))  /* ids never carry the state bits */
#define MAX_TEXT 1024u           /* PRINTKRB_RECORD_MAX in 6.1 */

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* Offset of the block after the one at b (id id), or 0 if there is none
 * within a record's length. */
static size_t next_block(const uint8_t *mem, size_t len, size_t b, uint64_t id)
{
	for (size_t n = b + 8; n + 8 <= len && n <= b + 8 + MAX_TEXT + 8; n += 8)
		if (n > b + 8 && get64(mem + n) == id + 1)
			return n;
	return 0;
}

/* The chain from the block at b: its length, and where its k-th block
 * from the end starts (for the tail). */
static unsigned chain_len(const uint8_t *mem, size_t len, size_t b)
{
	unsigned n = 1;
	uint64_t id = get64(mem + b);

	while ((b = next_block(mem, len, b, id))) {
		n++;
		id++;
	}
	return n;
}

static void emit(const uint8_t *mem, size_t from, size_t to, sc_lg_klog_fn fn,
		 void *ctx)
{
	char line[SC_LG_KLOG_LINE];
	size_t i, n = 0;

	for (i = from; i < to && n + 1 < sizeof(line); i++) {
		uint8_t c = mem[i];

		/* The text ends at its newline: printk moves a message left
		 * over its 2-byte level prefix and leaves the old tail behind
		 * in the block's padding. */
		if (!c || c == '\n')
			break;
		/* A KERN_CONT marker left inside a joined record. */
		if (c == 0x01 && i + 1 < to) {
			i++;
			continue;
		}
		line[n++] = c >= 0x20 && c < 0x7f ? (char)c : c == '\t' ? ' ' : '?';
	}
	/* printk strips a message's newline, then moves it left over its
	 * 2-byte level prefix: its last 2 bytes stay behind, repeated,
	 * before the newline ("disabled" reads "disableded"). Drop such a
	 * repeat; a message that really ends in one pair twice loses 2. */
	if (n >= 4 && !memcmp(line + n - 2, line + n - 4, 2))
		n -= 2;
	line[n] = 0;
	fn(ctx, line);
}

unsigned sc_lg_klog(const uint8_t *mem, size_t len, const char *first,
		    unsigned max, sc_lg_klog_fn fn, void *ctx)
{
	size_t flen = strlen(first), best = 0, b, end;
	unsigned best_n = 0, n, skip;
	uint64_t id;

	if (len < 16 || !flen)
		return 0;
	for (size_t a = 8; a + flen <= len; a += 8) {
		if (memcmp(mem + a, first, flen))
			continue;
		id = get64(mem + a - 8);
		if (id & ~ID_MASK)
			continue;
		n = chain_len(mem, len, a - 8);
		if (n > best_n) {
			best_n = n;
			best = a - 8;
		}
	}
	/* A lone "record" is as likely the banner string in .rodata. */
	if (best_n < 2)
		return 0;
	skip = best_n > max ? best_n - max : 0;
	for (b = best, id = get64(mem + b), n = 0; n < best_n; n++, id++) {
		size_t next = next_block(mem, len, b, id);

		end = next ? next : (b + 8 + MAX_TEXT < len ? b + 8 + MAX_TEXT : len);
		if (n >= skip)
			emit(mem, b + 8, end, fn, ctx);
		b = next;
	}
	return best_n;
}
