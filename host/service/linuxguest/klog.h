/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest kernel's log, read out of its memory after it stopped: the
 * records of its printk ring buffer (6.1's lockless prb), found without
 * symbols. Each record's text sits in the data ring as one block: an
 * 8-byte descriptor id, then the text, padded to 8 bytes; consecutive
 * records have consecutive ids. So the reader looks for the kernel's first
 * record ("Linux version ...") preceded by an id, and follows the chain of
 * blocks whose ids count up by one. Nothing in the copy is trusted: every
 * step is bounded by the buffer, and text is shown as printable bytes only.
 * A ring that has wrapped (about 256 KiB of messages) is read up to the
 * wrap.
 */
#ifndef SC_LG_KLOG_H
#define SC_LG_KLOG_H

#include <stddef.h>
#include <stdint.h>

#define SC_LG_KLOG_LINE 256 /* longest line handed out, NUL included */

/* Called for each record in order; line is NUL-terminated, sanitised. */
typedef void (*sc_lg_klog_fn)(void *ctx, const char *line);

/*
 * Find the record chain in mem[0..len) that starts with a record
 * beginning with first (e.g. "Linux version 6.1.0-57-amd64") and has the
 * most records; hand the last max of them to fn. Returns the number of
 * records in the chain (0: none found).
 */
unsigned sc_lg_klog(const uint8_t *mem, size_t len, const char *first,
		    unsigned max, sc_lg_klog_fn fn, void *ctx);

#endif
