// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the partition page tables (host/service/loader/pagetable.c).
 *
 * A malloc'd buffer stands in for partition memory, and a made-up chunk
 * table says where each 2 MiB of it "is" in host-physical memory. The test
 * then walks the tables like the MMU would (4-level, 4 KiB / 2 MiB / 1 GiB
 * leaves), following each host-physical table address back into the buffer
 * through the chunk table. A table pointer that leads outside partition
 * memory fails the walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/abi.h>
#include <sparecore/compiler.h>

#include "pagetable.h"
#include "unit.h"

#define MEM_SIZE (64ull << 20)
#define NR_CHUNKS ((uint32_t)(MEM_SIZE / SC_CHUNK_SIZE))
#define TRAMP_PA 0x9a000ull
#define APIC_BASE 0xfee00000ull
#define PAGE 0x1000ull

/* Bits of a leaf the MMU ignores or that are flags, not address. */
#define PTE_RSVD_2M 0x1fe000ull /* bits 20:13 of a 2 MiB leaf must be 0 */

struct fixture {
	uint8_t *mem;
	uint64_t chunks[SC_MAX_CHUNKS];
	struct sc_pt_input in;
};

/*
 * Chunk c sits at a scattered host address: a permutation of 2 MiB frames,
 * odd chunks above 4 GiB (only the chunk holding the PML4 must be below).
 */
static uint64_t chunk_addr(uint32_t c)
{
	uint64_t frame = (c * 7u) % NR_CHUNKS; /* 7 is prime to 32 */

	return (c & 1 ? 0x240000000ull : 0x40000000ull) + frame * SC_CHUNK_SIZE;
}

static void fixture_open(struct fixture *f, bool map_apic)
{
	memset(f, 0, sizeof(*f));
	f->mem = aligned_alloc(SC_CHUNK_SIZE, MEM_SIZE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->mem);
	memset(f->mem, 0xcc, MEM_SIZE); /* garbage: the build must clear */
	for (uint32_t c = 0; c < NR_CHUNKS; c++)
		f->chunks[c] = chunk_addr(c);
	f->in = (struct sc_pt_input){
		.mem_size = MEM_SIZE,
		.chunks = f->chunks,
		.nr_chunks = NR_CHUNKS,
		.tramp_pa = TRAMP_PA,
		.apic_base = APIC_BASE,
		.map_apic = map_apic,
	};
}

static void fixture_close(struct fixture *f)
{
	free(f->mem);
	f->mem = NULL;
}

/* Host-physical -> pointer into the buffer, or NULL when hpa is not in
 * partition memory (or the 8 bytes at it straddle a chunk). */
static uint64_t *hpa_to_ptr(const struct fixture *f, uint64_t hpa)
{
	for (uint32_t c = 0; c < f->in.nr_chunks; c++) {
		uint64_t base = f->chunks[c];

		if (hpa >= base && hpa - base <= SC_CHUNK_SIZE - 8)
			return (uint64_t *)(f->mem + (uint64_t)c * SC_CHUNK_SIZE +
					    (hpa - base));
	}
	return NULL;
}

/* The chunk table's answer for partition-physical p (independent of
 * sc_pt_host_pa, which is also under test). */
static uint64_t expect_hpa(const struct fixture *f, uint64_t p)
{
	return f->chunks[p >> SC_CHUNK_SHIFT] + (p & (SC_CHUNK_SIZE - 1));
}

enum walk_res { W_MAPPED, W_NOT_PRESENT, W_BAD_TABLE, W_RESERVED };

struct walk {
	enum walk_res res;
	uint64_t hpa;      /* translation */
	uint64_t page;     /* leaf size */
	uint64_t leaf;     /* leaf entry */
	bool writable;     /* RW at every level */
	bool nx;           /* NX at any level */
	int level;         /* level the walk stopped at: 3 PML4 .. 0 PT */
};

static struct walk walk_va(const struct fixture *f, uint64_t root_pa, uint64_t va)
{
	struct walk w = { .writable = true };
	uint64_t table = expect_hpa(f, root_pa);

