/* mysqldump reader: INSERT/REPLACE rows. Each row is read into a reusable
 * arena, checked against its column list, converted to the canonical
 * forms of db.h by the column's kind and charset, and handed to the sink
 * before the next row is read: memory is bounded by the largest row. */
#include "mysqldump_int.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* MySQL's "latin1" is Windows-1252; its five holes map to the C1 controls. */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void put_utf8(struct strbuf *out, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | cp >> 18);
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(out, b, n);
}

static int in_cp1252(uint32_t cp)
{
	if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
		return 1;
	for (int i = 0; i < 32; i++)
		if (cp1252_hi[i] == cp)
			return 1;
	return 0;
}

void md_to_utf8(const char *s, size_t n, enum mcs src, enum mcs dst, struct strbuf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	if (src == CS_LATIN1) {
		for (size_t i = 0; i < n; i++) {
			if (u[i] < 0x80)
				strbuf_addch(out, u[i]);
			else
				put_utf8(out, u[i] < 0xA0 ? cp1252_hi[u[i] - 0x80] : u[i]);
		}
		return;
	}
	if (dst != CS_LATIN1) {
		strbuf_add(out, s, n);
		return;
	}
	/* UTF-8 text stored in a latin1 column: what latin1 cannot hold becomes
	 * '?', exactly as the server does */
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len;
		if (u[i] < 0x80) {
			strbuf_addch(out, u[i++]);
			continue;
		} else if ((u[i] & 0xE0) == 0xC0 && i + 1 < n) {
			cp = (uint32_t)(u[i] & 0x1F) << 6 | (u[i + 1] & 0x3F);
			len = 2;
		} else if ((u[i] & 0xF0) == 0xE0 && i + 2 < n) {
			cp = (uint32_t)(u[i] & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
			len = 3;
		} else if ((u[i] & 0xF8) == 0xF0 && i + 3 < n) {
			cp = (uint32_t)(u[i] & 0x07) << 18 | (uint32_t)(u[i + 1] & 0x3F) << 12 |
			     (uint32_t)(u[i + 2] & 0x3F) << 6 | (u[i + 3] & 0x3F);
			len = 4;
		} else {
			strbuf_addch(out, u[i++]); /* not UTF-8: keep the byte */
			continue;
		}
		if (in_cp1252(cp))
			strbuf_add(out, s + i, len);
		else
			strbuf_addch(out, '?');
		i += len;
	}
}

/* Whole-string integer, or 0 when s is not one (or overflows). */
static int parse_int(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (i == n || n - i > 19)
		return 0;
	uint64_t v = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > (uint64_t)INT64_MAX + (uint64_t)neg)
		return 0;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 1;
}

static int parse_real(const char *s, size_t n, double *out)
{
	char tmp[512];
	if (n == 0 || n >= sizeof tmp)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	char *end;
	errno = 0;
	*out = strtod(tmp, &end);
	return *end == '\0';
}

#define CONV_BIT ((size_t)1 << (sizeof(size_t) * 8 - 1))

/* Value i (raw v) for column c: fills out and, for bytes, the offset
 * (arena, or conv when CONV_BIT is set). */
static void convert(struct mreader *r, const struct mval *v, const struct mcol *c, struct db_value *out,
		    size_t *off)
{
	const char *b = r->arena.buf + v->off;
	memset(out, 0, sizeof *out);
	*off = v->off;
	out->len = v->len;
	switch (v->type) {
	case RV_NULL:
		out->kind = DB_NULL;
		return;
	case RV_BIT:
		out->kind = c->kind == DB_BOOL ? DB_BOOL : DB_INT;
		out->i = v->bits;
		return;
	case RV_HEX:
		if (c->kind == DB_INT || c->kind == DB_BOOL) {
			uint64_t x = 0;
			for (size_t i = 0; i < v->len; i++)
				x = x << 8 | (unsigned char)b[i];
			out->kind = c->kind;
			out->i = (int64_t)x;
			return;
		}
		break;
	case RV_NUM:
	case RV_STR:
		switch (c->kind) {
		case DB_INT:
		case DB_BOOL:
			if (parse_int(b, v->len, &out->i)) {
				out->kind = c->kind;
				return;
			}
			/* out of int64 range (bigint unsigned) or not a number: exact text */
			out->kind = v->type == RV_NUM ? DB_DECIMAL : DB_TEXT;
			return;
		case DB_REAL:
			if (parse_real(b, v->len, &out->r)) {
				out->kind = DB_REAL;
				return;
			}
			out->kind = DB_TEXT;
			return;
		case DB_DECIMAL:
			out->kind = DB_DECIMAL;
			return;
		case DB_DATE:
			out->kind = DB_DATE;
			if (v->len == 10) {
				/* a DATE column: canonical form carries the time */
				*off = r->conv.len | CONV_BIT;
				strbuf_add(&r->conv, b, v->len);
				strbuf_addstr(&r->conv, " 00:00:00");
				out->len = v->len + 9;
			}
			return;
		default:
			break;
		}
		break;
	}
	if (c->kind == DB_BLOB) {
		out->kind = DB_BLOB;
		return;
	}
	out->kind = DB_TEXT;
	if (v->type == RV_NUM || !v->hi)
		return;
	enum mcs src = v->cs;
	if (v->type == RV_HEX || src == CS_BINARY)
		src = c->cs == CS_LATIN1 ? CS_LATIN1 : CS_UTF8;
	if (src == CS_UTF8 && c->cs != CS_LATIN1)
		return;
	size_t start = r->conv.len;
	md_to_utf8(b, v->len, src, c->cs, &r->conv);
	*off = start | CONV_BIT;
	out->len = r->conv.len - start;
}

