// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore bench`: runs every test on the same two pinned CPUs in one
 * process, interleaved in rounds (each round runs each test once), so a
 * noisy neighbour or a frequency change hits all tests alike and the
 * ratios to the floor hold even when the absolute numbers drift.
 */
#include "bench.h"
#include "bench_out.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#include <sparecore/compiler.h>

#include "args.h"
#include "util.h"

#define ROUNDS 20
#define WARMUP 200      /* untimed round trips per test and round */
#define STREAM_FACTOR 50 /* streamed messages per round trip */

static const struct bench_test *const tests[] = {
	&bench_floor, &bench_sparecore, &bench_sparecore_2ring, &bench_ck,
	&bench_pipe, &bench_eventfd, &bench_futex,
};
#define NTESTS (ARRAY_SIZE(tests))

/* TSC mode (bench_use_tsc): ns = (tsc - tsc0) * tsc_mult >> 32. Set
 * before any thread starts, read-only while they run. */
static uint64_t tsc0, tsc_mult;

static uint64_t clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t bench_now(void)
{
	if (tsc_mult)
		return (uint64_t)(((unsigned __int128)(__rdtsc() - tsc0) *
				   tsc_mult) >> 32);
	return clock_ns();
}

uint64_t bench_use_tsc(void)
{
	uint64_t t0 = clock_ns(), c0 = __rdtsc(), t1, c1, khz;

	/* 200 ms against CLOCK_MONOTONIC: the rate to a few ppm. */
	usleep(200000);
	t1 = clock_ns();
	c1 = __rdtsc();
	khz = (c1 - c0) * 1000000ull / (t1 - t0 ? t1 - t0 : 1);
	if (!khz)
		return 0;
	tsc0 = c1;
	tsc_mult = (1000000ull << 32) / khz;
	return khz;
}

/* ------------------------------------------------- two sides on two CPUs */

struct side {
	const struct bench_test *t;
	void *ctx;
	struct bench_rtt *rtt;       /* round trip, or */
	struct bench_stream *stream; /* streaming */
	bool second;                 /* server / rx */
	int *gate;                   /* 0, 1, 2 threads ready; -1 abort */
};

static void *side_main(void *p)
{
	struct side *s = p;
	int g;

	/* Start together: the first one here waits for the second, so
	 * neither side's timing includes the other's thread start-up. */
	__atomic_add_fetch(s->gate, 1, __ATOMIC_ACQ_REL);
	while ((g = LOAD_ACQ(s->gate)) == 1)
		bench_relax();
	if (g < 0)
		return NULL;
	if (s->rtt)
		(s->second ? s->t->server : s->t->client)(s->ctx, s->rtt);
	else
		(s->second ? s->t->rx : s->t->tx)(s->ctx, s->stream);
	return NULL;
}

/* Run side A on cpus[0] and side B on cpus[1]; 0, or an errno. */
static int run_pair(const int cpus[2], struct side sides[2])
{
	pthread_t th[2];
	int gate = 0, rc = 0, started = 0;

	for (int i = 0; i < 2; i++) {
		pthread_attr_t attr;
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpus[i], &set);
		sides[i].gate = &gate;
		sides[i].second = i == 1;
		pthread_attr_init(&attr);
		/* Pinned from birth: pthread_create fails if the CPU is
		 * not ours to use, rather than running unpinned. */
		rc = pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
		if (!rc)
			rc = pthread_create(&th[i], &attr, side_main, &sides[i]);
		pthread_attr_destroy(&attr);
		if (rc)
			break;
		started++;
	}
	if (rc && started)
		STORE_REL(&gate, -1);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	return rc;
}

/* ------------------------------------------------------------ the runs */

const char *bench_cpu_model(void)
{
	static char model[128] = "unknown CPU";
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f)
		return model;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) || !colon)
			continue;
		colon += strspn(colon + 1, " \t") + 1;
		colon[strcspn(colon, "\n")] = 0;
		snprintf(model, sizeof(model), "%s", colon);
		break;
	}
	fclose(f);
	return model;
}

uint64_t bench_clock_cost(void)
{
	uint64_t gap[1001], t = bench_now();

	for (int i = 0; i < 1001; i++) {
		uint64_t u = bench_now();

		gap[i] = u - t;
		t = u;
	}
	sc_stats_sort(gap, 1001);
	return gap[500];
}

static int pick_cpus(const struct sc_args *a, int cpus[2])
{
	cpu_set_t set;
	int found = 0;

	if (sched_getaffinity(0, sizeof(set), &set)) {
		sc_err("bench: sched_getaffinity: %s", strerror(errno));
		return -1;
	}
	if (a->bench_cpus[0] >= 0) {
		for (int i = 0; i < 2; i++) {
			cpus[i] = a->bench_cpus[i];
			if (cpus[i] >= CPU_SETSIZE || !CPU_ISSET(cpus[i], &set)) {
				sc_err("bench: CPU %d is not one this process may run on", cpus[i]);
				return -1;
			}
		}
		return 0;
	}
	for (int c = 0; c < CPU_SETSIZE && found < 2; c++)
		if (CPU_ISSET(c, &set))
			cpus[found++] = c;
	if (found < 2) {
		sc_err("bench: needs two CPUs, this process may use only one (see --cpus)");
		return -1;
	}
	return 0;
}

