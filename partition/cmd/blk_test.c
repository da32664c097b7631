// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `blk test` writes a pattern and reads it back; `blk check` only reads
 * and compares (the host wrote it). The pattern is text a shell can make:
 * every 512-byte sector is 8 lines of 64 bytes,
 *
 *     printf 'sc seed %08x sector %016x line %d%16s\n' SEED SECTOR LINE ''
 *
 * so the host can recompute what the partition wrote (tests/e2e/disk.sh),
 * and a sector at the wrong place or with the wrong seed shows.
 *
 * Both run 8 requests of up to 64 KiB at once and lay the data out in
 * memory so the host's scatter-gather is exercised: writes send each
 * request's 4 KiB pages in reverse order through an indirect table, reads
 * land in two inline segments with the halves swapped.
 */
#include "blk_cmd.h"

#include "pv_blk.h"
#include "cpu.h"
#include "kprintf.h"
#include "kstring.h"
#include "timer.h"

#define SLOTS 8u
#define SLOT_BYTES (64u << 10)
#define SLOT_SECTORS (SLOT_BYTES / SC_BLK_SECTOR_SIZE)
#define PAGE 4096u
#define SECTORS_PER_PAGE (PAGE / SC_BLK_SECTOR_SIZE)
#define HALF (SLOT_BYTES / 2)
#define DEFAULT_SECTORS 8192u /* 4 MiB */

struct slot {
	struct blk_req r;
	struct sc_blk_seg segs[SLOT_BYTES / PAGE];
	uint8_t *buf;
	uint64_t sector;
	uint32_t count;  /* sectors */
	uint32_t split;  /* read: bytes in the first segment */
	bool busy;
};

static struct slot slots[SLOTS];
static void *test_mem;

