# Test targets; included by the top-level Makefile.

# --- unit begin
# Unit tests (CUnit, tests/unit/), run on the build machine. `make unit`
# links them against the service library; `make unit-asan` compiles the
# library sources with them under AddressSanitizer + UBSan.
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_HDRS := $(wildcard tests/unit/*.h include/sparecore/*.h host/service/*.h)
UNIT_CFLAGS := $(HOST_CFLAGS) -Ihost/service
UNIT_LIBS := -lcunit -lelf
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
$(BUILD)/fuzz/fuzz_console: tests/fuzz/fuzz_console.c host/service/console.c host/service/util.c paravirt-drivers/ring.c $(FUZZ_HDRS)
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

fuzz-quick:
	$(MAKE) fuzz FUZZ_SECONDS=10

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
# commands, plus hostile.c; same link map, same sparecore note. Built by
# `make all` so the lab VM always carries it.
HOSTILE_OBJS := $(filter-out $(addprefix $(BUILD)/part/partition/,main.c.o shell.c.o faults.c.o),$(PART_OBJS)) \
	$(BUILD)/part/tests/hostile/hostile.c.o

.PHONY: hostile
all: hostile
hostile: $(BUILD)/hostile.elf
$(BUILD)/hostile.elf: $(HOSTILE_OBJS) partition/partition.ld
	$(CC) $(PART_LDFLAGS) -T partition/partition.ld -o $@ $(HOSTILE_OBJS) -lgcc

# --- e2e and demo (lab VM: QEMU TCG booting Debian's kernel)
LAB := tests/lab/lab

.PHONY: e2e e2e-xapic e2e-x2apic e2e-neighbour test demo demo-shell
e2e: e2e-xapic e2e-x2apic e2e-neighbour

e2e-xapic: all
	$(LAB) --cpus 2 tests/e2e/all.sh

e2e-x2apic: all
	$(LAB) --cpus 2 --x2apic tests/e2e/all.sh

# The hostile partition on CPU 1 while a well-behaved one runs on CPU 2.
e2e-neighbour: all
	$(LAB) --cpus 3 tests/e2e/all.sh hostile

# Installs what it needs, builds, then unit tests and end-to-end tests.
test: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) unit-asan
	$(MAKE) fuzz-quick
	$(MAKE) e2e

demo: deps
	$(MAKE) all
	$(LAB) --cpus 2 tests/demo/demo.sh

demo-shell: deps
	$(MAKE) all
	$(LAB) --cpus 2 --interactive tests/demo/shell.sh
