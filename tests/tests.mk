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
	partition/net/*.h)
UNIT_CFLAGS := $(HOST_CFLAGS) -Ihost/service
UNIT_LIBS := -lcunit -lelf -linih -lpthread -lm -luring
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
	$(CC) $(UNIT_CFLAGS) -O1 $(UNIT_SAN) -o $@ $(UNIT_SRCS) $(SVC_SRCS) $(BIOS_OBJ) $(UNIT_LIBS)

unit-asan: $(BUILD)/unit_tests_asan
	ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(BUILD)/unit_tests_asan
# --- unit end

# --- fuzzing (libFuzzer, clang-14): the partition's network receive path
# and the disk backend's request checks (tests/fuzz/fuzz_blk.c). `make fuzz`
# builds and runs each for FUZZ_SECS seconds (part of make test); `make
# fuzz-blk` runs the disk one for FUZZ_TIME seconds (default 600), keeping
# its corpus in build/fuzz/blk.
FUZZ_CC ?= clang-14
FUZZ_SECS ?= 20
FUZZ_TIME ?= 600
FUZZ_FLAGS := -std=gnu11 -g -O1 -Iinclude -Itests/unit \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
.PHONY: fuzz fuzz-blk
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

fuzz: $(BUILD)/fuzz_net_rx $(BUILD)/fuzz_blk
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

# --- bench begin
# The ring across two threads (tests/ring_stress/): 10M messages per mode
# with sequence numbers and checksums, random batches, doorbells only when
# a side armed. ring-tsan runs it under ThreadSanitizer with fewer messages
# (TSan slows it about tenfold). `make bench` runs `sparecore bench`.
RING_STRESS_SRCS := tests/ring_stress/ring_stress.c paravirt-drivers/ring.c
RING_STRESS_DEPS := $(RING_STRESS_SRCS) $(wildcard include/sparecore/*.h)
RING_STRESS_N ?= 10000000
RING_TSAN_N ?= 1000000

.PHONY: ring-stress ring-tsan bench
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
# --- bench end
# --- acpi begin
# The partition's ACPI tables as ACPICA's tools see them (tests/acpi/
# check.sh): iasl -d of every table clean and round-tripping, acpiexec
# evaluating each device's _HID and _CRS. Build machine only, no root.
.PHONY: acpi-check
acpi-check: service
	bash tests/acpi/check.sh $(BUILD)
# --- acpi end

# --- e2e and demo (lab VM: QEMU TCG booting Debian's kernel)
LAB := tests/lab/lab

.PHONY: e2e e2e-xapic e2e-x2apic test demo demo-shell bench-net bench-disk
e2e: e2e-xapic e2e-x2apic

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

# Installs what it needs, builds, then unit tests and end-to-end tests.
test: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) install-test
	$(MAKE) acpi-check
	$(MAKE) fuzz
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
