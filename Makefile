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
# The module is built for one kernel, KVER: by default the running kernel
# when its headers are installed (a real host), else the kernel the lab boots
# (a build machine or CI): scripts/kver.sh decides and says why. Each kernel
# gets its own build/kmod/KVER/, so `make KVER=...` for several kernels side
# by side never overwrites another's module; the service and the partition
# image do not depend on the kernel.

BUILD := build
VERSION := 0.1
ifeq ($(origin KVER),undefined)
KVER := $(shell scripts/kver.sh)
KVER_WHY := $(shell scripts/kver.sh --why)
else
KVER_WHY := KVER=$(KVER) was given
endif
export KVER
KDIR ?= /lib/modules/$(KVER)/build
KMOD := $(BUILD)/kmod/$(KVER)

CC ?= gcc
WARN := -Wall -Wextra -Werror
HOST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -D_GNU_SOURCE \
	-DSC_VERSION='"$(VERSION)"'
HOST_LIBS := -lelf -linih -ljson-c -lpthread -lm -luring

# Every source is listed by folder, so a file is built because it is named
# here, never because it lies around. Adding a file: add it to its folder's
# list. Adding a folder: a list of its own, and its name in *_DIRS.

# host/service: the `sparecore` binary (docs/how-it-works.md: the layout).
SVC_DIRS := cli loader devices supervise named bench lib linuxguest
svc_cli       := args.c check_host.c config.c dryrun.c hostinfo.c net_args.c status.c tables.c
svc_loader    := acpi_build.c dev.c e820.c image.c pagetable.c part.c
svc_devices   := bench_backend.c blk_backend.c blk_validate.c console_backend.c \
	dev_buf.c net_backend.c net_validate.c ring_broken.c
svc_supervise := crash_report.c run.c storm.c watchdog.c
svc_named     := attach.c ctl.c logs.c names.c session.c start.c status_json.c stop.c
svc_bench     := bench.c bench_ck.c bench_floor.c bench_kernel.c bench_line.c \
	bench_out.c bench_part.c bench_ring.c stats.c
svc_lib       := ratelimit.c tty.c util.c
# The Linux-guest loader (docs/linux-guest.md); its entry shim is shim.S.
svc_linuxguest := bzimage.c guest_e820.c zeropage.c identmap.c load.c run_linux.c \
	klog.c shim.S
SVC_INC := -Iinclude $(addprefix -Ihost/service/,$(SVC_DIRS)) -Ibios-stub -Ipartition/net

# The partition: core (boot, CPU tables, interrupts, paging, ACPI), lib (the
# freestanding library), net (the network stack, which also builds for the
# host), the paravirtual drivers, and cmd (the shell and its commands).
# A program other than the shell links everything but cmd (the hostile
# image does: tests/tests.mk).
part_core := entry.S note.c acpi.c apic.c boot.c bringup.c exception.c gdt.c start.c \
	idle.c idt.c isr.c memmap.c net_glue.c paging.c timer.c
part_lib  := bump_alloc.c kprintf.c kstring.c noise_core.c sort_u64.c
part_net  := addr_text.c arp.c config.c csum.c eth.c icmp.c ipv4.c stack.c tcp.c udp.c
part_cmd  := main.c acpi_report.c blk_bench.c blk_cmd.c blk_test.c faults.c \
	net_shell.c noise.c ringbench.c shell.c
pv_drivers := pv_blk.c pv_console.c pv_net.c ring.c
PART_INC := -Iinclude -Ipartition/core -Ipartition/lib -Ipartition/cmd \
	-Ipartition/net -Iparavirt-drivers -Ibios-stub -Isdk/include

# -MMD -MP: every object's header dependencies, read back below.
DEPFLAGS := -MMD -MP

# The partition is freestanding, in the top 2 GiB, with no SSE (no state to
# save in interrupt handlers) and no red zone (interrupts use the stack).
PART_CFLAGS := -std=gnu11 -O2 -g $(WARN) $(PART_INC) \
	-ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-avx \
	-mgeneral-regs-only -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-omit-frame-pointer
