// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore run --kernel BZIMAGE [--initrd F] [--append ARGS]`.
 *
 * Everything that can be refused is refused before the CPU is taken
 * (files, header, memory size, command line). Then: CREATE with
 * SC_CREATE_LINUX (contiguous memory, a low RAM block), load, START (the
 * trampoline reaches long mode, the shim enters startup_64), and watch
 * the guest's progress in its memory until it reaches --linux-stop-at or
 * a signal stops it. There is no console yet (docs/linux-guest.md): what
 * the host can see is what the guest writes into its own memory, and the
 * host reads that, never trusting it beyond comparing bytes.
 */
#include "run_linux.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <sparecore/console.h>

#include "console_backend.h"
#include "dev.h"
#include "part.h"
#include "run.h"
#include "util.h"
#include "watchdog.h"
#include "klog.h"
#include "load.h"

/* How far the guest got, as its memory shows. */
enum stage { ST_NONE, ST_ENTERED, ST_DECOMPRESSING, ST_DECOMPRESSED,
	     ST_RUNNING };
static const char *const stage_name[] = {
	"not entered", "entered", "decompressing", "decompressed",
	"running (printing its log)",
};

#define WATCH_LIMIT_NS (300ull * 1000000000ull) /* --linux-stop-at gives up */

/* build/guest/initramfs-VERSION.cpio beside the binary, for the kernel's
 * VERSION; 0 with path set if it exists. Quiet: a kernel that cannot be
 * read is reported by the loader. */
