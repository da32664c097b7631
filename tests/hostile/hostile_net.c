// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The hostile partition's attacks on the network rings (run with --net
 * tap:NAME --ip A/N). Descriptors are written into the rings by hand, one
 * at a time; each completion's status is printed as a number, "hostile:
 * net CASE: status N", for tests/e2e/hostile_io.sh to compare:
 *
 *   net-bad   transmit descriptors with lengths of 0, under a header, over
 *             the MTU, 2^32-1; buffers at and across the end of memory,
 *             in the boot area, near 2^64; wrong slot type and length.
 *             Receive buffers outside memory, across its end, in the page
 *             tables, too small, too large. Indices far off, ring
 *             headers rewritten, and a slot a lap ahead. Exactly three
 *             valid frames are sent (ethertype 0x88b5, broadcast). Then
 *             idles, so the test can count what reached the TAP device
 *             before it stops us.
 *   net-cpl   the transmit-done ring's consumer index set far behind,
 *             then more frames than that ring holds, none reaped: the
 *             host must stop us (exit 4).
 *   net-rxcpl the receive-done ring's consumer index set far ahead, then
 *             more (refused) receive buffers than it holds: the same.
 */
#include <sparecore/acpi.h>
#include <sparecore/compiler.h>
#include <sparecore/net.h>

#include "apic.h"
#include "boot.h"
#include "bump_alloc.h"
#include "hostile.h"
#include "kstring.h"
#include "timer.h"

#define ANSWER_MS 3000u
#define FRAME_LEN 60u

/* In the DSDT's order (include/sparecore/net.h). */
static struct sc_ring rings[SC_NET_RINGS];
#define RX_POST (&rings[0])
#define RX_DONE (&rings[1])
#define TX (&rings[2])
#define TX_DONE (&rings[3])
static uint8_t *buf;
static uint64_t buf_pa, mem;
static uint16_t next_id;
static uint32_t prod_skew; /* publish TX's prod this far off the truth */

static bool post(struct sc_ring *r, uint16_t type, uint16_t slot_len,
		 uint64_t addr, uint32_t len)
{
	struct sc_net_desc d = { .addr = addr, .len = len, .id = ++next_id };
	struct sc_slot *s = sc_ring_prod_next(r);

	if (!s)
		return false;
	s->type = type;
	s->len = slot_len;
	memcpy(s->data, &d, sizeof(d));
	sc_ring_prod_commit(r);
	if (prod_skew)
		STORE_REL(&r->hdr->prod, r->head + prod_skew);
	else
		sc_ring_prod_flush(r);
	apic_doorbell_host();
	return true;
}

/* Say the status of the completion for the descriptor just posted. */
static void answer(const char *what, struct sc_ring *done)
{
	struct sc_net_desc d;
	struct sc_slot s;

	if (!io_take(done, &s, ANSWER_MS)) {
		say("hostile: net %s: no answer\n", what);
		return;
	}
	memcpy(&d, s.data, sizeof(d));
	if (d.id != next_id)
		say("hostile: net %s: answer for id %u, expected %u\n", what,
		    d.id, next_id);
	say("hostile: net %s: status %u\n", what, d.status);
}

static void tx(const char *what, uint16_t type, uint16_t slot_len,
	       uint64_t addr, uint32_t len)
{
	if (!post(TX, type, slot_len, addr, len)) {
		say("hostile: net %s: transmit ring full\n", what);
		return;
	}
	answer(what, TX_DONE);
}

static void rx(const char *what, uint16_t type, uint16_t slot_len,
	       uint64_t addr, uint32_t len)
{
	if (!post(RX_POST, type, slot_len, addr, len)) {
		say("hostile: net %s: receive ring full\n", what);
		return;
	}
	answer(what, RX_DONE);
}

#define DESC ((uint16_t)sizeof(struct sc_net_desc))

static void start(void)
{
	static const uint8_t hdr[14] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					 0x02, 0x00, 0x00, 0x00, 0x00, 0x66,
					 0x88, 0xb5 };

	io_attach(SC_HID_NET, rings, SC_NET_RINGS);
	mem = boot_info->mem_size;
	buf = bump_alloc(4096, 4096);
	if (!buf) {
		say("hostile: no memory for a buffer\n");
		halt_now();
	}
	buf_pa = (uint64_t)(uintptr_t)buf - SC_VIRT_BASE;
	/* A broadcast frame of a local experimental ethertype: nobody on
	 * the host answers it. */
	memset(buf, 0, FRAME_LEN);
	memcpy(buf, hdr, sizeof(hdr));
	memcpy(buf + sizeof(hdr), "hostile valid frame", 19);
}

static void bad_tx(void)
{
	tx("tx of length 0", SC_NET_TX_FRAME, DESC, buf_pa, 0);
	tx("tx of length 13", SC_NET_TX_FRAME, DESC, buf_pa, 13);
	tx("tx of length 1515", SC_NET_TX_FRAME, DESC, buf_pa, 1515);
	tx("tx of length 2^32-1", SC_NET_TX_FRAME, DESC, buf_pa, 0xffffffffu);
	tx("tx at the end of memory", SC_NET_TX_FRAME, DESC, mem, FRAME_LEN);
	tx("tx straddling the end of memory", SC_NET_TX_FRAME, DESC, mem - 30,
	   FRAME_LEN);
	tx("tx from boot info", SC_NET_TX_FRAME, DESC, SC_BOOTINFO_PA, FRAME_LEN);
	tx("tx from address 0", SC_NET_TX_FRAME, DESC, 0, FRAME_LEN);
	tx("tx at 2^64-16", SC_NET_TX_FRAME, DESC, ~0ull << 4, FRAME_LEN);
	tx("tx slot of receive type", SC_NET_RX_BUF, DESC, buf_pa, FRAME_LEN);
	tx("tx slot of length 15", SC_NET_TX_FRAME, DESC - 1, buf_pa, FRAME_LEN);
	tx("valid tx", SC_NET_TX_FRAME, DESC, buf_pa, FRAME_LEN);
}

