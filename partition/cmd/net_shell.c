// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `net` prints the interface and every counter; `ping` sends ICMP echo
 * requests and prints what came back the way iputils' ping does (tests
 * parse the summary lines). While ping waits it keeps the idle hooks
 * running, so the partition still answers others, and Ctrl-C stops it.
 */
#include "net_shell.h"

#include "pv_console.h"
#include "pv_net.h"
#include "cpu.h"
#include "idle.h"
#include "kprintf.h"
#include "kstring.h"
#include "netstack.h"

#define PING_SEQS 64 /* send times remembered, by seq */
#define PING_TIMEOUT_US 1000000ull

static struct {
	uint16_t id;
	uint32_t dst;
	size_t len;
	uint64_t sent_us[PING_SEQS];
	uint16_t sent_seq[PING_SEQS];
	bool answered[PING_SEQS];
	unsigned received, bad;
	uint64_t rtt_min, rtt_max, rtt_sum;
	bool got_last;
	uint16_t last_seq;
} ping;

static void print_ms(uint64_t us)
{
	kprintf("%llu.%03llu", (unsigned long long)(us / 1000),
		(unsigned long long)(us % 1000));
}

static void on_reply(uint32_t src, uint16_t id, uint16_t seq,
		     const uint8_t *data, size_t len)
{
	unsigned slot = seq % PING_SEQS;
	uint64_t rtt = net_now_us() - ping.sent_us[slot];
	char ip[16];

	if (id != ping.id || src != ping.dst || ping.sent_seq[slot] != seq ||
	    ping.answered[slot])
		return;
	/* The payload must come back as we sent it. */
	for (size_t i = 0; i < len; i++) {
		if (len != ping.len || data[i] != (uint8_t)(i + 0x10)) {
			ping.bad++;
			return;
		}
	}
	ping.answered[slot] = true;
	ping.received++;
	ping.rtt_sum += rtt;
	if (ping.received == 1 || rtt < ping.rtt_min)
		ping.rtt_min = rtt;
	if (rtt > ping.rtt_max)
		ping.rtt_max = rtt;
	if (seq == ping.last_seq)
		ping.got_last = true;
	kprintf("%u bytes from %s: icmp_seq=%u time=", (unsigned)(len + 8),
		net_ip_str(src, ip), seq);
	print_ms(rtt);
	kprintf(" ms\n");
}

/* Poll and sleep until deadline or the awaited reply; false on Ctrl-C. */
static bool wait_until(uint64_t deadline, bool stop_on_reply)
{
	for (;;) {
		uint64_t flags;
		int c;

		net_drv_poll();
		if ((stop_on_reply && ping.got_last) ||
		    (int64_t)(net_now_us() - deadline) >= 0)
			return true;
		while ((c = console_getc()) >= 0)
			if (c == 0x03)
				return false;
		flags = irq_save();
		/* The timer tick ends the HLT at the latest 10 ms later. */
		if (!idle_poll())
			irq_enable_and_wait();
		irq_disable();
		irq_restore(flags);
	}
}

/* A decimal argument of at most max. */
static bool parse_uint(const char *s, unsigned long max, unsigned long *v)
{
	uint64_t n;

	if (!kstr_u64(s, false, &n) || n > max)
		return false;
	*v = (unsigned long)n;
	return true;
}

void cmd_ping(int argc, char **argv)
{
	unsigned long count = 4, size = 56, interval = 1000;
	struct net_config probe;
	const char *host = 0;
	char word[40], ip[16];
	unsigned sent = 0;
	uint64_t start;
	bool stopped = false;

	for (int i = 1; i < argc; i++) {
		unsigned long *v = 0, max = 0;

		if (!strcmp(argv[i], "-c"))
			v = &count, max = 100000;
		else if (!strcmp(argv[i], "-s"))
			v = &size, max = NET_MTU - NET_IP_HLEN - NET_ICMP_HLEN;
		else if (!strcmp(argv[i], "-i"))
			v = &interval, max = 60000;
		else if (!host && argv[i][0] != '-')
			host = argv[i];
		else
			goto usage;
		if (v && (++i >= argc || !parse_uint(argv[i], max, v) || !*v))
			goto usage;
	}
	if (!host)
		goto usage;
	/* Reuse the command-line parser for the address: "ip=HOST/32". */
	ksnprintf(word, sizeof(word), "ip=%s/32 mac=02:00:00:00:00:01", host);
	if (net_config_parse(word, &probe)) {
		kprintf("ping: %s: not an IPv4 address\n", host);
		return;
	}
	if (!net_drv_ready() || !net_cfg.up) {
		kprintf("ping: no network (start the partition with --net)\n");
		return;
	}
	memset(&ping, 0, sizeof(ping));
	ping.id = (uint16_t)(rdtsc() >> 4);
	ping.dst = probe.ip;
	ping.len = size;
	icmp_echo_reply_hook = on_reply;
	kprintf("PING %s %lu(%lu) bytes of data.\n", net_ip_str(ping.dst, ip),
		size, size + 28);
	start = net_now_us();
	for (unsigned long seq = 1; seq <= count && !stopped; seq++) {
		unsigned slot = seq % PING_SEQS;
		uint64_t t = net_now_us();

		ping.sent_seq[slot] = (uint16_t)seq;
		ping.answered[slot] = false;
		ping.sent_us[slot] = t;
		ping.last_seq = (uint16_t)seq;
		ping.got_last = false;
		if (icmp_echo_send(ping.dst, ping.id, (uint16_t)seq, size))
			kprintf("ping: cannot send icmp_seq=%lu (no route or no buffer)\n",
				seq);
		sent++;
		/* Wait for this reply (at most the timeout), then out the
		 * rest of the interval before the next request. */
		stopped = !wait_until(t + PING_TIMEOUT_US, true);
		if (!stopped && seq < count)
			stopped = !wait_until(t + interval * 1000ull, false);
	}
	icmp_echo_reply_hook = 0;
	kprintf("--- %s ping statistics ---\n", net_ip_str(ping.dst, ip));
	kprintf("%u packets transmitted, %u received, %u%% packet loss, time %llums\n",
		sent, ping.received,
		sent ? (sent - ping.received) * 100 / sent : 0,
		(unsigned long long)((net_now_us() - start) / 1000));
	if (ping.bad)
		kprintf("%u replies with a wrong payload\n", ping.bad);
	if (ping.received) {
		kprintf("rtt min/avg/max = ");
		print_ms(ping.rtt_min);
		kprintf("/");
		print_ms(ping.rtt_sum / ping.received);
		kprintf("/");
		print_ms(ping.rtt_max);
		kprintf(" ms\n");
	}
	return;
usage:
	kprintf("usage: ping [-c COUNT] [-s SIZE] [-i MS] ADDRESS\n");
}

