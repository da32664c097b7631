/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Single-producer single-consumer ring between two CPUs, in shared memory.
 *
 * Layout: a 192-byte header of three cache lines, then 2^order slots of 64
 * bytes. Each cache line of the header is written by one side only, so the
 * two CPUs never write the same line:
 *
 *   line 0 (producer): prod, cons_event
 *   line 1 (consumer): cons, prod_event
 *   line 2 (host, at setup; read-only afterwards): magic, order
 *
 * Indices are free-running 32-bit counters; slot i lives at i & (size - 1).
 * A slot is full when its seq equals its index + 1, so a consumer polls the
 * slot itself (one cache line moves per message) rather than the producer's
 * index. prod and cons are published for the peer's flow control and for
 * notification decisions (event indices, as Xen's req_event / virtio's
 * EVENT_IDX): a side asks for a doorbell by writing the index at which it
 * wants one, and the other side rings only when it moves past that index.
 *
 * Nothing here trusts the peer: a consumer copies a slot out before looking
 * at it, a producer rejects a consumer index that claims more than a ring's
 * worth of progress. See paravirt-drivers/ring.c.
 */
#ifndef SPARECORE_RING_H
#define SPARECORE_RING_H

#include "types.h"

#define SC_RING_MAGIC 0x676e6952u /* "Ring" */
#define SC_SLOT_SIZE 64u
#define SC_SLOT_PAYLOAD 56u
#define SC_RING_ORDER_MIN 1u
#define SC_RING_ORDER_MAX 12u

/** One message. Written whole by the producer, then published by seq. */
struct sc_slot {
	uint32_t seq;  /**< index + 1 once full; anything else: not yet */
	uint16_t type; /**< message type, per device (e.g. SC_CONS_DATA) */
	uint16_t len;  /**< bytes of data[] in use, <= SC_SLOT_PAYLOAD */
	uint8_t data[SC_SLOT_PAYLOAD]; /**< payload, per type */
};
_Static_assert(sizeof(struct sc_slot) == SC_SLOT_SIZE, "slot size");
_Static_assert(__builtin_offsetof(struct sc_slot, type) == 4, "slot.type");
_Static_assert(__builtin_offsetof(struct sc_slot, len) == 6, "slot.len");
_Static_assert(__builtin_offsetof(struct sc_slot, data) == 8, "slot.data");

/** Shared header of one ring. */
struct sc_ring_hdr {
	/* line 0: written by the producer */
	uint32_t prod;       /**< next index the producer will fill */
	uint32_t cons_event; /**< producer wants a doorbell when cons passes */
	uint8_t pad0[SC_CACHELINE - 8]; /**< keeps line 1 off this line */
	/* line 1: written by the consumer */
	uint32_t cons;       /**< next index the consumer will take */
	uint32_t prod_event; /**< consumer wants a doorbell when prod passes */
	uint8_t pad1[SC_CACHELINE - 8]; /**< keeps line 2 off this line */
	/* line 2: written by the host before the partition starts */
	uint32_t magic; /**< SC_RING_MAGIC */
	uint32_t order; /**< log2 of the slot count */
	uint8_t pad2[SC_CACHELINE - 8]; /**< slots start on a fresh line */
};
_Static_assert(sizeof(struct sc_ring_hdr) == 3 * SC_CACHELINE, "ring hdr");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, prod) == 0, "prod");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, cons_event) == 4, "ce");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, cons) == 64, "cons");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, prod_event) == 68, "pe");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, magic) == 128, "magic");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, order) == 132, "order");

/** Bytes of shared memory a ring of 2^order slots occupies. */
#define SC_RING_BYTES(order) \
	(sizeof(struct sc_ring_hdr) + ((uint64_t)SC_SLOT_SIZE << (order)))

/* ---- The ring library (paravirt-drivers/ring.c), both sides. ---- */

/** One side's private view of a ring. Never shared. */
struct sc_ring {
	struct sc_ring_hdr *hdr; /**< shared header */
	struct sc_slot *slots;   /**< shared slot array */
	uint32_t mask;           /**< slot count - 1 */
	uint32_t head;           /**< producer: next to fill; consumer: next to take */
	uint32_t peer;           /**< last peer index seen (cons for a producer) */
	uint32_t published;      /**< last index this side wrote to its header */
	bool broken;             /**< the peer broke the protocol; ring is dead */
};

/* Host: lay out a fresh ring in mem (SC_RING_BYTES(order) bytes). */
void sc_ring_init(void *mem, uint32_t order);
/* Either side: attach to a laid-out ring; 0, or -1 if the header is bad. */
int sc_ring_attach(struct sc_ring *r, void *mem, uint64_t bytes);

/* Producer. */
struct sc_slot *sc_ring_prod_next(struct sc_ring *r); /* NULL: full/broken */
void sc_ring_prod_commit(struct sc_ring *r);           /* publish that slot */
bool sc_ring_prod_flush(struct sc_ring *r);            /* true: ring doorbell */
bool sc_ring_prod_wait_arm(struct sc_ring *r);         /* true: space now */

/* Consumer. */
bool sc_ring_cons_take(struct sc_ring *r, struct sc_slot *out); /* copy one */
bool sc_ring_cons_flush(struct sc_ring *r);   /* true: ring doorbell */
bool sc_ring_cons_wait_arm(struct sc_ring *r); /* true: more already there */

/* Event-index test: did moving from old to new pass event? (virtio's rule) */
static inline bool sc_ring_need_event(uint32_t event, uint32_t new_idx,
				      uint32_t old_idx)
{
	return (uint32_t)(new_idx - event - 1) < (uint32_t)(new_idx - old_idx);
}

#endif
