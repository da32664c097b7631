/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Start-up of the network: driver, stack settings, idle hook. */
#ifndef PARTITION_NET_GLUE_H
#define PARTITION_NET_GLUE_H

#include <sparecore/bootinfo.h>

/* If the DSDT names a network device: parse ip=/gw=/mac= from the
 * command line, attach the driver to the device's rings, start the stack,
 * and poll it when idle. Prints one line either way when there is one. */
void net_probe(const struct sc_boot_info *bi);

#endif
