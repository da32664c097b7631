// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `ringbench [N] [floor|poll|ipi]`: round trips through the bench
 * device's duplex ring (include/sparecore/bench.h) to the host and back,
 * timed by the TSC. Each PING carries a sequence number that the host
 * echoes.
 *
 *  - floor: no ring; one value bounced through the floor line with the
 *    host's polling thread: the least a round trip between these two CPUs
 *    can cost, for the ratios.
 *  - poll: the host answers from a thread that spins on the ring (we ask
 *    for it with POLL_ON); we spin on our slot. Nobody rings a doorbell.
 *  - ipi: we ring the host's doorbell when it asked for one (it sleeps in
 *    poll()), arm the ring and wait in HLT for its KICK.
 *
 * After WARMUP untimed round trips, N timed ones; then the samples (ns)
 * go to the host (SAMPLES: their address and count, which the host copies
 * out of our memory when it was asked to, as `sparecore bench --cpu N`
 * does), and one line is printed, which tests and the host parse:
 *
 *   ringbench: mode=M n=N warmup=W echoed=E host_skipped=S bells=B
 *     irqs=I sleeps=Z min=X median=X p99=X p999=X max=X mean99=X.X (ns)
 *
 * (one line). echoed: answers that carried their own request's seq, in
 * order, each counted once by the host (floor: values bounced back);
 * every round trip should be one.
 * host_skipped: PINGs the host saw out of sequence since boot (0).
 * bells: doorbells we rang for this ring; irqs: doorbell interrupts we
 * took; sleeps: HLTs; all during the round trips.
 */
#include "ringbench.h"

#include <sparecore/bench.h>
#include <sparecore/bench_line.h>
#include <sparecore/compiler.h>

#include "acpi.h"
#include "apic.h"
#include "boot.h"
#include "bump_alloc.h"
#include "cpu.h"
#include "kprintf.h"
#include "kstring.h"
#include "sort_u64.h"
#include "timer.h"
#include "vectors.h"

#define RB_MAX SC_BENCH_SAMPLES_MAX
#define RB_DEFAULT 10000u
#define WARMUP 200u
#define TIMEOUT_MS 2000u     /* one answer; the host polls every 100 ms */


static struct sc_ring ring;
static uint64_t *floor_line; /* in the bench area, shared with the host */
static bool attached, tried;
static uint64_t *samples;
static uint64_t next_seq = 1; /* the host checks each PING is the last + 1 */

/* Find and attach the ring once; false (said) if there is none. */
static bool attach(void)
{
	const struct acpi_dev *d;

	if (tried)
		return attached;
	tried = true;
	d = acpi_find(SC_HID_BENCH);
	if (!d || d->n_mem != 2 || d->n_irq != 1 || d->mem[1].size < 8 ||
	    sc_ring_attach(&ring, pa_to_va(d->mem[0].base), d->mem[0].size) ||
	    !ring.duplex || isr_add_doorbell(d->irq[0]))
		return false;
	/* acpi_init checked it lies in our memory, clear of the rest. */
	floor_line = pa_to_va(d->mem[1].base);
	samples = bump_alloc(RB_MAX * sizeof(uint64_t), 4096);
	attached = samples != 0;
	return attached;
}

/* Put one request in the ring and tell the host if it asked to be told;
 * true if we rang. */
static bool send(uint16_t type, const void *msg, uint16_t len)
{
	struct sc_slot *s = sc_ring_req_next(&ring);

	if (!s)
		return false; /* cannot happen: one request out at a time */
	s->type = type;
	s->len = len;
	memcpy(s->data, msg, len);
	sc_ring_req_commit(&ring);
	if (!sc_ring_req_flush(&ring))
		return false;
	apic_doorbell_host();
	return true;
}

struct waits {
	uint64_t sleeps;
};

/* Wait for the answer to the oldest request, spinning (sleep false) or in
 * HLT after arming the ring. 0, or -1 on timeout or a broken ring. */
