/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A bump allocator over the partition memory above the image: buffers the
 * host reads and writes (disk data, descriptor tables). Nothing is ever
 * freed, so users take what they need once and keep it.
 */
#ifndef PARTITION_BUMP_ALLOC_H
#define PARTITION_BUMP_ALLOC_H

#include <sparecore/types.h>

/* bytes of zeroed memory aligned to align (a power of two, at most 2 MiB),
 * or NULL if it does not fit. */
void *bump_alloc(uint64_t bytes, uint64_t align);

/* Bytes still free (ignoring alignment). */
uint64_t bump_free_bytes(void);

#endif
