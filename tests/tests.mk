# Test targets; included by the top-level Makefile.

# --- unit begin
# Unit tests (CUnit, tests/unit/), run on the build machine. `make unit`
# links them against the service library, then runs the ring's two-thread
# stress test plain and under ThreadSanitizer (ring-stress, ring-tsan: see
# the bench block); `make unit-asan` compiles the library sources with the
# CUnit tests under AddressSanitizer + UBSan.
# The partition's network stack is built for the host here too (it needs
# nothing from the partition; tests/unit/net_harness.c is its world).
unit_tests := main.c net_harness.c test_acpi.c test_args.c test_bench_line.c \
	test_blk_backend.c test_blk_validate.c test_config.c test_dev_buf.c test_devices.c \
	test_hostinfo.c test_image.c test_linuxguest.c \
	test_names.c test_net_backend.c test_net_ip.c test_net_l2.c test_net_tcp.c \
	test_net_validate.c test_pagetable.c test_ratelimit.c test_ring.c \
	test_stats.c test_storm.c test_watchdog.c
UNIT_SRCS := $(addprefix tests/unit/,$(unit_tests)) \
	$(addprefix partition/net/,$(filter-out addr_text.c,$(part_net)))
UNIT_LIBS := -lcunit -lelf -linih -ljson-c -lpthread -lm -luring
UNIT_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

.PHONY: unit unit-asan
# Built by the service's rule ($(BUILD)/host/%.c.o), with its flags.
$(BUILD)/unit_tests: $(patsubst %,$(BUILD)/host/%.o,$(UNIT_SRCS)) $(BUILD)/libsparecore.a
	$(CC) -o $@ $^ $(UNIT_LIBS)

unit: $(BUILD)/unit_tests
	$(BUILD)/unit_tests
	sh tests/e2e/check_selftest.sh
	$(MAKE) --no-print-directory ring-stress ring-tsan

# The same sources and the service library's, all under the sanitizers.
$(BUILD)/asan/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(SVC_INC) -O1 $(UNIT_SAN) $(DEPFLAGS) -c $< -o $@
# Assembly (the Linux guest's entry shim: bytes the service copies out)
# has nothing to sanitize.
$(BUILD)/asan/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@
$(BUILD)/unit_tests_asan: $(patsubst %,$(BUILD)/asan/%.o,$(sort $(UNIT_SRCS) $(SVC_SRCS))) $(BIOS_OBJ)
	$(CC) $(UNIT_SAN) -o $@ $^ $(UNIT_LIBS)

unit-asan: $(BUILD)/unit_tests_asan
	ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(BUILD)/unit_tests_asan
# --- unit end

# --- disk benchmark's host side (runs in the lab VM; the lab copies
# build/hostio): the host's own O_DIRECT I/O in the shapes of `blk bench`.
$(BUILD)/hostio: tests/bench/hostio.c
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -o $@ $< -luring
all: $(BUILD)/hostio

# --- network test tool (runs in the lab VM; the lab copies build/nettest)
$(BUILD)/nettest: tests/net/nettest.c
	@mkdir -p $(BUILD)
	$(CC) -std=gnu11 -O2 $(WARN) -o $@ $<
all: $(BUILD)/nettest

# --- OS-noise benchmark's Linux side (runs in the lab VM; the lab copies
# build/noise): partition/cmd/noise.c's measurement as a pinned Linux thread.
NOISE_SRCS := tests/bench/noise.c partition/lib/noise_core.c partition/lib/sort_u64.c
$(BUILD)/noise: $(NOISE_SRCS) partition/lib/noise_core.h partition/lib/sort_u64.h
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -Ipartition/lib -o $@ $(NOISE_SRCS)
all: $(BUILD)/noise

