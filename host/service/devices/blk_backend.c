// SPDX-License-Identifier: GPL-2.0
/*
 * Disk backend (see blk_backend.h). One pass of sc_blk_work:
 *
 *   1. reap io_uring completions into the pending-completion queue,
 *   2. take requests from the ring, check each (blk_validate.c), and turn
 *      it into an io_uring SQE or, if it is bad, an error completion,
 *   3. submit the SQEs, post pending completions to the completion ring.
 *
 * Flow control: every request taken ends as one completion, and the
 * partition keeps at most a completion ring's worth outstanding. We take a
 * request only while pending completions plus requests in flight stay
 * below our table size, so a partition that stops reading completions
 * stalls only itself.
 *
 * Data goes straight between the backing store and partition memory, which
 * this process has mapped at b->mem: a validated partition-physical
 * address pa is mem + pa. O_DIRECT needs the module to map partition memory
 * with ordinary pages (get_user_pages refuses PFN maps); setup checks with
 * one real O_DIRECT read into partition memory and falls back to buffered
 * I/O, saying why, if that fails.
 */
#include "blk_backend.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <liburing.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>

#include <sparecore/blk.h>
#include <sparecore/devices.h>

#include "backend.h"
#include "blk_validate.h"
#include "ratelimit.h"
#include "ring_broken.h"
#include "util.h"

#define QD (1u << SC_BLK_RING_ORDER) /* requests we work on at once */
#define MAX_BYTES (1u << 20)         /* largest request we accept */
#define WORK_ROUNDS 64               /* passes per sc_blk_work call */

_Static_assert(MAX_BYTES <= SC_BLK_MAX_BYTES, "max bytes within the ABI");

/* One request in flight. */
struct op {
	uint32_t tag;        /* the partition's, echoed */
	uint8_t op;          /* enum sc_blk_op */
	bool direct;         /* on the O_DIRECT descriptor */
	uint64_t offset;     /* next disk byte */
	uint64_t left, done; /* bytes still to move, bytes moved */
	uint32_t first, niov; /* iov[first..niov) still to move */
	struct iovec iov[SC_BLK_MAX_SEGS];
};

struct sc_blk {
	char *path;
	int fd;               /* buffered, holds the flock */
	int dfd;              /* O_DIRECT, or -1 */
	bool bdev, direct, fixed;
	uint32_t dio_mem, dio_off; /* O_DIRECT alignment of memory, offset */
	char mode[128];       /* how we do I/O and why, for -v */
	struct sc_blk_limits lim;
	struct io_uring uring;
	bool uring_ok;
	struct sc_ring req, cpl;
	uint8_t *mem;
	uint64_t mem_size;
	struct op ops[QD];
	uint32_t free_ops[QD], nfree;
	struct sc_blk_cpl pend[QD];   /* completions not yet in the ring */
	uint32_t pend_head, pend_count;
	uint32_t inflight;            /* ops with an SQE out */
	struct sc_blk_io io;          /* scratch for the validator */
	/* counters, for the summary at the end */
	unsigned long long nreq, nbad, nerr, rbytes, wbytes, nflush;
	struct sc_ratelimit log;      /* of the lines about bad requests */
};

/* A line in the host's log, rate-limited: a hostile partition must not
 * be able to flood it. */
static void __attribute__((format(printf, 2, 3)))
blk_log(struct sc_blk *b, const char *fmt, ...)
{
	unsigned long long dropped;
	char msg[256];
	va_list ap;
	bool ok = sc_ratelimit_ok(&b->log, sc_now_ns(), &dropped);

	if (dropped)
		sc_err("disk: %llu more messages not shown", dropped);
	if (!ok)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sc_err("disk: %s", msg);
}

/* ---------------------------------------------------------------- open */

static bool pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

