// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `blk`: info, read (hex dump), write, flush, discard, and `bad`, which
 * sends the host malformed requests and expects each to be refused.
 */
#include "blk_cmd.h"

#include "pv_blk.h"
#include "boot.h"
#include "bump_alloc.h"
#include "kprintf.h"
#include "kstring.h"
#include "vectors.h"

#define CMD_BUF_BYTES (64u << 10) /* read/write/bad buffer */
#define READ_MAX_SECTORS (CMD_BUF_BYTES / SC_BLK_SECTOR_SIZE)

static void *cmd_buf;

/* ---------------------------------------------------------------- helpers */

bool blk_parse_u64(const char *s, uint64_t *out)
{
	return kstr_u64(s, true, out);
}

bool blk_range_ok(const char *cmd, uint64_t sector, uint64_t count)
{
	const struct sc_blk_info *in = blk_info();
	uint64_t per = in->block_size / SC_BLK_SECTOR_SIZE;

	if (!count || sector % per || count % per) {
		kprintf("blk %s: sector and count must be multiples of %llu (%u-byte blocks), count > 0\n",
			cmd, (unsigned long long)per, in->block_size);
		return false;
	}
	if (sector > in->sectors || count > in->sectors - sector) {
		kprintf("blk %s: sectors %llu-%llu are past the end of the disk (%llu sectors)\n",
			cmd, (unsigned long long)sector,
			(unsigned long long)(sector + count - 1),
			(unsigned long long)in->sectors);
		return false;
	}
	return true;
}

void *blk_buffer(void **slot, uint64_t bytes)
{
	if (!*slot)
		*slot = bump_alloc(bytes, 4096);
	if (!*slot)
		kprintf("blk: not enough free partition memory (%llu KiB needed, %llu KiB free)\n",
			(unsigned long long)(bytes >> 10),
			(unsigned long long)(bump_free_bytes() >> 10));
	return *slot;
}

/* ---------------------------------------------------------------- info */

static void cmd_info(void)
{
	const struct sc_blk_info *in = blk_info();

	kprintf("capacity: %llu sectors of 512 bytes (%llu MiB)\n",
		(unsigned long long)in->sectors,
		(unsigned long long)(in->sectors >> 11));
	kprintf("block size: %u bytes\n", in->block_size);
	kprintf("mode: %s\n", in->flags & SC_BLK_INFO_RO ? "read-only" : "read-write");
	kprintf("discard: %s\n", in->flags & SC_BLK_INFO_DISCARD ? "yes" : "no");
	if (in->flags & SC_BLK_INFO_DIRECT)
		kprintf("host I/O: O_DIRECT for %u-byte aligned requests, else buffered\n",
			in->dio_align);
	else
		kprintf("host I/O: buffered (page cache)\n");
	kprintf("queue depth: %u (host %u), largest request %u KiB in up to %u segments\n",
		blk_queue_depth(), in->queue_depth, in->max_bytes >> 10,
		in->max_segs);
}

/* ---------------------------------------------------------------- read */

