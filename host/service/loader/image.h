/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Partition images: ELF64 x86-64 executables that carry a sparecore note
 * and load inside partition memory. Checked in full before anything on the
 * host is touched, then copied into partition memory.
 */
#ifndef SC_IMAGE_H
#define SC_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct sc_image {
	void *data;          /* whole file, owned */
	size_t len;
	uint64_t entry_va;   /* e_entry */
	uint64_t end_pa;     /* first partition-physical byte past the image */
};

/* Read path into img->data (at most 64 MiB). 0, or -1 with err set. */
int sc_image_read(const char *path, struct sc_image *img, char *err,
		  size_t errlen);
/*
 * Validate img against a partition of mem_size bytes; when mem is not NULL,
 * also copy the segments into it (mem = partition-physical 0) and zero the
 * rest of each segment. 0, or -1 with a one-line reason in err.
 */
int sc_image_load(struct sc_image *img, void *mem, uint64_t mem_size,
		  char *err, size_t errlen);
void sc_image_free(struct sc_image *img);

#endif