/* O_DIRECT alignment from statx (Linux 6.1+), else a safe guess. */
static void dio_alignment(struct sc_blk *b)
{
	struct statx sx;

	if (statx(b->dfd, "", AT_EMPTY_PATH, STATX_DIOALIGN, &sx) == 0 &&
	    (sx.stx_mask & STATX_DIOALIGN)) {
		b->dio_mem = sx.stx_dio_mem_align;
		b->dio_off = sx.stx_dio_offset_align;
	} else {
		b->dio_mem = b->dio_off = b->bdev ? b->lim.block_size : 4096;
	}
	/* Our segments are 512-byte aligned; anything finer is fine. */
	if (b->dio_mem < SC_BLK_SEG_ALIGN)
		b->dio_mem = SC_BLK_SEG_ALIGN;
	if (b->dio_off < SC_BLK_SECTOR_SIZE)
		b->dio_off = SC_BLK_SECTOR_SIZE;
}

/* Can this disk discard? Files: punch a hole past the end (changes
 * nothing, but asks the file system). Block devices: the kernel turns a
 * punch into write-zeroes, so the queue must support those. */
static bool discard_works(struct sc_blk *b, const struct stat *st,
			  uint64_t size)
{
	char path[96];
	unsigned long long v = 0;
	FILE *f;

	if (b->lim.read_only)
		return false;
	if (!b->bdev) {
		off_t end = (off_t)((size + 4095) & ~4095ull);

		return fallocate(b->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				 end, 4096) == 0;
	}
	snprintf(path, sizeof(path),
		 "/sys/dev/block/%u:%u/queue/write_zeroes_max_bytes",
		 major(st->st_rdev), minor(st->st_rdev));
	f = fopen(path, "r");
	if (!f)
		return false;
	if (fscanf(f, "%llu", &v) != 1)
		v = 0;
	fclose(f);
	return v > 0;
}

static int open_error(const char *path, int err)
{
	switch (err) {
	case ENOENT:
		sc_err("disk %s: no such file", path);
		break;
	case EACCES:
	case EPERM:
		sc_err("disk %s: permission denied", path);
		break;
	case EROFS:
		sc_err("disk %s: read-only file system (use '%s,ro')", path, path);
		break;
	case EBUSY:
		sc_err("disk %s: device is in use (mounted, or held exclusively)",
		       path);
		break;
	case EISDIR:
		sc_err("disk %s: not a regular file or block device", path);
		break;
	default:
		sc_err("disk %s: cannot open: %s", path, strerror(err));
		break;
	}
	return -1;
}