	for (int level = 3; level >= 0; level--) {
		uint64_t *t = hpa_to_ptr(f, table);
		unsigned idx = (unsigned)((va >> (12 + 9 * level)) & 511);
		uint64_t e, size = 1ull << (12 + 9 * level);

		w.level = level;
		if (!t || (table & 0xfff)) {
			w.res = W_BAD_TABLE;
			return w;
		}
		e = t[idx];
		if (!(e & SC_PTE_P)) {
			w.res = W_NOT_PRESENT;
			return w;
		}
		w.writable = w.writable && (e & SC_PTE_RW);
		w.nx = w.nx || (e & SC_PTE_NX);
		if (level == 0 || (level <= 2 && (e & SC_PTE_PS))) {
			if (level == 1 && (e & SC_PTE_ADDR & PTE_RSVD_2M)) {
				w.res = W_RESERVED;
				return w;
			}
			if (level == 2 && (e & SC_PTE_ADDR & 0x3fffe000ull)) {
				w.res = W_RESERVED;
				return w;
			}
			w.res = W_MAPPED;
			w.page = size;
			w.leaf = e;
			w.hpa = (e & SC_PTE_ADDR & ~(size - 1)) + (va & (size - 1));
			return w;
		}
		if (level == 3 && (e & SC_PTE_PS)) {
			w.res = W_RESERVED; /* PS is reserved in a PML4E */
			return w;
		}
		table = e & SC_PTE_ADDR;
	}
	w.res = W_BAD_TABLE; /* not reached */
	return w;
}

static void build_ok(struct fixture *f, uint64_t *root)
{
	*root = sc_pt_build(f->mem, &f->in);
	CU_ASSERT_EQUAL_FATAL(*root, SC_PT_PA);
	/* The trampoline loads cr3 in 32-bit mode. */
	CU_ASSERT_TRUE(expect_hpa(f, *root) < (1ull << 32));
}

/* ------------------------------------------------------- partition memory */

static void test_partition_memory(void)
{
	struct fixture f;
	uint64_t root;
	const uint64_t ps[] = {
		0, 0x1, SC_BOOTINFO_PA, SC_PT_PA, SC_RING_AREA_PA, SC_IMAGE_PA,
		0x123456, SC_CHUNK_SIZE - 1, SC_CHUNK_SIZE, SC_CHUNK_SIZE + 0x789,
		3 * SC_CHUNK_SIZE + 0xabcde, MEM_SIZE / 2 + 0x1234,
		MEM_SIZE - SC_CHUNK_SIZE, MEM_SIZE - 0x1000, MEM_SIZE - 1,
	};

	fixture_open(&f, true);
	build_ok(&f, &root);
	for (size_t i = 0; i < ARRAY_SIZE(ps); i++) {
		struct walk w = walk_va(&f, root, SC_VIRT_BASE + ps[i]);

		CU_ASSERT_EQUAL(w.res, W_MAPPED);
		if (w.res != W_MAPPED) {
			fprintf(stderr, "\n    p=0x%llx not mapped (walk %d at level %d)\n",
				(unsigned long long)ps[i], w.res, w.level);
			continue;
		}
		CU_ASSERT_EQUAL(w.hpa, expect_hpa(&f, ps[i]));
		CU_ASSERT_EQUAL(w.hpa, sc_pt_host_pa(&f.in, ps[i]));
		CU_ASSERT_EQUAL(w.page, SC_CHUNK_SIZE);
		CU_ASSERT_TRUE(w.writable);
		CU_ASSERT_FALSE(w.nx); /* the image runs from here */
		CU_ASSERT_EQUAL(w.leaf & (SC_PTE_PCD | SC_PTE_PWT), 0u);
		/* And that host address is the buffer's byte p. */
		CU_ASSERT_PTR_EQUAL((uint8_t *)hpa_to_ptr(&f, w.hpa & ~7ull) +
					    (w.hpa & 7),
				    f.mem + ps[i]);
	}
	fixture_close(&f);
}

/* Every 2 MiB of partition memory, at its own chunk. */
static void test_every_chunk(void)
{
	struct fixture f;
	uint64_t root;
	uint32_t bad = 0;

	fixture_open(&f, false);
	build_ok(&f, &root);
	for (uint64_t p = 0; p < MEM_SIZE; p += SC_CHUNK_SIZE) {
		struct walk a = walk_va(&f, root, SC_VIRT_BASE + p);
		struct walk b = walk_va(&f, root, SC_VIRT_BASE + p + SC_CHUNK_SIZE - 1);

		if (a.res != W_MAPPED || a.hpa != f.chunks[p >> SC_CHUNK_SHIFT] ||
		    b.res != W_MAPPED ||
		    b.hpa != f.chunks[p >> SC_CHUNK_SHIFT] + SC_CHUNK_SIZE - 1)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0u);
	fixture_close(&f);
}