static void bad_rx(void)
{
	/* Buffers of a valid size unless the size is the point: 2048. */
	rx("rx buffer at the end of memory", SC_NET_RX_BUF, DESC, mem, 2048);
	rx("rx buffer straddling the end of memory", SC_NET_RX_BUF, DESC,
	   mem - 1024, 2048);
	rx("rx buffer over the page tables", SC_NET_RX_BUF, DESC, SC_PT_PA, 2048);
	rx("rx buffer over the rings", SC_NET_RX_BUF, DESC, SC_RING_AREA_PA, 2048);
	rx("rx buffer at 2^64-1024", SC_NET_RX_BUF, DESC, ~0ull << 10, 2048);
	rx("rx buffer of 1000 bytes", SC_NET_RX_BUF, DESC, buf_pa, 1000);
	rx("rx buffer of 65537 bytes", SC_NET_RX_BUF, DESC, buf_pa, 65537);
	rx("rx buffer of 2^32-1 bytes", SC_NET_RX_BUF, DESC, buf_pa, 0xffffffffu);
	rx("rx slot of transmit type", SC_NET_TX_FRAME, DESC, buf_pa, 2048);
	rx("rx slot of length 0", SC_NET_RX_BUF, 0, buf_pa, 2048);
}

static void bad_indices(void)
{
	struct sc_net_desc d;
	struct sc_slot *s, got;
	uint32_t head, size = TX->mask + 1;

	/* Ours far ahead, then theirs where no host put them. */
	prod_skew = 0x7fff0000u;
	TX->hdr->prod_event = 0x12345678u;
	TX_DONE->hdr->cons_event = 0xdeadbeefu;
	RX_DONE->hdr->prod = 0x80000000u;
	/* The line the host wrote at setup and must never read again. */
	TX->hdr->magic = 0;
	TX->hdr->order = 31;
	TX_DONE->hdr->order = 1;
	tx("valid tx, producer index 2^31 ahead", SC_NET_TX_FRAME, DESC, buf_pa,
	   FRAME_LEN);
	prod_skew = 0;

	/* A slot a lap ahead: right place and content, wrong number. */
	head = TX->head;
	s = sc_ring_prod_next(TX);
	d = (struct sc_net_desc){ .addr = buf_pa, .len = FRAME_LEN, .id = ++next_id };
	s->type = SC_NET_TX_FRAME;
	s->len = DESC;
	memcpy(s->data, &d, sizeof(d));
	STORE_REL(&s->seq, head + 1 + size);
	apic_doorbell_host();
	sleep_ms(300);
	if (sc_ring_cons_take(TX_DONE, &got))
		say("hostile: net HOST TOOK A SLOT NUMBERED A LAP AHEAD\n");
	else
		say("hostile: net a slot numbered a lap ahead: not taken\n");
	sc_ring_prod_commit(TX);
	sc_ring_prod_flush(TX);
	apic_doorbell_host();
	answer("valid tx, the same slot numbered right", TX_DONE);
}

static __attribute__((noreturn)) void net_bad(void)
{
	start();
	bad_tx();
	bad_rx();
	bad_indices();
	say("hostile: net-bad done\n");
	idle();
}

static __attribute__((noreturn)) void net_cpl(void)
{
	unsigned n = 0;

	start();
	/* 256 behind a ring that has produced nothing: no correct consumer
	 * is ever there. */
	STORE_REL(&TX_DONE->hdr->cons, 0xffffff00u);
	say("hostile: net transmit-done ring consumer index set to 0xffffff00\n");
	/* More than that ring holds, none reaped (buffer at 0: refused, so
	 * nothing reaches the TAP device), until twice its worth went or the
	 * host stopped taking them (it called the ring broken). */
	for (uint64_t t0 = uptime_ms();
	     n < 2 * (TX_DONE->mask + 1) && uptime_ms() - t0 < ANSWER_MS;) {
		if (post(TX, SC_NET_TX_FRAME, DESC, 0, FRAME_LEN)) {
			n++;
			t0 = uptime_ms();
		} else {
			sleep_ms(10);
		}
	}
	say("hostile: net %u frames sent, none reaped\n", n);
	idle();
}

static __attribute__((noreturn)) void net_rxcpl(void)
{
	unsigned n = 0;

	start();
	/* 2^31 ahead of a ring that has produced nothing. */
	STORE_REL(&RX_DONE->hdr->cons, 0x80000000u);
	say("hostile: net receive-done ring consumer index set to 0x80000000\n");
	/* Buffers the host refuses at once (too small), each completed
	 * into receive-done, until twice that ring's worth went or the host
	 * stopped taking them (it called the ring broken). */
	for (uint64_t t0 = uptime_ms();
	     n < 2 * (RX_DONE->mask + 1) && uptime_ms() - t0 < ANSWER_MS;) {
		if (post(RX_POST, SC_NET_RX_BUF, DESC, buf_pa, 64)) {
			n++;
			t0 = uptime_ms();
		} else {
			sleep_ms(10);
		}
	}
	say("hostile: net %u receive buffers posted, none reaped\n", n);
	idle();
}

void hostile_net(void)
{
	if (cmd_is("net-bad"))
		net_bad();
	if (cmd_is("net-cpl"))
		net_cpl();
	if (cmd_is("net-rxcpl"))
		net_rxcpl();
}