static int open_store(struct sc_blk *b, const char *path, bool ro)
{
	int flags = (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC;
	uint64_t size = 0;
	struct stat st;

	b->fd = open(path, flags);
	if (b->fd < 0)
		return open_error(path, errno);
	if (fstat(b->fd, &st)) {
		sc_err("disk %s: cannot stat: %m", path);
		return -1;
	}
	b->bdev = S_ISBLK(st.st_mode);
	if (!b->bdev && !S_ISREG(st.st_mode)) {
		sc_err("disk %s: not a regular file or block device", path);
		return -1;
	}
	if (b->bdev && !ro) {
		/* O_EXCL on a block device: refused while it is mounted or
		 * claimed by anyone else. Reopen so the lock below and all
		 * I/O use the exclusive descriptor. */
		close(b->fd);
		b->fd = open(path, flags | O_EXCL);
		if (b->fd < 0)
			return open_error(path, errno);
	}
	/* Shared for read-only, exclusive for read-write: any number of
	 * readers, or one writer. Non-blocking: we tell, we do not wait. */
	if (flock(b->fd, (ro ? LOCK_SH : LOCK_EX) | LOCK_NB)) {
		if (errno == EWOULDBLOCK)
			sc_err(ro ? "disk %s is in use read-write by another partition (locked)"
				  : "disk %s is in use by another partition or program (locked)",
			       path);
		else
			sc_err("disk %s: cannot lock: %m", path);
		return -1;
	}
	b->lim.block_size = SC_BLK_SECTOR_SIZE;
	if (b->bdev) {
		int lbs = 0;

		if (ioctl(b->fd, BLKGETSIZE64, &size) ||
		    ioctl(b->fd, BLKSSZGET, &lbs)) {
			sc_err("disk %s: cannot read the device size: %m", path);
			return -1;
		}
		if (lbs == 4096)
			b->lim.block_size = 4096;
	} else {
		size = (uint64_t)st.st_size;
	}
	/* A trailing partial block is not part of the disk. */
	b->lim.sectors = (size / b->lim.block_size) *
			 (b->lim.block_size >> SC_BLK_SECTOR_SHIFT);
	if (!b->lim.sectors) {
		sc_err("disk %s: smaller than one %u-byte block", path,
		       b->lim.block_size);
		return -1;
	}
	b->lim.read_only = ro;
	b->lim.max_bytes = MAX_BYTES;
	b->lim.max_segs = SC_BLK_MAX_SEGS;
	b->lim.discard = discard_works(b, &st, size);

	b->dfd = open(path, flags | O_DIRECT);
	if (b->dfd < 0) {
		snprintf(b->mode, sizeof(b->mode),
			 "buffered (O_DIRECT refused: %s)", strerror(errno));
		return 0;
	}
	dio_alignment(b);
	if (!pow2(b->dio_mem) || !pow2(b->dio_off) || b->dio_mem > 4096 ||
	    b->dio_off > 4096) {
		snprintf(b->mode, sizeof(b->mode),
			 "buffered (O_DIRECT alignment %u/%u not usable)",
			 b->dio_mem, b->dio_off);
		close(b->dfd);
		b->dfd = -1;
		return 0;
	}
	b->direct = true;
	return 0;
}

struct sc_blk *sc_blk_open(const char *path, bool read_only)
{
	struct sc_blk *b = calloc(1, sizeof(*b));
	int ret;

	if (!b) {
		sc_err("disk %s: out of memory", path);
		return NULL;
	}
	b->fd = b->dfd = -1;
	b->path = strdup(path);
	if (!b->path || open_store(b, path, read_only))
		goto fail;
	/* io_uring too, so a kernel without it is refused before the CPU
	 * is taken. */
	ret = io_uring_queue_init(QD, &b->uring, 0);
	if (ret) {
		sc_err("disk %s: io_uring is not available: %s", path,
		       strerror(-ret));
		goto fail;
	}
	b->uring_ok = true;
	return b;
fail:
	sc_blk_close(b);
	return NULL;
}

/* ---------------------------------------------------------------- setup */

/* One real O_DIRECT read into partition memory: the only sure test that
 * the kernel can pin it. into is 4 KiB of partition memory nobody uses
 * yet (the completion ring's area, before the ring is laid out). */
static void probe_direct(struct sc_blk *b, void *into)
{
	ssize_t n = pread(b->dfd, into, b->dio_off, 0);

	memset(into, 0, b->dio_off);
	if (n >= 0)
		return;
	snprintf(b->mode, sizeof(b->mode), "buffered (%s)",
		 errno == EFAULT ?
			 "the module maps partition memory without struct pages; O_DIRECT cannot pin it" :
			 strerror(errno));
	b->direct = false;
	close(b->dfd);
	b->dfd = -1;
}

int sc_blk_setup(struct sc_blk *b, struct sc_part *p)
{
	struct sc_boot_info *bi = p->bi;
	uint64_t bytes = SC_RING_BYTES(SC_BLK_RING_ORDER);
	void *rq = sc_part_ring(p, SC_RING_BLK_REQ);
	void *cp = sc_part_ring(p, SC_RING_BLK_CPL);
	uint32_t i;

	b->mem = p->mem;
	b->mem_size = p->mem_size;
	if (b->direct)
		probe_direct(b, cp);
	sc_ring_init(rq, SC_BLK_RING_ORDER);
	sc_ring_init(cp, SC_BLK_RING_ORDER);
	if (sc_ring_attach(&b->req, rq, bytes) ||
	    sc_ring_attach(&b->cpl, cp, bytes)) {
		sc_err("internal error: disk rings do not attach");
		return -1;
	}
	sc_device_announce(bi, SC_DEV_BLK);

	if (b->direct) {
		/* Pin partition memory once (as io_uring fixed buffer 0),
		 * so O_DIRECT requests skip get_user_pages each time. */
		struct iovec v = { .iov_base = b->mem, .iov_len = b->mem_size };

		b->fixed = io_uring_register_buffers(&b->uring, &v, 1) == 0;
		snprintf(b->mode, sizeof(b->mode),
			 "O_DIRECT when %u-byte aligned, else buffered%s",
			 b->dio_off, b->fixed ? "; memory pinned once" : "");
	}
	for (i = 0; i < QD; i++)
		b->free_ops[i] = QD - 1 - i;
	b->nfree = QD;
	sc_step("disk %s: %llu sectors (%llu MiB), %u-byte blocks, %s%s, %s",
		b->path, (unsigned long long)b->lim.sectors,
		(unsigned long long)(b->lim.sectors >> 11), b->lim.block_size,
		b->lim.read_only ? "read-only" : "read-write",
		b->lim.discard ? ", discard" : "", b->mode);
	return 0;
}

int sc_blk_event_fd(const struct sc_blk *b)
{
	/* The ring's own fd polls readable while completions wait: no
	 * eventfd to signal and read back on every completion. */
	return b->uring.ring_fd;
}

/* ---------------------------------------------------------------- work */

static void complete(struct sc_blk *b, uint32_t tag, uint32_t status,
		     uint32_t bytes, const struct sc_blk_info *info)
{
	struct sc_blk_cpl *c = &b->pend[(b->pend_head + b->pend_count) % QD];

	memset(c, 0, sizeof(*c));
	c->tag = tag;
	c->status = status;
	c->bytes = bytes;
	if (info)
		c->info = *info;
	b->pend_count++;
	if (status != SC_BLK_S_OK)
		b->nerr++;
}

static void info_of(const struct sc_blk *b, struct sc_blk_info *in)
{
	memset(in, 0, sizeof(*in));
	in->sectors = b->lim.sectors;
	in->block_size = b->lim.block_size;
	in->flags = (b->lim.read_only ? SC_BLK_INFO_RO : 0) |
		    (b->lim.discard ? SC_BLK_INFO_DISCARD : 0) |
		    (b->direct ? SC_BLK_INFO_DIRECT : 0);
	in->max_bytes = b->lim.max_bytes;
	in->max_segs = b->lim.max_segs;
	in->queue_depth = QD;
	in->dio_align = b->direct ? b->dio_off : 0;
}

/* Does what is left of op meet O_DIRECT's alignment? */
static bool direct_ok(const struct sc_blk *b, const struct op *o)
{
	uint32_t i;

	if (!b->direct || o->offset % b->dio_off || o->left % b->dio_off)
		return false;
	for (i = o->first; i < o->niov; i++)
		if ((uintptr_t)o->iov[i].iov_base % b->dio_mem ||
		    o->iov[i].iov_len % b->dio_mem)
			return false;
	return true;
}

static struct io_uring_sqe *get_sqe(struct sc_blk *b)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&b->uring);

	if (!sqe) {
		/* Cannot happen with QD ops and QD entries, but be safe. */
		io_uring_submit(&b->uring);
		sqe = io_uring_get_sqe(&b->uring);
	}
	return sqe;
}