static void test_past_the_end_unmapped(void)
{
	struct fixture f;
	uint64_t root;
	const uint64_t vas[] = {
		SC_VIRT_BASE + MEM_SIZE,
		SC_VIRT_BASE + MEM_SIZE + 0x1000,
		SC_VIRT_BASE + MEM_SIZE + SC_CHUNK_SIZE,
		SC_VIRT_BASE + SC_MEM_MAX - 1,
		SC_VIRT_BASE + SC_MEM_MAX,     /* the last GiB of VA */
		0xfffffffffffff000ull,
		SC_APIC_VA - 1,                /* just below the APIC page */
		SC_VIRT_BASE - SC_CHUNK_SIZE,
		0xffff800000000000ull,         /* bottom of the upper half */
		0xffffff0000000000ull,
	};

	fixture_open(&f, true);
	build_ok(&f, &root);
	for (size_t i = 0; i < ARRAY_SIZE(vas); i++) {
		struct walk w = walk_va(&f, root, vas[i]);

		CU_ASSERT_EQUAL(w.res, W_NOT_PRESENT);
		if (w.res != W_NOT_PRESENT)
			fprintf(stderr, "\n    va=0x%llx: walk %d\n",
				(unsigned long long)vas[i], w.res);
	}
	fixture_close(&f);
}

/* --------------------------------------------------------------- low half */

static void test_trampoline_identity_only(void)
{
	struct fixture f;
	uint64_t root;
	struct walk w;
	const uint64_t vas[] = {
		0, PAGE, TRAMP_PA - PAGE, TRAMP_PA - 1, TRAMP_PA + PAGE,
		TRAMP_PA + 2 * PAGE, 0xa0000, 0xfe000, 0x100000, 0x1ff000,
		0x200000, 0x40000000, 0x7ffffffff000ull,
		/* partition memory's host addresses are not identity-mapped */
		0x40000000ull, 0x240000000ull,
	};

	fixture_open(&f, true);
	build_ok(&f, &root);
	w = walk_va(&f, root, TRAMP_PA);
	CU_ASSERT_EQUAL_FATAL(w.res, W_MAPPED);
	CU_ASSERT_EQUAL(w.hpa, TRAMP_PA);
	CU_ASSERT_EQUAL(w.page, PAGE);
	w = walk_va(&f, root, TRAMP_PA + 0xf00);
	CU_ASSERT_EQUAL(w.res, W_MAPPED);
	CU_ASSERT_EQUAL(w.hpa, TRAMP_PA + 0xf00);
	CU_ASSERT_FALSE(w.nx); /* the trampoline runs there */
	for (size_t i = 0; i < ARRAY_SIZE(vas); i++) {
		w = walk_va(&f, root, vas[i]);
		CU_ASSERT_EQUAL(w.res, W_NOT_PRESENT);
		if (w.res != W_NOT_PRESENT)
			fprintf(stderr, "\n    va=0x%llx: walk %d\n",
				(unsigned long long)vas[i], w.res);
	}
	fixture_close(&f);
}

/* The trampoline page at the two ends of its allowed range. */
static void test_trampoline_edges(void)
{
	const uint64_t tramps[] = { 0, 0xff000 };
	struct fixture f;
	uint64_t root;

	for (size_t i = 0; i < 2; i++) {
		struct walk w;

		fixture_open(&f, false);
		f.in.tramp_pa = tramps[i];
		build_ok(&f, &root);
		w = walk_va(&f, root, tramps[i] + 0x10);
		CU_ASSERT_EQUAL(w.res, W_MAPPED);
		CU_ASSERT_EQUAL(w.hpa, tramps[i] + 0x10);
		w = walk_va(&f, root, tramps[i] ^ 0x1000);
		CU_ASSERT_EQUAL(w.res, W_NOT_PRESENT);
		fixture_close(&f);
	}
}

/* ------------------------------------------------------------------- APIC */