static int reap(struct sc_slot *out, bool sleep, struct waits *w)
{
	uint64_t t0 = rdtsc(), limit = tsc_khz() * TIMEOUT_MS;

	while (!sc_ring_req_reap(&ring, out)) {
		if (ring.broken || rdtsc() - t0 > limit)
			return -1;
		if (!sleep) {
			cpu_relax();
			continue;
		}
		/* Arm, look again, and sleep only if the answer is still
		 * not there; interrupts off in between, so the KICK that
		 * follows the arming ends the HLT rather than coming
		 * before it. */
		irq_disable();
		if (!sc_ring_req_wait_arm(&ring)) {
			w->sleeps++;
			irq_enable_and_wait();
		}
		irq_enable();
	}
	return 0;
}

/* A control request and its answer (spinning). 0, or -1 (said). */
static int control(uint16_t type, const void *msg, uint16_t len)
{
	struct sc_slot a;
	struct waits w = { 0 };

	send(type, msg, len);
	if (reap(&a, false, &w) || a.type != type) {
		kprintf("ringbench: error: host did not take request type %u\n",
			type);
		return -1;
	}
	return 0;
}

struct run {
	uint64_t n, echoed, bells, irqs;
	uint32_t skipped;
	struct waits w;
};

/* total round trips; the last n are timed into samples[] (TSC ticks). */
static int round_trips(bool ipi, uint64_t n, struct run *r)
{
	uint64_t total = WARMUP + n, irq0 = isr_doorbell_count, last = 0;

	for (uint64_t i = 0; i < total; i++) {
		struct sc_bench_msg m = { .seq = next_seq++ }, a;
		struct sc_slot s;
		uint64_t t0 = rdtsc(), t1;

		r->bells += send(SC_BENCH_PING, &m, sizeof(m));
		if (reap(&s, ipi, &r->w)) {
			kprintf("ringbench: error: no answer to seq %llu\n",
				(unsigned long long)m.seq);
			return -1;
		}
		t1 = rdtsc();
		memcpy(&a, s.data, sizeof(a));
		/* Its own seq, and counted once: the host's count of
		 * answers moves by exactly one per round trip. */
		if (s.type == SC_BENCH_PING && s.len == sizeof(a) &&
		    a.seq == m.seq && (i == 0 || a.answered == last + 1))
			r->echoed++;
		last = a.answered;
		r->skipped = a.skipped;
		if (i >= WARMUP)
			samples[i - WARMUP] = t1 - t0;
	}
	r->irqs = isr_doorbell_count - irq0;
	return 0;
}

/* The floor: 2i + 1 out, wait for the host's 2i + 2; no ring on the way
 * (the FLOOR request waits in it until the host is done). */
static int bounce(uint64_t n, struct run *r)
{
	uint64_t total = WARMUP + n, limit = tsc_khz() * TIMEOUT_MS;
	struct sc_bench_msg m = { .seq = total };
	struct waits w = { 0 };
	struct sc_slot a;

	/* Zeroed before the request's release: the host sees 0 first. */
	*floor_line = 0;
	send(SC_BENCH_FLOOR, &m, sizeof(m));
	for (uint64_t i = 0; i < total; i++) {
		uint64_t t0 = rdtsc(), t1;

		/* Release/acquire: the same pairing as a ring slot's seq. */
		STORE_REL(floor_line, 2 * i + 1);
		while ((t1 = rdtsc(), LOAD_ACQ(floor_line) != 2 * i + 2)) {
			if (t1 - t0 > limit) {
				kprintf("ringbench: error: the host stopped bouncing at %llu\n",
					(unsigned long long)i);
				return -1;
			}
			cpu_relax();
		}
		r->echoed++;
		if (i >= WARMUP)
			samples[i - WARMUP] = t1 - t0;
	}
	if (reap(&a, false, &w) || a.type != SC_BENCH_FLOOR) {
		kprintf("ringbench: error: host did not finish the floor\n");
		return -1;
	}
	return 0;
}

