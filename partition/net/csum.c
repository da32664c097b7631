// SPDX-License-Identifier: GPL-2.0 OR MIT
/* The Internet checksum (RFC 1071): one's-complement sum of 16-bit words. */
#include "netstack.h"

#include "bytes.h"

uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	/* 64 bits cannot overflow for any frame we handle; fold once. */
	uint64_t s = sum;

	while (len >= 2) {
		s += get16(p);
		p += 2;
		len -= 2;
	}
	if (len)
		s += (uint32_t)p[0] << 8; /* odd byte: pad with a zero */
	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}

uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint32_t csum_pseudo(uint32_t src, uint32_t dst, uint8_t proto, size_t len)
{
	uint64_t s = (uint64_t)(src >> 16) + (src & 0xffff) + (dst >> 16) +
		     (dst & 0xffff) + proto + len;

	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}