static int sc_lg_default_initrd(const char *kernel, char *ver, size_t vcap,
				char *path, size_t cap)
{
	static uint8_t head[65536];
	FILE *f = fopen(kernel, "rb");
	size_t len;

	if (!f)
		return -1;
	len = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (sc_bz_version_raw(head, len, ver, vcap))
		return -1;
	snprintf(path, cap, "%s/guest/initramfs-%s.cpio", sc_exe_dir(), ver);
	return access(path, R_OK) ? -1 : 0;
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

/*
 * The decompressor first moves itself to the top of [load, load +
 * init_size), then decompresses vmlinux (an ELF file) to the load
 * address, then moves its segments into place there and jumps to it.
 * So the first bytes at the load address go: our copy of the bzImage's
 * code, then "\177ELF", then the kernel's own startup_64.
 */
static enum stage look(const struct sc_part *p, const struct sc_lg_image *img,
		       enum stage cur)
{
	uint8_t now[16];

	memcpy(now, p->mem + SC_CHUNK_SIZE, sizeof(now));
	if (!memcmp(now, "\177ELF", 4))
		return ST_DECOMPRESSING;
	if (memcmp(now, img->kernel + img->bz.kernel_off, sizeof(now)) &&
	    cur >= ST_DECOMPRESSING)
		return ST_DECOMPRESSED;
	return cur;
}

/* The kernel's banner in its decompressed image: the decompression was
 * real, and says which kernel it is. */
static void banner(const struct sc_part *p, const struct sc_lg_image *img)
{
	const uint8_t *base = p->mem + SC_CHUNK_SIZE;
	const char key[] = "Linux version ";
	const uint8_t *at = memmem(base, img->bz.init_size, key, sizeof(key) - 1);
	char text[120];
	size_t i;

	if (!at) {
		sc_err("guest: no \"Linux version\" banner in the decompressed kernel");
		return;
	}
	/* Printable bytes only: this is guest memory. */
	for (i = 0; i + 1 < sizeof(text) && at + i < base + img->bz.init_size &&
		    at[i] >= 0x20 && at[i] < 0x7f; i++)
		text[i] = (char)at[i];
	text[i] = 0;
	sc_err("guest: decompressed kernel at 0x%llx says: %s",
	       (unsigned long long)img->load_pa, text);
}

/* Until the guest reaches stop_at (then 0, with *reached set) or a
 * signal or the time limit ends the watch. */
#define KLOG_TAIL 60 /* lines of the guest's log shown when it stops */

static void klog_line(void *ctx, const char *line)
{
	(void)ctx;
	sc_err("guest log: %s", line);
}

/* The guest's own log, from a copy of its kernel's memory (the CPU is
 * stopped; the copy is what we validate). */
static void klog(const struct sc_part *p, const struct sc_lg_image *img)
{
	size_t len = img->bz.init_size;
	uint8_t *copy = malloc(len);
	unsigned n;

	if (!copy)
		return;
	memcpy(copy, p->mem + SC_CHUNK_SIZE, len);
	/* All of it with -v, else its end. */
	n = sc_lg_klog(copy, len, "Linux version ", sc_verbose ? UINT_MAX : KLOG_TAIL,
		       klog_line, NULL);
	if (n)
		sc_err("guest log: %u records in its printk buffer%s", n,
		       n > KLOG_TAIL && !sc_verbose ? " (the last ones shown)" : "");
	else
		sc_err("guest log: no printk records in its memory (the kernel proper did not get to print)");
	free(copy);
}

/* What one look at the guest's log found. */
struct logscan {
	const char *want;     /* --linux-stop-at log:TEXT, or NULL */
	int found;            /* a record holds want */
	char panic[SC_LG_KLOG_LINE]; /* the "Kernel panic" record, or "" */
	unsigned records;
};

static void scan_line(void *ctx, const char *line)
{
	struct logscan *ls = ctx;

	if (ls->want && strstr(line, ls->want))
		ls->found = 1;
	if (!ls->panic[0] && strstr(line, "Kernel panic - not syncing"))
		snprintf(ls->panic, sizeof(ls->panic), "%s", line);
}

/* The guest's log as it is now. The guest still writes it: every access
 * is bounded by the region, so a torn record only reads as garbage. */
static void scan_log(const struct sc_part *p, const struct sc_lg_image *img,
		     struct logscan *ls)
{
	ls->records = sc_lg_klog(p->mem + SC_CHUNK_SIZE, img->bz.init_size,
				 "Linux version ", UINT_MAX, scan_line, ls);
}

/*
 * Until the guest reaches stop_at ("entered", "decompressed" or
 * "log:TEXT"; then 0), its kernel panics (2), or a signal or the time
 * limit ends the watch. *reached says how far it got.
 */
/*
 * The guest's own word, through boot info (its console driver writes it:
 * guest/linux/sc_hvc.c): powered off or halted (0), asked for a reboot
 * (SC_EXIT_REBOOT; the CPU is stopped, never the platform reset), or -1:
 * still running. Read once: the guest writes it.
 */
static int guest_state(const struct sc_part *p, struct sc_console *con)
{
	uint32_t st = sc_part_state(p);

	if (st != SC_STATE_HALTED && st != SC_STATE_REBOOT)
		return -1;
	sc_console_finish(con, 1000);
	sc_console_restore(con);
	if (st == SC_STATE_HALTED) {
		sc_err("guest on CPU %u powered off", p->info.cpu);
		return SC_EXIT_OK;
	}
	sc_err("guest on CPU %u asked for a reboot: stopped instead (exit %d)",
	       p->info.cpu, SC_EXIT_REBOOT);
	return SC_EXIT_REBOOT;
}

/* The watchdog: off until the guest's driver first beats (the boot grace:
 * a kernel boots with no heartbeat), then --watchdog seconds of silence
 * stop it. A guest that never beats is left to Ctrl-C or its panic. */
struct lg_watchdog {
	unsigned ms;          /* --watchdog, 0: off */
	bool armed;
	struct sc_watchdog wd;
};

static bool hung(struct lg_watchdog *w, const struct sc_part *p, uint64_t now)
{
	uint64_t hb = __atomic_load_n(&p->bi->heartbeat, __ATOMIC_RELAXED);

	if (!w->ms)
		return false;
	if (!w->armed) {
		if (!hb)
			return false;
		sc_watchdog_init(&w->wd, w->ms, hb, now);
		w->armed = true;
	}
	return sc_watchdog_expired(&w->wd, hb, now);
}

static int watch(struct sc_part *p, struct sc_lg_image *img, int sfd,
		 struct sc_console *con, const char *stop_at, uint64_t t0,
		 unsigned watchdog_ms, enum stage *reached)
{
	enum stage st = ST_ENTERED, want = ST_NONE;
	struct logscan ls = { .want = NULL };
	struct lg_watchdog wd = { .ms = watchdog_ms };
	uint64_t next_scan = 0;
	int gs;

	if (stop_at && !strncmp(stop_at, "log:", 4)) {
		want = ST_RUNNING;
		ls.want = stop_at + 4;
	} else if (stop_at) {
		want = !strcmp(stop_at, "entered") ? ST_ENTERED : ST_DECOMPRESSED;
	}
	sc_err("guest: entered startup_64 at 0x%llx (%.1f ms after SIPI)",
	       (unsigned long long)img->load_pa + 0x200,
	       (double)(sc_now_ns() - t0) / 1e6);
	for (;;) {
		struct pollfd pfd[2] = { { .fd = sfd, .events = POLLIN } };
		nfds_t npfd = 1;
		enum stage next;
		char why[160];

		*reached = st;
		/* The console: the guest polls its rings, and so do we. */
		sc_console_drain(con);
		if (con->pend_off < con->pend_len)
			sc_console_feed(con);
		if (con->escape) {
			sc_console_restore(con);
			fprintf(stderr, "\r\n");
			sc_err("Ctrl-] pressed: stopping the guest");
			return SC_EXIT_OK;
		}
		if ((gs = guest_state(p, con)) >= 0)
			return gs;
		if (hung(&wd, p, sc_now_ns())) {
			sc_console_restore(con);
			sc_err("guest on CPU %u hung (no heartbeat for %.1f s); stopping it",
			       p->info.cpu,
			       (double)sc_watchdog_silence_ns(&wd.wd, sc_now_ns()) / 1e9);
			return SC_EXIT_HUNG;
		}
		if (sc_console_broken(con, why, sizeof(why))) {
			sc_console_restore(con);
			sc_err("guest on CPU %u broke the %s; stopping it", p->info.cpu, why);
			return SC_EXIT_BROKE;
		}
		if (want != ST_NONE && st >= want && (!ls.want || ls.found)) {
			if (ls.want)
				sc_err("guest: its log says \"%s\" (%.1f s after SIPI)",
				       ls.want, (double)(sc_now_ns() - t0) / 1e9);
			return SC_EXIT_OK;
		}
		if (ls.panic[0]) {
			sc_console_finish(con, 1000);
			sc_console_restore(con);
			sc_err("guest kernel panicked (%.1f s after SIPI): %s",
			       (double)(sc_now_ns() - t0) / 1e9, ls.panic);
			return SC_EXIT_CRASHED;
		}
		if (want != ST_NONE && sc_now_ns() - t0 > WATCH_LIMIT_NS) {
			sc_err("guest reached only '%s' in %llu s, not '%s'",
			       stage_name[st], WATCH_LIMIT_NS / 1000000000ull, stop_at);
			return SC_EXIT_HUNG;
		}
		if (sc_console_wants_input(con))
			pfd[npfd++] = (struct pollfd){ .fd = con->in_fd, .events = POLLIN };
		/* A millisecond: --linux-stop-at must stop it promptly. */
		if (poll(pfd, npfd, 1) > 0) {
			struct signalfd_siginfo si;

			if ((pfd[0].revents & POLLIN) &&
			    read(sfd, &si, sizeof(si)) == sizeof(si)) {
				sc_console_restore(con);
				sc_err("%s: stopping the guest (it reached '%s')",
				       strsignal((int)si.ssi_signo), stage_name[st]);
				return 128 + (int)si.ssi_signo;
			}
			if (npfd > 1 && pfd[1].revents)
				sc_console_feed(con);
		}
		/* Once it runs, its log, twice a second: the search costs. */
		if (st >= ST_DECOMPRESSED && sc_now_ns() >= next_scan) {
			next_scan = sc_now_ns() + 500000000ull;
			scan_log(p, img, &ls);
			if (ls.records && st < ST_RUNNING) {
				st = ST_RUNNING;
				sc_err("guest: kernel running, its log has %u records (%.1f s after SIPI)",
				       ls.records, (double)(sc_now_ns() - t0) / 1e9);
			}
			continue;
		}
		next = look(p, img, st);
		if (next <= st)	/* the memory test never goes past decompressed */
			continue;
		st = next;
		sc_err("guest: %s (%.1f ms after SIPI)", stage_name[st],
		       (double)(sc_now_ns() - t0) / 1e6);
	}
}

int sc_lg_run(const struct sc_args *a)
{
	struct sc_lg_image img;
	struct sc_ioc_lowmem low;
	struct sc_console con = { .in_fd = -1, .out_fd = -1 };
	char initrd[4096], ver[64];
	const char *initrd_path = a->initrd;
	struct sc_part p = { .fd = -1 };
	sigset_t oldmask;
	int fd, sfd, ret = SC_EXIT_ERROR;
	enum stage reached = ST_NONE;
	uint64_t t0;

	/* Without --initrd, the one `make guest` built for this kernel;
	 * --initrd none: no initrd at all. */
	if (initrd_path && !strcmp(initrd_path, "none"))
		initrd_path = NULL;
	else if (!initrd_path && !sc_lg_default_initrd(a->kernel, ver, sizeof(ver),
							initrd, sizeof(initrd)))
		initrd_path = initrd;
	if (sc_lg_prepare(&img, a->kernel, initrd_path, a->append, a->mem))
		goto out;
	if (initrd_path == initrd)
		sc_step("Linux: initrd %s (the guest initramfs for %s)", initrd, ver);
	if (a->dry_run) {
		/* The TSC frequency and the ring address come with the CPU:
		 * the longest values stand in for them here. */
		printf("would boot %s on CPU %d with %llu MiB%s%s; command line: %s\n",
		       a->kernel, a->cpu, (unsigned long long)a->mem >> 20,
		       initrd_path ? ", initrd " : "", initrd_path ? initrd_path : "",
		       img.cmdline);
		ret = SC_EXIT_OK;
		goto out;
	}
	if (geteuid() != 0) {
		sc_err("must be run as root (partitions take a CPU from Linux)");
		goto out;
	}
	fd = sc_dev_open(1);
	if (fd < 0)
		goto out;
	sfd = signal_fd(&oldmask);
	if (sc_part_create_flags(&p, fd, (unsigned)a->cpu, a->mem, SC_CREATE_LINUX))
		goto out_part;
	if (ioctl(p.fd, SC_IOC_LOWMEM, &low)) {
		sc_err("the module has no low memory block for a Linux guest: %m");
		goto out_part;
	}
	if (sc_lg_load(&p, &img, &low))
		goto out_part;
	if (sc_console_init(&con, sc_part_ring(&p, SC_RING_CONS_OUT),
			    sc_part_ring(&p, SC_RING_CONS_IN),
			    SC_RING_BYTES(SC_CONS_RING_ORDER), STDIN_FILENO,
			    STDOUT_FILENO)) {
		sc_err("internal error: console rings do not attach");
		goto out_part;
	}
	t0 = sc_now_ns();
	if (sc_part_start(&p, a->timeout_ms))
		goto out_part;
	ret = watch(&p, &img, sfd, &con, a->lg_stop_at, t0, a->watchdog_ms, &reached);
out_part:
	sc_console_restore(&con);
	if (sc_part_stop(&p) == 0 && p.started)
		sc_err("guest on CPU %u stopped; CPU %u is back online", p.info.cpu,
		       p.info.cpu);
	/* After the stop (its memory stays mapped until the close): the
	 * search takes milliseconds the guest must not run on in. */
	if (reached >= ST_DECOMPRESSED && p.mem) {
		banner(&p, &img);
		klog(&p, &img);
	}
	sc_part_close(&p);
	if (sfd >= 0)
		close(sfd);
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
out:
	sc_lg_free(&img);
	return ret;
}
