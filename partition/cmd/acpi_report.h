/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* The `acpi` shell command's output. */
#ifndef PARTITION_ACPI_REPORT_H
#define PARTITION_ACPI_REPORT_H

/* Tables, MADT processor, devices and their resources. */
void acpi_print(void);

#endif
