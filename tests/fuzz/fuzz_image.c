// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: the ELF loader (host/service/loader/image.c) over any file a
 * user could pass, first validating only, then loading into a partition
 * memory block of exactly SC_MEM_MIN bytes (a copy past it is an
 * AddressSanitizer error).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sparecore/abi.h>

#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *mem;
	struct sc_image img = { 0 };
	char err[256] = "";

	if (!mem && !(mem = malloc(SC_MEM_MIN)))
		abort();
	if (!size)
		return 0;
	/* libelf may convert in place: give it a private copy. */
	img.data = malloc(size);
	if (!img.data)
		abort();
	memcpy(img.data, data, size);
	img.len = size;
	if (sc_image_load(&img, NULL, SC_MEM_MIN, err, sizeof(err)) == 0) {
		if (sc_image_load(&img, mem, SC_MEM_MIN, err, sizeof(err)))
			abort(); /* valid once, valid twice */
		if (img.end_pa > SC_MEM_MIN || img.end_pa < SC_IMAGE_PA)
			abort();
	} else if (!err[0] || !memchr(err, 0, sizeof(err))) {
		abort(); /* every refusal says why */
	}
	sc_image_free(&img);
	return 0;
}
