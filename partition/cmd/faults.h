/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Shell commands that misbehave on purpose, so the tests can check that
 * the host copes: exceptions of every kind, hangs, and a console flood.
 */
#ifndef PARTITION_FAULTS_H
#define PARTITION_FAULTS_H

void cmd_crash(int argc, char **argv);
void cmd_hang(int argc, char **argv);
void cmd_flood(int argc, char **argv);

#endif
