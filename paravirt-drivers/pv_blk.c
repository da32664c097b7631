// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Paravirtual disk, partition side (see blk.h). The ring protocol is the
 * ring library's; this file owns tags, indirect tables, and waiting.
 *
 * Tags: one per request in flight, an index into tags[]. A completion
 * names its tag; one we did not hand out, or not in flight, is dropped and
 * counted, so a confused host cannot make us touch a stale request.
 *
 * Waiting: the partition owns its CPU, so spinning on the completion ring
 * costs no other work here, and a completion from the page cache follows
 * within microseconds; only after spin_us (SPIN_US unless blk_set_spin
 * changed it) do we arm the ring (ask the host for a doorbell), re-check,
 * and halt until the doorbell or a timer tick. Spinning does not arm, so
 * completions that arrive while we spin cost the host no doorbell IPI.
 * The spin is kept short because a halted CPU is worth something too: in
 * the lab VM (and with SMT on a real host) it frees the core that runs
 * the service.
 */
#include "pv_blk.h"

#include <sparecore/compiler.h>

#include "acpi.h"
#include "apic.h"
#include "boot.h"
#include "bump_alloc.h"
#include "cpu.h"
#include "kprintf.h"
#include "kstring.h"
#include "timer.h"
#include "vectors.h"

#define BLK_QD_MAX 256u
#define SPIN_US 20u            /* default for spin_us */
#define TIMEOUT_MS 30000u      /* a request the host never answers */
#define INFO_TIMEOUT_MS 5000u  /* GET_INFO at start */
#define SYNC_WINDOW 16u        /* requests in flight per blk_read/write */
#define RFLAGS_IF (1ull << 9)

struct tag {
	struct blk_req *req;      /* NULL if free, or given up on (timeout) */
	struct sc_blk_seg *table; /* indirect table, allocated on first use */
	bool busy;                /* in flight */
	bool info;                /* a GET_INFO: keep its answer */
};

static struct sc_ring req_ring, cpl_ring;
static bool started, ready;
static struct sc_blk_info disk;
static struct tag tags[BLK_QD_MAX];
static uint32_t free_tags[BLK_QD_MAX], nfree, qd, inflight;
static uint64_t bad_cpls;
static uint32_t spin_us = SPIN_US;

void blk_set_spin(uint32_t us)
{
	spin_us = us;
}

uint32_t blk_spin(void)
{
	return spin_us;
}

bool blk_present(void)
{
	return ready;
}

const struct sc_blk_info *blk_info(void)
{
	return &disk;
}

unsigned blk_queue_depth(void)
{
	return qd;
}

unsigned blk_inflight(void)
{
	return inflight;
}

uint64_t blk_pa(const void *va)
{
	return (uint64_t)(uintptr_t)va - SC_VIRT_BASE;
}

static bool broken(void)
{
	return req_ring.broken || cpl_ring.broken;
}

/* ---------------------------------------------------------------- submit */

/* Put q (tag filled in here) into the ring for r. table: segments to send
 * indirectly (n entries), or NULL. */
static int queue(struct blk_req *r, struct sc_blk_req *q,
		 const struct sc_blk_seg *table, uint32_t n, bool info)
{
	struct sc_slot *s;
	struct tag *t;
	uint32_t tag;

	if (broken())
		return BLK_E_BROKEN;
	if (!nfree)
		return BLK_E_BUSY;
	tag = free_tags[nfree - 1];
	t = &tags[tag];
	if (table) {
		if (!t->table)
			t->table = bump_alloc(SC_BLK_MAX_SEGS * sizeof(*table),
					      4096);
		if (!t->table)
			return BLK_E_NODEV; /* out of memory */
		memcpy(t->table, table, n * sizeof(*table));
		q->flags |= SC_BLK_REQ_INDIRECT;
		q->nseg = (uint16_t)n;
		q->seg[0].addr = blk_pa(t->table);
		q->seg[0].len = n * (uint32_t)sizeof(*table);
	}
	s = sc_ring_prod_next(&req_ring);
	if (!s)
		return broken() ? BLK_E_BROKEN : BLK_E_BUSY;
	nfree--;
	q->tag = tag;
	/* The table and slot are written before commit's release store,
	 * so the host sees both once it sees the slot. */
	s->type = SC_BLK_MSG_REQ;
	s->len = sizeof(*q);
	memcpy(s->data, q, sizeof(*q));
	sc_ring_prod_commit(&req_ring);
	t->req = r;
	t->busy = true;
	t->info = info;
	r->tag = tag;
	r->status = 0;
	r->done_bytes = 0;
	r->finished = false;
	inflight++;
	return 0;
}

