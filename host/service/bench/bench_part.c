// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore bench --cpu N`: the partition <-> host path, measured for
 * real. A child process of ours is an ordinary `sparecore run --cpu N
 * --bench-ring` (the same code, its console on two pipes); we type
 * `ringbench C floor`, `... poll` and `... ipi` into its shell, and the run
 * loop's bench backend (bench_backend.c) answers and copies each run's
 * samples into a memfd we share with the child. Between the partition's
 * runs we measure a baseline between two pinned Linux threads on two other
 * CPUs (the floor, the same ring, eventfd, futex), in interleaved rounds
 * as `sparecore bench` does, so every row shares the machine's mood and
 * the ratios to the floor mean something even where the absolute times
 * do not (QEMU TCG).
 */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sparecore/bench.h>
#include <sparecore/compiler.h>

#include "args.h"
#include "bench_line.h"
#include "bench_out.h"
#include "run.h"
#include "util.h"

#define ROUNDS 5
#define BOOT_MS 120000       /* TCG boots are slow; a stuck one is not */
#define RUN_MS 600000        /* one ringbench; it gives up by itself sooner */
#define PROMPT "sparecore> "

static const struct bench_test *const baseline[] = {
	&bench_floor, &bench_sparecore, &bench_eventfd, &bench_futex,
};
#define NBASE (ARRAY_SIZE(baseline))
#define NMODES 3
#define NROWS (NBASE + NMODES)

static const char *const modes[NMODES] = { "floor", "poll", "ipi" };
static const char *const mode_what[NMODES] = {
	"partition <-> host thread, one value bounced through one cache line",
	"partition <-> host thread, both polling the bench ring",
	"partition <-> service loop, doorbell IPIs both ways",
};

/* The child's console output, read as it comes. */
struct reader {
	int fd;
	size_t len;
	char buf[16384];
};

/* Wait up to ms for text in the output (at a line start if line), and
 * consume the output up to it (line: and the whole line, into out). */
static int wait_for(struct reader *r, const char *text, bool line, char *out,
		    size_t outlen, int ms)
{
	uint64_t end = sc_now_ns() + (uint64_t)ms * 1000000ull;

	for (;;) {
		char *at = r->buf;
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
		uint64_t now = sc_now_ns();
		ssize_t got;

		r->buf[r->len] = 0;
		while ((at = strstr(at, text))) {
			char *nl = strchr(at, '\n');
			size_t used;

			if (line && at != r->buf && at[-1] != '\n') {
				at++;
				continue;
			}
			if (line && !nl)
				break; /* the rest of the line is still coming */
			used = line ? (size_t)(nl + 1 - r->buf)
				    : (size_t)(at + strlen(text) - r->buf);
			if (line)
				snprintf(out, outlen, "%.*s", (int)(nl - at), at);
			memmove(r->buf, r->buf + used, r->len - used);
			r->len -= used;
			return 0;
		}
		/* Keep the tail: a match may straddle two reads. */
		if (r->len > sizeof(r->buf) / 2) {
			size_t keep = sizeof(r->buf) / 4;

			memmove(r->buf, r->buf + r->len - keep, keep);
			r->len = keep;
		}
		if (now >= end) {
			sc_err("bench: the partition did not say '%s' in time", text);
			return -1;
		}
		if (poll(&pfd, 1, (int)((end - now) / 1000000 + 1)) < 0 &&
		    errno != EINTR)
			return -1;
		got = read(r->fd, r->buf + r->len, sizeof(r->buf) - 1 - r->len);
		if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) {
			sc_err("bench: the partition's run ended (see above)");
			return -1;
		}
		if (got > 0)
			r->len += (size_t)got;
	}
}

