/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Addresses as text, one parser for both sides: the host reads them from
 * the user (host/service/cli/net_args.c), the partition reads them back from
 * its command line (partition/net/config.c). Freestanding. Each function
 * returns the first character after what it took, or NULL (and leaves
 * its output alone) if the text is not one; a NULL input gives NULL.
 */
#ifndef SC_ADDR_TEXT_H
#define SC_ADDR_TEXT_H

#include <stdint.h>

/* A decimal number of 1..maxdigits digits, not followed by another digit. */
const char *addr_dec(const char *s, unsigned maxdigits, unsigned *v);
/* A dotted quad, each part 0..255; *ip in host byte order. */
const char *addr_quad(const char *s, uint32_t *ip);
/* Six hex pairs separated by ':'. */
const char *addr_mac(const char *s, uint8_t mac[6]);

#endif
