/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Network byte order, one byte at a time: headers sit at any alignment in
 * a frame (IPv4 starts 14 bytes in), so no parser casts a pointer to a
 * wider type.
 */
#ifndef NET_BYTES_H
#define NET_BYTES_H

#include <sparecore/types.h>

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif
