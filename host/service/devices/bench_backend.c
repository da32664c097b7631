// SPDX-License-Identifier: GPL-2.0
/*
 * The bench device's host side; see bench_backend.h and
 * include/sparecore/bench.h.
 *
 * The ring has one responder at a time, the run loop or the polling
 * thread, never both (the ring is single-consumer). The hand-over:
 *  - to the thread: the loop takes POLL_ON and does not answer it; it
 *    starts the thread (pthread_create orders the ring state before the
 *    thread's first access) and leaves the ring alone; the thread answers
 *    POLL_ON, so the partition starts its PINGs only once we spin.
 *  - back: the thread takes POLL_OFF, arms the ring (the partition's next
 *    request rings the doorbell and wakes the loop), says done, answers,
 *    and returns; the loop joins it (which orders the thread's ring state
 *    before the loop's next access) before it touches the ring again.
 */
#include "bench_backend.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <sparecore/bench.h>
#include <sparecore/compiler.h>
#include <sparecore/devices.h>

#include "backend.h"
#include "dev_buf.h"
#include "part.h"
#include "util.h"

/*
 * Lines apart by who writes them, so the loop looking at its own state
 * (it asks for moved() on every pass) never pulls the spinning thread's
 * lines away from it.
 */
struct sc_bench_dev {
	/* The responder's, loop or thread, one at a time. */
	_Alignas(64) struct sc_ring r; /* responder's view */
	uint64_t last_seq;   /* PING seqs: the partition's, in order */
	uint64_t answered;
	uint32_t skipped;
	unsigned long long moved;    /* requests answered */
	/* Each written by one side, read by the other. */
	_Alignas(64) int stop; /* loop -> thread: give up the ring */
	_Alignas(64) int done; /* thread -> loop: join me */
	/* The loop's; the thread only reads p, cpu. */
	_Alignas(64) bool on;
	bool threaded;       /* the polling thread owns the ring */
	struct sc_part *p;
	pthread_t th;
	int cpu;             /* the polling thread's CPU, -1: any */
	int samples_fd;
	unsigned long long moved_before; /* moved when the thread took over */
};

struct sc_bench_dev *sc_bench_backend_open(int samples_fd)
{
	struct sc_bench_dev *b = aligned_alloc(64, sizeof(*b));

	if (!b) {
		sc_err("out of memory");
		return NULL;
	}
	memset(b, 0, sizeof(*b));
	b->samples_fd = samples_fd;
	return b;
}

unsigned sc_bench_backend_check(unsigned type, unsigned len,
				const void *data, unsigned long long mem_size)
{
	struct sc_bench_samples s;

	switch (type) {
	case SC_BENCH_PING:
	case SC_BENCH_POLL_ON:
	case SC_BENCH_POLL_OFF:
	case SC_BENCH_FLOOR:
		return len == sizeof(struct sc_bench_msg) ? type : SC_BENCH_BAD;
	case SC_BENCH_SAMPLES:
		if (len != sizeof(s))
			return SC_BENCH_BAD;
		memcpy(&s, data, sizeof(s));
		/* count is bounded first, so count * 8 cannot wrap. */
		if (s.pa % 8 || s.count > SC_BENCH_SAMPLES_MAX ||
		    !sc_dev_buf_ok(s.pa, s.count * 8, mem_size))
			return SC_BENCH_BAD;
		return type;
	default:
		return SC_BENCH_BAD;
	}
}

/* Write the answer of type to the oldest taken request (in: our copy). */
static void answer(struct sc_bench_dev *b, const struct sc_slot *in,
		   unsigned type)
{
	struct sc_slot *s = sc_ring_resp_next(&b->r);
	struct sc_bench_msg m = { 0 };

	if (type == SC_BENCH_PING) {
		memcpy(&m, in->data, sizeof(m));
		if (m.seq != b->last_seq + 1)
			b->skipped++;
		b->last_seq = m.seq;
		m.answered = ++b->answered;
		m.skipped = b->skipped;
		m.pad = 0;
	}
	s->type = (uint16_t)type;
	if (type == SC_BENCH_SAMPLES) {
		s->len = sizeof(struct sc_bench_samples);
		memcpy(s->data, in->data, s->len);
	} else {
		s->len = type == SC_BENCH_BAD ? 0 : sizeof(m);
		memcpy(s->data, &m, sizeof(m));
	}
	sc_ring_resp_commit(&b->r);
	b->moved++;
}

