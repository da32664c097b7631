/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * CPU exceptions are fatal in the partition: report and stop.
 */
#ifndef PARTITION_EXCEPTION_H
#define PARTITION_EXCEPTION_H

#include "frame.h"

/* Fill boot info's crash report from the frame, print one console line,
 * set state CRASHED, ring the host and halt this CPU for good. */
__attribute__((noreturn)) void exception_crash(const struct isr_frame *f);

/* The same for a check that failed rather than an exception: a report with
 * vector (>= SC_CRASH_SOFT) and error_code as the caller says, rip and rsp
 * of the caller. See include/sparecore/crash.h. */
__attribute__((noreturn)) void crash_soft(uint64_t vector, uint64_t code);

#endif
