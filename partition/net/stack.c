// SPDX-License-Identifier: GPL-2.0 OR MIT
/* The stack's state, its entry points and its clock-driven work. */
#include "netstack.h"

struct net_config net_cfg;
struct net_stats net_stats;

#define TIMER_PERIOD_US 10000ull /* 10 ms: finer than any timeout we keep */

static uint64_t last_timer;

void net_stack_init(void)
{
	memset(&net_stats, 0, sizeof(net_stats));
	arp_reset();
	tcp_reset();
	last_timer = net_now_us();
	if (net_cfg.up)
		arp_announce();
}

void net_input(const uint8_t *frame, size_t len)
{
	net_stats.rx_packets++;
	net_stats.rx_bytes += len;
	if (!net_cfg.up) {
		net_stats.rx_drops++;
		return;
	}
	eth_input(frame, len);
}

void net_timer(void)
{
	uint64_t now = net_now_us();

	if (now - last_timer < TIMER_PERIOD_US)
		return;
	last_timer = now;
	arp_timer(now);
	tcp_timer(now);
}
