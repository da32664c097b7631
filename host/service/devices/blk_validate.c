// SPDX-License-Identifier: GPL-2.0
/*
 * Every field of a disk request comes from the partition and is checked
 * here before the backend turns it into I/O: message type and length,
 * opcode, flags, reserved fields, sector range, length and alignment, and
 * each segment and indirect table against the device buffer rule
 * (dev_buf.h). Arithmetic is arranged so that
 * nothing can overflow: sums are 64-bit over at most 256 32-bit lengths,
 * and ranges are compared as "len <= size - start" after "start <= size".
 */
#include "blk_validate.h"

#include "dev_buf.h"

#include <string.h>

#include <sparecore/compiler.h>

#define FAIL(st, msg) do { *why = (msg); return (st); } while (0)

static bool seg_zero(const struct sc_blk_seg *g)
{
	return !g->addr && !g->len && !g->pad;
}

/* READ and WRITE: the disk range first, then the segments. */
static uint32_t check_rw(const struct sc_blk_limits *lim,
			 const struct sc_blk_req *r, const uint8_t *mem,
			 uint64_t mem_size, struct sc_blk_io *io,
			 const char **why)
{
	uint64_t total = 0;
	uint32_t i;

	if (r->op == SC_BLK_OP_WRITE && lim->read_only)
		FAIL(SC_BLK_S_RDONLY, "write to a read-only disk");
	if (r->flags & ~SC_BLK_REQ_INDIRECT)
		FAIL(SC_BLK_S_BADREQ, "unknown flags");
	if (!r->bytes)
		FAIL(SC_BLK_S_BADREQ, "zero length");
	if (r->bytes > lim->max_bytes)
		FAIL(SC_BLK_S_BADREQ, "longer than max_bytes");
	if (r->bytes % lim->block_size ||
	    (r->sector << SC_BLK_SECTOR_SHIFT) % lim->block_size)
		FAIL(SC_BLK_S_BADREQ, "not aligned to the block size");
	/* bytes is a multiple of 512 now; sector may be anything. */
	if (r->sector > lim->sectors ||
	    (r->bytes >> SC_BLK_SECTOR_SHIFT) > lim->sectors - r->sector)
		FAIL(SC_BLK_S_RANGE, "sectors past the end of the disk");

	if (r->flags & SC_BLK_REQ_INDIRECT) {
		const struct sc_blk_seg *t = &r->seg[0];

		if (!r->nseg || r->nseg > lim->max_segs)
			FAIL(SC_BLK_S_BADREQ, "indirect table of bad size");
		if (t->pad || !seg_zero(&r->seg[1]) ||
		    t->len != (uint32_t)r->nseg * sizeof(struct sc_blk_seg) ||
		    t->addr % sizeof(struct sc_blk_seg))
			FAIL(SC_BLK_S_BADREQ, "malformed indirect descriptor");
		if (!sc_dev_buf_ok(t->addr, t->len, mem_size))
			FAIL(SC_BLK_S_BADADDR, "indirect table outside usable partition memory");
		/* One copy; everything below looks only at it. */
		memcpy(io->seg, mem + t->addr, t->len);
	} else {
		if (!r->nseg || r->nseg > SC_BLK_INLINE_SEGS)
			FAIL(SC_BLK_S_BADREQ, "bad inline segment count");
		if (r->nseg == 1 && !seg_zero(&r->seg[1]))
			FAIL(SC_BLK_S_BADREQ, "unused segment not zero");
		memcpy(io->seg, r->seg, r->nseg * sizeof(r->seg[0]));
	}
	io->nseg = r->nseg;
	for (i = 0; i < io->nseg; i++) {
		const struct sc_blk_seg *g = &io->seg[i];

		if (!g->len || g->pad)
			FAIL(SC_BLK_S_BADREQ, "empty or malformed segment");
		if (g->addr % SC_BLK_SEG_ALIGN || g->len % SC_BLK_SEG_ALIGN)
			FAIL(SC_BLK_S_BADREQ, "segment not 512-byte aligned");
		if (!sc_dev_buf_ok(g->addr, g->len, mem_size))
			FAIL(SC_BLK_S_BADADDR, "segment outside usable partition memory");
		total += g->len;
	}
	if (total != r->bytes)
		FAIL(SC_BLK_S_BADREQ, "segments do not add up to the length");
	io->offset = r->sector << SC_BLK_SECTOR_SHIFT;
	io->bytes = r->bytes;
	return SC_BLK_S_OK;
}

uint32_t sc_blk_validate(const struct sc_blk_limits *lim,
			 const struct sc_slot *s, const uint8_t *mem,
			 uint64_t mem_size, struct sc_blk_io *io,
			 const char **why)
{
	struct sc_blk_req r;

	/* The slot is already a private copy; copy the payload out of it to
	 * get an aligned struct (data[] is only 8-byte aligned by luck). */
	memcpy(&r, s->data, sizeof(r));
	io->tag = r.tag;
	io->op = r.op;
	io->sector = r.sector;
	io->offset = 0;
	io->bytes = 0;
	io->nseg = 0;
	*why = "";
	if (s->type != SC_BLK_MSG_REQ)
		FAIL(SC_BLK_S_BADREQ, "not a request message");
	if (s->len != sizeof(r))
		FAIL(SC_BLK_S_BADREQ, "wrong message length");
	if (r.reserved)
		FAIL(SC_BLK_S_BADREQ, "reserved field not zero");

	switch (r.op) {
	case SC_BLK_OP_READ:
	case SC_BLK_OP_WRITE:
		return check_rw(lim, &r, mem, mem_size, io, why);
	case SC_BLK_OP_FLUSH:
	case SC_BLK_OP_GET_INFO:
		if (r.flags || r.nseg || r.sector || r.bytes ||
		    !seg_zero(&r.seg[0]) || !seg_zero(&r.seg[1]))
			FAIL(SC_BLK_S_BADREQ, "fields that must be zero are not");
		return SC_BLK_S_OK;
	case SC_BLK_OP_DISCARD:
		if (r.flags || r.nseg || !seg_zero(&r.seg[0]) ||
		    !seg_zero(&r.seg[1]))
			FAIL(SC_BLK_S_BADREQ, "discard with segments or flags");
		if (lim->read_only)
			FAIL(SC_BLK_S_RDONLY, "discard on a read-only disk");
		if (!lim->discard)
			FAIL(SC_BLK_S_UNSUPP, "discard not supported by this disk");
		if (!r.bytes || r.bytes % lim->block_size ||
		    (r.sector << SC_BLK_SECTOR_SHIFT) % lim->block_size)
			FAIL(SC_BLK_S_BADREQ, "discard not aligned to the block size");
		if (r.sector > lim->sectors ||
		    (r.bytes >> SC_BLK_SECTOR_SHIFT) > lim->sectors - r.sector)
			FAIL(SC_BLK_S_RANGE, "discard past the end of the disk");
		io->offset = r.sector << SC_BLK_SECTOR_SHIFT;
		io->bytes = r.bytes;
		return SC_BLK_S_OK;
	default:
		FAIL(SC_BLK_S_UNSUPP, "unknown opcode");
	}
}
