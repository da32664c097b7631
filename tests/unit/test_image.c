// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the ELF image loader (host/service/loader/image.c). Each test
 * builds a tiny partition image in memory, breaks one thing in it, and
 * checks that sc_image_load says no, with a message, without writing
 * outside partition memory. The file copy handed to the loader is
 * malloc'd at its exact length, so a sanitizer build catches any read past
 * the end of the "file".
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include <sparecore/abi.h>
#include <sparecore/compiler.h>

#include "image.h"
#include "unit.h"

#define IMG_VA (SC_VIRT_BASE + SC_IMAGE_PA)
#define MEM_SIZE (4ull << 20) /* SC_MEM_MIN: small partitions for tests */

/* File layout of the test image. */
enum {
	OFF_PH = sizeof(Elf64_Ehdr), /* 3 program headers */
	OFF_NOTE = 0x200,
	OFF_TEXT = 0x1000,
	OFF_DATA = 0x2000,
	TEXT_FILESZ = 0x100,
	DATA_FILESZ = 0x80,
	DATA_MEMSZ = 0x3345, /* bss to 0x5345 past the data */
	FILE_LEN = OFF_DATA + DATA_FILESZ,
	PH_NOTE = 0,
	PH_TEXT = 1,
	PH_DATA = 2,
	NR_PH = 3,
};
#define TEXT_VA IMG_VA
#define DATA_VA (IMG_VA + 0x2000)
#define ENTRY_VA (TEXT_VA + 0x10)
/* First partition-physical byte past the image, rounded to a page. */
#define END_PA ((SC_IMAGE_PA + 0x2000 + DATA_MEMSZ + 0xfff) & ~0xfffull)

struct elfimg {
	uint8_t buf[FILE_LEN];
	size_t len;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
	Elf64_Nhdr *nh;               /* our note's header */
	char *note_name;              /* its name */
	struct sc_image_note *note;   /* its payload (unaligned: memcpy) */
};

static uint8_t text_byte(unsigned i) { return (uint8_t)(i * 13u + 1u); }
static uint8_t data_byte(unsigned i) { return (uint8_t)(0xc0u ^ (i * 7u)); }

/*
 * A valid image: ET_EXEC x86-64, PT_NOTE with the sparecore note (after a
 * GNU note when gnu_first), PT_LOAD text R+X at IMG_VA holding the entry,
 * PT_LOAD data R+W with bss.
 */
static void build(struct elfimg *m, bool gnu_first)
{
	uint8_t *p = m->buf;
	Elf64_Ehdr *eh = (Elf64_Ehdr *)p;
	Elf64_Phdr *ph = (Elf64_Phdr *)(p + OFF_PH);
	size_t off = OFF_NOTE;
	struct sc_image_note n = { .magic = SC_MAGIC, .version = SC_BOOT_VERSION };
	Elf64_Nhdr nh;

	memset(m, 0, sizeof(*m));
	m->len = FILE_LEN;
	m->eh = eh;
	m->ph = ph;

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = ENTRY_VA;
	eh->e_phoff = OFF_PH;
	eh->e_shoff = 0;
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = NR_PH;
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = 0;
	eh->e_shstrndx = SHN_UNDEF;

	if (gnu_first) {
		static const uint8_t id[4] = { 1, 2, 3, 4 };

		nh = (Elf64_Nhdr){ .n_namesz = 4, .n_descsz = 4,
				   .n_type = NT_GNU_BUILD_ID };
		memcpy(p + off, &nh, sizeof(nh));
		memcpy(p + off + 12, "GNU", 4);
		memcpy(p + off + 16, id, 4);
		off += 20;
	}
	nh = (Elf64_Nhdr){ .n_namesz = sizeof(SC_NOTE_NAME),
			   .n_descsz = sizeof(n), .n_type = SC_NOTE_TYPE };
	memcpy(p + off, &nh, sizeof(nh));
	m->nh = (Elf64_Nhdr *)(p + off);
	m->note_name = (char *)p + off + 12;
	memcpy(m->note_name, SC_NOTE_NAME, sizeof(SC_NOTE_NAME));
	m->note = (struct sc_image_note *)(p + off + 12 + 12); /* name padded */
	memcpy(m->note, &n, sizeof(n));
	off += 12 + 12 + sizeof(n);

	ph[PH_NOTE] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_flags = PF_R,
				    .p_offset = OFF_NOTE,
				    .p_filesz = off - OFF_NOTE,
				    .p_memsz = off - OFF_NOTE, .p_align = 4 };
	ph[PH_TEXT] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
				    .p_offset = OFF_TEXT, .p_vaddr = TEXT_VA,
				    .p_paddr = SC_IMAGE_PA,
				    .p_filesz = TEXT_FILESZ,
				    .p_memsz = TEXT_FILESZ, .p_align = 0x1000 };
	ph[PH_DATA] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
				    .p_offset = OFF_DATA, .p_vaddr = DATA_VA,
				    .p_paddr = SC_IMAGE_PA + 0x2000,
				    .p_filesz = DATA_FILESZ,
				    .p_memsz = DATA_MEMSZ, .p_align = 0x1000 };
	for (unsigned i = 0; i < TEXT_FILESZ; i++)
		p[OFF_TEXT + i] = text_byte(i);
	for (unsigned i = 0; i < DATA_FILESZ; i++)
		p[OFF_DATA + i] = data_byte(i);
}