static int emit_row(struct mreader *r, const struct mtable *t, int nvals, uint64_t line, uint64_t col)
{
	if ((size_t)nvals > r->ocap) {
		r->ocap = (size_t)nvals + 16;
		r->out = xrealloc(r->out, r->ocap * sizeof *r->out);
		r->convoff = xrealloc(r->convoff, r->ocap * sizeof *r->convoff);
	}
	strbuf_reset(&r->conv);
	for (int i = 0; i < nvals; i++)
		convert(r, &r->vals[i], &t->cols[r->map[i]], &r->out[i], &r->convoff[i]);
	for (int i = 0; i < nvals; i++) {
		size_t o = r->convoff[i];
		if (r->out[i].kind == DB_NULL || r->out[i].kind == DB_INT || r->out[i].kind == DB_BOOL ||
		    r->out[i].kind == DB_REAL)
			continue;
		r->out[i].s = (o & CONV_BIT) ? r->conv.buf + (o & ~CONV_BIT) : r->arena.buf + o;
		if (!r->out[i].s)
			r->out[i].s = "";
	}
	struct dump_loc loc = { r->lx.file, line, col };
	if (!r->sink->row)
		return 0;
	return r->sink->row(r->sink->ctx, t->name, r->colnames[0] ? r->colnames : NULL, nvals, r->out, &loc,
			    r->err);
}

static int eof_fail(struct mreader *r)
{
	return mlex_fail(&r->lx, "the dump ends inside an INSERT statement (truncated?)");
}

/* Case-insensitive match of a keyword at p, not followed by a word byte. */
static int keyword_at(struct mlex *lx, const char *kw)
{
	size_t n = strlen(kw);
	if (mlex_need(lx, n + 1) < 0 || (size_t)(lx->end - lx->p) < n)
		return 0;
	if (strncasecmp(lx->p, kw, n) != 0)
		return 0;
	unsigned char c = lx->p + n < lx->end ? (unsigned char)lx->p[n] : ' ';
	return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		 c >= 0x80);
}

