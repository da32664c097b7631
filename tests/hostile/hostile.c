// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The hostile partition: a test image that boots like the real one (GDT,
 * IDT, APIC, timer: its heartbeat goes on and a fault of its own is still
 * reported) and then, instead of behaving, attacks the host through what
 * it shares with it. The attack is the first word of the command line:
 *
 *   garbage  (default) malformed slots among valid ones (unknown types,
 *            lengths past the slot, a slot numbered a lap ahead), shared
 *            indices and event indices far off, the read-only ring header
 *            overwritten; then it halts. The host must print the valid
 *            lines, drop and count exactly BAD_SLOTS slots, exit 0.
 *   input    claims to have consumed far more input than the host gave;
 *            the host must call the ring broken and stop it.
 *   storm    rings the host's doorbell as fast as the APIC lets it; the
 *            host must stay responsive and stop it.
 *   storm-later  the same after 2 s (time for a test to SIGSTOP the
 *            service, so that the module's own storm guard must act).
 *   report   a crash report of garbage (vector, RIP, ...); the host prints
 *            numbers, nothing more.
 *   state    an unknown state value in boot info; the host ignores it.
 *
 * The disk and network attacks (blk-*, net-*) are in hostile_blk.c and
 * hostile_net.c.
 *
 * Valid console lines start with "hostile: " so the test can find them.
 * It writes the console rings by hand, not through the driver: the point
 * is to break the protocol the driver keeps.
 */
#include <sparecore/compiler.h>
#include <sparecore/console.h>

#include "apic.h"
#include "boot.h"
#include "bringup.h"
#include "cpu.h"
#include "hostile.h"
#include "kprintf.h"
#include "kstring.h"
#include "timer.h"

__attribute__((noreturn)) void partition_main(struct sc_boot_info *bi);

#define BAD_SLOTS 35u

struct raw_ring {
	struct sc_ring_hdr *hdr;
	struct sc_slot *slots;
	uint32_t size, head;
};

static struct raw_ring out, in;

static void raw_attach(struct raw_ring *r, enum sc_ring_id id)
{
	r->hdr = pa_to_va(SC_RING_AREA_PA + id * SC_RING_AREA_SIZE);
	r->slots = (struct sc_slot *)(r->hdr + 1);
	r->size = 1u << boot_info->ring_order[id];
	r->head = 0;
}

/* Wait (interrupts on: the heartbeat goes on) until the host has taken
 * everything up to our head minus `room` slots. */
static void wait_cons(struct raw_ring *r, uint32_t room)
{
	while (r->head - LOAD_ACQ(&r->hdr->cons) > room)
		irq_enable_and_wait();
	irq_enable();
}

/* Publish one slot of any shape at head, with the right sequence number. */
static void put(uint16_t type, uint16_t len, const void *data, size_t n)
{
	struct sc_slot *s;

	wait_cons(&out, out.size - 1);
	s = &out.slots[out.head & (out.size - 1)];
	s->type = type;
	s->len = len;
	memset(s->data, '#', sizeof(s->data));
	memcpy(s->data, data, n > sizeof(s->data) ? sizeof(s->data) : n);
	STORE_REL(&s->seq, out.head + 1);
	out.head++;
	apic_doorbell_host();
}

void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	size_t n, off = 0;

	va_start(ap, fmt);
	n = (size_t)kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	for (; off < n; off += SC_SLOT_PAYLOAD) {
		size_t k = n - off < SC_SLOT_PAYLOAD ? n - off : SC_SLOT_PAYLOAD;

		put(SC_CONS_DATA, (uint16_t)k, buf + off, k);
	}
}

__attribute__((noreturn)) void halt_now(void)
{
	wait_cons(&out, 0); /* let the host print all of it */
	irq_disable();
	boot_set_state(SC_STATE_HALTED);
	apic_doorbell_host();
	halt_forever();
}

__attribute__((noreturn)) void idle(void)
{
	for (;;)
		irq_enable_and_wait();
}

void sleep_ms(uint64_t ms)
{
	uint64_t t0 = uptime_ms();

	while (uptime_ms() - t0 < ms)
		irq_enable_and_wait();
}

