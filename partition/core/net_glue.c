// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * What the network stack (partition/net/, which includes no partition
 * header so it also builds for unit tests) needs from this kernel: a clock
 * and the status page's text; and the idle hook that runs the driver.
 */
#include "net_glue.h"

#include "pv_net.h"
#include "acpi.h"
#include "boot.h"
#include "cpu.h"
#include "idle.h"
#include "kprintf.h"
#include "netstack.h"
#include "timer.h"

uint64_t net_now_us(void)
{
	uint64_t khz = tsc_khz(), d = rdtsc() - boot_tsc;

	if (!khz)
		return 0;
	/* In two steps so d * 1000 cannot overflow. */
	return d / khz * 1000 + d % khz * 1000 / khz;
}

size_t net_status_text(char *buf, size_t len)
{
	uint64_t ms = uptime_ms();
	const struct net_stats *s = &net_stats;
	char ip[16];
	int n;

	n = ksnprintf(buf, len,
		      "sparecore partition\n"
		      "cpu: %u\n"
		      "uptime: %llu.%03llu s\n"
		      "memory: %llu MiB\n"
		      "ip: %s/%u\n"
		      "net rx: %llu packets, %llu bytes, %llu drops, %llu errors\n"
		      "net tx: %llu packets, %llu bytes, %llu drops, %llu errors\n"
		      "icmp echo replies: %llu\n"
		      "udp echoes: %llu\n"
		      "http pages served: %llu\n",
		      boot_info->cpu, (unsigned long long)(ms / 1000),
		      (unsigned long long)(ms % 1000),
		      (unsigned long long)(boot_info->mem_size >> 20),
		      net_ip_str(net_cfg.ip, ip), net_cfg.prefix,
		      (unsigned long long)s->rx_packets,
		      (unsigned long long)s->rx_bytes,
		      (unsigned long long)s->rx_drops,
		      (unsigned long long)s->rx_errors,
		      (unsigned long long)s->tx_packets,
		      (unsigned long long)s->tx_bytes,
		      (unsigned long long)s->tx_drops,
		      (unsigned long long)s->tx_errors,
		      (unsigned long long)s->icmp_echo_replied,
		      (unsigned long long)s->udp_echoed,
		      (unsigned long long)s->tcp_served);
	if (n < 0)
		return 0;
	return (size_t)n < len ? (size_t)n : len - 1;
}

static bool net_idle(void)
{
	if (net_drv_poll())
		return true;
	return net_drv_arm();
}

void net_probe(const struct sc_boot_info *bi)
{
	const struct acpi_dev *dev = acpi_find(SC_HID_NET);
	char cmd[SC_CMDLINE_MAX], ip[16];

	/* The DSDT says whether there is a network device, and where. */
	if (!dev)
		return;
	/* A private, terminated copy: the page is shared with the host. */
	memcpy(cmd, bi->cmdline, sizeof(cmd));
	cmd[sizeof(cmd) - 1] = 0;
	if (net_config_parse(cmd, &net_cfg)) {
		kprintf("net: no usable ip= and mac= on the command line; network off\n");
		return;
	}
	if (net_drv_init(dev)) {
		kprintf("net: the network device's rings are not usable; network off\n");
		return;
	}
	net_stack_init();
	idle_add(net_idle);
	kprintf("net: %s/%u, mac %02x:%02x:%02x:%02x:%02x:%02x\n",
		net_ip_str(net_cfg.ip, ip), net_cfg.prefix, net_cfg.mac[0],
		net_cfg.mac[1], net_cfg.mac[2], net_cfg.mac[3], net_cfg.mac[4],
		net_cfg.mac[5]);
}
