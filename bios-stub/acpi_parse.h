/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Reading sparecore's ACPI tables: checksums, table headers, a small AML
 * walker and a _CRS reader. One file with no dependencies, compiled for the
 * partition (which validates what the host gave it) and for the host
 * (which finds the fields it patches in the iasl-built templates by name,
 * not by searching for values). Layouts: include/sparecore/acpi.h.
 *
 * Nothing here trusts its input: every read is bounds-checked against the
 * length the caller gives, every loop advances, recursion is bounded, and
 * a failure says what and where.
 */
#ifndef BIOS_STUB_ACPI_PARSE_H
#define BIOS_STUB_ACPI_PARSE_H

#include <sparecore/acpi.h>
#include <sparecore/crash.h>

/* Sum of len bytes, mod 256: 0 for a table with a good checksum. */
uint8_t acpi_sum(const void *p, uint64_t len);

/* Little-endian loads and stores at any alignment. */
uint64_t acpi_get(const uint8_t *p, unsigned bytes);
void acpi_put(uint8_t *p, unsigned bytes, uint64_t v);

/* Signature as error_code wants it (bytes in memory order). */
uint32_t acpi_sig32(const char *sig);

/*
 * Check an RSDP with avail readable bytes: signature, revision >= 2,
 * length 36, both checksums. 0, or an enum sc_acpi_fault with *detail set.
 */
int acpi_check_rsdp(const void *p, uint64_t avail, uint32_t *detail);

/*
 * Check a table with avail readable bytes: signature sig (4 chars),
 * min_len <= length <= avail, checksum. 0, or an enum sc_acpi_fault.
 */
int acpi_check_table(const void *t, uint64_t avail, const char *sig,
		     uint32_t min_len, uint32_t *detail);

/* ---------------------------------------------------------------- AML */

#define ACPI_PATH_MAX 40  /* "\\AAAA.BBBB.CCCC.DDDD.EEEE.FFFF.GGGG" + NUL */
#define ACPI_HID_MAX 9    /* 8 characters + NUL */
#define ACPI_AML_DEPTH 6  /* Scope/Device nesting we follow */

/** A Device() found in AML. Offsets are from the start of the table. */
struct acpi_aml_dev {
	char path[ACPI_PATH_MAX]; /**< absolute, e.g. "\\_SB.CONS" */
	char hid[ACPI_HID_MAX];   /**< _HID string (an EISA ID is decoded), "" if none */
	uint64_t uid;             /**< _UID if an integer, else 0 */
	uint32_t term_off;        /**< the Device term's first byte (0x5b) */
	uint32_t term_len;        /**< its whole length */
	uint32_t crs_off;         /**< first byte of the _CRS buffer's data */
	uint32_t crs_len;         /**< its length; 0: no static _CRS */
	uint8_t depth;            /**< 0: a top-level term of the table */
	bool has_uid;             /**< _UID was found */
};

/*
 * Walk the AML of a DSDT/SSDT (table points at its header, len is its
 * length) and record each Device with its _HID, _UID and _CRS. Follows
 * what bios-stub/dsdt.asl produces: Scope, Device, Name with integer,
 * string, buffer and package data, and skips Method bodies. Anything else
 * is an error: 0, or SC_ACPI_BAD_AML with *err_off the offset it stopped
 * at (also for more than max devices).
 */
int acpi_aml_walk(const uint8_t *table, uint32_t len,
		  struct acpi_aml_dev *devs, unsigned max, unsigned *count,
		  uint32_t *err_off);

/* ---------------------------------------------------------------- _CRS */

enum acpi_res_kind {
	ACPI_RES_MEM64 = 1, /**< QWord memory range: base, size */
	ACPI_RES_IRQ = 2,   /**< Extended Interrupt: irq (the first one) */
	ACPI_RES_OTHER = 3, /**< anything else, well-formed */
};

/** One resource descriptor. */
struct acpi_res {
	enum acpi_res_kind kind;
	uint32_t off;  /**< its first byte, from the buffer's start */
	uint32_t len;  /**< its whole length */
	uint64_t base; /**< MEM64: _MIN */
	uint64_t max;  /**< MEM64: _MAX */
	uint64_t size; /**< MEM64: _LEN */
	uint32_t irq;  /**< IRQ: first interrupt number */
	uint32_t irq_count; /**< IRQ: how many numbers it lists */
};

/*
 * Read the descriptor at *pos in buf[0, len) and move *pos past it.
 * 1: *r is filled; 0: the end tag (the list is done); -1: malformed
 * (truncated, a length that overruns, no end tag), *pos at the bad byte.
 */
int acpi_res_next(const uint8_t *buf, uint32_t len, uint32_t *pos,
		  struct acpi_res *r);

#endif
