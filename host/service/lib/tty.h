/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The terminal as a partition's console: raw input, so every key (Ctrl-C
 * too) reaches the partition, with output processing kept, so its "\n"
 * still returns the carriage. Used by `run` and `console`.
 */
#ifndef SC_TTY_H
#define SC_TTY_H

#include <stdbool.h>
#include <termios.h>

/* If fd is a terminal, save its settings in *saved and make it raw.
 * Returns true if it is raw now (then sc_tty_restore it). */
bool sc_tty_raw(int fd, struct termios *saved);
void sc_tty_restore(int fd, const struct termios *saved);

#endif
