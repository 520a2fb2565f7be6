/* Java .properties parsing, following java.util.Properties.load(InputStream):
 * the file is ISO-8859-1, so bytes >= 0x80 become their Latin-1 code points
 * (output as UTF-8), and \uXXXX escapes (surrogate pairs joined) likewise.
 * Line terminators are \n, \r or \r\n. A logical line ends at a terminator
 * that is not escaped by an odd number of backslashes; the continued line's
 * leading whitespace is dropped. Comment lines start with '#' or '!' after
 * leading whitespace (and are never continued). */
#include "props.h"
#include "strbuf.h"
#include "xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct prop {
	char *key;
	char *value;
};

struct props {
	struct prop *items;
	size_t n, cap;
};

struct props *props_new(void)
{
	return xcalloc(1, sizeof(struct props));
}

void props_free(struct props *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].key);
		free(p->items[i].value);
	}
	free(p->items);
	free(p);
}

static void put(struct props *p, char *key, char *value)
{
	for (size_t i = 0; i < p->n; i++) {
		if (!strcmp(p->items[i].key, key)) {
			free(key);
			free(p->items[i].value);
			p->items[i].value = value; /* last value wins, as in Java */
			return;
		}
	}
	XGROW(p->items, p->cap, p->n + 1);
	p->items[p->n].key = key;
	p->items[p->n].value = value;
	p->n++;
}

static void add_utf8(struct strbuf *sb, unsigned long cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (int)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at s (len bytes available), or -1. */
static long hex4(const unsigned char *s, size_t len)
{
	if (len < 4)
		return -1;
	long v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\f';
}

/* Unescape a raw logical line segment [s, s+len) into UTF-8. */
static char *unescape(const unsigned char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, len + 1);
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i++];
		if (c != '\\') {
			add_utf8(&sb, c); /* Latin-1 byte -> code point */
			continue;
		}
		if (i >= len)
			break; /* a lone trailing backslash is dropped, as in Java */
		c = s[i++];
		switch (c) {
		case 't': strbuf_addch(&sb, '\t'); break;
		case 'n': strbuf_addch(&sb, '\n'); break;
		case 'r': strbuf_addch(&sb, '\r'); break;
		case 'f': strbuf_addch(&sb, '\f'); break;
		case 'u': {
			long cp = hex4(s + i, len - i);
			if (cp < 0) {
				/* Java throws here; we keep the text rather than lose the file */
				strbuf_addch(&sb, 'u');
				break;
			}
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= len && s[i] == '\\' && s[i + 1] == 'u') {
				long lo = hex4(s + i + 2, len - i - 2);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 6;
				}
			}
			if (cp >= 0xD800 && cp <= 0xDFFF)
				cp = 0xFFFD; /* unpaired surrogate: not encodable in UTF-8 */
			add_utf8(&sb, (unsigned long)cp);
			break;
		}
		default:
			add_utf8(&sb, c); /* \=, \:, \#, \\, \<space> and any other char: itself */
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* Split one logical line (continuations already joined, escapes intact). */
static void parse_logical(struct props *p, const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len && is_ws(s[i]))
		i++;
	if (i >= len)
		return;
	size_t kstart = i;
	int has_sep = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c == '\\') {
			i += 2;
			continue;
		}
		if (c == '=' || c == ':') {
			has_sep = 1;
			break;
		}
		if (is_ws(c))
			break;
		i++;
	}
	if (i > len)
		i = len;
	size_t kend = i;
	/* separator: whitespace, then at most one '=' or ':', then whitespace */
	while (i < len && is_ws(s[i]))
		i++;
	if (!has_sep && i < len && (s[i] == '=' || s[i] == ':'))
		has_sep = 1;
	if (has_sep && i < len && (s[i] == '=' || s[i] == ':'))
		i++;
	while (i < len && is_ws(s[i]))
		i++;
	put(p, unescape(s + kstart, kend - kstart), unescape(s + i, len - i));
}

void props_parse(struct props *p, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	struct strbuf line = STRBUF_INIT;
	size_t i = 0;
	while (i < len) {
		/* start of a natural line: skip leading whitespace */
		while (i < len && is_ws(s[i]))
			i++;
		if (i >= len)
			break;
		if (s[i] == '\n' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == '#' || s[i] == '!') {
			while (i < len && s[i] != '\n' && s[i] != '\r')
				i++;
			continue;
		}
		strbuf_reset(&line);
		for (;;) {
			size_t st = i;
			while (i < len && s[i] != '\n' && s[i] != '\r')
				i++;
			size_t end = i;
			if (i < len) {
				if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
					i++;
				i++;
			}
			/* odd run of trailing backslashes: the terminator is escaped */
			size_t bs = 0;
			while (end - bs > st && s[end - bs - 1] == '\\')
				bs++;
			if (bs % 2 == 1) {
				strbuf_add(&line, s + st, end - st - 1);
				if (i >= len)
					break;
				while (i < len && is_ws(s[i]))
					i++;
				continue;
			}
			strbuf_add(&line, s + st, end - st);
			break;
		}
		parse_logical(p, (const unsigned char *)strbuf_str(&line), line.len);
	}
	strbuf_release(&line);
}

int props_load_file(struct props *p, const char *path, struct lr_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		return lr_fail(err, LR_EXIT_INPUT, "cannot read %s: %s", path, strerror(errno));
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t r;
	while ((r = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, r);
	int bad = ferror(f);
	int saved = errno;
	fclose(f);
	if (bad) {
		strbuf_release(&sb);
		return lr_fail(err, LR_EXIT_INPUT, "cannot read %s: %s", path, strerror(saved));
	}
	props_parse(p, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return 0;
}

const char *props_get(const struct props *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->items[i].key, key))
			return p->items[i].value;
	return NULL;
}

size_t props_count(const struct props *p)
{
	return p->n;
}
