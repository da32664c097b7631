/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * sparecore partition SDK: your own program on the spare core.
 *
 * A program is one C file (or more) with an `int main(void)`, built with
 *
 *     cc $(pkg-config --cflags --libs sparecore-partition) app.c -o app.elf
 *
 * and run with `sparecore run --cpu N app.elf`. The runtime boots the
 * CPU (its own GDT/IDT, APIC, a 100 Hz heartbeat timer, ACPI), starts the
 * console, the disk (--disk) and the network (--net) if the host gave
 * them, then calls main(). When main() returns, or the program calls
 * sc_exit(), the runtime prints "exit: STATUS", lets the host print what
 * is still in the console ring, reports HALTED and stops; `sparecore run`
 * then gives the CPU back to Linux and exits 0 (the status is only
 * printed: the boot contract has no field for it yet).
 *
 * The environment is freestanding: one CPU, no threads, no floating point
 * (the runtime saves no FPU/SSE state: the pkg-config flags forbid it),
 * no C library beyond what this header declares. Interrupts are on while
 * main() runs: the timer tick keeps the host's watchdog fed, so a program
 * may compute for as long as it likes. It must not disable interrupts for
 * longer than the watchdog allows (2 s by default).
 *
 * Errors are negative SC_E_* values; 0 (or a count) is success.
 * Nothing here may be called from anything but main()'s thread of
 * execution (there is no other).
 */
#ifndef SPARECORE_PARTITION_H
#define SPARECORE_PARTITION_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SC_SDK_VERSION 1 /* this header's API; grows compatibly */

/* ------------------------------------------------------------ errors */
enum {
	SC_E_NODEV = -1,   /* no such device (no --disk, no --net) */
	SC_E_INVAL = -2,   /* bad argument: alignment, length, port, range */
	SC_E_IO = -3,      /* the host failed the request or broke the ring */
	SC_E_TIMEOUT = -4, /* nothing came in time */
	SC_E_BUSY = -5,    /* port already bound, no free socket */
	SC_E_NOMEM = -6,   /* partition memory exhausted */
	SC_E_RDONLY = -7,  /* write to a read-only disk */
};
/* A short English name of an SC_E_* value ("timeout"). */
const char *sc_strerror(int err);

/* ------------------------------------------------------------ program */
/* Your program. Its return value is printed as "exit: STATUS". Return
 * explicitly: in a freestanding build, falling off the end of main() does
 * not return 0. */
int main(void);

/* End the program now: as a return from main() with this status. */
__attribute__((noreturn)) void sc_exit(int status);

/* The host CPU this partition runs on (as Linux numbers it). */
unsigned sc_cpu(void);

/* The command line the host gave (`sparecore run --cmdline "..."`, plus
 * ip=/gw=/mac= words with --net); a private, NUL-terminated copy. */
const char *sc_cmdline(void);

/* The value of word KEY=VALUE on the command line as a number (decimal,
 * or hex with 0x); def if the word is missing or not a number. */
uint64_t sc_cmdline_u64(const char *key, uint64_t def);

/* ------------------------------------------------------------ console */
/* printf to the host's terminal: %d %i %u %x %X %p %s %c %%, with l/ll/z
 * length, '-' and '0' flags and a field width. No floating point.
 * Returns the number of characters. Waits while the console ring is full
 * (the host prints as fast as its terminal takes it). */
int sc_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int sc_vprintf(const char *fmt, va_list ap);
/* As snprintf: always NUL-terminates (size > 0); returns the length the
 * whole output would have had. */
int sc_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int sc_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
/* Raw bytes to the console. */
void sc_write(const void *buf, size_t len);

/* Input: raw key strokes as the terminal sends them (\r for Enter).
 * sc_getc: the next byte, or -1 if none is there now. sc_getc_wait: sleep
 * until one comes; -1 only if the console has no input. */
int sc_getc(void);
int sc_getc_wait(void);

/* ------------------------------------------------------------ time */
/* Nanoseconds since the partition started, from the TSC (invariant; the
 * host told us its rate). Monotonic, 64 bits: wraps after 584 years. */
uint64_t sc_now_ns(void);
/* The raw TSC and its rate, for those who count cycles. */
uint64_t sc_tsc(void);
uint64_t sc_tsc_khz(void);

/* Sleep until sc_now_ns() >= deadline_ns (now if it has passed) / for ns.
 * While more than a timer tick (10 ms) remains, the CPU halts between
 * interrupts and the devices are serviced (network receive, ARP); the
 * last stretch is spent spinning on the TSC, so a wake-up is as exact as
 * the CPU allows. */
