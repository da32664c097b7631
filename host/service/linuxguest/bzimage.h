/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bzImage as the Linux-guest loader needs it: the setup header checked
 * in full before the CPU is taken (magic, protocol version, 64-bit entry,
 * relocatable, alignment, init_size against the partition's memory).
 */
#ifndef SC_LG_BZIMAGE_H
#define SC_LG_BZIMAGE_H

#include <stddef.h>
#include <stdint.h>

/* Memory a kernel gets beyond its decompression buffer and initrd, at
 * the least: what the booted kernel lives on. Less is refused up front. */
#define SC_LG_RUN_MIN (64ull << 20)

struct sc_bzimage {
	const uint8_t *data;  /* the whole file (not owned) */
	size_t len;
	uint16_t version;     /* boot protocol, 0x020f = 2.15 */
	size_t hdr_end;       /* first byte past the setup header */
	size_t kernel_off;    /* protected-mode kernel: (setup_sects + 1) * 512 */
	size_t kernel_len;    /* its length in the file */
	uint32_t alignment;   /* kernel_alignment: where it may be loaded */
	uint32_t init_size;   /* bytes from the load address it needs */
	uint32_t cmdline_size; /* longest command line it takes, without NUL */
	uint32_t initrd_max;  /* highest initrd byte below 4 GiB */
	int initrd_high_ok;   /* XLF_CAN_BE_LOADED_ABOVE_4G */
};

/*
 * Check data (len bytes of a file) as a 64-bit relocatable bzImage and
 * fill *bz. 0, or -1 with a one-line reason in err.
 */
int sc_bz_parse(const uint8_t *data, size_t len, struct sc_bzimage *bz,
		char *err, size_t errlen);

/* The kernel's release ("6.1.0-57-amd64"): the first word of the
 * header's kernel_version string, into out (cap bytes), from the first
 * len bytes of a bzImage. 0, or -1 if they hold none that reads as one. */
int sc_bz_version_raw(const uint8_t *data, size_t len, char *out, size_t cap);

/* Smallest partition (bytes, a multiple of 2 MiB) that holds the
 * firmware chunk, the kernel's init_size, an initrd of initrd_len bytes
 * and SC_LG_RUN_MIN to run in. */
uint64_t sc_bz_mem_needed(const struct sc_bzimage *bz, uint64_t initrd_len);

#endif
