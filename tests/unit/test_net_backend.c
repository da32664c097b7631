// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the network backend's ring handling
 * (host/service/devices/net_backend.c) with a datagram socket pair standing in
 * for the TAP device (one read or write is one frame, as with TAP) and
 * plain memory for the partition. The test plays a hostile partition too.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include <sparecore/compiler.h>

#include "net_backend.h"
#include "unit.h"

#define MEM (8ull << 20)

static struct sc_part part;
static struct sc_net net;
static struct sc_ring rx_post, rx_done, tx, tx_done; /* partition's view */
static int peer = -1; /* the host's end of the "TAP device" */

static int setup(void)
{
	int sv[2];

	memset(&part, 0, sizeof(part));
	part.mem = aligned_alloc(4096, MEM);
	if (!part.mem || socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv))
		return -1;
	memset(part.mem, 0, MEM);
	part.mem_size = MEM;
	part.bi = (struct sc_boot_info *)(part.mem + SC_BOOTINFO_PA);
	memset(&net, 0, sizeof(net));
	net.fd = sv[0];
	peer = sv[1];
	snprintf(net.ifname, sizeof(net.ifname), "test0");
	if (sc_net_setup(&net, &part))
		return -1;
	if (sc_ring_attach(&rx_post, sc_part_ring(&part, SC_RING_NET_RX_POST),
			   SC_RING_BYTES(SC_NET_RING_ORDER)) ||
	    sc_ring_attach(&rx_done, sc_part_ring(&part, SC_RING_NET_RX_DONE),
			   SC_RING_BYTES(SC_NET_RING_ORDER)) ||
	    sc_ring_attach(&tx, sc_part_ring(&part, SC_RING_NET_TX),
			   SC_RING_BYTES(SC_NET_RING_ORDER)) ||
	    sc_ring_attach(&tx_done, sc_part_ring(&part, SC_RING_NET_TX_DONE),
			   SC_RING_BYTES(SC_NET_RING_ORDER)))
		return -1;
	return 0;
}

static int teardown(void)
{
	sc_net_close(&net);
	if (peer >= 0)
		close(peer);
	free(part.mem);
	return 0;
}

static void put(struct sc_ring *r, unsigned type, uint16_t slot_len,
		uint64_t addr, uint32_t len, uint16_t id)
{
	struct sc_slot *s = sc_ring_prod_next(r);
	struct sc_net_desc d = { .addr = addr, .len = len, .id = id };

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	s->type = (uint16_t)type;
	s->len = slot_len;
	memcpy(s->data, &d, sizeof(d));
	sc_ring_prod_commit(r);
	sc_ring_prod_flush(r);
}

static bool take(struct sc_ring *r, unsigned type, struct sc_net_desc *d)
{
	struct sc_slot s;

	if (!sc_ring_cons_take(r, &s))
		return false;
	sc_ring_cons_flush(r);
	CU_ASSERT_EQUAL(s.type, type);
	CU_ASSERT_EQUAL(s.len, sizeof(*d));
	memcpy(d, s.data, sizeof(*d));
	return true;
}

static void test_setup_announces(void)
{
	CU_ASSERT_TRUE(part.bi->devices & SC_DEV_NET);
	for (unsigned i = 0; i < SC_NET_RINGS; i++)
		CU_ASSERT_EQUAL(part.bi->ring_order[SC_NET_RING_FIRST + i],
				SC_NET_RING_ORDER);
}

static void test_receive(void)
{
	uint8_t frame[100];
	struct sc_net_desc d;

	for (unsigned i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t)(i + 1);
	CU_ASSERT_FALSE(sc_net_wants_rx(&net)); /* no buffer yet */
	put(&rx_post, SC_NET_RX_BUF, 16, 0x200000, 2048, 7);
	sc_net_service(&net);
	CU_ASSERT_TRUE(sc_net_wants_rx(&net));
	CU_ASSERT_EQUAL(write(peer, frame, sizeof(frame)), (ssize_t)sizeof(frame));
	sc_net_service(&net);
	CU_ASSERT_TRUE_FATAL(take(&rx_done, SC_NET_RX_FRAME, &d));
	CU_ASSERT_EQUAL(d.id, 7);
	CU_ASSERT_EQUAL(d.len, sizeof(frame));
	CU_ASSERT_EQUAL(d.status, SC_NET_OK);
	CU_ASSERT_EQUAL(memcmp(part.mem + 0x200000, frame, sizeof(frame)), 0);
	CU_ASSERT_FALSE(sc_net_wants_rx(&net)); /* buffer used up */
	/* A frame with no buffer waits in the device, not lost. */
	CU_ASSERT_EQUAL(write(peer, frame, 50), 50);
	sc_net_service(&net);
	CU_ASSERT_FALSE(take(&rx_done, SC_NET_RX_FRAME, &d));
	put(&rx_post, SC_NET_RX_BUF, 16, 0x201000, 2048, 8);
	sc_net_service(&net);
	CU_ASSERT_TRUE_FATAL(take(&rx_done, SC_NET_RX_FRAME, &d));
	CU_ASSERT_EQUAL(d.id, 8);
	CU_ASSERT_EQUAL(d.len, 50u);
	CU_ASSERT_EQUAL(net.rx_frames, 2u);
}