# --- bench begin
# The ring across two threads (tests/ring_stress/): 10M messages per mode
# with sequence numbers and checksums, random batches, doorbells only when
# a side armed. ring-tsan runs it under ThreadSanitizer with fewer messages
# (TSan slows it about tenfold). `make bench` runs `sparecore bench`.
RING_STRESS_SRCS := tests/ring_stress/ring_stress.c paravirt-drivers/ring.c
RING_STRESS_DEPS := $(RING_STRESS_SRCS) $(wildcard include/sparecore/*.h)
RING_STRESS_N ?= 10000000
RING_TSAN_N ?= 1000000

.PHONY: ring-stress ring-tsan bench bench-check
$(BUILD)/ring_stress: $(RING_STRESS_DEPS)
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -o $@ $(RING_STRESS_SRCS) -lpthread

# GCC warns (-Wtsan) that TSan does not model atomic_thread_fence. The ring
# orders its data with release/acquire, which TSan does check; its fences
# order only the arm/flush handshake, which the test checks itself (a lost
# doorbell fails it).
$(BUILD)/ring_stress_tsan: $(RING_STRESS_DEPS)
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -O1 -Wno-tsan -fsanitize=thread -o $@ \
		$(RING_STRESS_SRCS) -lpthread

ring-stress: $(BUILD)/ring_stress
	$(BUILD)/ring_stress -n $(RING_STRESS_N)

ring-tsan: $(BUILD)/ring_stress_tsan
	TSAN_OPTIONS=halt_on_error=1 $(BUILD)/ring_stress_tsan -n $(RING_TSAN_N)

bench: $(BUILD)/sparecore
	$(BUILD)/sparecore bench

# `sparecore bench` end to end, output checked, no speed asserted.
bench-check: $(BUILD)/sparecore
	bash tests/bench/check.sh $(BUILD)/sparecore
# --- bench end
# --- acpi begin
# The partition's ACPI tables as ACPICA's tools see them (tests/acpi/
# check.sh): iasl -d of every table clean and round-tripping, acpiexec
# evaluating each device's _HID and _CRS. Build machine only, no root.
.PHONY: acpi-check
acpi-check: service
	bash tests/acpi/check.sh $(BUILD)
# --- acpi end
# --- fuzz
# libFuzzer targets (tests/fuzz/) for every place where the host reads what
# a partition or a user wrote: the console backend and ring consumer, the
# crash report printer, the ELF loader, the disk backend's request checks,
# and the partition's network receive path. Built with clang under ASan and
# UBSan. `make fuzz` runs each for FUZZ_SECONDS (default 60) and keeps the
# corpus in build/fuzz/; `make fuzz-quick` (in make test) runs each for
# 10 s; `make fuzz FUZZ_TARGETS=blk FUZZ_SECONDS=600` runs one for longer.
FUZZ_CC ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= console crash image blk net_rx
FUZZ_CFLAGS := -std=gnu11 -g -O1 $(WARN) $(SVC_INC) -Itests/unit -D_GNU_SOURCE \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
# What each target links besides its own tests/fuzz/fuzz_NAME.c.
fuzz_console := host/service/devices/console_backend.c host/service/devices/ring_broken.c \
	host/service/lib/tty.c host/service/lib/util.c paravirt-drivers/ring.c
fuzz_crash   := host/service/supervise/crash_report.c
fuzz_image   := host/service/loader/image.c
fuzz_blk     := host/service/devices/blk_validate.c host/service/devices/dev_buf.c
fuzz_net_rx  := tests/unit/net_harness.c $(addprefix partition/net/,$(part_net))
# Extra libFuzzer options for a target.
fuzz_opts_net_rx := -max_len=4096

$(BUILD)/fuzz/obj/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) -c $< -o $@
.SECONDEXPANSION:
$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/obj/tests/fuzz/fuzz_%.c.o \
		$$(patsubst %,$(BUILD)/fuzz/obj/%.o,$$(fuzz_$$*))
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^ -lelf

.PHONY: fuzz fuzz-build fuzz-quick
fuzz-build: $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZ_TARGETS))

# Each target in turn; its log is build/fuzz/TARGET.log, a finding is saved
# as build/fuzz/TARGET-crash-* (replay: build/fuzz/fuzz_TARGET FILE).
fuzz: fuzz-build $(BUILD)/partition.elf $(BUILD)/hostile.elf
	@mkdir -p $(BUILD)/fuzz/corpus-image
	@cp $(BUILD)/partition.elf $(BUILD)/hostile.elf $(BUILD)/fuzz/corpus-image/
	@$(foreach t,$(FUZZ_TARGETS),opts_$(t)='$(fuzz_opts_$(t))';) \
	for t in $(FUZZ_TARGETS); do \
		eval opts=\$$opts_$$t; \
		mkdir -p $(BUILD)/fuzz/corpus-$$t; \
		echo "fuzz $$t: $(FUZZ_SECONDS) s"; \
		if ! $(BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/$$t- \
			$$opts \
			$(BUILD)/fuzz/corpus-$$t >$(BUILD)/fuzz/$$t.log 2>&1; then \
			tail -n 40 $(BUILD)/fuzz/$$t.log; \
			echo "fuzz $$t: FAILED (log: $(BUILD)/fuzz/$$t.log)"; exit 1; \
		fi; \
		sed -n 's/^stat::number_of_executed_units: */fuzz '$$t': runs: /p' $(BUILD)/fuzz/$$t.log; \
	done

fuzz-quick:
	$(MAKE) fuzz FUZZ_SECONDS=10

# --- lab helpers, built by `make all` so the lab VM carries them:
# fake_abi.so, an LD_PRELOAD shim for the bad-input test (a module that
# speaks another ioctl contract version); ioctl_abuse, every ioctl with arguments the
# module must refuse (tests/e2e/access.sh).
.PHONY: lab-helpers
all: lab-helpers
lab-helpers: $(BUILD)/fake_abi.so $(BUILD)/ioctl_abuse $(BUILD)/stray_ipi \
	$(BUILD)/ptyrun
$(BUILD)/fake_abi.so: tests/fake_abi.c include/sparecore/ioctl.h include/sparecore/abi.h
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -shared -fPIC -o $@ $< -ldl
$(BUILD)/ioctl_abuse: tests/ioctl_abuse.c $(wildcard include/sparecore/*.h)
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -o $@ $<
# stray_ipi: the module sends a partition NMIs and unknown vectors
# (tests/e2e/stray.sh).
$(BUILD)/stray_ipi: tests/stray_ipi.c $(wildcard include/sparecore/*.h)
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -o $@ $<
# ptyrun: `run` on a pseudo-terminal, stopped by Ctrl-], ^C or a hang-up
# (tests/e2e/pty.sh).
$(BUILD)/ptyrun: tests/ptyrun.c
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -o $@ $<

# --- hostile partition
# A test image (tests/hostile/) that attacks the host through the rings and
# the doorbell: the partition's runtime (core, lib, net, drivers: everything
# but the shell and its commands) plus tests/hostile/*.c; same link map,
# same sparecore note.
# Built by `make all` so the lab VM always carries it.
HOSTILE_OBJS := $(PART_RUNTIME_OBJS) \
	$(call part_objs,$(addprefix tests/hostile/,hostile.c hostile_blk.c hostile_io.c hostile_net.c))

.PHONY: hostile
all: hostile
hostile: $(BUILD)/hostile.elf
$(BUILD)/hostile.elf: $(HOSTILE_OBJS) partition/core/partition.ld
	$(CC) $(PART_LDFLAGS) -T partition/core/partition.ld -o $@ $(HOSTILE_OBJS) -lgcc

# --- e2e and demo (lab VM: QEMU TCG booting Debian's kernel)
LAB := tests/lab/lab

# The kernels the suite runs on: KVER (Debian 12's 6.1 unless the running
# kernel has headers: scripts/kver.sh), the newest 6.12 and the newest 6.12
# PREEMPT_RT that scripts/deps.sh installed from bookworm-backports.
KVER_612 ?= $(shell ls /lib/modules 2>/dev/null | grep -E '^6\.12\..*[0-9]-amd64$$' | sort -V | tail -1)
KVER_RT ?= $(shell ls /lib/modules 2>/dev/null | grep -E '^6\.12\..*-rt-amd64$$' | sort -V | tail -1)
# How people who want a quiet core configure Linux: CPU 1 isolated from the
# scheduler's load balancing, managed IRQs, the tick and RCU callbacks.
ISOLATE := isolcpus=nohz,domain,managed_irq,1 nohz_full=1 rcu_nocbs=1
ISOLATE_NODOMAIN := isolcpus=nohz,managed_irq,1 nohz_full=1 rcu_nocbs=1
need-kver = @test -n "$(1)" || { echo "no $(2) kernel with headers installed: run 'make deps'" >&2; exit 1; }

.PHONY: e2e e2e-xapic e2e-x2apic e2e-neighbour e2e-612 e2e-rt test demo demo-shell bench-net bench-disk bench-noise \
	bench-ring e2e-ringbench e2e-safety
e2e: e2e-xapic e2e-x2apic e2e-neighbour e2e-ringbench e2e-612 e2e-rt e2e-safety e2e-linux

e2e-xapic: all
	$(LAB) --cpus 2 tests/e2e/all.sh

e2e-x2apic: all
	$(LAB) --cpus 2 --x2apic tests/e2e/all.sh

# The whole suite on 6.12 (xAPIC host; 6.1 covers x2APIC and the 4-CPU
# host), with the module built for that kernel in build/kmod/KVER_612/.
e2e-612: all
	$(call need-kver,$(KVER_612),6.12)
	$(MAKE) --no-print-directory module KVER=$(KVER_612)
	$(LAB) --kernel $(KVER_612) --cpus 2 tests/e2e/all.sh

# PREEMPT_RT with CPU 1 isolated and tickless (all but domain isolation,
# which 6.12 cannot offline: isolated_domain.sh): start/stop, cycles,
# watchdog, kill, noise, the CPU coming back isolated. Then a 3-CPU host
# with CPU 1 isolated the full way: sparecore's answer there, and the
# OS-noise benchmark with Linux's thread on that CPU against the partition
# on CPU 2 (one short round, numbers printed, nothing asserted on them).
e2e-rt: all
	$(call need-kver,$(KVER_RT),6.12 PREEMPT_RT)
	$(MAKE) --no-print-directory module KVER=$(KVER_RT)
	$(LAB) --kernel $(KVER_RT) --cpus 2 --append "$(ISOLATE_NODOMAIN)" \
		tests/e2e/all.sh boot cycles watchdog kill noise isolated
	$(LAB) --kernel $(KVER_RT) --cpus 3 --append "$(ISOLATE)" tests/e2e/all.sh isolated_domain
	$(LAB) --kernel $(KVER_RT) --cpus 3 --append "$(ISOLATE)" tests/bench/noise.sh 1000 1000 1 2 1

# Network benchmark: the partition against a network namespace on veth.
bench-net: all
	$(LAB) --cpus 2 tests/bench/net.sh

# The partition's disk against the host's own O_DIRECT I/O (docs/numbers.md).
bench-disk: all
	$(LAB) --cpus 2 tests/bench/disk.sh

# OS noise: a work quantum's spread on the partition CPU against a Linux
# thread pinned to the same CPU (docs/numbers.md).
# On each kernel twice: Linux's thread pinned to CPU 1 as it comes, with
# the partition on CPU 1 too; then CPU 1 isolated the full way ($(ISOLATE),
# the best Linux offers) on a 3-CPU host, Linux's thread there and the
# partition on CPU 2 (6.12 cannot offline a domain-isolated CPU).
NOISE_ARGS ?= 2000 1000 3
bench-noise: all
	$(call need-kver,$(KVER_612),6.12)
	$(call need-kver,$(KVER_RT),6.12 PREEMPT_RT)
	$(MAKE) --no-print-directory module KVER=$(KVER_612)
	$(MAKE) --no-print-directory module KVER=$(KVER_RT)
	for k in $(KVER) $(KVER_612) $(KVER_RT); do \
		$(LAB) --kernel $$k --cpus 2 tests/bench/noise.sh $(NOISE_ARGS) 1 1 || exit 1; \
		$(LAB) --kernel $$k --cpus 3 --append "$(ISOLATE)" tests/bench/noise.sh $(NOISE_ARGS) 2 1 || exit 1; \
	done

# The partition <-> host path: `sparecore bench --cpu 2` in a 3-CPU lab
# (docs/numbers.md). BENCH_RING_N: round trips per test.
BENCH_RING_N ?= 100000
bench-ring: all
	$(LAB) --cpus 3 tests/bench/ring.sh $(BENCH_RING_N)

# The ringbench e2e test with the CPUs its bench --cpu part needs (all.sh
# runs it with 2, where bench --cpu must refuse). make e2e runs it.
e2e-ringbench: all
	$(LAB) --cpus 3 tests/e2e/all.sh ringbench
	$(LAB) --cpus 3 --x2apic tests/e2e/all.sh ringbench

# Host safety on a 4-CPU host, where Linux broadcasts IPIs (stray.sh: 0
# strays under host TLB-flush load; hostsafety.sh: hotplug guard, hotplug
# loop, suspend, trampoline page), on 6.1 and 6.12 (docs/host-safety.md).
e2e-safety: all
	$(call need-kver,$(KVER_612),6.12)
	$(MAKE) --no-print-directory module KVER=$(KVER_612)
	$(LAB) --cpus 4 tests/e2e/all.sh stray hostsafety
	$(LAB) --kernel $(KVER_612) --cpus 4 tests/e2e/all.sh stray hostsafety

# A Linux guest (docs/linux-guest.md): the lab's own kernel on CPU 1, which
# needs 256 MiB of contiguous memory, hence the bigger lab; 20 cycles,
# rmmod and kill -9 on the xAPIC host (linux_cycles.sh).
.PHONY: e2e-linux
e2e-linux: all guest
	$(LAB) --cpus 2 --mem 2048 tests/e2e/all.sh linux_guest linux_cycles
	$(LAB) --cpus 2 --mem 2048 --x2apic tests/e2e/all.sh linux_guest

# The hostile partition on CPU 1 while a well-behaved one runs on CPU 2.
e2e-neighbour: all
	$(LAB) --cpus 4 tests/e2e/all.sh hostile hostile_io multi

# Installs what it needs, builds, then unit tests and end-to-end tests.
test: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) install-test
	$(MAKE) sdk-check
	$(MAKE) bench-check
	$(MAKE) acpi-check
	$(MAKE) unit-asan
	$(MAKE) fuzz-quick
	$(MAKE) e2e

# 2 GiB: the Linux guest at the end takes 256 MiB of contiguous memory.
demo: deps
	$(MAKE) all guest
	$(LAB) --cpus 2 --mem 2048 tests/demo/demo.sh

demo-shell: deps
	$(MAKE) all
	$(LAB) --cpus 2 --interactive tests/demo/shell.sh

# --- sdk begin
# The partition SDK as a user gets it: make install into a temporary
# DESTDIR, the examples built out of tree with pkg-config from there
# (tests/sdk/check.sh, into build/examples/), then run in the lab
# (tests/e2e/sdk.sh: periodic's jitter line and exit, udp_echo over a TAP).
.PHONY: sdk-check
sdk-check: all
	bash tests/sdk/check.sh $(BUILD)
	$(LAB) --cpus 2 tests/e2e/all.sh sdk
# --- sdk end

# --- ops begin
# Packaging (packaging/, make install): installed files, man pages,
# systemd unit, bash completion, the DKMS tree; on the build machine.
.PHONY: install-test
install-test: all
	bash tests/packaging/check.sh $(VERSION) $(KVER)
# --- ops end