static void kick_if(const struct sc_bench_dev *b, bool asked)
{
	if (asked)
		ioctl(b->p->fd, SC_IOC_KICK);
}

#define FLOOR_PATIENCE_NS 2000000000ull

/* FLOOR (in: our copy): answer the partition's 2i + 1 with 2i + 2 on the
 * floor line, seq times; SC_BENCH_BAD if it stops for FLOOR_PATIENCE_NS
 * or we are told to stop. */
static unsigned bounce(struct sc_bench_dev *b, const struct sc_slot *in)
{
	uint64_t *line = (uint64_t *)(b->p->mem + SC_BENCH_AREA_PA +
				      SC_BENCH_FLOOR_OFF);
	struct sc_bench_msg m;

	memcpy(&m, in->data, sizeof(m));
	for (uint64_t i = 0; i < m.seq; i++) {
		uint64_t since = 0;
		unsigned spins = 0;

		/* Acquire/release: the pairing of the partition's side. */
		while (LOAD_ACQ(line) != 2 * i + 1) {
			/* The clock and the stop flag now and then only:
			 * the spin is what is measured. */
			if ((++spins & 4095) == 0) {
				uint64_t now = sc_now_ns();

				if (!since)
					since = now;
				else if (now - since > FLOOR_PATIENCE_NS)
					return SC_BENCH_BAD;
				if (LOAD_RLX(&b->stop))
					return SC_BENCH_BAD;
			}
			__builtin_ia32_pause();
		}
		STORE_REL(line, 2 * i + 2);
	}
	return SC_BENCH_FLOOR;
}

static void *poll_main(void *arg)
{
	struct sc_bench_dev *b = arg;
	struct sc_slot in;

	memset(&in, 0, sizeof(in));
	answer(b, &in, SC_BENCH_POLL_ON);
	kick_if(b, sc_ring_resp_flush(&b->r));
	while (!LOAD_RLX(&b->stop)) {
		unsigned t;

		if (!sc_ring_resp_take(&b->r, &in)) {
			__builtin_ia32_pause();
			continue;
		}
		t = sc_bench_backend_check(in.type, in.len, in.data,
					   b->p->mem_size);
		if (t == SC_BENCH_POLL_OFF) {
			/* Before the answer, which the partition waits
			 * for: its next request must ring the doorbell. */
			(void)sc_ring_resp_wait_arm(&b->r);
			STORE_REL(&b->done, 1);
			answer(b, &in, t);
			kick_if(b, sc_ring_resp_flush(&b->r));
			return NULL;
		}
		if (t == SC_BENCH_FLOOR)
			t = bounce(b, &in);
		/* Samples go to a file: the loop's work, not the spinner's. */
		answer(b, &in, t == SC_BENCH_SAMPLES ? SC_BENCH_BAD : t);
		kick_if(b, sc_ring_resp_flush(&b->r));
	}
	STORE_REL(&b->done, 1);
	return NULL;
}

static int start_thread(struct sc_bench_dev *b)
{
	pthread_attr_t attr;
	cpu_set_t set;
	int rc;

	b->stop = 0;
	b->done = 0;
	b->moved_before = b->moved;
	pthread_attr_init(&attr);
	CPU_ZERO(&set);
	if (b->cpu >= 0) {
		CPU_SET(b->cpu, &set);
		pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	}
	rc = pthread_create(&b->th, &attr, poll_main, b);
	pthread_attr_destroy(&attr);
	if (rc) {
		sc_err("bench: cannot start the polling thread: %s", strerror(rc));
		return -1;
	}
	b->threaded = true;
	return 0;
}