static void set_note_version(struct elfimg *m, uint32_t version)
{
	struct sc_image_note n;

	memcpy(&n, m->note, sizeof(n));
	n.version = version;
	memcpy(m->note, &n, sizeof(n));
}

static void set_note_magic(struct elfimg *m, uint64_t magic)
{
	struct sc_image_note n;

	memcpy(&n, m->note, sizeof(n));
	n.magic = magic;
	memcpy(m->note, &n, sizeof(n));
}

/* Load bytes [0, len) of buf into mem (may be NULL); returns the result.
 * The loader sees a malloc'd copy of exactly len bytes. */
static int load_bytes(const void *buf, size_t len, void *mem, uint64_t mem_size,
		      struct sc_image *out, char *err, size_t errlen)
{
	struct sc_image img = { 0 };
	int ret;

	img.data = malloc(len ? len : 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(img.data);
	memcpy(img.data, buf, len);
	img.len = len;
	memset(err, 0, errlen);
	ret = sc_image_load(&img, mem, mem_size, err, errlen);
	if (out)
		*out = img;
	sc_image_free(&img);
	if (out) {
		out->data = NULL;
		out->len = 0;
	}
	return ret;
}

/* Partition memory for one test: exactly mem_size bytes, all 0xaa. */
static uint8_t *mem_new(uint64_t mem_size)
{
	uint8_t *mem = aligned_alloc(4096, mem_size);

	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	memset(mem, 0xaa, mem_size);
	return mem;
}

/* The image is refused, with a one-line message that mentions needle;
 * refused also when only validated (mem == NULL). */
static void expect_fail_len(const struct elfimg *m, size_t len, uint64_t mem_size,
			    const char *needle)
{
	char err[256];
	uint8_t *mem = mem_new(mem_size);

	CU_ASSERT_EQUAL(load_bytes(m->buf, len, NULL, mem_size, NULL, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(err[0] != 0);
	CU_ASSERT_PTR_NULL(strchr(err, '\n'));
	if (needle && !strstr(err, needle)) {
		fprintf(stderr, "\n    message '%s' lacks '%s'\n", err, needle);
		CU_FAIL("error message lacks the expected words");
	}
	CU_ASSERT_EQUAL(load_bytes(m->buf, len, mem, mem_size, NULL, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(err[0] != 0);
	free(mem);
}

static void expect_fail(const struct elfimg *m, const char *needle)
{
	expect_fail_len(m, m->len, MEM_SIZE, needle);
}

/* Does s hold the decimal number n, not as part of a longer number? */
static bool has_number(const char *s, unsigned long n)
{
	char want[24];
	size_t wl = (size_t)snprintf(want, sizeof(want), "%lu", n);

	for (const char *p = s; (p = strstr(p, want)); p++) {
		bool before = p > s && p[-1] >= '0' && p[-1] <= '9';
		bool after = p[wl] >= '0' && p[wl] <= '9';

		if (!before && !after)
			return true;
	}
	return false;
}

/* ------------------------------------------------------------- valid image */

static void check_valid(bool gnu_first)
{
	struct elfimg m;
	struct sc_image img;
	char err[256];
	uint8_t *mem = mem_new(MEM_SIZE);
	bool ok = true;

	build(&m, gnu_first);
	CU_ASSERT_EQUAL_FATAL(load_bytes(m.buf, m.len, mem, MEM_SIZE, &img, err,
					 sizeof(err)), 0);
	CU_ASSERT_EQUAL(img.entry_va, ENTRY_VA);
	CU_ASSERT_EQUAL(img.end_pa, END_PA);
	CU_ASSERT_EQUAL(img.end_pa & 0xfff, 0u);
	CU_ASSERT_EQUAL(END_PA, 0x106000u);

	/* Text and data copied. */
	for (unsigned i = 0; i < TEXT_FILESZ; i++)
		if (mem[SC_IMAGE_PA + i] != text_byte(i))
			ok = false;
	CU_ASSERT_TRUE(ok);
	for (unsigned i = 0; i < DATA_FILESZ; i++)
		if (mem[SC_IMAGE_PA + 0x2000 + i] != data_byte(i))
			ok = false;
	CU_ASSERT_TRUE(ok);
	/* bss zeroed, to the byte. */
	for (unsigned i = DATA_FILESZ; i < DATA_MEMSZ; i++)
		if (mem[SC_IMAGE_PA + 0x2000 + i] != 0)
			ok = false;
	CU_ASSERT_TRUE(ok);
	/* Nothing else touched: below the image, the gap between the
	 * segments, just past the bss, the rest of memory. */
	for (uint64_t a = 0; a < MEM_SIZE; a++) {
		bool text = a >= SC_IMAGE_PA && a < SC_IMAGE_PA + TEXT_FILESZ;
		bool data = a >= SC_IMAGE_PA + 0x2000 &&
			    a < SC_IMAGE_PA + 0x2000 + DATA_MEMSZ;

		if (!text && !data && mem[a] != 0xaa)
			ok = false;
	}
	CU_ASSERT_TRUE(ok);

	/* Validation only gives the same answers. */
	memset(&img, 0, sizeof(img));
	CU_ASSERT_EQUAL(load_bytes(m.buf, m.len, NULL, MEM_SIZE, &img, err,
				   sizeof(err)), 0);
	CU_ASSERT_EQUAL(img.entry_va, ENTRY_VA);
	CU_ASSERT_EQUAL(img.end_pa, END_PA);
	free(mem);
}

static void test_valid(void)
{
	check_valid(false);
}

static void test_valid_after_other_note(void)
{
	check_valid(true);
}

/* A segment that ends exactly at the end of partition memory fits. */
static void test_valid_to_the_last_byte(void)
{
	struct elfimg m;
	struct sc_image img;
	char err[256];
	uint8_t *mem = mem_new(MEM_SIZE);

	build(&m, false);
	m.ph[PH_DATA].p_memsz = MEM_SIZE - (SC_IMAGE_PA + 0x2000);
	CU_ASSERT_EQUAL(load_bytes(m.buf, m.len, mem, MEM_SIZE, &img, err,
				   sizeof(err)), 0);
	CU_ASSERT_EQUAL(img.end_pa, MEM_SIZE);
	CU_ASSERT_EQUAL(mem[MEM_SIZE - 1], 0);
	free(mem);
}

/* ------------------------------------------------------------- not an ELF */

static void test_not_elf(void)
{
	struct elfimg m;
	uint8_t junk[512];

	for (unsigned i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)(i * 97u + 11u);
	build(&m, false);
	memcpy(m.buf, junk, sizeof(junk));
	expect_fail(&m, "ELF");

	/* Text, not ELF. */
	build(&m, false);
	memcpy(m.buf, "#!/bin/sh\necho hello\n", 21);
	expect_fail_len(&m, 21, MEM_SIZE, NULL);

	/* Empty-ish: one byte, the magic only, the identification only. */
	build(&m, false);
	expect_fail_len(&m, 1, MEM_SIZE, NULL);
	expect_fail_len(&m, SELFMAG, MEM_SIZE, NULL);
	expect_fail_len(&m, EI_NIDENT, MEM_SIZE, NULL);
	expect_fail_len(&m, sizeof(Elf64_Ehdr) - 1, MEM_SIZE, NULL);

	/* Bad magic in an otherwise valid image. */
	build(&m, false);
	m.buf[EI_MAG1] = 'F';
	expect_fail(&m, "ELF");
}

/* ---------------------------------------------------------------- truncated */

static void test_truncated(void)
{
	struct elfimg m;

	/* The data segment's bytes run past the end of the file. */
	build(&m, false);
	expect_fail_len(&m, FILE_LEN - 1, MEM_SIZE, "segment");
	expect_fail_len(&m, OFF_DATA, MEM_SIZE, "segment");
	expect_fail_len(&m, OFF_TEXT + 0x80, MEM_SIZE, NULL);

	/* Offsets that point past the file, or wrap around. */
	build(&m, false);
	m.ph[PH_TEXT].p_offset = FILE_LEN + 0x1000;
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_TEXT].p_offset = ~0ull - 0x10;
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_filesz = ~0ull - OFF_DATA + 2; /* offset + filesz wraps */
	m.ph[PH_DATA].p_memsz = ~0ull;
	expect_fail(&m, NULL);

	/* Program headers cut off: in the middle of the table, or the table
	 * itself lies past the end of the file. */
	build(&m, false);
	expect_fail_len(&m, OFF_PH + sizeof(Elf64_Phdr) + 10, MEM_SIZE, NULL);
	expect_fail_len(&m, OFF_PH, MEM_SIZE, NULL);
	build(&m, false);
	m.eh->e_phoff = FILE_LEN - 20;
	expect_fail(&m, NULL);
	build(&m, false);
	m.eh->e_phoff = ~0ull - 8;
	expect_fail(&m, NULL);
	build(&m, false);
	m.eh->e_phnum = 0xfff0; /* table runs far past the end */
	expect_fail(&m, NULL);

	/* No program headers at all. */
	build(&m, false);
	m.eh->e_phnum = 0;
	expect_fail(&m, "program headers");

	/* The note's bytes run past the end of the file. */
	build(&m, false);
	m.ph[PH_NOTE].p_offset = FILE_LEN - 8;
	expect_fail(&m, "note");
}

/* ------------------------------------------------------ class and machine */

static void test_elf32(void)
{
	uint8_t buf[sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr) + 0x100];
	Elf32_Ehdr *eh = (Elf32_Ehdr *)buf;
	Elf32_Phdr *ph = (Elf32_Phdr *)(buf + sizeof(*eh));
	struct elfimg m;
	const Elf32_Half machines[] = { EM_386, EM_X86_64 };

	for (size_t k = 0; k < ARRAY_SIZE(machines); k++) {
		memset(buf, 0, sizeof(buf));
		memcpy(eh->e_ident, ELFMAG, SELFMAG);
		eh->e_ident[EI_CLASS] = ELFCLASS32;
		eh->e_ident[EI_DATA] = ELFDATA2LSB;
		eh->e_ident[EI_VERSION] = EV_CURRENT;
		eh->e_type = ET_EXEC;
		eh->e_machine = machines[k];
		eh->e_version = EV_CURRENT;
		eh->e_entry = 0x100000;
		eh->e_phoff = sizeof(*eh);
		eh->e_ehsize = sizeof(*eh);
		eh->e_phentsize = sizeof(*ph);
		eh->e_phnum = 1;
		*ph = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = 0,
				    .p_vaddr = 0x100000, .p_filesz = sizeof(buf),
				    .p_memsz = sizeof(buf),
				    .p_flags = PF_R | PF_X };
		memset(&m, 0, sizeof(m));
		memcpy(m.buf, buf, sizeof(buf));
		m.len = sizeof(buf);
		expect_fail(&m, "64-bit");
	}

	/* A 64-bit image whose identification says 32-bit. */
	build(&m, false);
	m.eh->e_ident[EI_CLASS] = ELFCLASS32;
	expect_fail(&m, NULL);
	build(&m, false);
	m.eh->e_ident[EI_CLASS] = ELFCLASSNONE;
	expect_fail(&m, NULL);
}

static void test_wrong_machine(void)
{
	struct elfimg m;
	const uint16_t machines[] = { EM_386, EM_AARCH64, EM_NONE, EM_RISCV };

	for (size_t k = 0; k < ARRAY_SIZE(machines); k++) {
		build(&m, false);
		m.eh->e_machine = machines[k];
		expect_fail(&m, "x86-64");
	}
	/* Big-endian. */
	build(&m, false);
	m.eh->e_ident[EI_DATA] = ELFDATA2MSB;
	expect_fail(&m, NULL);
}

static void test_wrong_type(void)
{
	struct elfimg m;

	build(&m, false);
	m.eh->e_type = ET_DYN;
	expect_fail(&m, "executable");
	build(&m, false);
	m.eh->e_type = ET_REL;
	expect_fail(&m, "executable");
	build(&m, false);
	m.eh->e_type = ET_CORE;
	expect_fail(&m, "executable");
}

/* -------------------------------------------------------------------- note */

static void test_no_note(void)
{
	struct elfimg m;

	build(&m, false);
	m.ph[PH_NOTE].p_type = PT_NULL;         /* no PT_NOTE at all */
	expect_fail(&m, "note");
	build(&m, false);
	m.nh->n_type = SC_NOTE_TYPE + 1;        /* other type */
	expect_fail(&m, "note");
	build(&m, false);
	m.note_name[8] = 'f';                   /* "sparecorf" */
	expect_fail(&m, "note");
	build(&m, false);
	m.nh->n_namesz = sizeof(SC_NOTE_NAME) - 1; /* "sparecore" unterminated */
	expect_fail(&m, "note");
	build(&m, false);
	set_note_magic(&m, SC_MAGIC ^ 1);       /* right name, wrong magic */
	expect_fail(&m, "note");
	build(&m, false);
	m.nh->n_descsz = 8;                     /* short payload */
	expect_fail(&m, "note");
	build(&m, false);
	m.nh->n_descsz = 0xffff;                /* payload past the segment */
	expect_fail(&m, NULL);
	build(&m, false);
	m.ph[PH_NOTE].p_filesz = 20;            /* note cut by its segment */
	expect_fail(&m, "note");
}

static void test_wrong_boot_version(void)
{
	struct elfimg m;
	char err[256];
	const uint32_t versions[] = { SC_BOOT_VERSION + 76, 0, 0xffffffffu };

	for (size_t k = 0; k < ARRAY_SIZE(versions); k++) {
		if (versions[k] == SC_BOOT_VERSION)
			continue;
		build(&m, false);
		set_note_version(&m, versions[k]);
		CU_ASSERT_EQUAL(load_bytes(m.buf, m.len, NULL, MEM_SIZE, NULL,
					   err, sizeof(err)), -1);
		CU_ASSERT_TRUE(has_number(err, versions[k]));
		CU_ASSERT_TRUE(has_number(err, SC_BOOT_VERSION));
		/* Names the contract, so nobody reloads the module for it. */
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "boot contract"));
		expect_fail(&m, "version");
	}
}

