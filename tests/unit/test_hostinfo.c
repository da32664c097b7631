// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Unit tests of the /proc and /sys readers of check-host
 * (host/service/cli/hostinfo.c). */
#include <CUnit/CUnit.h>

#include "hostinfo.h"
#include "unit.h"

static void test_buddy(void)
{
	/* Orders 0..10; order 9 counts 1, order 10 counts 2 blocks of 2 MiB. */
	const char *two_zones =
		"Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n"
		"Node 0, zone    DMA32      4      3      2      5      3      2      2      3      2      2    427 \n";

	CU_ASSERT_EQUAL(sc_buddy_free_2m(two_zones), (1 + 2 * 3) + (2 + 2 * 427));
	CU_ASSERT_EQUAL(sc_buddy_free_2m("Node 0, zone Normal 5 4 3\n"), 0);
	CU_ASSERT_EQUAL(sc_buddy_free_2m(""), -1);
	CU_ASSERT_EQUAL(sc_buddy_free_2m("garbage\nmore garbage\n"), -1);
}

static void test_cpulist(void)
{
	CU_ASSERT_EQUAL(sc_cpulist_count("0-3,5\n"), 5);
	CU_ASSERT_EQUAL(sc_cpulist_count("1"), 1);
	CU_ASSERT_EQUAL(sc_cpulist_count("\n"), 0);
	CU_ASSERT_EQUAL(sc_cpulist_count(""), 0);
	CU_ASSERT_EQUAL(sc_cpulist_count("3-1"), -1);
	CU_ASSERT_EQUAL(sc_cpulist_count("1,,2"), -1);
	CU_ASSERT_EQUAL(sc_cpulist_count("a"), -1);
	CU_ASSERT_EQUAL(sc_cpulist_count("0-"), -1);
	CU_ASSERT_TRUE(sc_cpulist_has("0-3,5", 5));
	CU_ASSERT_TRUE(sc_cpulist_has("0-3,5", 2));
	CU_ASSERT_FALSE(sc_cpulist_has("0-3,5", 4));
	CU_ASSERT_FALSE(sc_cpulist_has("x,4", 4));
}

static void test_words(void)
{
	CU_ASSERT_TRUE(sc_word_in("fpu sme sev", "sme"));
	CU_ASSERT_TRUE(sc_word_in("a no_ipi_broadcast=1\n", "no_ipi_broadcast=1"));
	CU_ASSERT_FALSE(sc_word_in("fpu sev_es", "sev"));
	CU_ASSERT_FALSE(sc_word_in("no_ipi_broadcast=10", "no_ipi_broadcast=1"));
	CU_ASSERT_FALSE(sc_word_in("x", ""));
}

static void test_choice(void)
{
	char out[16];

	CU_ASSERT_TRUE(sc_sysfs_choice("none [integrity] confidentiality\n", out, sizeof(out)));
	CU_ASSERT_STRING_EQUAL(out, "integrity");
	CU_ASSERT_FALSE(sc_sysfs_choice("none integrity", out, sizeof(out)));
	CU_ASSERT_FALSE(sc_sysfs_choice("[a-very-long-choice-name]", out, 8));
}

int sc_unit_register_hostinfo(void)
{
	CU_pSuite s = CU_add_suite("check-host readers", NULL, NULL);

	if (!s || !CU_add_test(s, "free 2 MiB blocks from buddyinfo", test_buddy) ||
	    !CU_add_test(s, "CPU lists", test_cpulist) ||
	    !CU_add_test(s, "words in cpuinfo and cmdline", test_words) ||
	    !CU_add_test(s, "sysfs choices", test_choice))
		return -1;
	return 0;
}
