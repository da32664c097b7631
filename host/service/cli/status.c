// SPDX-License-Identifier: GPL-2.0
/*
 * `sparecore status`: every partition, from two sources. The module knows
 * them all (CPU, state, memory, uptime, the service's pid); a named
 * partition's service adds its name and per-device counters (asked over
 * its control socket). They are matched by pid. A `run` in a terminal has
 * no name; a named service whose partition is not in the module yet is
 * starting.
 */
#include "status.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <sparecore/ioctl.h>

#include "ctl.h"
#include "dev.h"
#include "names.h"
#include "util.h"

static const char *state_name(uint32_t s)
{
	switch (s) {
	case SC_RUN_CREATED: return "starting";
	case SC_RUN_RUNNING: return "running";
	case SC_RUN_STOPPED: return "stopped";
	default: return "unknown";
	}
}

/* The status object of one named service, or NULL if it does not answer. */
static json_object *ask(const char *name)
{
	char buf[8192];
	size_t len = 0;
	int fd = sc_ctl_request(name, "status", 1), r;

	if (fd < 0)
		return NULL;
	/* One line, then the service closes. */
	while (len + 1 < sizeof(buf) &&
	       (r = sc_ctl_line(fd, buf + len, sizeof(buf) - len, 2000)) > 0)
		len += (size_t)r;
	close(fd);
	buf[len] = 0;
	return len ? json_tokener_parse(buf) : NULL;
}

/* Every running named partition's status, in an array. */
static json_object *named_all(const char *only)
{
	json_object *arr = json_object_new_array();
	DIR *d = opendir(sc_name_dir(SC_NAME_LOCK));
	struct dirent *e;
	char err[128];

	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char name[SC_NAME_MAX + 1];
		json_object *o;

		if (n < 6 || n - 5 > SC_NAME_MAX || strcmp(e->d_name + n - 5, ".lock"))
			continue;
		memcpy(name, e->d_name, n - 5);
		name[n - 5] = 0;
		if (sc_name_check(name, err, sizeof(err)) ||
		    (only && strcmp(only, name)) || !sc_name_running(name, NULL))
			continue;
		o = ask(name);
		if (!o) {
			/* Running but silent (stopped with SIGSTOP?): say so. */
			pid_t pid = 0;

			sc_name_running(name, &pid);
			o = json_object_new_object();
			json_object_object_add(o, "name", json_object_new_string(name));
			json_object_object_add(o, "pid", json_object_new_int64(pid));
			json_object_object_add(o, "state", json_object_new_string("not answering"));
		}
		json_object_array_add(arr, o);
	}
	if (d)
		closedir(d);
	return arr;
}

static json_object *find_pid(json_object *named, uint32_t pid)
{
	for (size_t i = 0; i < json_object_array_length(named); i++) {
		json_object *o = json_object_array_get_idx(named, i), *p;

		if (json_object_object_get_ex(o, "pid", &p) &&
		    json_object_get_int64(p) == (int64_t)pid)
			return o;
	}
	return NULL;
}

static const char *str(json_object *o, const char *key, const char *def)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) && v ? json_object_get_string(v) : def;
}

/* The module's view wins for what it knows; the service adds the rest. */
static void merge(json_object *o, const struct sc_part_info *pi)
{
	json_object_object_add(o, "cpu", json_object_new_int64(pi->cpu));
	/* A service that does not answer stays marked: its partition may
	 * run, but nobody serves its devices. */
	if (strcmp(str(o, "state", ""), "not answering"))
		json_object_object_add(o, "state",
				       json_object_new_string(state_name(pi->state)));
	json_object_object_add(o, "memory_bytes", json_object_new_uint64(pi->mem_size));
	json_object_object_add(o, "uptime_s", json_object_new_double((double)pi->uptime_ns / 1e9));
	json_object_object_add(o, "pid", json_object_new_int64(pi->owner_pid));
}

