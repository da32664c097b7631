// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * nettest: the UDP side of the network tests and benchmarks, for the lab
 * VM (busybox has no UDP client; its nc has no UDP mode). Built into
 * build/nettest, which the lab copies to /opt/sparecore/nettest.
 *
 *   nettest check HOST PORT COUNT MAXSIZE  COUNT datagrams of random sizes
 *                                          1..MAXSIZE, one at a time; each
 *                                          reply must equal what was sent
 *   nettest rtt HOST PORT COUNT SIZE       round trips, one at a time:
 *                                          min/median/avg/p99 in us
 *   nettest flood HOST PORT SECS SIZE WIN  WIN datagrams in flight for SECS:
 *                                          echoed datagrams/s and Mbit/s
 *   nettest serve PORT                     UDP echo server (the baseline)
 *
 * Exit 0 only if every datagram came back intact (check) or at all
 * (rtt); flood reports losses but only fails if nothing came back.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXDG 65507

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static int usage(void)
{
	fprintf(stderr, "usage: nettest check HOST PORT COUNT MAXSIZE\n"
			"       nettest rtt HOST PORT COUNT SIZE\n"
			"       nettest flood HOST PORT SECS SIZE WINDOW\n"
			"       nettest serve PORT\n");
	return 2;
}

static int num(const char *s, long lo, long hi, long *v)
{
	char *e;

	errno = 0;
	*v = strtol(s, &e, 10);
	return errno || !*s || *e || *v < lo || *v > hi ? -1 : 0;
}

static int udp_to(const char *host, long port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s < 0 || inet_pton(AF_INET, host, &a.sin_addr) != 1 ||
	    connect(s, (struct sockaddr *)&a, sizeof(a))) {
		fprintf(stderr, "nettest: %s:%ld: %s\n", host, port, strerror(errno));
		exit(2);
	}
	/* Room for a window of datagrams in flight. */
	int sz = 4 << 20;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	return s;
}

/* Wait up to ms for a datagram; its length, or -1 on timeout. */
static long recv_wait(int s, uint8_t *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = s, .events = POLLIN };

	if (poll(&p, 1, ms) <= 0)
		return -1;
	return recv(s, buf, len, 0);
}

