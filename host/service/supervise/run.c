// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore run`: check everything that can be checked before the CPU is
 * taken (arguments, image, root), then create, load and start the
 * partition, then move console bytes (and serve its disk) until it halts,
 * crashes, or the user stops it. Every way out goes through sc_part_stop + close, and the
 * module stops the partition on close anyway, so the CPU always comes back.
 */
#include "run.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <sparecore/compiler.h>
#include <sparecore/console.h>

#include "backend.h"
#include "bench_backend.h"
#include "blk_backend.h"
#include "console_backend.h"
#include "crash_report.h"
#include "dev.h"
#include "dryrun.h"
#include "run_linux.h"
#include "net_backend.h"
#include "part.h"
#include "session.h"
#include "storm.h"
#include "util.h"
#include "watchdog.h"

static const char *default_image(char *buf, size_t len)
{
	const char *rel[] = { "partition.elf", "../lib/sparecore/partition.elf" };

	for (unsigned i = 0; i < 2; i++) {
		snprintf(buf, len, "%s/%s", sc_exe_dir(), rel[i]);
		if (access(buf, R_OK) == 0)
			return buf;
	}
	snprintf(buf, len, "%s/partition.elf", sc_exe_dir());
	return buf;
}

static int signal_fd(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, old);
	return signalfd(-1, &set, SFD_CLOEXEC);
}

static uint64_t heartbeat(const struct sc_part *p)
{
	return LOAD_RLX(&p->bi->heartbeat);
}

/* What the run loop watches besides the console. */
struct guard {
	struct sc_watchdog wd;
	struct sc_storm storm;
	unsigned long long moved; /* messages already given to storm */
};

/* The partition's backends (devices/backend.h), the console first. */
struct backends {
	struct sc_backend b[SC_BACKENDS_MAX];
	unsigned n;
};

static void backend_add(struct backends *bs, const struct sc_backend_ops *ops,
			void *dev)
{
	bs->b[bs->n++] = (struct sc_backend){ .ops = ops, .dev = dev };
}

/* Messages every backend has moved so far. */
static unsigned long long moved(const struct backends *bs)
{
	unsigned long long m = 0;

	for (unsigned i = 0; i < bs->n; i++)
		if (bs->b[i].ops->moved)
			m += bs->b[i].ops->moved(bs->b[i].dev);
	return m;
}

/* The first backend whose ring the partition broke: why, or false. */
static bool broken(const struct backends *bs, char *why, unsigned len)
{
	for (unsigned i = 0; i < bs->n; i++)
		if (bs->b[i].ops->broken &&
		    bs->b[i].ops->broken(bs->b[i].dev, why, len))
			return true;
	return false;
}

/*
 * Has the partition ended, or must we end it? Returns an exit status to
 * stop with, or -1 to go on. Every reason to stop a running partition is
 * one line on stderr, said before the CPU is taken back.
 *
 * For the disk and network backends: give sc_storm_work() every request
 * or completion you move (a partition that keeps the protocol rings at most
 * once per message), answer a malformed request (unknown opcode, buffer
 * outside partition memory, length that overflows) with an error
 * completion, and stop here with SC_EXIT_BROKE only when the ring itself
 * is broken (an index no correct peer could write), as the console does.
 */
