/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks of the network descriptors a partition writes, kept apart from
 * the TAP backend so unit tests and fuzzers can reach them without a TAP
 * device. Everything here works on a private copy of a slot.
 */
#ifndef SC_NET_VALIDATE_H
#define SC_NET_VALIDATE_H

#include <stdint.h>

#include <sparecore/net.h>

/*
 * Check a slot taken from RX_POST (want_type SC_NET_RX_BUF) or TX
 * (SC_NET_TX_FRAME) of a partition with mem_size bytes of memory. Copies
 * the descriptor to *d (even when it is bad, so its id can be completed)
 * and returns SC_NET_OK or the enum sc_net_status to complete it with.
 */
unsigned sc_net_check_desc(const struct sc_slot *s, unsigned want_type,
			   uint64_t mem_size, struct sc_net_desc *d);

/* Name of a status, for the host's log. */
const char *sc_net_status_name(unsigned status);

#endif
