// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore check-host`: can this host run partitions? Each check reads
 * what Linux already says (/proc, /sys, the kernel log) and changes
 * nothing, so it is safe to run anywhere, as root or not.
 */
#include "check_host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <json-c/json.h>

#include "hostinfo.h"
#include "util.h"

enum verdict { OK, WARN, FAIL };
static const char *const verdict_name[] = { "ok", "warn", "fail" };

struct report {
	json_object *rows;	/* --json: the rows, else NULL */
	int fails;
};

static void say(struct report *r, enum verdict v, const char *check,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void say(struct report *r, enum verdict v, const char *check,
		const char *fmt, ...)
{
	char detail[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (v == FAIL)
		r->fails++;
	if (r->rows) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "check", json_object_new_string(check));
		json_object_object_add(o, "result", json_object_new_string(verdict_name[v]));
		json_object_object_add(o, "detail", json_object_new_string(detail));
		json_object_array_add(r->rows, o);
	} else {
		printf("%-4s  %-18s %s\n", verdict_name[v], check, detail);
	}
}

/* The whole of a small /proc or /sys file, NUL-terminated; NULL if it
 * cannot be read. The caller frees it. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "re");
	size_t cap = 4096, n = 0;
	char *buf;

	if (!f)
		return NULL;
	buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n - 1, f);

		n += got;
		if (got == 0)
			break;
		if (n + 1 == cap) {
			char *bigger = cap < (1u << 24) ? realloc(buf, cap * 2) : NULL;

			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

static void trim(char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

static void check_cpus(struct report *r)
{
	char *online = slurp("/sys/devices/system/cpu/online");
	char *isolated = slurp("/sys/devices/system/cpu/isolated");
	int n_online, n_isol;

	trim(online);
	trim(isolated);
	if (access("/sys/devices/system/cpu/cpu1/online", F_OK) != 0 &&
	    access("/sys/devices/system/cpu/cpu2/online", F_OK) != 0)
		say(r, FAIL, "cpu hotplug", "no CPU can go offline here (no cpuN/online: CONFIG_HOTPLUG_CPU off, or one CPU)");
	else
		say(r, OK, "cpu hotplug", "CPUs can be taken offline");
	n_online = online ? sc_cpulist_count(online) : -1;
	if (n_online < 0)
		say(r, FAIL, "cpus", "cannot read the online CPUs");
	else if (n_online < 2)
		say(r, FAIL, "cpus", "%d CPU online: none to give (CPU 0 stays with Linux)", n_online);
	else {
		int give = n_online - (sc_cpulist_has(online, 0) ? 1 : 0);

		say(r, OK, "cpus", "online %s: %d CPU%s to give (CPU 0 stays with Linux)",
		    online, give, give == 1 ? "" : "s");
	}
	n_isol = isolated ? sc_cpulist_count(isolated) : 0;
	if (n_isol > 0)
		say(r, WARN, "isolcpus=domain", "CPUs %s are isolated from the scheduler's domains; 6.12 cannot take such a CPU offline (use isolcpus=nohz,managed_irq for a partition's CPU)",
		    isolated);
	free(online);
	free(isolated);
}

static void check_module(struct report *r)
{
	char *v, *lock, *sig;
	char choice[64];

	if (access("/sys/module/sparecore", F_OK) == 0) {
		v = slurp("/sys/module/sparecore/version");
		trim(v);
		say(r, OK, "module", "sparecore is loaded%s%s", v ? ", version " : "", v ? v : "");
		free(v);
		return;
	}
	v = slurp("/proc/sys/kernel/modules_disabled");
	if (v && atoi(v) != 0) {
		say(r, FAIL, "module", "not loaded, and module loading is disabled (kernel.modules_disabled=1) until reboot");
		free(v);
		return;
	}
	free(v);
	lock = slurp("/sys/kernel/security/lockdown");
	sig = slurp("/sys/module/module/parameters/sig_enforce");
	if (lock && sc_sysfs_choice(lock, choice, sizeof(choice)) && strcmp(choice, "none"))
		say(r, WARN, "module", "not loaded; kernel lockdown is '%s': only signed modules load, so sign sparecore.ko with a key this kernel trusts", choice);
	else if (sig && sig[0] == 'Y')
		say(r, WARN, "module", "not loaded; module signatures are enforced (module.sig_enforce): sign sparecore.ko first");
	else
		say(r, OK, "module", "not loaded; modules may be loaded (sparecore loads it when it runs)");
	free(lock);
	free(sig);
}

static void check_memory(struct report *r)
{
	char *b = slurp("/proc/buddyinfo");
	long n = b ? sc_buddy_free_2m(b) : -1;

	free(b);
	if (n < 0)
		say(r, WARN, "memory", "cannot read /proc/buddyinfo");
	else if (n < 2)
		say(r, FAIL, "memory", "%ld free 2 MiB blocks: not enough for the smallest partition (4M)", n);
	else if (n < 32)
		say(r, WARN, "memory", "%ld MiB in free 2 MiB blocks: less than the default --mem 64M", n * 2);
	else
		say(r, OK, "memory", "%ld MiB in free 2 MiB blocks (partition memory comes in those)", n * 2);
}

/* Whether the running kernel's module list names tun.ko (compressed or
 * not): it can be loaded, which run --net does itself. */
