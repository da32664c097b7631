// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * An SDK program's partition_main: the runtime's start-up, the program's
 * main(), and the end that gives the CPU back. Also the program's view of
 * boot info: CPU number and command line.
 */
#include <sparecore/partition.h>

#include "boot.h"
#include "kprintf.h"
#include "kstring.h"
#include "start.h"

#define EXIT_DRAIN_MS 1000 /* let the host print the program's last words */

/* From entry.S: bi and up_key as the trampoline passed them. */
__attribute__((noreturn)) void partition_main(struct sc_boot_info *bi,
					     uint64_t up_key);

static char cmdline[SC_CMDLINE_MAX];

void partition_main(struct sc_boot_info *bi, uint64_t up_key)
{
	runtime_start(bi, up_key);
	/* A private, terminated copy: the page is shared with the host. */
	memcpy(cmdline, bi->cmdline, sizeof(cmdline));
	cmdline[sizeof(cmdline) - 1] = 0;
	sc_exit(main());
}

void sc_exit(int status)
{
	kprintf("exit: %d\n", status);
	runtime_halt(EXIT_DRAIN_MS);
}

unsigned sc_cpu(void)
{
	return boot_info->cpu;
}

const char *sc_cmdline(void)
{
	return cmdline;
}

uint64_t sc_cmdline_u64(const char *key, uint64_t def)
{
	size_t klen = strlen(key);
	const char *p = cmdline;

	while (*p) {
		char word[SC_CMDLINE_MAX];
		size_t n = 0;
		uint64_t v;

		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			word[n++] = *p++;
		word[n] = 0;
		if (n > klen && word[klen] == '=' && !strncmp(word, key, klen) &&
		    kstr_u64(word + klen + 1, true, &v))
			return v;
	}
	return def;
}

const char *sc_strerror(int err)
{
	switch (err) {
	case 0: return "ok";
	case SC_E_NODEV: return "no such device";
	case SC_E_INVAL: return "invalid argument";
	case SC_E_IO: return "I/O error";
	case SC_E_TIMEOUT: return "timeout";
	case SC_E_BUSY: return "busy";
	case SC_E_NOMEM: return "out of memory";
	case SC_E_RDONLY: return "read-only disk";
	default: return "unknown error";
	}
}
