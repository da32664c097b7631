/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 Linux boot protocol as the service writes it: offsets into the
 * bzImage setup header and into the zero page (struct boot_params), from
 * the kernel's Documentation/arch/x86/boot.rst and zero-page.rst. The zero
 * page is a byte array with little-endian accessors, not a copy of the
 * kernel's structure: the offsets are the protocol, and the accessors
 * cannot be misaligned.
 */
#ifndef SC_LG_BOOTPARAMS_H
#define SC_LG_BOOTPARAMS_H

#include <stdint.h>
#include <string.h>

#define SC_LG_ZERO_PAGE_SIZE 4096u

/* Setup header fields: the same offsets in the file and the zero page. */
enum {
	SC_BP_SETUP_SECTS = 0x1f1,   /* u8, 0 means 4 */
	SC_BP_BOOT_FLAG = 0x1fe,     /* u16, 0xaa55 */
	SC_BP_JUMP = 0x200,          /* u16: jmp; its byte 0x201 ends the header */
	SC_BP_HEADER = 0x202,        /* u32, "HdrS" */
	SC_BP_VERSION = 0x206,       /* u16 */
	SC_BP_KERNEL_VERSION = 0x20e, /* u16: version string at 0x200 + it */
	SC_BP_TYPE_OF_LOADER = 0x210, /* u8 */
	SC_BP_LOADFLAGS = 0x211,     /* u8 */
	SC_BP_CODE32_START = 0x214,  /* u32 */
	SC_BP_RAMDISK_IMAGE = 0x218, /* u32 */
	SC_BP_RAMDISK_SIZE = 0x21c,  /* u32 */
	SC_BP_HEAP_END_PTR = 0x224,  /* u16 */
	SC_BP_CMD_LINE_PTR = 0x228,  /* u32 */
	SC_BP_INITRD_ADDR_MAX = 0x22c, /* u32 */
	SC_BP_KERNEL_ALIGNMENT = 0x230, /* u32 */
	SC_BP_RELOCATABLE = 0x234,   /* u8 */
	SC_BP_XLOADFLAGS = 0x236,    /* u16 */
	SC_BP_CMDLINE_SIZE = 0x238,  /* u32 */
	SC_BP_SETUP_DATA = 0x250,    /* u64 */
	SC_BP_PREF_ADDRESS = 0x258,  /* u64 */
	SC_BP_INIT_SIZE = 0x260,     /* u32 */
	SC_BP_HDR_MIN_END = 0x264,   /* a 2.10+ header reaches at least here */
};

/* Zero-page fields outside the setup header. */
enum {
	SC_BP_ACPI_RSDP_ADDR = 0x070, /* u64 */
	SC_BP_EXT_RAMDISK_IMAGE = 0x0c0, /* u32: bits 63:32 */
	SC_BP_EXT_RAMDISK_SIZE = 0x0c4,  /* u32 */
	SC_BP_EXT_CMD_LINE_PTR = 0x0c8,  /* u32 */
	SC_BP_E820_ENTRIES = 0x1e8,   /* u8 */
	SC_BP_SENTINEL = 0x1ef,       /* u8: must stay 0 */
	SC_BP_E820_TABLE = 0x2d0,     /* SC_LG_E820_MAX entries of 20 bytes */
};

#define SC_BP_HDRS_MAGIC 0x53726448u /* "HdrS" */
#define SC_BP_LOADED_HIGH 0x01       /* loadflags: kernel at >= 1 MiB */
#define SC_BP_CAN_USE_HEAP 0x80      /* loadflags: heap_end_ptr valid */
#define SC_BP_XLF_KERNEL_64 0x01     /* xloadflags: 64-bit entry at +0x200 */
#define SC_BP_XLF_CAN_BE_LOADED_ABOVE_4G 0x02
#define SC_BP_LOADER_UNDEFINED 0xff  /* type_of_loader: no assigned ID */
#define SC_BP_ENTRY64_OFFSET 0x200   /* startup_64 past the load address */

/* The protocol the loader needs: 2.12 added xloadflags (64-bit entry),
 * 2.10 init_size and pref_address, 2.06 cmdline_size. */
#define SC_BP_MIN_VERSION 0x020c

/** One boot_params e820 entry, packed as the kernel reads it. */
struct __attribute__((packed)) sc_lg_e820 {
	uint64_t addr;
	uint64_t size;
	uint32_t type; /* enum sc_e820_type: 1 RAM, 2 reserved, 3 ACPI */
};
_Static_assert(sizeof(struct sc_lg_e820) == 20, "boot_params e820 entry");

#define SC_LG_E820_MAX 128u /* entries the zero page holds */
_Static_assert(SC_BP_E820_TABLE + SC_LG_E820_MAX * 20 <= 0xd00,
	       "e820 table ends where eddbuf starts");

static inline uint8_t sc_bp_get8(const uint8_t *b, unsigned off)
{
	return b[off];
}

static inline uint16_t sc_bp_get16(const uint8_t *b, unsigned off)
{
	return (uint16_t)(b[off] | b[off + 1] << 8);
}

static inline uint32_t sc_bp_get32(const uint8_t *b, unsigned off)
{
	return (uint32_t)sc_bp_get16(b, off) |
	       (uint32_t)sc_bp_get16(b, off + 2) << 16;
}

static inline uint64_t sc_bp_get64(const uint8_t *b, unsigned off)
{
	return (uint64_t)sc_bp_get32(b, off) |
	       (uint64_t)sc_bp_get32(b, off + 4) << 32;
}

static inline void sc_bp_put8(uint8_t *b, unsigned off, uint8_t v)
{
	b[off] = v;
}

static inline void sc_bp_put32(uint8_t *b, unsigned off, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

static inline void sc_bp_put64(uint8_t *b, unsigned off, uint64_t v)
{
	sc_bp_put32(b, off, (uint32_t)v);
	sc_bp_put32(b, off + 4, (uint32_t)(v >> 32));
}

#endif