static int judge(struct sc_part *p, struct sc_console *con,
		 const struct backends *bs, struct guard *g)
{
	unsigned long long m = moved(bs);
	uint32_t state = sc_part_state(p);
	uint64_t now = sc_now_ns();
	char why[160];

	if (state == SC_STATE_HALTED || state == SC_STATE_CRASHED) {
		/* Its last words, but a stalled stdout must not keep the
		 * CPU from Linux for more than a second. */
		sc_console_finish(con, 1000);
		return state == SC_STATE_HALTED ? SC_EXIT_OK : SC_EXIT_CRASHED;
	}
	if (sc_watchdog_expired(&g->wd, heartbeat(p), now)) {
		sc_console_restore(con);
		sc_err("partition on CPU %u hung (no heartbeat for %.1f s); stopping it",
		       p->info.cpu, (double)sc_watchdog_silence_ns(&g->wd, now) / 1e9);
		return SC_EXIT_HUNG;
	}
	sc_storm_work(&g->storm, m - g->moved);
	g->moved = m;
	if (sc_storm_check(&g->storm, now)) {
		sc_console_restore(con);
		sc_err("partition on CPU %u rang the doorbell %llu times in %.1f s for %llu message%s (doorbell storm); stopping it",
		       p->info.cpu, (unsigned long long)g->storm.bells,
		       (double)(now - g->storm.start_ns) / 1e9,
		       (unsigned long long)g->storm.work,
		       g->storm.work == 1 ? "" : "s");
		return SC_EXIT_BROKE;
	}
	if (broken(bs, why, sizeof(why))) {
		sc_console_restore(con);
		sc_err("partition on CPU %u broke the %s; stopping it",
		       p->info.cpu, why);
		return SC_EXIT_BROKE;
	}
	return -1;
}

/* Serve every backend until the partition stops, misbehaves, or we are
 * told to stop it. A doorbell from the partition wakes all of them. */
static int run_loop(struct sc_part *p, struct sc_console *con,
		    struct backends *bs, int sfd, unsigned watchdog_ms,
		    struct sc_session *sess)
{
	struct guard g = { .moved = 0 };
	uint64_t last_poll = sc_now_ns();

