/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The bench device (_HID SPRC0004): one duplex ring at SC_BENCH_AREA_PA
 * that exists only to measure the partition <-> host path
 * (`sparecore bench --cpu N`, the partition's `ringbench` command). The
 * partition is the requester, the host answers each request in its own
 * slot, so a round trip moves one cache line each way.
 *
 * The host answers in one of two ways, and the partition switches between
 * them with a request of its own:
 *  - doorbells (the default): the service's ordinary loop answers after
 *    poll() woke on the partition's doorbell, and KICKs the partition if
 *    it armed the ring (it then waits in HLT);
 *  - polling (between SC_BENCH_POLL_ON and SC_BENCH_POLL_OFF): a host
 *    thread spins on the ring and answers at once. POLL_ON is answered by
 *    that thread, so once the partition has the answer, the thread spins.
 *
 * SC_BENCH_FLOOR, in polling mode only, measures the floor of this very
 * CPU pair: the partition zeroes the floor line (SC_BENCH_FLOOR_OFF in the
 * bench area, the device's second _CRS range), sends FLOOR with seq = N, then writes 2i + 1 there and
 * waits for the host's 2i + 2, for i = 0 .. N - 1; the host answers FLOOR
 * after the last one (or SC_BENCH_BAD if the partition stopped bouncing).
 *
 * SC_BENCH_SAMPLES names the partition's samples of one run (struct
 * sc_bench_samples); a host that collects them (`sparecore bench`) copies
 * them out of partition memory, after checking they lie inside it, before
 * it answers. Every other request and answer carries struct sc_bench_msg
 * in data[]. A PING's
 * answer echoes its seq and says how many PINGs the host has answered and
 * how many came with a seq other than the one before plus one, so the
 * partition can check that each seq went through exactly once, in order.
 */
#ifndef SPARECORE_BENCH_H
#define SPARECORE_BENCH_H

#include "abi.h"
#include "ring.h"

/* 16 slots: the benchmark has one request out at a time. */
#define SC_BENCH_RING_ORDER 4u

_Static_assert(SC_RING_BYTES(SC_BENCH_RING_ORDER) <= SC_BENCH_AREA_SIZE,
	       "bench ring fits its area");

/* Slot types (struct sc_slot type), requests and their answers alike. */
enum sc_bench_type {
	SC_BENCH_PING = 1,     /**< echo seq */
	SC_BENCH_POLL_ON = 2,  /**< answer from a busy-polling thread */
	SC_BENCH_POLL_OFF = 3, /**< back to the service loop and doorbells */
	SC_BENCH_SAMPLES = 4,  /**< struct sc_bench_samples: take them */
	SC_BENCH_FLOOR = 5,    /**< bounce the floor line seq times (polling) */
	SC_BENCH_BAD = 0xffff, /**< answer only: request not understood */
};

/** Payload of every bench slot (len = sizeof). */
struct sc_bench_msg {
	uint64_t seq;      /**< request: the partition's number; answer: echoed */
	uint64_t answered; /**< answer: PINGs the host answered, this one too */
	uint32_t skipped;  /**< answer: PINGs whose seq was not the last + 1 */
	uint32_t pad;      /**< zero */
};
_Static_assert(sizeof(struct sc_bench_msg) == 24, "bench msg size");
_Static_assert(sizeof(struct sc_bench_msg) <= SC_SLOT_PAYLOAD, "fits a slot");
_Static_assert(__builtin_offsetof(struct sc_bench_msg, answered) == 8,
	       "bench msg answered");
_Static_assert(__builtin_offsetof(struct sc_bench_msg, skipped) == 16,
	       "bench msg skipped");

/* The floor line: one uint64_t on a cache line of its own in the bench
 * area, clear of the ring. */
#define SC_BENCH_FLOOR_OFF 0x8000u
_Static_assert(SC_RING_BYTES(SC_BENCH_RING_ORDER) <= SC_BENCH_FLOOR_OFF,
	       "floor line clear of the ring");
_Static_assert(SC_BENCH_FLOOR_OFF + SC_CACHELINE <= SC_BENCH_AREA_SIZE,
	       "floor line inside the bench area");
_Static_assert(SC_BENCH_FLOOR_OFF % SC_CACHELINE == 0, "floor line aligned");

/** Payload of SC_BENCH_SAMPLES (len = sizeof); answered as sent. */
struct sc_bench_samples {
	uint64_t pa;    /**< partition-physical, 8-byte aligned: uint64_t ns[] */
	uint64_t count; /**< samples there, at most SC_BENCH_SAMPLES_MAX */
};
_Static_assert(sizeof(struct sc_bench_samples) == 16, "bench samples size");
_Static_assert(__builtin_offsetof(struct sc_bench_samples, count) == 8,
	       "bench samples count");

/* The most samples one SC_BENCH_SAMPLES may name (8 MB). */
#define SC_BENCH_SAMPLES_MAX 1000000u

#endif
