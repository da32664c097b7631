/*
 * DSDT: the devices a sparecore partition has. Compiled by iasl at build
 * time (build/bios/dsdt.aml), embedded in the host service and patched per
 * partition at load time by host/service/acpi_build.c.
 *
 * Layout rules the host and the partition rely on (checked by both, and by
 * tests/unit/test_acpi.c against this very file):
 *
 *  - Every device is a top-level Device (\_SB.XXXX) term, so the host can
 *    drop a device the partition does not have by cutting its term out
 *    (disk and network exist only when the host configures them; the
 *    console and the CPU always do).
 *  - Each device has Name (_HID, "SPRC000n"), Name (_UID, Zero) and a
 *    static Name (_CRS, ResourceTemplate ()) - no methods, so a small AML
 *    walker (bios-stub/acpi_parse.c) can read it without an interpreter.
 *  - _CRS lists the device's rings, one QWordMemory per ring, in ring id
 *    order (include/sparecore/bootinfo.h, enum sc_ring_id): _MIN is the
 *    ring's partition-physical address, _LEN its size in bytes
 *    (SC_RING_BYTES(order)), _MAX = _MIN + _LEN - 1. Then one Interrupt
 *    whose number is the local APIC *vector* on which the host's doorbell
 *    IPI reaches the partition (there is no I/O APIC, so there are no GSIs:
 *    the number is a vector, not a GSI). The way back, the partition's
 *    doorbell to the host, is in boot info (host_apic_id, host_vector): it
 *    is a property of the host, the same for every device.
 *  - The values below are the default layout (ring areas at 0x20000 +
 *    id * 0x10000, 64 KiB each, vector 0xF0); the host overwrites every one
 *    of them, so a partition never sees these numbers unpatched.
 *
 * The devices, their names, _HIDs and ring counts are those of
 * include/sparecore/devices.h; tests/unit/test_devices.c checks this file
 * against it. _HIDs are our own ("SPRC" vendor prefix, not a registered
 * PNP ID):
 *   SPRC0001 console, SPRC0002 disk, SPRC0003 network, SPRC0004 bench
 *   (its ring and floor line are not in the ring area but at
 *   SC_BENCH_AREA_PA).
 */
DefinitionBlock ("", "DSDT", 2, "SPRCOR", "SPARECOR", 1)
{
    /* The partition's one processor; _UID 0 is the MADT's Processor ID. */
    Device (\_SB.CPU0)
    {
        Name (_HID, "ACPI0007")
        Name (_UID, Zero)
    }

    /* Console: ring 0 carries output (partition -> host), ring 1 input. */
    Device (\_SB.CONS)
    {
        Name (_HID, "SPRC0001")
        Name (_UID, Zero)
        Name (_CRS, ResourceTemplate ()
        {
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0x20000, 0x2FFFF, 0x0, 0x10000)
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0x30000, 0x3FFFF, 0x0, 0x10000)
            Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive) { 0xF0 }
        })
    }

    /* Disk: ring 2 carries requests, ring 3 completions. */
    Device (\_SB.DISK)
    {
        Name (_HID, "SPRC0002")
        Name (_UID, Zero)
        Name (_CRS, ResourceTemplate ()
        {
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0x40000, 0x4FFFF, 0x0, 0x10000)
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0x50000, 0x5FFFF, 0x0, 0x10000)
            Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive) { 0xF0 }
        })
    }

    /* Network: rings 4 to 7, in the order the network ABI header gives. */
    Device (\_SB.NET0)
    {
        Name (_HID, "SPRC0003")
        Name (_UID, Zero)
        Name (_CRS, ResourceTemplate ()
        {
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0x60000, 0x6FFFF, 0x0, 0x10000)
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0x70000, 0x7FFFF, 0x0, 0x10000)
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0x80000, 0x8FFFF, 0x0, 0x10000)
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0x90000, 0x9FFFF, 0x0, 0x10000)
            Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive) { 0xF0 }
        })
    }

    /* Bench, for `sparecore bench --cpu N` (bench.h): one duplex ring,
       then the floor line (one cache line, not a ring). */
    Device (\_SB.BNCH)
    {
        Name (_HID, "SPRC0004")
        Name (_UID, Zero)
        Name (_CRS, ResourceTemplate ()
        {
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0xB0000, 0xB7FFF, 0x0, 0x8000)
            QWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
                Cacheable, ReadWrite, 0x0, 0xB8000, 0xB803F, 0x0, 0x40)
            Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive) { 0xF0 }
        })
    }
}
