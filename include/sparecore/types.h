/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Fixed-width types for the ABI headers. The same headers are compiled by
 * the Linux module (which has no <stdint.h>), by the host service and by the
 * freestanding partition (both of which do: GCC ships it freestanding).
 * Linux's <linux/types.h> also defines uint32_t and friends, so the rest of
 * the ABI spells every field with the <stdint.h> names.
 */
#ifndef SPARECORE_TYPES_H
#define SPARECORE_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

#define SC_CACHELINE 64

#endif
