// SPDX-License-Identifier: GPL-2.0 OR MIT
/* partition_main of the shell image: the runtime's start-up
 * (partition/core/start.c), then the shell. */
#include "shell.h"
#include "start.h"

__attribute__((noreturn)) void partition_main(struct sc_boot_info *bi);

void partition_main(struct sc_boot_info *bi)
{
	runtime_start(bi);
	shell_run();
}
