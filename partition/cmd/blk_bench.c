// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `blk bench`: sequential read and write throughput (1 MiB requests, 4 in
 * flight) and 4 KiB random-read IOPS at queue depth 1 and 32, each for
 * PHASE_MS, with median and 99th-percentile latency (submit to reaped
 * completion, TSC time). tests/bench/disk.sh runs the host's own reads
 * with the same shape (build/hostio) and compares; the columns below are
 * what it parses.
 */
#include "blk_cmd.h"

#include "pv_blk.h"
#include "cpu.h"
#include "kprintf.h"
#include "kstring.h"
#include "sort_u64.h"
#include "timer.h"

#define SEQ_QD 4u
#define SEQ_BYTES (1u << 20)
#define RAND_QD 32u
#define RAND_BYTES 4096u
#define PHASE_MS 2000u
#define LAT_MAX (128u << 10)
#define DEFAULT_SECTORS (256ull << 11) /* 256 MiB */

struct bslot {
	struct blk_req r;
	struct sc_blk_seg seg;
	uint64_t t0;
	bool busy;
};

struct result {
	uint64_t ops, bytes, cycles;
	int err;
};

static struct bslot bslots[RAND_QD];
static void *bench_mem, *lat_mem;
static uint64_t *lat;
static uint32_t nlat;
static uint64_t rng = 0x9e3779b97f4a7c15ull;

_Static_assert(SEQ_QD * SEQ_BYTES >= RAND_QD * RAND_BYTES, "buffers");

static uint64_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void on_done(struct blk_req *r)
{
	struct bslot *s = r->ctx;

	if (nlat < LAT_MAX)
		lat[nlat++] = rdtsc() - s->t0;
}

/* One test: keep qd requests of bytes in flight for PHASE_MS. */
static void phase(uint8_t op, uint32_t bytes, unsigned qd, bool random,
		  uint64_t start, uint64_t count, struct result *res)
{
	uint64_t t0 = rdtsc(), deadline = t0 + tsc_khz() * PHASE_MS;
	uint32_t step = bytes / SC_BLK_SECTOR_SIZE;
	uint64_t blocks = count / step, next = start;
	unsigned busy = 0;

	memset(res, 0, sizeof(*res));
	nlat = 0;
	for (;;) {
		bool go = rdtsc() < deadline && !res->err;

		for (unsigned i = 0; i < qd && go; i++) {
			struct bslot *s = &bslots[i];
			int e;

			if (s->busy)
				continue;
			memset(&s->r, 0, sizeof(s->r));
			s->r.op = op;
			if (random) {
				s->r.sector = start + (xorshift() % blocks) * step;
			} else {
				s->r.sector = next;
				next += step;
				if (next + step > start + blocks * step)
					next = start;
			}
			s->r.bytes = bytes;
			s->r.nseg = 1;
			s->seg.addr = blk_pa((uint8_t *)bench_mem + i * bytes);
			s->seg.len = bytes;
			s->seg.pad = 0;
			s->r.segs = &s->seg;
			s->r.done = on_done;
			s->r.ctx = s;
			s->t0 = rdtsc();
			e = blk_submit(&s->r);
			if (e == BLK_E_BUSY)
				break;
			if (e) {
				res->err = e;
				break;
			}
			s->busy = true;
			busy++;
		}
		blk_kick();
		if (!busy)
			break;
		blk_wait();
		for (unsigned i = 0; i < qd; i++) {
			struct bslot *s = &bslots[i];

			if (!s->busy || !s->r.finished)
				continue;
			s->busy = false;
			busy--;
			if (s->r.status && !res->err)
				res->err = (int)s->r.status;
			res->ops++;
			res->bytes += s->r.done_bytes;
		}
	}
	res->cycles = rdtsc() - t0;
}

