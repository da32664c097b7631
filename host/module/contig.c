// SPDX-License-Identifier: GPL-2.0
/*
 * Memory for a Linux guest: one physically contiguous run. The kernel's
 * decompressor needs [load, load + init_size) (about 64 MiB for Debian's
 * 6.1) as contiguous RAM at 16 MiB or above, and the guest's e820 is kept
 * short when its memory is one range.
 *
 * The page allocator gives at most order 10 (4 MiB) blocks, so the run
 * comes from alloc_contig_range() (exported in 6.1; alloc_contig_pages()
 * is not), which migrates movable pages out of a pfn range we choose.
 * Candidates are 2 MiB aligned, tried from the top of [16 MiB, 4 GiB)
 * down (after a failed try, a quarter of the run further down), each
 * first checked to be online pages of one zone with no
 * reserved page at each 2 MiB step, so most holes are skipped without
 * calling the allocator. The pages come back as order-0 pages with a
 * reference each, the same as a split chunk, so freeing and mmap are
 * mem.c's.
 */
#include "sparecore.h"

#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>

#include <sparecore/linux_guest.h>

#define SC_CONTIG_TRIES 64	/* alloc_contig_range calls before giving up */
#define SC_CHUNK_PFNS (SC_CHUNK_SIZE >> PAGE_SHIFT)

/* Every 2 MiB block of [pfn, pfn + nr) starts with an online,
 * unreserved page of zone z. alloc_contig_range checks each page. */
static bool sc_contig_plausible(unsigned long pfn, unsigned long nr)
{
	struct zone *z = NULL;
	unsigned long i;

	for (i = 0; i < nr; i += SC_CHUNK_PFNS) {
		struct page *pg = pfn_to_online_page(pfn + i);

		if (!pg || PageReserved(pg) || (z && page_zone(pg) != z))
			return false;
		z = page_zone(pg);
	}
	return true;
}

int sc_contig_alloc(struct sc_part *p, struct page **chunks)
{
	unsigned long nr = p->mem_size >> PAGE_SHIFT, floor, pfn, i;
	unsigned int tries = 0;
	int ret = -ENOMEM;

	floor = SC_LINUX_MEM_FLOOR >> PAGE_SHIFT;
	pfn = (SC_LINUX_MEM_CEIL >> PAGE_SHIFT) - nr;
	while (pfn >= floor && tries < SC_CONTIG_TRIES) {
		if (fatal_signal_pending(current))
			return -EINTR;
		if (!sc_contig_plausible(pfn, nr)) {
			pfn -= SC_CHUNK_PFNS;
			continue;
		}
		tries++;
		ret = alloc_contig_range(pfn, pfn + nr, MIGRATE_MOVABLE,
					 GFP_KERNEL | __GFP_NOWARN);
		if (!ret)
			break;
		/* Something unmovable is in there: a quarter of the run
		 * further down, so the tries cover all of [16 MiB, 4 GiB). */
		pfn -= max_t(unsigned long, SC_CHUNK_PFNS,
			     ALIGN_DOWN(nr / 4, SC_CHUNK_PFNS));
		cond_resched();
	}
	if (ret) {
		pr_info("CPU %u: no contiguous %llu MiB between 16 MiB and 4 GiB (%u ranges tried, last error %d)\n",
			p->cpu, p->mem_size >> 20, tries, ret);
		return -ENOMEM;
	}
	/* The host's old data must not reach the guest. */
	for (i = 0; i < nr; i++) {
		clear_highpage(pfn_to_page(pfn + i));
		if (!(i % SC_CHUNK_PFNS))
			cond_resched();
	}
	for (i = 0; i < p->mem_size >> SC_CHUNK_SHIFT; i++)
		chunks[i] = pfn_to_page(pfn + i * SC_CHUNK_PFNS);
	atomic_long_add(nr, &sc_pages_allocated);
	pr_info("CPU %u: %llu MiB contiguous at %#llx\n", p->cpu,
		p->mem_size >> 20, (u64)PFN_PHYS(pfn));
	return 0;
}
