// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * See acpi_parse.h. The AML part is a walker, not an interpreter: it
 * follows the term structure (opcode, package length, name) of the few
 * opcodes our own ASL produces and reads Name() data; it never evaluates
 * anything. Byte loops instead of libc: this file is also built
 * freestanding for the partition.
 */
#include "acpi_parse.h"

uint8_t acpi_sum(const void *p, uint64_t len)
{
	const uint8_t *b = p;
	uint8_t s = 0;

	while (len--)
		s = (uint8_t)(s + *b++);
	return s;
}

uint64_t acpi_get(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = (v << 8) | p[bytes];
	return v;
}

void acpi_put(uint8_t *p, unsigned bytes, uint64_t v)
{
	for (unsigned i = 0; i < bytes; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

uint32_t acpi_sig32(const char *sig)
{
	return (uint32_t)acpi_get((const uint8_t *)sig, 4);
}

static bool same(const void *a, const char *b, unsigned n)
{
	const uint8_t *p = a;

	for (unsigned i = 0; i < n; i++)
		if (p[i] != (uint8_t)b[i])
			return false;
	return true;
}

int acpi_check_rsdp(const void *p, uint64_t avail, uint32_t *detail)
{
	const struct sc_acpi_rsdp *r = p;
	uint8_t s;

	*detail = 0;
	if (avail < SC_RSDP_V1_LEN || !same(r->signature, "RSD PTR ", 8))
		return SC_ACPI_BAD_SIG;
	if ((s = acpi_sum(p, SC_RSDP_V1_LEN))) {
		*detail = s;
		return SC_ACPI_BAD_SUM;
	}
	if (r->revision < 2) {
		/* ACPI 1.0 has no XSDT; we need one. */
		*detail = r->revision;
		return SC_ACPI_BAD_REV;
	}
	if (avail < sizeof(*r) || r->length != sizeof(*r)) {
		*detail = avail < sizeof(*r) ? (uint32_t)avail : r->length;
		return SC_ACPI_BAD_LEN;
	}
	if ((s = acpi_sum(p, sizeof(*r)))) {
		*detail = s;
		return SC_ACPI_BAD_SUM;
	}
	return 0;
}

int acpi_check_table(const void *t, uint64_t avail, const char *sig,
		     uint32_t min_len, uint32_t *detail)
{
	const struct sc_acpi_header *h = t;
	uint8_t s;

	*detail = 0;
	if (avail < sizeof(*h) || !same(h->signature, sig, 4))
		return SC_ACPI_BAD_SIG;
	if (h->length < sizeof(*h) || h->length < min_len || h->length > avail) {
		*detail = h->length;
		return SC_ACPI_BAD_LEN;
	}
	if ((s = acpi_sum(t, h->length))) {
		*detail = s;
		return SC_ACPI_BAD_SUM;
	}
	return 0;
}

/* ---------------------------------------------------------------- AML */

enum {
	AML_ZERO = 0x00, AML_ONE = 0x01, AML_NAME = 0x08, AML_BYTE = 0x0a,
	AML_WORD = 0x0b, AML_DWORD = 0x0c, AML_STRING = 0x0d, AML_QWORD = 0x0e,
	AML_SCOPE = 0x10, AML_BUFFER = 0x11, AML_PACKAGE = 0x12,
	AML_VARPACKAGE = 0x13, AML_METHOD = 0x14, AML_DUAL = 0x2e,
	AML_MULTI = 0x2f, AML_EXT = 0x5b, AML_ROOT = 0x5c, AML_PARENT = 0x5e,
	AML_ONES = 0xff, AML_EXT_DEVICE = 0x82,
};

struct walk {
	const uint8_t *aml;  /* the whole table */
	struct acpi_aml_dev *devs;
	unsigned max, count;
	uint32_t err;        /* offset of the first problem */
};

/* Record a problem at off; always returns -1 so callers can return it. */
static int fail(struct walk *w, uint32_t off)
{
	w->err = off;
	return -1;
}

/* PkgLength at *p (inside [.., end)): sets *pkg_end to the end of the
 * package it starts (the length counts its own bytes) and moves *p past
 * the encoding. */
static int pkg_length(struct walk *w, uint32_t *p, uint32_t end,
		      uint32_t *pkg_end)
{
	uint32_t start = *p, n, v;

	if (*p >= end)
		return fail(w, *p);
	n = w->aml[*p] >> 6;
	if (*p + 1 + n > end)
		return fail(w, *p);
	if (n == 0) {
		v = w->aml[*p] & 0x3f;
	} else {
		/* Bits 5-4 of the lead byte must be 0 with follow bytes. */
		if (w->aml[*p] & 0x30)
			return fail(w, *p);
		v = w->aml[*p] & 0x0f;
		for (uint32_t i = 0; i < n; i++)
			v |= (uint32_t)w->aml[*p + 1 + i] << (4 + 8 * i);
	}
	*p += 1 + n;
	if (v < 1 + n || v > end - start)
		return fail(w, start);
	*pkg_end = start + v;
	return 0;
}

static bool seg_char(uint8_t c, bool lead)
{
	return (c >= 'A' && c <= 'Z') || c == '_' || (!lead && c >= '0' && c <= '9');
}

/* A name: up to ACPI_AML_DEPTH segments below the root. */
struct name {
	char seg[ACPI_AML_DEPTH + 1][4];
	unsigned n;
};

/*
 * NameString at *p, resolved against scope (the enclosing absolute name)
 * into *out (absolute). *single says whether it was one bare NameSeg, the
 * form a device's own Name(_HID, ...) takes.
 */
static int name_string(struct walk *w, uint32_t *p, uint32_t end,
		       const struct name *scope, struct name *out, bool *single)
{
	bool prefixed = false;
	uint32_t segs;

	*out = *scope;
	*single = false;
	if (*p < end && w->aml[*p] == AML_ROOT) {
		out->n = 0;
		prefixed = true;
		(*p)++;
	} else {
		while (*p < end && w->aml[*p] == AML_PARENT) {
			if (!out->n)
				return fail(w, *p);
			out->n--;
			prefixed = true;
			(*p)++;
		}
	}
	if (*p >= end)
		return fail(w, *p);
	switch (w->aml[*p]) {
	case AML_ZERO: /* NullName */
		(*p)++;
		return 0;
	case AML_DUAL:
		segs = 2;
		(*p)++;
		break;
	case AML_MULTI:
		if (*p + 1 >= end)
			return fail(w, *p);
		segs = w->aml[*p + 1];
		*p += 2;
		break;
	default:
		segs = 1;
		*single = !prefixed;
		break;
	}
	if (segs == 0 || segs > end - *p || (end - *p) / 4 < segs)
		return fail(w, *p);
	for (uint32_t i = 0; i < segs; i++) {
		const uint8_t *s = w->aml + *p;

		if (!seg_char(s[0], true) || !seg_char(s[1], false) ||
		    !seg_char(s[2], false) || !seg_char(s[3], false) ||
		    out->n > ACPI_AML_DEPTH)
			return fail(w, *p);
		for (int k = 0; k < 4; k++)
			out->seg[out->n][k] = (char)s[k];
		out->n++;
		*p += 4;
	}
	return 0;
}

static bool name_is(const struct name *n, const char *seg)
{
	return n->n && same(n->seg[n->n - 1], seg, 4);
}

/* "\\_SB.CONS": trailing '_' of each segment dropped, as ACPICA shows it. */
static void format_path(const struct name *n, char *out)
{
	unsigned o = 0;

	out[o++] = '\\';
	for (unsigned i = 0; i < n->n; i++) {
		int k = 4;

		while (k > 1 && n->seg[i][k - 1] == '_')
			k--;
		if (i)
			out[o++] = '.';
		for (int j = 0; j < k; j++)
			out[o++] = n->seg[i][j];
	}
	out[o] = 0;
}

/* EISA ID (compressed "ABC1234") to text. */
static void eisa_id(uint32_t v, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	uint32_t b = ((v & 0xff) << 24) | ((v & 0xff00) << 8) |
		     ((v >> 8) & 0xff00) | (v >> 24); /* big-endian order */

	out[0] = (char)('@' + ((b >> 26) & 0x1f));
	out[1] = (char)('@' + ((b >> 21) & 0x1f));
	out[2] = (char)('@' + ((b >> 16) & 0x1f));
	for (int i = 0; i < 4; i++)
		out[3 + i] = hex[(b >> (12 - 4 * i)) & 0xf];
	out[7] = 0;
}

/* What a Name() holds, as far as we care. */
struct data {
	enum { D_INT, D_STR, D_BUF, D_PKG } kind;
	uint64_t val;          /* D_INT */
	uint32_t off, len;     /* D_STR: the characters; D_BUF: the bytes */
};

/* An integer constant at *p: 1 and *val set, 0 if the opcode is not one
 * (nothing consumed), -1 if it is cut short. */
static int int_const(struct walk *w, uint32_t *p, uint32_t end,
		     uint64_t *val)
{
	static const uint8_t width[] = { [AML_BYTE] = 1, [AML_WORD] = 2,
					 [AML_DWORD] = 4, [AML_QWORD] = 8 };
	uint32_t at = *p;
	uint8_t op;

	if (at >= end)
		return fail(w, at);
	op = w->aml[at];
	switch (op) {
	case AML_ZERO:
	case AML_ONE:
		*val = op;
		break;
	case AML_ONES:
		*val = ~0ull;
		break;
	case AML_BYTE:
	case AML_WORD:
	case AML_DWORD:
	case AML_QWORD:
		if (end - at - 1 < width[op])
			return fail(w, at);
		*val = acpi_get(w->aml + at + 1, width[op]);
		*p += width[op];
		break;
	default:
		return 0;
	}
	(*p)++;
	return 1;
}

/* DataRefObject at *p: integer constants, String, Buffer, Package. Not
 * recursive: a package is skipped whole, a buffer's size must be a
 * constant. */
static int data_object(struct walk *w, uint32_t *p, uint32_t end,
		       struct data *d)
{
	uint32_t op_at = *p, pkg_end, n;
	uint8_t op;
	int r;

	d->kind = D_INT;
	if ((r = int_const(w, p, end, &d->val)))
		return r < 0 ? -1 : 0;
	op = w->aml[(*p)++];
	switch (op) {
	case AML_STRING:
		d->kind = D_STR;
		d->off = *p;
		while (*p < end && w->aml[*p])
			(*p)++;
		if (*p >= end)
			return fail(w, op_at); /* no NUL before the end */
		d->len = *p - d->off;
		(*p)++;
		return 0;
	case AML_BUFFER:
		/* PkgLength, BufferSize (an integer constant), bytes. */
		if (pkg_length(w, p, end, &pkg_end) ||
		    int_const(w, p, pkg_end, &d->val) != 1)
			return fail(w, op_at);
		n = pkg_end - *p;
		d->kind = D_BUF;
		d->off = *p;
		/* A BufferSize beyond the bytes given means zero padding we
		 * do not have; less means the rest is ignored. */
		d->len = d->val < n ? (uint32_t)d->val : n;
		*p = pkg_end;
		return 0;
	case AML_PACKAGE:
	case AML_VARPACKAGE:
		if (pkg_length(w, p, end, &pkg_end))
			return -1;
		d->kind = D_PKG;
		*p = pkg_end;
		return 0;
	default:
		return fail(w, op_at);
	}
}

/* Name(NAME, data) inside device dev (NULL outside devices). */
static int name_term(struct walk *w, uint32_t *p, uint32_t end,
		     const struct name *scope, struct acpi_aml_dev *dev)
{
	struct name n;
	struct data d;
	bool single;

	if (name_string(w, p, end, scope, &n, &single) ||
	    data_object(w, p, end, &d))
		return -1;
	if (!dev || !single)
		return 0;
	if (name_is(&n, "_HID")) {
		if (d.kind == D_INT) {
			eisa_id((uint32_t)d.val, dev->hid);
		} else if (d.kind == D_STR && d.len < ACPI_HID_MAX) {
			for (uint32_t i = 0; i < d.len; i++)
				dev->hid[i] = (char)w->aml[d.off + i];
			dev->hid[d.len] = 0;
		}
	} else if (name_is(&n, "_UID") && d.kind == D_INT) {
		dev->uid = d.val;
		dev->has_uid = true;
	} else if (name_is(&n, "_CRS") && d.kind == D_BUF) {
		dev->crs_off = d.off;
		dev->crs_len = d.len;
	}
	return 0;
}

static int term_list(struct walk *w, uint32_t p, uint32_t end,
		     const struct name *scope, struct acpi_aml_dev *dev,
		     unsigned depth);

/* Device (NAME) { TermList } at *p (the 0x5b); body parsed in its scope. */
static int device_term(struct walk *w, uint32_t *p, uint32_t end,
		       const struct name *scope, unsigned depth)
{
	uint32_t start = *p, pkg_end;
	struct acpi_aml_dev *dev;
	struct name n;
	bool single;

	*p += 2;
	if (pkg_length(w, p, end, &pkg_end) ||
	    name_string(w, p, pkg_end, scope, &n, &single))
		return -1;
	if (w->count >= w->max)
		return fail(w, start);
	dev = &w->devs[w->count++];
	*dev = (struct acpi_aml_dev){ 0 };
	format_path(&n, dev->path);
	dev->term_off = start;
	dev->term_len = pkg_end - start;
	dev->depth = (uint8_t)depth;
	if (term_list(w, *p, pkg_end, &n, dev, depth + 1))
		return -1;
	*p = pkg_end;
	return 0;
}

static int term_list(struct walk *w, uint32_t p, uint32_t end,
		     const struct name *scope, struct acpi_aml_dev *dev,
		     unsigned depth)
{
	if (depth > ACPI_AML_DEPTH)
		return fail(w, p);
	while (p < end) {
		uint32_t at = p, pkg_end;
		struct name n;
		bool single;

		switch (w->aml[p]) {
		case AML_NAME:
			p++;
			if (name_term(w, &p, end, scope, dev))
				return -1;
			break;
		case AML_SCOPE:
			p++;
			if (pkg_length(w, &p, end, &pkg_end) ||
			    name_string(w, &p, pkg_end, scope, &n, &single) ||
			    term_list(w, p, pkg_end, &n, NULL, depth + 1))
				return -1;
			p = pkg_end;
			break;
		case AML_METHOD:
			/* Code we do not run: skip it whole. */
			p++;
			if (pkg_length(w, &p, end, &pkg_end))
				return -1;
			p = pkg_end;
			break;
		case AML_EXT:
			if (p + 1 >= end || w->aml[p + 1] != AML_EXT_DEVICE)
				return fail(w, at);
			if (device_term(w, &p, end, scope, depth))
				return -1;
			break;
		default:
			return fail(w, at);
		}
	}
	return 0;
}

int acpi_aml_walk(const uint8_t *table, uint32_t len,
		  struct acpi_aml_dev *devs, unsigned max, unsigned *count,
		  uint32_t *err_off)
{
	struct walk w = { .aml = table, .devs = devs, .max = max };
	struct name root = { .n = 0 };
	int r;

	*count = 0;
	*err_off = 0;
	if (len < sizeof(struct sc_acpi_header)) {
		*err_off = len;
		return SC_ACPI_BAD_AML;
	}
	r = term_list(&w, sizeof(struct sc_acpi_header), len, &root, NULL, 0);
	*count = w.count;
	if (r) {
		*err_off = w.err;
		return SC_ACPI_BAD_AML;
	}
	return 0;
}

/* ---------------------------------------------------------------- _CRS */

int acpi_res_next(const uint8_t *buf, uint32_t len, uint32_t *pos,
		  struct acpi_res *r)
{
	uint32_t at = *pos, body, total;
	uint8_t tag;

	if (at >= len)
		return -1; /* ran out before the end tag */
	tag = buf[at];
	*r = (struct acpi_res){ .kind = ACPI_RES_OTHER, .off = at };
	if (!(tag & 0x80)) {
		/* Small item: type in bits 6-3, length in bits 2-0. */
		total = 1 + (tag & 7u);
		if (total > len - at)
			return -1;
		if (((tag >> 3) & 0xf) == 0xf)
			return 0; /* end tag */
		r->len = total;
		*pos = at + total;
		return 1;
	}
	if (len - at < 3)
		return -1;
	body = (uint32_t)acpi_get(buf + at + 1, 2);
	total = 3 + body;
	if (total > len - at)
		return -1;
	r->len = total;
	if (tag == SC_RES_QWORD && total >= SC_RES_QWORD_LEN &&
	    buf[at + SC_RES_QWORD_TYPE] == 0) {
		r->kind = ACPI_RES_MEM64;
		r->base = acpi_get(buf + at + SC_RES_QWORD_MIN, 8);
		r->max = acpi_get(buf + at + SC_RES_QWORD_MAX, 8);
		r->size = acpi_get(buf + at + SC_RES_QWORD_LENGTH, 8);
	} else if (tag == SC_RES_EXT_IRQ && total >= SC_RES_IRQ_FIRST + 4) {
		r->irq_count = buf[at + SC_RES_IRQ_COUNT];
		if (r->irq_count == 0 ||
		    SC_RES_IRQ_FIRST + 4ull * r->irq_count > total)
			return -1;
		r->kind = ACPI_RES_IRQ;
		r->irq = (uint32_t)acpi_get(buf + at + SC_RES_IRQ_FIRST, 4);
	}
	*pos = at + total;
	return 1;
}
