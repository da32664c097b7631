/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A named partition's status as JSON: what its service knows and the
 * module does not (name, image, log, per-device counters).
 */
#ifndef SC_STATUS_JSON_H
#define SC_STATUS_JSON_H

struct sc_session;

/* One JSON object on one line (malloc'd; NULL if out of memory):
 *   {"name", "pid", "cpu", "memory_bytes", "state", "uptime_s", "image",
 *    "log", "console_attached", "doorbells",
 *    "devices": {"console": {...}, "disk": {...}, "net": {...}}}
 * "disk" and "net" only when the partition has them. */
char *sc_status_json(const struct sc_session *s);

#endif
