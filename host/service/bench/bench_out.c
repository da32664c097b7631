// SPDX-License-Identifier: GPL-2.0
#include "bench_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

static double ratio(const struct bench_row *rows, size_t i)
{
	return rows[0].st.median ? (double)rows[i].st.median / (double)rows[0].st.median : 0;
}

static double ratio99(const struct bench_row *rows, size_t i)
{
	return rows[0].st.mean99 > 0 ? rows[i].st.mean99 / rows[0].st.mean99 : 0;
}

static void print_table(const struct bench_row *rows, size_t n)
{
	printf("%-16s %s  %s  %s\n", "",
	       "------------- round trip, ns -------------",
	       "--- / floor ---", "-- stream, msgs/s ---");
	printf("%-16s %7s %7s %7s %9s %8s  %7s %7s  %10s %10s\n", "test",
	       "median", "p99", "p99.9", "max", "mean99", "median", "mean99",
	       "batch 1", "batch 32");
	for (size_t i = 0; i < n; i++) {
		const struct sc_stats *s = &rows[i].st;

		printf("%-16s %7llu %7llu %7llu %9llu %8.1f  %6.2fx %6.2fx",
		       rows[i].name, (unsigned long long)s->median,
		       (unsigned long long)s->p99, (unsigned long long)s->p999,
		       (unsigned long long)s->max, s->mean99, ratio(rows, i),
		       ratio99(rows, i));
		if (rows[i].has_stream)
			printf("  %10.0f %10.0f\n", rows[i].msgs_per_s[0],
			       rows[i].msgs_per_s[1]);
		else
			printf("  %10s %10s\n", "-", "-");
	}
	printf("\n");
	for (size_t i = 0; i < n; i++)
		printf("%-16s %s\n", rows[i].name, rows[i].what);
	printf("mean99: mean of the fastest 99%% of round trips, finer than a median\n"
	       "where the clock ticks coarsely. Streams: the median of the rounds.\n");
}

/* Names are ours (no quotes or backslashes), so they go into JSON as is. */
static void print_json(const struct bench_row *rows, size_t n)
{
	printf("[\n");
	for (size_t i = 0; i < n; i++) {
		const struct sc_stats *s = &rows[i].st;

		printf("  {\"name\": \"%s\", \"samples\": %zu, \"median_ns\": %llu, "
		       "\"p99_ns\": %llu, \"p999_ns\": %llu, \"max_ns\": %llu, "
		       "\"mean99_ns\": %.1f, \"ratio_to_floor\": %.3f, "
		       "\"mean99_ratio_to_floor\": %.3f, ",
		       rows[i].name, s->n, (unsigned long long)s->median,
		       (unsigned long long)s->p99, (unsigned long long)s->p999,
		       (unsigned long long)s->max, s->mean99, ratio(rows, i),
		       ratio99(rows, i));
		if (rows[i].has_stream)
			printf("\"msgs_per_s\": %.0f, \"msgs_per_s_batch32\": %.0f}",
			       rows[i].msgs_per_s[0], rows[i].msgs_per_s[1]);
		else
			printf("\"msgs_per_s\": null, \"msgs_per_s_batch32\": null}");
		printf("%s\n", i + 1 < n ? "," : "");
	}
	printf("]\n");
}

static void print_csv(const struct bench_row *rows, size_t n)
{
	printf("name,samples,median_ns,p99_ns,p999_ns,max_ns,mean99_ns,"
	       "ratio_to_floor,mean99_ratio_to_floor,msgs_per_s,msgs_per_s_batch32\n");
	for (size_t i = 0; i < n; i++) {
		const struct sc_stats *s = &rows[i].st;

		printf("%s,%zu,%llu,%llu,%llu,%llu,%.1f,%.3f,%.3f,", rows[i].name,
		       s->n, (unsigned long long)s->median,
		       (unsigned long long)s->p99, (unsigned long long)s->p999,
		       (unsigned long long)s->max, s->mean99, ratio(rows, i),
		       ratio99(rows, i));
		if (rows[i].has_stream)
			printf("%.0f,%.0f\n", rows[i].msgs_per_s[0],
			       rows[i].msgs_per_s[1]);
		else
			printf(",\n");
	}
}