/* Queue (or re-queue, after a short transfer) the I/O of o. */
static bool issue(struct sc_blk *b, struct op *o)
{
	struct io_uring_sqe *sqe = get_sqe(b);
	uint32_t n = o->niov - o->first;
	struct iovec *v = &o->iov[o->first];
	int fd;

	if (!sqe)
		return false;
	o->direct = (o->op == SC_BLK_OP_READ || o->op == SC_BLK_OP_WRITE) &&
		    direct_ok(b, o);
	fd = o->direct ? b->dfd : b->fd;
	switch (o->op) {
	case SC_BLK_OP_READ:
		if (n == 1 && o->direct && b->fixed)
			io_uring_prep_read_fixed(sqe, fd, v->iov_base,
						 (unsigned)v->iov_len, o->offset, 0);
		else
			io_uring_prep_readv(sqe, fd, v, n, o->offset);
		break;
	case SC_BLK_OP_WRITE:
		if (n == 1 && o->direct && b->fixed)
			io_uring_prep_write_fixed(sqe, fd, v->iov_base,
						  (unsigned)v->iov_len, o->offset, 0);
		else
			io_uring_prep_writev(sqe, fd, v, n, o->offset);
		break;
	case SC_BLK_OP_FLUSH:
		/* Drain: the fsync starts only after every SQE submitted
		 * before it has completed, so the flush covers them all. */
		io_uring_prep_fsync(sqe, b->fd, IORING_FSYNC_DATASYNC);
		sqe->flags |= IOSQE_IO_DRAIN;
		break;
	case SC_BLK_OP_DISCARD:
		io_uring_prep_fallocate(sqe, b->fd,
					FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
					(off_t)o->offset, (off_t)o->left);
		break;
	}
	io_uring_sqe_set_data64(sqe, (uint64_t)(o - b->ops));
	return true;
}

