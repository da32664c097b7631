# Test targets; included by the top-level Makefile.

# --- unit begin
# Unit tests (CUnit, tests/unit/), run on the build machine. `make unit`
# links them against the service library; `make unit-asan` compiles the
# library sources with them under AddressSanitizer + UBSan.
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_HDRS := $(wildcard tests/unit/*.h include/sparecore/*.h host/service/*.h)
UNIT_CFLAGS := $(HOST_CFLAGS) -Ihost/service
UNIT_LIBS := -lcunit -lelf -luring
UNIT_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

.PHONY: unit unit-asan
$(BUILD)/unit_tests: $(UNIT_SRCS) $(UNIT_HDRS) $(BUILD)/libsparecore.a
	@mkdir -p $(BUILD)
	$(CC) $(UNIT_CFLAGS) -o $@ $(UNIT_SRCS) $(BUILD)/libsparecore.a $(UNIT_LIBS)

unit: $(BUILD)/unit_tests
	$(BUILD)/unit_tests

$(BUILD)/unit_tests_asan: $(UNIT_SRCS) $(UNIT_HDRS) $(SVC_SRCS)
	@mkdir -p $(BUILD)
	$(CC) $(UNIT_CFLAGS) -O1 $(UNIT_SAN) -o $@ $(UNIT_SRCS) $(SVC_SRCS) $(UNIT_LIBS)

unit-asan: $(BUILD)/unit_tests_asan
	ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(BUILD)/unit_tests_asan
# --- unit end

# --- fuzz begin
# libFuzzer target for the disk backend's request checks, with ASan and
# UBSan. `make fuzz-blk` runs FUZZ_TIME seconds (default 600) and keeps its
# corpus in build/fuzz/blk; `make fuzz-blk-short` is the quick run inside
# `make test`.
FUZZ_CC ?= clang-14
FUZZ_TIME ?= 600
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Iinclude -Ihost/service \
	-D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

.PHONY: fuzz-blk fuzz-blk-short
$(BUILD)/fuzz_blk: tests/fuzz/fuzz_blk.c host/service/blk_validate.c \
		host/service/blk_validate.h $(wildcard include/sparecore/*.h)
	@mkdir -p $(BUILD)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_blk.c host/service/blk_validate.c

fuzz-blk: $(BUILD)/fuzz_blk
	@mkdir -p $(BUILD)/fuzz/blk
	$(BUILD)/fuzz_blk -max_total_time=$(FUZZ_TIME) -print_final_stats=1 $(BUILD)/fuzz/blk

fuzz-blk-short: $(BUILD)/fuzz_blk
	$(BUILD)/fuzz_blk -runs=5000000 -max_total_time=20 -seed=1
# --- fuzz end

# --- tools
# hostio: the host's own O_DIRECT I/O in the shapes of the partition's
# `blk bench`, for tests/bench/disk.sh (the lab copies it from build/).
all: $(BUILD)/hostio
$(BUILD)/hostio: tests/bench/hostio.c
	@mkdir -p $(BUILD)
	$(CC) $(HOST_CFLAGS) -o $@ $< -luring

# --- e2e and demo (lab VM: QEMU TCG booting Debian's kernel)
LAB := tests/lab/lab

.PHONY: e2e e2e-xapic e2e-x2apic test demo demo-shell bench-disk
e2e: e2e-xapic e2e-x2apic

e2e-xapic: all
	$(LAB) --cpus 2 tests/e2e/all.sh

e2e-x2apic: all
	$(LAB) --cpus 2 --x2apic tests/e2e/all.sh

# The partition's disk against the host's own O_DIRECT I/O (README table).
bench-disk: all
	$(LAB) --cpus 2 tests/bench/disk.sh

# Installs what it needs, builds, then unit tests and end-to-end tests.
test: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) fuzz-blk-short
	$(MAKE) e2e

demo: deps
	$(MAKE) all
	$(LAB) --cpus 2 tests/demo/demo.sh

demo-shell: deps
	$(MAKE) all
	$(LAB) --cpus 2 --interactive tests/demo/shell.sh
