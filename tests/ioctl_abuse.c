// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ioctl_abuse: every /dev/sparecore request with arguments that must be
 * refused (wrong sizes, CPU numbers, memory sizes that overflow, bad user
 * pointers, requests in the wrong state), each expected to fail with its
 * errno and to leave the host as it was. Run as root in the lab VM by
 * tests/e2e/access.sh; prints "ok - ..." / "FAIL - ..." and exits 1 on any
 * failure. With --open-only it just tries to open the device (for the
 * non-root check) and exits with 0 if that worked, else with errno.
 *
 * The page-table cases write tables of their own into the partition's
 * memory, each broken in one way; the module must refuse every one before
 * it sends a SIPI (a START that passed would run zeroed memory and triple
 * fault, which ends the lab VM: loud, never a silent pass).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <sparecore/bootinfo.h>
#include <sparecore/ioctl.h>
#include <sparecore/linux_guest.h>

static int failed;

static void expect(const char *what, int ret, int want_errno)
{
	int err = ret < 0 ? errno : 0;

	if (err == want_errno) {
		printf("ok - %s: %s\n", what, want_errno ? strerror(err) : "accepted");
	} else {
		printf("FAIL - %s: got %s, want %s\n", what,
		       err ? strerror(err) : "success",
		       want_errno ? strerror(want_errno) : "success");
		failed = 1;
	}
}

static int create(int fd, uint32_t cpu, uint64_t mem, uint32_t flags)
{
	struct sc_ioc_create c = { .cpu = cpu, .mem_size = mem, .flags = flags };

	return ioctl(fd, SC_IOC_CREATE, &c);
}

static struct sc_ioc_start good_start(void)
{
	return (struct sc_ioc_start){
		.entry_va = SC_VIRT_BASE + SC_IMAGE_PA,
		.stack_va = SC_VIRT_BASE + SC_IMAGE_PA,
		.bootinfo_va = SC_VIRT_BASE + SC_BOOTINFO_PA,
		.pt_root = SC_PT_PA,
	};
}

/* Page tables in partition memory at SC_PT_PA, as tests see them. */
enum { PML4, PDPT_HI, PD_MEM, PDPT_ID, PD_ID, PT_ID, PT_N };
#define P_ (1ull << 0)
#define RW_ (1ull << 1)
#define PS_ (1ull << 7)
#define NX_ (1ull << 63)
#define IDX(va, level) (((va) >> (12 + 9 * (level))) & 511)

struct tables {
	uint64_t *t[PT_N];  /* in the mapping */
	uint64_t host[PT_N]; /* host-physical */
};

/* Tables as the service writes them (partition memory at SC_VIRT_BASE,
 * the trampoline page identity-mapped); each case then spoils one entry. */
static void tables_good(struct tables *tb, uint8_t *mem, const uint64_t *chunks,
			unsigned int nr_chunks, uint64_t tramp_pa)
{
	const uint64_t tbl = P_ | RW_;

	for (int i = 0; i < PT_N; i++) {
		tb->t[i] = (uint64_t *)(mem + SC_PT_PA + 4096ull * i);
		tb->host[i] = chunks[0] + SC_PT_PA + 4096ull * i;
		memset(tb->t[i], 0, 4096);
	}
	tb->t[PML4][IDX(SC_VIRT_BASE, 3)] = tb->host[PDPT_HI] | tbl;
	tb->t[PDPT_HI][IDX(SC_VIRT_BASE, 2)] = tb->host[PD_MEM] | tbl;
	for (unsigned int c = 0; c < nr_chunks; c++)
		tb->t[PD_MEM][c] = chunks[c] | P_ | RW_ | PS_;
	tb->t[PML4][IDX(tramp_pa, 3)] = tb->host[PDPT_ID] | tbl;
	tb->t[PDPT_ID][IDX(tramp_pa, 2)] = tb->host[PD_ID] | tbl;
	tb->t[PD_ID][IDX(tramp_pa, 1)] = tb->host[PT_ID] | tbl;
	tb->t[PT_ID][IDX(tramp_pa, 0)] = tramp_pa | P_ | RW_;
}

/* MAXPHYADDR, from /proc/cpuinfo ("address sizes : 40 bits physical");
 * 52 (no bit to spoil) if it cannot be read. */
static int phys_bits(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];
	int bits = 52;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "address sizes : %d bits physical", &bits) == 1)
			break;
	if (f)
		fclose(f);
	return bits;
}

/* START with one field spoiled; must be EINVAL. */
static void bad_start(int fd, const char *what, struct sc_ioc_start s)
{
	expect(what, ioctl(fd, SC_IOC_START, &s), EINVAL);
}