static void free_op(struct sc_blk *b, struct op *o)
{
	b->free_ops[b->nfree++] = (uint32_t)(o - b->ops);
}

/* A validated request: an op and its SQE. */
static void start(struct sc_blk *b, const struct sc_blk_io *io)
{
	struct op *o = &b->ops[b->free_ops[--b->nfree]];
	uint32_t i;

	o->tag = io->tag;
	o->op = io->op;
	o->offset = io->offset;
	o->left = io->bytes;
	o->done = 0;
	o->first = 0;
	o->niov = 0;
	/* Segments that touch in partition memory touch in ours: merge. */
	for (i = 0; i < io->nseg; i++) {
		uint8_t *base = b->mem + io->seg[i].addr;
		struct iovec *last = o->niov ? &o->iov[o->niov - 1] : NULL;

		if (last && (uint8_t *)last->iov_base + last->iov_len == base) {
			last->iov_len += io->seg[i].len;
		} else {
			o->iov[o->niov].iov_base = base;
			o->iov[o->niov].iov_len = io->seg[i].len;
			o->niov++;
		}
	}
	if (!issue(b, o)) {
		complete(b, o->tag, SC_BLK_S_IOERR, 0, NULL);
		free_op(b, o);
		return;
	}
	b->inflight++;
}

static const char *op_name(uint8_t op)
{
	switch (op) {
	case SC_BLK_OP_READ: return "read";
	case SC_BLK_OP_WRITE: return "write";
	case SC_BLK_OP_FLUSH: return "flush";
	case SC_BLK_OP_DISCARD: return "discard";
	case SC_BLK_OP_GET_INFO: return "get-info";
	default: return "request";
	}
}

/* Requests from the ring: check, then start or answer. */
static bool take(struct sc_blk *b)
{
	struct sc_slot s;
	bool any = false;

	/* pend_count < nfree: room for this request's completion whatever
	 * happens to the ones in flight (see the top of the file). */
	while (b->pend_count < b->nfree && sc_ring_cons_take(&b->req, &s)) {
		const char *why;
		uint32_t st = sc_blk_validate(&b->lim, &s, b->mem, b->mem_size,
					      &b->io, &why);

		any = true;
		b->nreq++;
		if (st != SC_BLK_S_OK) {
			b->nbad++;
			blk_log(b, "refused %s (tag %u, op %u, sector %llu): %s",
				op_name(b->io.op), b->io.tag, b->io.op,
				(unsigned long long)b->io.sector, why);
			complete(b, b->io.tag, st, 0, NULL);
			continue;
		}
		switch (b->io.op) {
		case SC_BLK_OP_GET_INFO: {
			struct sc_blk_info in;

			info_of(b, &in);
			complete(b, b->io.tag, SC_BLK_S_OK, 0, &in);
			break;
		}
		case SC_BLK_OP_FLUSH:
			b->nflush++;
			/* Nothing was written to a read-only disk. */
			if (b->lim.read_only)
				complete(b, b->io.tag, SC_BLK_S_OK, 0, NULL);
			else
				start(b, &b->io);
			break;
		default:
			start(b, &b->io);
			break;
		}
	}
	return any;
}

static uint32_t errno_status(int err)
{
	switch (err) {
	case EOPNOTSUPP:
		return SC_BLK_S_UNSUPP;
	case EFAULT:
		return SC_BLK_S_BADADDR;
	default:
		return SC_BLK_S_IOERR;
	}
}