/* hexdump -C style: offset, 16 bytes, ASCII; repeated lines become "*". */
static void hexdump(uint64_t base, const uint8_t *p, uint64_t n)
{
	static const char hex[] = "0123456789abcdef";
	bool star = false;

	for (uint64_t off = 0; off < n; off += 16) {
		char line[80];
		size_t k = 0;

		if (off && !memcmp(p + off, p + off - 16, 16)) {
			if (!star)
				kprintf("*\n");
			star = true;
			continue;
		}
		star = false;
		for (unsigned i = 0; i < 16; i++) {
			uint8_t c = p[off + i];

			line[k++] = hex[c >> 4];
			line[k++] = hex[c & 15];
			line[k++] = ' ';
			if (i == 7)
				line[k++] = ' ';
		}
		line[k++] = ' ';
		line[k++] = '|';
		for (unsigned i = 0; i < 16; i++) {
			uint8_t c = p[off + i];

			line[k++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
		}
		line[k++] = '|';
		line[k] = 0;
		kprintf("%08llx  %s\n", (unsigned long long)(base + off), line);
	}
	kprintf("%08llx\n", (unsigned long long)(base + n));
}

static void cmd_read(int argc, char **argv)
{
	uint64_t sector, count = blk_info()->block_size / SC_BLK_SECTOR_SIZE;
	int e;

	if (argc < 3 || !blk_parse_u64(argv[2], &sector) ||
	    (argc > 3 && !blk_parse_u64(argv[3], &count)) || count > READ_MAX_SECTORS) {
		kprintf("usage: blk read SECTOR [COUNT]   (COUNT up to %u)\n",
			READ_MAX_SECTORS);
		return;
	}
	if (!blk_range_ok("read", sector, count) ||
	    !blk_buffer(&cmd_buf, CMD_BUF_BYTES))
		return;
	e = blk_read(sector, cmd_buf, count * SC_BLK_SECTOR_SIZE);
	if (e) {
		kprintf("blk read: %s\n", blk_strerror(e));
		return;
	}
	hexdump(sector * SC_BLK_SECTOR_SIZE, cmd_buf, count * SC_BLK_SECTOR_SIZE);
}

/* ---------------------------------------------------------------- write */

static void cmd_write(int argc, char **argv)
{
	uint32_t bs = blk_info()->block_size;
	uint64_t sector, len = 0;
	uint8_t *buf;
	int e;

	if (argc < 4 || !blk_parse_u64(argv[2], &sector)) {
		kprintf("usage: blk write SECTOR TEXT...   (one block, zero padded)\n");
		return;
	}
	if (!blk_range_ok("write", sector, bs / SC_BLK_SECTOR_SIZE) ||
	    !(buf = blk_buffer(&cmd_buf, CMD_BUF_BYTES)))
		return;
	memset(buf, 0, bs);
	/* The shell split the text at blanks: join it with one space. */
	for (int i = 3; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (i > 3 && len < bs)
			buf[len++] = ' ';
		if (n > bs - len)
			n = bs - len;
		memcpy(buf + len, argv[i], n);
		len += n;
	}
	e = blk_write(sector, buf, bs);
	if (e) {
		kprintf("blk write: %s\n", blk_strerror(e));
		return;
	}
	kprintf("blk write: %llu bytes at sector %llu: ok\n",
		(unsigned long long)len, (unsigned long long)sector);
}

static void cmd_spin(int argc, char **argv)
{
	uint64_t us;

	if (argc > 2) {
		if (!blk_parse_u64(argv[2], &us) || us > 1000000) {
			kprintf("usage: blk spin [MICROSECONDS]   (0 to 1000000)\n");
			return;
		}
		blk_set_spin((uint32_t)us);
	}
	kprintf("blk spin: %u us before waiting for a doorbell\n", blk_spin());
}

static void cmd_flush(void)
{
	int e = blk_flush();

	kprintf("blk flush: %s\n", blk_strerror(e));
}

static void cmd_discard(int argc, char **argv)
{
	uint64_t sector, count;
	int e;

	if (argc < 4 || !blk_parse_u64(argv[2], &sector) ||
	    !blk_parse_u64(argv[3], &count)) {
		kprintf("usage: blk discard SECTOR COUNT\n");
		return;
	}
	if (!blk_range_ok("discard", sector, count))
		return;
	if (count > (0xffffffffu >> SC_BLK_SECTOR_SHIFT)) {
		kprintf("blk discard: at most %u sectors at a time\n",
			0xffffffffu >> SC_BLK_SECTOR_SHIFT);
		return;
	}
	e = blk_discard(sector, (uint32_t)(count << SC_BLK_SECTOR_SHIFT));
	kprintf("blk discard: %s\n", blk_strerror(e));
}

/* ---------------------------------------------------------------- bad */

/* Malformed requests, each with the status the host must answer. They
 * name cmd_buf (inside partition memory) wherever a buffer must be valid,
 * so the one thing wrong is the thing named. */
static void cmd_bad(void)
{
	const struct sc_blk_info *in = blk_info();
	uint32_t bs = in->block_size;
	uint64_t mem = boot_info->mem_size, pa;
	unsigned ok = 0, n = 0;
	struct {
		const char *what;
		struct sc_blk_req q;
		uint32_t want;
	} c[16];

	if (!blk_buffer(&cmd_buf, CMD_BUF_BYTES))
		return;
	pa = blk_pa(cmd_buf);
	memset(c, 0, sizeof(c));
#define CASE(w, st) (c[n].what = (w), c[n].want = (st), &c[n++].q)
#define RD(Q, SEC, LEN) ((Q)->op = SC_BLK_OP_READ, (Q)->sector = (SEC), \
			 (Q)->bytes = (LEN), (Q)->nseg = 1, \
			 (Q)->seg[0].addr = pa, (Q)->seg[0].len = (LEN))
	{
		struct sc_blk_req *q;

		q = CASE("sector past the end", SC_BLK_S_RANGE);
		RD(q, in->sectors, bs);
		q = CASE("sector number near 2^64", SC_BLK_S_RANGE);
		RD(q, ~0ull << 12, bs);
		q = CASE("buffer past the end of memory", SC_BLK_S_BADADDR);
		RD(q, 0, bs);
		q->seg[0].addr = mem;
		q = CASE("buffer wrapping around 2^64", SC_BLK_S_BADADDR);
		RD(q, 0, bs);
		q->seg[0].addr = ~0ull << 9;
		q = CASE("segment lengths overflowing 32 bits", SC_BLK_S_BADADDR);
		RD(q, 0, bs);
		q->nseg = 2;
		q->seg[0].len = 0xfffffe00u;
		q->seg[1].addr = pa;
		q->seg[1].len = bs + 0x200;
		q = CASE("unknown opcode", SC_BLK_S_UNSUPP);
		q->op = 99;
		q = CASE("segments not adding up", SC_BLK_S_BADREQ);
		RD(q, 0, bs);
		q->bytes = 2 * bs;
		q = CASE("unaligned buffer", SC_BLK_S_BADREQ);
		RD(q, 0, bs);
		q->seg[0].addr = pa + 8;
		q = CASE("indirect table outside memory", SC_BLK_S_BADADDR);
		RD(q, 0, bs);
		q->flags = SC_BLK_REQ_INDIRECT;
		q->seg[0].addr = mem;
		q->seg[0].len = 16;
		q = CASE("indirect table of 60000 entries", SC_BLK_S_BADREQ);
		RD(q, 0, bs);
		q->flags = SC_BLK_REQ_INDIRECT;
		q->nseg = 60000;
		q = CASE("reserved field set", SC_BLK_S_BADREQ);
		RD(q, 0, bs);
		q->reserved = 1;
		q = CASE("zero-length read", SC_BLK_S_BADREQ);
		RD(q, 0, 0);
		q->seg[0].len = bs;
		q = CASE("read longer than max_bytes", SC_BLK_S_BADREQ);
		RD(q, 0, in->max_bytes + bs);
		q = CASE("flush carrying a buffer", SC_BLK_S_BADREQ);
		q->op = SC_BLK_OP_FLUSH;
		q->nseg = 1;
		q->seg[0].addr = pa;
		q->seg[0].len = bs;
	}
#undef CASE
#undef RD
	for (unsigned i = 0; i < n; i++) {
		struct blk_req r;
		int e;

		memset(&r, 0, sizeof(r));
		e = blk_submit_raw(&r, &c[i].q);
		if (!e) {
			blk_kick();
			e = blk_wait_for(&r);
		}
		if (e == (int)c[i].want)
			ok++;
		kprintf("  %-36s -> %s%s\n", c[i].what, blk_strerror(e),
			e == (int)c[i].want ? "" : "  (UNEXPECTED)");
	}
	kprintf("blk bad: %u of %u refused as expected\n", ok, n);
	/* And the disk still works. */
	kprintf("blk bad: disk still answers: %s\n",
		blk_strerror(blk_read(0, cmd_buf, bs)));
}

