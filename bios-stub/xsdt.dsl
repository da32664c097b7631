/*
 * XSDT: the partition's table list. Entry 0 is the FADT, entry 1 the MADT
 * (the DSDT is reached through the FADT, as ACPI wants). The addresses are
 * placeholders (iasl wants them non-zero); the host writes the
 * partition-physical address of each table and fixes the checksum.
 */
[0004]                          Signature : "XSDT"
[0004]                       Table Length : 00000000
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "SPRCOR"
[0008]                       Oem Table ID : "SPARECOR"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 00000000

[0008]             ACPI Table Address   0 : 0000000000000001
[0008]             ACPI Table Address   1 : 0000000000000001
