/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Partition side of the paravirtual console: output through ring
 * SC_RING_CONS_OUT (we produce), input through SC_RING_CONS_IN (we
 * consume), both carrying SC_CONS_DATA slots of raw terminal bytes. The
 * wire format is include/sparecore/console.h.
 */
#ifndef PARAVIRT_CONSOLE_H
#define PARAVIRT_CONSOLE_H

#include <sparecore/bootinfo.h>
#include <sparecore/console.h>

#include "acpi.h"

/* Start on the console device the DSDT names (SC_HID_CONSOLE): ring
 * mem[0] is output, mem[1] input, irq[0] the host's doorbell vector. 0 if
 * output works (input may still be missing: then the getc functions
 * report no input); -1 if there is no console or no output ring. */
int console_probe(void);

/* Can we write? */
bool console_ready(void);

/* Write len bytes and flush them to the host (doorbell if it asked for
 * one). Sleeps while the ring is full, so it may only be called where the
 * caller could also wait; with interrupts off it polls instead of sleeping.
 * Output is dropped if the ring is missing or the host broke it. */
void console_write(const char *buf, size_t len);

/* Write what fits without waiting, flush, and return the bytes written.
 * For the crash path, which must not depend on the host. */
size_t console_write_nowait(const char *buf, size_t len);

/* Wait up to timeout_ms for the host to take everything written so far.
 * True if it did. */
bool console_drain(uint64_t timeout_ms);

/* Next input byte, or -1 if none is there now. */
int console_getc(void);

/* Next input byte, sleeping until one arrives; -1 only if there is no
 * usable input ring. */
int console_getc_wait(void);

#endif