/* ---------------------------------------------------------------- placement */

static void test_segment_below_image(void)
{
	struct elfimg m;

	build(&m, false);
	m.ph[PH_TEXT].p_vaddr = IMG_VA - 0x1000;
	m.eh->e_entry = m.ph[PH_TEXT].p_vaddr + 0x10;
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_vaddr = SC_VIRT_BASE + SC_BOOTINFO_PA; /* over boot info */
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_vaddr = SC_VIRT_BASE + SC_PT_PA;      /* over page tables */
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_vaddr = SC_IMAGE_PA;                   /* low half VA */
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_vaddr = 0;
	expect_fail(&m, "segment");
}

static void test_segment_beyond_mem(void)
{
	struct elfimg m;

	build(&m, false);
	m.ph[PH_DATA].p_memsz = MEM_SIZE - (SC_IMAGE_PA + 0x2000) + 1;
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_vaddr = SC_VIRT_BASE + MEM_SIZE;       /* starts at end */
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_vaddr = SC_VIRT_BASE + MEM_SIZE + 0x200000;
	expect_fail(&m, "segment");
	/* Fits 64 MiB, not 4 MiB. */
	build(&m, false);
	m.ph[PH_DATA].p_vaddr = SC_VIRT_BASE + (32ull << 20);
	expect_fail(&m, "4 MiB");
}

