// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore bench --cpu N`'s host logic: the partition's ringbench line
 * (bench_line.c), the bench backend's request checks (bench_backend.c),
 * and `bench --cpu` / `run --bench-ring` on the command line.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/bench.h>
#include <sparecore/compiler.h>

#include "args.h"
#include "bench_backend.h"
#include "bench_line.h"
#include "unit.h"

#define GOOD "ringbench: mode=poll n=1000 warmup=200 echoed=1200 host_skipped=0 " \
	     "bells=0 irqs=1 sleeps=0 min=480 median=512 p99=900 p999=2500 " \
	     "max=91234 mean99=520.4 (ns)"

static void test_good(void)
{
	struct bench_line l;

	CU_ASSERT_EQUAL_FATAL(bench_line_parse(GOOD, &l), 0);
	CU_ASSERT_STRING_EQUAL(l.mode, "poll");
	CU_ASSERT_EQUAL(l.n, 1000);
	CU_ASSERT_EQUAL(l.warmup, 200);
	CU_ASSERT_EQUAL(l.echoed, 1200);
	CU_ASSERT_EQUAL(l.host_skipped, 0);
	CU_ASSERT_EQUAL(l.bells, 0);
	CU_ASSERT_EQUAL(l.irqs, 1);
	CU_ASSERT_EQUAL(l.sleeps, 0);
	CU_ASSERT_EQUAL(l.min, 480);
	CU_ASSERT_EQUAL(l.median, 512);
	CU_ASSERT_EQUAL(l.p99, 900);
	CU_ASSERT_EQUAL(l.p999, 2500);
	CU_ASSERT_EQUAL(l.max, 91234);
	CU_ASSERT_DOUBLE_EQUAL(l.mean99, 520.4, 1e-9);
	/* As it comes off a console: \r\n at the end. */
	CU_ASSERT_EQUAL(bench_line_parse(GOOD "\r\n", &l), 0);
	CU_ASSERT_EQUAL(bench_line_parse(
		"ringbench: mode=ipi n=1 warmup=200 echoed=201 host_skipped=0 "
		"bells=150 irqs=201 sleeps=201 min=9 median=9 p99=9 p999=9 "
		"max=9 mean99=9.0 (ns)", &l), 0);
	CU_ASSERT_STRING_EQUAL(l.mode, "ipi");
	CU_ASSERT_EQUAL(bench_line_parse(
		"ringbench: mode=floor n=3 warmup=200 echoed=203 host_skipped=0 "
		"bells=0 irqs=0 sleeps=0 min=1 median=2 p99=3 p999=3 "
		"max=3 mean99=1.5 (ns)", &l), 0);
	CU_ASSERT_STRING_EQUAL(l.mode, "floor");
}

/* One edit of GOOD each: every one must be refused. */
/* The line as the partition prints it (the header's format, the fields in
 * the header's order) is the line the parser takes, field for field. */
static void test_partition_format(void)
{
	static const char *const modes[] = SC_BENCH_LINE_MODES;
#define FIELD(name) unsigned long long name;
	struct { SC_BENCH_LINE_FIELDS(FIELD) } v;
#undef FIELD
	char line[512];
	struct bench_line b;
	unsigned long long k;

	for (size_t m = 0; m < ARRAY_SIZE(modes); m++) {
		/* Each field a different value, increasing so min <= ... <= max. */
		k = 100;
#define SET(name) v.name = k++;
		SC_BENCH_LINE_FIELDS(SET)
#undef SET
#define ARG(name) , v.name
		snprintf(line, sizeof(line), SC_BENCH_LINE_FMT,
			 modes[m] SC_BENCH_LINE_FIELDS(ARG), 123ull, 4ull);
#undef ARG
		CU_ASSERT_EQUAL_FATAL(bench_line_parse(line, &b), 0);
		CU_ASSERT_STRING_EQUAL(b.mode, modes[m]);
		k = 100;
#define CHECK(name) CU_ASSERT_EQUAL(b.name, k++);
		SC_BENCH_LINE_FIELDS(CHECK)
#undef CHECK
		CU_ASSERT_DOUBLE_EQUAL(b.mean99, 123.4, 1e-9);
	}
}