static void test_apic_mapped(void)
{
	struct fixture f;
	uint64_t root;
	struct walk w;

	fixture_open(&f, true);
	build_ok(&f, &root);
	w = walk_va(&f, root, SC_APIC_VA);
	CU_ASSERT_EQUAL_FATAL(w.res, W_MAPPED);
	CU_ASSERT_EQUAL(w.hpa, APIC_BASE);
	CU_ASSERT_EQUAL(w.page, PAGE);
	/* (CU_ASSERT_TRUE takes an int: compare, do not pass bit 63.) */
	CU_ASSERT_EQUAL(w.leaf & SC_PTE_PCD, SC_PTE_PCD);
	CU_ASSERT_EQUAL(w.leaf & SC_PTE_PWT, SC_PTE_PWT);
	CU_ASSERT_EQUAL(w.leaf & SC_PTE_NX, SC_PTE_NX);
	CU_ASSERT_TRUE(w.nx);
	CU_ASSERT_TRUE(w.writable);
	w = walk_va(&f, root, SC_APIC_VA + 0x3f0); /* EOI is at 0xb0, ICR 0x300 */
	CU_ASSERT_EQUAL(w.res, W_MAPPED);
	CU_ASSERT_EQUAL(w.hpa, APIC_BASE + 0x3f0);
	/* Only that page. */
	CU_ASSERT_EQUAL(walk_va(&f, root, SC_APIC_VA - PAGE).res, W_NOT_PRESENT);
	CU_ASSERT_EQUAL(walk_va(&f, root, SC_APIC_VA - SC_CHUNK_SIZE).res, W_NOT_PRESENT);
	fixture_close(&f);
}

static void test_apic_unmapped(void)
{
	struct fixture f;
	uint64_t root;

	fixture_open(&f, false);
	build_ok(&f, &root);
	CU_ASSERT_EQUAL(walk_va(&f, root, SC_APIC_VA).res, W_NOT_PRESENT);
	CU_ASSERT_EQUAL(walk_va(&f, root, SC_APIC_VA + 0xb0).res, W_NOT_PRESENT);
	/* Partition memory and trampoline unaffected. */
	CU_ASSERT_EQUAL(walk_va(&f, root, SC_VIRT_BASE).res, W_MAPPED);
	CU_ASSERT_EQUAL(walk_va(&f, root, TRAMP_PA).res, W_MAPPED);
	fixture_close(&f);
}

/* ------------------------------------------------------- the whole picture */

struct census {
	uint32_t leaves_2m, leaves_4k, leaves_1g, bad_tables, reserved;
	uint32_t tables_outside_area;
	uint64_t first_va_4k[4];
};

/* Visit every present entry reachable from the root. */
static void census_walk(const struct fixture *f, uint64_t table_hpa, int level,
			uint64_t va, struct census *c)
{
	uint64_t *t = hpa_to_ptr(f, table_hpa);
	bool in_area = false;

	if (!t || (table_hpa & 0xfff)) {
		c->bad_tables++;
		return;
	}
	/* Every table lives in the SC_PT_PA area of partition memory. */
	for (uint32_t i = 0; i < SC_PT_PAGES; i++)
		if ((uint8_t *)t == f->mem + SC_PT_PA + i * PAGE)
			in_area = true;
	if (!in_area)
		c->tables_outside_area++;
	for (unsigned idx = 0; idx < 512; idx++) {
		uint64_t e = t[idx];
		uint64_t eva = va | ((uint64_t)idx << (12 + 9 * level));

		if (level == 3 && (eva & (1ull << 47)))
			eva |= 0xffff000000000000ull; /* canonical */
		if (!(e & SC_PTE_P))
			continue;
		if (level == 0) {
			if (c->leaves_4k < 4)
				c->first_va_4k[c->leaves_4k] = eva;
			c->leaves_4k++;
		} else if (level == 1 && (e & SC_PTE_PS)) {
			c->leaves_2m++;
		} else if (level == 2 && (e & SC_PTE_PS)) {
			c->leaves_1g++;
		} else if (level == 3 && (e & SC_PTE_PS)) {
			c->reserved++;
		} else {
			census_walk(f, e & SC_PTE_ADDR, level - 1, eva, c);
		}
	}
}

/* Exactly partition memory, the trampoline page and (xAPIC) the APIC page
 * are mapped: nothing else of the host is reachable. */
