/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Paravirtual disk. Ring SC_RING_BLK_REQ carries requests (the partition
 * produces), SC_RING_BLK_CPL completions (the host produces); both rings
 * have 2^SC_BLK_RING_ORDER slots (boot info ring_order says the real
 * order) and SC_DEV_BLK is set in boot info devices when a disk exists.
 *
 * Protocol:
 *  - Every request gets exactly one completion, with the request's tag,
 *    in whatever order the host finishes them. Tags are the partition's
 *    business (the host only echoes them); a partition keeps at most as
 *    many requests outstanding as the completion ring has slots, so the
 *    host can always post every completion.
 *  - Sectors are always 512 bytes (SC_BLK_SECTOR_SIZE), whatever the
 *    backing store uses. The disk's block_size (GET_INFO) is the
 *    granularity of offsets and lengths: 512 or 4096.
 *  - Data moves between the disk and partition memory named by
 *    partition-physical segments: one or two inline in the request, or an
 *    indirect table of up to max_segs sc_blk_seg entries in partition
 *    memory (flag SC_BLK_REQ_INDIRECT). Segment addresses and lengths are
 *    multiples of SC_BLK_SEG_ALIGN, so the host can do direct I/O without
 *    a bounce buffer. The host reads an indirect table once, before the
 *    request starts; the partition must not change it or the data buffers
 *    until the completion arrives.
 *  - FLUSH completes once every write that was *submitted* before it has
 *    completed and is on stable storage (the host drains, then fdatasync).
 *  - Everything in a request is checked by the host before use; a bad one
 *    gets an error completion (and a line in the host's log), never more.
 *  - GET_INFO is answered inline in the completion (no buffer), so the
 *    driver needs no constant but the ring order from boot info.
 * Reserved and unused fields must be zero: the host refuses a request
 * whose reserved bits are set, so they can gain a meaning later.
 */
#ifndef SPARECORE_BLK_H
#define SPARECORE_BLK_H

#include "ring.h"

#define SC_BLK_RING_ORDER 7u   /* 128 slots each way: queue depth 128 */
#define SC_BLK_SECTOR_SHIFT 9u
#define SC_BLK_SECTOR_SIZE (1u << SC_BLK_SECTOR_SHIFT)
#define SC_BLK_SEG_ALIGN 512u  /* segment address and length granularity */
#define SC_BLK_INLINE_SEGS 2u
#define SC_BLK_MAX_SEGS 256u   /* ABI ceiling of an indirect table */
#define SC_BLK_MAX_BYTES (16u << 20) /* ABI ceiling of one request */

/* Message types in sc_slot.type; sc_slot.len is always SC_SLOT_PAYLOAD. */
#define SC_BLK_MSG_REQ 1u /* struct sc_blk_req, partition -> host */
#define SC_BLK_MSG_CPL 2u /* struct sc_blk_cpl, host -> partition */

/* Opcodes (sc_blk_req.op). 0 is never valid. */
enum sc_blk_op {
	SC_BLK_OP_READ = 1,     /**< disk -> segments */
	SC_BLK_OP_WRITE = 2,    /**< segments -> disk */
	SC_BLK_OP_FLUSH = 3,    /**< earlier writes to stable storage */
	SC_BLK_OP_DISCARD = 4,  /**< forget [sector, +bytes); reads give zeros */
	SC_BLK_OP_GET_INFO = 5, /**< sc_blk_cpl.info is filled */
};

/* Request flags (sc_blk_req.flags). */
#define SC_BLK_REQ_INDIRECT 0x1u /* seg[0] names a table of nseg segments */

/* Completion status (sc_blk_cpl.status). */
enum sc_blk_status {
	SC_BLK_S_OK = 0,
	SC_BLK_S_IOERR = 1,   /**< the backing store failed the I/O */
	SC_BLK_S_UNSUPP = 2,  /**< unknown opcode, or not supported here */
	SC_BLK_S_BADREQ = 3,  /**< malformed: flags, lengths, alignment */
	SC_BLK_S_RANGE = 4,   /**< sectors outside the disk */
	SC_BLK_S_BADADDR = 5, /**< a segment outside partition memory */
	SC_BLK_S_RDONLY = 6,  /**< write or discard on a read-only disk */
};

/* Name of a status, for people: the host's log and the partition's
 * messages say the same words. */
static inline const char *sc_blk_status_name(uint32_t status)
{
	switch (status) {
	case SC_BLK_S_OK: return "ok";
	case SC_BLK_S_IOERR: return "I/O error";
	case SC_BLK_S_UNSUPP: return "not supported";
	case SC_BLK_S_BADREQ: return "bad request";
	case SC_BLK_S_RANGE: return "out of range";
	case SC_BLK_S_BADADDR: return "bad address";
	case SC_BLK_S_RDONLY: return "read-only disk";
	default: return "unknown status";
	}
}

/** A piece of partition memory that data moves to or from. */
struct sc_blk_seg {
	uint64_t addr; /**< partition-physical, multiple of SC_BLK_SEG_ALIGN */
	uint32_t len;  /**< bytes, multiple of SC_BLK_SEG_ALIGN, > 0 */
	uint32_t pad;  /**< zero */
};
_Static_assert(sizeof(struct sc_blk_seg) == 16, "blk seg size");
_Static_assert(__builtin_offsetof(struct sc_blk_seg, len) == 8, "seg.len");

/** A request: the payload of an SC_BLK_MSG_REQ slot. */
struct sc_blk_req {
	uint32_t tag;    /**< echoed in the completion; the host ignores it */
	uint8_t op;      /**< enum sc_blk_op */
	uint8_t flags;   /**< SC_BLK_REQ_*; zero but for READ and WRITE */
	uint16_t nseg;   /**< READ/WRITE: inline segments used (1-2), or with
			      INDIRECT the table's entries (1..max_segs);
			      other opcodes: zero */
	uint64_t sector; /**< first 512-byte sector (READ, WRITE, DISCARD) */
	uint32_t bytes;  /**< READ/WRITE: sum of the segment lengths;
			      DISCARD: bytes to discard; both multiples of
			      block_size, at most max_bytes (READ/WRITE) */
	uint32_t reserved; /**< zero */
	struct sc_blk_seg seg[SC_BLK_INLINE_SEGS]; /**< inline segments; with
			      INDIRECT seg[0] = {table address (16-byte aligned),
			      nseg * 16} and seg[1] zero; unused entries zero */
};
_Static_assert(sizeof(struct sc_blk_req) == SC_SLOT_PAYLOAD, "blk req size");
_Static_assert(__builtin_offsetof(struct sc_blk_req, op) == 4, "req.op");
_Static_assert(__builtin_offsetof(struct sc_blk_req, flags) == 5, "req.flags");
_Static_assert(__builtin_offsetof(struct sc_blk_req, nseg) == 6, "req.nseg");
_Static_assert(__builtin_offsetof(struct sc_blk_req, sector) == 8, "req.sector");
_Static_assert(__builtin_offsetof(struct sc_blk_req, bytes) == 16, "req.bytes");
_Static_assert(__builtin_offsetof(struct sc_blk_req, reserved) == 20,
	       "req.reserved");
_Static_assert(__builtin_offsetof(struct sc_blk_req, seg) == 24, "req.seg");

/* Disk properties (sc_blk_info.flags). */
#define SC_BLK_INFO_RO 0x1u      /* writes and discards are refused */
#define SC_BLK_INFO_DISCARD 0x2u /* DISCARD is supported */
#define SC_BLK_INFO_DIRECT 0x4u  /* host uses O_DIRECT when aligned (info) */

/** What GET_INFO reports. */
struct sc_blk_info {
	uint64_t sectors;     /**< capacity in 512-byte sectors */
	uint32_t block_size;  /**< offsets and lengths are multiples of it */
	uint32_t flags;       /**< SC_BLK_INFO_* */
	uint32_t max_bytes;   /**< largest READ/WRITE, <= SC_BLK_MAX_BYTES */
	uint32_t max_segs;    /**< largest indirect table, <= SC_BLK_MAX_SEGS */
	uint32_t queue_depth; /**< requests the host works on at once */
	uint32_t dio_align;   /**< host's O_DIRECT alignment, 0 if buffered
				   (requests aligned to it avoid the page
				   cache); informational */
};
_Static_assert(sizeof(struct sc_blk_info) == 32, "blk info size");
_Static_assert(__builtin_offsetof(struct sc_blk_info, block_size) == 8,
	       "info.block_size");
_Static_assert(__builtin_offsetof(struct sc_blk_info, max_bytes) == 16,
	       "info.max_bytes");
_Static_assert(__builtin_offsetof(struct sc_blk_info, dio_align) == 28,
	       "info.dio_align");

/** A completion: the payload of an SC_BLK_MSG_CPL slot. */
struct sc_blk_cpl {
	uint32_t tag;      /**< the request's tag */
	uint32_t status;   /**< enum sc_blk_status */
	uint32_t bytes;    /**< bytes transferred (READ/WRITE), else 0 */
	uint32_t reserved; /**< zero */
	struct sc_blk_info info; /**< GET_INFO only; zero otherwise */
	uint64_t reserved2; /**< zero */
};
_Static_assert(sizeof(struct sc_blk_cpl) == SC_SLOT_PAYLOAD, "blk cpl size");
_Static_assert(__builtin_offsetof(struct sc_blk_cpl, status) == 4, "cpl.status");
_Static_assert(__builtin_offsetof(struct sc_blk_cpl, bytes) == 8, "cpl.bytes");
_Static_assert(__builtin_offsetof(struct sc_blk_cpl, info) == 16, "cpl.info");
_Static_assert(__builtin_offsetof(struct sc_blk_cpl, reserved2) == 48,
	       "cpl.reserved2");

_Static_assert(SC_RING_BYTES(SC_BLK_RING_ORDER) <= 0x10000,
	       "disk ring fits its area");
_Static_assert(SC_BLK_MAX_SEGS * sizeof(struct sc_blk_seg) == 4096,
	       "a full indirect table is one page");

#endif
