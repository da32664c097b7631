/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Shared bits of the unit-test runner (tests/unit/main.c). Each test file
 * exposes one function that adds its suite to the CUnit registry and
 * returns 0, or -1 if CUnit refused (the runner then fails).
 */
#ifndef SC_UNIT_H
#define SC_UNIT_H

int sc_unit_register_ring(void);
int sc_unit_register_args(void);
int sc_unit_register_image(void);
int sc_unit_register_pagetable(void);
int sc_unit_register_stats(void);
int sc_unit_register_config(void);
int sc_unit_register_acpi(void);
int sc_unit_register_net_validate(void);
int sc_unit_register_net_l2(void);
int sc_unit_register_net_ip(void);
int sc_unit_register_net_tcp(void);
int sc_unit_register_net_backend(void);
int sc_unit_register_blk_validate(void);
int sc_unit_register_dev_buf(void);
int sc_unit_register_watchdog(void);
int sc_unit_register_storm(void);
int sc_unit_register_devices(void);
int sc_unit_register_ratelimit(void);
int sc_unit_register_blk_backend(void);
int sc_unit_register_names(void);
int sc_unit_register_bench_line(void);
int sc_unit_register_hostinfo(void);
int sc_unit_register_linuxguest(void);

#endif
