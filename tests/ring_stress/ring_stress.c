// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Concurrency test of the ring library (paravirt-drivers/ring.c) across two
 * threads, in both of its ways of use:
 *
 *   stream  producer -> consumer, one way (as the console);
 *   duplex  requester -> responder, each answer written back into the
 *           request's slot and checked by the requester.
 *
 * Every message carries its sequence number, a payload derived from it and
 * a checksum, so a lost, duplicated, reordered or torn message is caught.
 * Both sides batch at random (1..64, on rings of 8 and 16 slots, so the
 * ring is often full and often empty), and a side that finds nothing to do
 * sleeps the way a driver does: spin a while, arm the event index, re-check,
 * then block on a futex "doorbell" that the peer rings only when its flush
 * says we asked. A wrong event index or a missing fence shows up as a sleep
 * that its doorbell never ends: each sleep times out after two seconds, and a
 * timeout with work waiting fails the test at once, as a lost doorbell; a
 * watchdog fails it after WATCHDOG_S seconds in all. At the end: every message
 * arrived intact and in order, no doorbell was lost, and doorbells were
 * rung (suppression was exercised) but far fewer than there were messages.
 *
 * Usage: ring_stress [-n MESSAGES] [-s SEED] [-m stream|duplex|both]
 * Exit status 0 on success, 1 on any failure.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <sparecore/compiler.h>
#include <sparecore/ring.h>

#define STREAM_ORDER 4u /* 16 slots */
#define DUPLEX_ORDER 3u /* 8 slots */
#define MAX_BATCH 64u
#define SPIN_NS 200000u /* poll this long before arming, mostly */
#define ARM_AT_ONCE 128u /* but one wait in this many arms at once */
#define PLEN_MAX (SC_SLOT_PAYLOAD - 14u)
#define WATCHDOG_S 300u /* whole run; 10M messages take seconds */

/* ------------------------------------------------------------- messages */

static uint64_t seed;