int main(int argc, char **argv)
{
	const uint64_t M = 1ull << 20;
	struct sc_ioc_chunks ch = { 0 };
	struct sc_ioc_create cr = { 0 };
	struct sc_ioc_start st;
	uint64_t addrs[SC_MAX_CHUNKS];
	void *m;
	int fd, fd2;

	fd = open(SC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (argc > 1 && !strcmp(argv[1], "--open-only"))
		return fd < 0 ? errno : 0;
	if (fd < 0) {
		perror(SC_DEVICE_PATH);
		return 1;
	}

	/* Nothing created yet. */
	expect("unknown request", ioctl(fd, _IO(SC_IOC_MAGIC, 99)), ENOTTY);
	expect("CREATE with a structure of another size",
	       ioctl(fd, _IOWR(SC_IOC_MAGIC, 1, uint64_t), addrs), ENOTTY);
	st = good_start();
	expect("START before CREATE", ioctl(fd, SC_IOC_START, &st), ENOENT);
	expect("KICK before CREATE", ioctl(fd, SC_IOC_KICK), ENOENT);
	expect("STOP before CREATE", ioctl(fd, SC_IOC_STOP), ENOENT);
	ch.addrs = (uint64_t)(uintptr_t)addrs;
	ch.count = SC_MAX_CHUNKS;
	expect("CHUNKS before CREATE", ioctl(fd, SC_IOC_CHUNKS, &ch), ENOENT);
	m = mmap(NULL, 4 * M, PROT_READ, MAP_SHARED, fd, 0);
	expect("mmap before CREATE", m == MAP_FAILED ? -1 : 0, ENOENT);

	/* CREATE arguments. */
	expect("CREATE with a NULL argument", ioctl(fd, SC_IOC_CREATE, NULL), EFAULT);
	expect("CREATE with an unmapped argument",
	       ioctl(fd, SC_IOC_CREATE, (void *)16), EFAULT);
	expect("CREATE CPU 99999", create(fd, 99999, 4 * M, 0), ENODEV);
	expect("CREATE CPU 0xffffffff", create(fd, 0xffffffffu, 4 * M, 0), ENODEV);
	expect("CREATE CPU 0", create(fd, 0, 4 * M, 0), EPERM);
	/* SC_CREATE_LINUX is the one flag there is (linux_guest.h). */
	expect("CREATE with an unknown flag", create(fd, 1, 4 * M, ~SC_CREATE_LINUX), EINVAL);
	expect("CREATE 0 bytes", create(fd, 1, 0, 0), EINVAL);
	expect("CREATE 3 MiB (not in 2 MiB steps)", create(fd, 1, 3 * M, 0), EINVAL);
	expect("CREATE 2 MiB (below the minimum)", create(fd, 1, 2 * M, 0), EINVAL);
	expect("CREATE 1 GiB + 2 MiB", create(fd, 1, SC_MEM_MAX + 2 * M, 0), EINVAL);
	expect("CREATE 2^64 - 2 MiB (overflows)", create(fd, 1, -(2 * M), 0), EINVAL);
	expect("CREATE 2^63", create(fd, 1, 1ull << 63, 0), EINVAL);

	/* A real partition (never started), then everything around it. */
	cr.cpu = 1;
	cr.mem_size = 4 * M;
	expect("CREATE CPU 1, 4 MiB", ioctl(fd, SC_IOC_CREATE, &cr), 0);
	expect("CREATE twice on one file", create(fd, 1, 4 * M, 0), EEXIST);
	fd2 = open(SC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	expect("CREATE on a CPU another file holds", create(fd2, 1, 4 * M, 0), EBUSY);
	close(fd2);
	ch.count = 0;
	expect("CHUNKS with room for 0", ioctl(fd, SC_IOC_CHUNKS, &ch), EINVAL);
	ch.count = SC_MAX_CHUNKS;
	ch.pad = 1;
	expect("CHUNKS with pad set", ioctl(fd, SC_IOC_CHUNKS, &ch), EINVAL);
	ch.pad = 0;
	ch.addrs = 16;
	expect("CHUNKS into an unmapped buffer", ioctl(fd, SC_IOC_CHUNKS, &ch), EFAULT);
	ch.addrs = (uint64_t)(uintptr_t)addrs;
	expect("CHUNKS after all that", ioctl(fd, SC_IOC_CHUNKS, &ch), 0);
	m = mmap(NULL, 6 * M, PROT_READ, MAP_SHARED, fd, 0);
	expect("mmap past the partition", m == MAP_FAILED ? -1 : 0, EINVAL);
	m = mmap(NULL, 4 * M, PROT_READ, MAP_PRIVATE, fd, 0);
	expect("mmap private", m == MAP_FAILED ? -1 : 0, EINVAL);
	m = mmap(NULL, 2 * M, PROT_READ, MAP_SHARED, fd, 2 * M);
	expect("mmap at an offset", m == MAP_FAILED ? -1 : 0, EINVAL);
	expect("KICK a partition not started", ioctl(fd, SC_IOC_KICK), EINVAL);

	st = good_start();
	st.pad = 1;
	bad_start(fd, "START with pad set", st);
	st = good_start();
	st.entry_va = SC_VIRT_BASE + 4 * M;
	bad_start(fd, "START with the entry past the memory", st);
	st = good_start();
	st.entry_va = 0x100000;
	bad_start(fd, "START with the entry below SC_VIRT_BASE", st);
	st = good_start();
	st.stack_va = 0;
	bad_start(fd, "START with stack 0", st);
	st = good_start();
	st.stack_va = SC_VIRT_BASE + 4 * M + 1;
	bad_start(fd, "START with the stack past the memory", st);
	st = good_start();
	st.bootinfo_va = SC_VIRT_BASE;
	bad_start(fd, "START with boot info elsewhere", st);
	st = good_start();
	st.pt_root = SC_PT_PA + 8;
	bad_start(fd, "START with an unaligned page-table root", st);
	st = good_start();
	st.pt_root = SC_CHUNK_SIZE;
	bad_start(fd, "START with the page-table root past chunk 0", st);
	st = good_start();
	st.pt_root = -4096ull;
	bad_start(fd, "START with the page-table root at 2^64 - 4 KiB", st);
	st = good_start();
	st.timeout_ms = SC_START_TIMEOUT_MAX_MS + 1;
	bad_start(fd, "START with a timeout over 600 s", st);

	/* Page tables that would triple-fault the CPU: each refused. */
	{
		uint64_t tp = cr.tramp_pa;
		struct tables tb;
		uint8_t *mem;

		mem = mmap(NULL, 4 * M, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		expect("mmap read-write", mem == MAP_FAILED ? -1 : 0, 0);
		if (mem != MAP_FAILED) {
			st = good_start();
			memset(mem + SC_PT_PA, 0, SC_PT_PAGES * 4096ull);
			bad_start(fd, "START with empty page tables", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PML4][IDX(tp, 3)] = 0;
			bad_start(fd, "START without the trampoline's identity map", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PT_ID][IDX(tp, 0)] = (tp + 4096) | P_ | RW_;
			bad_start(fd, "START with the trampoline mapped to the next page", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PT_ID][IDX(tp, 0)] = tp | P_;
			bad_start(fd, "START with the trampoline page read-only", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PD_ID][IDX(tp, 1)] |= NX_;
			bad_start(fd, "START with the trampoline not executable", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PML4][IDX(SC_VIRT_BASE, 3)] = 0x1000 | P_ | RW_;
			bad_start(fd, "START with a table in host memory (0x1000)", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PD_MEM][0] |= NX_;
			bad_start(fd, "START with the entry not executable", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PD_MEM][0] = 0 | P_ | RW_ | PS_;
			bad_start(fd, "START with the entry in host memory (0)", st);

			tables_good(&tb, mem, addrs, 2, tp);
			/* Bit 12 of a large page is PAT; 13..20 are reserved. */
			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PD_MEM][0] = (addrs[0] + 0x2000) | P_ | RW_ | PS_;
			bad_start(fd, "START with a 2 MiB page not 2 MiB aligned", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PD_MEM][0] &= ~RW_;
			bad_start(fd, "START with the stack and boot info read-only", st);

			tables_good(&tb, mem, addrs, 2, tp);
			tb.t[PD_MEM][0] = addrs[1] | P_ | RW_ | PS_;
			tb.t[PD_MEM][1] = addrs[0] | P_ | RW_ | PS_;
			bad_start(fd, "START with boot info mapped to another page", st);

			if (phys_bits() < 52) {
				tables_good(&tb, mem, addrs, 2, tp);
				tb.t[PD_MEM][0] |= 1ull << phys_bits();
				bad_start(fd, "START with an address bit above MAXPHYADDR", st);
			}

			/* The good tables, but the state already UP: the
			 * earlier check still refuses (never a real SIPI). */
			tables_good(&tb, mem, addrs, 2, tp);
			((struct sc_boot_info *)(mem + SC_BOOTINFO_PA))->state = SC_STATE_UP;
			bad_start(fd, "START with good tables and boot info not BOOTING", st);
			munmap(mem, 4 * M);
		}
	}

	expect("STOP", ioctl(fd, SC_IOC_STOP), 0);
	expect("STOP again", ioctl(fd, SC_IOC_STOP), 0);
	st = good_start();
	expect("START after STOP", ioctl(fd, SC_IOC_START, &st), EINVAL);
	expect("KICK after STOP", ioctl(fd, SC_IOC_KICK), EINVAL);
	close(fd);
	printf("ioctl_abuse: %s\n", failed ? "FAILED" : "all refused as expected");
	return failed;
}
