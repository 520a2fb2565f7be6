#include "report.h"
#include "../util/log.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#ifndef LRPREP_VERSION
#define LRPREP_VERSION "0"
#endif

json_t *report_new(const char *command)
{
	return json_pack("{s:i, s:s, s:s}", "schemaVersion", LR_JSON_SCHEMA_VERSION, "command", command,
			 "lrprepVersion", LRPREP_VERSION);
}

void report_set_counts(json_t *doc, long long errors, long long warnings, long long notices)
{
	json_object_set_new(doc, "errorCount", json_integer(errors));
	json_object_set_new(doc, "warningCount", json_integer(warnings));
	json_object_set_new(doc, "noticeCount", json_integer(notices));
}

int report_set_outcome(json_t *doc, long long errors, long long warnings, long long notices,
		       int with_verdict)
{
	static const char *const verdicts[] = { "ready", "ready with warnings", "not ready" };
	int code = errors ? 2 : warnings ? 1 : 0;
	report_set_counts(doc, errors, warnings, notices);
	if (with_verdict)
		json_object_set_new(doc, "verdict", json_string(verdicts[code]));
	json_object_set_new(doc, "exitCode", json_integer(code));
	return code;
}

int report_set_findings_outcome(json_t *doc, const json_t *findings, int with_verdict)
{
	long long n[3] = { 0, 0, 0 }; /* notices, warnings, errors */
	size_t i;
	json_t *f;
	json_array_foreach(findings, i, f) {
		const char *s = json_string_value(json_object_get(f, "severity"));
		n[!s ? 0 : !strcmp(s, "error") ? 2 : !strcmp(s, "warning") ? 1 : 0]++;
	}
	return report_set_outcome(doc, n[2], n[1], n[0], with_verdict);
}

int report_print_json(FILE *f, const json_t *doc, struct lr_err *err)
{
	if (json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) < 0 ||
	    fputc('\n', f) == EOF)
		return lr_fail(err, LR_EXIT_FAILED, "writing JSON report: %s", strerror(errno));
	return 0;
}

struct text_table {
	int ncols;
	char **cells; /* rows * ncols, row 0 = headers */
	int nrows;
	size_t cap;
	int *right;
};

struct text_table *text_table_new(int ncols, const char *const *headers)
{
	struct text_table *t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->right = xcalloc((size_t)ncols, sizeof(int));
	text_table_row(t, headers);
	return t;
}

void text_table_right(struct text_table *t, int col)
{
	if (col >= 0 && col < t->ncols)
		t->right[col] = 1;
}

void text_table_row(struct text_table *t, const char *const *cells)
{
	XGROW(t->cells, t->cap, (size_t)(t->nrows + 1) * (size_t)t->ncols);
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

void text_table_rowf(struct text_table *t, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	const char **cells = xcalloc((size_t)t->ncols, sizeof(char *));
	char *p = sb.buf ? sb.buf : (char *)"";
	for (int i = 0; i < t->ncols; i++) {
		cells[i] = p;
		char *tab = p ? strchr(p, '\t') : NULL;
		if (tab) {
			*tab = '\0';
			p = tab + 1;
		} else {
			p = NULL;
		}
	}
	text_table_row(t, cells);
	free(cells);
	strbuf_release(&sb);
}

/* Terminal columns a code point takes: East Asian Wide/Fullwidth ranges are
 * 2 (CJK site names in real dumps), combining marks and zero-width 0. A table
 * rather than wcwidth(): no dependence on the process locale. */
static const struct {
	unsigned lo, hi;
	unsigned char w;
} cp_widths[] = {
	{ 0x0300, 0x036F, 0 }, { 0x0483, 0x0489, 0 }, { 0x0591, 0x05BD, 0 },
	{ 0x1100, 0x115F, 2 }, { 0x200B, 0x200F, 0 }, { 0x20D0, 0x20FF, 0 },
	{ 0x2E80, 0x303E, 2 }, { 0x3041, 0x33FF, 2 }, { 0x3400, 0x4DBF, 2 },
	{ 0x4E00, 0x9FFF, 2 }, { 0xA000, 0xA4CF, 2 }, { 0xA960, 0xA97F, 2 },
	{ 0xAC00, 0xD7A3, 2 }, { 0xF900, 0xFAFF, 2 }, { 0xFE00, 0xFE0F, 0 },
	{ 0xFE10, 0xFE19, 2 }, { 0xFE30, 0xFE6F, 2 }, { 0xFF00, 0xFF60, 2 },
	{ 0xFFE0, 0xFFE6, 2 }, { 0x1F300, 0x1F64F, 2 }, { 0x1F900, 0x1F9FF, 2 },
	{ 0x20000, 0x2FFFD, 2 }, { 0x30000, 0x3FFFD, 2 },
};

static int cp_width(unsigned cp)
{
	for (size_t i = 0; i < sizeof cp_widths / sizeof cp_widths[0]; i++)
		if (cp >= cp_widths[i].lo && cp <= cp_widths[i].hi)
			return cp_widths[i].w;
	return 1;
}

/* Display width of UTF-8 text; a byte that is not valid UTF-8 counts as one
 * column (Latin-1 data read as bytes). */
static size_t width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0;
	while (*s) {
		unsigned cp = *s;
		int len = cp < 0x80 ? 1 : (cp & 0xE0) == 0xC0 ? 2 : (cp & 0xF0) == 0xE0 ? 3 : (cp & 0xF8) == 0xF0 ? 4 : 1;
		if (len > 1) {
			cp &= 0x3F >> (len - 1);
			for (int k = 1; k < len; k++) {
				if ((s[k] & 0xC0) != 0x80) {
					len = 1;
					cp = *s;
					break;
				}
				cp = (cp << 6) | (s[k] & 0x3F);
			}
		}
		w += len == 1 && cp >= 0x80 ? 1 : (size_t)cp_width(cp);
		s += len;
	}
	return w;
}

size_t report_display_width(const char *s)
{
	return width(s ? s : "");
}

void text_table_print(const struct text_table *t, FILE *f, const char *indent)
{
	size_t *w = xcalloc((size_t)t->ncols, sizeof(size_t));
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			size_t x = width(t->cells[r * t->ncols + c]);
			if (x > w[c])
				w[c] = x;
		}
	int color = lr_color(f);
	for (int r = 0; r < t->nrows; r++) {
		fputs(indent ? indent : "", f);
		if (r == 0 && color)
			fputs("\033[1m", f);
		for (int c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t pad = w[c] - width(s);
			if (t->right[c])
				fprintf(f, "%*s%s", (int)pad, "", s);
			else if (c == t->ncols - 1)
				fputs(s, f);
			else
				fprintf(f, "%s%*s", s, (int)pad, "");
			if (c != t->ncols - 1)
				fputs("  ", f);
		}
		if (r == 0 && color)
			fputs("\033[0m", f);
		fputc('\n', f);
	}
	free(w);
}

void text_table_free(struct text_table *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->right);
	free(t);
}

void report_human_bytes(long long n, char *buf, size_t len)
{
	const char *units[] = { "B", "kB", "MB", "GB", "TB" };
	double v = (double)n;
	int u = 0;
	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%lld B", n);
	else
		snprintf(buf, len, "%.1f %s", v, units[u]);
}

void report_heading(FILE *f, const char *title)
{
	if (lr_color(f))
		fprintf(f, "\n\033[1m%s\033[0m\n", title);
	else
		fprintf(f, "\n%s\n", title);
}
