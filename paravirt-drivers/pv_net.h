/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Partition side of the paravirtual network: receive buffers posted on
 * SC_RING_NET_RX_POST and returned full on RX_DONE, frames sent on TX and
 * their buffers returned on TX_DONE. The wire format is
 * include/sparecore/net.h; the frames go to the stack in partition/net/.
 * The driver also provides the stack's netif_tx_* functions.
 */
#ifndef PARAVIRT_NET_H
#define PARAVIRT_NET_H

#include <sparecore/bootinfo.h>
#include <sparecore/net.h>

#include "acpi.h"

/* Driver counters (the stack keeps its own). */
struct net_drv_stats {
	uint64_t rx_done, tx_done;
	uint64_t bad_completions; /* malformed or for a buffer not out */
	uint64_t host_errors;     /* completions with an error status */
	uint64_t kicks;           /* doorbells we rang */
};
extern struct net_drv_stats net_drv_stats;

/* Attach the four rings the device's _CRS lists (RX_POST, RX_DONE, TX,
 * TX_DONE, in that order) and post every receive buffer. 0, or -1 if the
 * device has no usable rings. */
int net_drv_init(const struct acpi_dev *dev);
bool net_drv_ready(void);

/* Take completions, hand received frames to the stack, repost buffers,
 * run the stack's timers, publish what we produced. True if it did
 * anything (more may be there: call again before sleeping). */
bool net_drv_poll(void);

/* Before sleeping, with interrupts off: ask the host for a doorbell when
 * there is something for us. True if there already is (do not sleep). */
bool net_drv_arm(void);

/* Free transmit buffers now. */
unsigned net_drv_tx_free(void);

#endif