static void census_check(bool map_apic)
{
	struct fixture f;
	struct census c = { 0 };
	uint64_t root;

	fixture_open(&f, map_apic);
	build_ok(&f, &root);
	census_walk(&f, expect_hpa(&f, root), 3, 0, &c);
	CU_ASSERT_EQUAL(c.bad_tables, 0u);
	CU_ASSERT_EQUAL(c.reserved, 0u);
	CU_ASSERT_EQUAL(c.tables_outside_area, 0u);
	CU_ASSERT_EQUAL(c.leaves_1g, 0u);
	CU_ASSERT_EQUAL(c.leaves_2m, NR_CHUNKS);
	CU_ASSERT_EQUAL(c.leaves_4k, map_apic ? 2u : 1u);
	/* Walk order: the low half (trampoline) first, then the APIC page. */
	CU_ASSERT_EQUAL(c.first_va_4k[0], TRAMP_PA);
	if (map_apic)
		CU_ASSERT_EQUAL(c.first_va_4k[1], SC_APIC_VA);
	fixture_close(&f);
}

static void test_census_xapic(void)
{
	census_check(true);
}

static void test_census_x2apic(void)
{
	census_check(false);
}

/* The largest partition: 512 chunks fill one page directory. */
static void test_max_mem(void)
{
	static uint64_t chunks[SC_MAX_CHUNKS];
	struct sc_pt_input in = {
		.mem_size = SC_MEM_MAX, .chunks = chunks,
		.nr_chunks = SC_MAX_CHUNKS, .tramp_pa = TRAMP_PA,
		.apic_base = APIC_BASE, .map_apic = true,
	};
	/* Only chunk 0 needs to be backed: the tables live in it. */
	uint8_t *mem = aligned_alloc(SC_CHUNK_SIZE, SC_CHUNK_SIZE);
	const uint64_t *pd;
	uint32_t bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	for (uint32_t i = 0; i < SC_MAX_CHUNKS; i++)
		chunks[i] = 0x80000000ull + (uint64_t)(SC_MAX_CHUNKS - 1 - i) * SC_CHUNK_SIZE;
	CU_ASSERT_EQUAL_FATAL(sc_pt_build(mem, &in), SC_PT_PA);
	/* PML4[511] -> PDPT; PDPT[510] -> the PD of partition memory. */
	{
		const uint64_t *pml4 = (const uint64_t *)(mem + SC_PT_PA);
		uint64_t pdpt_hpa = pml4[511] & SC_PTE_ADDR;
		const uint64_t *pdpt = (const uint64_t *)(mem + (pdpt_hpa - chunks[0]));
		uint64_t pd_hpa = pdpt[510] & SC_PTE_ADDR;

		CU_ASSERT_FATAL(pdpt_hpa >= chunks[0] && pdpt_hpa < chunks[0] + SC_CHUNK_SIZE);
		CU_ASSERT_FATAL(pd_hpa >= chunks[0] && pd_hpa < chunks[0] + SC_CHUNK_SIZE);
		pd = (const uint64_t *)(mem + (pd_hpa - chunks[0]));
	}
	for (uint32_t i = 0; i < SC_MAX_CHUNKS; i++)
		if ((pd[i] & SC_PTE_ADDR) != chunks[i] || !(pd[i] & SC_PTE_PS) ||
		    !(pd[i] & SC_PTE_P))
			bad++;
	CU_ASSERT_EQUAL(bad, 0u);
	free(mem);
}

/* ---------------------------------------------------------- invalid input */

static void expect_refused(struct fixture *f, const char *what)
{
	uint64_t r = sc_pt_build(f->mem, &f->in);

	CU_ASSERT_EQUAL(r, 0u);
	if (r)
		fprintf(stderr, "\n    accepted: %s\n", what);
}