/* Finished I/O: complete it, or re-issue the rest of a short transfer. */
static bool reap(struct sc_blk *b)
{
	struct io_uring_cqe *cqe;
	bool any = false;

	while (io_uring_peek_cqe(&b->uring, &cqe) == 0) {
		uint64_t idx = io_uring_cqe_get_data64(cqe);
		int res = cqe->res;
		struct op *o;

		io_uring_cqe_seen(&b->uring, cqe);
		any = true;
		if (idx >= QD)
			continue; /* not ours: cannot happen */
		o = &b->ops[idx];
		b->inflight--;
		if (res == -EAGAIN || res == -EINTR ||
		    (res == -EINVAL && o->direct)) {
			/* EINVAL on O_DIRECT: the store wants another
			 * alignment than it said; stop using O_DIRECT. */
			if (res == -EINVAL) {
				blk_log(b, "O_DIRECT refused (%s); using buffered I/O",
					strerror(-res));
				b->direct = false;
			}
			if (issue(b, o)) {
				b->inflight++;
				continue;
			}
			res = -EIO;
		}
		if (res < 0) {
			blk_log(b, "%s of %llu bytes at sector %llu failed: %s",
				op_name(o->op), (unsigned long long)o->left,
				(unsigned long long)(o->offset >> SC_BLK_SECTOR_SHIFT),
				strerror(-res));
			if (res == -EOPNOTSUPP && o->op == SC_BLK_OP_DISCARD)
				b->lim.discard = false;
			complete(b, o->tag, errno_status(-res), (uint32_t)o->done,
				 NULL);
			free_op(b, o);
			continue;
		}
		if (o->op == SC_BLK_OP_READ || o->op == SC_BLK_OP_WRITE) {
			uint64_t n = (uint64_t)res;

			if (n > o->left)
				n = o->left;
			o->done += n;
			o->left -= n;
			o->offset += n;
			if (o->op == SC_BLK_OP_READ)
				b->rbytes += n;
			else
				b->wbytes += n;
			if (o->left && n) {
				/* Short: advance the iovecs and go on. */
				while (n) {
					struct iovec *v = &o->iov[o->first];

					if (n >= v->iov_len) {
						n -= v->iov_len;
						o->first++;
					} else {
						v->iov_base = (uint8_t *)v->iov_base + n;
						v->iov_len -= n;
						n = 0;
					}
				}
				if (issue(b, o)) {
					b->inflight++;
					continue;
				}
			}
			if (o->left) {
				blk_log(b, "%s at sector %llu stopped short (file shrunk?)",
					op_name(o->op),
					(unsigned long long)(o->offset >> SC_BLK_SECTOR_SHIFT));
				complete(b, o->tag, SC_BLK_S_IOERR,
					 (uint32_t)o->done, NULL);
				free_op(b, o);
				continue;
			}
		}
		complete(b, o->tag, SC_BLK_S_OK, (uint32_t)o->done, NULL);
		free_op(b, o);
	}
	return any;
}

/* Pending completions into the ring, as far as there is room. */
static bool post(struct sc_blk *b)
{
	bool any = false;
	struct sc_slot *s;

	while (b->pend_count && (s = sc_ring_prod_next(&b->cpl))) {
		s->type = SC_BLK_MSG_CPL;
		s->len = sizeof(struct sc_blk_cpl);
		memcpy(s->data, &b->pend[b->pend_head], sizeof(struct sc_blk_cpl));
		sc_ring_prod_commit(&b->cpl);
		b->pend_head = (b->pend_head + 1) % QD;
		b->pend_count--;
		any = true;
	}
	return any;
}

bool sc_blk_work(struct sc_blk *b)
{
	bool kick = false;

	for (int round = 0; round < WORK_ROUNDS; round++) {
		bool any = reap(b);

		any |= take(b);
		/* Whatever is in the SQ, not just what this pass added: a
		 * submit that took only part (EAGAIN, EBUSY) left the rest
		 * there, and nothing else would ever send it. */
		if (io_uring_sq_ready(&b->uring)) {
			int r = io_uring_submit(&b->uring);

			if (r < 0 && r != -EAGAIN && r != -EBUSY)
				blk_log(b, "io_uring submit: %s", strerror(-r));
		}
		/* Free the request slots before the completions appear, so
		 * a partition that sees a completion finds its slot free. */
		kick |= sc_ring_cons_flush(&b->req);
		any |= post(b);
		kick |= sc_ring_prod_flush(&b->cpl);
		if (!any)
			break;
	}
	return kick;
}

