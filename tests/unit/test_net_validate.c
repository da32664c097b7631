// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the network descriptor checks (host/service/devices/net_validate.c). */
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "net_validate.h"
#include "unit.h"

#define MEM (64ull << 20)

static unsigned check(unsigned slot_type, unsigned want, uint64_t addr,
		      uint32_t len, uint16_t slot_len, struct sc_net_desc *d)
{
	struct sc_slot s;
	struct sc_net_desc in = { .addr = addr, .len = len, .id = 0x1234 };

	memset(&s, 0xee, sizeof(s));
	s.type = (uint16_t)slot_type;
	s.len = slot_len;
	memcpy(s.data, &in, sizeof(in));
	return sc_net_check_desc(&s, want, MEM, d);
}

static void test_good(void)
{
	struct sc_net_desc d;

	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, SC_IMAGE_PA, 2048, 16, &d),
			SC_NET_OK);
	CU_ASSERT_EQUAL(d.addr, SC_IMAGE_PA);
	CU_ASSERT_EQUAL(d.len, 2048u);
	CU_ASSERT_EQUAL(d.id, 0x1234);
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, MEM - 60, 60, 16, &d),
			SC_NET_OK);
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, MEM - 1514, 1514, 16, &d),
			SC_NET_OK);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, MEM - 65536, 65536, 16, &d),
			SC_NET_OK);
}

static void test_bad_type_or_len(void)
{
	struct sc_net_desc d;

	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_RX_BUF, SC_IMAGE_PA, 2048, 16, &d),
			SC_NET_E_DESC);
	CU_ASSERT_EQUAL(d.id, 0x1234); /* still completable */
	CU_ASSERT_EQUAL(check(0, SC_NET_TX_FRAME, SC_IMAGE_PA, 100, 16, &d), SC_NET_E_DESC);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, SC_IMAGE_PA, 2048, 15, &d),
			SC_NET_E_DESC);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, SC_IMAGE_PA, 2048, 0xffff, &d),
			SC_NET_E_DESC);
	/* Only the two request types are requests. */
	CU_ASSERT_EQUAL(check(SC_NET_RX_FRAME, SC_NET_RX_FRAME, SC_IMAGE_PA, 2048, 16, &d),
			SC_NET_E_DESC);
}

static void test_bad_lengths(void)
{
	struct sc_net_desc d;

	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, SC_IMAGE_PA, 1513, 16, &d),
			SC_NET_E_LEN);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, SC_IMAGE_PA, 65537, 16, &d),
			SC_NET_E_LEN);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, SC_IMAGE_PA, 0, 16, &d),
			SC_NET_E_LEN);
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, SC_IMAGE_PA, 13, 16, &d),
			SC_NET_E_LEN);
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, SC_IMAGE_PA, 1515, 16, &d),
			SC_NET_E_LEN);
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, SC_IMAGE_PA, 0xffffffffu, 16, &d),
			SC_NET_E_LEN);
}

static void test_bad_addresses(void)
{
	struct sc_net_desc d;

	/* The reserved low area: boot info, page tables, rings. */
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, 0, 100, 16, &d),
			SC_NET_E_ADDR);
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, SC_PT_PA, 100, 16, &d),
			SC_NET_E_ADDR);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, SC_RING_AREA_PA, 2048, 16, &d),
			SC_NET_E_ADDR);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, SC_IMAGE_PA - 1, 2048, 16, &d),
			SC_NET_E_ADDR);
	/* Past the end, straddling it, and sums that would wrap. */
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, MEM, 100, 16, &d),
			SC_NET_E_ADDR);
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, MEM - 99, 100, 16, &d),
			SC_NET_E_ADDR);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, UINT64_MAX - 100, 2048, 16, &d),
			SC_NET_E_ADDR);
	CU_ASSERT_EQUAL(check(SC_NET_RX_BUF, SC_NET_RX_BUF, UINT64_MAX, 2048, 16, &d),
			SC_NET_E_ADDR);
	CU_ASSERT_EQUAL(check(SC_NET_TX_FRAME, SC_NET_TX_FRAME, 1ull << 63, 100, 16, &d),
			SC_NET_E_ADDR);
}

int sc_unit_register_net_validate(void)
{
	CU_pSuite s = CU_add_suite("net_validate", NULL, NULL);

	if (!s || !CU_add_test(s, "good descriptors", test_good) ||
	    !CU_add_test(s, "wrong slot type or length", test_bad_type_or_len) ||
	    !CU_add_test(s, "lengths out of limits", test_bad_lengths) ||
	    !CU_add_test(s, "addresses outside usable memory", test_bad_addresses))
		return -1;
	return 0;
}