static void counter_line(const char *name, uint64_t packets, uint64_t bytes,
			 uint64_t drops, uint64_t errors)
{
	kprintf("%s: %llu packets, %llu bytes, %llu drops, %llu errors\n", name,
		(unsigned long long)packets, (unsigned long long)bytes,
		(unsigned long long)drops, (unsigned long long)errors);
}

#define U(x) ((unsigned long long)(x))

void cmd_net(int argc, char **argv)
{
	const struct net_stats *s = &net_stats;
	const struct net_drv_stats *d = &net_drv_stats;
	const uint8_t *m = net_cfg.mac;
	uint8_t gm[6];
	char ip[16];

	(void)argc;
	(void)argv;
	if (!net_drv_ready() || !net_cfg.up) {
		kprintf("net: no network device (start the partition with --net)\n");
		return;
	}
	kprintf("mac: %02x:%02x:%02x:%02x:%02x:%02x\n", m[0], m[1], m[2], m[3],
		m[4], m[5]);
	kprintf("ip: %s/%u\n", net_ip_str(net_cfg.ip, ip), net_cfg.prefix);
	if (net_cfg.gw) {
		kprintf("gw: %s", net_ip_str(net_cfg.gw, ip));
		if (arp_lookup(net_cfg.gw, gm))
			kprintf(" at %02x:%02x:%02x:%02x:%02x:%02x", gm[0], gm[1],
				gm[2], gm[3], gm[4], gm[5]);
		kprintf("\n");
	}
	counter_line("rx", s->rx_packets, s->rx_bytes, s->rx_drops, s->rx_errors);
	counter_line("tx", s->tx_packets, s->tx_bytes, s->tx_drops, s->tx_errors);
	kprintf("rx drops: eth short %llu, not for us %llu, type %llu; arp bad %llu, not for us %llu\n",
		U(s->eth_short), U(s->eth_not_us), U(s->eth_type), U(s->arp_bad),
		U(s->arp_not_us));
	kprintf("  ip bad %llu, checksum %llu, fragment %llu, not for us %llu, protocol %llu\n",
		U(s->ip_bad), U(s->ip_csum), U(s->ip_frag), U(s->ip_not_us),
		U(s->ip_proto));
	kprintf("  icmp bad %llu, checksum %llu, type %llu; udp bad %llu, checksum %llu, port %llu\n",
		U(s->icmp_bad), U(s->icmp_csum), U(s->icmp_type), U(s->udp_bad),
		U(s->udp_csum), U(s->udp_port));
	kprintf("  tcp bad %llu, checksum %llu, port %llu (resets sent %llu)\n",
		U(s->tcp_bad), U(s->tcp_csum), U(s->tcp_port), U(s->tcp_rst_sent));
	kprintf("tx drops: no buffer %llu, no route %llu, arp unanswered %llu\n",
		U(s->tx_nobuf), U(s->tx_noroute), U(s->arp_unresolved));
	kprintf("services: %llu echo replies, %llu udp echoes, %llu tcp connections, %llu pages\n",
		U(s->icmp_echo_replied), U(s->udp_echoed), U(s->tcp_conns),
		U(s->tcp_served));
	kprintf("driver: %llu rx, %llu tx completions, %llu bad, %llu host errors, %llu doorbells, %u tx buffers free\n",
		U(d->rx_done), U(d->tx_done), U(d->bad_completions),
		U(d->host_errors), U(d->kicks), net_drv_tx_free());
}
