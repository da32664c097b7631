/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Single-producer single-consumer ring between two CPUs, in shared memory.
 *
 * Layout: a 320-byte header of five cache lines, then 2^order slots of 64
 * bytes. Each cache line of the header has one writer, and the lines are
 * split by how often they are written, so a busy ring moves only slots
 * between the CPUs:
 *
 *   line 0 (producer, every flush):        prod
 *   line 1 (consumer, every flush):        cons
 *   line 2 (consumer, only when it arms):  prod_event
 *   line 3 (producer, only when it arms):  cons_event
 *   line 4 (host, at setup; read-only afterwards): magic, order, flags
 *
 * Every flush reads the peer's event index; were it on the line the peer
 * writes on every flush (as in ABI 1, where prod and cons_event shared a
 * line), each flush would pull that line across and each peer flush would
 * pull it back. On lines of their own, written only by a side about to
 * sleep, the event indices stay cached on both CPUs while the ring is busy.
 *
 * Indices are free-running 32-bit counters; slot i lives at i & (size - 1).
 * A slot is full when its seq equals its index + 1, so a consumer polls the
 * slot itself (one cache line moves per message) rather than the producer's
 * index. prod and cons are published for the peer's flow control and for
 * notification decisions (event indices, as Xen's req_event / virtio's
 * EVENT_IDX): a side asks for a doorbell by writing the index at which it
 * wants one, and the other side rings only when it moves past that index.
 *
 * Two ways to use a ring, fixed when the host lays it out:
 *
 *  - stream (sc_ring_init): messages go one way; the consumer publishes
 *    cons to free slots. The console uses this, one ring per direction.
 *  - duplex (sc_ring_init_duplex, flag SC_RING_DUPLEX): request and
 *    response share a slot, as in virtio's packed ring. The requester fills
 *    a slot (seq = index + 1); the responder copies it out, writes its
 *    response into the same slot, in request order, and marks it answered
 *    (seq = (index + 1) ^ SC_SEQ_ANSWERED); the requester copies the
 *    response out, which frees the slot. A round trip moves one cache line
 *    there and back, the same traffic as the hardware's floor, and neither
 *    side reads a shared index: flow control is the requester counting its
 *    own outstanding slots (prod and cons are still written, for the
 *    record, on lines the peer never reads). The event indices work as in
 *    a stream: the responder arms prod_event (wake me for request i), the
 *    requester arms cons_event (wake me when request i is answered).
 *
 * Nothing here trusts the peer: a consumer copies a slot out before looking
 * at it, a producer rejects a consumer index that claims more than a ring's
 * worth of progress, a requester believes only an answer to a request it
 * has out. See paravirt-drivers/ring.c.
 */
#ifndef SPARECORE_RING_H
#define SPARECORE_RING_H

#include "types.h"

#define SC_RING_MAGIC 0x676e6952u /* "Ring" */
#define SC_SLOT_SIZE 64u
#define SC_SLOT_PAYLOAD 56u
#define SC_RING_ORDER_MIN 1u
#define SC_RING_ORDER_MAX 12u
#define SC_RING_DUPLEX 1u /* flags: responses go back into request slots */
#define SC_SEQ_ANSWERED 0x80000000u /* seq ^ this: the slot holds a response */

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

