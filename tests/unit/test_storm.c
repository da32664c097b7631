// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of doorbell storm detection (host/service/supervise/storm.c). */
#include <CUnit/CUnit.h>

#include "storm.h"
#include "unit.h"

#define MS 1000000ull

static void test_quiet(void)
{
	struct sc_storm s;

	sc_storm_init(&s, 0);
	CU_ASSERT_FALSE(sc_storm_check(&s, 10 * MS));
	sc_storm_bells(&s, SC_STORM_SLACK);
	CU_ASSERT_FALSE(sc_storm_check(&s, 20 * MS));
}

static void test_storm(void)
{
	struct sc_storm s;

	sc_storm_init(&s, 0);
	sc_storm_bells(&s, SC_STORM_SLACK + 1);
	CU_ASSERT_TRUE(sc_storm_check(&s, 5 * MS));
	/* The counts stay for the message. */
	CU_ASSERT_EQUAL(s.bells, SC_STORM_SLACK + 1);
}

/* One doorbell per message is the protocol working, at any rate. */
static void test_busy_is_fine(void)
{
	struct sc_storm s;

	sc_storm_init(&s, 0);
	sc_storm_bells(&s, 1000000);
	sc_storm_work(&s, 1000000);
	CU_ASSERT_FALSE(sc_storm_check(&s, 500 * MS));
}

/* The slack is per window: a trickle over many seconds is no storm. */
static void test_window_rolls(void)
{
	struct sc_storm s;

	sc_storm_init(&s, 0);
	for (unsigned i = 1; i <= 10; i++) {
		sc_storm_bells(&s, SC_STORM_SLACK / 2);
		CU_ASSERT_FALSE(sc_storm_check(&s, i * 1000 * MS));
	}
}

/* A storm read in one go after a long absence is still caught. */
static void test_late_look(void)
{
	struct sc_storm s;

	sc_storm_init(&s, 0);
	sc_storm_bells(&s, 20000);
	CU_ASSERT_TRUE(sc_storm_check(&s, 5000 * MS));
}

int sc_unit_register_storm(void)
{
	CU_pSuite s = CU_add_suite("storm", NULL, NULL);

	if (!s ||
	    !CU_add_test(s, "a quiet partition", test_quiet) ||
	    !CU_add_test(s, "more doorbells than slack", test_storm) ||
	    !CU_add_test(s, "one doorbell per message", test_busy_is_fine) ||
	    !CU_add_test(s, "windows roll over", test_window_rolls) ||
	    !CU_add_test(s, "a storm seen late", test_late_look))
		return -1;
	return 0;
}