static void test_transmit(void)
{
	uint8_t got[2048];
	struct sc_net_desc d;

	memset(part.mem + 0x300000, 0xab, 1514);
	put(&tx, SC_NET_TX_FRAME, 16, 0x300000, 1514, 3);
	sc_net_service(&net);
	CU_ASSERT_EQUAL(read(peer, got, sizeof(got)), 1514);
	CU_ASSERT_EQUAL(got[0], 0xab);
	CU_ASSERT_EQUAL(got[1513], 0xab);
	CU_ASSERT_TRUE_FATAL(take(&tx_done, SC_NET_TX_COMPLETE, &d));
	CU_ASSERT_EQUAL(d.id, 3);
	CU_ASSERT_EQUAL(d.status, SC_NET_OK);
	CU_ASSERT_EQUAL(net.tx_frames, 1u);
}

static void test_hostile_partition(void)
{
	struct sc_net_desc d;
	uint8_t got[64];
	unsigned long long bad = net.bad_desc;

	/* Receive buffers in the page tables, past the end, too small, of
	 * the wrong type: each comes back with an error, none is used. */
	put(&rx_post, SC_NET_RX_BUF, 16, SC_PT_PA, 2048, 1);
	put(&rx_post, SC_NET_RX_BUF, 16, MEM - 100, 2048, 2);
	put(&rx_post, SC_NET_RX_BUF, 16, 0x200000, 100, 3);
	put(&rx_post, SC_NET_TX_FRAME, 16, 0x200000, 2048, 4);
	put(&rx_post, SC_NET_RX_BUF, 3, 0x200000, 2048, 5);
	put(&rx_post, SC_NET_RX_BUF, 16, UINT64_MAX - 10, 2048, 6);
	sc_net_service(&net);
	CU_ASSERT_FALSE(sc_net_wants_rx(&net));
	for (unsigned id = 1; id <= 6; id++) {
		CU_ASSERT_TRUE_FATAL(take(&rx_done, SC_NET_RX_FRAME, &d));
		CU_ASSERT_EQUAL(d.id, id);
		CU_ASSERT_NOT_EQUAL(d.status, SC_NET_OK);
	}
	/* Frames to send from outside memory or of bad sizes: refused, and
	 * nothing reaches the device. */
	put(&tx, SC_NET_TX_FRAME, 16, 0, 60, 10);
	put(&tx, SC_NET_TX_FRAME, 16, MEM - 10, 60, 11);
	put(&tx, SC_NET_TX_FRAME, 16, 0x300000, 1515, 12);
	put(&tx, SC_NET_TX_FRAME, 16, 0x300000, 13, 13);
	put(&tx, SC_NET_RX_BUF, 16, 0x300000, 60, 14);
	sc_net_service(&net);
	for (unsigned id = 10; id <= 14; id++) {
		CU_ASSERT_TRUE_FATAL(take(&tx_done, SC_NET_TX_COMPLETE, &d));
		CU_ASSERT_EQUAL(d.id, id);
		CU_ASSERT_NOT_EQUAL(d.status, SC_NET_OK);
	}
	CU_ASSERT_EQUAL(read(peer, got, sizeof(got)), -1);
	CU_ASSERT_EQUAL(net.bad_desc - bad, 11u);
}

/* A transmit-done consumer index no correct partition could write: the
 * backend stops using the ring and names it, so the run loop can stop the
 * partition (it used to stall there in silence). Runs last: it breaks the
 * ring for good. */
static void test_broken_completion_ring(void)
{
	char why[160], want[160];
	unsigned i;

	CU_ASSERT_FALSE(sc_net_broken(&net, why, sizeof(why)));
	STORE_REL(&tx_done.hdr->cons, 0x80000000u);
	/* Frames nobody reaps, until the backend finds the ring full and
	 * reads that index. Bad addresses: nothing reaches the device. */
	for (i = 0; i < 2 * SC_NET_POOL && !sc_net_broken(&net, why, sizeof(why)); i++) {
		put(&tx, SC_NET_TX_FRAME, 16, 0, 60, (uint16_t)i);
		sc_net_service(&net);
	}
	CU_ASSERT_TRUE_FATAL(sc_net_broken(&net, why, sizeof(why)));
	snprintf(want, sizeof(want),
		 "network transmit-done ring: consumer index 0x80000000 for producer index 0x%x",
		 net.tx_done.head);
	CU_ASSERT_STRING_EQUAL(why, want);
	/* Nothing more is completed into a broken ring. */
	i = net.tx_done.head;
	if (sc_ring_prod_next(&tx))
		put(&tx, SC_NET_TX_FRAME, 16, 0, 60, 999);
	sc_net_service(&net);
	CU_ASSERT_EQUAL(net.tx_done.head, i);
}

int sc_unit_register_net_backend(void)
{
	CU_pSuite s = CU_add_suite("net backend", setup, teardown);

	if (!s || !CU_add_test(s, "setup announces the rings", test_setup_announces) ||
	    !CU_add_test(s, "receive into posted buffers", test_receive) ||
	    !CU_add_test(s, "transmit from partition memory", test_transmit) ||
	    !CU_add_test(s, "hostile descriptors", test_hostile_partition) ||
	    !CU_add_test(s, "broken completion ring is named",
			 test_broken_completion_ring))
		return -1;
	return 0;
}
