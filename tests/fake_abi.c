// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * LD_PRELOAD shim for the bad-input test: makes /dev/sparecore's VERSION
 * ioctl report the next ioctl contract version (SC_IOCTL_VERSION + 1), as a module from another release
 * would, so the service's refusal can be tested with the real module.
 * Built with -D_GNU_SOURCE (RTLD_NEXT).
 */
#include <dlfcn.h>
#include <stdarg.h>

#include <sparecore/ioctl.h>

int ioctl(int fd, unsigned long req, ...)
{
	static int (*real)(int, unsigned long, ...);
	va_list ap;
	void *arg;
	int r;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!real)
		real = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	r = real(fd, req, arg);
	if (r == 0 && req == SC_IOC_VERSION)
		((struct sc_ioc_version *)arg)->version = SC_IOCTL_VERSION + 1;
	return r;
}
