// SPDX-License-Identifier: GPL-2.0
/*
 * Partition memory: 2 MiB chunks from the page allocator (no reboot, no
 * memmap=). Order-9 blocks are naturally 2 MiB aligned, so each chunk is one
 * large-page entry in the page directory the service builds.
 *
 * Each chunk is split into 512 ordinary pages, each with its own reference
 * count, and the service's mapping inserts those pages (not raw PFNs): then
 * get_user_pages works on it, so the disk backend can do O_DIRECT and
 * io_uring fixed buffers straight into partition memory. A page that I/O
 * still holds when we free the chunk goes back to Linux when the I/O lets
 * go of it, never earlier.
 */
#include "sparecore.h"

#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#define SC_CHUNK_ORDER (SC_CHUNK_SHIFT - PAGE_SHIFT)
#define SC_CHUNK_PAGES (1UL << SC_CHUNK_ORDER)

/* Leave the host this much, so a partition cannot push Linux into OOM. */
#define SC_MEM_MARGIN (64UL << 20)

static void sc_mem_free_n(struct page **chunks, unsigned int n)
{
	unsigned long j;

	while (n--) {
		for (j = 0; j < SC_CHUNK_PAGES; j++)
			__free_page(chunks[n] + j);
		atomic_long_sub(SC_CHUNK_PAGES, &sc_pages_allocated);
	}
}

int sc_mem_alloc(struct sc_part *p)
{
	unsigned int n = p->mem_size >> SC_CHUNK_SHIFT, i = 0;
	long avail = si_mem_available();
	long margin = SC_MEM_MARGIN >> PAGE_SHIFT;
	struct page **chunks;

	if (avail <= margin || (p->mem_size >> PAGE_SHIFT) > avail - margin) {
		pr_info("CPU %u: %llu MiB asked, %ld MiB available\n", p->cpu,
			p->mem_size >> 20, (avail << PAGE_SHIFT) >> 20);
		return -ENOMEM;
	}
	chunks = kcalloc(n, sizeof(*chunks), GFP_KERNEL);
	if (!chunks)
		return -ENOMEM;
	if (p->flags & SC_CREATE_LINUX) {
		int ret = sc_contig_alloc(p, chunks);

		if (ret) {
			kfree(chunks);
			return ret;
		}
		i = n;
	}
	for (; i < n; i++) {
		/* The trampoline loads cr3 in 32-bit mode: the page tables
		 * live in chunk 0, which must therefore be below 4 GiB. */
		gfp_t gfp = GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN |
			    __GFP_RETRY_MAYFAIL | (i == 0 ? GFP_DMA32 : 0);

		chunks[i] = fatal_signal_pending(current) ? NULL :
			    alloc_pages(gfp, SC_CHUNK_ORDER);
		if (!chunks[i]) {
			pr_info("CPU %u: got %u of %u 2 MiB chunks\n", p->cpu,
				i, n);
			sc_mem_free_n(chunks, i);
			kfree(chunks);
			return -ENOMEM;
		}
		split_page(chunks[i], SC_CHUNK_ORDER);
		atomic_long_add(SC_CHUNK_PAGES, &sc_pages_allocated);
		cond_resched();
	}
	p->chunks = chunks;
	p->nr_chunks = n;
	return 0;
}

/* Only once the partition CPU is stopped: it may still be writing here. */
void sc_mem_free(struct sc_part *p)
{
	sc_mem_free_n(p->chunks, p->nr_chunks);
	kfree(p->chunks);
	p->chunks = NULL;
	p->nr_chunks = 0;
}

/* Kernel address of the boot info page, for polling its state field. */
void *sc_mem_bootinfo(struct sc_part *p)
{
	return page_address(p->chunks[0]) + SC_BOOTINFO_PA;
}

/* Host-physical address of chunk i, for the service's page tables. */
u64 sc_mem_chunk_pa(struct sc_part *p, unsigned int i)
{
	return page_to_phys(p->chunks[i]);
}

/*
 * Partition-physical 0 at file offset 0, shared only: a private mapping
 * would give the service copies the partition never sees. Caller holds
 * p->lock and has checked that the partition has memory.
 */
int sc_mem_mmap(struct sc_part *p, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start, off, j, n;
	struct page **pages;
	unsigned int i;
	int ret = 0;

	if (vma->vm_pgoff != 0 || len > p->mem_size ||
	    !(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	pages = kmalloc_array(SC_CHUNK_PAGES, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	sc_vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	for (i = 0, off = 0; off < len && !ret; i++, off += SC_CHUNK_SIZE) {
		n = min_t(unsigned long, len - off, SC_CHUNK_SIZE) >> PAGE_SHIFT;
		for (j = 0; j < n; j++)
			pages[j] = p->chunks[i] + j;
		ret = vm_insert_pages(vma, vma->vm_start + off, pages, &n);
	}
	kfree(pages);
	return ret;
}
