// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * udp_echo: a small UDP service on the spare core. Every datagram that
 * comes to the port goes back to its sender; 'q' on the console stops
 * the service, which prints what it did and exits (the CPU goes back to
 * Linux).
 *
 *   sparecore run --cpu 1 --net tap:sc0 --ip 192.0.2.2/24 \
 *       --host-ip 192.0.2.1/24 udp_echo.elf [--cmdline port=7777]
 */
#include <sparecore/partition.h>

int main(void)
{
	uint64_t port = sc_cmdline_u64("port", 7777);
	static uint8_t buf[SC_UDP_MAX];
	uint64_t echoed = 0, failed = 0;
	int sock;

	if (!port || port > 65535) {
		sc_printf("udp_echo: port must be 1..65535\n");
		return 2;
	}
	sock = sc_udp_bind((uint16_t)port);
	if (sock < 0) {
		sc_printf("udp_echo: port %llu: %s\n", (unsigned long long)port,
			  sc_strerror(sock));
		return 1;
	}
	sc_printf("udp_echo: listening on port %llu ('q' stops)\n",
		  (unsigned long long)port);

	for (;;) {
		uint32_t ip;
		uint16_t from;
		int n = sc_udp_recv(sock, buf, sizeof(buf), &ip, &from, 50000000);

		if (n >= 0) {
			if (sc_udp_send(sock, ip, from, buf, (size_t)n) == 0)
				echoed++;
			else
				failed++;
		} else if (n != SC_E_TIMEOUT) {
			sc_printf("udp_echo: receive: %s\n", sc_strerror(n));
			return 1;
		}
		if (sc_getc() == 'q')
			break;
	}
	sc_printf("udp_echo: %llu datagrams echoed, %llu not sent, %llu dropped\n",
		  (unsigned long long)echoed, (unsigned long long)failed,
		  (unsigned long long)sc_udp_dropped(sock));
	sc_udp_close(sock);
	return 0;
}
