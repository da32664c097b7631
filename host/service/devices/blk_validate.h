/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checking a disk request from the partition before anything acts on it.
 * Pure code: no I/O, no io_uring, so unit tests and the fuzzer reach it
 * directly (tests/unit/test_blk_validate.c, tests/fuzz/fuzz_blk.c).
 */
#ifndef SC_BLK_VALIDATE_H
#define SC_BLK_VALIDATE_H

#include <sparecore/blk.h>

/* What the host serves; GET_INFO reports the same numbers. */
struct sc_blk_limits {
	uint64_t sectors;    /* capacity in 512-byte sectors */
	uint32_t block_size; /* 512 or 4096 */
	uint32_t max_bytes;  /* <= SC_BLK_MAX_BYTES */
	uint32_t max_segs;   /* 1..SC_BLK_MAX_SEGS */
	bool read_only;
	bool discard;
};

/* A request that passed: only this copy is used afterwards, never the
 * ring slot or the indirect table, which the partition may still change. */
struct sc_blk_io {
	uint32_t tag;
	uint8_t op;          /* enum sc_blk_op */
	uint64_t sector;     /* as the request said, valid or not (for logs) */
	uint64_t offset;     /* bytes into the disk */
	uint64_t bytes;      /* READ/WRITE/DISCARD length */
	uint32_t nseg;       /* READ/WRITE: entries in seg[] */
	struct sc_blk_seg seg[SC_BLK_MAX_SEGS]; /* each passed sc_dev_buf_ok */
};

/*
 * Check slot s (the consumer's private copy) against the limits and
 * partition memory [mem, mem + mem_size). Returns SC_BLK_S_OK and fills
 * *io, or the status for the error completion and sets *why to a short
 * reason for the host's log. io->tag is set either way (the completion
 * echoes it). An indirect table is copied out of mem once.
 */
uint32_t sc_blk_validate(const struct sc_blk_limits *lim,
			 const struct sc_slot *s, const uint8_t *mem,
			 uint64_t mem_size, struct sc_blk_io *io,
			 const char **why);

#endif
