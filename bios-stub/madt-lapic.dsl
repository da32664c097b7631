/*
 * MADT for a partition whose CPU has an APIC ID below 255: exactly one
 * Processor Local APIC entry, and nothing else. No I/O APIC, no interrupt
 * source overrides, no NMI sources, and PC-AT Compatibility clear (there is
 * no 8259 PIC). The partition gets interrupts only as IPIs (the host's
 * doorbell) and from its own local APIC timer.
 *
 * Patched by the host: Local Apic Address (the host's IA32_APIC_BASE, for
 * the record: the partition reads the MSR itself), Local Apic ID (the real
 * physical APIC ID of the partition's CPU) and the checksum. Processor ID
 * 0 matches _UID 0 of \_SB.CPU0 in the DSDT.
 */
[0004]                          Signature : "APIC"
[0004]                       Table Length : 00000000
[0001]                           Revision : 05
[0001]                           Checksum : 00
[0006]                             Oem ID : "SPRCOR"
[0008]                       Oem Table ID : "SPARECOR"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 00000000

[0004]                 Local Apic Address : FEE00000
[0004]              Flags (decoded below) : 00000000
                      PC-AT Compatibility : 0

[0001]                      Subtable Type : 00 [Processor Local APIC]
[0001]                             Length : 08
[0001]                       Processor ID : 00
[0001]                      Local Apic ID : 00
[0004]              Flags (decoded below) : 00000001
                        Processor Enabled : 1
                   Runtime Online Capable : 0
