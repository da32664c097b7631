/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Time: the APIC timer ticks at TIMER_HZ (each tick is a heartbeat for the
 * host's watchdog); the TSC, whose rate the host told us, measures uptime
 * and delays.
 */
#ifndef PARTITION_TIMER_H
#define PARTITION_TIMER_H

#include <sparecore/types.h>

#define TIMER_HZ 100u

/* Calibrate the APIC timer against the TSC and start it. Needs the APIC.
 * 0, or -1 if boot info has no TSC rate (a guessed rate is used then). */
int timer_init(void);

/* Called from the timer interrupt. */
void timer_tick(void);

/* Ticks since timer_init(). */
uint64_t timer_ticks(void);

/* TSC cycles per millisecond. */
uint64_t tsc_khz(void);

/* Milliseconds since main() started, from the TSC. */
uint64_t uptime_ms(void);

/* Busy-wait; interrupts stay as they are. */
void delay_us(uint64_t us);

#endif
