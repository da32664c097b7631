// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the device buffer rule (host/service/devices/dev_buf.c),
 * and that each backend's validator applies it. */
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <sparecore/abi.h>
#include <sparecore/bench.h>
#include <sparecore/compiler.h>

#include "bench_backend.h"
#include "blk_validate.h"
#include "dev_buf.h"
#include "net_validate.h"
#include "unit.h"

#define MEM (4ull << 20)
#define LO SC_IMAGE_PA

/* Every address of the reserved low area, and the first one past it. */
static const uint64_t low[] = {
	0, SC_BOOTINFO_PA, SC_PT_PA, SC_RING_AREA_PA, SC_ACPI_PA,
	SC_BENCH_AREA_PA, SC_IMAGE_PA - 512,
};

static void test_rule(void)
{
	CU_ASSERT_TRUE(sc_dev_buf_ok(LO, 512, MEM));
	CU_ASSERT_TRUE(sc_dev_buf_ok(LO, MEM - LO, MEM)); /* all of it */
	CU_ASSERT_TRUE(sc_dev_buf_ok(MEM - 1, 1, MEM));
	CU_ASSERT_TRUE(sc_dev_buf_ok(MEM - 1, 0, MEM));
	for (size_t i = 0; i < ARRAY_SIZE(low); i++) {
		CU_ASSERT_FALSE(sc_dev_buf_ok(low[i], 512, MEM));
		CU_ASSERT_FALSE(sc_dev_buf_ok(low[i], 0, MEM));
	}
	/* Across the boundary, below or above. */
	CU_ASSERT_FALSE(sc_dev_buf_ok(LO - 512, 1024, MEM));
	CU_ASSERT_FALSE(sc_dev_buf_ok(MEM - 512, 513, MEM));
	CU_ASSERT_FALSE(sc_dev_buf_ok(MEM, 0, MEM));
	CU_ASSERT_FALSE(sc_dev_buf_ok(MEM, 1, MEM));
	/* Sums that would wrap. */
	CU_ASSERT_FALSE(sc_dev_buf_ok(LO, UINT64_MAX, MEM));
	CU_ASSERT_FALSE(sc_dev_buf_ok(UINT64_MAX, 2, MEM));
	CU_ASSERT_FALSE(sc_dev_buf_ok(UINT64_MAX - 511, 512, UINT64_MAX));
	/* A partition too small to have any room above the low area. */
	CU_ASSERT_FALSE(sc_dev_buf_ok(LO, 0, LO));
}

/* The three backends agree with the rule at its edges. */
static void test_backends_apply_it(void)
{
	static uint8_t mem[16];
	const uint64_t at[] = { SC_BOOTINFO_PA, SC_RING_AREA_PA,
				SC_BENCH_AREA_PA, LO - 512, LO, MEM - 512, MEM };

	for (size_t i = 0; i < ARRAY_SIZE(at); i++) {
		bool want = sc_dev_buf_ok(at[i], 512, MEM);
		struct sc_slot s;

		/* Disk: one inline 512-byte segment at at[i]. */
		{
			static struct sc_blk_io io;
			struct sc_blk_limits lim = {
				.sectors = 8, .block_size = 512,
				.max_bytes = 4096, .max_segs = 4,
			};
			struct sc_blk_req r = {
				.tag = 1, .op = SC_BLK_OP_READ, .bytes = 512,
				.nseg = 1, .seg = { { .addr = at[i], .len = 512 } },
			};
			const char *why = NULL;

			memset(&s, 0, sizeof(s));
			s.type = SC_BLK_MSG_REQ;
			s.len = sizeof(r);
			memcpy(s.data, &r, sizeof(r));
			CU_ASSERT_EQUAL(sc_blk_validate(&lim, &s, mem, MEM, &io, &why) ==
						SC_BLK_S_OK, want);
		}
		/* Network: a 512-byte transmit frame at at[i]. */
		{
			struct sc_net_desc d = { .addr = at[i], .len = 512, .id = 7 };

			memset(&s, 0, sizeof(s));
			s.type = SC_NET_TX_FRAME;
			s.len = sizeof(d);
			memcpy(s.data, &d, sizeof(d));
			CU_ASSERT_EQUAL(sc_net_check_desc(&s, SC_NET_TX_FRAME, MEM, &d) ==
						SC_NET_OK, want);
		}
		/* Bench: 64 samples (512 bytes) at at[i]. */
		{
			struct sc_bench_samples b = { .pa = at[i], .count = 64 };

			CU_ASSERT_EQUAL(sc_bench_backend_check(SC_BENCH_SAMPLES, sizeof(b),
							       &b, MEM) ==
						SC_BENCH_SAMPLES, want);
		}
	}
}

int sc_unit_register_dev_buf(void)
{
	CU_pSuite s = CU_add_suite("device buffer rule", NULL, NULL);

	if (!s || !CU_add_test(s, "the rule at its edges", test_rule) ||
	    !CU_add_test(s, "disk, network and bench apply it",
			 test_backends_apply_it))
		return -1;
	return 0;
}
