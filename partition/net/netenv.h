/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Everything the network stack needs from the world around it, in one
 * place, so the same files build freestanding for the partition and
 * hosted for unit tests and fuzzers (which provide these functions
 * themselves). The stack includes no other partition header.
 */
#ifndef NET_NETENV_H
#define NET_NETENV_H

#include <sparecore/types.h>

/* The C library's memory functions: the partition's kstring.c, or libc.
 * Declared with the standard prototypes either way. */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* A free transmit buffer of NETIF_BUF_SIZE bytes, or NULL if none. */
#define NETIF_BUF_SIZE 1514u
uint8_t *netif_tx_buf(void);
/* Send len bytes of buf (from netif_tx_buf) and give the buffer back. */
void netif_tx_send(uint8_t *buf, size_t len);
/* Give a buffer back unsent. */
void netif_tx_drop(uint8_t *buf);

/* Monotonic time in microseconds. */
uint64_t net_now_us(void);

/* The body of the status page served on TCP port 80. Returns its length
 * (at most len - 1; the text is NUL-terminated). */
size_t net_status_text(char *buf, size_t len);

#endif
