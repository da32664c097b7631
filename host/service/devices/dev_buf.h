/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one rule for which partition memory a device message may name as a
 * buffer (a disk segment or indirect table, a network frame, the bench
 * device's samples): [pa, pa + len) must lie inside partition memory at or
 * above SC_IMAGE_PA. Below it are the boot info, the page tables, the
 * rings, the ACPI tables and the bench ring: the partition never needs a
 * device to read or write those (its buffers are in its image or in the
 * RAM above it, include/sparecore/abi.h), and a device that did could
 * overwrite the rings it is being driven through or the tables the host
 * built. Every backend's validator asks this function, so the rule is the
 * same for every device (tests/unit/test_dev_buf.c).
 */
#ifndef SC_DEV_BUF_H
#define SC_DEV_BUF_H

#include <stdbool.h>
#include <stdint.h>

#include <sparecore/abi.h>

/* Lowest partition-physical address a device buffer may start at. */
#define SC_DEV_BUF_MIN SC_IMAGE_PA

/* May a device message name [pa, pa + len) of a partition of mem_size
 * bytes? Any 64-bit values: nothing wraps. len 0 still needs pa inside. */
bool sc_dev_buf_ok(uint64_t pa, uint64_t len, uint64_t mem_size);

#endif
