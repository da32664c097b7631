/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* `ringbench`: round trips to the host through the bench ring. */
#ifndef PARTITION_RINGBENCH_H
#define PARTITION_RINGBENCH_H

void cmd_ringbench(int argc, char **argv);

#endif
