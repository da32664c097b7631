// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The ring library: one file, no dependencies, compiled for the partition
 * (freestanding) and for the host (service and tests). Layout and protocol
 * are described in include/sparecore/ring.h.
 *
 * Memory ordering, in one place:
 *  - A producer fills a slot's payload, then stores seq with release: a
 *    consumer that loads seq with acquire and sees index + 1 also sees the
 *    payload.
 *  - A consumer copies the slot out, then publishes cons with release: the
 *    producer that loads cons with acquire may reuse those slots, and our
 *    copy was finished before it can see them free.
 *  - Before deciding to sleep, a side writes its event index and then
 *    re-checks the ring; a full barrier between the two orders the store
 *    before the load (store-load, the one ordering x86 does not give for
 *    free). The other side publishes its index, issues a full barrier, and
 *    then reads the event index. One of the two always sees the other.
 *  - Duplex: the same two rules, with the roles taking turns on one slot.
 *    The responder's copy-out is complete before its release of the
 *    answered seq, so the requester that acquires that seq and then
 *    rewrites the slot cannot change what the responder copied; the
 *    requester's copy of the answer is complete before it can hand the
 *    slot out again (same thread, program order).
 *    The "index published" before each flush's fence is the slot's seq
 *    itself, which is what the sleeping side re-checks after arming.
 */
#include <sparecore/compiler.h>
#include <sparecore/ring.h>

#define FULL_FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)

static void init(void *mem, uint32_t order, uint32_t flags)
{
	struct sc_ring_hdr *h = mem;
	uint8_t *p = mem;
	uint64_t n = SC_RING_BYTES(order);

	for (uint64_t i = 0; i < n; i++)
		p[i] = 0;
	h->magic = SC_RING_MAGIC;
	h->order = order;
	h->flags = flags;
}

void sc_ring_init(void *mem, uint32_t order)
{
	init(mem, order, 0);
}

void sc_ring_init_duplex(void *mem, uint32_t order)
{
	init(mem, order, SC_RING_DUPLEX);
}

int sc_ring_attach(struct sc_ring *r, void *mem, uint64_t bytes)
{
	struct sc_ring_hdr *h = mem;
	uint32_t order, flags;

	if (!mem || bytes < sizeof(*h))
		return -1;
	/* Read once: the header lives in memory the peer can write. */
	order = LOAD_RLX(&h->order);
	flags = LOAD_RLX(&h->flags);
	if (LOAD_RLX(&h->magic) != SC_RING_MAGIC || order < SC_RING_ORDER_MIN ||
	    order > SC_RING_ORDER_MAX || SC_RING_BYTES(order) > bytes ||
	    (flags & ~SC_RING_DUPLEX))
		return -1;
	r->hdr = h;
	r->slots = (struct sc_slot *)(h + 1);
	r->mask = (1u << order) - 1;
	/* Attach only to a fresh ring (sc_ring_init): every index starts at 0. */
	r->head = 0;
	r->peer = 0;
	r->published = 0;
	r->tail = 0;
	r->duplex = flags & SC_RING_DUPLEX;
	r->broken = false;
	return 0;
}

/* ---------------------------------------------------------------- producer */

struct sc_slot *sc_ring_prod_next(struct sc_ring *r)
{
	uint32_t size = r->mask + 1;

	if (r->broken)
		return 0;
	if (r->head - r->peer >= size) {
		/* Looks full from our cached copy: fetch the consumer's index.
		 * Acquire pairs with the consumer's release in cons_flush, so
		 * its copies out of the slots it freed are complete. */
		uint32_t cons = LOAD_ACQ(&r->hdr->cons);

		/* A consumer cannot be ahead of us, nor behind by more than a
		 * ring: such an index comes from a broken or hostile peer. */
		if (r->head - cons > size) {
			r->broken = true;
			return 0;
		}
		r->peer = cons;
		if (r->head - cons >= size)
			return 0;
	}
	return &r->slots[r->head & r->mask];
}

void sc_ring_prod_commit(struct sc_ring *r)
{
	struct sc_slot *s = &r->slots[r->head & r->mask];

	/* Release: the payload written into *s is visible before seq says the
	 * slot is full. This store is the only thing the consumer polls. */
	STORE_REL(&s->seq, r->head + 1);
	r->head++;
}

/* Publish index now at *idx and say whether the peer asked, at *event, to
 * be woken for it. Both flushes (and both duplex flushes) are this. */
static bool flush(struct sc_ring *r, uint32_t *idx, const uint32_t *event,
		  uint32_t now)
{
	uint32_t old = r->published;

	if (old == now)
		return false;
	/* Release: for a stream producer, the slots up to now are filled
	 * (they are also published by their seq); for a consumer, our
	 * copies out of the freed slots are done before the producer can
	 * see them free. */
	STORE_REL(idx, now);
	r->published = now;
	/* Store-load: our progress (this index and the seqs we stored) must
	 * be visible before we read the peer's event index, or we could miss
	 * a peer that armed just now and went to sleep. Pairs with the fence
	 * in the peer's wait_arm. */
	FULL_FENCE();
	return sc_ring_need_event(LOAD_RLX(event), now, old);
}