/* The checks the host will make anyway, so a bad call fails here with a
 * clear error instead of a round trip. Read-only is left to the host. */
static bool in_disk(uint64_t sector, uint32_t bytes)
{
	uint32_t bs = disk.block_size;

	return bytes && bytes % bs == 0 && (sector << SC_BLK_SECTOR_SHIFT) % bs == 0 &&
	       sector <= disk.sectors &&
	       (bytes >> SC_BLK_SECTOR_SHIFT) <= disk.sectors - sector;
}

int blk_submit(struct blk_req *r)
{
	struct sc_blk_req q;
	uint64_t sum = 0;

	if (!ready)
		return BLK_E_NODEV;
	memset(&q, 0, sizeof(q));
	q.op = r->op;
	switch (r->op) {
	case SC_BLK_OP_READ:
	case SC_BLK_OP_WRITE:
		if (!r->segs || !r->nseg || r->nseg > disk.max_segs ||
		    r->bytes > disk.max_bytes || !in_disk(r->sector, r->bytes))
			return BLK_E_INVAL;
		for (uint32_t i = 0; i < r->nseg; i++) {
			const struct sc_blk_seg *g = &r->segs[i];

			if (!g->len || g->addr % SC_BLK_SEG_ALIGN ||
			    g->len % SC_BLK_SEG_ALIGN ||
			    !va_in_partition(SC_VIRT_BASE + g->addr, g->len))
				return BLK_E_INVAL;
			sum += g->len;
		}
		if (sum != r->bytes)
			return BLK_E_INVAL;
		q.sector = r->sector;
		q.bytes = r->bytes;
		if (r->nseg > SC_BLK_INLINE_SEGS)
			return queue(r, &q, r->segs, r->nseg, false);
		q.nseg = (uint16_t)r->nseg;
		memcpy(q.seg, r->segs, r->nseg * sizeof(q.seg[0]));
		break;
	case SC_BLK_OP_DISCARD:
		if (!in_disk(r->sector, r->bytes))
			return BLK_E_INVAL;
		q.sector = r->sector;
		q.bytes = r->bytes;
		break;
	case SC_BLK_OP_FLUSH:
		break;
	default:
		return BLK_E_INVAL;
	}
	return queue(r, &q, NULL, 0, false);
}

int blk_submit_raw(struct blk_req *r, const struct sc_blk_req *q)
{
	struct sc_blk_req copy = *q;

	if (!ready)
		return BLK_E_NODEV;
	return queue(r, &copy, NULL, 0, false);
}

void blk_kick(void)
{
	if (sc_ring_prod_flush(&req_ring))
		apic_doorbell_host();
}

/* ---------------------------------------------------------------- complete */

unsigned blk_poll(void)
{
	struct sc_slot s;
	unsigned n = 0;

	if (!started)
		return 0;
	while (sc_ring_cons_take(&cpl_ring, &s)) {
		struct sc_blk_cpl c;
		struct blk_req *r;
		struct tag *t;

		/* s is our copy: check it before believing any of it. */
		memcpy(&c, s.data, sizeof(c));
		if (s.type != SC_BLK_MSG_CPL || s.len != sizeof(c) ||
		    c.tag >= qd || !tags[c.tag].busy) {
			bad_cpls++;
			continue;
		}
		t = &tags[c.tag];
		r = t->req;
		if (t->info && c.status == SC_BLK_S_OK)
			disk = c.info;
		t->req = NULL;
		t->busy = false;
		t->info = false;
		free_tags[nfree++] = c.tag;
		inflight--;
		n++;
		if (!r)
			continue; /* its caller gave up waiting */
		r->status = c.status;
		r->done_bytes = c.bytes;
		r->finished = true;
		if (r->done)
			r->done(r);
	}
	/* Free the slots; ring if the host waits for room. */
	if (sc_ring_cons_flush(&cpl_ring))
		apic_doorbell_host();
	return n;
}

