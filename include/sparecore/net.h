/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Paravirtual network: Ethernet frames between the partition and a TAP
 * device on the host, through four rings (ids SC_RING_NET_RX_POST .. SC_RING_NET_TX_DONE).
 *
 * Frames never travel in ring slots (56 bytes would not hold one): a slot
 * carries one struct sc_net_desc that names a buffer in partition memory by
 * partition-physical address and length. The host reads a transmitted frame
 * straight out of that buffer into the TAP device, and reads a received
 * frame from the TAP device straight into a buffer the partition posted, so
 * each frame is copied once, by the kernel, on the host.
 *
 *   ring                    producer   slot type           meaning
 *   SC_RING_NET_RX_POST     partition  SC_NET_RX_BUF       an empty buffer
 *   SC_RING_NET_RX_DONE     host       SC_NET_RX_FRAME     buffer id now holds
 *                                                          a frame of len bytes
 *   SC_RING_NET_TX          partition  SC_NET_TX_FRAME     send len bytes
 *   SC_RING_NET_TX_DONE     host       SC_NET_TX_COMPLETE  buffer id is free
 *
 * The id is the partition's own cookie: the host copies it into the
 * completion and never interprets it. Every buffer posted or sent is
 * completed exactly once (with an error status if the host refused it), so
 * the partition can account for each one. Completions may come in any
 * order relative to other buffers.
 *
 * The host checks every descriptor (net_validate.c): slot type and length,
 * address and length inside partition memory and above the reserved low
 * area (boot info, page tables, rings: nothing the network may overwrite or
 * read out), length limits. A bad descriptor gets an error completion; the
 * host never touches memory outside the partition because of one.
 *
 * The partition's MAC and IP address come in boot info's command line
 * ("ip=192.0.2.2/24 gw=192.0.2.1 mac=02:00:00:00:00:02"); boot info's
 * devices has SC_DEV_NET when these rings are set up, and the DSDT names
 * the device (SC_HID_NET) with the four rings in its _CRS, in the order
 * above, and its doorbell vector.
 *
 * This header adds messages on rings the ABI already reserved; no existing
 * layout changed, so SC_BOOT_VERSION did not need to move for it.
 */
#ifndef SPARECORE_NET_H
#define SPARECORE_NET_H

#include "abi.h"
#include "bootinfo.h"
#include "ring.h"

/* Ring ids SC_RING_NET_RX_POST .. SC_RING_NET_TX_DONE (enum sc_ring_id,
 * bootinfo.h), SC_NET_RINGS of them. */

/* 256 slots each: as many frames in flight per direction as the partition
 * has buffers, which a UDP echo burst needs. */
#define SC_NET_RING_ORDER 8u

/* Slot types. */
#define SC_NET_RX_BUF 0x10u      /**< RX_POST: empty buffer (addr, len, id) */
#define SC_NET_RX_FRAME 0x11u    /**< RX_DONE: id holds len bytes (status) */
#define SC_NET_TX_FRAME 0x12u    /**< TX: send len bytes at addr (id) */
#define SC_NET_TX_COMPLETE 0x13u /**< TX_DONE: id may be reused (status) */

/* Frame sizes: Ethernet header (14) + MTU; no FCS, no VLAN tag. */
#define SC_NET_MTU 1500u
#define SC_NET_ETH_HLEN 14u
#define SC_NET_FRAME_MAX (SC_NET_ETH_HLEN + SC_NET_MTU) /* 1514 */
#define SC_NET_FRAME_MIN SC_NET_ETH_HLEN                /* header only */
/* A receive buffer must hold a whole frame: the TAP device cuts a frame
 * that does not fit, and we would rather refuse the buffer up front. */
#define SC_NET_RXBUF_MIN SC_NET_FRAME_MAX
#define SC_NET_RXBUF_MAX 65536u

/* Completion status. */
enum sc_net_status {
	SC_NET_OK = 0,
	SC_NET_E_DESC = 1,  /**< malformed descriptor (type, slot len) */
	SC_NET_E_ADDR = 2,  /**< buffer outside usable partition memory */
	SC_NET_E_LEN = 3,   /**< length out of the limits above */
	SC_NET_E_IO = 4,    /**< the TAP device refused the frame */
	SC_NET_E_STOP = 5,  /**< backend going away; buffer returned unused */
};

/** The payload of every network slot (slot.len == sizeof). */
struct sc_net_desc {
	uint64_t addr;   /**< partition-physical buffer; 0 in completions */
	uint32_t len;    /**< buffer size (RX_BUF), frame length (others) */
	uint16_t id;     /**< partition's cookie, echoed in the completion */
	uint16_t status; /**< enum sc_net_status in completions, else 0 */
};
_Static_assert(sizeof(struct sc_net_desc) == 16, "sc_net_desc size");
_Static_assert(__builtin_offsetof(struct sc_net_desc, len) == 8, "desc.len");
_Static_assert(__builtin_offsetof(struct sc_net_desc, id) == 12, "desc.id");
_Static_assert(__builtin_offsetof(struct sc_net_desc, status) == 14,
	       "desc.status");
_Static_assert(sizeof(struct sc_net_desc) <= SC_SLOT_PAYLOAD,
	       "descriptor fits a slot");
_Static_assert(SC_RING_BYTES(SC_NET_RING_ORDER) <= SC_RING_AREA_SIZE,
	       "net ring fits its area");
_Static_assert(SC_RING_NET_TX_DONE < SC_RING_AREA_COUNT, "net ring ids");
_Static_assert(SC_NET_RXBUF_MAX <= 0xffffffffu, "len is 32-bit");

#endif
