// SPDX-License-Identifier: GPL-2.0 OR MIT
/* partition_main of the shell image: the runtime's start-up
 * (partition/core/start.c), then the shell. */
#include "shell.h"
#include "start.h"

__attribute__((noreturn)) void partition_main(struct sc_boot_info *bi,
					     uint64_t up_key);

/* From entry.S: bi and up_key as the trampoline passed them. */
void partition_main(struct sc_boot_info *bi, uint64_t up_key)
{
	runtime_start(bi, up_key);
	shell_run();
}
