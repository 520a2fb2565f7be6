/* The mysqldump lexer: MySQL's token syntax (backtick identifiers, quoted
 * strings with backslash escapes and doubled quotes, hex and bit literals,
 * the three comment styles, and executable comments whose content is read
 * as ordinary SQL), over a window of the input that slides forward. */
#include "mysqldump_lex.h"
#include "../util/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW (1u << 20)

/* Bytes that stop the scan inside a quoted token. The byte after the data
 * is always a '\n' sentinel, so the scan loops need no bounds check. */
static const unsigned char stop_sq[256] = { ['\''] = 1, ['\\'] = 1, ['\n'] = 1 };
static const unsigned char stop_dq[256] = { ['"'] = 1, ['\\'] = 1, ['\n'] = 1 };
static const unsigned char stop_bq[256] = { ['`'] = 1, ['\n'] = 1 };

void mlex_init(struct mlex *lx, struct input *in, struct dump_sink *sink, struct lr_err *err)
{
	memset(lx, 0, sizeof *lx);
	lx->in = in;
	lx->file = input_name(in);
	lx->sink = sink;
	lx->err = err;
	lx->cap = WINDOW;
	lx->buf = xmalloc(lx->cap + 1);
	lx->p = lx->end = lx->buf;
	*lx->end = '\n';
	lx->line = 1;
	lx->backslash = 1;
}

void mlex_release(struct mlex *lx)
{
	free(lx->buf);
	lx->buf = lx->p = lx->end = NULL;
}

static inline uint64_t abs_off(const struct mlex *lx, const char *q)
{
	return lx->base + (uint64_t)(q - lx->buf);
}

void mlex_loc(const struct mlex *lx, struct dump_loc *loc)
{
	loc->file = lx->file;
	loc->line = lx->line;
	loc->col = mlex_col(lx);
}

static int vfail(struct mlex *lx, uint64_t line, uint64_t col, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	return lr_fail(lx->err, LR_EXIT_INPUT, "%s:%llu:%llu: %s", lx->file, (unsigned long long)line,
		       (unsigned long long)col, msg);
}

int mlex_fail(struct mlex *lx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(lx, lx->line, mlex_col(lx), fmt, ap);
	va_end(ap);
	return -1;
}