	sc_watchdog_init(&g.wd, watchdog_ms, heartbeat(p), sc_now_ns());
	sc_storm_init(&g.storm, sc_now_ns());
	for (;;) {
		struct pollfd pfd[2 + 2 * SC_BACKENDS_MAX + SC_SESSION_CONNS];
		bool more = false, kick = false;
		int n = 0, sess_idx = -1, ret;

		for (unsigned i = 0; i < bs->n; i++)
			if (bs->b[i].ops->work)
				kick |= bs->b[i].ops->work(bs->b[i].dev);
		if (kick)
			ioctl(p->fd, SC_IOC_KICK);
		ret = judge(p, con, bs, &g);
		if (ret >= 0)
			return ret;
		if (con->escape) {
			fprintf(stderr, "\r\n");
			sc_err("Ctrl-] pressed: stopping the partition");
			return SC_EXIT_OK;
		}
		/* Ask for doorbells, then look once more. */
		for (unsigned i = 0; i < bs->n; i++)
			if (bs->b[i].ops->arm)
				more |= bs->b[i].ops->arm(bs->b[i].dev);
		/* More work is there already: go round again without sleeping,
		 * but look at signals and stdin at least every millisecond, so
		 * a partition that keeps a ring busy cannot starve them. */
		if (more && sc_now_ns() - last_poll < 1000000)
			continue;
		last_poll = sc_now_ns();

		pfd[n++] = (struct pollfd){ .fd = p->fd, .events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		for (unsigned i = 0; i < bs->n; i++) {
			struct sc_backend *b = &bs->b[i];

			b->pfd_first = n;
			b->pfd_n = b->ops->pollfds ?
				b->ops->pollfds(b->dev, pfd + n,
						(int)ARRAY_SIZE(pfd) - n) : 0;
			n += b->pfd_n;
		}
		/* A named partition's control socket and its clients. */
		if (sess) {
			sess_idx = n;
			n += sc_session_pollfds(sess, pfd + n,
						(int)(ARRAY_SIZE(pfd)) - n);
		}
		/* With work waiting, only look; otherwise sleep. The timeout
		 * also catches a halt whose doorbell we slept through, and
		 * paces the watchdog. */
		if (poll(pfd, (nfds_t)n, more ? 0 : 100) < 0 && errno != EINTR) {
			sc_err("poll: %m");
			return SC_EXIT_ERROR;
		}
		if (pfd[0].revents & POLLIN) {
			uint64_t cnt;
			ssize_t r = read(p->fd, &cnt, sizeof(cnt));

			if (r == sizeof(cnt)) {
				sc_storm_bells(&g.storm, cnt);
				if (sess)
					sess->doorbells += cnt;
			}
			else if (r < 0 && errno != EAGAIN)
				sc_err("reading doorbells: %m");
		}
		if (pfd[1].revents & POLLIN) {
			struct signalfd_siginfo si;

			if (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				sc_console_restore(con);
				sc_err("%s: stopping the partition", strsignal((int)si.ssi_signo));
				return 128 + (int)si.ssi_signo;
			}
		}
		kick = false;
		for (unsigned i = 0; i < bs->n; i++) {
			struct sc_backend *b = &bs->b[i];

			if (b->ops->polled && b->pfd_n)
				kick |= b->ops->polled(b->dev, pfd + b->pfd_first,
						       b->pfd_n);
		}
		if (kick)
			ioctl(p->fd, SC_IOC_KICK);
		/* After the console's input: a console that hung up is
		 * read to its end before the session lets it go. */
		if (sess_idx >= 0 && sc_session_serve(sess, pfd + sess_idx, n - sess_idx)) {
			sc_err("sparecore stop %s (pid %ld): stopping the partition",
			       sess->name, (long)sess->stop_pid);
			return SC_EXIT_OK;
		}
	}
}

static const char *end_word(int ret)
{
	switch (ret) {
	case SC_EXIT_CRASHED: return "crashed";
	case SC_EXIT_HUNG: return "hung and was stopped";
	case SC_EXIT_BROKE: return "misbehaved and was stopped";
	default: return "stopped";
	}
}

int sc_cmd_run(const struct sc_args *a)
{
	return sc_run(a, NULL);
}

int sc_run(const struct sc_args *a, struct sc_session *sess)
{
	char path[PATH_MAX], err[512];
	const char *image = a->image ? a->image : default_image(path, sizeof(path));
	struct sc_image img;
	struct sc_console con;
	struct sc_net net;
	struct sc_net_args net_args;
	char cmdline[SC_CMDLINE_MAX];
	struct sc_part p = { .fd = -1 };
	struct sc_blk *blk = NULL;
	struct backends bs = { .n = 0 };
	sigset_t oldmask;
	int fd, sfd, ret = SC_EXIT_ERROR;

	if (a->kernel) {
		if (sess) {
			sc_err("start NAME with a kernel is not supported yet: use run --kernel");
			return SC_EXIT_ERROR;
		}
		return sc_lg_run(a);
	}
	/* Everything that can be refused is refused before the CPU is taken. */
	if (sc_image_read(image, &img, err, sizeof(err))) {
		sc_err("%s", err);
		return SC_EXIT_ERROR;
	}
	if (sc_image_load(&img, NULL, a->mem, err, sizeof(err))) {
		sc_err("%s: %s", image, err);
		goto out_img;
	}
	net_args = a->net;
	if (sc_net_args_check(&net_args, a->cmdline, err, sizeof(err))) {
		sc_err("%s", err);
		goto out_img;
	}
	if (a->dry_run) {
		ret = sc_dry_run(a, image);
		goto out_img;
	}
	if (geteuid() != 0) {
		sc_err("must be run as root (partitions take a CPU from Linux)");
		goto out_img;
	}
	/* A missing, unreadable or locked disk is refused here, before the
	 * CPU is taken; the lock is held until we exit. */
	if (a->disk && !(blk = sc_blk_open(a->disk, a->disk_ro)))
		goto out_img;
	/* Checked by the argument parser already; cannot fail here. */
	if (sc_net_cmdline(&net_args, a->cmdline, cmdline, sizeof(cmdline)))
		goto out_img;
	/* The TAP device before the CPU: a missing tun module or a name in
	 * use must leave the host as it was. */
	if (sc_net_open(&net, &net_args))
		goto out_img;
	fd = sc_dev_open(1);
	if (fd < 0)
		goto out_net;
	sfd = signal_fd(&oldmask);
	if (sc_part_create(&p, fd, (unsigned)a->cpu, a->mem))
		goto out_part;
	/* Every device: the console (always), then what was asked for. */
	backend_add(&bs, &sc_console_backend_ops, &con);
	if (blk)
		backend_add(&bs, &sc_blk_backend_ops, blk);
	if (net.fd >= 0)
		backend_add(&bs, &sc_net_backend_ops, &net);
	if (a->bench_ring) {
		struct sc_bench_dev *bench = sc_bench_backend_open(a->bench_samples_fd);

		if (!bench)
			goto out_part;
		backend_add(&bs, &sc_bench_backend_ops, bench);
	}
	if (sc_part_setup(&p, &img, cmdline))
		goto out_part;
	/* A named partition's console is its log, and a socket when
	 * somebody attaches (session.c). */
	if (sc_console_init(&con, sc_part_ring(&p, SC_RING_CONS_OUT),
			    sc_part_ring(&p, SC_RING_CONS_IN),
			    SC_RING_BYTES(SC_CONS_RING_ORDER),
			    sess ? -1 : STDIN_FILENO,
			    sess ? sess->log_fd : STDOUT_FILENO)) {
		sc_err("internal error: console rings do not attach");
		goto out_part;
	}
	for (unsigned i = 0; i < bs.n; i++)
		if (bs.b[i].ops->setup && bs.b[i].ops->setup(bs.b[i].dev, &p))
			goto out_part;
	if (sess) {
		sess->args = a;
		sess->image = image;
		sess->part = &p;
		sess->con = &con;
		sess->net = &net;
		sess->blk = blk;
	}
	/* Last before START: every device is set up and in boot info. */
	if (sc_part_firmware(&p, a->corrupt_acpi))
		goto out_con;
	/* A signal must cut the wait for a stalled stdout short. */
	con.stop_fd = sfd;
	if (sc_part_start(&p, a->timeout_ms))
		goto out_con;
	if (sess)
		sc_session_ready(sess);

	ret = run_loop(&p, &con, &bs, sfd, a->watchdog_ms, sess);
	if (ret == SC_EXIT_CRASHED) {
		struct sc_crash c;

		/* Copy first: the report lives in memory the partition owns. */
		memcpy(&c, &p.bi->crash, sizeof(c));
		sc_console_restore(&con);
		sc_crash_print(stderr, p.info.cpu, &c);
	}
out_con:
	sc_console_restore(&con);
	/* Stopped with output stdout never took (a signal while it stalled). */
	con.dropped += con.out_len - con.out_off;
	if (con.dropped)
		sc_err("%llu bytes of partition output were not written (standard output stalled or closed)",
		       con.dropped);
	if (con.bad)
		sc_err("dropped %llu malformed console messages from the partition (the first: type %u, length %u)",
		       con.bad, con.first_bad.type, con.first_bad.len);
out_part:
	if (sc_part_stop(&p) == 0 && p.started) {
		sc_err("partition on CPU %u %s; CPU %u is back online", p.info.cpu,
		       end_word(ret), p.info.cpu);
	}
	/* After the stop, before the unmap: I/O in flight still targets
	 * partition memory. */
	for (unsigned i = bs.n; i-- > 0;)
		if (bs.b[i].ops->close)
			bs.b[i].ops->close(bs.b[i].dev);
	blk = NULL;
	sc_part_close(&p);
	if (sfd >= 0)
		close(sfd);
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
out_net:
	sc_net_close(&net);
out_img:
	sc_blk_close(blk);
	sc_image_free(&img);
	if (sess) {
		/* Last, so a `stop` that returns finds the disk unlocked and
		 * the TAP device gone: the same start works at once. */
		if (p.started)
			sc_session_finish(sess, ret, end_word(ret));
		sess->part = NULL;
		sess->con = NULL;
		sc_err_mid_line = NULL; /* it was in con */
		sess->net = NULL;
		sess->blk = NULL;
	}
	return ret;
}