static void test_bad(void)
{
	static const char *const bad[] = {
		"",
		"ringbench: error: no answer to seq 5",
		"ringbench: no bench device (the host gives one with ...)",
		"usage: ringbench [N (1-1000000)] [poll|ipi]",
		"ringbench: mode=both n=1000",
		"ringbench: mode=pollx n=1000 warmup=200",
		"ringbench:  mode=poll n=1000",
		"ringbench: mode=poll n=-1000 warmup=200 echoed=1200 host_skipped=0 "
		"bells=0 irqs=1 sleeps=0 min=480 median=512 p99=900 p999=2500 max=91234 mean99=520.4 (ns)",
		"ringbench: mode=poll n=1000 warmup=200 echoed=1200 host_skipped=0 "
		"bells=0 irqs=1 min=480 median=512 p99=900 p999=2500 max=91234 mean99=520.4 (ns)",
		/* out of order */
		"ringbench: mode=poll n=1000 warmup=200 echoed=1200 host_skipped=0 "
		"bells=0 irqs=1 sleeps=0 min=600 median=512 p99=900 p999=2500 max=91234 mean99=520.4 (ns)",
		"ringbench: mode=poll n=1000 warmup=200 echoed=1200 host_skipped=0 "
		"bells=0 irqs=1 sleeps=0 min=480 median=512 p99=900 p999=2500 max=2000 mean99=520.4 (ns)",
		/* mean99 with no or two decimals, no unit, trailing text */
		"ringbench: mode=poll n=1000 warmup=200 echoed=1200 host_skipped=0 "
		"bells=0 irqs=1 sleeps=0 min=480 median=512 p99=900 p999=2500 max=91234 mean99=520 (ns)",
		"ringbench: mode=poll n=1000 warmup=200 echoed=1200 host_skipped=0 "
		"bells=0 irqs=1 sleeps=0 min=480 median=512 p99=900 p999=2500 max=91234 mean99=520.45 (ns)",
		"ringbench: mode=poll n=1000 warmup=200 echoed=1200 host_skipped=0 "
		"bells=0 irqs=1 sleeps=0 min=480 median=512 p99=900 p999=2500 max=91234 mean99=520.4",
		GOOD " extra",
		/* a number past 2^64 */
		"ringbench: mode=poll n=99999999999999999999 warmup=200 echoed=1200 host_skipped=0 "
		"bells=0 irqs=1 sleeps=0 min=480 median=512 p99=900 p999=2500 max=91234 mean99=520.4 (ns)",
	};
	struct bench_line l;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (bench_line_parse(bad[i], &l) != -1)
			fprintf(stderr, "\n  accepted: %s\n", bad[i]);
		CU_ASSERT_EQUAL(bench_line_parse(bad[i], &l), -1);
	}
}

static void test_backend_checks(void)
{
	struct sc_bench_msg m = { 0 };
	struct sc_bench_samples s = { .pa = 0x200000, .count = 1000 };
	const unsigned long long mem = 64ull << 20;

	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_PING, sizeof(m), &m, mem),
			SC_BENCH_PING);
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_POLL_ON, sizeof(m), &m, mem),
			SC_BENCH_POLL_ON);
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_POLL_OFF, sizeof(m), &m, mem),
			SC_BENCH_POLL_OFF);
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_PING, 8, &m, mem), SC_BENCH_BAD);
	CU_ASSERT_EQUAL(sc_bench_backend_check(0, sizeof(m), &m, mem), SC_BENCH_BAD);
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_BAD, sizeof(m), &m, mem),
			SC_BENCH_BAD);
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, sizeof(s), &s, mem),
			SC_BENCH_SAMPLES);
	/* The samples must lie inside partition memory, aligned. */
	s.pa = mem - 8000;
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, sizeof(s), &s, mem),
			SC_BENCH_SAMPLES);
	s.pa = mem - 7992;
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, sizeof(s), &s, mem),
			SC_BENCH_BAD);
	s.pa = 0x200004;
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, sizeof(s), &s, mem),
			SC_BENCH_BAD);
	s.pa = mem + 8;
	s.count = 0;
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, sizeof(s), &s, mem),
			SC_BENCH_BAD);
	/* count * 8 would wrap to a small number */
	s.pa = 0x200000;
	s.count = 1ull << 61;
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, sizeof(s), &s, mem),
			SC_BENCH_BAD);
	s.count = SC_BENCH_SAMPLES_MAX + 1;
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, sizeof(s), &s, 1ull << 30),
			SC_BENCH_BAD);
	s.count = 1;
	CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, 8, &s, mem),
			SC_BENCH_BAD);
}

static int parse(const char *line, struct sc_args *a)
{
	char buf[512], *argv[32], err[256];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (char *t = strtok(buf, " "); t && argc < 32; t = strtok(NULL, " "))
		argv[argc++] = t;
	return sc_parse_args(argc, argv, a, err, sizeof(err));
}

static void test_args(void)
{
	struct sc_args a;

	CU_ASSERT_EQUAL_FATAL(parse("sparecore bench --cpu 2 --iterations 1000 --json", &a), 0);
	CU_ASSERT_EQUAL(a.cmd, SC_CMD_BENCH);
	CU_ASSERT_EQUAL(a.cpu, 2);
	CU_ASSERT_EQUAL(a.iterations, 1000);
	CU_ASSERT_EQUAL(a.format, SC_BENCH_JSON);
	CU_ASSERT_EQUAL_FATAL(parse("sparecore bench", &a), 0);
	CU_ASSERT_EQUAL(a.cpu, -1); /* the two-thread bench, as before */
	CU_ASSERT_EQUAL(parse("sparecore bench --cpu x", &a), -1);
	CU_ASSERT_EQUAL(parse("sparecore bench --cpu", &a), -1);
	CU_ASSERT_EQUAL_FATAL(parse("sparecore run --cpu 1 --bench-ring", &a), 0);
	CU_ASSERT(a.bench_ring);
	CU_ASSERT_EQUAL_FATAL(parse("sparecore run --cpu 1", &a), 0);
	CU_ASSERT(!a.bench_ring);
}

int sc_unit_register_bench_line(void)
{
	CU_pSuite s = CU_add_suite("bench --cpu: partition line, backend checks", NULL, NULL);

	if (!s || !CU_add_test(s, "a well-formed line", test_good) ||
	    !CU_add_test(s, "the partition's format parses", test_partition_format) ||
	    !CU_add_test(s, "malformed lines are refused", test_bad) ||
	    !CU_add_test(s, "backend request checks", test_backend_checks) ||
	    !CU_add_test(s, "bench --cpu, run --bench-ring", test_args))
		return -1;
	return 0;
}