static __attribute__((noreturn)) void garbage(void)
{
	unsigned bad = 0;
	struct sc_slot *s;
	uint32_t cons;

	say("hostile: garbage start\n");
	for (int i = 0; i < 10; i++, bad++)
		put(0x7777, 5, "WRONG", 5);             /* unknown type */
	for (int i = 0; i < 10; i++, bad++)
		put(SC_CONS_DATA, 0xffff, "HUGE", 4);   /* length overflows */
	for (int i = 0; i < 10; i++, bad++)
		put(SC_CONS_DATA, SC_SLOT_PAYLOAD + 1, "LONG", 4); /* by one */
	for (int i = 0; i < 5; i++, bad++)
		put(0, 0, "", 0);                        /* type 0 */
	put(SC_CONS_DATA, 0, "", 0);                     /* empty: fine */
	say("hostile: %u bad slots sent\n", bad);

	/* Shared indices and event indices far off, and the header line the
	 * host wrote and promised never to re-read. */
	out.hdr->prod = out.head + 0x7fff0000u;
	out.hdr->cons_event = out.head - 3;
	out.hdr->magic = 0;
	out.hdr->order = 31;
	in.hdr->prod_event = 0x80000000u;
	say("hostile: indices scrambled\n");

	/* A slot numbered a lap ahead: the host must not take it. */
	wait_cons(&out, 0);
	cons = out.head;
	s = &out.slots[out.head & (out.size - 1)];
	s->type = SC_CONS_DATA;
	s->len = 20;
	memcpy(s->data, "hostile: LAP AHEAD!\n", 20);
	STORE_REL(&s->seq, out.head + 1 + out.size);
	apic_doorbell_host();
	sleep_ms(300);
	if (LOAD_ACQ(&out.hdr->cons) == cons)
		say("hostile: host waited at a slot numbered a lap ahead\n");
	else
		say("hostile: HOST TOOK A SLOT NUMBERED A LAP AHEAD\n");

	/* A crash report full of garbage, but no CRASHED state: ignored. */
	memset(&boot_info->crash, 0xa5, sizeof(boot_info->crash));
	say("hostile: garbage done, %u bad slots in all, halting\n", bad);
	halt_now();
}

static __attribute__((noreturn)) void input(void)
{
	/* Far ahead of anything the host produced. */
	STORE_REL(&in.hdr->cons, 0x80000000u);
	say("hostile: input ring consumer index set to 0x80000000\n");
	idle();
}

static __attribute__((noreturn)) void storm(uint64_t delay_ms)
{
	if (delay_ms) {
		say("hostile: doorbell storm in %llu ms\n",
		    (unsigned long long)delay_ms);
		sleep_ms(delay_ms);
	}
	say("hostile: doorbell storm\n");
	for (;;)
		apic_doorbell_host();
}

static __attribute__((noreturn)) void report(void)
{
	say("hostile: garbage crash report\n");
	wait_cons(&out, 0);
	memset(&boot_info->crash, 0xa5, sizeof(boot_info->crash));
	boot_info->crash.vector = 0xdeadbeefull;
	irq_disable();
	boot_set_state(SC_STATE_CRASHED);
	apic_doorbell_host();
	halt_forever();
}

static __attribute__((noreturn)) void bad_state(void)
{
	say("hostile: state set to 0x5a5a5a5a\n");
	wait_cons(&out, 0);
	boot_set_state(0x5a5a5a5au);
	apic_doorbell_host();
	idle();
}

bool cmd_is(const char *word)
{
	size_t n = strlen(word);

	return !strncmp(boot_info->cmdline, word, n) &&
	       (boot_info->cmdline[n] == 0 || boot_info->cmdline[n] == ' ');
}

void partition_main(struct sc_boot_info *bi)
{
	bringup(bi);
	if (apic_init() == 0)
		timer_init();
	irq_enable();

	raw_attach(&out, SC_RING_CONS_OUT);
	raw_attach(&in, SC_RING_CONS_IN);
	if (cmd_is("input"))
		input();
	if (cmd_is("storm"))
		storm(0);
	if (cmd_is("storm-later"))
		storm(2000);
	if (cmd_is("report"))
		report();
	if (cmd_is("state"))
		bad_state();
	hostile_blk();
	hostile_net();
	garbage();
}