static json_object *collect(const struct sc_ioc_list *l, const char *only)
{
	json_object *named = named_all(only), *all = json_object_new_array();

	for (uint32_t i = 0; i < l->count; i++) {
		json_object *o = find_pid(named, l->parts[i].owner_pid);

		if (o) {
			o = json_object_get(o);
			json_object_object_add(o, "matched", json_object_new_boolean(1));
		} else if (only) {
			continue;
		} else {
			o = json_object_new_object();
			json_object_object_add(o, "name", NULL);
		}
		merge(o, &l->parts[i]);
		json_object_array_add(all, o);
	}
	/* Named services the module has no partition of (yet). */
	for (size_t i = 0; i < json_object_array_length(named); i++) {
		json_object *o = json_object_array_get_idx(named, i);

		if (!json_object_object_get_ex(o, "matched", NULL))
			json_object_array_add(all, json_object_get(o));
	}
	for (size_t i = 0; i < json_object_array_length(all); i++)
		json_object_object_del(json_object_array_get_idx(all, i), "matched");
	json_object_put(named);
	return all;
}

static long long num(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) && v ? json_object_get_int64(v) : -1;
}

static void print_table(json_object *all)
{
	printf("%-12s %-4s %-13s %8s %10s %8s  %s\n", "NAME", "CPU", "STATE",
	       "MEMORY", "UPTIME", "PID", "DEVICES");
	for (size_t i = 0; i < json_object_array_length(all); i++) {
		json_object *o = json_object_array_get_idx(all, i), *dev, *up;
		char cpu[16] = "-", mem[24] = "-", devs[64] = "";

		if (num(o, "cpu") >= 0)
			snprintf(cpu, sizeof(cpu), "%lld", num(o, "cpu"));
		if (num(o, "memory_bytes") >= 0)
			snprintf(mem, sizeof(mem), "%lldM", num(o, "memory_bytes") >> 20);
		if (json_object_object_get_ex(o, "devices", &dev)) {
			json_object_object_foreach(dev, k, v) {
				(void)v;
				snprintf(devs + strlen(devs), sizeof(devs) - strlen(devs),
					 "%s%s", *devs ? "," : "", k);
			}
		}
		printf("%-12s %-4s %-13s %8s %8.1f s %8lld  %s\n",
		       str(o, "name", "-"), cpu, str(o, "state", "?"), mem,
		       json_object_object_get_ex(o, "uptime_s", &up)
			       ? json_object_get_double(up) : 0.0,
		       num(o, "pid"), *devs ? devs : "-");
	}
}

/* status NAME: the counters, one device a line. */
static void print_one(json_object *o)
{
	json_object *dev;

	print_table(o);
	if (!json_object_object_get_ex(json_object_array_get_idx(o, 0), "devices", &dev))
		return;
	json_object_object_foreach(dev, k, v) {
		printf("  %-8s", k);
		{
			json_object_object_foreach(v, ck, cv)
				printf(" %s=%s", ck, json_object_get_string(cv));
		}
		printf("\n");
	}
}

int sc_cmd_status(const struct sc_args *a)
{
	static struct sc_ioc_list l;
	json_object *all, *top;
	int fd = sc_dev_open(0);

	memset(&l, 0, sizeof(l));
	if (fd == -1)
		return 1;
	if (fd >= 0) {
		if (ioctl(fd, SC_IOC_LIST, &l)) {
			sc_err("cannot list partitions: %m");
			close(fd);
			return 1;
		}
		close(fd);
	}
	if (l.count > SC_LIST_MAX)
		l.count = SC_LIST_MAX;
	all = collect(&l, a->name);
	if (a->name && !json_object_array_length(all)) {
		sc_err("no partition named %s is running", a->name);
		json_object_put(all);
		return 1;
	}
	if (a->json) {
		json_object *mod = json_object_new_object();

		top = json_object_new_object();
		json_object_object_add(top, "partitions", all);
		json_object_object_add(mod, "loaded", json_object_new_boolean(fd != -2));
		json_object_object_add(mod, "pages", json_object_new_uint64(l.pages_allocated));
		json_object_object_add(mod, "doorbell_irqs", json_object_new_int64(l.irqs_allocated));
		json_object_object_add(top, "module", mod);
		puts(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY |
							 JSON_C_TO_STRING_SPACED));
		json_object_put(top);
		return 0;
	}
	if (a->name)
		print_one(all);
	else if (!json_object_array_length(all))
		printf("no partitions%s\n", fd == -2 ? " (module not loaded)" : "");
	else
		print_table(all);
	if (fd != -2)
		printf("module: %llu pages, %u doorbell IRQs allocated\n",
		       (unsigned long long)l.pages_allocated, l.irqs_allocated);
	json_object_put(all);
	return 0;
}