bool sc_blk_arm(struct sc_blk *b)
{
	bool more = io_uring_cq_ready(&b->uring) > 0;

	/* A doorbell for new requests only if we could take one. */
	if (b->pend_count < b->nfree)
		more |= sc_ring_cons_wait_arm(&b->req);
	/* A doorbell when the partition frees completion slots. */
	if (b->pend_count)
		more |= sc_ring_prod_wait_arm(&b->cpl);
	return more;
}

/* ---------------------------------------------------------------- close */

void sc_blk_close(struct sc_blk *b)
{
	unsigned long long dropped;

	if (!b)
		return;
	if (b->uring_ok) {
		uint64_t end = sc_now_ns() + 5000000000ull;

		/* Let I/O in flight finish before memory goes away. */
		while (b->inflight && sc_now_ns() < end) {
			struct io_uring_cqe *cqe;
			struct __kernel_timespec ts = { .tv_nsec = 100000000 };

			if (io_uring_wait_cqe_timeout(&b->uring, &cqe, &ts) == 0) {
				io_uring_cqe_seen(&b->uring, cqe);
				b->inflight--;
			}
		}
		io_uring_queue_exit(&b->uring);
	}
	dropped = sc_ratelimit_flush(&b->log);
	if (dropped)
		sc_err("disk: %llu more messages not shown", dropped);
	/* Always when something was refused or failed, as the network does:
	 * the partition's misdeeds are the user's business. */
	if (b->nerr || (b->nreq && sc_verbose))
		sc_err("disk %s: %llu requests (%llu refused, %llu failed), %llu MiB read, %llu MiB written, %llu flushes",
		       b->path, b->nreq, b->nbad, b->nerr - b->nbad,
		       b->rbytes >> 20, b->wbytes >> 20, b->nflush);
	if (b->dfd >= 0)
		close(b->dfd);
	if (b->fd >= 0)
		close(b->fd);
	free(b->path);
	free(b);
}

unsigned long long sc_blk_requests(const struct sc_blk *b)
{
	return b ? b->nreq : 0;
}

void sc_blk_stats(const struct sc_blk *b, struct sc_blk_stats *st)
{
	*st = (struct sc_blk_stats){
		.path = b->path, .read_only = b->lim.read_only,
		.requests = b->nreq, .bad = b->nbad, .errors = b->nerr,
		.read_bytes = b->rbytes, .write_bytes = b->wbytes,
		.flushes = b->nflush,
	};
}

bool sc_blk_broken(const struct sc_blk *b, char *why, unsigned len)
{
	/* Only the completion ring can break: we produce into it. The
	 * request ring we consume by slot sequence numbers, so a partition
	 * that numbers its requests wrongly only gets them ignored. */
	return b && sc_ring_broken_why(&b->cpl, "disk completion", why, len);
}

/* ------------------------------------------------- as a backend (backend.h) */

static int blk_setup_op(void *dev, struct sc_part *p)
{
	return sc_blk_setup(dev, p);
}

static bool blk_work(void *dev)
{
	return sc_blk_work(dev);
}

static bool blk_arm(void *dev)
{
	return sc_blk_arm(dev);
}

/* Completed I/O: nothing to read, sc_blk_work reaps it. */
static int blk_pollfds(void *dev, struct pollfd *pfd, int max)
{
	if (max < 1)
		return 0;
	pfd[0] = (struct pollfd){ .fd = sc_blk_event_fd(dev), .events = POLLIN };
	return 1;
}

static bool blk_broken(const void *dev, char *why, unsigned len)
{
	return sc_blk_broken(dev, why, len);
}

static unsigned long long blk_moved(const void *dev)
{
	return sc_blk_requests(dev);
}

static void blk_close_op(void *dev)
{
	sc_blk_close(dev);
}

const struct sc_backend_ops sc_blk_backend_ops = {
	.name = "disk",
	.setup = blk_setup_op,
	.work = blk_work,
	.arm = blk_arm,
	.pollfds = blk_pollfds,
	.broken = blk_broken,
	.moved = blk_moved,
	.close = blk_close_op,
};