static bool tun_module_installed(void)
{
	struct utsname u;
	char path[512], *dep;
	bool found;

	if (uname(&u) != 0)
		return false;
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
	dep = slurp(path);
	found = dep && strstr(dep, "/tun.ko");
	free(dep);
	return found;
}

static void check_tun(struct report *r)
{
	if (access("/dev/net/tun", F_OK) == 0 || access("/sys/module/tun", F_OK) == 0)
		say(r, OK, "tun", "TUN/TAP is there (--net tap:NAME)");
	else if (tun_module_installed())
		say(r, OK, "tun", "the tun module is installed (run --net loads it)");
	else
		say(r, WARN, "tun", "no TUN/TAP in this kernel: --net cannot work (CONFIG_TUN)");
}

static void check_ipi(struct report *r)
{
	char *cmd = slurp("/proc/cmdline");
	char *present = slurp("/sys/devices/system/cpu/present");
	int n = present ? sc_cpulist_count(present) : -1;

	trim(present);
	if (cmd && sc_word_in(cmd, "no_ipi_broadcast=1"))
		say(r, OK, "ipi broadcast", "off (no_ipi_broadcast=1): Linux addresses every IPI to each CPU");
	else if (n >= 3)
		say(r, OK, "ipi broadcast", "Linux may use the all-but-self shorthand here (%d CPUs present); the module keeps a partition's CPU out of it (docs/host-safety.md)", n);
	else
		say(r, OK, "ipi broadcast", "off: Linux uses the shorthand only with 3 or more CPUs (%d present)", n);
	free(cmd);
	free(present);
}

static void check_encryption(struct report *r)
{
	static const char *const guest[] = { "sev", "sev_es", "sev_snp", "tdx_guest" };
	char *cpuinfo = slurp("/proc/cpuinfo");
	char *flags = cpuinfo ? strstr(cpuinfo, "\nflags") : NULL;
	char *eol = flags ? strchr(flags + 1, '\n') : NULL;
	char logbuf[1 << 16];
	int n;

	if (eol)
		*eol = '\0';
	for (unsigned i = 0; flags && i < sizeof(guest) / sizeof(guest[0]); i++) {
		if (sc_word_in(flags, guest[i])) {
			say(r, FAIL, "memory encryption", "this is a confidential guest (%s): a started CPU would read ciphertext", guest[i]);
			free(cpuinfo);
			return;
		}
	}
	/* SME is a CPU feature until the kernel turns it on, which it logs. */
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, logbuf, sizeof(logbuf) - 1);
	if (n > 0) {
		logbuf[n] = '\0';
		if (strstr(logbuf, "Memory Encryption Features active")) {
			say(r, FAIL, "memory encryption", "the kernel encrypts memory (its log: Memory Encryption Features active)");
			free(cpuinfo);
			return;
		}
	}
	if (flags && sc_word_in(flags, "sme"))
		say(r, OK, "memory encryption", n > 0 ? "SME supported by the CPU, not active" :
		    "SME supported by the CPU; the kernel log could not be read to see whether it is active");
	else
		say(r, OK, "memory encryption", "none");
	free(cpuinfo);
}

static const char check_usage[] =
"usage: sparecore check-host [--json]\n"
"Report whether this host can run partitions: CPU hotplug, CPUs to give,\n"
"isolated CPUs, module loading (lockdown, signatures), free memory in 2 MiB\n"
"blocks, TUN, IPI broadcasts, memory encryption. Changes nothing. Exit 0\n"
"when nothing fails, 1 otherwise.\n";

int sc_cmd_check_host(int argc, char **argv)
{
	struct report r = { NULL, 0 };
	int json = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(check_usage, stdout);
			return 0;
		} else {
			sc_err("check-host: unknown option '%s' (see sparecore check-host --help)", argv[i]);
			return 1;
		}
	}
	if (json)
		r.rows = json_object_new_array();
	if (geteuid() != 0)
		say(&r, WARN, "root", "not root: running partitions needs root (and the checks below may see less)");
	check_cpus(&r);
	check_module(&r);
	check_memory(&r);
	check_tun(&r);
	check_ipi(&r);
	check_encryption(&r);
	if (json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "schema_version", json_object_new_int(1));
		json_object_object_add(o, "version", json_object_new_string(SC_VERSION));
		json_object_object_add(o, "ok", json_object_new_boolean(r.fails == 0));
		json_object_object_add(o, "checks", r.rows);
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY));
		json_object_put(o);
	} else {
		printf("%s\n", r.fails ? "this host cannot run partitions as it is" :
		       "this host can run partitions");
	}
	return r.fails ? 1 : 0;
}
