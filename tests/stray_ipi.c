// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * stray_ipi CPU VECTOR|nmi COUNT: have the module send the partition
 * running on CPU, COUNT times, an interrupt it never set up (SC_IOC_STRAY), as
 * Linux's broadcast IPIs would. Run in the lab VM by tests/e2e/stray.sh.
 * Exit 0 when sent; 1 with one line on stderr otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <sparecore/ioctl.h>

int main(int argc, char **argv)
{
	struct sc_ioc_stray r = { 0 };
	int fd, ret, tries = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: stray_ipi CPU VECTOR|nmi COUNT\n");
		return 1;
	}
	r.cpu = (uint32_t)strtoul(argv[1], NULL, 0);
	if (!strcmp(argv[2], "nmi")) {
		r.vector = 2;
		r.flags = SC_STRAY_NMI;
	} else {
		r.vector = (uint32_t)strtoul(argv[2], NULL, 0);
	}
	r.count = (uint32_t)strtoul(argv[3], NULL, 0);
	fd = open(SC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror(SC_DEVICE_PATH);
		return 1;
	}
	/* EBUSY: the partition's service is in a request; try again. */
	while ((ret = ioctl(fd, SC_IOC_STRAY, &r)) < 0 && errno == EBUSY &&
	       ++tries < 1000)
		usleep(1000);
	if (ret < 0) {
		fprintf(stderr, "stray_ipi: CPU %u: %s\n", r.cpu, strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}
