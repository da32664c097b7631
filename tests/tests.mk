# Test targets; included by the top-level Makefile.

# --- unit begin
# Unit tests (CUnit, tests/unit/), run on the build machine. `make unit`
# links them against the service library, then runs the ring's two-thread
# stress test plain and under ThreadSanitizer (ring-stress, ring-tsan: see
# the bench block); `make unit-asan` compiles the library sources with the
# CUnit tests under AddressSanitizer + UBSan.
# The partition's network stack is built for the host here too (it needs
# nothing from the partition; tests/unit/net_harness.c is its world).
UNIT_SRCS := $(wildcard tests/unit/*.c) $(wildcard partition/net/*.c)
UNIT_HDRS := $(wildcard tests/unit/*.h include/sparecore/*.h host/service/*.h \
	host/service/linuxguest/*.h \
	partition/net/*.h)
UNIT_CFLAGS := $(HOST_CFLAGS) -Ihost/service
UNIT_LIBS := -lcunit -lelf -linih -ljson-c -lpthread -lm -luring
UNIT_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

.PHONY: unit unit-asan
$(BUILD)/unit_tests: $(UNIT_SRCS) $(UNIT_HDRS) $(BUILD)/libsparecore.a
	@mkdir -p $(BUILD)
	$(CC) $(UNIT_CFLAGS) -o $@ $(UNIT_SRCS) $(BUILD)/libsparecore.a $(UNIT_LIBS)

unit: $(BUILD)/unit_tests
	$(BUILD)/unit_tests
	$(MAKE) --no-print-directory ring-stress ring-tsan

$(BUILD)/unit_tests_asan: $(UNIT_SRCS) $(UNIT_HDRS) $(SVC_SRCS) $(BIOS_OBJ)
	@mkdir -p $(BUILD)
	$(CC) $(UNIT_CFLAGS) -O1 $(UNIT_SAN) -o $@ $(sort $(UNIT_SRCS) $(SVC_SRCS)) $(BIOS_OBJ) $(UNIT_LIBS)

unit-asan: $(BUILD)/unit_tests_asan
	ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(BUILD)/unit_tests_asan
# --- unit end

# --- fuzzing (libFuzzer, clang-14): the partition's network receive path
# and the disk backend's request checks (tests/fuzz/fuzz_blk.c). `make fuzz`
# builds and runs each for FUZZ_SECS seconds (`make fuzz` and make test
# run it as fuzz-dev); `make fuzz-blk` runs the disk one for FUZZ_TIME seconds (default 600), keeping
# its corpus in build/fuzz/blk.
FUZZ_CC ?= clang-14
FUZZ_SECS ?= 20
FUZZ_TIME ?= 600
FUZZ_FLAGS := -std=gnu11 -g -O1 -Iinclude -Itests/unit \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
.PHONY: fuzz-dev fuzz-blk
$(BUILD)/fuzz_net_rx: tests/fuzz/fuzz_net_rx.c tests/unit/net_harness.c \
		$(wildcard partition/net/*.c partition/net/*.h tests/unit/net_harness.h)
	@mkdir -p $(BUILD)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_net_rx.c \
		tests/unit/net_harness.c $(wildcard partition/net/*.c)

$(BUILD)/fuzz_blk: tests/fuzz/fuzz_blk.c host/service/blk_validate.c \
		host/service/blk_validate.h $(wildcard include/sparecore/*.h)
	@mkdir -p $(BUILD)
	$(FUZZ_CC) $(FUZZ_FLAGS) -Wall -Wextra -Werror -Ihost/service -D_GNU_SOURCE \
		-o $@ tests/fuzz/fuzz_blk.c host/service/blk_validate.c

fuzz-dev: $(BUILD)/fuzz_net_rx $(BUILD)/fuzz_blk
	@mkdir -p $(BUILD)/fuzz-corpus
	$(BUILD)/fuzz_net_rx -max_total_time=$(FUZZ_SECS) -max_len=4096 \
		-print_final_stats=1 $(BUILD)/fuzz-corpus
	$(BUILD)/fuzz_blk -max_total_time=$(FUZZ_SECS) -seed=1 -print_final_stats=1

fuzz-blk: $(BUILD)/fuzz_blk
	@mkdir -p $(BUILD)/fuzz/blk
	$(BUILD)/fuzz_blk -max_total_time=$(FUZZ_TIME) -print_final_stats=1 $(BUILD)/fuzz/blk

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
# build/noise): partition/noise.c's measurement as a pinned Linux thread.
NOISE_SRCS := tests/bench/noise.c partition/noise_core.c partition/sort_u64.c
$(BUILD)/noise: $(NOISE_SRCS) partition/noise_core.h partition/sort_u64.h
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -Ipartition -o $@ $(NOISE_SRCS)
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
# crash report printer, the ELF loader. Built with clang under ASan and
# UBSan. `make fuzz` runs each for FUZZ_SECONDS (default 60) and keeps the
# corpus in build/fuzz/; `make test` runs each for 10 s.
FUZZ_CC ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -std=gnu11 -g -O1 $(WARN) -Iinclude -Ihost/service -D_GNU_SOURCE \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS := console crash image
FUZZ_HDRS := $(wildcard include/sparecore/*.h host/service/*.h)

.PHONY: fuzz fuzz-build fuzz-quick
fuzz-build: $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZ_TARGETS))
$(BUILD)/fuzz/fuzz_console: tests/fuzz/fuzz_console.c host/service/console.c host/service/ring_broken.c \
		host/service/tty.c \
		host/service/util.c paravirt-drivers/ring.c $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(filter %.c,$^)
$(BUILD)/fuzz/fuzz_crash: tests/fuzz/fuzz_crash.c host/service/crash_report.c $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(filter %.c,$^)
$(BUILD)/fuzz/fuzz_image: tests/fuzz/fuzz_image.c host/service/image.c $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(filter %.c,$^) -lelf

# Each target in turn; its log is build/fuzz/TARGET.log, a finding is saved
# as build/fuzz/TARGET-crash-* (replay: build/fuzz/fuzz_TARGET FILE).
fuzz: fuzz-build $(BUILD)/partition.elf $(BUILD)/hostile.elf
	@mkdir -p $(BUILD)/fuzz/corpus-image
	@cp $(BUILD)/partition.elf $(BUILD)/hostile.elf $(BUILD)/fuzz/corpus-image/
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(BUILD)/fuzz/corpus-$$t; \
		echo "fuzz $$t: $(FUZZ_SECONDS) s"; \
		if ! $(BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/$$t- \
			$(BUILD)/fuzz/corpus-$$t >$(BUILD)/fuzz/$$t.log 2>&1; then \
			tail -n 40 $(BUILD)/fuzz/$$t.log; \
			echo "fuzz $$t: FAILED (log: $(BUILD)/fuzz/$$t.log)"; exit 1; \
		fi; \
		sed -n 's/^stat::number_of_executed_units: */fuzz '$$t': runs: /p' $(BUILD)/fuzz/$$t.log; \
	done

# The device fuzzers (network receive path, disk request checks) too.
fuzz: fuzz-dev

fuzz-quick:
	$(MAKE) fuzz FUZZ_SECONDS=10 FUZZ_SECS=10

# --- lab helpers, built by `make all` so the lab VM carries them:
# fake_abi.so, an LD_PRELOAD shim for the bad-input test (a module that
# speaks another ABI version); ioctl_abuse, every ioctl with arguments the
# module must refuse (tests/e2e/access.sh).
.PHONY: lab-helpers
all: lab-helpers
lab-helpers: $(BUILD)/fake_abi.so $(BUILD)/ioctl_abuse
$(BUILD)/fake_abi.so: tests/fake_abi.c include/sparecore/ioctl.h include/sparecore/abi.h
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -shared -fPIC -o $@ $< -ldl
$(BUILD)/ioctl_abuse: tests/ioctl_abuse.c $(wildcard include/sparecore/*.h)
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -o $@ $<

# --- hostile partition
# A test image (tests/hostile/) that attacks the host through the rings and
# the doorbell: the real partition's objects minus its main, shell and fault
# commands, plus tests/hostile/*.c; same link map, same sparecore note.
# Built by `make all` so the lab VM always carries it.
HOSTILE_OBJS := $(filter-out $(addprefix $(BUILD)/part/partition/,main.c.o shell.c.o faults.c.o),$(PART_OBJS)) \
	$(patsubst %,$(BUILD)/part/%.o,$(wildcard tests/hostile/*.c))

$(filter $(BUILD)/part/tests/hostile/%,$(HOSTILE_OBJS)): tests/hostile/hostile.h
.PHONY: hostile
all: hostile
hostile: $(BUILD)/hostile.elf
$(BUILD)/hostile.elf: $(HOSTILE_OBJS) partition/partition.ld
	$(CC) $(PART_LDFLAGS) -T partition/partition.ld -o $@ $(HOSTILE_OBJS) -lgcc

# --- e2e and demo (lab VM: QEMU TCG booting Debian's kernel)
LAB := tests/lab/lab

.PHONY: e2e e2e-xapic e2e-x2apic e2e-neighbour test demo demo-shell bench-net bench-disk bench-noise \
	bench-ring e2e-ringbench
e2e: e2e-xapic e2e-x2apic e2e-neighbour e2e-ringbench

e2e-xapic: all
	$(LAB) --cpus 2 tests/e2e/all.sh

e2e-x2apic: all
	$(LAB) --cpus 2 --x2apic tests/e2e/all.sh

# Network benchmark: the partition against a network namespace on veth.
bench-net: all
	$(LAB) --cpus 2 tests/bench/net.sh

# The partition's disk against the host's own O_DIRECT I/O (README table).
bench-disk: all
	$(LAB) --cpus 2 tests/bench/disk.sh

# OS noise: a work quantum's spread on the partition CPU against a Linux
# thread pinned to the same CPU (README table).
bench-noise: all
	$(LAB) --cpus 2 tests/bench/noise.sh

# The partition <-> host path: `sparecore bench --cpu 2` in a 3-CPU lab
# (README table). BENCH_RING_N: round trips per test.
BENCH_RING_N ?= 100000
bench-ring: all
	$(LAB) --cpus 3 tests/bench/ring.sh $(BENCH_RING_N)

# The ringbench e2e test with the CPUs its bench --cpu part needs (all.sh
# runs it with 2, where bench --cpu must refuse). make e2e runs it.
e2e-ringbench: all
	$(LAB) --cpus 3 tests/e2e/all.sh ringbench
	$(LAB) --cpus 3 --x2apic tests/e2e/all.sh ringbench

# A Linux guest (docs/linux-guest.md): the lab's own kernel on CPU 1, which
# needs 256 MiB of contiguous memory, hence the bigger lab.
.PHONY: e2e-linux
e2e-linux: all guest
	$(LAB) --cpus 2 --mem 2048 tests/e2e/all.sh linux_guest
	$(LAB) --cpus 2 --mem 2048 --x2apic tests/e2e/all.sh linux_guest

# The hostile partition on CPU 1 while a well-behaved one runs on CPU 2.
e2e-neighbour: all
	$(LAB) --cpus 4 tests/e2e/all.sh hostile hostile_io multi

# Installs what it needs, builds, then unit tests and end-to-end tests.
test: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) install-test
	$(MAKE) bench-check
	$(MAKE) acpi-check
	$(MAKE) unit-asan
	$(MAKE) fuzz-quick
	$(MAKE) e2e

demo: deps
	$(MAKE) all
	$(LAB) --cpus 2 tests/demo/demo.sh

demo-shell: deps
	$(MAKE) all
	$(LAB) --cpus 2 --interactive tests/demo/shell.sh

# --- ops begin
# Packaging (packaging/, make install): installed files, man pages,
# systemd unit, bash completion, the DKMS tree; on the build machine.
.PHONY: install-test
install-test: all
	bash tests/packaging/check.sh $(VERSION) $(KVER)
# --- ops end