/* ---------------------------------------------------------------- dispatch */

static void usage(void)
{
	kprintf("usage: blk info | read SECTOR [COUNT] | write SECTOR TEXT... | flush\n"
		"       | discard SECTOR COUNT | test [SECTOR [COUNT [SEED]]]\n"
		"       | check SECTOR COUNT [SEED] | bench [SECTOR [COUNT]] | bad\n"
		"       | spin [US]   (poll the disk this long before sleeping)\n"
		"  sectors are 512 bytes; test, bench and write overwrite the disk\n");
}

void cmd_blk(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "help";

	if (!strcmp(sub, "help")) {
		usage();
		return;
	}
	if (!blk_present()) {
		kprintf("blk: no disk (run sparecore with --disk FILE)\n");
		return;
	}
	if (!strcmp(sub, "info"))
		cmd_info();
	else if (!strcmp(sub, "read"))
		cmd_read(argc, argv);
	else if (!strcmp(sub, "write"))
		cmd_write(argc, argv);
	else if (!strcmp(sub, "flush"))
		cmd_flush();
	else if (!strcmp(sub, "discard"))
		cmd_discard(argc, argv);
	else if (!strcmp(sub, "test"))
		blk_test_cmd(argc, argv, true);
	else if (!strcmp(sub, "check"))
		blk_test_cmd(argc, argv, false);
	else if (!strcmp(sub, "bench"))
		blk_bench_cmd(argc, argv);
	else if (!strcmp(sub, "bad"))
		cmd_bad();
	else if (!strcmp(sub, "spin"))
		cmd_spin(argc, argv);
	else
		usage();
}
