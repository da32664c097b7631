/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network backend: the partition's four network rings <-> a TAP device
 * (/dev/net/tun, IFF_TAP | IFF_NO_PI). Frames are read from the TAP device
 * straight into the receive buffers the partition posted, and written to
 * it straight from the partition's transmit buffers: one copy each way,
 * done by the kernel. The ring protocol is include/sparecore/net.h.
 */
#ifndef SC_NET_BACKEND_H
#define SC_NET_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include <sparecore/net.h>

#include "net_args.h"
#include "ratelimit.h"
#include "part.h"

/* Receive buffers we hold, taken from RX_POST and not yet filled. */
#define SC_NET_POOL (1u << SC_NET_RING_ORDER)

struct sc_net {
	int fd;                        /* TAP device; -1: no network */
	char ifname[SC_IFNAME_MAX + 1];
	bool created;                  /* we created the device (not attached) */
	uint8_t *mem;                  /* partition memory, mem_size bytes */
	uint64_t mem_size;
	struct sc_ring rx_post, rx_done, tx, tx_done;
	struct sc_net_desc pool[SC_NET_POOL]; /* validated, FIFO */
	unsigned pool_head, pool_n;
	bool busy;                     /* stopped early with work left */
	/* Counters, printed at exit with -v or when something went wrong. */
	unsigned long long rx_frames, rx_bytes, tx_frames, tx_bytes;
	unsigned long long bad_desc;   /* descriptors refused */
	unsigned long long tx_errors;  /* frames the TAP device refused */
	unsigned long long rx_oversize; /* frames larger than a buffer */
	struct sc_ratelimit log;       /* of the lines about bad descriptors */
};

/*
 * Before the CPU is taken: open /dev/net/tun and create or attach to the
 * TAP device n->tap; give it the host address if asked. 0, or -1 after a
 * one-line error (no TUN support, name in use, not a TAP device, ...).
 */
int sc_net_open(struct sc_net *n, const struct sc_net_args *a);

/* After sc_part_setup, before START: lay out the rings in partition
 * memory and announce them (ring orders, SC_DEV_NET) in boot info. */
int sc_net_setup(struct sc_net *n, struct sc_part *p);

/* Move what can be moved. True if the partition asked for a doorbell. */
bool sc_net_service(struct sc_net *n);

/* Before sleeping: ask the partition for the doorbells we need. True if
 * there is work already (do not sleep). */
bool sc_net_arm(struct sc_net *n);

/* Did the partition break a network ring (an index no correct peer could
 * write)? If so, why says which ring and how; the run loop stops it. */
bool sc_net_broken(const struct sc_net *n, char *why, unsigned len);

/* Should poll() watch the TAP device for frames? */
bool sc_net_wants_rx(struct sc_net *n);

/* Close the device (a TAP we created disappears with it). */
void sc_net_close(struct sc_net *n);

#endif
