// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The ELF note that marks this image as a sparecore partition and names the
 * ABI it was built against. partition.ld puts it in its own PT_NOTE
 * segment; the host refuses an image without it or with another version.
 */
#include <sparecore/abi.h>

struct sc_elf_note {
	uint32_t namesz; /* including the NUL */
	uint32_t descsz;
	uint32_t type;
	char name[12];   /* "sparecore\0", padded to 4 bytes */
	struct sc_image_note desc;
};
_Static_assert(sizeof(SC_NOTE_NAME) <= 12, "note name fits its field");
/* The descriptor starts at 24: aligned for both 4- and 8-byte note rules. */
_Static_assert(__builtin_offsetof(struct sc_elf_note, desc) == 24, "note desc");

/* Not static: the SDK's linker script names it (EXTERN), which pulls this
 * object out of the runtime library into every program. */
extern const struct sc_elf_note sparecore_note;
__attribute__((section(".note.sparecore"), used, aligned(8)))
const struct sc_elf_note sparecore_note = {
	.namesz = sizeof(SC_NOTE_NAME),
	.descsz = sizeof(struct sc_image_note),
	.type = SC_NOTE_TYPE,
	.name = SC_NOTE_NAME,
	.desc = { .magic = SC_MAGIC, .version = SC_BOOT_VERSION, .pad = 0 },
};
