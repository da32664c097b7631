// SPDX-License-Identifier: GPL-2.0
#include "guest_e820.h"

#include <stdio.h>
#include <stdlib.h>

#include <sparecore/abi.h>
#include <sparecore/bootinfo.h>

static int by_addr(const void *a, const void *b)
{
	const struct sc_lg_range *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int sc_lg_e820_build(struct sc_lg_range *in, unsigned n,
		     struct sc_lg_e820 *out, unsigned max,
		     char *err, size_t errlen)
{
	unsigned cnt = 0;

	qsort(in, n, sizeof(*in), by_addr);
	for (unsigned i = 0; i < n; i++) {
		const struct sc_lg_range *r = &in[i];
		struct sc_lg_e820 *last = cnt ? &out[cnt - 1] : NULL;

		if (!r->size || (r->addr | r->size) & 0xfff ||
		    r->addr + r->size < r->addr) {
			snprintf(err, errlen, "memory range 0x%llx+0x%llx is empty or not page aligned",
				 (unsigned long long)r->addr, (unsigned long long)r->size);
			return -1;
		}
		if (r->type < SC_E820_RAM || r->type > SC_E820_ACPI) {
			snprintf(err, errlen, "memory range 0x%llx has unknown type %u",
				 (unsigned long long)r->addr, r->type);
			return -1;
		}
		if (last && r->addr < last->addr + last->size) {
			snprintf(err, errlen, "memory ranges overlap at 0x%llx",
				 (unsigned long long)r->addr);
			return -1;
		}
		if (last && last->type == r->type &&
		    last->addr + last->size == r->addr) {
			last->size += r->size;
			continue;
		}
		if (cnt == max) {
			snprintf(err, errlen, "memory is in more than %u separate ranges", max);
			return -1;
		}
		out[cnt++] = (struct sc_lg_e820){
			.addr = r->addr, .size = r->size, .type = r->type,
		};
	}
	/* The kernel replaces a map of fewer than two entries with one of its
	 * own invention (e820__memory_setup_default). */
	if (cnt < 2) {
		snprintf(err, errlen, "a memory map of %u range(s): the kernel would ignore it", cnt);
		return -1;
	}
	return (int)cnt;
}

unsigned sc_lg_ranges(const uint64_t *chunks, unsigned nr_chunks,
		      uint64_t low_pa, uint64_t low_size,
		      struct sc_lg_range *out)
{
	uint64_t c0 = chunks[0];
	unsigned n = 0;

	out[n++] = (struct sc_lg_range){ c0, SC_ACPI_PA, SC_E820_RESERVED };
	out[n++] = (struct sc_lg_range){ c0 + SC_ACPI_PA, SC_ACPI_SIZE, SC_E820_ACPI };
	out[n++] = (struct sc_lg_range){ c0 + SC_ACPI_PA + SC_ACPI_SIZE,
					 SC_CHUNK_SIZE - SC_ACPI_PA - SC_ACPI_SIZE,
					 SC_E820_RESERVED };
	for (unsigned i = 1; i < nr_chunks; i++)
		out[n++] = (struct sc_lg_range){ chunks[i], SC_CHUNK_SIZE, SC_E820_RAM };
	if (low_size)
		out[n++] = (struct sc_lg_range){ low_pa, low_size, SC_E820_RAM };
	return n;
}
