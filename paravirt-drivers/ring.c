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
 */
#include <sparecore/ring.h>

#define LOAD_ACQ(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define LOAD_RLX(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define STORE_REL(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define STORE_RLX(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define FULL_FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)

void sc_ring_init(void *mem, uint32_t order)
{
	struct sc_ring_hdr *h = mem;
	uint8_t *p = mem;
	uint64_t n = SC_RING_BYTES(order);

	for (uint64_t i = 0; i < n; i++)
		p[i] = 0;
	h->magic = SC_RING_MAGIC;
	h->order = order;
}

int sc_ring_attach(struct sc_ring *r, void *mem, uint64_t bytes)
{
	struct sc_ring_hdr *h = mem;
	uint32_t order;

	if (!mem || bytes < sizeof(*h))
		return -1;
	/* Read once: the header lives in memory the peer can write. */
	order = LOAD_RLX(&h->order);
	if (LOAD_RLX(&h->magic) != SC_RING_MAGIC || order < SC_RING_ORDER_MIN ||
	    order > SC_RING_ORDER_MAX || SC_RING_BYTES(order) > bytes)
		return -1;
	r->hdr = h;
	r->slots = (struct sc_slot *)(h + 1);
	r->mask = (1u << order) - 1;
	/* Attach only to a fresh ring (sc_ring_init): every index starts at 0. */
	r->head = 0;
	r->peer = 0;
	r->published = 0;
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

bool sc_ring_prod_flush(struct sc_ring *r)
{
	uint32_t old = r->published, now = r->head;

	if (old == now)
		return false;
	STORE_REL(&r->hdr->prod, now);
	r->published = now;
	/* Store-load: prod must be visible before we read prod_event, or we
	 * could miss a consumer that armed just now and went to sleep. */
	FULL_FENCE();
	return sc_ring_need_event(LOAD_RLX(&r->hdr->prod_event), now, old);
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

bool sc_ring_cons_take(struct sc_ring *r, struct sc_slot *out)
{
	const struct sc_slot *s = &r->slots[r->head & r->mask];
	uint32_t want = r->head + 1;

	if (r->broken)
		return false;
	/* Acquire pairs with the producer's release of seq: the payload we
	 * copy below was written before seq. */
	if (LOAD_ACQ(&s->seq) != want)
		return false;
	/* Copy out first; the caller validates and uses only the copy, so a
	 * producer rewriting the slot now cannot change what was checked. */
	*out = *s;
	out->seq = want;
	r->head++;
	return true;
}

bool sc_ring_cons_flush(struct sc_ring *r)
{
	uint32_t old = r->published, now = r->head;

	if (old == now)
		return false;
	/* Release: our copies out of the freed slots happen before the
	 * producer can see them free. */
	STORE_REL(&r->hdr->cons, now);
	r->published = now;
	/* Store-load: cons visible before we read cons_event. */
	FULL_FENCE();
	return sc_ring_need_event(LOAD_RLX(&r->hdr->cons_event), now, old);
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