/** Shared header of one ring; one writer per line, see above. */
struct sc_ring_hdr {
	/* line 0: producer (requester), every flush */
	uint32_t prod;       /**< next index the producer will fill */
	uint8_t pad0[SC_CACHELINE - 4]; /**< keeps cons off this line */
	/* line 1: consumer (responder), every flush */
	uint32_t cons;       /**< next index the consumer will take (duplex: answer) */
	uint8_t pad1[SC_CACHELINE - 4]; /**< keeps prod_event off this line */
	/* line 2: consumer, only when it arms */
	uint32_t prod_event; /**< consumer wants a doorbell when prod passes */
	uint8_t pad2[SC_CACHELINE - 4]; /**< keeps cons_event off this line */
	/* line 3: producer, only when it arms */
	uint32_t cons_event; /**< producer wants a doorbell when cons passes */
	uint8_t pad3[SC_CACHELINE - 4]; /**< keeps line 4 off this line */
	/* line 4: written by the host before the partition starts */
	uint32_t magic; /**< SC_RING_MAGIC */
	uint32_t order; /**< log2 of the slot count */
	uint32_t flags; /**< 0 (stream) or SC_RING_DUPLEX */
	uint8_t pad4[SC_CACHELINE - 12]; /**< slots start on a fresh line */
};
_Static_assert(sizeof(struct sc_ring_hdr) == 5 * SC_CACHELINE, "ring hdr");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, prod) == 0, "prod");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, cons) == 64, "cons");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, prod_event) == 128, "pe");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, cons_event) == 192, "ce");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, magic) == 256, "magic");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, order) == 260, "order");
_Static_assert(__builtin_offsetof(struct sc_ring_hdr, flags) == 264, "flags");

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
	uint32_t tail;           /**< duplex: oldest request not yet answered
				      (responder) or not yet reaped (requester) */
	bool duplex;             /**< laid out with SC_RING_DUPLEX */
	bool broken;             /**< the peer broke the protocol; ring is dead */
};

/* Host: lay out a fresh ring in mem (SC_RING_BYTES(order) bytes). */
void sc_ring_init(void *mem, uint32_t order);        /* stream */
void sc_ring_init_duplex(void *mem, uint32_t order); /* duplex */
/* Either side: attach to a laid-out ring; 0, or -1 if the header is bad. */
int sc_ring_attach(struct sc_ring *r, void *mem, uint64_t bytes);

/* Stream producer. */
struct sc_slot *sc_ring_prod_next(struct sc_ring *r); /* NULL: full/broken */
void sc_ring_prod_commit(struct sc_ring *r);           /* publish that slot */
bool sc_ring_prod_flush(struct sc_ring *r);            /* true: ring doorbell */
bool sc_ring_prod_wait_arm(struct sc_ring *r);         /* true: space now */

/* Stream consumer. */
bool sc_ring_cons_take(struct sc_ring *r, struct sc_slot *out); /* copy one */
bool sc_ring_cons_flush(struct sc_ring *r);   /* true: ring doorbell */
bool sc_ring_cons_wait_arm(struct sc_ring *r); /* true: more already there */

/*
 * Duplex requester. Every call returns NULL / false on a stream ring.
 * req_wait_arm asks for a doorbell when the oldest outstanding request is
 * answered (which also frees a slot when the ring is full).
 */
struct sc_slot *sc_ring_req_next(struct sc_ring *r);  /* NULL: all slots out */
void sc_ring_req_commit(struct sc_ring *r);           /* publish the request */
bool sc_ring_req_flush(struct sc_ring *r);            /* true: ring doorbell */
bool sc_ring_req_reap(struct sc_ring *r, struct sc_slot *out); /* copy answer */
bool sc_ring_req_wait_arm(struct sc_ring *r);         /* true: answer there */

/*
 * Duplex responder: take requests in order, answer them in the same order
 * in their own slots (resp_next is the oldest taken, unanswered request's
 * slot, to be overwritten with the response).
 */
bool sc_ring_resp_take(struct sc_ring *r, struct sc_slot *out); /* copy one */
struct sc_slot *sc_ring_resp_next(struct sc_ring *r); /* NULL: none taken */
void sc_ring_resp_commit(struct sc_ring *r);          /* publish the answer */
bool sc_ring_resp_flush(struct sc_ring *r);           /* true: ring doorbell */
bool sc_ring_resp_wait_arm(struct sc_ring *r);        /* true: request there */

/* Event-index test: did moving from old to new pass event? (virtio's rule) */
static inline bool sc_ring_need_event(uint32_t event, uint32_t new_idx,
				      uint32_t old_idx)
{
	return (uint32_t)(new_idx - event - 1) < (uint32_t)(new_idx - old_idx);
}

#endif
