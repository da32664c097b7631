// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the log rate limit (host/service/lib/ratelimit.c). */
#include <CUnit/CUnit.h>

#include "ratelimit.h"
#include "unit.h"

#define MS 1000000ull

/* Shows the budget, counts the rest, reports the count once when the
 * next second starts. */
static void test_budget(void)
{
	struct sc_ratelimit rl = { .t0_ns = 0 };
	unsigned long long rep;
	unsigned shown = 0;

	for (unsigned i = 0; i < 1000; i++) {
		shown += sc_ratelimit_ok(&rl, 1000 * MS + i, &rep);
		CU_ASSERT_EQUAL(rep, 0u);
	}
	CU_ASSERT_EQUAL(shown, SC_RATELIMIT_PER_SEC);
	CU_ASSERT_TRUE(sc_ratelimit_ok(&rl, 2000 * MS, &rep));
	CU_ASSERT_EQUAL(rep, 1000u - SC_RATELIMIT_PER_SEC);
	CU_ASSERT_TRUE(sc_ratelimit_ok(&rl, 2001 * MS, &rep));
	CU_ASSERT_EQUAL(rep, 0u);
	CU_ASSERT_EQUAL(sc_ratelimit_flush(&rl), 0u);
}

/* A flood that stops leaves its count for the last word, said once. */
static void test_flush(void)
{
	struct sc_ratelimit rl = { .t0_ns = 0 };
	unsigned long long rep;

	for (unsigned i = 0; i < 25; i++)
		sc_ratelimit_ok(&rl, 5000 * MS, &rep);
	CU_ASSERT_EQUAL(sc_ratelimit_flush(&rl), 25u - SC_RATELIMIT_PER_SEC);
	CU_ASSERT_EQUAL(sc_ratelimit_flush(&rl), 0u);
}

int sc_unit_register_ratelimit(void)
{
	CU_pSuite s = CU_add_suite("log rate limit", NULL, NULL);

	if (!s || !CU_add_test(s, "a budget per second", test_budget) ||
	    !CU_add_test(s, "the count at the end", test_flush))
		return -1;
	return 0;
}
