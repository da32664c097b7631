// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target for the disk request checks
 * (host/service/devices/blk_validate.c).
 * Input: a control byte, 8 bytes of disk limits, a 64-byte ring slot, and
 * the rest as partition memory from SC_IMAGE_PA on (where indirect tables
 * may live). Whatever the checks let through must name only sectors that
 * exist and memory the device buffer rule allows (dev_buf.h: at or above
 * SC_IMAGE_PA, below the end), with lengths that add up; anything else
 * traps. ASan and UBSan catch reads
 * outside memory and overflowing arithmetic.
 *
 *   make fuzz FUZZ_TARGETS=blk FUZZ_SECONDS=600   (long run; tests/fuzz/README.md)
 */
#include <stdint.h>
#include <string.h>

#include <sparecore/abi.h>

#include "blk_validate.h"

/* The reserved low area and 64 KiB above it. */
#define MEM_SIZE (SC_IMAGE_PA + (64u << 10))

static uint8_t mem[MEM_SIZE];
static struct sc_blk_io io;

#define REQUIRE(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_blk_limits lim;
	struct sc_slot s;
	const char *why = NULL;
	uint64_t total = 0, per;
	uint8_t ctl;
	uint32_t st;

	if (size < 1 + 8 + sizeof(s))
		return 0;
	ctl = data[0];
	memset(&lim, 0, sizeof(lim));
	lim.block_size = ctl & 1 ? 4096 : 512;
	lim.read_only = ctl & 2;
	lim.discard = ctl & 4;
	lim.max_segs = 1u + data[1];                      /* 1..256 */
	lim.max_bytes = (1u + (data[2] | (uint32_t)data[3] << 8)) * 4096u;
	if (lim.max_bytes > SC_BLK_MAX_BYTES)
		lim.max_bytes = SC_BLK_MAX_BYTES;
	memcpy(&lim.sectors, data + 4, 4);
	if (ctl & 8)
		lim.sectors <<= 20; /* a huge disk */
	per = lim.block_size / SC_BLK_SECTOR_SIZE;
	lim.sectors -= lim.sectors % per;
	memcpy(&s, data + 9, sizeof(s));
	/* Mostly a well-formed message, so the fuzzer spends its time on
	 * the fields behind it. */
	if (!(ctl & 0x80)) {
		s.type = SC_BLK_MSG_REQ;
		s.len = SC_SLOT_PAYLOAD;
	}
	/* Only the part a request may name is ever read. */
	memset(mem + SC_IMAGE_PA, 0, MEM_SIZE - SC_IMAGE_PA);
	size -= 9 + sizeof(s);
	memcpy(mem + SC_IMAGE_PA, data + 9 + sizeof(s),
	       size < MEM_SIZE - SC_IMAGE_PA ? size : MEM_SIZE - SC_IMAGE_PA);

	st = sc_blk_validate(&lim, &s, mem, MEM_SIZE, &io, &why);
	REQUIRE(why != NULL);
	REQUIRE(sc_blk_status_name(st) != NULL);
	if (st != SC_BLK_S_OK)
		return 0;
	REQUIRE(io.op >= SC_BLK_OP_READ && io.op <= SC_BLK_OP_GET_INFO);
	if (io.op == SC_BLK_OP_WRITE || io.op == SC_BLK_OP_DISCARD)
		REQUIRE(!lim.read_only);
	if (io.op == SC_BLK_OP_READ || io.op == SC_BLK_OP_WRITE ||
	    io.op == SC_BLK_OP_DISCARD) {
		REQUIRE(io.bytes > 0);
		REQUIRE(io.offset % lim.block_size == 0);
		REQUIRE(io.bytes % lim.block_size == 0);
		REQUIRE(io.offset / SC_BLK_SECTOR_SIZE <= lim.sectors);
		REQUIRE(io.bytes <= lim.sectors * SC_BLK_SECTOR_SIZE - io.offset);
	}
	if (io.op == SC_BLK_OP_READ || io.op == SC_BLK_OP_WRITE) {
		REQUIRE(io.bytes <= lim.max_bytes);
		/* max_segs bounds indirect tables; two inline always fit. */
		REQUIRE(io.nseg >= 1 && (io.nseg <= lim.max_segs ||
					 io.nseg <= SC_BLK_INLINE_SEGS));
		for (uint32_t i = 0; i < io.nseg; i++) {
			REQUIRE(io.seg[i].len > 0);
			REQUIRE(io.seg[i].addr >= SC_IMAGE_PA);
			REQUIRE(io.seg[i].addr < MEM_SIZE);
			REQUIRE(io.seg[i].len <= MEM_SIZE - io.seg[i].addr);
			REQUIRE(io.seg[i].addr % SC_BLK_SEG_ALIGN == 0);
			total += io.seg[i].len;
		}
		REQUIRE(total == io.bytes);
	} else {
		REQUIRE(io.nseg == 0);
	}
	return 0;
}