static void hex(char *dst, uint64_t v, int digits)
{
	for (int i = digits - 1; i >= 0; i--) {
		dst[i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
}

/* One sector of the pattern. */
static void pattern(uint8_t *dst, uint32_t seed, uint64_t sector)
{
	for (unsigned l = 0; l < 8; l++) {
		char *p = (char *)dst + l * 64;

		memcpy(p, "sc seed ", 8);
		hex(p + 8, seed, 8);
		memcpy(p + 16, " sector ", 8);
		hex(p + 24, sector, 16);
		memcpy(p + 40, " line ", 6);
		p[46] = (char)('0' + l);
		memset(p + 47, ' ', 16);
		p[63] = '\n';
	}
}

/* Where sector k of a write slot lives: page j of the request is page
 * (pages - 1 - j) of the buffer. */
static uint8_t *write_place(struct slot *s, uint32_t k)
{
	uint32_t pages = (s->count + SECTORS_PER_PAGE - 1) / SECTORS_PER_PAGE;
	uint32_t j = k / SECTORS_PER_PAGE;

	return s->buf + (pages - 1 - j) * PAGE +
	       (k % SECTORS_PER_PAGE) * SC_BLK_SECTOR_SIZE;
}

/* Where sector k of a read slot lands: the first split bytes go to the
 * second half of the buffer, the rest to the first. */
static uint8_t *read_place(struct slot *s, uint32_t k)
{
	uint32_t off = k * SC_BLK_SECTOR_SIZE;

	return off < s->split ? s->buf + HALF + off : s->buf + (off - s->split);
}

static int start_slot(struct slot *s, bool write, uint32_t seed)
{
	uint32_t bytes = s->count * SC_BLK_SECTOR_SIZE, n = 0;

	memset(&s->r, 0, sizeof(s->r));
	if (write) {
		uint32_t pages = (bytes + PAGE - 1) / PAGE;

		for (uint32_t k = 0; k < s->count; k++)
			pattern(write_place(s, k), seed, s->sector + k);
		for (uint32_t j = 0; j < pages; j++) {
			uint32_t len = bytes - j * PAGE < PAGE ? bytes - j * PAGE : PAGE;

			s->segs[n].addr = blk_pa(s->buf + (pages - 1 - j) * PAGE);
			s->segs[n].len = len;
			s->segs[n].pad = 0;
			n++;
		}
	} else {
		/* Two segments when there are two sectors to split. */
		s->split = bytes > SC_BLK_SECTOR_SIZE ?
				   (bytes / 2) & ~(SC_BLK_SECTOR_SIZE - 1) : bytes;
		s->segs[n].addr = blk_pa(s->buf + HALF);
		s->segs[n].len = s->split;
		s->segs[n++].pad = 0;
		if (bytes > s->split) {
			s->segs[n].addr = blk_pa(s->buf);
			s->segs[n].len = bytes - s->split;
			s->segs[n++].pad = 0;
		}
	}
	s->r.op = write ? SC_BLK_OP_WRITE : SC_BLK_OP_READ;
	s->r.sector = s->sector;
	s->r.bytes = bytes;
	s->r.nseg = n;
	s->r.segs = s->segs;
	return blk_submit(&s->r);
}

struct pass {
	uint64_t bad, first_bad;
	int err;
};

/* Verify a finished read slot against the pattern. */
static void verify(struct slot *s, uint32_t seed, struct pass *p)
{
	uint8_t want[SC_BLK_SECTOR_SIZE];

	for (uint32_t k = 0; k < s->count; k++) {
		pattern(want, seed, s->sector + k);
		if (memcmp(read_place(s, k), want, sizeof(want))) {
			if (!p->bad || s->sector + k < p->first_bad)
				p->first_bad = s->sector + k;
			p->bad++;
		}
	}
}

/* One pass over [sector, sector + count) with SLOTS requests in flight. */
static void run_pass(bool write, uint64_t sector, uint64_t count,
		     uint32_t seed, uint32_t chunk, struct pass *p)
{
	uint64_t next = sector, end = sector + count;
	unsigned busy = 0;

	for (;;) {
		for (unsigned i = 0; i < SLOTS && next < end && !p->err; i++) {
			struct slot *s = &slots[i];
			int e;

			if (s->busy)
				continue;
			s->sector = next;
			s->count = end - next < chunk ? (uint32_t)(end - next) : chunk;
			e = start_slot(s, write, seed);
			if (e == BLK_E_BUSY)
				break;
			if (e) {
				p->err = e;
				break;
			}
			s->busy = true;
			busy++;
			next += s->count;
		}
		blk_kick();
		if (!busy && (next >= end || p->err))
			return;
		blk_wait();
		for (unsigned i = 0; i < SLOTS; i++) {
			struct slot *s = &slots[i];

			if (!s->busy || !s->r.finished)
				continue;
			s->busy = false;
			busy--;
			if (s->r.status && !p->err)
				p->err = (int)s->r.status;
			else if (!write)
				verify(s, seed, p);
		}
	}
}

static void print_rate(const char *what, uint64_t bytes, uint64_t cycles)
{
	uint64_t us = cycles * 1000 / (tsc_khz() ? tsc_khz() : 1);

	if (!us)
		us = 1;
	kprintf(", %s %llu.%llu MB/s", what,
		(unsigned long long)(bytes / us),
		(unsigned long long)(bytes * 10 / us % 10));
}

void blk_test_cmd(int argc, char **argv, bool write)
{
	const struct sc_blk_info *in = blk_info();
	const char *cmd = write ? "test" : "check";
	uint64_t sector = 0, count, seed = 1, t0, tw = 0, tr;
	uint32_t chunk = SLOT_SECTORS;
	struct pass p = { 0 };

	count = in->sectors < DEFAULT_SECTORS ? in->sectors : DEFAULT_SECTORS;
	if ((!write && argc < 4) ||
	    (argc > 2 && !blk_parse_u64(argv[2], &sector)) ||
	    (argc > 3 && !blk_parse_u64(argv[3], &count)) ||
	    (argc > 4 && (!blk_parse_u64(argv[4], &seed) || seed > 0xffffffffu))) {
		kprintf(write ? "usage: blk test [SECTOR [COUNT [SEED]]]\n" :
				"usage: blk check SECTOR COUNT [SEED]\n");
		return;
	}
	if (!blk_range_ok(cmd, sector, count))
		return;
	if (!blk_buffer(&test_mem, SLOTS * SLOT_BYTES))
		return;
	/* Requests within max_bytes, in whole blocks. */
	if (chunk * SC_BLK_SECTOR_SIZE > in->max_bytes)
		chunk = in->max_bytes / SC_BLK_SECTOR_SIZE;
	if (chunk > in->max_segs * SECTORS_PER_PAGE)
		chunk = in->max_segs * SECTORS_PER_PAGE;
	chunk -= chunk % (in->block_size / SC_BLK_SECTOR_SIZE);
	for (unsigned i = 0; i < SLOTS; i++) {
		slots[i].buf = (uint8_t *)test_mem + i * SLOT_BYTES;
		slots[i].busy = false;
	}

	if (write) {
		t0 = rdtsc();
		run_pass(true, sector, count, (uint32_t)seed, chunk, &p);
		if (!p.err)
			p.err = blk_flush();
		tw = rdtsc() - t0;
		if (p.err) {
			kprintf("blk test: writing failed: %s\n", blk_strerror(p.err));
			return;
		}
	}
	t0 = rdtsc();
	run_pass(false, sector, count, (uint32_t)seed, chunk, &p);
	tr = rdtsc() - t0;
	if (p.err) {
		kprintf("blk %s: reading failed: %s\n", cmd, blk_strerror(p.err));
		return;
	}
	kprintf("blk %s: sectors %llu-%llu seed %llu: ", cmd,
		(unsigned long long)sector,
		(unsigned long long)(sector + count - 1),
		(unsigned long long)seed);
	if (p.bad) {
		kprintf("%llu sectors differ, first %llu: mismatch\n",
			(unsigned long long)p.bad, (unsigned long long)p.first_bad);
		return;
	}
	kprintf("ok");
	if (write)
		print_rate("write+flush", count * SC_BLK_SECTOR_SIZE, tw);
	print_rate("read", count * SC_BLK_SECTOR_SIZE, tr);
	kprintf("\n");
}
