// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor checks for the network backend. The rules are in
 * include/sparecore/net.h: the partition names its buffers, and we make
 * sure a name can only ever mean partition memory the device buffer rule
 * allows (dev_buf.h), whatever numbers it holds.
 */
#include "net_validate.h"

#include "dev_buf.h"

#include <string.h>

#include <sparecore/compiler.h>

unsigned sc_net_check_desc(const struct sc_slot *s, unsigned want_type,
			   uint64_t mem_size, struct sc_net_desc *d)
{
	uint32_t min, max;

	memset(d, 0, sizeof(*d));
	/* Copy whatever is there first, so even a bad request can be
	 * completed under the id the partition gave it. */
	memcpy(d, s->data, sizeof(*d));
	if (s->type != want_type || s->len != sizeof(*d))
		return SC_NET_E_DESC;
	if (want_type == SC_NET_RX_BUF) {
		min = SC_NET_RXBUF_MIN;
		max = SC_NET_RXBUF_MAX;
	} else if (want_type == SC_NET_TX_FRAME) {
		min = SC_NET_FRAME_MIN;
		max = SC_NET_FRAME_MAX;
	} else {
		return SC_NET_E_DESC;
	}
	if (d->len < min || d->len > max)
		return SC_NET_E_LEN;
	if (!sc_dev_buf_ok(d->addr, d->len, mem_size))
		return SC_NET_E_ADDR;
	return SC_NET_OK;
}

const char *sc_net_status_name(unsigned status)
{
	static const char *const names[] = {
		[SC_NET_OK] = "ok",
		[SC_NET_E_DESC] = "malformed descriptor",
		[SC_NET_E_ADDR] = "buffer outside usable partition memory",
		[SC_NET_E_LEN] = "length out of limits",
		[SC_NET_E_IO] = "refused by the TAP device",
		[SC_NET_E_STOP] = "backend stopping",
	};

	if (status < ARRAY_SIZE(names))
		return names[status];
	return "unknown status";
}