PART_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,-z,noexecstack

BIOS_AML := $(patsubst bios-stub/%.asl,$(BUILD)/bios/%.aml,$(wildcard bios-stub/*.asl)) \
	$(patsubst bios-stub/%.dsl,$(BUILD)/bios/%.aml,$(wildcard bios-stub/*.dsl))
BIOS_OBJ := $(BUILD)/bios/tables.o

part_objs = $(patsubst %,$(BUILD)/part/%.o,$(1))
PART_RUNTIME_SRCS := $(addprefix partition/core/,$(part_core)) \
	$(addprefix partition/lib/,$(part_lib)) $(addprefix partition/net/,$(part_net)) \
	$(addprefix paravirt-drivers/,$(pv_drivers)) bios-stub/acpi_parse.c
PART_RUNTIME_OBJS := $(call part_objs,$(PART_RUNTIME_SRCS))
PART_OBJS := $(PART_RUNTIME_OBJS) $(call part_objs,$(addprefix partition/cmd/,$(part_cmd)))

# The SDK (docs/sdk.md): the runtime and sdk/runtime/ (the program's
# partition_main and the API of sdk/include/sparecore/partition.h) as a
# static library, and the linker script a program links with: EXTERNs
# that pull the entry and the note out of the library, the library and
# libgcc as INPUTs (so they come after the program's objects whatever the
# command line's order), then the image's link map.
sdk_runtime := sc_console.c sc_disk.c sc_main.c sc_mem.c sc_time.c sc_udp.c
SDK_OBJS := $(PART_RUNTIME_OBJS) $(call part_objs,$(addprefix sdk/runtime/,$(sdk_runtime)))
SDK_LIB := $(BUILD)/sdk/libsparecore-partition.a
SDK_LDS := $(BUILD)/sdk/sparecore-partition.ld

SVC_SRCS := $(foreach d,$(SVC_DIRS),$(addprefix host/service/$(d)/,$(svc_$(d)))) \
	paravirt-drivers/ring.c bios-stub/acpi_parse.c partition/net/addr_text.c
SVC_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(SVC_SRCS)) $(BIOS_OBJ)

.PHONY: all deps module service partition sdk bios test unit e2e demo demo-shell clean
all: service partition module sdk

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
$(BUILD)/part/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(PART_CFLAGS) $(DEPFLAGS) -c $< -o $@
$(BUILD)/part/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(PART_CFLAGS) $(DEPFLAGS) -D__ASSEMBLER__ -c $< -o $@
$(BUILD)/partition.elf: $(PART_OBJS) partition/core/partition.ld
	$(CC) $(PART_LDFLAGS) -T partition/core/partition.ld -o $@ $(PART_OBJS) -lgcc

# ---------------------------------------------------------------- sdk
sdk: $(SDK_LIB) $(SDK_LDS)
$(SDK_LIB): $(SDK_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^
$(SDK_LDS): sdk/sparecore-partition.ld.in partition/core/partition.ld
	@mkdir -p $(dir $@)
	cat $^ >$@

# ---------------------------------------------------------------- service
service: $(BUILD)/sparecore
$(BUILD)/host/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(SVC_INC) $(DEPFLAGS) -c $< -o $@
$(BUILD)/host/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@
$(BUILD)/libsparecore.a: $(SVC_OBJS)
	rm -f $@
	ar rcs $@ $^
$(BUILD)/sparecore: $(BUILD)/host/host/service/cli/main.c.o $(BUILD)/libsparecore.a
	$(CC) -o $@ $^ $(HOST_LIBS)

# ---------------------------------------------------------------- module
# Kbuild builds in build/kmod/KVER/src, where the sources are linked in;
# the lab takes build/kmod/<the kernel it boots>/sparecore.ko.
module: kver-info $(KMOD)/sparecore.ko
.PHONY: kver-info
kver-info:
	@echo "module: $(KMOD)/sparecore.ko, for $(KVER): $(KVER_WHY)"
$(KMOD)/sparecore.ko: $(wildcard host/module/*.c host/module/*.h host/module/*.S host/module/Kbuild) \
		$(wildcard include/sparecore/*.h) $(BUILD)/tramp.bin
	@test -n "$(KVER)" || { echo "no kernel to build the module for: run 'make deps' or set KVER=" >&2; exit 1; }
	@test -d "$(KDIR)" || { echo "no kernel headers at $(KDIR): run 'make deps' or set KVER= (installed: $$(ls /lib/modules | tr '\n' ' '))" >&2; exit 1; }
	@mkdir -p $(KMOD)/src
	ln -sf $(abspath $(wildcard host/module/*.c host/module/*.h host/module/*.S host/module/Kbuild)) $(KMOD)/src/
	$(MAKE) -C $(KDIR) M=$(abspath $(KMOD)/src) SC_ROOT=$(abspath .) modules
	cp $(KMOD)/src/sparecore.ko $@

# ---------------------------------------------------------------- guest
# What a Linux guest runs (docs/linux-guest.md): our driver modules, built
# against the guest kernel's headers (GUEST_KVER) from guest/linux/ (its
# Kbuild lists them and their objects), and a busybox initramfs whose /init
# loads them and starts a shell on the console. `run --kernel` without
# --initrd takes build/guest/initramfs-VERSION.cpio for the kernel's VERSION.
GUEST_KVER ?= $(KVER)
GUEST_KDIR ?= /lib/modules/$(GUEST_KVER)/build
# The modules, in the order /init loads them.
GUEST_MODS := sc_hvc
GUEST_MODDIR := $(BUILD)/guest/module-$(GUEST_KVER)
GUEST_KOS := $(GUEST_MODS:%=$(GUEST_MODDIR)/%.ko)
GUEST_CPIO := $(BUILD)/guest/initramfs-$(GUEST_KVER).cpio
.PHONY: guest
guest: $(GUEST_CPIO)
# One Kbuild run builds every module; the sources are linked into the build
# folder (Kbuild builds where M= points), ring.c once per module that needs
# it (an object belongs to one module).
$(GUEST_KOS) &: $(wildcard guest/linux/*.c guest/linux/*.h) guest/linux/Kbuild \
		paravirt-drivers/ring.c $(wildcard include/sparecore/*.h)
	@test -d "$(GUEST_KDIR)" || { echo "no kernel headers at $(GUEST_KDIR): set GUEST_KVER=" >&2; exit 1; }
	@mkdir -p $(GUEST_MODDIR)
	ln -sf $(abspath $(wildcard guest/linux/*.c guest/linux/*.h) guest/linux/Kbuild) $(GUEST_MODDIR)/
	for m in $(GUEST_MODS); do ln -sf $(abspath paravirt-drivers/ring.c) $(GUEST_MODDIR)/$${m}_ring.c; done
	$(MAKE) -C $(GUEST_KDIR) M=$(abspath $(GUEST_MODDIR)) SC_ROOT=$(abspath .) modules
$(GUEST_CPIO): $(GUEST_KOS) guest/linux/init /bin/busybox
	rm -rf $(BUILD)/guest/root && mkdir -p $(BUILD)/guest/root/bin $(BUILD)/guest/root/lib
	cp /bin/busybox $(BUILD)/guest/root/bin/busybox
	cp guest/linux/init $(BUILD)/guest/root/init && chmod 755 $(BUILD)/guest/root/init
	cp $(GUEST_KOS) $(BUILD)/guest/root/lib/
	echo $(GUEST_MODS) >$(BUILD)/guest/root/lib/modules.order
	cd $(BUILD)/guest/root && find . | LC_ALL=C sort | cpio -o -H newc --quiet >$(abspath $@).tmp
	mv $@.tmp $@

# ---------------------------------------------------------------- install
include packaging/install.mk

# ---------------------------------------------------------------- tests
include tests/tests.mk

clean:
	rm -rf $(BUILD)

# The header dependencies -MMD wrote, for every object built so far.
-include $(shell find $(BUILD) -path $(BUILD)/module -prune -o -name '*.d' -print 2>/dev/null)