static void test_segment_overflow(void)
{
	struct elfimg m;

	build(&m, false);
	m.ph[PH_DATA].p_memsz = ~0ull - 0x1000; /* vaddr + memsz wraps */
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_memsz = 0 - DATA_VA;    /* wraps to exactly 0 */
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_memsz = 0 - DATA_VA + SC_IMAGE_PA + 0x3000; /* wraps into the image */
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_DATA].p_vaddr = ~0ull - 0xfff;  /* above SC_VIRT_BASE + mem */
	m.ph[PH_DATA].p_memsz = 0x2000;
	expect_fail(&m, "segment");
}

static void test_filesz_gt_memsz(void)
{
	struct elfimg m;

	build(&m, false);
	m.ph[PH_DATA].p_memsz = DATA_FILESZ - 1;
	expect_fail(&m, "segment");
	build(&m, false);
	m.ph[PH_TEXT].p_memsz = 0x10;
	m.eh->e_entry = TEXT_VA;
	expect_fail(&m, "segment");
}

static void test_entry_outside_exec(void)
{
	struct elfimg m;

	build(&m, false);
	m.eh->e_entry = DATA_VA + 0x10;             /* in data: not PF_X */
	expect_fail(&m, "entry");
	build(&m, false);
	m.eh->e_entry = TEXT_VA + TEXT_FILESZ;      /* one past text */
	expect_fail(&m, "entry");
	build(&m, false);
	m.eh->e_entry = TEXT_VA - 1;
	expect_fail(&m, "entry");
	build(&m, false);
	m.eh->e_entry = 0;
	expect_fail(&m, "entry");
	build(&m, false);
	m.ph[PH_TEXT].p_flags = PF_R;               /* nothing executable */
	expect_fail(&m, "entry");
	/* PF_X on a PT_NOTE that "covers" the entry does not count. */
	build(&m, false);
	m.ph[PH_TEXT].p_flags = PF_R;
	m.ph[PH_NOTE].p_flags = PF_R | PF_X;
	m.ph[PH_NOTE].p_vaddr = TEXT_VA;
	expect_fail(&m, "entry");
}

