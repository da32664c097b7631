# sparecore top-level build. Everything lands under build/.
#
#   make            build module, service, trampoline and partition image
#   make deps       install the Debian packages (root, idempotent)
#   make test       deps + build + unit tests + end-to-end tests in the lab VM
#   make bench      `sparecore bench`: the ring against the floor, ck_ring,
#                   pipe, eventfd and futex on two pinned CPUs (no lab VM)
#   make bench-ring `sparecore bench --cpu 2` in a 3-CPU lab VM: the
#                   partition <-> host path, polling and by doorbells
#   make demo       deps + build + a scripted partition session in the lab VM
#   make demo-shell the same, but leaves you at the partition's prompt
#   make install    binary, module, image, DKMS tree, man pages, systemd unit,
#                   bash completion (PREFIX=/usr/local, DESTDIR): see
#                   packaging/install.mk; make uninstall removes them
#
# The module is built against Debian's installed headers, never `uname -r`:
# the machine that builds may run another kernel than the lab VM boots.

BUILD := build
VERSION := 0.1
KVER ?= $(shell ls /lib/modules 2>/dev/null | grep -- '-amd64$$' | sort -V | tail -1)
KDIR ?= /lib/modules/$(KVER)/build

CC ?= gcc
WARN := -Wall -Wextra -Werror
HOST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -D_GNU_SOURCE \
	-DSC_VERSION='"$(VERSION)"'
HOST_LIBS := -lelf -linih -ljson-c -lpthread -lm -luring

# The partition is freestanding, in the top 2 GiB, with no SSE (no state to
# save in interrupt handlers) and no red zone (interrupts use the stack).
PART_CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -Ipartition \
	-ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-avx \
	-mgeneral-regs-only -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-omit-frame-pointer
PART_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,-z,noexecstack

