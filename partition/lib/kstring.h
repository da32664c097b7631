/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The string and memory functions the partition uses. memset, memcpy,
 * memmove and memcmp must exist under those names even if we never call
 * them: GCC may emit calls to them for struct copies and initialisers.
 */
#ifndef PARTITION_KSTRING_H
#define PARTITION_KSTRING_H

#include <sparecore/types.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* A shell argument as a number: decimal digits only, or with hex, also
 * "0x" and hex digits. False for anything else, an empty string or a
 * value past 2^64 - 1; the caller checks its own range. */
bool kstr_u64(const char *s, bool hex, uint64_t *out);

#endif
