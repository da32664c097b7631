// SPDX-License-Identifier: GPL-2.0
#include "zeropage.h"

#include <stdio.h>

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

int sc_lg_zero_page(uint8_t *zp, const struct sc_bzimage *bz,
		    const struct sc_lg_boot *b, char *err, size_t errlen)
{
	uint64_t iend = b->initrd_pa + b->initrd_len;
	uint8_t lf;

	memset(zp, 0, SC_LG_ZERO_PAGE_SIZE);
	if (!b->rsdp_pa)
		FAIL("no ACPI tables for the guest (it would find the host's)");
	if (b->e820_count < 2 || b->e820_count > SC_LG_E820_MAX)
		FAIL("e820 map of %u entries (2 to %u)", b->e820_count, SC_LG_E820_MAX);
	if (b->initrd_len && (iend < b->initrd_pa ||
	    (!bz->initrd_high_ok && iend - 1 > bz->initrd_max)))
		FAIL("initrd at 0x%llx-0x%llx is above this kernel's limit 0x%x",
		     (unsigned long long)b->initrd_pa, (unsigned long long)iend,
		     bz->initrd_max);
	if (!b->cmdline_pa)
		FAIL("no command line address");

	/* The kernel's own setup header, as boot.rst asks of a 64-bit loader. */
	memcpy(zp + SC_BP_SETUP_SECTS, bz->data + SC_BP_SETUP_SECTS,
	       bz->hdr_end - SC_BP_SETUP_SECTS);
	sc_bp_put8(zp, SC_BP_TYPE_OF_LOADER, SC_BP_LOADER_UNDEFINED);
	/* No real-mode setup runs, so there is no setup heap to describe. */
	lf = sc_bp_get8(zp, SC_BP_LOADFLAGS);
	sc_bp_put8(zp, SC_BP_LOADFLAGS, (uint8_t)((lf | SC_BP_LOADED_HIGH) &
						  ~SC_BP_CAN_USE_HEAP));
	sc_bp_put32(zp, SC_BP_CMD_LINE_PTR, (uint32_t)b->cmdline_pa);
	sc_bp_put32(zp, SC_BP_EXT_CMD_LINE_PTR, (uint32_t)(b->cmdline_pa >> 32));
	sc_bp_put32(zp, SC_BP_RAMDISK_IMAGE, (uint32_t)b->initrd_pa);
	sc_bp_put32(zp, SC_BP_EXT_RAMDISK_IMAGE, (uint32_t)(b->initrd_pa >> 32));
	sc_bp_put32(zp, SC_BP_RAMDISK_SIZE, (uint32_t)b->initrd_len);
	sc_bp_put32(zp, SC_BP_EXT_RAMDISK_SIZE, (uint32_t)(b->initrd_len >> 32));
	sc_bp_put64(zp, SC_BP_SETUP_DATA, 0);
	sc_bp_put64(zp, SC_BP_ACPI_RSDP_ADDR, b->rsdp_pa);
	sc_bp_put8(zp, SC_BP_E820_ENTRIES, (uint8_t)b->e820_count);
	memcpy(zp + SC_BP_E820_TABLE, b->e820,
	       b->e820_count * sizeof(struct sc_lg_e820));
	/* screen_info stays zero: no VGA, no EFI framebuffer, nothing the
	 * guest could draw into. The sentinel stays zero too. */
	return 0;
}

/*
 * Each item, and why (docs/linux-guest.md has the evidence):
 *   pci=off            no config-space writes to the host's PCI devices
 *   numa=off           one node: the guest's memory is not the host's NUMA map
 *   hpet=disable       the HPET is the host's
 *   8250.nr_uarts=0    no probing of the host's serial ports
 *   nr_cpus=1          the MADT has one CPU; do not look for more
 *   tsc=reliable clocksource=tsc  no watchdog against the HPET/PIT
 *   apic_extnmi=none   no NMI through the host's LINT
 *   io_delay=none      no writes to port 0x80
 *   dis_ucode_ldr      microcode belongs to the host
 *   mce=ignore_ce      no polling of the host's corrected-error banks
 *   rdt=...            resource control is the host's
 *   swiotlb=noforce    no bounce buffers
 *   nokaslr            the kernel runs where we load it (our memory)
 *   no5lvl             stay in the 4-level paging we enter with: the
 *                      decompressor then needs no trampoline in low memory
 *   acpi_sci=edge      SCI edge-triggered (there is none: hardware-reduced)
 *   (not acpi=noirq: it would skip the MADT's IOAPIC entries, and the
 *   guest would take the host's IOAPIC from the firmware's MP table)
 *   modprobe.blacklist drivers that would poke host hardware
 */
const char sc_lg_cmdline_base[] =
	"pci=off numa=off hpet=disable 8250.nr_uarts=0 nr_cpus=1 "
	"tsc=reliable clocksource=tsc apic_extnmi=none io_delay=none "
	"dis_ucode_ldr mce=ignore_ce rdt=!l3cat,!l2cat,!mba swiotlb=noforce "
	"nokaslr no5lvl acpi_sci=edge "
	"modprobe.blacklist=pcspkr,snd_pcsp,ipmi_si,x86_pkg_temp_thermal,intel_rapl_msr";

int sc_lg_cmdline(char *out, size_t cap, uint32_t cmdline_size,
		  uint32_t tsc_khz, uint64_t ring_pa, const char *append,
		  char *err, size_t errlen)
{
	size_t limit = cmdline_size + 1ul < cap ? cmdline_size + 1ul : cap;
	int n;

	for (const char *c = append ? append : ""; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			FAIL("--append has a control character (0x%02x)", (unsigned char)*c);
	n = snprintf(out, cap, "%s tsc_early_khz=%u console=hvc0 sparecore_ring=0x%llx%s%s",
		     sc_lg_cmdline_base, tsc_khz, (unsigned long long)ring_pa,
		     append && *append ? " " : "", append ? append : "");
	if (n < 0 || (size_t)n >= limit) {
		out[0] = 0;
		FAIL("command line is %d bytes, the kernel takes at most %zu",
		     n, limit - 1);
	}
	return 0;
}