BIOS_AML := $(patsubst bios-stub/%.asl,$(BUILD)/bios/%.aml,$(wildcard bios-stub/*.asl)) \
	$(patsubst bios-stub/%.dsl,$(BUILD)/bios/%.aml,$(wildcard bios-stub/*.dsl))
BIOS_OBJ := $(BUILD)/bios/tables.o

PART_SRCS := $(wildcard partition/*.c partition/*.S partition/net/*.c) \
	$(wildcard paravirt-drivers/*.c) bios-stub/acpi_parse.c
PART_OBJS := $(patsubst %,$(BUILD)/part/%.o,$(PART_SRCS))

# The Linux-guest loader (docs/linux-guest.md).
LG_SRCS := host/service/linuxguest/bzimage.c host/service/linuxguest/e820.c \
	host/service/linuxguest/zeropage.c host/service/linuxguest/identmap.c \
	host/service/linuxguest/load.c host/service/linuxguest/run_linux.c \
	host/service/linuxguest/klog.c \
	host/service/linuxguest/shim.S
SVC_SRCS := $(filter-out host/service/main.c,$(wildcard host/service/*.c)) \
	$(LG_SRCS) \
	paravirt-drivers/ring.c bios-stub/acpi_parse.c partition/net/addr_text.c
SVC_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(SVC_SRCS)) $(BIOS_OBJ)

.PHONY: all deps module service partition bios test unit e2e demo demo-shell clean
all: service partition module

deps:
	bash scripts/deps.sh

# ---------------------------------------------------------------- trampoline
$(BUILD)/tramp.bin: trampoline/tramp.S trampoline/tramp.ld include/sparecore/trampoline.h
	@mkdir -p $(BUILD)
	$(CC) -c -Iinclude trampoline/tramp.S -o $(BUILD)/tramp.o
	ld -T trampoline/tramp.ld -o $(BUILD)/tramp.elf $(BUILD)/tramp.o
	objcopy -O binary $(BUILD)/tramp.elf $@

# ---------------------------------------------------------------- bios
# The ACPI table templates: iasl compiles the ASL (DSDT) and the data-table
# sources (RSDP, XSDT, FADT, MADT) with warnings as errors; tables.S embeds
# the results in the service, which patches them per partition.
bios: $(BIOS_AML)
$(BUILD)/bios/%.aml: bios-stub/%.asl
	@mkdir -p $(dir $@)
	iasl -we -vs -p $(BUILD)/bios/$* $< >$(BUILD)/bios/$*.log || { cat $(BUILD)/bios/$*.log; exit 1; }
$(BUILD)/bios/%.aml: bios-stub/%.dsl
	@mkdir -p $(dir $@)
	iasl -we -vs -p $(BUILD)/bios/$* $< >$(BUILD)/bios/$*.log || { cat $(BUILD)/bios/$*.log; exit 1; }
$(BIOS_OBJ): bios-stub/tables.S $(BIOS_AML)
	$(CC) -c -Wa,-I$(BUILD)/bios $< -o $@

# ---------------------------------------------------------------- partition
partition: $(BUILD)/partition.elf
$(BUILD)/part/%.c.o: %.c $(wildcard include/sparecore/*.h partition/*.h partition/net/*.h paravirt-drivers/*.h bios-stub/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(PART_CFLAGS) -c $< -o $@
$(BUILD)/part/%.S.o: %.S $(wildcard include/sparecore/*.h partition/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(PART_CFLAGS) -D__ASSEMBLER__ -c $< -o $@
$(BUILD)/partition.elf: $(PART_OBJS) partition/partition.ld
	$(CC) $(PART_LDFLAGS) -T partition/partition.ld -o $@ $(PART_OBJS) -lgcc

# ---------------------------------------------------------------- service
service: $(BUILD)/sparecore
$(BUILD)/host/%.c.o: %.c $(wildcard include/sparecore/*.h host/service/*.h host/service/linuxguest/*.h bios-stub/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -c $< -o $@
$(BUILD)/host/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@
$(BUILD)/libsparecore.a: $(SVC_OBJS)
	ar rcs $@ $^
$(BUILD)/sparecore: $(BUILD)/host/host/service/main.c.o $(BUILD)/libsparecore.a
	$(CC) -o $@ $^ $(HOST_LIBS)

# ---------------------------------------------------------------- module
# Kbuild builds in build/module, where the sources are linked in.
module: $(BUILD)/sparecore.ko
$(BUILD)/sparecore.ko: $(wildcard host/module/*.c host/module/*.h host/module/*.S host/module/Kbuild) \
		$(wildcard include/sparecore/*.h) $(BUILD)/tramp.bin
	@test -d "$(KDIR)" || { echo "no kernel headers at $(KDIR): run 'make deps' or set KDIR=" >&2; exit 1; }
	@mkdir -p $(BUILD)/module
	ln -sf $(abspath $(wildcard host/module/*.c host/module/*.h host/module/*.S host/module/Kbuild)) $(BUILD)/module/
	$(MAKE) -C $(KDIR) M=$(abspath $(BUILD)/module) SC_ROOT=$(abspath .) modules
	cp $(BUILD)/module/sparecore.ko $@

# ---------------------------------------------------------------- guest
# What a Linux guest runs (docs/linux-guest.md): the console module, built
# against the guest kernel's headers (GUEST_KVER), and a busybox initramfs
# whose /init loads it and starts a shell on it. `run --kernel` without
# --initrd takes build/guest/initramfs-VERSION.cpio for the kernel's VERSION.
GUEST_KVER ?= $(KVER)
GUEST_KDIR ?= /lib/modules/$(GUEST_KVER)/build
GUEST_KO := $(BUILD)/guest/sc_hvc-$(GUEST_KVER).ko
GUEST_CPIO := $(BUILD)/guest/initramfs-$(GUEST_KVER).cpio
.PHONY: guest
guest: $(GUEST_CPIO)
$(GUEST_KO): guest/linux/sc_hvc.c guest/linux/hvc_sc.h guest/linux/Kbuild \
		paravirt-drivers/ring.c $(wildcard include/sparecore/*.h)
	@test -d "$(GUEST_KDIR)" || { echo "no kernel headers at $(GUEST_KDIR): set GUEST_KVER=" >&2; exit 1; }
	@mkdir -p $(BUILD)/guest/module
	ln -sf $(abspath guest/linux/sc_hvc.c) $(BUILD)/guest/module/sc_hvc_main.c
	ln -sf $(abspath guest/linux/hvc_sc.h guest/linux/Kbuild paravirt-drivers/ring.c) $(BUILD)/guest/module/
	$(MAKE) -C $(GUEST_KDIR) M=$(abspath $(BUILD)/guest/module) SC_ROOT=$(abspath .) modules
	cp $(BUILD)/guest/module/sc_hvc.ko $@
$(GUEST_CPIO): $(GUEST_KO) guest/linux/init /bin/busybox
	rm -rf $(BUILD)/guest/root && mkdir -p $(BUILD)/guest/root/bin $(BUILD)/guest/root/lib
	cp /bin/busybox $(BUILD)/guest/root/bin/busybox
	cp guest/linux/init $(BUILD)/guest/root/init && chmod 755 $(BUILD)/guest/root/init
	cp $(GUEST_KO) $(BUILD)/guest/root/lib/sc_hvc.ko
	cd $(BUILD)/guest/root && find . | LC_ALL=C sort | cpio -o -H newc --quiet >$(abspath $@).tmp
	mv $@.tmp $@

# ---------------------------------------------------------------- install
include packaging/install.mk

# ---------------------------------------------------------------- tests
include tests/tests.mk

clean:
	rm -rf $(BUILD)
