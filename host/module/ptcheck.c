// SPDX-License-Identifier: GPL-2.0
/*
 * Before START sends the SIPI: walk the page tables the service wrote, as
 * the CPU will, for every address the CPU touches before the partition
 * has an IDT: the trampoline page (identity mapped, executed and written
 * after paging is on), the entry point (executed), the first stack slot
 * (written) and boot info (read and written). Any fault there is a triple
 * fault, and a triple fault on an application processor resets many PCs:
 * so a service bug must end as EINVAL here, not as a reboot.
 *
 * Generic on purpose: it checks the addresses a START request names and
 * knows nothing of how the service lays out its tables. Every table page
 * must lie in the partition's own memory (that is all we can read, and all
 * the service may write), and each address must land where it should: the
 * trampoline on itself, boot info on the boot info page, entry and stack
 * in partition memory. The service maps this memory and could change a
 * table after the check: the check catches a service's bugs, it cannot
 * stop a root process bent on resetting the machine. Caller holds p->lock.
 */
#include "sparecore.h"

#include <linux/mm.h>
#include <asm/processor.h>

#define SC_PTE_P	(1ull << 0)
#define SC_PTE_RW	(1ull << 1)
#define SC_PTE_PS	(1ull << 7)
#define SC_PTE_NX	(1ull << 63)
#define SC_PTE_ADDR	0x000ffffffffff000ull

enum sc_need { SC_NEED_X = 1, SC_NEED_W = 2 };

/* The kernel address of [pa, pa + len) if it lies in one chunk. */
static void *sc_mem_kva(struct sc_part *p, u64 pa, u64 len)
{
	unsigned int i;

	for (i = 0; i < p->nr_chunks; i++) {
		u64 base = sc_mem_chunk_pa(p, i);

		if (pa >= base && pa - base <= SC_CHUNK_SIZE - len)
			return page_address(p->chunks[i]) + (pa - base);
	}
	return NULL;
}

static const char *const sc_level_name[] = { "PTE", "PDE", "PDPTE", "PML4E" };

/*
 * Walks va from the PML4 at host-physical cr3. 0 and *pa, or -EINVAL
 * after one line naming what and where.
 */
static int sc_pt_walk(struct sc_part *p, u64 cr3, const char *what, u64 va,
		      unsigned int need, u64 *pa)
{
	u64 rsvd = ~0ull << boot_cpu_data.x86_phys_bits & SC_PTE_ADDR;
	u64 table = cr3, e = 0, w = SC_PTE_RW, nx = 0;
	int level;

	for (level = 3; level >= 0; level--) {
		const u64 *t = sc_mem_kva(p, table, PAGE_SIZE);
		unsigned int idx = (va >> (12 + 9 * level)) & 511;
		u64 span = 1ull << (12 + 9 * level);

		if (!t) {
			pr_info("CPU %u: START page tables: %s %#llx: table %#llx (level %s) is not partition memory\n",
				p->cpu, what, va, table, sc_level_name[level]);
			return -EINVAL;
		}
		e = READ_ONCE(t[idx]);
		if (!(e & SC_PTE_P)) {
			pr_info("CPU %u: START page tables: %s %#llx: %s not present\n",
				p->cpu, what, va, sc_level_name[level]);
			return -EINVAL;
		}
		if (e & rsvd) {
			pr_info("CPU %u: START page tables: %s %#llx: %s %#llx sets address bits above %u\n",
				p->cpu, what, va, sc_level_name[level], e,
				boot_cpu_data.x86_phys_bits);
			return -EINVAL;
		}
		w &= e;
		nx |= e & SC_PTE_NX;
		if (level == 0 || ((level == 1 || level == 2) && (e & SC_PTE_PS))) {
			/* A large page's address bits below its size, above
			 * the PAT bit (12), are reserved. */
			if (level && (e & SC_PTE_ADDR & (span - 1) & ~0x1000ull)) {
				pr_info("CPU %u: START page tables: %s %#llx: %s %#llx is not %llu MiB aligned\n",
					p->cpu, what, va, sc_level_name[level],
					e, span >> 20);
				return -EINVAL;
			}
			*pa = (e & SC_PTE_ADDR & ~(span - 1)) + (va & (span - 1));
			break;
		}
		if (e & SC_PTE_PS) {
			pr_info("CPU %u: START page tables: %s %#llx: large page at PML4E\n",
				p->cpu, what, va);
			return -EINVAL;
		}
		table = e & SC_PTE_ADDR;
	}
	if ((need & SC_NEED_W) && !(w & SC_PTE_RW)) {
		pr_info("CPU %u: START page tables: %s %#llx is not writable\n",
			p->cpu, what, va);
		return -EINVAL;
	}
	if ((need & SC_NEED_X) && nx) {
		pr_info("CPU %u: START page tables: %s %#llx is not executable (NX)\n",
			p->cpu, what, va);
		return -EINVAL;
	}
	return 0;
}

int sc_pt_check(struct sc_part *p, u64 cr3, const struct sc_ioc_start *s)
{
	u64 bootinfo = sc_mem_chunk_pa(p, 0) + SC_BOOTINFO_PA, pa;
	int ret;

	ret = sc_pt_walk(p, cr3, "trampoline", sc_tramp_page,
			 SC_NEED_X | SC_NEED_W, &pa);
	if (!ret && pa != sc_tramp_page) {
		pr_info("CPU %u: START page tables: trampoline %#lx maps %#llx, not itself\n",
			p->cpu, sc_tramp_page, pa);
		ret = -EINVAL;
	}
	if (!ret)
		ret = sc_pt_walk(p, cr3, "entry", s->entry_va, SC_NEED_X, &pa);
	if (!ret && !sc_mem_kva(p, pa, 1)) {
		pr_info("CPU %u: START page tables: entry %#llx maps %#llx, outside the partition\n",
			p->cpu, s->entry_va, pa);
		ret = -EINVAL;
	}
	/* The first push lands just below the initial stack pointer. */
	if (!ret)
		ret = sc_pt_walk(p, cr3, "stack", s->stack_va - 8, SC_NEED_W, &pa);
	if (!ret && !sc_mem_kva(p, pa, 8)) {
		pr_info("CPU %u: START page tables: stack %#llx maps %#llx, outside the partition\n",
			p->cpu, s->stack_va - 8, pa);
		ret = -EINVAL;
	}
	if (!ret)
		ret = sc_pt_walk(p, cr3, "boot info", s->bootinfo_va, SC_NEED_W, &pa);
	if (!ret && pa != bootinfo) {
		pr_info("CPU %u: START page tables: boot info %#llx maps %#llx, not the boot info page %#llx\n",
			p->cpu, s->bootinfo_va, pa, bootinfo);
		ret = -EINVAL;
	}
	return ret;
}