unsigned blk_wait(void)
{
	uint64_t t0 = rdtsc(), spin = tsc_khz() * spin_us / 1000, flags;
	unsigned n;

	if (!started)
		return 0;
	do {
		n = blk_poll();
		if (n || broken())
			return n;
		cpu_relax();
	} while (rdtsc() - t0 < spin);

	flags = irq_save();
	/* Ask for a doorbell at the next completion; if one is already
	 * there, wait_arm says so and we do not sleep. With interrupts off
	 * (never from the shell) nothing could end a HLT: just return. */
	if (!sc_ring_cons_wait_arm(&cpl_ring) && (flags & RFLAGS_IF)) {
		irq_enable_and_wait();
		irq_disable();
	}
	irq_restore(flags);
	return blk_poll();
}

static int wait_ms(struct blk_req *r, uint64_t timeout_ms)
{
	uint64_t start = uptime_ms();

	while (!r->finished) {
		if (broken() || uptime_ms() - start > timeout_ms) {
			/* Give up on r; its tag stays busy until (if ever)
			 * the host answers, and that answer is dropped. */
			if (r->tag < qd && tags[r->tag].req == r)
				tags[r->tag].req = NULL;
			return broken() ? BLK_E_BROKEN : BLK_E_TIMEOUT;
		}
		blk_wait();
	}
	return (int)r->status;
}

int blk_wait_for(struct blk_req *r)
{
	return wait_ms(r, TIMEOUT_MS);
}

/* ---------------------------------------------------------------- sync */

static int sync_rw(uint8_t op, uint64_t sector, const void *buf,
		   uint64_t bytes)
{
	struct blk_req reqs[SYNC_WINDOW];
	struct sc_blk_seg segs[SYNC_WINDOW];
	uint64_t chunk, off = 0;
	int err = 0;

	if (!ready)
		return BLK_E_NODEV;
	chunk = disk.max_bytes - disk.max_bytes % disk.block_size;
	if (!bytes || (uintptr_t)buf % SC_BLK_SEG_ALIGN ||
	    !va_in_partition((uintptr_t)buf, bytes))
		return BLK_E_INVAL;
	while (off < bytes && !err) {
		unsigned n = 0;

		while (n < SYNC_WINDOW && off < bytes) {
			uint64_t len = bytes - off < chunk ? bytes - off : chunk;
			struct blk_req *r = &reqs[n];
			int e;

			segs[n].addr = blk_pa((const uint8_t *)buf + off);
			segs[n].len = (uint32_t)len;
			segs[n].pad = 0;
			memset(r, 0, sizeof(*r));
			r->op = op;
			r->sector = sector + (off >> SC_BLK_SECTOR_SHIFT);
			r->bytes = (uint32_t)len;
			r->nseg = 1;
			r->segs = &segs[n];
			e = blk_submit(r);
			if (e == BLK_E_BUSY && n)
				break; /* wait for ours, then go on */
			if (e == BLK_E_BUSY) {
				/* Others fill the queue: let them finish. */
				blk_kick();
				blk_wait();
				continue;
			}
			if (e) {
				err = e;
				break;
			}
			off += len;
			n++;
		}
		blk_kick();
		for (unsigned i = 0; i < n; i++) {
			int e = blk_wait_for(&reqs[i]);

			if (e && !err)
				err = e;
		}
	}
	return err;
}

int blk_read(uint64_t sector, void *buf, uint64_t bytes)
{
	return sync_rw(SC_BLK_OP_READ, sector, buf, bytes);
}

int blk_write(uint64_t sector, const void *buf, uint64_t bytes)
{
	return sync_rw(SC_BLK_OP_WRITE, sector, buf, bytes);
}

static int sync_simple(uint8_t op, uint64_t sector, uint32_t bytes)
{
	struct blk_req r;
	int e;

	memset(&r, 0, sizeof(r));
	r.op = op;
	r.sector = sector;
	r.bytes = bytes;
	while ((e = blk_submit(&r)) == BLK_E_BUSY) {
		blk_kick();
		blk_wait();
	}
	if (e)
		return e;
	blk_kick();
	return blk_wait_for(&r);
}

