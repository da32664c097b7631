/*
 * MADT for a partition whose CPU has an APIC ID of 255 or more (only
 * possible in x2APIC mode): exactly one Processor Local x2APIC entry, as
 * ACPI requires for such IDs; otherwise as madt-lapic.dsl. The host picks
 * this one by the APIC ID, as PC firmware does.
 *
 * Patched by the host: Local Apic Address, Processor x2Apic ID, checksum.
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

[0001]                      Subtable Type : 09 [Processor Local x2APIC]
[0001]                             Length : 10
[0002]                           Reserved : 0000
[0004]                Processor x2Apic ID : 00000000
[0004]              Flags (decoded below) : 00000001
                        Processor Enabled : 1
[0004]                      Processor UID : 00000000