int bench_print(const struct bench_row *rows, size_t n, enum sc_bench_fmt f)
{
	if (f == SC_BENCH_JSON)
		print_json(rows, n);
	else if (f == SC_BENCH_CSV)
		print_csv(rows, n);
	else
		print_table(rows, n);
	if (fflush(stdout) || ferror(stdout)) {
		sc_err("bench: writing the results: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- plot */

/* Ten bins a decade: finer ones alias with a clock that ticks by ~10 ns. */
#define HIST_LO 10         /* ns: bin 0 starts here */
#define HIST_PER_DECADE 10
#define HIST_BINS 70       /* 10 ns .. 100 ms, the last bin takes the rest */

/* Put s in a gnuplot single-quoted string: a quote is written twice. */
static void gp_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

static int write_hist(const char *path, const struct bench_row *r)
{
	uint64_t counts[HIST_BINS];
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	sc_stats_histogram(r->samples, r->n, HIST_LO, HIST_PER_DECADE, counts,
			   HIST_BINS);
	for (unsigned b = 0; b < HIST_BINS; b++) {
		/* x in seconds, for gnuplot's SI labels (100ns, 10us);
		 * empty bins are NaN: a gap on the log scale, not a 0. */
		double x = sc_stats_bin_edge(b, HIST_LO, HIST_PER_DECADE) * 1e-9;

		if (counts[b])
			fprintf(f, "%.6g %.6g\n", x, (double)counts[b] / (double)r->n);
		else
			fprintf(f, "%.6g NaN\n", x);
	}
	return fclose(f) ? -1 : 0;
}

static int run_gnuplot(const char *script)
{
	pid_t pid = fork();
	int st;

	if (pid < 0) {
		sc_err("bench: --plot: fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execlp("gnuplot", "gnuplot", script, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		sc_err("bench: --plot needs gnuplot (Debian: gnuplot-nox)");
	else
		sc_err("bench: gnuplot failed to draw the plot");
	return -1;
}

/* Write the script and one data file per row into dir; 0, or -1 (said). */
static int write_plot_files(const char *dir, const struct bench_row *rows,
			    size_t n, const char *png)
{
	char path[64];
	FILE *gp;

	snprintf(path, sizeof(path), "%s/plot.gp", dir);
	gp = fopen(path, "w");
	if (!gp)
		goto fail;
	fprintf(gp, "set terminal pngcairo noenhanced size 1100,650\nset output ");
	gp_quoted(gp, png);
	fprintf(gp, "\nset title 'sparecore bench: round-trip latency'\n"
		    "set logscale xy\nset format x '%%.0s%%cs'\nset format y '%%g'\n"
		    "set xlabel 'round trip'\n"
		    "set ylabel 'share of samples per bin'\nset grid\n"
		    "set key outside right\nplot ");
	for (size_t i = 0; i < n; i++) {
		char dat[64];

		snprintf(dat, sizeof(dat), "%s/%zu.dat", dir, i);
		if (write_hist(dat, &rows[i])) {
			fclose(gp);
			goto fail;
		}
		fprintf(gp, "%s'%s' using 1:2 with steps lw 2 title '%s'",
			i ? ", " : "", dat, rows[i].name);
	}
	fputc('\n', gp);
	if (fclose(gp) == 0)
		return 0;
fail:
	sc_err("bench: --plot: writing %s: %s", dir, strerror(errno));
	return -1;
}

int bench_plot(const struct bench_row *rows, size_t n, const char *png)
{
	char dir[] = "/tmp/sparecore-plot.XXXXXX", path[64];
	int rc;

	if (!mkdtemp(dir)) {
		sc_err("bench: --plot: temporary directory: %s", strerror(errno));
		return -1;
	}
	rc = write_plot_files(dir, rows, n, png);
	if (!rc) {
		snprintf(path, sizeof(path), "%s/plot.gp", dir);
		rc = run_gnuplot(path);
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%zu.dat", dir, i);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/plot.gp", dir);
	unlink(path);
	rmdir(dir);
	return rc;
}