int mlex_fail_at(struct mlex *lx, uint64_t line, uint64_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(lx, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* Slide the window: keep [p, end), read more after it. 1 more data, 0 end, -1 error. */
static int fill(struct mlex *lx)
{
	if (lx->eof)
		return 0;
	size_t keep = (size_t)(lx->end - lx->p);
	if (lx->p > lx->buf) {
		memmove(lx->buf, lx->p, keep);
		lx->base += (uint64_t)(lx->p - lx->buf);
		lx->p = lx->buf;
		lx->end = lx->buf + keep;
	}
	if (keep >= lx->cap / 2) {
		/* a long token spans the window: grow (bounded by the token) */
		lx->cap *= 2;
		lx->buf = xrealloc(lx->buf, lx->cap + 1);
		lx->p = lx->buf;
		lx->end = lx->buf + keep;
	}
	long n = input_read(lx->in, lx->end, lx->cap - keep, lx->err);
	if (n < 0)
		return -1;
	if (n == 0) {
		lx->eof = 1;
		*lx->end = '\n';
		return 0;
	}
	lx->end += n;
	*lx->end = '\n';
	if (lx->sink && lx->sink->progress) {
		uint64_t raw = input_raw_bytes(lx->in);
		if (raw - lx->last_progress >= (4u << 20)) {
			lx->last_progress = raw;
			lx->sink->progress(lx->sink->ctx, raw, input_raw_total(lx->in));
		}
	}
	return 1;
}

long mlex_need(struct mlex *lx, size_t n)
{
	while ((size_t)(lx->end - lx->p) < n) {
		int r = fill(lx);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
	}
	return (long)(lx->end - lx->p);
}

static inline void newline_at(struct mlex *lx, const char *nl)
{
	lx->line++;
	lx->line_start = abs_off(lx, nl) + 1;
}

/* Move p to q (q <= end), counting the newlines passed. */
static void advance_to(struct mlex *lx, const char *q)
{
	const char *s = lx->p;
	while (s < q) {
		const char *nl = memchr(s, '\n', (size_t)(q - s));
		if (!nl)
			break;
		newline_at(lx, nl);
		s = nl + 1;
	}
	lx->p = (char *)q;
}

/* Skip to just after the next '\n' (or the end). */
static int skip_to_eol(struct mlex *lx)
{
	for (;;) {
		char *nl = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
		if (nl) {
			newline_at(lx, nl);
			lx->p = nl + 1;
			return 0;
		}
		lx->p = lx->end;
		int r = fill(lx);
		if (r <= 0)
			return r;
	}
}

/* Skip a comment body up to and including its closing star-slash. */
static int skip_block_comment(struct mlex *lx, uint64_t line, uint64_t col)
{
	for (;;) {
		char *s = lx->p;
		while (s + 1 < lx->end && !(s[0] == '*' && s[1] == '/'))
			s++;
		if (s + 1 < lx->end) {
			advance_to(lx, s + 2);
			return 0;
		}
		advance_to(lx, s);
		int r = fill(lx);
		if (r < 0)
			return -1;
		if (r == 0)
			return mlex_fail_at(lx, line, col, "unterminated comment");
	}
}

static inline int is_blank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

int mlex_skip_ws(struct mlex *lx)
{
	for (;;) {
		if (lx->p == lx->end) {
			int r = fill(lx);
			if (r < 0)
				return -2;
			if (r == 0)
				return -1;
		}
		unsigned char c = (unsigned char)*lx->p;
		if (is_blank(c)) {
			lx->p++;
		} else if (c == '\n') {
			newline_at(lx, lx->p);
			lx->p++;
		} else if (c == '#') {
			if (skip_to_eol(lx) < 0)
				return -2;
		} else if (c == '-') {
			if (mlex_need(lx, 3) < 0)
				return -2;
			/* "--" starts a comment only when followed by a blank (MySQL rule) */
			if (lx->p + 1 < lx->end && lx->p[1] == '-' &&
			    (lx->p + 2 == lx->end || (unsigned char)lx->p[2] <= ' ')) {
				if (skip_to_eol(lx) < 0)
					return -2;
			} else {
				return c;
			}
		} else if (c == '/') {
			if (mlex_need(lx, 16) < 0)
				return -2;
			if (lx->p + 1 >= lx->end || lx->p[1] != '*')
				return c;
			uint64_t line = lx->line, col = mlex_col(lx);
			char *s = lx->p + 2;
			int exec = 0;
			if (s < lx->end && *s == '!') {
				exec = 1;
				s++;
			} else if (s + 1 < lx->end && *s == 'M' && s[1] == '!') {
				exec = 1; /* MariaDB-only executable comment */
				s += 2;
			}
			if (exec) {
				char *d = s;
				while (d < lx->end && *d >= '0' && *d <= '9')
					d++;
				/* the sandbox marker of new mariadb-dump is a plain comment */
				if (d - s == 6 && !memcmp(s, "999999", 6))
					exec = 0;
				s = d;
			}
			lx->p = s;
			if (exec)
				lx->in_cond = 1;
			else if (skip_block_comment(lx, line, col) < 0)
				return -2;
		} else if (c == '*' && lx->in_cond) {
			if (mlex_need(lx, 2) < 0)
				return -2;
			if (lx->p + 1 < lx->end && lx->p[1] == '/') {
				lx->p += 2;
				lx->in_cond = 0;
			} else {
				return c;
			}
		} else {
			return c;
		}
	}
}

static void add_span(struct strbuf *out, const char *s, size_t n, int *hi)
{
	if (!n)
		return;
	strbuf_add(out, s, n);
	if (hi && !*hi) {
		unsigned char acc = 0;
		for (size_t i = 0; i < n; i++)
			acc |= (unsigned char)s[i];
		*hi = acc >> 7;
	}
}

int mlex_string(struct mlex *lx, struct strbuf *out, int *hi)
{
	char q = *lx->p;
	uint64_t line = lx->line, col = mlex_col(lx);
	const unsigned char *stop = q == '\'' ? stop_sq : q == '"' ? stop_dq : stop_bq;
	int esc = q != '`' && lx->backslash;
	lx->p++;
	for (;;) {
		char *s = lx->p;
		while (!stop[(unsigned char)*s])
			s++;
		add_span(out, lx->p, (size_t)(s - lx->p), hi);
		lx->p = s;
		if (s == lx->end) {
			int r = fill(lx);
			if (r < 0)
				return -1;
			if (r == 0)
				return mlex_fail_at(lx, line, col, "unterminated string (the dump ends inside it)");
			continue;
		}
		char c = *s;
		if (c == '\n') {
			newline_at(lx, s);
			strbuf_addch(out, '\n');
			lx->p++;
			continue;
		}
		if (mlex_ensure(lx, 2) < 0)
			return -1;
		s = lx->p;
		if (c == q) {
			if (s + 1 < lx->end && s[1] == q) {
				strbuf_addch(out, q);
				lx->p += 2;
				continue;
			}
			lx->p++;
			return 0;
		}
		/* backslash */
		if (!esc) {
			strbuf_addch(out, '\\');
			lx->p++;
			continue;
		}
		if (s + 1 >= lx->end)
			return mlex_fail_at(lx, line, col, "unterminated string (the dump ends inside it)");
		char e = s[1], o;
		switch (e) {
		case '0': o = '\0'; break;
		case 'b': o = '\b'; break;
		case 'n': o = '\n'; break;
		case 'r': o = '\r'; break;
		case 't': o = '\t'; break;
		case 'Z': o = '\032'; break;
		case '%':
		case '_':
			/* MySQL keeps the backslash of \% and \_ (they are LIKE escapes) */
			strbuf_addch(out, '\\');
			o = e;
			break;
		case '\n':
			newline_at(lx, s + 1);
			o = e;
			break;
		default: o = e; break;
		}
		if ((unsigned char)o >= 0x80 && hi)
			*hi = 1;
		strbuf_addch(out, o);
		lx->p += 2;
	}
}

static inline int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '$' || c >= 0x80;
}

int mlex_word(struct mlex *lx, struct strbuf *out)
{
	for (;;) {
		char *s = lx->p;
		while (s < lx->end && is_word_byte((unsigned char)*s))
			s++;
		strbuf_add(out, lx->p, (size_t)(s - lx->p));
		lx->p = s;
		if (s < lx->end)
			return 0;
		int r = fill(lx);
		if (r <= 0)
			return r;
	}
}

int mlex_number(struct mlex *lx, struct strbuf *out)
{
	/* [+-] digits [. digits] [e [+-] digits]: the longest decimal literal
	 * MySQL allows is 65 digits, so a bounded look-ahead suffices */
	if (mlex_ensure(lx, 400) < 0)
		return -1;
	char *s = lx->p, *e = lx->end;
	if (s < e && (*s == '-' || *s == '+'))
		s++;
	char *d = s;
	while (s < e && *s >= '0' && *s <= '9')
		s++;
	if (s < e && *s == '.') {
		s++;
		while (s < e && *s >= '0' && *s <= '9')
			s++;
	}
	if (s == d || (s == d + 1 && *d == '.'))
		return mlex_fail(lx, "expected a number");
	if (s < e && (*s == 'e' || *s == 'E')) {
		char *x = s + 1;
		if (x < e && (*x == '-' || *x == '+'))
			x++;
		if (x < e && *x >= '0' && *x <= '9') {
			while (x < e && *x >= '0' && *x <= '9')
				x++;
			s = x;
		}
	}
	if (s < e && is_word_byte((unsigned char)*s))
		return mlex_fail(lx, "malformed number");
	strbuf_add(out, lx->p, (size_t)(s - lx->p));
	lx->p = s;
	return 0;
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

/* Digits of a hex or bit literal: X'..' (quoted) or 0x.. (bare). */
static int literal_digits(struct mlex *lx, struct strbuf *digits, int *quoted)
{
	uint64_t line = lx->line, col = mlex_col(lx);
	if (mlex_need(lx, 2) < 0)
		return -1;
	*quoted = lx->p[1] == '\'';
	lx->p += 2;
	for (;;) {
		char *s = lx->p;
		while (s < lx->end && hexval((unsigned char)*s) >= 0)
			s++;
		strbuf_add(digits, lx->p, (size_t)(s - lx->p));
		lx->p = s;
		if (s < lx->end)
			break;
		int r = fill(lx);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
	}
	if (*quoted) {
		if (lx->p == lx->end || *lx->p != '\'')
			return mlex_fail_at(lx, line, col, "unterminated hex/bit literal");
		lx->p++;
	}
	return 0;
}

int mlex_hex(struct mlex *lx, struct strbuf *out)
{
	uint64_t line = lx->line, col = mlex_col(lx);
	struct strbuf d = STRBUF_INIT;
	int quoted;
	if (literal_digits(lx, &d, &quoted) < 0) {
		strbuf_release(&d);
		return -1;
	}
	size_t n = d.len, i = 0;
	if (n % 2) {
		if (quoted) {
			strbuf_release(&d);
			return mlex_fail_at(lx, line, col, "hex literal with an odd number of digits");
		}
		/* 0xABC means 0x0ABC */
		strbuf_addch(out, (char)hexval((unsigned char)d.buf[0]));
		i = 1;
	}
	strbuf_grow(out, n / 2);
	for (; i < n; i += 2)
		strbuf_addch(out, (char)(hexval((unsigned char)d.buf[i]) << 4 | hexval((unsigned char)d.buf[i + 1])));
	strbuf_release(&d);
	return 0;
}

int mlex_bit(struct mlex *lx, int64_t *val)
{
	uint64_t line = lx->line, col = mlex_col(lx);
	struct strbuf d = STRBUF_INIT;
	int quoted;
	if (literal_digits(lx, &d, &quoted) < 0) {
		strbuf_release(&d);
		return -1;
	}
	uint64_t v = 0;
	int bad = d.len > 64;
	for (size_t i = 0; i < d.len; i++) {
		if (d.buf[i] != '0' && d.buf[i] != '1')
			bad = 1;
		v = v << 1 | (uint64_t)(d.buf[i] == '1');
	}
	strbuf_release(&d);
	if (bad)
		return mlex_fail_at(lx, line, col, "malformed bit literal");
	*val = (int64_t)v;
	return 0;
}

int mlex_token(struct mlex *lx, struct mtoken *t)
{
	strbuf_reset(&t->text);
	t->hi = 0;
	t->ival = 0;
	t->ch = 0;
	int c = mlex_skip_ws(lx);
	t->line = lx->line;
	t->col = mlex_col(lx);
	if (c == -2)
		return -1;
	if (c == -1) {
		t->type = MT_EOF;
		return 0;
	}
	if (c == '`' || c == '\'' || c == '"') {
		t->type = c == '`' ? MT_QIDENT : MT_STR;
		return mlex_string(lx, &t->text, &t->hi);
	}
	if (mlex_need(lx, 3) < 0)
		return -1;
	char c1 = lx->p + 1 < lx->end ? lx->p[1] : 0;
	char c2 = lx->p + 2 < lx->end ? lx->p[2] : 0;
	if (c == '0' && (c1 == 'x' || c1 == 'X') && hexval((unsigned char)c2) >= 0) {
		t->type = MT_HEX;
		return mlex_hex(lx, &t->text);
	}
	if (c == '0' && c1 == 'b' && (c2 == '0' || c2 == '1')) {
		t->type = MT_BIT;
		return mlex_bit(lx, &t->ival);
	}
	if ((c == 'x' || c == 'X') && c1 == '\'') {
		t->type = MT_HEX;
		return mlex_hex(lx, &t->text);
	}
	if ((c == 'b' || c == 'B') && c1 == '\'') {
		t->type = MT_BIT;
		return mlex_bit(lx, &t->ival);
	}
	if ((c >= '0' && c <= '9') || (c == '.' && c1 >= '0' && c1 <= '9')) {
		/* identifiers may start with digits (`1abc`): read as a word then */
		char *s = lx->p;
		while (s < lx->end && *s >= '0' && *s <= '9')
			s++;
		if (s < lx->end && is_word_byte((unsigned char)*s) && *s != 'e' && *s != 'E') {
			t->type = MT_WORD;
			return mlex_word(lx, &t->text);
		}
		t->type = MT_NUM;
		return mlex_number(lx, &t->text);
	}
	if (is_word_byte((unsigned char)c)) {
		t->type = MT_WORD;
		return mlex_word(lx, &t->text);
	}
	t->type = MT_PUNCT;
	t->ch = c;
	lx->p++;
	return 0;
}

int mlex_skip_stmt(struct mlex *lx)
{
	struct mtoken t = { 0 };
	int rc;
	for (;;) {
		rc = mlex_token(lx, &t);
		if (rc < 0 || (t.type == MT_PUNCT && t.ch == ';'))
			break;
		if (t.type == MT_EOF) {
			rc = 1;
			break;
		}
	}
	strbuf_release(&t.text);
	return rc;
}

int mlex_skip_line_stmt(struct mlex *lx, struct strbuf *out)
{
	for (;;) {
		if (lx->p == lx->end) {
			int r = fill(lx);
			if (r <= 0)
				return r;
		}
		char c = *lx->p;
		if (c == ';') {
			lx->p++;
			return 0;
		}
		if (c == '\n') {
			newline_at(lx, lx->p);
			lx->p++;
			return 0;
		}
		if (c == '\'' || c == '"' || c == '`') {
			strbuf_addch(out, c);
			if (mlex_string(lx, out, NULL) < 0)
				return -1;
			strbuf_addch(out, c);
			continue;
		}
		if (mlex_need(lx, 3) < 0)
			return -1;
		if (c == '/' && lx->p + 2 < lx->end && lx->p[1] == '*' && lx->p[2] == '!') {
			lx->p += 3;
			while (lx->p < lx->end && *lx->p >= '0' && *lx->p <= '9')
				lx->p++;
			lx->in_cond = 1;
			continue;
		}
		if (c == '*' && lx->in_cond && lx->p + 1 < lx->end && lx->p[1] == '/') {
			lx->p += 2;
			lx->in_cond = 0;
			continue;
		}
		strbuf_addch(out, c);
		lx->p++;
	}
}

int mlex_line(struct mlex *lx, struct strbuf *out)
{
	if (lx->p == lx->end) {
		int r = fill(lx);
		if (r <= 0)
			return r;
	}
	for (;;) {
		char *nl = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
		if (nl) {
			strbuf_add(out, lx->p, (size_t)(nl - lx->p));
			newline_at(lx, nl);
			lx->p = nl + 1;
			return 1;
		}
		strbuf_add(out, lx->p, (size_t)(lx->end - lx->p));
		lx->p = lx->end;
		int r = fill(lx);
		if (r < 0)
			return -1;
		if (r == 0)
			return 1;
	}
}
