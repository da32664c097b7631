// SPDX-License-Identifier: GPL-2.0
/*
 * ELF loading with libelf. The image is untrusted input in the sense that a
 * user may pass any file: every offset and size is checked against the file
 * and against partition memory, with overflow in mind, before use.
 */
#include "image.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sparecore/abi.h>

#define IMAGE_MAX (64u << 20)
#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); goto out; } while (0)

int sc_image_read(const char *path, struct sc_image *img, char *err,
		  size_t errlen)
{
	struct stat st;
	size_t got = 0;
	int fd;

	memset(img, 0, sizeof(*img));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open image: %m", path);
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if (st.st_size == 0 || st.st_size > IMAGE_MAX) {
		snprintf(err, errlen, "%s: image size %lld is not in 1..%u bytes",
			 path, (long long)st.st_size, IMAGE_MAX);
		close(fd);
		return -1;
	}
	img->len = (size_t)st.st_size;
	img->data = malloc(img->len);
	while (img->data && got < img->len) {
		ssize_t n = read(fd, (char *)img->data + got, img->len - got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (!img->data || got != img->len) {
		snprintf(err, errlen, "%s: cannot read image", path);
		sc_image_free(img);
		return -1;
	}
	return 0;
}

void sc_image_free(struct sc_image *img)
{
	free(img->data);
	img->data = NULL;
	img->len = 0;
}

/* Find our note in PT_NOTE segments; 1 = right version, 0 = none, -1 = wrong. */
static int find_note(Elf *e, size_t phnum, uint32_t *version)
{
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		Elf_Data *d;
		size_t off = 0, name_off, desc_off;
		GElf_Nhdr nh;

		if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_NOTE)
			continue;
		d = elf_getdata_rawchunk(e, ph.p_offset, ph.p_filesz, ELF_T_NHDR);
		if (!d)
			continue;
		while ((off = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
			const char *name = (const char *)d->d_buf + name_off;
			struct sc_image_note n;

			if (nh.n_type != SC_NOTE_TYPE ||
			    nh.n_namesz != sizeof(SC_NOTE_NAME) ||
			    memcmp(name, SC_NOTE_NAME, sizeof(SC_NOTE_NAME)) ||
			    nh.n_descsz != sizeof(n))
				continue;
			memcpy(&n, (const char *)d->d_buf + desc_off, sizeof(n));
			if (n.magic != SC_MAGIC)
				continue;
			*version = n.version;
			return n.version == SC_BOOT_VERSION ? 1 : -1;
		}
	}
	return 0;
}

int sc_image_load(struct sc_image *img, void *mem, uint64_t mem_size,
		  char *err, size_t errlen)
{
	const uint64_t lo = SC_VIRT_BASE + SC_IMAGE_PA;
	const uint64_t hi = SC_VIRT_BASE + mem_size;
	bool entry_ok = false;
	uint64_t end = 0;
	uint32_t version = 0;
	GElf_Ehdr eh;
	size_t phnum;
	int ret = -1, note;
	Elf *e;

	elf_version(EV_CURRENT);
	e = elf_memory(img->data, img->len);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		snprintf(err, errlen, "image is not an ELF file");
		if (e)
			elf_end(e);
		return -1;
	}
	if (gelf_getclass(e) != ELFCLASS64 || !gelf_getehdr(e, &eh) ||
	    eh.e_machine != EM_X86_64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		FAIL("image is not a 64-bit x86-64 ELF file");
	if (elf_getphdrnum(e, &phnum) || phnum == 0)
		FAIL("image has no program headers: not a sparecore partition");
	/* The note first: "not ours" says more than any detail of a
	 * foreign binary. */
	note = find_note(e, phnum, &version);
	if (note == 0)
		FAIL("image is not a sparecore partition (no '%s' note)", SC_NOTE_NAME);
	if (note < 0)
		FAIL("service/partition boot contract mismatch: the image speaks boot version %u, this sparecore %u: rebuild the image",
		     version, SC_BOOT_VERSION);
	if (eh.e_type != ET_EXEC)
		FAIL("image is not an ELF executable (type %u)", eh.e_type);

	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(e, (int)i, &ph))
			FAIL("image program header %zu is unreadable (truncated?)", i);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > img->len ||
		    ph.p_filesz > img->len - ph.p_offset)
			FAIL("image segment %zu lies outside the file (truncated?)", i);
		if (ph.p_vaddr < lo || ph.p_vaddr >= hi ||
		    ph.p_memsz > hi - ph.p_vaddr)
			FAIL("image segment %zu at 0x%llx+0x%llx does not fit a %llu MiB partition",
			     i, (unsigned long long)ph.p_vaddr,
			     (unsigned long long)ph.p_memsz,
			     (unsigned long long)(mem_size >> 20));
		if ((ph.p_flags & PF_X) && eh.e_entry >= ph.p_vaddr &&
		    eh.e_entry - ph.p_vaddr < ph.p_memsz)
			entry_ok = true;
		if (ph.p_vaddr + ph.p_memsz - SC_VIRT_BASE > end)
			end = ph.p_vaddr + ph.p_memsz - SC_VIRT_BASE;
		if (mem) {
			uint8_t *dst = (uint8_t *)mem + (ph.p_vaddr - SC_VIRT_BASE);

			memcpy(dst, (uint8_t *)img->data + ph.p_offset, ph.p_filesz);
			memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
		}
	}
	if (!end)
		FAIL("image has no loadable segment");
	if (!entry_ok)
		FAIL("image entry point 0x%llx is not in an executable segment",
		     (unsigned long long)eh.e_entry);
	img->entry_va = eh.e_entry;
	img->end_pa = (end + 0xfff) & ~0xfffull;
	ret = 0;
out:
	elf_end(e);
	return ret;
}