/* Nearest rank: the smallest sample with num/den of them at or below. */
static uint64_t rank(uint64_t n, uint64_t num, uint64_t den)
{
	uint64_t k = (n * num + den - 1) / den;

	return k ? k - 1 : 0;
}

/* The summary line, in the shape include/sparecore/bench_line.h gives it
 * (the host parses it: host/service/bench/bench_line.c). */
static void report(const char *mode, const struct run *r, uint64_t n)
{
#define FIELD(name) unsigned long long name;
#define ARG(name) , v.name
	struct { SC_BENCH_LINE_FIELDS(FIELD) } v;
	uint64_t keep = n - n / 100, sum = 0;

	sort_u64(samples, n);
	if (!keep)
		keep = 1;
	for (uint64_t i = 0; i < keep; i++)
		sum += samples[i];
	/* Every member, each set here: a field the header adds and this
	 * does not set is read uninitialised, which the build refuses. */
	v.n = n;
	v.warmup = WARMUP;
	v.echoed = r->echoed;
	v.host_skipped = r->skipped;
	v.bells = r->bells;
	v.irqs = r->irqs;
	v.sleeps = r->w.sleeps;
	v.min = samples[0];
	v.median = samples[rank(n, 1, 2)];
	v.p99 = samples[rank(n, 99, 100)];
	v.p999 = samples[rank(n, 999, 1000)];
	v.max = samples[n - 1];
	kprintf(SC_BENCH_LINE_FMT, mode SC_BENCH_LINE_FIELDS(ARG),
		(unsigned long long)(sum * 10 / keep / 10),
		(unsigned long long)(sum * 10 / keep % 10));
#undef FIELD
#undef ARG
}

enum mode { FLOOR, POLL, IPI };
static const char *const mode_names[] = SC_BENCH_LINE_MODES;

static int bench(enum mode mode, uint64_t n)
{
	bool ipi = mode == IPI;
	struct sc_bench_samples sm;
	struct sc_bench_msg none = { 0 };
	struct run r = { .n = n };
	uint64_t khz = tsc_khz() ? tsc_khz() : 1;
	int e;

	if (!ipi && control(SC_BENCH_POLL_ON, &none, sizeof(none)))
		return -1;
	e = mode == FLOOR ? bounce(n, &r) : round_trips(ipi, n, &r);
	if (!ipi && control(SC_BENCH_POLL_OFF, &none, sizeof(none)))
		return -1;
	if (e)
		return -1;
	/* Ticks to ns, in place, before the host copies them. */
	for (uint64_t i = 0; i < n; i++)
		samples[i] = samples[i] * 1000000ull / khz;
	sm.pa = (uint64_t)(uintptr_t)samples - SC_VIRT_BASE;
	sm.count = n;
	if (control(SC_BENCH_SAMPLES, &sm, sizeof(sm)))
		return -1;
	report(mode_names[mode], &r, n);
	return 0;
}

void cmd_ringbench(int argc, char **argv)
{
	uint64_t n = RB_DEFAULT;
	int modes = 7; /* bit m: enum mode m */

	for (int i = 1; i < argc; i++) {
		int m = -1;

		for (int k = FLOOR; k <= IPI; k++)
			if (!strcmp(argv[i], mode_names[k]))
				m = k;
		if (m >= 0)
			modes = 1 << m;
		else if (!kstr_u64(argv[i], false, &n) || !n || n > RB_MAX)
			modes = 0;
	}
	if (!modes || argc > 3) {
		kprintf("usage: ringbench [N (1-%u)] [floor|poll|ipi]\n", RB_MAX);
		return;
	}
	if (!attach()) {
		kprintf("ringbench: no bench device (the host gives one with "
			"sparecore bench --cpu N, or run --bench-ring)\n");
		return;
	}
	for (int m = FLOOR; m <= IPI; m++)
		if (modes & (1 << m))
			bench((enum mode)m, n);
}