static void test_no_loadable_segment(void)
{
	struct elfimg m;

	build(&m, false);
	m.ph[PH_TEXT].p_type = PT_NULL;
	m.ph[PH_DATA].p_type = PT_NULL;
	expect_fail(&m, "segment");
}

/* ---------------------------------------------------------- the real image */

static const char *partition_elf(void)
{
	const char *p = getenv("SC_PARTITION_ELF");

	return p && *p ? p : "build/partition.elf";
}

static void test_partition_elf(void)
{
	struct sc_image img;
	char err[512] = "";

	CU_ASSERT_EQUAL_FATAL(sc_image_read(partition_elf(), &img, err, sizeof(err)), 0);
	if (sc_image_load(&img, NULL, SC_MEM_DEFAULT, err, sizeof(err))) {
		fprintf(stderr, "\n    %s: %s\n", partition_elf(), err);
		CU_FAIL("build/partition.elf does not validate for 64 MiB");
	}
	CU_ASSERT_TRUE(img.entry_va >= SC_VIRT_BASE + SC_IMAGE_PA);
	CU_ASSERT_TRUE(img.entry_va < SC_VIRT_BASE + SC_MEM_DEFAULT);
	CU_ASSERT_TRUE(img.end_pa > SC_IMAGE_PA);
	CU_ASSERT_TRUE(img.end_pa <= SC_MEM_DEFAULT);
	CU_ASSERT_EQUAL(img.end_pa & 0xfff, 0u);
	sc_image_free(&img);
	CU_ASSERT_PTR_NULL(img.data);
}

