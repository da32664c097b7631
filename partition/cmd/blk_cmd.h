/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The shell's `blk` command: the disk from the partition's side. The
 * subcommands live in blk_cmd.c (info, read, write, flush, discard, bad),
 * blk_test.c (test, check: a pattern the host can recompute) and
 * blk_bench.c (bench). Output lines are parsed by tests/e2e/disk.sh and
 * tests/bench/disk.sh: change them together.
 */
#ifndef PARTITION_BLK_CMD_H
#define PARTITION_BLK_CMD_H

#include <sparecore/types.h>

/* `blk SUBCOMMAND ...` from the shell. */
void cmd_blk(int argc, char **argv);

/* ---- shared by the blk_*.c files ---- */

/* Decimal or 0x-hex; false for anything else. */
bool blk_parse_u64(const char *s, uint64_t *out);

/* Check that [sector, sector + count) is a whole number of blocks inside
 * the disk; prints why not and returns false. */
bool blk_range_ok(const char *cmd, uint64_t sector, uint64_t count);

/* Memory for a subcommand, taken once and kept (bump allocation); prints
 * a message and returns NULL if the partition has too little. */
void *blk_buffer(void **slot, uint64_t bytes);

void blk_test_cmd(int argc, char **argv, bool write);
void blk_bench_cmd(int argc, char **argv);

#endif