static int say(int fd, const char *text)
{
	size_t len = strlen(text);

	if (write(fd, text, len) != (ssize_t)len) {
		sc_err("bench: cannot type into the partition: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The two CPUs of the baseline: --cpus, or the first two we may use
 * other than the partition's. */
static int baseline_cpus(const struct sc_args *a, int cpus[2])
{
	cpu_set_t set;
	int found = 0;

	if (a->bench_cpus[0] >= 0) {
		cpus[0] = a->bench_cpus[0];
		cpus[1] = a->bench_cpus[1];
		if (cpus[0] != a->cpu && cpus[1] != a->cpu)
			return 0;
		sc_err("bench: --cpus must not name the partition's CPU %d", a->cpu);
		return -1;
	}
	if (sched_getaffinity(0, sizeof(set), &set))
		return -1;
	for (int c = 0; c < CPU_SETSIZE && found < 2; c++)
		if (CPU_ISSET(c, &set) && c != a->cpu)
			cpus[found++] = c;
	if (found == 2)
		return 0;
	sc_err("bench --cpu %d: needs two more CPUs for the Linux baseline (a lab VM: --cpus 3)",
	       a->cpu);
	return -1;
}

/* The child: an ordinary run with the bench ring, console on the pipes. */
static void child(const struct sc_args *a, int in, int out, int samples)
{
	struct sc_args ra = *a;

	if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0)
		_exit(1);
	close(in);
	close(out);
	ra.cmd = SC_CMD_RUN;
	ra.bench_ring = true;
	ra.bench_samples_fd = samples;
	_exit(sc_cmd_run(&ra));
}

struct session {
	pid_t pid;
	int in, samples;  /* the child's stdin; the samples memfd */
	off_t taken;      /* samples read so far, in bytes */
	struct reader out;
	struct bench_line sum[NMODES]; /* counters over the rounds, per mode */
};

static int start(const struct sc_args *a, struct session *s)
{
	int to[2], from[2];

	s->samples = memfd_create("sparecore-bench", MFD_CLOEXEC);
	if (s->samples < 0 || pipe2(to, O_CLOEXEC) || pipe2(from, O_CLOEXEC)) {
		sc_err("bench: pipes: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	s->pid = fork();
	if (s->pid < 0) {
		sc_err("bench: fork: %s", strerror(errno));
		return -1;
	}
	if (s->pid == 0) {
		close(to[1]);
		close(from[0]);
		child(a, to[0], from[1], s->samples);
	}
	close(to[0]);
	close(from[1]);
	s->in = to[1];
	s->out.fd = from[0];
	/* A child that died must be an error message, not our death. */
	signal(SIGPIPE, SIG_IGN);
	return wait_for(&s->out, PROMPT, false, NULL, 0, BOOT_MS);
}

/* `ringbench cnt MODE`: check its line and take its samples. */
static int part_round(struct session *s, int mode, uint64_t cnt,
		      uint64_t *samples)
{
	char cmd[64], line[512];
	struct bench_line l;
	size_t bytes = cnt * sizeof(uint64_t);

	snprintf(cmd, sizeof(cmd), "ringbench %llu %s\n",
		 (unsigned long long)cnt, modes[mode]);
	if (say(s->in, cmd) ||
	    wait_for(&s->out, SC_BENCH_LINE_PREFIX, true, line, sizeof(line), RUN_MS))
		return -1;
	if (bench_line_parse(line, &l) || strcmp(l.mode, modes[mode]) ||
	    l.n != cnt) {
		sc_err("bench: the partition said: %s", line);
		return -1;
	}
	if (l.echoed != l.n + l.warmup || l.host_skipped) {
		sc_err("bench: partition-%s: %llu of %llu round trips echoed their own sequence number, the host saw %llu out of order",
		       modes[mode], (unsigned long long)l.echoed,
		       (unsigned long long)(l.n + l.warmup),
		       (unsigned long long)l.host_skipped);
		return -1;
	}
	/* The child wrote them before it answered SAMPLES, which was
	 * before the partition printed the line we just read. */
	if (pread(s->samples, samples, bytes, s->taken) != (ssize_t)bytes) {
		sc_err("bench: partition-%s: the samples did not arrive", modes[mode]);
		return -1;
	}
	s->taken += (off_t)bytes;
	s->sum[mode].n += l.n + l.warmup;
	s->sum[mode].bells += l.bells;
	s->sum[mode].irqs += l.irqs;
	s->sum[mode].sleeps += l.sleeps;
	return 0;
}

/* halt, and wait for the child; on failure, stop it first. */
static int finish(struct session *s, bool failed)
{
	int st = 0;

	if (s->pid > 0) {
		if (failed)
			kill(s->pid, SIGTERM);
		else
			say(s->in, "halt\n");
		close(s->in);
		while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	if (s->out.fd >= 0)
		close(s->out.fd);
	if (s->samples >= 0)
		close(s->samples);
	return !failed && s->pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static void print_notes(const struct session *s, int part_cpu)
{
	const char *model = bench_cpu_model();

	for (int m = 1; m < NMODES; m++)
		printf("partition-%-5s %llu round trips (warm-up too): %llu doorbells to the host, %llu doorbell IRQs taken, %llu HLTs\n",
		       modes[m], (unsigned long long)s->sum[m].n,
		       (unsigned long long)s->sum[m].bells,
		       (unsigned long long)s->sum[m].irqs,
		       (unsigned long long)s->sum[m].sleeps);
	printf("partition-floor: the floor of the partition's CPU and the host thread's:\n"
	       "                partition-poll / partition-floor is what the ring adds\n"
	       "partition-poll: CPU %d spins on its slot, a host thread spins on the ring\n"
	       "partition-ipi:  partition arms the ring, HLTs; the service answers and\n"
	       "                KICKs (an IPI ends the HLT). The partition rings the host's\n"
	       "                doorbell only when the service sleeps in poll(); otherwise\n"
	       "                its re-check after arming finds the request.\n",
	       part_cpu);
	if (strstr(model, "QEMU") || strstr(model, "TCG"))
		printf("caveat: QEMU TCG: absolute times are not hardware times; compare the ratios\n");
}

int bench_partition(const struct sc_args *a)
{
	struct bench_row rows[NROWS];
	struct session s = { .pid = -1, .in = -1, .samples = -1, .out.fd = -1 };
	uint64_t n = a->iterations;
	unsigned rounds = n >= 1000 ? ROUNDS : 1;
	uint64_t khz;
	int cpus[2], rc = -1;

	if (geteuid() != 0) {
		sc_err("bench --cpu needs root (the partition takes a CPU from Linux)");
		return 1;
	}
	if (baseline_cpus(a, cpus))
		return 1;
	while (n / rounds > SC_BENCH_SAMPLES_MAX)
		rounds++;
	memset(rows, 0, sizeof(rows));
	for (size_t i = 0; i < NROWS; i++) {
		static const char *const names[NMODES] = {
			"partition-floor", "partition-poll", "partition-ipi",
		};

		rows[i].name = i < NBASE ? baseline[i]->name : names[i - NBASE];
		rows[i].what = i < NBASE ? baseline[i]->what : mode_what[i - NBASE];
		rows[i].n = n;
		rows[i].samples = malloc(n * sizeof(uint64_t));
		if (!rows[i].samples) {
			sc_err("bench: out of memory for %llu samples", (unsigned long long)n);
			goto out;
		}
	}
	if (!(khz = bench_use_tsc())) {
		sc_err("bench --cpu: no TSC rate found");
		goto out;
	}
	if (start(a, &s))
		goto out;
	if (a->format == SC_BENCH_TABLE) {
		printf("sparecore bench --cpu %d: partition on CPU %d, Linux baseline on CPUs %d and %d\n"
		       "of %ld (%s); %llu round trips per test in %u interleaved rounds;\n"
		       "every row timed by RDTSC (%llu kHz), each sample includes one read (~%llu ns)\n",
		       a->cpu, a->cpu, cpus[0], cpus[1], sysconf(_SC_NPROCESSORS_CONF),
		       bench_cpu_model(), (unsigned long long)n, rounds,
		       (unsigned long long)khz, (unsigned long long)bench_clock_cost());
		fflush(stdout);
	}
	for (unsigned r = 0; r < rounds; r++) {
		uint64_t off = n / rounds * r;
		uint64_t cnt = r + 1 < rounds ? n / rounds : n - off;

		for (size_t i = 0; i < NBASE; i++)
			if (bench_run_rtt(baseline[i], cpus, cnt, rows[i].samples + off))
				goto out;
		for (int m = 0; m < NMODES; m++)
			if (part_round(&s, m, cnt, rows[NBASE + m].samples + off))
				goto out;
	}
	rc = 0;
out:
	if (finish(&s, rc != 0) && !rc) {
		sc_err("bench: the partition's run did not end cleanly");
		rc = -1;
	}
	if (!rc) {
		for (size_t i = 0; i < NROWS; i++)
			sc_stats_summarize(rows[i].samples, n, &rows[i].st);
		rc = bench_print(rows, NROWS, a->format);
		if (!rc && a->format == SC_BENCH_TABLE)
			print_notes(&s, a->cpu);
		if (!rc && a->plot)
			rc = bench_plot(rows, NROWS, a->plot);
	}
	for (size_t i = 0; i < NROWS; i++)
		free(rows[i].samples);
	return rc ? 1 : 0;
}