static uint64_t mix(uint64_t x) /* splitmix64 finaliser */
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint32_t fnv1a(const uint8_t *p, unsigned n)
{
	uint32_t h = 2166136261u;

	for (unsigned i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* The payload of message seq in direction dir (0 request, 1 answer). */
static unsigned payload(uint64_t seq, unsigned dir, uint8_t *out)
{
	uint64_t h = mix(seed ^ (seq * 2 + dir));
	unsigned len = (unsigned)(h % (PLEN_MAX + 1));

	for (unsigned i = 0; i < len; i++) {
		if (i % 8 == 0)
			h = mix(h);
		out[i] = (uint8_t)(h >> (8 * (i % 8)));
	}
	return len;
}

/* Slot data: [0,8) seq, [8,12) checksum, [12,14) length, [14,..) payload. */
static void put_msg(struct sc_slot *s, uint64_t seq, unsigned dir)
{
	uint8_t p[PLEN_MAX];
	uint16_t len = (uint16_t)payload(seq, dir, p);
	uint32_t sum = fnv1a(p, len);

	s->type = (uint16_t)(seq * 2 + dir);
	s->len = (uint16_t)(14 + len);
	memcpy(s->data, &seq, 8);
	memcpy(s->data + 8, &sum, 4);
	memcpy(s->data + 12, &len, 2);
	memcpy(s->data + 14, p, len);
}

/* 0 if s is message seq of direction dir, intact. */
static int check_msg(const struct sc_slot *s, uint64_t seq, unsigned dir)
{
	uint8_t p[PLEN_MAX];
	unsigned len = payload(seq, dir, p);
	uint64_t got_seq;
	uint32_t sum;
	uint16_t got_len;

	memcpy(&got_seq, s->data, 8);
	memcpy(&sum, s->data + 8, 4);
	memcpy(&got_len, s->data + 12, 2);
	if (got_seq != seq || s->type != (uint16_t)(seq * 2 + dir) ||
	    got_len != len || s->len != 14 + len)
		return -1;
	if (fnv1a(s->data + 14, len) != sum || sum != fnv1a(p, len) ||
	    memcmp(s->data + 14, p, len))
		return -1;
	return 0;
}

/* Per-thread xorshift64*, for batch sizes and spin lengths. */
static uint64_t rnd(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 0x2545f4914f6cdd1dull;
}

static unsigned rnd_batch(uint64_t *st)
{
	uint64_t r = rnd(st);

	/* Mostly small, sometimes up to four rings' worth. */
	return r % 4 ? 1 + (unsigned)(r >> 8) % 8 : 1 + (unsigned)(r >> 8) % MAX_BATCH;
}

/* ------------------------------------------------------------- doorbells */

/* A futex word counting rings, so a ring between "read the count" and
 * "sleep on that count" ends the sleep at once (an eventcount). */
struct doorbell {
	_Alignas(64) uint32_t count;
	_Alignas(64) uint64_t rung;   /* by the ringing side only */
	uint64_t sleeps;              /* by the sleeping side only */
};

static void ring_bell(struct doorbell *d)
{
	__atomic_add_fetch(&d->count, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &d->count, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
	d->rung++;
}

/*
 * Sleep until the doorbell rings; ready() re-arms and says whether there is
 * work. Called after spinning found nothing. Two seconds without a ring while
 * work is waiting is a lost doorbell.
 */
static void doze(struct doorbell *d, bool (*ready)(void *), void *arg)
{
	uint32_t c = __atomic_load_n(&d->count, __ATOMIC_SEQ_CST);
	struct timespec to = { .tv_sec = 2 };

	/* Arm, then look again: work that came before the arm is seen here,
	 * work after it rings the bell (which moves count past c). */
	if (ready(arg))
		return;
	d->sleeps++;
	if (syscall(SYS_futex, &d->count, FUTEX_WAIT_PRIVATE, c, &to, NULL, 0) &&
	    errno == ETIMEDOUT && ready(arg)) {
		/* Fail fast: each further loss would cost two more seconds. */
		fflush(stdout);
		fprintf(stderr, "ring_stress: FAILED: lost doorbell (work waited 2 s for it; seed %llu)\n",
			(unsigned long long)seed);
		exit(1);
	}
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * Spin for work up to SPIN_NS; true if found. try() does one attempt.
 * The spin outlasts a futex wake-up, so two sides do not fall into a
 * convoy of sleeping in turn; now and then a side arms at once instead,
 * so that sleeping and waking stay well exercised.
 */
static bool spin_for(bool (*try)(void *), void *arg, uint64_t *st)
{
	uint64_t end;

	if (rnd(st) % ARM_AT_ONCE == 0)
		return try(arg);
	end = now_ns() + SPIN_NS;
	for (unsigned i = 1;; i++) {
		if (try(arg))
			return true;
		__builtin_ia32_pause();
		if (i % 64 == 0 && now_ns() > end)
			return false;
	}
}

/* ------------------------------------------------------------ the runs */

struct run {
	const char *mode;
	uint64_t n;
	void *mem;
	struct sc_ring a;        /* producer / requester */
	_Alignas(64) struct sc_ring b; /* consumer / responder */
	struct doorbell to_a, to_b;
	_Alignas(64) uint64_t errors_a; /* wrong message, broken ring */
	_Alignas(64) uint64_t errors_b;
	uint64_t done_b;                /* messages taken by b */
};

/* ---- stream: a produces, b consumes */

static bool a_has_room(void *arg)
{
	struct run *r = arg;

	return sc_ring_prod_next(&r->a) || r->a.broken;
}

static bool a_arm_room(void *arg)
{
	struct run *r = arg;

	return sc_ring_prod_wait_arm(&r->a) || r->a.broken;
}

static bool b_has_msg(void *arg)
{
	struct run *r = arg;

	/* Peek without taking: arming re-checks the slot's seq, and the
	 * event index it writes is the one we would write anyway. */
	return sc_ring_cons_wait_arm(&r->b) || r->b.broken;
}

static void stream_producer(struct run *r)
{
	uint64_t st = seed ^ 0xa;

	for (uint64_t i = 0; i < r->n && !r->a.broken;) {
		unsigned batch = rnd_batch(&st);

		for (unsigned k = 0; k < batch && i < r->n; k++, i++) {
			struct sc_slot *s;

			while (!(s = sc_ring_prod_next(&r->a))) {
				if (r->a.broken)
					goto out;
				/* Full: the consumer may be asleep waiting for
				 * exactly what we have not flushed yet. */
				if (sc_ring_prod_flush(&r->a))
					ring_bell(&r->to_b);
				if (!spin_for(a_has_room, r, &st))
					doze(&r->to_a, a_arm_room, r);
			}
			put_msg(s, i, 0);
			sc_ring_prod_commit(&r->a);
		}
		if (sc_ring_prod_flush(&r->a))
			ring_bell(&r->to_b);
	}
out:
	if (r->a.broken)
		r->errors_a++;
}

/* Is slot head full (request/message there)? Spinning peeks, it does not
 * arm: arming on every poll would make the peer ring for nothing. */
static bool b_try_take(void *arg)
{
	struct run *r = arg;

	return LOAD_ACQ(&r->b.slots[r->b.head & r->b.mask].seq) == r->b.head + 1;
}

static void stream_consumer(struct run *r)
{
	uint64_t st = seed ^ 0xb;
	struct sc_slot m;

	while (r->done_b < r->n && !r->b.broken) {
		unsigned batch = rnd_batch(&st), got = 0;

		while (got < batch && sc_ring_cons_take(&r->b, &m)) {
			if (check_msg(&m, r->done_b, 0))
				r->errors_b++;
			r->done_b++;
			got++;
		}
		/* Free what we took (the producer may be asleep on a full
		 * ring) before we think of sleeping ourselves. */
		if (sc_ring_cons_flush(&r->b))
			ring_bell(&r->to_a);
		if (!got && !spin_for(b_try_take, r, &st))
			doze(&r->to_b, b_has_msg, r);
	}
	if (r->b.broken)
		r->errors_b++;
}

/* ---- duplex: a requests, b answers in the same slot, a checks answers */

static bool a_has_answer(void *arg)
{
	struct run *r = arg;
	uint32_t t = r->a.tail;

	return t != r->a.head &&
	       LOAD_ACQ(&r->a.slots[t & r->a.mask].seq) ==
		       ((t + 1) ^ SC_SEQ_ANSWERED);
}

static bool a_arm_answer(void *arg)
{
	struct run *r = arg;

	return sc_ring_req_wait_arm(&r->a) || r->a.broken;
}

static bool b_arm_request(void *arg)
{
	struct run *r = arg;

	return sc_ring_resp_wait_arm(&r->b) || r->b.broken;
}

/* Reap every answer there is, checking each; returns how many. */
static unsigned reap(struct run *r, uint64_t *answered)
{
	struct sc_slot m;
	unsigned n = 0;

	while (sc_ring_req_reap(&r->a, &m)) {
		if (check_msg(&m, *answered, 1))
			r->errors_a++;
		(*answered)++;
		n++;
	}
	return n;
}

/* Wait until at least one answer is reaped (we have requests out). */
static void await_answer(struct run *r, uint64_t *answered, uint64_t *st)
{
	while (!reap(r, answered) && !r->a.broken) {
		/* The responder may be asleep waiting for these. */
		if (sc_ring_req_flush(&r->a))
			ring_bell(&r->to_b);
		if (!spin_for(a_has_answer, r, st))
			doze(&r->to_a, a_arm_answer, r);
	}
}

static void duplex_requester(struct run *r)
{
	uint64_t st = seed ^ 0xc, answered = 0;

	for (uint64_t i = 0; i < r->n && !r->a.broken;) {
		unsigned batch = rnd_batch(&st);

		for (unsigned k = 0; k < batch && i < r->n; k++, i++) {
			struct sc_slot *s;

			while (!(s = sc_ring_req_next(&r->a)) && !r->a.broken)
				await_answer(r, &answered, &st);
			if (!s)
				break;
			put_msg(s, i, 0);
			sc_ring_req_commit(&r->a);
		}
		if (sc_ring_req_flush(&r->a))
			ring_bell(&r->to_b);
		if (rnd(&st) % 2)
			reap(r, &answered);
	}
	while (answered < r->n && !r->a.broken)
		await_answer(r, &answered, &st);
	if (r->a.broken)
		r->errors_a++;
}

static void duplex_responder(struct run *r)
{
	uint64_t st = seed ^ 0xd;
	struct sc_slot m;

	while (r->done_b < r->n && !r->b.broken) {
		unsigned batch = rnd_batch(&st), got = 0;

		while (got < batch && sc_ring_resp_take(&r->b, &m)) {
			struct sc_slot *s = sc_ring_resp_next(&r->b);

			if (check_msg(&m, r->done_b, 0) || !s)
				r->errors_b++;
			if (!s)
				break;
			put_msg(s, r->done_b, 1);
			sc_ring_resp_commit(&r->b);
			r->done_b++;
			got++;
		}
		if (sc_ring_resp_flush(&r->b))
			ring_bell(&r->to_a);
		if (!got && !spin_for(b_try_take, r, &st))
			doze(&r->to_b, b_arm_request, r);
	}
	if (r->b.broken)
		r->errors_b++;
}

/* ------------------------------------------------------------------ main */

static void watchdog(int sig)
{
	static const char msg[] = "ring_stress: FAILED: still running after the watchdog's limit (hang?)\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(1);
}

static void *run_thread(void *arg)
{
	struct run *r = arg;

	if (!strcmp(r->mode, "stream"))
		stream_consumer(r);
	else
		duplex_responder(r);
	return NULL;
}

/* Run one mode; 0 if everything checked out. */
static int run_mode(const char *mode, uint64_t n)
{
	bool duplex = !strcmp(mode, "duplex");
	uint32_t order = duplex ? DUPLEX_ORDER : STREAM_ORDER;
	uint64_t bytes = SC_RING_BYTES(order), rung;
	struct run *r = aligned_alloc(64, sizeof(*r));
	pthread_t th;
	uint64_t t0 = now_ns();
	double secs;
	int fail = 0;

	if (!r)
		return 1;
	memset(r, 0, sizeof(*r));
	r->mode = mode;
	r->n = n;
	r->mem = aligned_alloc(4096, (bytes + 4095) & ~4095ull);
	if (!r->mem) {
		free(r);
		return 1;
	}
	if (duplex)
		sc_ring_init_duplex(r->mem, order);
	else
		sc_ring_init(r->mem, order);
	if (sc_ring_attach(&r->a, r->mem, bytes) ||
	    sc_ring_attach(&r->b, r->mem, bytes) ||
	    pthread_create(&th, NULL, run_thread, r)) {
		fprintf(stderr, "ring_stress: cannot set up\n");
		free(r->mem);
		free(r);
		return 1;
	}
	if (duplex)
		duplex_requester(r);
	else
		stream_producer(r);
	pthread_join(th, NULL);
	secs = (double)(now_ns() - t0) / 1e9;
	rung = r->to_a.rung + r->to_b.rung;

	printf("ring_stress %s: %llu messages in %.2f s; doorbells %llu to the %s, %llu to the %s; sleeps %llu + %llu; errors %llu + %llu\n",
	       mode, (unsigned long long)r->done_b, secs,
	       (unsigned long long)r->to_b.rung, duplex ? "responder" : "consumer",
	       (unsigned long long)r->to_a.rung, duplex ? "requester" : "producer",
	       (unsigned long long)r->to_a.sleeps, (unsigned long long)r->to_b.sleeps,
	       (unsigned long long)r->errors_a, (unsigned long long)r->errors_b);
	fflush(stdout);
	if (r->done_b != n || r->errors_a || r->errors_b) {
		fprintf(stderr, "ring_stress %s: FAILED: messages lost, duplicated, reordered or corrupted\n", mode);
		fail = 1;
	}
	/* Suppression must have been exercised (sides slept and were woken)
	 * and must have worked (far fewer doorbells than messages). */
	if (n >= 100000 && (rung == 0 || r->to_a.sleeps + r->to_b.sleeps == 0)) {
		fprintf(stderr, "ring_stress %s: FAILED: no side ever slept; the doorbell path went untested\n", mode);
		fail = 1;
	}
	/* How many doorbells suppression saved depends on scheduling (a
	 * loaded machine sleeps more), so it is reported, not asserted; the
	 * suppression rules themselves are unit-tested in test_ring.c. */
	printf("ring_stress %s: %.4f doorbells per message\n", mode,
	       (double)rung / (double)n);
	free(r->mem);
	free(r);
	return fail;
}

int main(int argc, char **argv)
{
	uint64_t n = 10000000;
	const char *mode = "both";
	int opt, fail = 0;

	seed = (uint64_t)time(NULL);
	while ((opt = getopt(argc, argv, "n:s:m:")) != -1) {
		switch (opt) {
		case 'n':
			n = strtoull(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'm':
			mode = optarg;
			break;
		default:
			fprintf(stderr, "usage: ring_stress [-n MESSAGES] [-s SEED] [-m stream|duplex|both]\n");
			return 1;
		}
	}
	if (!n || (strcmp(mode, "stream") && strcmp(mode, "duplex") &&
		   strcmp(mode, "both"))) {
		fprintf(stderr, "ring_stress: bad -n or -m\n");
		return 1;
	}
	/* The seed decides batch sizes and payloads: print it, so a failure
	 * can be replayed with -s (thread timing still differs). */
	printf("ring_stress: seed %llu\n", (unsigned long long)seed);
	fflush(stdout);
	signal(SIGALRM, watchdog);
	alarm(WATCHDOG_S);
	if (strcmp(mode, "duplex"))
		fail |= run_mode("stream", n);
	if (strcmp(mode, "stream"))
		fail |= run_mode("duplex", n);
	if (!fail)
		printf("ring_stress: passed\n");
	return fail;
}
