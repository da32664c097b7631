// SPDX-License-Identifier: GPL-2.0
#include "bzimage.h"

#include <stdio.h>

#include <sparecore/abi.h>

#include "bootparams.h"

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

int sc_bz_parse(const uint8_t *d, size_t len, struct sc_bzimage *bz,
		char *err, size_t errlen)
{
	unsigned sects;
	uint16_t xlf;

	memset(bz, 0, sizeof(*bz));
	if (len < SC_BP_HDR_MIN_END || sc_bp_get16(d, SC_BP_BOOT_FLAG) != 0xaa55 ||
	    sc_bp_get32(d, SC_BP_HEADER) != SC_BP_HDRS_MAGIC)
		FAIL("not a Linux bzImage (no boot signature and HdrS header)");
	bz->version = sc_bp_get16(d, SC_BP_VERSION);
	if (bz->version < SC_BP_MIN_VERSION)
		FAIL("boot protocol %u.%02u is too old: a 64-bit entry needs 2.12 or later",
		     bz->version >> 8, bz->version & 0xff);
	/* The header ends where the 2-byte jump at 0x200 lands. */
	bz->hdr_end = SC_BP_JUMP + 2 + (size_t)sc_bp_get8(d, SC_BP_JUMP + 1);
	if (sc_bp_get8(d, SC_BP_JUMP) != 0xeb || bz->hdr_end < SC_BP_HDR_MIN_END ||
	    bz->hdr_end > 0x290)
		FAIL("setup header has a bad length (jump 0x%04x at 0x200)",
		     sc_bp_get16(d, SC_BP_JUMP));
	xlf = sc_bp_get16(d, SC_BP_XLOADFLAGS);
	if (!(xlf & SC_BP_XLF_KERNEL_64))
		FAIL("a 32-bit kernel (no 64-bit entry point): sparecore boots x86-64 kernels only");
	if (!sc_bp_get8(d, SC_BP_RELOCATABLE))
		FAIL("kernel is not relocatable: it must run where the partition's memory is");
	if (!(sc_bp_get8(d, SC_BP_LOADFLAGS) & SC_BP_LOADED_HIGH))
		FAIL("a zImage (loaded below 1 MiB), not a bzImage");
	bz->alignment = sc_bp_get32(d, SC_BP_KERNEL_ALIGNMENT);
	if (bz->alignment < 0x1000 || bz->alignment > SC_CHUNK_SIZE ||
	    (bz->alignment & (bz->alignment - 1)))
		FAIL("kernel alignment 0x%x is not a power of two from 4 KiB to 2 MiB",
		     bz->alignment);
	sects = sc_bp_get8(d, SC_BP_SETUP_SECTS);
	bz->kernel_off = (size_t)((sects ? sects : 4) + 1) * 512;
	if (bz->kernel_off + SC_BP_ENTRY64_OFFSET + 16 > len)
		FAIL("file ends inside the setup code (%zu bytes, kernel at %zu)",
		     len, bz->kernel_off);
	bz->kernel_len = len - bz->kernel_off;
	bz->init_size = sc_bp_get32(d, SC_BP_INIT_SIZE);
	if (bz->init_size < bz->kernel_len || bz->init_size > (512u << 20))
		FAIL("init_size %u is not between the kernel's length %zu and 512 MiB",
		     bz->init_size, bz->kernel_len);
	bz->cmdline_size = sc_bp_get32(d, SC_BP_CMDLINE_SIZE);
	if (bz->cmdline_size < 255)
		FAIL("kernel takes a command line of only %u bytes", bz->cmdline_size);
	bz->initrd_max = sc_bp_get32(d, SC_BP_INITRD_ADDR_MAX);
	bz->initrd_high_ok = !!(xlf & SC_BP_XLF_CAN_BE_LOADED_ABOVE_4G);
	bz->data = d;
	bz->len = len;
	return 0;
}

int sc_bz_version_raw(const uint8_t *d, size_t len, char *out, size_t cap)
{
	size_t off, n = 0;

	if (!cap || len < SC_BP_HDR_MIN_END || sc_bp_get16(d, SC_BP_BOOT_FLAG) != 0xaa55 ||
	    sc_bp_get32(d, SC_BP_HEADER) != SC_BP_HDRS_MAGIC ||
	    !sc_bp_get16(d, SC_BP_KERNEL_VERSION))
		return -1;
	off = SC_BP_JUMP + (size_t)sc_bp_get16(d, SC_BP_KERNEL_VERSION);
	for (; off + n < len && n + 1 < cap; n++) {
		uint8_t c = d[off + n];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '_' || c == '+'))
			break;
		out[n] = (char)c;
	}
	out[n] = 0;
	return n && off + n < len && d[off + n] == ' ' ? 0 : -1;
}

uint64_t sc_bz_mem_needed(const struct sc_bzimage *bz, uint64_t initrd_len)
{
	return SC_CHUNK_SIZE + align_up(bz->init_size, SC_CHUNK_SIZE) +
	       align_up(initrd_len, SC_CHUNK_SIZE) + SC_LG_RUN_MIN;
}