/* Copy the samples the partition named (checked) to samples_fd. */
static unsigned take_samples(struct sc_bench_dev *b,
			     const struct sc_slot *in)
{
	struct sc_bench_samples s;
	const uint8_t *src;
	size_t len;

	memcpy(&s, in->data, sizeof(s));
	if (b->samples_fd < 0)
		return SC_BENCH_SAMPLES;
	src = b->p->mem + s.pa;
	len = s.count * sizeof(uint64_t);
	while (len) {
		ssize_t w = write(b->samples_fd, src, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			sc_err("bench: writing samples: %s", strerror(errno));
			return SC_BENCH_BAD;
		}
		src += w;
		len -= (size_t)w;
	}
	return SC_BENCH_SAMPLES;
}

static bool bench_work(void *dev)
{
	struct sc_bench_dev *b = dev;
	struct sc_slot in;
	bool kick = false;

	if (!b->on)
		return false;
	if (b->threaded) {
		/* Acquire pairs with the thread's release of done. */
		if (!LOAD_ACQ(&b->done))
			return false;
		pthread_join(b->th, NULL);
		b->threaded = false;
	}
	while (sc_ring_resp_take(&b->r, &in)) {
		unsigned t = sc_bench_backend_check(in.type, in.len, in.data,
						    b->p->mem_size);

		if (t == SC_BENCH_POLL_ON) {
			if (start_thread(b) == 0)
				return kick; /* the thread answers it */
			t = SC_BENCH_BAD;
		} else if (t == SC_BENCH_SAMPLES) {
			t = take_samples(b, &in);
		} else if (t == SC_BENCH_FLOOR) {
			t = SC_BENCH_BAD; /* only a spinning thread can bounce */
		}
		answer(b, &in, t);
		kick |= sc_ring_resp_flush(&b->r);
	}
	return kick;
}

static bool bench_arm(void *dev)
{
	struct sc_bench_dev *b = dev;

	if (!b->on || b->threaded)
		return false;
	return sc_ring_resp_wait_arm(&b->r);
}

static unsigned long long bench_moved(const void *dev)
{
	const struct sc_bench_dev *b = dev;

	/* The thread's count is its own until the loop joined it (polling
	 * rings no doorbells, so the storm budget can wait for it). */
	return b->threaded ? b->moved_before : b->moved;
}

/* After the partition stopped: the thread gone, the device freed. */
static void bench_close(void *dev)
{
	struct sc_bench_dev *b = dev;

	if (b->on && b->threaded) {
		STORE_RLX(&b->stop, 1);
		pthread_join(b->th, NULL);
		b->threaded = false;
	}
	b->on = false;
	free(b);
}

/* The highest CPU we may use other than the partition's: away from the
 * boot CPU, where the module's doorbell IRQ and most else lands. */
static int poll_cpu(unsigned part_cpu)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -1;
	for (int c = CPU_SETSIZE - 1; c >= 0; c--)
		if (CPU_ISSET(c, &set) && (unsigned)c != part_cpu)
			return c;
	return -1;
}

static int bench_setup(void *dev, struct sc_part *p)
{
	struct sc_bench_dev *b = dev;
	void *mem = p->mem + SC_BENCH_AREA_PA;

	sc_ring_init_duplex(mem, SC_BENCH_RING_ORDER);
	if (sc_ring_attach(&b->r, mem, SC_BENCH_FLOOR_OFF)) {
		sc_err("internal error: the bench ring does not attach");
		return -1;
	}
	sc_device_announce(p->bi, SC_DEV_BENCH);
	b->p = p;
	b->threaded = false;
	b->cpu = poll_cpu(p->info.cpu);
	b->on = true;
	sc_step("bench ring at 0x%llx; polling thread on CPU %d",
		(unsigned long long)SC_BENCH_AREA_PA, b->cpu);
	return 0;
}

/* ------------------------------------------------- as a backend (backend.h) */

const struct sc_backend_ops sc_bench_backend_ops = {
	.name = "bench",
	.setup = bench_setup,
	.work = bench_work,
	.arm = bench_arm,
	.moved = bench_moved,
	.close = bench_close,
};
