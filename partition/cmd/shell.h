/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* The partition's interactive shell on the paravirtual console. */
#ifndef PARTITION_SHELL_H
#define PARTITION_SHELL_H

/* Prompt, read, run, forever (until halt or crash). */
__attribute__((noreturn)) void shell_run(void);

#endif
