/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * `noise [N] [US]`: OS noise on this CPU. A fixed ALU work quantum of about
 * US microseconds runs N times; the spread of its durations is the noise.
 * Output lines are parsed by tests/e2e/noise.sh and tests/bench/noise.sh.
 */
#ifndef PARTITION_NOISE_H
#define PARTITION_NOISE_H

void cmd_noise(int argc, char **argv);

#endif