static uint64_t rng = 88172645463325252ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int cmd_check(int s, long count, long maxsize)
{
	static uint8_t out[MAXDG], in[MAXDG];
	long lost = 0, bad = 0, stale = 0;
	uint64_t bytes = 0, t0 = now_ns();

	rng ^= (uint64_t)time(NULL);
	for (long i = 0; i < count; i++) {
		size_t len = 1 + rnd() % (uint64_t)maxsize;
		long got;
		int tries = 0;

		for (size_t j = 0; j < len; j++)
			out[j] = (uint8_t)rnd();
		if (len >= 4)
			memcpy(out, &i, 4); /* tell replies apart */
		if (send(s, out, len, 0) != (ssize_t)len) {
			perror("nettest: send");
			return 1;
		}
		/* A reply to an earlier datagram that came late is skipped. */
		for (;;) {
			got = recv_wait(s, in, sizeof(in), 2000);
			if (got < 0 || len < 4 || (size_t)got < 4 || !memcmp(in, out, 4) ||
			    ++tries > 4)
				break;
			stale++;
		}
		if (got < 0) {
			lost++;
			continue;
		}
		if ((size_t)got != len || memcmp(in, out, len)) {
			bad++;
			if (bad <= 5)
				fprintf(stderr, "nettest: datagram %ld: sent %zu bytes, got %ld back, differing\n",
					i, len, got);
			continue;
		}
		bytes += len;
	}
	printf("check: %ld datagrams, %ld returned intact, %ld lost, %ld corrupted, %ld late; %llu bytes in %.2f s\n",
	       count, count - lost - bad, lost, bad, stale,
	       (unsigned long long)bytes, (now_ns() - t0) / 1e9);
	return lost || bad ? 1 : 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmd_rtt(int s, long count, long size)
{
	static uint8_t out[MAXDG], in[MAXDG];
	uint64_t *t = calloc((size_t)count, sizeof(*t)), sum = 0;
	long n = 0, lost = 0;

	if (!t)
		return 2;
	memset(out, 0x5a, (size_t)size);
	for (long i = 0; i < count; i++) {
		uint64_t t0 = now_ns();
		long got;

		memcpy(out, &i, size >= 4 ? 4 : (size_t)size);
		if (send(s, out, (size_t)size, 0) != size) {
			perror("nettest: send");
			return 1;
		}
		do
			got = recv_wait(s, in, sizeof(in), 1000);
		while (got >= 4 && size >= 4 && memcmp(in, out, 4));
		if (got < 0) {
			lost++;
			continue;
		}
		t[n] = (now_ns() - t0) / 1000;
		sum += t[n++];
	}
	if (!n) {
		printf("rtt: nothing came back\n");
		return 1;
	}
	qsort(t, (size_t)n, sizeof(*t), cmp_u64);
	printf("rtt: %ld datagrams of %ld bytes, %ld lost, min %llu us, median %llu us, avg %llu us, p99 %llu us\n",
	       count, size, lost, (unsigned long long)t[0],
	       (unsigned long long)t[n / 2], (unsigned long long)(sum / (uint64_t)n),
	       (unsigned long long)t[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1]);
	return lost ? 1 : 0;
}

static int cmd_flood(int s, long secs, long size, long win)
{
	static uint8_t out[MAXDG], in[MAXDG];
	uint64_t t0 = now_ns(), end = t0 + (uint64_t)secs * 1000000000ull;
	long inflight = 0, sent = 0, got = 0;

	memset(out, 0xa5, (size_t)size);
	while (now_ns() < end) {
		while (inflight < win) {
			if (send(s, out, (size_t)size, 0) != size)
				break;
			inflight++;
			sent++;
		}
		/* A lost datagram would leave the window short for good:
		 * after 200 ms of silence, forget what is in flight. */
		if (recv_wait(s, in, sizeof(in), 200) < 0) {
			inflight = 0;
			continue;
		}
		got++;
		inflight--;
		while (recv(s, in, sizeof(in), MSG_DONTWAIT) > 0) {
			got++;
			if (inflight)
				inflight--;
		}
	}
	double dt = (now_ns() - t0) / 1e9;
	printf("flood: %ld bytes x window %ld for %.1f s: sent %ld, echoed %ld (%.0f/s, %.1f Mbit/s each way)\n",
	       size, win, dt, sent, got, got / dt, got * (double)size * 8 / dt / 1e6);
	return got ? 0 : 1;
}

static int cmd_serve(long port)
{
	static uint8_t buf[MAXDG];
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a))) {
		perror("nettest: serve");
		return 2;
	}
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);

		if (n >= 0)
			sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
	}
}

int main(int argc, char **argv)
{
	long port, a, b, c;

	if (argc == 3 && !strcmp(argv[1], "serve") && !num(argv[2], 1, 65535, &port))
		return cmd_serve(port);
	if (argc < 6 || num(argv[3], 1, 65535, &port))
		return usage();
	if (!strcmp(argv[1], "check") && argc == 6 && !num(argv[4], 1, 10000000, &a) &&
	    !num(argv[5], 1, MAXDG, &b))
		return cmd_check(udp_to(argv[2], port), a, b);
	if (!strcmp(argv[1], "rtt") && argc == 6 && !num(argv[4], 1, 10000000, &a) &&
	    !num(argv[5], 1, MAXDG, &b))
		return cmd_rtt(udp_to(argv[2], port), a, b);
	if (!strcmp(argv[1], "flood") && argc == 7 && !num(argv[4], 1, 3600, &a) &&
	    !num(argv[5], 1, MAXDG, &b) && !num(argv[6], 1, 4096, &c))
		return cmd_flood(udp_to(argv[2], port), a, b, c);
	return usage();
}