static void test_invalid(void)
{
	struct fixture f;

	fixture_open(&f, true);

	f.chunks[0] = 0x100000000ull; /* PML4 would be above 4 GiB */
	expect_refused(&f, "chunk 0 at 4 GiB");
	f.chunks[0] = 0x7fe00000000ull;
	expect_refused(&f, "chunk 0 far above 4 GiB");
	f.chunks[0] = chunk_addr(0);

	f.chunks[0] = chunk_addr(0) + 0x1000; /* misaligned chunk 0 */
	expect_refused(&f, "misaligned chunk 0");
	f.chunks[0] = chunk_addr(0);
	f.chunks[5] = chunk_addr(5) + 0x100000;
	expect_refused(&f, "misaligned chunk 5");
	f.chunks[5] = chunk_addr(5);
	f.chunks[NR_CHUNKS - 1] = chunk_addr(NR_CHUNKS - 1) + 8;
	expect_refused(&f, "misaligned last chunk");
	f.chunks[NR_CHUNKS - 1] = chunk_addr(NR_CHUNKS - 1);

	f.in.tramp_pa = 0x100000;
	expect_refused(&f, "tramp_pa at 1 MiB");
	f.in.tramp_pa = 0x80000000;
	expect_refused(&f, "tramp_pa at 2 GiB");
	f.in.tramp_pa = TRAMP_PA + 0x800;
	expect_refused(&f, "tramp_pa unaligned");
	f.in.tramp_pa = TRAMP_PA + 1;
	expect_refused(&f, "tramp_pa unaligned by 1");
	f.in.tramp_pa = TRAMP_PA;

	f.in.mem_size = MEM_SIZE - SC_CHUNK_SIZE; /* nr_chunks says 32 */
	expect_refused(&f, "mem_size below nr_chunks");
	f.in.mem_size = MEM_SIZE + SC_CHUNK_SIZE;
	expect_refused(&f, "mem_size above nr_chunks");
	f.in.mem_size = MEM_SIZE + 0x1000;
	expect_refused(&f, "mem_size not chunk-aligned");
	f.in.mem_size = MEM_SIZE;
	f.in.nr_chunks = NR_CHUNKS - 1;
	expect_refused(&f, "nr_chunks below mem_size");
	f.in.nr_chunks = 0;
	f.in.mem_size = 0;
	expect_refused(&f, "no memory");
	f.in.nr_chunks = NR_CHUNKS;
	f.in.mem_size = MEM_SIZE;

	f.in.apic_base = APIC_BASE + 0x10;
	expect_refused(&f, "apic_base unaligned");
	f.in.apic_base = APIC_BASE;

	/* All restored: accepted again. */
	CU_ASSERT_EQUAL(sc_pt_build(f.mem, &f.in), SC_PT_PA);
	fixture_close(&f);
}

/* More memory than one page directory maps. */
static void test_invalid_too_big(void)
{
	static uint64_t chunks[SC_MAX_CHUNKS + 1];
	struct sc_pt_input in = {
		.mem_size = SC_MEM_MAX + SC_CHUNK_SIZE, .chunks = chunks,
		.nr_chunks = SC_MAX_CHUNKS + 1, .tramp_pa = TRAMP_PA,
		.apic_base = APIC_BASE,
	};
	uint8_t *mem = aligned_alloc(SC_CHUNK_SIZE, SC_CHUNK_SIZE);

	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	for (uint32_t i = 0; i <= SC_MAX_CHUNKS; i++)
		chunks[i] = 0x80000000ull + (uint64_t)i * SC_CHUNK_SIZE;
	CU_ASSERT_EQUAL(sc_pt_build(mem, &in), 0u);
	free(mem);
}

int sc_unit_register_pagetable(void)
{
	CU_pSuite s = CU_add_suite("pagetable", NULL, NULL);

	if (!s ||
	    !CU_add_test(s, "partition memory maps to its chunks", test_partition_memory) ||
	    !CU_add_test(s, "every chunk, first and last byte", test_every_chunk) ||
	    !CU_add_test(s, "nothing past mem_size", test_past_the_end_unmapped) ||
	    !CU_add_test(s, "low half: only the trampoline page", test_trampoline_identity_only) ||
	    !CU_add_test(s, "trampoline at 0 and at 1 MiB - 4 KiB", test_trampoline_edges) ||
	    !CU_add_test(s, "xAPIC page: UC, NX", test_apic_mapped) ||
	    !CU_add_test(s, "x2APIC: no APIC page", test_apic_unmapped) ||
	    !CU_add_test(s, "census: nothing else mapped (xAPIC)", test_census_xapic) ||
	    !CU_add_test(s, "census: nothing else mapped (x2APIC)", test_census_x2apic) ||
	    !CU_add_test(s, "1 GiB partition fills the PD", test_max_mem) ||
	    !CU_add_test(s, "invalid input returns 0", test_invalid) ||
	    !CU_add_test(s, "more than 1 GiB returns 0", test_invalid_too_big))
		return -1;
	return 0;
}
