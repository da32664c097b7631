/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Partition side of the paravirtual disk: requests through ring
 * SC_RING_BLK_REQ (we produce), completions through SC_RING_BLK_CPL (we
 * consume). The wire format is include/sparecore/blk.h.
 *
 * Two ways to use it:
 *  - synchronous: blk_read/blk_write/blk_flush/blk_discard on a buffer in
 *    partition memory (any address we can reach is partition memory;
 *    512-byte aligned, lengths in whole blocks). Large transfers are split
 *    and sent concurrently.
 *  - asynchronous: fill a struct blk_req, blk_submit it (as many as
 *    blk_queue_depth()), blk_kick to tell the host, then blk_poll (and
 *    blk_wait between polls) until the requests are done; each completion
 *    sets status and finished and calls done(), if set, from blk_poll.
 * Single-threaded: call from one context (the shell), never from an
 * interrupt handler.
 */
#ifndef PARAVIRT_BLK_H
#define PARAVIRT_BLK_H

#include <sparecore/blk.h>

/* Driver errors, negative; host statuses (SC_BLK_S_*) are positive. */
enum {
	BLK_E_NODEV = -1,   /* no disk, or it failed to start */
	BLK_E_BUSY = -2,    /* no free tag or ring slot: poll, then retry */
	BLK_E_INVAL = -3,   /* the request breaks the disk's limits */
	BLK_E_TIMEOUT = -4, /* the host did not answer in time */
	BLK_E_BROKEN = -5,  /* the host broke the ring protocol */
};

struct blk_req {
	/* Filled by the caller. */
	uint8_t op;                     /* SC_BLK_OP_* */
	uint64_t sector;                /* 512-byte units */
	uint32_t bytes;                 /* READ/WRITE/DISCARD length */
	uint32_t nseg;                  /* READ/WRITE: entries in segs */
	const struct sc_blk_seg *segs;  /* partition-physical (blk_pa) */
	void (*done)(struct blk_req *r); /* from blk_poll; may be NULL */
	void *ctx;                      /* for done() */
	/* Filled by the driver. */
	uint32_t tag;
	uint32_t status;                /* SC_BLK_S_* once finished */
	uint32_t done_bytes;            /* bytes the host moved */
	bool finished;
};

/* Attach the two rings (virtual addresses and sizes) and ask the host
 * what the disk is. 0, or a negative BLK_E_*. Independent of boot info so
 * firmware tables can name the rings later. */
/* Start the driver on the rings of the disk device the DSDT names (_HID
 * SPRC0002), if there is one, and print one line about it. */
void blk_probe(void);

int blk_start(void *req_ring, uint64_t req_bytes, void *cpl_ring,
	      uint64_t cpl_bytes);

bool blk_present(void);
/* What GET_INFO said; valid when blk_present(). */
const struct sc_blk_info *blk_info(void);
/* Requests that may be outstanding at once. */
unsigned blk_queue_depth(void);
/* Requests submitted and not yet completed. */
unsigned blk_inflight(void);

/* Partition-physical address of a pointer into partition memory. */
uint64_t blk_pa(const void *va);

/* Asynchronous interface. blk_submit queues r (0, or a BLK_E_*; r must
 * stay put until finished); blk_kick tells the host about everything
 * queued (a doorbell only if the host sleeps); blk_poll reaps what has
 * completed without waiting; blk_wait reaps too, but first waits for at
 * least one completion: it spins briefly (a completion usually follows
 * within microseconds), then sleeps until the host's doorbell or the next
 * timer tick. Both return how many requests they finished. */
int blk_submit(struct blk_req *r);
void blk_kick(void);
unsigned blk_poll(void);
unsigned blk_wait(void);

/* How long blk_wait spins on the completion ring before it asks for a
 * doorbell and halts, in microseconds (default 20; 0: never spin). */
void blk_set_spin(uint32_t us);
uint32_t blk_spin(void);

/* Send q as it is (only the tag is ours): for testing the host's checks.
 * Nothing in q is checked here. */
int blk_submit_raw(struct blk_req *r, const struct sc_blk_req *q);

/* Synchronous interface: 0, a positive SC_BLK_S_* from the host, or a
 * negative BLK_E_*. */
int blk_read(uint64_t sector, void *buf, uint64_t bytes);
int blk_write(uint64_t sector, const void *buf, uint64_t bytes);
int blk_flush(void);
int blk_discard(uint64_t sector, uint32_t bytes);
/* Wait for one submitted request (with a timeout). */
int blk_wait_for(struct blk_req *r);

const char *blk_strerror(int err);

#endif