int blk_flush(void)
{
	return sync_simple(SC_BLK_OP_FLUSH, 0, 0);
}

int blk_discard(uint64_t sector, uint32_t bytes)
{
	return sync_simple(SC_BLK_OP_DISCARD, sector, bytes);
}

/* ---------------------------------------------------------------- start */

static bool info_sane(const struct sc_blk_info *in)
{
	return in->sectors && (in->block_size == 512 || in->block_size == 4096) &&
	       in->sectors % (in->block_size >> SC_BLK_SECTOR_SHIFT) == 0 &&
	       in->max_bytes >= in->block_size &&
	       in->max_bytes <= SC_BLK_MAX_BYTES && in->max_segs >= 1 &&
	       in->max_segs <= SC_BLK_MAX_SEGS && in->queue_depth >= 1;
}

static uint32_t ring_slots(void *ring)
{
	/* attach checked the header; its order is part of the ABI. */
	return 1u << LOAD_RLX(&((struct sc_ring_hdr *)ring)->order);
}

int blk_start(void *req_mem, uint64_t req_bytes, void *cpl_mem,
	      uint64_t cpl_bytes)
{
	struct sc_blk_req q;
	struct blk_req r;
	int e;

	started = ready = false;
	if (sc_ring_attach(&req_ring, req_mem, req_bytes) ||
	    sc_ring_attach(&cpl_ring, cpl_mem, cpl_bytes))
		return BLK_E_NODEV;
	qd = ring_slots(req_mem);
	if (ring_slots(cpl_mem) < qd)
		qd = ring_slots(cpl_mem);
	if (qd > BLK_QD_MAX)
		qd = BLK_QD_MAX;
	for (uint32_t i = 0; i < qd; i++)
		free_tags[i] = qd - 1 - i;
	nfree = qd;
	inflight = 0;
	started = true;

	memset(&q, 0, sizeof(q));
	memset(&r, 0, sizeof(r));
	q.op = SC_BLK_OP_GET_INFO;
	e = queue(&r, &q, NULL, 0, true);
	if (e)
		return e;
	blk_kick();
	e = wait_ms(&r, INFO_TIMEOUT_MS);
	if (e)
		return e;
	if (!info_sane(&disk))
		return BLK_E_INVAL;
	if (disk.queue_depth < qd && !inflight) {
		qd = disk.queue_depth;
		for (uint32_t i = 0; i < qd; i++)
			free_tags[i] = qd - 1 - i;
		nfree = qd;
	}
	ready = true;
	return 0;
}

const char *blk_strerror(int err)
{
	switch (err) {
	case 0: return "ok";
	case BLK_E_NODEV: return "no disk";
	case BLK_E_BUSY: return "queue full";
	case BLK_E_INVAL: return "request outside the disk's limits";
	case BLK_E_TIMEOUT: return "no answer from the host";
	case BLK_E_BROKEN: return "host broke the ring protocol";
	default:
		/* A status from the host: the words its log uses (blk.h). */
		return err > 0 ? sc_blk_status_name((uint32_t)err) : "unknown error";
	}
}

void blk_probe(void)
{
	const struct acpi_dev *d = acpi_find(SC_HID_DISK);
	const struct sc_blk_info *in;
	int e;

	/* The DSDT says whether there is a disk, and where its rings are
	 * (acpi.c checked them against partition memory): requests, then
	 * completions, and the doorbell vector. */
	if (!d)
		return;
	if (d->n_mem < 2) {
		kprintf("warning: disk: the DSDT names no rings for it\n");
		return;
	}
	if (d->n_irq)
		isr_add_doorbell(d->irq[0]);
	e = blk_start(pa_to_va(d->mem[0].base), d->mem[0].size,
		      pa_to_va(d->mem[1].base), d->mem[1].size);
	if (e) {
		kprintf("warning: disk: %s\n", blk_strerror(e));
		return;
	}
	in = blk_info();
	kprintf("disk: %llu MiB, %u-byte blocks, %s\n",
		(unsigned long long)(in->sectors >> 11), in->block_size,
		in->flags & SC_BLK_INFO_RO ? "read-only" : "read-write");
}