void sc_sleep_until_ns(uint64_t deadline_ns);
void sc_sleep_ns(uint64_t ns);

/* A periodic timer without drift: the n-th deadline is start + n * period,
 * whatever each wake-up cost. */
struct sc_periodic {
	uint64_t period_ns;
	uint64_t next_ns;   /* the next deadline */
	uint64_t missed;    /* deadlines skipped because we were too late */
};
/* First deadline: one period from now. */
void sc_periodic_start(struct sc_periodic *p, uint64_t period_ns);
/* Sleep until the next deadline; returns how late (in ns) this wake-up
 * was after it. If the program overran whole periods, the deadlines
 * already past are counted in missed and skipped. */
uint64_t sc_periodic_wait(struct sc_periodic *p);

/* Service the devices now (network receive and timers). Sleeping, waiting
 * for input and sc_udp_recv do this themselves; a program that computes
 * for long and still wants to answer ARP or receive datagrams calls it
 * from time to time. */
void sc_poll(void);

/* ------------------------------------------------------------ memory */
/* bytes of zeroed partition memory aligned to align (a power of two, at
 * most 2 MiB), or NULL. Never freed: take what you need at start. */
void *sc_alloc(size_t bytes, size_t align);

/* The C library's names, provided by the runtime (the compiler may also
 * call memcpy/memset/memmove/memcmp itself). */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* Sort n u64 values ascending, in place (heapsort: no recursion, no
 * memory). For percentiles. */
void sc_sort_u64(uint64_t *a, size_t n);

/* ------------------------------------------------------------ disk */
#define SC_DISK_SECTOR 512u
/* Is there a disk (`sparecore run --disk FILE`)? Its size in 512-byte
 * sectors, and whether it is read-only. */
bool sc_disk_present(void);
uint64_t sc_disk_sectors(void);
bool sc_disk_readonly(void);
/* Move count sectors between the disk at sector and buf, which must be
 * 512-byte aligned (sc_alloc(n, 512) is). On a disk with 4096-byte blocks
 * (the host's file says so), sector and count must be multiples of 8. The call returns when the host
 * has done it (a write: in the host's page cache or on the device, as
 * --disk's cache mode says; sc_disk_flush for stable storage). 0 or an
 * SC_E_* error. */
int sc_disk_read(uint64_t sector, void *buf, uint32_t count);
int sc_disk_write(uint64_t sector, const void *buf, uint32_t count);
/* Every write completed before this call is on stable storage. */
int sc_disk_flush(void);

/* ------------------------------------------------------------ UDP */
/* IPv4 addresses are host byte order numbers: SC_IP(192, 0, 2, 1). */
#define SC_IP(a, b, c, d) \
	(((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (uint32_t)(d))
#define SC_UDP_MAX 1472u  /* largest datagram payload (no fragments) */
#define SC_UDP_SOCKETS 8  /* ports bound at once */
#define SC_UDP_QUEUE 32   /* datagrams a socket holds before it drops */

/* Our address (`--ip`), or 0 without a network. */
uint32_t sc_net_ip(void);
/* Receive the datagrams sent to port (1..65535) from now on: a socket
 * number >= 0, or SC_E_NODEV, SC_E_INVAL, SC_E_BUSY (bound already, or
 * SC_UDP_SOCKETS in use). Port 7 is the runtime's echo unless bound. */
int sc_udp_bind(uint16_t port);
/* Send len (<= SC_UDP_MAX) bytes from the socket's port to ip:port. 0 or
 * an SC_E_* error (SC_E_IO: no transmit buffer or no route now). The
 * first datagram to an address waits for its ARP answer in the stack. */
int sc_udp_send(int sock, uint32_t ip, uint16_t port, const void *buf, size_t len);
/* The next datagram for the socket: its length (the rest is dropped if
 * len is smaller), with the sender in *ip and *port if not NULL. Waits up
 * to timeout_ns (0: do not wait; a wait ends at a timer tick, so it may
 * last up to 10 ms longer); SC_E_TIMEOUT if nothing came. */
int sc_udp_recv(int sock, void *buf, size_t len, uint32_t *ip, uint16_t *port,
		uint64_t timeout_ns);
/* Datagrams the socket dropped because its queue was full. */
uint64_t sc_udp_dropped(int sock);
/* Stop receiving on the socket's port. */
int sc_udp_close(int sock);

#endif