static int value(struct mreader *r, struct mval *v)
{
	struct mlex *lx = &r->lx;
	int c = mlex_peek(lx);
	if (c == -2)
		return -1;
	if (c == -1)
		return eof_fail(r);
	v->line = lx->line;
	v->col = mlex_col(lx);
	v->off = r->arena.len;
	v->hi = 0;
	v->cs = r->client_cs;
	if (c == '\'' || c == '"') {
		v->type = RV_STR;
		if (mlex_string(lx, &r->arena, &v->hi) < 0)
			return -1;
		v->len = r->arena.len - v->off;
		return 0;
	}
	if (mlex_ensure(lx, 3) < 0)
		return -1;
	char c1 = lx->p + 1 < lx->end ? lx->p[1] : 0;
	if (c == '0' && (c1 == 'x' || c1 == 'X')) {
		v->type = RV_HEX;
		goto hex;
	}
	if (c == '0' && c1 == 'b') {
		v->type = RV_BIT;
		return mlex_bit(lx, &v->bits);
	}
	if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
		v->type = RV_NUM;
		if (mlex_number(lx, &r->arena) < 0)
			return -1;
		v->len = r->arena.len - v->off;
		return 0;
	}
	if ((c == 'x' || c == 'X') && c1 == '\'') {
		v->type = RV_HEX;
		goto hex;
	}
	if ((c == 'b' || c == 'B') && c1 == '\'') {
		v->type = RV_BIT;
		return mlex_bit(lx, &v->bits);
	}
	if (keyword_at(lx, "NULL")) {
		lx->p += 4;
		v->type = RV_NULL;
		v->len = 0;
		return 0;
	}
	if (keyword_at(lx, "TRUE") || keyword_at(lx, "FALSE")) {
		v->type = RV_BIT;
		v->bits = (c == 't' || c == 'T');
		lx->p += v->bits ? 4 : 5;
		return 0;
	}
	if (c == '_') {
		/* charset introducer: _binary '..', _utf8mb4'..', _latin1 X'..' */
		strbuf_reset(&r->t.text);
		if (mlex_word(lx, &r->t.text) < 0)
			return -1;
		v->cs = mcs_from_name(r->t.text.buf + 1);
		c = mlex_peek(lx);
		if (c == -2)
			return -1;
		if (c == -1)
			return eof_fail(r);
		v->off = r->arena.len;
		if (c == '\'' || c == '"') {
			v->type = RV_STR;
			if (mlex_string(lx, &r->arena, &v->hi) < 0)
				return -1;
			v->len = r->arena.len - v->off;
			return 0;
		}
		if (mlex_need(lx, 2) < 0)
			return -1;
		c1 = lx->p + 1 < lx->end ? lx->p[1] : 0;
		if ((c == '0' && (c1 == 'x' || c1 == 'X')) || ((c == 'x' || c == 'X') && c1 == '\'')) {
			/* hex after an introducer is a string in that charset */
			v->type = RV_STR;
			if (mlex_hex(lx, &r->arena) < 0)
				return -1;
			v->len = r->arena.len - v->off;
			for (size_t i = 0; i < v->len; i++)
				v->hi |= (unsigned char)r->arena.buf[v->off + i] >> 7;
			return 0;
		}
		return mlex_fail(lx, "expected a string after the %s introducer", r->t.text.buf);
	}
	if (c >= 0x20 && c < 0x7f)
		return mlex_fail(lx, "unexpected '%c' in a row value (only literals are supported)", c);
	return mlex_fail(lx, "unexpected byte 0x%02x in a row value", c);
hex:
	if (mlex_hex(lx, &r->arena) < 0)
		return -1;
	v->len = r->arena.len - v->off;
	for (size_t i = 0; i < v->len; i++)
		v->hi |= (unsigned char)r->arena.buf[v->off + i] >> 7;
	return 0;
}

static int bad_row_end(struct mreader *r, int c)
{
	if (c == -2)
		return -1;
	if (c == -1)
		return eof_fail(r);
	if (c >= 0x20 && c < 0x7f)
		return mlex_fail(&r->lx, "expected ',' or ')' after a value, found '%c'", c);
	return mlex_fail(&r->lx, "expected ',' or ')' after a value, found byte 0x%02x", c);
}

static int rows(struct mreader *r, const struct mtable *t, int ncols)
{
	struct mlex *lx = &r->lx;
	for (;;) {
		int c = mlex_peek(lx);
		if (c == -2)
			return -1;
		if (c == -1)
			return eof_fail(r);
		if (c != '(')
			return mlex_fail(lx, "expected '(' to start a row of %s", t->name);
		uint64_t line = lx->line, col = mlex_col(lx);
		lx->p++;
		strbuf_reset(&r->arena);
		int nv = 0;
		c = mlex_peek(lx);
		if (c == ')') {
			lx->p++;
		} else {
			for (;;) {
				if ((size_t)nv >= r->vcap) {
					r->vcap = r->vcap ? r->vcap * 2 : 64;
					r->vals = xrealloc(r->vals, r->vcap * sizeof *r->vals);
				}
				if (value(r, &r->vals[nv]) < 0)
					return -1;
				nv++;
				c = mlex_peek(lx);
				if (c == ',') {
					lx->p++;
					continue;
				}
				if (c == ')') {
					lx->p++;
					break;
				}
				return bad_row_end(r, c);
			}
		}
		if (nv != ncols)
			return mlex_fail_at(lx, line, col, "row has %d value%s but %d column%s %s %s", nv,
					    nv == 1 ? "" : "s", ncols, ncols == 1 ? "" : "s",
					    ncols == t->ncols ? "in table" : "listed for", t->name);
		if (emit_row(r, t, nv, line, col) < 0)
			return -1;
		c = mlex_peek(lx);
		if (c == ',') {
			lx->p++;
			continue;
		}
		if (c == ';') {
			lx->p++;
			return 0;
		}
		if (c == -2)
			return -1;
		if (c == -1)
			return eof_fail(r);
		if (keyword_at(lx, "ON"))
			return mlex_skip_stmt(lx); /* ON DUPLICATE KEY UPDATE: the rows are in */
		return mlex_fail(lx, "expected ',' or ';' after a row");
	}
}

