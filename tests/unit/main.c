// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * One CUnit runner for every unit-test suite. Exits 0 only if every test
 * ran and passed; a registry error or any failed assertion exits 1.
 */
#include <stdio.h>

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include "unit.h"

int main(void)
{
	unsigned failures, tests_failed, suites_failed;
	CU_ErrorCode rc;

	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "unit: cannot initialise CUnit: %s\n",
			CU_get_error_msg());
		return 1;
	}
	if (sc_unit_register_ring() || sc_unit_register_args() ||
	    sc_unit_register_image() || sc_unit_register_pagetable() ||
	    sc_unit_register_stats() || sc_unit_register_config() ||
	    sc_unit_register_acpi() ||
	    sc_unit_register_net_validate() || sc_unit_register_net_l2() ||
	    sc_unit_register_net_ip() || sc_unit_register_net_tcp() ||
	    sc_unit_register_net_backend() || sc_unit_register_blk_validate() ||
	    sc_unit_register_dev_buf() ||
	    sc_unit_register_watchdog() || sc_unit_register_storm() ||
	    sc_unit_register_devices() ||
	    sc_unit_register_ratelimit() || sc_unit_register_blk_backend() ||
	    sc_unit_register_names() || sc_unit_register_bench_line() ||
	    sc_unit_register_hostinfo() || sc_unit_register_linuxguest()) {
		fprintf(stderr, "unit: cannot register the suites: %s\n",
			CU_get_error_msg());
		CU_cleanup_registry();
		return 1;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	rc = CU_basic_run_tests();
	failures = CU_get_number_of_failures();
	tests_failed = CU_get_number_of_tests_failed();
	suites_failed = CU_get_number_of_suites_failed();
	if (rc != CUE_SUCCESS)
		fprintf(stderr, "unit: CUnit error: %s\n", CU_get_error_msg());
	CU_cleanup_registry();
	if (rc != CUE_SUCCESS || failures || tests_failed || suites_failed) {
		fprintf(stderr, "unit: FAILED (%u assertion(s) in %u test(s), %u suite(s) failed to set up)\n",
			failures, tests_failed, suites_failed);
		return 1;
	}
	printf("unit: all tests passed\n");
	return 0;
}
