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
	$(MAKE) e2e

demo: deps
	$(MAKE) all
	$(LAB) --cpus 2 tests/demo/demo.sh

demo-shell: deps
	$(MAKE) all
	$(LAB) --cpus 2 --interactive tests/demo/shell.sh