bool sc_ring_prod_flush(struct sc_ring *r)
{
	return flush(r, &r->hdr->prod, &r->hdr->prod_event, r->head);
}

bool sc_ring_prod_wait_arm(struct sc_ring *r)
{
	uint32_t size = r->mask + 1;

	/* Ask for a doorbell once the consumer has freed anything. */
	STORE_RLX(&r->hdr->cons_event, r->head - size);
	/* Store-load: the event index is visible before we re-read cons. */
	FULL_FENCE();
	return sc_ring_prod_next(r) != 0;
}

/* ---------------------------------------------------------------- consumer */

/* Copy slot index idx out if its seq is want; the caller moves on. */
static bool copy_out(const struct sc_ring *r, uint32_t idx, uint32_t want,
		     struct sc_slot *out)
{
	const struct sc_slot *s = &r->slots[idx & r->mask];

	/* Acquire pairs with the writer's release of seq: the payload we
	 * copy below was written before seq. */
	if (LOAD_ACQ(&s->seq) != want)
		return false;
	/* Copy out first; the caller validates and uses only the copy, so a
	 * peer rewriting the slot now cannot change what was checked. */
	*out = *s;
	out->seq = want;
	return true;
}

bool sc_ring_cons_take(struct sc_ring *r, struct sc_slot *out)
{
	if (r->broken || !copy_out(r, r->head, r->head + 1, out))
		return false;
	r->head++;
	return true;
}

bool sc_ring_cons_flush(struct sc_ring *r)
{
	return flush(r, &r->hdr->cons, &r->hdr->cons_event, r->head);
}

bool sc_ring_cons_wait_arm(struct sc_ring *r)
{
	/* Ask for a doorbell when the producer publishes slot head. */
	STORE_RLX(&r->hdr->prod_event, r->head);
	/* Store-load: the event index is visible before we look again. */
	FULL_FENCE();
	return !r->broken &&
	       LOAD_ACQ(&r->slots[r->head & r->mask].seq) == r->head + 1;
}

/* ------------------------------------------------------ duplex requester */

struct sc_slot *sc_ring_req_next(struct sc_ring *r)
{
	/* Flow control needs no shared index: a slot is ours again once we
	 * have reaped its answer, and we count those ourselves. */
	if (r->broken || !r->duplex || r->head - r->tail > r->mask)
		return 0;
	return &r->slots[r->head & r->mask];
}

void sc_ring_req_commit(struct sc_ring *r)
{
	sc_ring_prod_commit(r);
}

bool sc_ring_req_flush(struct sc_ring *r)
{
	if (!r->duplex)
		return false;
	return flush(r, &r->hdr->prod, &r->hdr->prod_event, r->head);
}

bool sc_ring_req_reap(struct sc_ring *r, struct sc_slot *out)
{
	/* Only an outstanding request can have an answer: a responder that
	 * marks any other slot answered is not believed. */
	if (r->broken || !r->duplex || r->tail == r->head ||
	    !copy_out(r, r->tail, (r->tail + 1) ^ SC_SEQ_ANSWERED, out))
		return false;
	r->tail++;
	return true;
}

bool sc_ring_req_wait_arm(struct sc_ring *r)
{
	const struct sc_slot *s = &r->slots[r->tail & r->mask];

	if (r->broken || !r->duplex)
		return false;
	/* Ask for a doorbell when the responder answers the oldest
	 * request (it passes tail). */
	STORE_RLX(&r->hdr->cons_event, r->tail);
	/* Store-load: the event index is visible before we look again;
	 * pairs with the fence in the responder's flush. */
	FULL_FENCE();
	return r->tail != r->head &&
	       LOAD_ACQ(&s->seq) == ((r->tail + 1) ^ SC_SEQ_ANSWERED);
}

/* ------------------------------------------------------ duplex responder */

bool sc_ring_resp_take(struct sc_ring *r, struct sc_slot *out)
{
	return r->duplex && sc_ring_cons_take(r, out);
}

struct sc_slot *sc_ring_resp_next(struct sc_ring *r)
{
	if (r->broken || !r->duplex || r->tail == r->head)
		return 0;
	return &r->slots[r->tail & r->mask];
}

void sc_ring_resp_commit(struct sc_ring *r)
{
	struct sc_slot *s = &r->slots[r->tail & r->mask];

	/* Release: the response written into *s (and our copy of the
	 * request, taken before) is done before seq says "answered". */
	STORE_REL(&s->seq, (r->tail + 1) ^ SC_SEQ_ANSWERED);
	r->tail++;
}

bool sc_ring_resp_flush(struct sc_ring *r)
{
	if (!r->duplex)
		return false;
	/* cons counts answers here: the requester never reads it (it polls
	 * the slots), it is published for the record. */
	return flush(r, &r->hdr->cons, &r->hdr->cons_event, r->tail);
}

bool sc_ring_resp_wait_arm(struct sc_ring *r)
{
	return r->duplex && sc_ring_cons_wait_arm(r);
}