/* One test's context for both sides, the pair run, the context freed.
 * -1 (said) if it cannot be set up; else run_pair's result. */
static int run_test(const struct bench_test *t, const int cpus[2],
		    struct side s[2])
{
	int rc;

	s[0].ctx = s[1].ctx = t->setup();
	if (!s[0].ctx) {
		sc_err("bench: %s: cannot set up: %s", t->name, strerror(errno));
		return -1;
	}
	rc = run_pair(cpus, s);
	t->teardown(s[0].ctx);
	return rc;
}

int bench_run_rtt(const struct bench_test *t, const int cpus[2], uint64_t n,
		  uint64_t *samples)
{
	struct bench_rtt r = { .warmup = WARMUP, .n = n, .samples = samples };
	struct side s[2] = { { .t = t, .rtt = &r }, { .t = t, .rtt = &r } };
	int rc = run_test(t, cpus, s);

	if (rc < 0)
		return -1;
	if (rc) {
		sc_err("bench: cannot start threads on CPUs %d and %d: %s",
		       cpus[0], cpus[1], strerror(rc));
		return -1;
	}
	if (r.err) {
		sc_err("bench: %s: wrong reply or failed call", t->name);
		return -1;
	}
	return 0;
}

/* One streaming round; *rate gets its messages per second. */
static int run_stream(const struct bench_test *t, const int cpus[2],
		      uint64_t n, unsigned batch, double *rate)
{
	struct bench_stream st = { .n = n, .batch = batch };
	struct side s[2] = { { .t = t, .stream = &st }, { .t = t, .stream = &st } };
	int rc = run_test(t, cpus, s);

	if (rc < 0)
		return -1;
	if (rc || st.err) {
		sc_err("bench: %s stream: %s", t->name,
		       rc ? strerror(rc) : "lost, duplicated or reordered message");
		return -1;
	}
	*rate = (double)n / ((double)(st.ns ? st.ns : 1) / 1e9);
	return 0;
}

int sc_cmd_bench(const struct sc_args *a)
{
	struct bench_row rows[NTESTS];
	/* Streaming rate per test, batch size and round: the median round is
	 * reported, so one round hit by a host hiccup does not sway it. */
	uint64_t rates[NTESTS][2][ROUNDS];
	static const unsigned batches[2] = { 1, 32 };
	uint64_t n = a->iterations;
	int cpus[2], rc = 1;
	unsigned rounds = n >= 10 * ROUNDS ? ROUNDS : 1;

	if (a->cpu >= 0)
		return bench_partition(a);
	if (pick_cpus(a, cpus))
		return 1;
	memset(rows, 0, sizeof(rows));
	for (size_t i = 0; i < NTESTS; i++) {
		rows[i].name = tests[i]->name;
		rows[i].what = tests[i]->what;
		rows[i].samples = malloc(n * sizeof(uint64_t));
		rows[i].n = n;
		if (!rows[i].samples) {
			sc_err("bench: out of memory for %llu samples",
			       (unsigned long long)n);
			goto out;
		}
	}
	if (a->format == SC_BENCH_TABLE) {
		printf("sparecore bench: CPUs %d and %d of %ld (%s); %llu round trips per\n"
		       "test in %u interleaved rounds; each includes a clock read (~%llu ns)\n",
		       cpus[0], cpus[1], sysconf(_SC_NPROCESSORS_ONLN), bench_cpu_model(),
		       (unsigned long long)n, rounds,
		       (unsigned long long)bench_clock_cost());
		fflush(stdout);
	}
	for (unsigned r = 0; r < rounds; r++) {
		/* Round r takes its share of the samples; the last round
		 * also takes the remainder. */
		uint64_t off = n / rounds * r;
		uint64_t cnt = r + 1 < rounds ? n / rounds : n - off;

		for (size_t i = 0; i < NTESTS; i++) {
			if (bench_run_rtt(tests[i], cpus, cnt, rows[i].samples + off))
				goto out;
			if (!tests[i]->tx)
				continue;
			for (int b = 0; b < 2; b++) {
				double rate;

				if (run_stream(tests[i], cpus, cnt * STREAM_FACTOR,
					       batches[b], &rate))
					goto out;
				rates[i][b][r] = (uint64_t)rate;
			}
		}
	}
	for (size_t i = 0; i < NTESTS; i++) {
		sc_stats_summarize(rows[i].samples, n, &rows[i].st);
		rows[i].has_stream = tests[i]->tx != NULL;
		for (int b = 0; b < 2 && rows[i].has_stream; b++) {
			sc_stats_sort(rates[i][b], rounds);
			rows[i].msgs_per_s[b] = (double)
				sc_stats_percentile(rates[i][b], rounds, 50);
		}
	}
	rc = bench_print(rows, NTESTS, a->format);
	if (!rc && a->plot)
		rc = bench_plot(rows, NTESTS, a->plot);
out:
	for (size_t i = 0; i < NTESTS; i++)
		free(rows[i].samples);
	return rc ? 1 : 0;
}