/* ------------------------------------------------------------ sc_image_read */

static char tmpdir[64];

static int image_suite_init(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/sc-unit-XXXXXX",
		 base && *base && strlen(base) < 40 ? base : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int image_suite_clean(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/image.elf", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/empty", tmpdir);
	unlink(path);
	return rmdir(tmpdir) ? -1 : 0;
}

static void test_read_missing(void)
{
	struct sc_image img;
	char err[256] = "";
	char path[128];

	snprintf(path, sizeof(path), "%s/does-not-exist.elf", tmpdir);
	CU_ASSERT_EQUAL(sc_image_read(path, &img, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(err[0] != 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "does-not-exist.elf"));
	CU_ASSERT_PTR_NULL(img.data);
}

static void test_read_directory(void)
{
	struct sc_image img;
	char err[256] = "";

	CU_ASSERT_EQUAL(sc_image_read(tmpdir, &img, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(err[0] != 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, tmpdir));
	CU_ASSERT_PTR_NULL(img.data);
}

static int write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = len ? write(fd, buf, len) : 0;
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

static void test_read_empty(void)
{
	struct sc_image img;
	char err[256] = "";
	char path[128];

	snprintf(path, sizeof(path), "%s/empty", tmpdir);
	CU_ASSERT_EQUAL_FATAL(write_file(path, "", 0), 0);
	CU_ASSERT_EQUAL(sc_image_read(path, &img, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(err[0] != 0);
	CU_ASSERT_PTR_NULL(img.data);
}

/* Round trip: a file on disk reads back whole and loads. */
static void test_read_and_load(void)
{
	struct elfimg m;
	struct sc_image img;
	char err[256] = "";
	char path[128];

	build(&m, false);
	snprintf(path, sizeof(path), "%s/image.elf", tmpdir);
	CU_ASSERT_EQUAL_FATAL(write_file(path, m.buf, m.len), 0);
	CU_ASSERT_EQUAL_FATAL(sc_image_read(path, &img, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(img.len, m.len);
	CU_ASSERT_TRUE(img.data && !memcmp(img.data, m.buf, m.len));
	CU_ASSERT_EQUAL(sc_image_load(&img, NULL, MEM_SIZE, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(img.entry_va, ENTRY_VA);
	sc_image_free(&img);
	CU_ASSERT_PTR_NULL(img.data);
	CU_ASSERT_EQUAL(img.len, 0u);
	sc_image_free(&img); /* twice is harmless */
}

int sc_unit_register_image(void)
{
	CU_pSuite s = CU_add_suite("image", image_suite_init, image_suite_clean);

	if (!s ||
	    !CU_add_test(s, "valid image loads", test_valid) ||
	    !CU_add_test(s, "valid image, note after a GNU note", test_valid_after_other_note) ||
	    !CU_add_test(s, "segment up to the last byte", test_valid_to_the_last_byte) ||
	    !CU_add_test(s, "not ELF", test_not_elf) ||
	    !CU_add_test(s, "truncated", test_truncated) ||
	    !CU_add_test(s, "ELF32", test_elf32) ||
	    !CU_add_test(s, "wrong machine", test_wrong_machine) ||
	    !CU_add_test(s, "not ET_EXEC", test_wrong_type) ||
	    !CU_add_test(s, "no sparecore note", test_no_note) ||
	    !CU_add_test(s, "wrong boot contract version", test_wrong_boot_version) ||
	    !CU_add_test(s, "segment below SC_IMAGE_PA", test_segment_below_image) ||
	    !CU_add_test(s, "segment beyond mem_size", test_segment_beyond_mem) ||
	    !CU_add_test(s, "vaddr + memsz overflow", test_segment_overflow) ||
	    !CU_add_test(s, "filesz > memsz", test_filesz_gt_memsz) ||
	    !CU_add_test(s, "entry outside executable segments", test_entry_outside_exec) ||
	    !CU_add_test(s, "no loadable segment", test_no_loadable_segment) ||
	    !CU_add_test(s, "read a missing file", test_read_missing) ||
	    !CU_add_test(s, "read a directory", test_read_directory) ||
	    !CU_add_test(s, "read an empty file", test_read_empty) ||
	    !CU_add_test(s, "read and load", test_read_and_load))
		return -1;
	/* Only when the partition has been built: no stand-in pass. */
	if (access(partition_elf(), R_OK) == 0) {
		if (!CU_add_test(s, "build/partition.elf validates for 64 MiB",
				 test_partition_elf))
			return -1;
	} else {
		fprintf(stderr, "unit: %s not found (make partition): its test is not registered\n",
			partition_elf());
	}
	return 0;
}
