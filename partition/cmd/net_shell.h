/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Shell commands of the network: net (settings, counters) and ping. */
#ifndef PARTITION_NET_SHELL_H
#define PARTITION_NET_SHELL_H

void cmd_net(int argc, char **argv);
void cmd_ping(int argc, char **argv);

#endif