/* Print a number of tenths as "123.4". */
static void tenths(int width, uint64_t v)
{
	char buf[32];
	int n = ksnprintf(buf, sizeof(buf), "%llu.%llu",
			  (unsigned long long)(v / 10),
			  (unsigned long long)(v % 10));

	/* kprintf has no '*' width: pad by hand. */
	kprintf(" ");
	while (n++ < width)
		kprintf(" ");
	kprintf("%s", buf);
}

static void report(const char *name, uint32_t bytes, unsigned qd,
		   const struct result *r)
{
	uint64_t khz = tsc_khz() ? tsc_khz() : 1;
	uint64_t us = r->cycles * 1000 / khz, p50 = 0, p99 = 0;

	if (!us)
		us = 1;
	kprintf("%-10s %5uK %4u", name, bytes >> 10, qd);
	if (r->err) {
		kprintf("  failed: %s\n", blk_strerror(r->err));
		return;
	}
	if (nlat) {
		sort_u64(lat, nlat);
		/* Latencies in tenths of a microsecond. */
		p50 = lat[nlat / 2] * 10000 / khz;
		p99 = lat[(uint64_t)nlat * 99 / 100] * 10000 / khz;
	}
	tenths(9, r->bytes * 10 / us);
	kprintf(" %8llu", (unsigned long long)(r->ops * 1000000 / us));
	tenths(8, p50);
	tenths(8, p99);
	kprintf("\n");
}

void blk_bench_cmd(int argc, char **argv)
{
	const struct sc_blk_info *in = blk_info();
	uint64_t sector = 0, count;
	uint32_t seq = SEQ_BYTES;
	struct result r;
	unsigned qd = blk_queue_depth();

	count = in->sectors < DEFAULT_SECTORS ? in->sectors : DEFAULT_SECTORS;
	if ((argc > 2 && !blk_parse_u64(argv[2], &sector)) ||
	    (argc > 3 && !blk_parse_u64(argv[3], &count))) {
		kprintf("usage: blk bench [SECTOR [COUNT]]\n");
		return;
	}
	if (!blk_range_ok("bench", sector, count))
		return;
	if (seq > in->max_bytes)
		seq = in->max_bytes - in->max_bytes % in->block_size;
	if (count * SC_BLK_SECTOR_SIZE < seq || in->block_size > RAND_BYTES) {
		kprintf("blk bench: needs at least %u KiB and blocks of at most 4 KiB\n",
			seq >> 10);
		return;
	}
	if (qd < RAND_QD) {
		kprintf("blk bench: queue depth %u is below %u\n", qd, RAND_QD);
		return;
	}
	if (!blk_buffer(&bench_mem, SEQ_QD * SEQ_BYTES) ||
	    !blk_buffer(&lat_mem, LAT_MAX * sizeof(uint64_t)))
		return;
	lat = lat_mem;
	kprintf("blk bench: sectors %llu-%llu (%llu MiB), %u s per test%s\n",
		(unsigned long long)sector,
		(unsigned long long)(sector + count - 1),
		(unsigned long long)(count >> 11), PHASE_MS / 1000,
		in->flags & SC_BLK_INFO_RO ? ", read-only: no write test" : "");
	kprintf("test        block   QD      MB/s     IOPS   p50 us   p99 us\n");
	phase(SC_BLK_OP_READ, seq, SEQ_QD, false, sector, count, &r);
	report("seq-read", seq, SEQ_QD, &r);
	if (!(in->flags & SC_BLK_INFO_RO)) {
		phase(SC_BLK_OP_WRITE, seq, SEQ_QD, false, sector, count, &r);
		report("seq-write", seq, SEQ_QD, &r);
	}
	phase(SC_BLK_OP_READ, RAND_BYTES, 1, true, sector, count, &r);
	report("rand-read", RAND_BYTES, 1, &r);
	phase(SC_BLK_OP_READ, RAND_BYTES, RAND_QD, true, sector, count, &r);
	report("rand-read", RAND_BYTES, RAND_QD, &r);
}