int md_insert(struct mreader *r, uint64_t line, uint64_t col)
{
	(void)line;
	(void)col;
	struct mtoken *tk = &r->t;
	static const char *const mods[] = { "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO", NULL };
	for (;;) {
		if (mlex_token(&r->lx, tk) < 0)
			return -1;
		int m = 0;
		for (int i = 0; mods[i]; i++)
			m |= md_is(tk, mods[i]);
		if (!m)
			break;
	}
	if (tk->type != MT_WORD && tk->type != MT_QIDENT) {
		if (tk->type == MT_EOF)
			return eof_fail(r);
		return mlex_fail_at(&r->lx, tk->line, tk->col, "expected a table name after INSERT");
	}
	char *name = xstrdup(tk->text.buf);
	uint64_t tline = tk->line, tcol = tk->col;
	for (;;) {
		int c = mlex_skip_ws(&r->lx);
		if (c != '.')
			break;
		r->lx.p++;
		if (mlex_token(&r->lx, tk) < 0) {
			free(name);
			return -1;
		}
		free(name);
		name = xstrdup(tk->text.buf);
	}
	const struct mtable *t = mtable_find(r, name);
	if (!t) {
		mlex_fail_at(&r->lx, tline, tcol, "INSERT into unknown table %s (no CREATE TABLE before it)", name);
		free(name);
		return -1;
	}
	free(name);
	if (mlex_token(&r->lx, tk) < 0)
		return -1;
	int ncols = t->ncols;
	if ((size_t)t->ncols + 1 > r->mcap) {
		r->mcap = (size_t)t->ncols + 16;
		r->map = xrealloc(r->map, r->mcap * sizeof *r->map);
	}
	if ((size_t)t->ncols + 1 > r->ccap) {
		r->ccap = (size_t)t->ncols + 16;
		r->colnames = xrealloc(r->colnames, r->ccap * sizeof *r->colnames);
	}
	r->colnames[0] = NULL;
	if (tk->type == MT_PUNCT && tk->ch == '(') {
		ncols = 0;
		for (;;) {
			if (mlex_token(&r->lx, tk) < 0)
				return -1;
			if (tk->type == MT_PUNCT && tk->ch == ')' && ncols == 0)
				break;
			if (tk->type != MT_WORD && tk->type != MT_QIDENT)
				return tk->type == MT_EOF ? eof_fail(r)
							  : mlex_fail_at(&r->lx, tk->line, tk->col, "expected a column name");
			int j = 0;
			while (j < t->ncols && strcasecmp(t->cols[j].name, tk->text.buf))
				j++;
			if (j == t->ncols)
				return mlex_fail_at(&r->lx, tk->line, tk->col, "table %s has no column %s", t->name,
						    tk->text.buf);
			if (ncols >= t->ncols)
				return mlex_fail_at(&r->lx, tk->line, tk->col, "too many columns listed");
			r->map[ncols] = j;
			r->colnames[ncols++] = t->cols[j].name;
			if (mlex_token(&r->lx, tk) < 0)
				return -1;
			if (tk->type == MT_PUNCT && tk->ch == ')')
				break;
			if (!(tk->type == MT_PUNCT && tk->ch == ','))
				return tk->type == MT_EOF ? eof_fail(r)
							  : mlex_fail_at(&r->lx, tk->line, tk->col, "expected ',' or ')'");
		}
		r->colnames[ncols] = NULL;
		if (ncols == 0)
			r->colnames[0] = NULL;
		if (mlex_token(&r->lx, tk) < 0)
			return -1;
	} else {
		for (int j = 0; j < t->ncols; j++)
			r->map[j] = j;
	}
	if (md_is(tk, "VALUES") || md_is(tk, "VALUE"))
		return rows(r, t, ncols);
	if (tk->type == MT_EOF)
		return eof_fail(r);
	if (md_is(tk, "SELECT") || md_is(tk, "SET")) {
		if (r->sink->notice) {
			struct dump_loc loc = { r->lx.file, tk->line, tk->col };
			r->sink->notice(r->sink->ctx, &loc, "INSERT ... SELECT/SET form skipped");
		}
		return mlex_skip_stmt(&r->lx);
	}
	return mlex_fail_at(&r->lx, tk->line, tk->col, "expected VALUES after the INSERT column list");
}
