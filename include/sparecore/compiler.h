/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Small helpers the service, the partition and the tests share, defined
 * once: the length of an array, and the atomic loads and stores with the
 * orders the rings and the shared pages use. Not part of the ABI (the
 * module does not include it; the kernel has its own).
 */
#ifndef SPARECORE_COMPILER_H
#define SPARECORE_COMPILER_H

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Memory shared with another CPU (the partition, the host, a thread): a
 * release store publishes everything written before it to the acquire
 * load that sees it; relaxed only where the value stands alone (a counter
 * read for display, a flag whose data is ordered some other way).
 */
#define LOAD_ACQ(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define LOAD_RLX(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define STORE_REL(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define STORE_RLX(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)

#endif
