// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * hostio: the host's own I/O on a file or block device, in the same shapes
 * and the same table as the partition's `blk bench` (partition/cmd/blk_bench.c),
 * so tests/bench/disk.sh can put the two side by side. The lab VM has no
 * fio; this is the part of it we need: io_uring, O_DIRECT, registered
 * buffers, a fixed queue depth, for a fixed time.
 *
 *   hostio [-r] [-t SECONDS] [-q] FILE
 *     -r   no write test (the file is left as it was)
 *     -t   seconds per test (default 2)
 *     -q   also the queue-depth-1 sequential read (what dd does)
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <liburing.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_QD 32u
#define SEQ_BYTES (1u << 20)
#define LAT_MAX (1u << 20)

static uint64_t *lat;
static size_t nlat;
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

struct slot {
	uint64_t t0;
	int busy;
};

/* Keep qd requests of bs bytes in flight for seconds; print one row. */
static int run(int fd, uint8_t *mem, int write, unsigned bs, unsigned qd,
	       int random, uint64_t size, double seconds, const char *name)
{
	struct io_uring ring;
	struct iovec v = { .iov_base = mem, .iov_len = (size_t)MAX_QD * SEQ_BYTES };
	struct slot slots[MAX_QD] = { 0 };
	uint64_t blocks = size / bs, next = 0, ops = 0, bytes = 0;
	uint64_t t0 = now_ns(), end = t0 + (uint64_t)(seconds * 1e9);
	unsigned busy = 0;
	int err = 0, ret;

	ret = io_uring_queue_init(MAX_QD * 2, &ring, 0);
	if (ret) {
		fprintf(stderr, "hostio: io_uring: %s\n", strerror(-ret));
		return -1;
	}
	if (io_uring_register_buffers(&ring, &v, 1)) {
		fprintf(stderr, "hostio: cannot register buffers\n");
		return -1;
	}
	nlat = 0;
	for (;;) {
		struct io_uring_cqe *cqe;

		for (unsigned i = 0; i < qd && !err && now_ns() < end; i++) {
			struct io_uring_sqe *sqe;
			uint64_t off;

			if (slots[i].busy)
				continue;
			sqe = io_uring_get_sqe(&ring);
			if (random) {
				off = (xorshift() % blocks) * bs;
			} else {
				off = next * bs;
				next = next + 1 >= blocks ? 0 : next + 1;
			}
			if (write)
				io_uring_prep_write_fixed(sqe, fd, mem + (size_t)i * bs,
							  bs, off, 0);
			else
				io_uring_prep_read_fixed(sqe, fd, mem + (size_t)i * bs,
							 bs, off, 0);
			io_uring_sqe_set_data64(sqe, i);
			slots[i].t0 = now_ns();
			slots[i].busy = 1;
			busy++;
		}
		if (!busy)
			break;
		io_uring_submit_and_wait(&ring, 1);
		while (io_uring_peek_cqe(&ring, &cqe) == 0) {
			uint64_t i = io_uring_cqe_get_data64(cqe);

			if (nlat < LAT_MAX)
				lat[nlat++] = now_ns() - slots[i].t0;
			if (cqe->res < 0 && !err) {
				fprintf(stderr, "hostio: %s: %s\n", name, strerror(-cqe->res));
				err = 1;
			} else if (cqe->res > 0) {
				bytes += (uint64_t)cqe->res;
			}
			ops++;
			slots[i].busy = 0;
			busy--;
			io_uring_cqe_seen(&ring, cqe);
		}
	}
	t0 = now_ns() - t0;
	io_uring_queue_exit(&ring);
	if (err)
		return -1;
	qsort(lat, nlat, sizeof(*lat), cmp_u64);
	printf("%-10s %5uK %4u %9.1f %8.0f %8.1f %8.1f\n", name, bs >> 10, qd,
	       (double)bytes / ((double)t0 / 1e3), (double)ops / ((double)t0 / 1e9),
	       nlat ? (double)lat[nlat / 2] / 1e3 : 0.0,
	       nlat ? (double)lat[nlat * 99 / 100] / 1e3 : 0.0);
	return 0;
}

int main(int argc, char **argv)
{
	int ro = 0, qd1 = 0, opt, fd, rc = 0;
	double seconds = 2;
	uint64_t size;
	struct stat st;
	uint8_t *mem;

	while ((opt = getopt(argc, argv, "rqt:")) != -1) {
		switch (opt) {
		case 'r': ro = 1; break;
		case 'q': qd1 = 1; break;
		case 't': seconds = atof(optarg); break;
		default:
			fprintf(stderr, "usage: hostio [-r] [-q] [-t SECONDS] FILE\n");
			return 2;
		}
	}
	if (optind + 1 != argc || seconds <= 0) {
		fprintf(stderr, "usage: hostio [-r] [-q] [-t SECONDS] FILE\n");
		return 2;
	}
	fd = open(argv[optind], (ro ? O_RDONLY : O_RDWR) | O_DIRECT);
	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "hostio: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	size = (uint64_t)st.st_size;
	if (S_ISBLK(st.st_mode) && ioctl(fd, BLKGETSIZE64, &size)) {
		perror("hostio: BLKGETSIZE64");
		return 1;
	}
	if (size < SEQ_BYTES) {
		fprintf(stderr, "hostio: %s is smaller than 1 MiB\n", argv[optind]);
		return 1;
	}
	lat = malloc(LAT_MAX * sizeof(*lat));
	if (!lat || posix_memalign((void **)&mem, 4096, (size_t)MAX_QD * SEQ_BYTES)) {
		fprintf(stderr, "hostio: out of memory\n");
		return 1;
	}
	memset(mem, 0x5a, (size_t)MAX_QD * SEQ_BYTES);
	printf("hostio: %s, %llu MiB, O_DIRECT, %.0f s per test\n", argv[optind],
	       (unsigned long long)(size >> 20), seconds);
	printf("test        block   QD      MB/s     IOPS   p50 us   p99 us\n");
	if (qd1)
		rc |= run(fd, mem, 0, SEQ_BYTES, 1, 0, size, seconds, "seq-read");
	rc |= run(fd, mem, 0, SEQ_BYTES, 4, 0, size, seconds, "seq-read");
	if (!ro)
		rc |= run(fd, mem, 1, SEQ_BYTES, 4, 0, size, seconds, "seq-write");
	rc |= run(fd, mem, 0, 4096, 1, 1, size, seconds, "rand-read");
	rc |= run(fd, mem, 0, 4096, 32, 1, size, seconds, "rand-read");
	return rc ? 1 : 0;
}
