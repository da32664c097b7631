// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the heartbeat watchdog (host/service/supervise/watchdog.c). */
#include <CUnit/CUnit.h>

#include "unit.h"
#include "watchdog.h"

#define MS 1000000ull

static void test_fires_after_timeout(void)
{
	struct sc_watchdog w;

	sc_watchdog_init(&w, 2000, 7, 1000 * MS);
	CU_ASSERT_FALSE(sc_watchdog_expired(&w, 7, 1000 * MS));
	CU_ASSERT_FALSE(sc_watchdog_expired(&w, 7, 2999 * MS));
	CU_ASSERT_TRUE(sc_watchdog_expired(&w, 7, 3000 * MS));
	CU_ASSERT_EQUAL(sc_watchdog_silence_ns(&w, 3000 * MS), 2000 * MS);
}

static void test_beat_resets(void)
{
	struct sc_watchdog w;

	sc_watchdog_init(&w, 2000, 0, 0);
	CU_ASSERT_FALSE(sc_watchdog_expired(&w, 1, 1900 * MS));
	CU_ASSERT_FALSE(sc_watchdog_expired(&w, 1, 3800 * MS));
	CU_ASSERT_TRUE(sc_watchdog_expired(&w, 1, 3900 * MS));
	/* A counter that jumps backwards still moved. */
	CU_ASSERT_FALSE(sc_watchdog_expired(&w, 0, 4000 * MS));
}

/* A service that slept through seconds sees the counter moved and does
 * not call a live partition hung. */
static void test_absent_service(void)
{
	struct sc_watchdog w;

	sc_watchdog_init(&w, 2000, 10, 0);
	CU_ASSERT_FALSE(sc_watchdog_expired(&w, 900, 60000 * MS));
	CU_ASSERT_FALSE(sc_watchdog_expired(&w, 900, 61000 * MS));
	CU_ASSERT_TRUE(sc_watchdog_expired(&w, 900, 62000 * MS));
}

static void test_disabled(void)
{
	struct sc_watchdog w;

	sc_watchdog_init(&w, 0, 5, 0);
	CU_ASSERT_FALSE(sc_watchdog_expired(&w, 5, 1000000 * MS));
}

int sc_unit_register_watchdog(void)
{
	CU_pSuite s = CU_add_suite("watchdog", NULL, NULL);

	if (!s ||
	    !CU_add_test(s, "fires after the timeout", test_fires_after_timeout) ||
	    !CU_add_test(s, "a heartbeat resets it", test_beat_resets) ||
	    !CU_add_test(s, "an absent service blames nobody", test_absent_service) ||
	    !CU_add_test(s, "0 disables it", test_disabled))
		return -1;
	return 0;
}
