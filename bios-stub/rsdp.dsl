/*
 * RSDP: the root pointer, ACPI 2.0+ form (36 bytes, both checksums).
 * Compiled by iasl's data table compiler (make: build/bios/rsdp.aml).
 *
 * Patched by the host at load time (host/service/loader/acpi_build.c):
 *   XSDT Address     - partition-physical address of the XSDT
 *   Checksum         - first 20 bytes sum to zero
 *   Extended Checksum - all 36 bytes sum to zero
 * The XSDT address below is a placeholder (iasl wants it non-zero).
 * There is no RSDT: a 64-bit partition reads the XSDT only.
 */
[0008]                          Signature : "RSD PTR "
[0001]                           Checksum : 00
[0006]                             Oem ID : "SPRCOR"
[0001]                           Revision : 02
[0004]                       RSDT Address : 00000000
[0004]                             Length : 00000024
[0008]                       XSDT Address : 0000000000000001
[0001]                  Extended Checksum : 00
[0003]                           Reserved : 000000
