// SPDX-License-Identifier: GPL-2.0
#include "dev.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sparecore/compiler.h>

#include "util.h"

/* Try modprobe (an installed module), then a sparecore.ko beside this
 * binary: in a build tree the one built for the running kernel
 * (kmod/`uname -r`/, see the Makefile), in the lab VM or an install the
 * one next to it or in ../lib/sparecore. */
static int load_module(void)
{
	char path[PATH_MAX], kmod[128];
	struct utsname u;
	const char *rel[3];
	int st;

	snprintf(kmod, sizeof(kmod), "kmod/%s/sparecore.ko",
		 uname(&u) == 0 ? u.release : "unknown");
	rel[0] = kmod;
	rel[1] = "sparecore.ko";
	rel[2] = "../lib/sparecore/sparecore.ko";
	st = system("modprobe -q sparecore 2>/dev/null");
	if (st == 0 && access(SC_DEVICE_PATH, F_OK) == 0)
		return 0;
	for (unsigned i = 0; i < ARRAY_SIZE(rel); i++) {
		int fd, r;

		snprintf(path, sizeof(path), "%s/%s", sc_exe_dir(), rel[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		sc_step("loading %s", path);
		r = (int)syscall(SYS_finit_module, fd, "", 0);
		close(fd);
		if (r && errno != EEXIST) {
			sc_err("cannot load %s: %m (see dmesg)", path);
			return -1;
		}
		return 0;
	}
	sc_err("module not loaded and no sparecore.ko found (modprobe sparecore, or install it)");
	return -1;
}

int sc_dev_open(int load)
{
	struct sc_ioc_version v = { 0 };
	int fd;

	if (access(SC_DEVICE_PATH, F_OK) != 0) {
		if (!load)
			return -2;
		if (geteuid() != 0) {
			sc_err("must be run as root (to load the module and open %s)",
			       SC_DEVICE_PATH);
			return -1;
		}
		if (load_module())
			return -1;
		/* devtmpfs creates the node asynchronously; give it a moment. */
		for (int i = 0; i < 100 && access(SC_DEVICE_PATH, F_OK); i++)
			usleep(10000);
	}
	fd = open(SC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES || errno == EPERM)
			sc_err("permission denied opening %s: must be run as root",
			       SC_DEVICE_PATH);
		else
			sc_err("cannot open %s: %m", SC_DEVICE_PATH);
		return -1;
	}
	if (ioctl(fd, SC_IOC_VERSION, &v) || v.magic != SC_MAGIC) {
		sc_err("%s does not answer as a sparecore module", SC_DEVICE_PATH);
		close(fd);
		return -1;
	}
	if (v.version != SC_IOCTL_VERSION) {
		sc_err("module/service ioctl contract mismatch: the module speaks ioctl version %u, this sparecore %u: load the matching module",
		       v.version, SC_IOCTL_VERSION);
		close(fd);
		return -1;
	}
	return fd;
}

const char *sc_dev_create_error(int err, unsigned cpu, unsigned long long mem,
				char *buf, unsigned len)
{
	switch (err) {
	case ENODEV:
		snprintf(buf, len, "CPU %u does not exist on this host", cpu);
		break;
	case EPERM:
		snprintf(buf, len, "CPU %u is the boot CPU and cannot be given to a partition", cpu);
		break;
	case EBUSY:
		snprintf(buf, len, "CPU %u is busy: it runs a partition already, it is the last online CPU, or Linux refused to take it offline (see dmesg)", cpu);
		break;
	case SC_ERR_CPU_DOMAIN_ISOLATED:
		snprintf(buf, len, "CPU %u is isolated with isolcpus=domain and this kernel cannot take such a CPU offline; isolate it with isolcpus=nohz,managed_irq instead", cpu);
		break;
	case ENXIO:
		snprintf(buf, len, "CPU %u is offline; bring it online first (echo 1 > /sys/devices/system/cpu/cpu%u/online)", cpu, cpu);
		break;
	case ENOMEM:
		snprintf(buf, len, "cannot get %llu MiB of memory for the partition; try a smaller --mem", mem >> 20);
		break;
	case ENOSPC:
		snprintf(buf, len, "no free interrupt vector for the partition's doorbell");
		break;
	case EINVAL:
		snprintf(buf, len, "the module refused the request (CPU %u, %llu MiB): invalid argument", cpu, mem >> 20);
		break;
	default:
		snprintf(buf, len, "cannot take CPU %u for a partition: %s", cpu, strerror(err));
	}
	return buf;
}
