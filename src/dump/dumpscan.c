/* Shared scanning helpers of the pg_dump and HSQLDB readers; see dumpscan.h. */
#include "dumpscan.h"

void ds_init(struct dscan *ds, struct input *in, struct dump_sink *sink)
{
	memset(ds, 0, sizeof *ds);
	ds->in = in;
	ds->sink = sink;
	ds->file = input_name(in);
	if (!ds->file || !*ds->file)
		ds->file = "<input>";
	ds->buf = xmalloc(DS_BUFSZ);
	ds->next_progress = DS_PROGRESS_STEP;
	strbuf_init(&ds->line, 256);
}

void ds_release(struct dscan *ds)
{
	free(ds->buf);
	ds->buf = NULL;
	strbuf_release(&ds->line);
}

int ds_failv(struct lr_err *err, const char *file, uint64_t line, uint64_t col,
	     const char *fmt, va_list ap)
{
	char what[1536];
	vsnprintf(what, sizeof what, fmt, ap);
	return lr_fail(err, LR_EXIT_INPUT, "%s:%" PRIu64 ":%" PRIu64 ": %s", file, line, col, what);
}

int ds_fail(struct lr_err *err, const char *file, uint64_t line, uint64_t col,
	    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ds_failv(err, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void ds_notice(struct dscan *ds, uint64_t line, uint64_t col, const char *fmt, ...)
{
	if (!ds->sink->notice)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct dump_loc loc = { ds->file, line, col };
	ds->sink->notice(ds->sink->ctx, &loc, msg);
}

static void ds_progress(struct dscan *ds)
{
	if (ds->consumed < ds->next_progress)
		return;
	ds->next_progress = ds->consumed + DS_PROGRESS_STEP;
	if (ds->sink->progress)
		ds->sink->progress(ds->sink->ctx, input_raw_bytes(ds->in), input_raw_total(ds->in));
}

int ds_getline(struct dscan *ds, struct lr_err *err)
{
	strbuf_reset(&ds->line);
	int any = 0;
	for (;;) {
		if (ds->pos == ds->end) {
			if (ds->eof)
				break;
			long n = input_read(ds->in, ds->buf, DS_BUFSZ, err);
			if (n < 0) {
				if (!err->code)
					lr_fail(err, LR_EXIT_INPUT, "%s: read error", ds->file);
				return -1;
			}
			if (n == 0) {
				ds->eof = 1;
				break;
			}
			ds->pos = 0;
			ds->end = (size_t)n;
		}
		any = 1;
		const char *p = ds->buf + ds->pos;
		const char *nl = memchr(p, '\n', ds->end - ds->pos);
		size_t take = nl ? (size_t)(nl - p) : ds->end - ds->pos;
		if (ds->line.len + take > DS_MAX_LINE)
			return ds_fail(err, ds->file, ds->lineno + 1, 1,
				       "line longer than %zu MiB: not a dump", DS_MAX_LINE >> 20);
		strbuf_add(&ds->line, p, take);
		ds->pos += take + (nl ? 1 : 0);
		ds->consumed += take + (nl ? 1 : 0);
		if (nl)
			break;
	}
	if (!any)
		return 0;
	ds->lineno++;
	if (ds->strip_cr && ds->line.len && ds->line.buf[ds->line.len - 1] == '\r')
		strbuf_setlen(&ds->line, ds->line.len - 1);
	ds_progress(ds);
	return 1;
}

void ds_utf8_put(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
		return;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 4);
	}
}

struct ds_tok ds_lex_next(struct ds_lex *lx)
{
	struct ds_tok t = { DT_END, NULL, 0, 0, 0 };
	const char *s = lx->s;
	size_t n = lx->n, i = lx->i;
	for (;;) {
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (!lx->hsqldb && i + 1 < n && s[i] == '-' && s[i + 1] == '-') {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (!lx->hsqldb && i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
			int depth = 0;
			while (i < n) {
				if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
					depth++;
					i += 2;
				} else if (i + 1 < n && s[i] == '*' && s[i + 1] == '/') {
					i += 2;
					if (--depth == 0)
						break;
				} else {
					i++;
				}
			}
			if (depth) {
				t.k = DT_BAD;
				t.p = s + n;
				t.off = n;
				lx->i = n;
				return t;
			}
			continue;
		}
		break;
	}
	t.off = i;
	t.p = s + i;
	if (i >= n) {
		lx->i = i;
		return t;
	}
	unsigned char c = (unsigned char)s[i];
	size_t st = i;
	int estr = 0;
	if (!lx->hsqldb && (c == 'E' || c == 'e') && i + 1 < n && s[i + 1] == '\'') {
		estr = 1;
		i++;
		c = '\'';
	}
	if (c == '\'') {
		int bs = estr || lx->backslash_strings;
		i++;
		for (;;) {
			if (i >= n) {
				t.k = DT_BAD;
				break;
			}
			if (bs && s[i] == '\\') {
				i += 2;
				continue;
			}
			if (s[i] == '\'') {
				if (i + 1 < n && s[i + 1] == '\'') {
					i += 2;
					continue;
				}
				i++;
				t.k = DT_STRING;
				break;
			}
			i++;
		}
		if (i > n)
			i = n, t.k = DT_BAD;
		t.estr = bs;
	} else if (c == '"') {
		i++;
		for (;;) {
			if (i >= n) {
				t.k = DT_BAD;
				break;
			}
			if (s[i] == '"') {
				if (i + 1 < n && s[i + 1] == '"') {
					i += 2;
					continue;
				}
				i++;
				t.k = DT_QIDENT;
				break;
			}
			i++;
		}
	} else if (c == '$' && !lx->hsqldb) {
		/* $tag$ ... $tag$ */
		size_t j = i + 1;
		while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_'))
			j++;
		if (j < n && s[j] == '$' && !(j > i + 1 && isdigit((unsigned char)s[i + 1]))) {
			size_t taglen = j + 1 - i;
			const char *tag = s + i;
			size_t k = j + 1;
			t.k = DT_BAD;
			while (k + taglen <= n) {
				if (s[k] == '$' && !memcmp(s + k, tag, taglen)) {
					k += taglen;
					t.k = DT_DOLLAR;
					break;
				}
				k++;
			}
			i = t.k == DT_DOLLAR ? k : n;
		} else {
			t.k = DT_PUNCT;
			i++;
		}
	} else if (isdigit(c) || (c == '.' && i + 1 < n && isdigit((unsigned char)s[i + 1]))) {
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		if (i < n && s[i] == '.') {
			i++;
			while (i < n && isdigit((unsigned char)s[i]))
				i++;
		}
		if (i < n && (s[i] == 'e' || s[i] == 'E')) {
			size_t j = i + 1;
			if (j < n && (s[j] == '+' || s[j] == '-'))
				j++;
			if (j < n && isdigit((unsigned char)s[j])) {
				i = j;
				while (i < n && isdigit((unsigned char)s[i]))
					i++;
			}
		}
		t.k = DT_NUMBER;
	} else if (isalpha(c) || c == '_' || c >= 0x80) {
		while (i < n && ds_identch((unsigned char)s[i]))
			i++;
		t.k = DT_WORD;
	} else if (c == ':' && i + 1 < n && s[i + 1] == ':') {
		i += 2;
		t.k = DT_PUNCT;
	} else {
		i++;
		t.k = DT_PUNCT;
	}
	t.p = s + st;
	t.n = i - st;
	lx->i = i;
	return t;
}

struct ds_tok ds_lex_peek(struct ds_lex *lx)
{
	size_t save = lx->i;
	struct ds_tok t = ds_lex_next(lx);
	lx->i = save;
	return t;
}

char *ds_tok_ident(const struct ds_tok *t, int fold)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, t->n + 1);
	if (t->k == DT_QIDENT) {
		for (size_t i = 1; i + 1 < t->n; i++) {
			strbuf_addch(&sb, t->p[i]);
			if (t->p[i] == '"')
				i++;
		}
	} else {
		for (size_t i = 0; i < t->n; i++)
			strbuf_addch(&sb, fold ? tolower((unsigned char)t->p[i]) : t->p[i]);
	}
	return strbuf_detach(&sb, NULL);
}

void ds_pos(const char *s, size_t off, uint64_t line0, uint64_t *line, uint64_t *col)
{
	uint64_t l = line0, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

void ds_row_reset(struct ds_row *r)
{
	if (!r->raw.buf) {
		/* buffers always valid, so an empty value is a valid pointer */
		strbuf_init(&r->raw, 256);
		strbuf_init(&r->conv, 256);
	}
	r->n = 0;
	strbuf_reset(&r->raw);
	strbuf_reset(&r->conv);
}

void ds_row_release(struct ds_row *r)
{
	free(r->vals);
	free(r->off);
	free(r->inconv);
	strbuf_release(&r->raw);
	strbuf_release(&r->conv);
	memset(r, 0, sizeof *r);
}

struct db_value *ds_row_add(struct ds_row *r, enum db_kind kind)
{
	if (r->n == r->cap) {
		int nc = r->cap ? r->cap * 2 : 64;
		r->vals = xrealloc(r->vals, (size_t)nc * sizeof *r->vals);
		r->off = xrealloc(r->off, (size_t)nc * sizeof *r->off);
		r->inconv = xrealloc(r->inconv, (size_t)nc);
		r->cap = nc;
	}
	struct db_value *v = &r->vals[r->n];
	memset(v, 0, sizeof *v);
	v->kind = kind;
	r->off[r->n] = r->raw.len;
	r->inconv[r->n] = 0;
	r->n++;
	return v;
}

void ds_row_endval(struct ds_row *r)
{
	struct db_value *v = &r->vals[r->n - 1];
	v->len = r->raw.len - r->off[r->n - 1];
}

void ds_row_finish(struct ds_row *r)
{
	for (int i = 0; i < r->n; i++) {
		struct db_value *v = &r->vals[i];
		if (v->kind == DB_NULL || v->kind == DB_INT || v->kind == DB_BOOL || v->kind == DB_REAL) {
			v->s = NULL;
			continue;
		}
		v->s = (r->inconv[i] ? r->conv.buf : r->raw.buf) + r->off[i];
	}
}

int ds_date_canon(const char *s, size_t n, struct strbuf *sb)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	size_t i;
	for (i = 0; i < 19 && i < n; i++) {
		char c = s[i];
		if (shape[i] == 'd' ? !isdigit((unsigned char)c) :
		    (shape[i] == ' ' ? (c != ' ' && c != 'T') : c != shape[i]))
			break;
	}
	if (i == 10 && n == 10) {
		strbuf_add(sb, s, 10);
		strbuf_addstr(sb, " 00:00:00");
		return 0;
	}
	if (i < 19)
		return -1;
	size_t fe = 19;
	if (n > 19) {
		if (s[19] != '.')
			return -1;
		fe = 20;
		while (fe < n && isdigit((unsigned char)s[fe]))
			fe++;
		if (fe != n || fe == 20)
			return -1;
	}
	strbuf_add(sb, s, 10);
	strbuf_addch(sb, ' ');
	strbuf_add(sb, s + 11, 8);
	size_t last = fe;
	while (last > 20 && s[last - 1] == '0')
		last--;
	if (last > 20)
		strbuf_add(sb, s + 19, last - 19);
	return 0;
}

int ds_parse_int(const char *s, size_t n, int64_t *out)
{
	char tmp[32];
	if (!n || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	char *end;
	errno = 0;
	long long v = strtoll(tmp, &end, 10);
	if (errno || *end || isspace((unsigned char)tmp[0]))
		return -1;
	*out = v;
	return 0;
}

int ds_parse_real(const char *s, size_t n, double *out)
{
	char tmp[64];
	if (!n || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	char *end;
	errno = 0;
	double v = strtod(tmp, &end);
	if (*end || isspace((unsigned char)tmp[0]) || (errno == ERANGE && isinf(v)))
		return -1;
	*out = v;
	return 0;
}

int ds_is_decimal(const char *s, size_t n)
{
	size_t i = 0, d = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < n && isdigit((unsigned char)s[i]))
		i++, d++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++, d++;
	}
	if (!d)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t e = 0;
		while (i < n && isdigit((unsigned char)s[i]))
			i++, e++;
		if (!e)
			return 0;
	}
	return i == n || (n - i == 3 && !strncasecmp(s + i, "nan", 3));
}

int ds_parse_bool(const char *s, size_t n, int64_t *out)
{
	static const struct { const char *w; int v; } words[] = {
		{ "1", 1 }, { "0", 0 }, { "t", 1 }, { "f", 0 }, { "true", 1 }, { "false", 0 },
		{ "y", 1 }, { "n", 0 }, { "yes", 1 }, { "no", 0 }, { "on", 1 }, { "off", 0 },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].w) == n && !strncasecmp(s, words[i].w, n)) {
			*out = words[i].v;
			return 0;
		}
	return -1;
}

const char *ds_row_convert(struct ds_row *r, enum db_kind kind)
{
	int i = r->n - 1;
	struct db_value *v = &r->vals[i];
	const char *s = r->raw.buf + r->off[i];
	size_t n = v->len;
	switch (kind) {
	case DB_INT:
		v->kind = DB_INT;
		if (ds_parse_int(s, n, &v->i) == 0)
			return NULL;
		/* bigint columns hold integers; an exact non-integer number is
		 * kept as a decimal rather than rounded */
		if (ds_is_decimal(s, n)) {
			v->kind = DB_DECIMAL;
			return NULL;
		}
		return "not an integer";
	case DB_REAL:
		v->kind = DB_REAL;
		if (ds_parse_real(s, n, &v->r) == 0)
			return NULL;
		return "not a number";
	case DB_DECIMAL:
		v->kind = DB_DECIMAL;
		if (ds_is_decimal(s, n))
			return NULL;
		return "not a decimal number";
	case DB_BOOL:
		v->kind = DB_BOOL;
		if (ds_parse_bool(s, n, &v->i) == 0)
			return NULL;
		return "not a boolean";
	case DB_DATE: {
		size_t at = r->conv.len;
		if (ds_date_canon(s, n, &r->conv) == 0) {
			v->kind = DB_DATE;
			r->off[i] = at;
			r->inconv[i] = 1;
			v->len = r->conv.len - at;
			return NULL;
		}
		/* infinity, time zones, BC dates: keep the text as written */
		v->kind = DB_TEXT;
		return NULL;
	}
	case DB_BLOB:
		v->kind = DB_BLOB;
		return NULL;
	default:
		v->kind = DB_TEXT;
		return NULL;
	}
}

void ds_index_free(struct ds_index *ix)
{
	free(ix->name);
	for (int i = 0; i < ix->ncols; i++)
		free(ix->cols[i]);
	free(ix->cols);
}

void ds_table_free(struct ds_table *t)
{
	if (!t)
		return;
	free(t->name);
	for (int i = 0; i < t->ncols; i++) {
		free((char *)t->cols[i].name);
		free((char *)t->cols[i].decl);
	}
	free(t->cols);
	for (int i = 0; i < t->npk; i++)
		free(t->pk[i]);
	free(t->pk);
	for (int i = 0; i < t->nix; i++)
		ds_index_free(&t->ix[i]);
	free(t->ix);
	free(t);
}

void ds_tables_release(struct ds_tables *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		ds_table_free(ts->t[i]);
	free(ts->t);
	memset(ts, 0, sizeof *ts);
}

struct ds_table *ds_tables_find(struct ds_tables *ts, const char *name)
{
	if (ts->last && !strcmp(ts->last->name, name))
		return ts->last;
	struct ds_table *ci = NULL;
	for (size_t i = ts->n; i-- > 0;) {
		if (!strcmp(ts->t[i]->name, name))
			return ts->last = ts->t[i];
		if (!ci && !strcasecmp(ts->t[i]->name, name))
			ci = ts->t[i];
	}
	if (ci)
		ts->last = ci;
	return ci;
}

struct ds_table *ds_tables_add(struct ds_tables *ts, char *name)
{
	for (size_t i = 0; i < ts->n; i++)
		if (!strcmp(ts->t[i]->name, name)) {
			ds_table_free(ts->t[i]);
			memmove(ts->t + i, ts->t + i + 1, (ts->n - i - 1) * sizeof *ts->t);
			ts->n--;
			break;
		}
	ts->last = NULL;
	XGROW(ts->t, ts->cap, ts->n + 1);
	struct ds_table *t = xcalloc(1, sizeof *t);
	t->name = name;
	ts->t[ts->n++] = t;
	return t;
}

struct dump_column *ds_table_addcol(struct ds_table *t, char *name, char *decl)
{
	if (t->ncols == t->capcols) {
		t->capcols = t->capcols ? t->capcols * 2 : 16;
		t->cols = xrealloc(t->cols, (size_t)t->capcols * sizeof *t->cols);
	}
	struct dump_column *c = &t->cols[t->ncols++];
	memset(c, 0, sizeof *c);
	c->name = name;
	c->decl = decl;
	c->kind = db_kind_from_decl(decl);
	return c;
}

int ds_table_colidx(const struct ds_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].name, name))
			return i;
	for (int i = 0; i < t->ncols; i++)
		if (!strcasecmp(t->cols[i].name, name))
			return i;
	return -1;
}

void ds_table_addpk(struct ds_table *t, const char *col)
{
	for (int i = 0; i < t->npk; i++)
		if (!strcmp(t->pk[i], col))
			return;
	t->pk = xrealloc(t->pk, (size_t)(t->npk + 1) * sizeof *t->pk);
	t->pk[t->npk++] = xstrdup(col);
	int ci = ds_table_colidx(t, col);
	if (ci >= 0)
		t->cols[ci].notnull = 1;
}

int ds_emit_table(struct dump_sink *sink, struct ds_table *t, struct lr_err *err)
{
	t->emitted = 1;
	if (!sink->table)
		return 0;
	struct dump_table dt = { t->name, t->cols, t->ncols, (const char **)t->pk, t->npk, NULL };
	return sink->table(sink->ctx, &dt, err);
}

int ds_emit_index(struct dump_sink *sink, const char *table, const struct ds_index *ix,
		  struct lr_err *err)
{
	if (!sink->index)
		return 0;
	struct dump_index di = { table, ix->name, (const char **)ix->cols, ix->ncols, ix->unique };
	return sink->index(sink->ctx, &di, err);
}

struct ds_tok ds_skip_element(struct ds_lex *lx, int *notnull, int *pk)
{
	int depth = 0;
	struct ds_tok prev = { DT_END, NULL, 0, 0, 0 };
	for (;;) {
		struct ds_tok t = ds_lex_next(lx);
		if (t.k == DT_END || t.k == DT_BAD)
			return t;
		if (ds_tok_ispunct(&t, '(') || ds_tok_ispunct(&t, '['))
			depth++;
		else if (ds_tok_ispunct(&t, ')') || ds_tok_ispunct(&t, ']')) {
			if (depth == 0)
				return t;
			depth--;
		} else if (depth == 0 && ds_tok_ispunct(&t, ','))
			return t;
		else if (depth == 0 && notnull && ds_tok_is(&t, "NULL") && ds_tok_is(&prev, "NOT"))
			*notnull = 1;
		else if (depth == 0 && pk && ds_tok_is(&t, "KEY") && ds_tok_is(&prev, "PRIMARY"))
			*pk = 1;
		prev = t;
	}
}

static int ds_is_colattr(const struct ds_tok *t)
{
	static const char *const attrs[] = { "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE",
		"CONSTRAINT", "REFERENCES", "CHECK", "GENERATED", "COLLATE", "IDENTITY" };
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (ds_tok_is(t, attrs[i]))
			return 1;
	return 0;
}

char *ds_span(const char *s, size_t from, size_t to)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, to - from + 1);
	int sp = 0;
	for (size_t i = from; i < to; i++) {
		if (isspace((unsigned char)s[i])) {
			sp = 1;
			continue;
		}
		if (sp && sb.len)
			strbuf_addch(&sb, ' ');
		sp = 0;
		strbuf_addch(&sb, s[i]);
	}
	return strbuf_detach(&sb, NULL);
}

int ds_collist(struct ds_lex *lx, struct ds_index *ix, int fold)
{
	struct ds_tok t = ds_lex_next(lx);
	if (!ds_tok_ispunct(&t, '('))
		return -1;
	for (;;) {
		t = ds_lex_next(lx);
		if (!ds_tok_isname(&t))
			return -1;
		ix->cols = xrealloc(ix->cols, (size_t)(ix->ncols + 1) * sizeof *ix->cols);
		ix->cols[ix->ncols++] = ds_tok_ident(&t, fold);
		t = ds_lex_next(lx);
		if (ds_tok_is(&t, "ASC") || ds_tok_is(&t, "DESC"))
			t = ds_lex_next(lx);
		if (ds_tok_ispunct(&t, ')'))
			return 0;
		if (!ds_tok_ispunct(&t, ','))
			return -1;
	}
}

int ds_table_body(struct ds_lex *lx, struct ds_table *t, int fold,
		  struct ds_index **uix, int *nuix, size_t *erroff, const char **why)
{
	for (;;) {
		struct ds_tok tk = ds_lex_next(lx);
		if (tk.k == DT_END || tk.k == DT_BAD) {
			*erroff = tk.off;
			*why = "unterminated CREATE TABLE";
			return -1;
		}
		if (ds_tok_ispunct(&tk, ')') && t->ncols == 0)
			break; /* CREATE TABLE t () */
		char *cname = NULL;
		int constraint = 0;
		if (ds_tok_is(&tk, "CONSTRAINT")) {
			struct ds_tok n = ds_lex_next(lx);
			if (ds_tok_isname(&n))
				cname = ds_tok_ident(&n, fold);
			tk = ds_lex_next(lx);
			constraint = 1;
		}
		struct ds_tok nx = ds_lex_peek(lx);
		if ((ds_tok_is(&tk, "PRIMARY") && ds_tok_is(&nx, "KEY")) ||
		    (ds_tok_is(&tk, "UNIQUE") && ds_tok_ispunct(&nx, '('))) {
			int primary = ds_tok_is(&tk, "PRIMARY");
			if (primary)
				ds_lex_next(lx);
			struct ds_index ix = { cname, NULL, 0, 1 };
			if (ds_collist(lx, &ix, fold) < 0) {
				ds_index_free(&ix);
				*erroff = lx->i;
				*why = "bad key column list";
				return -1;
			}
			if (primary) {
				for (int i = 0; i < ix.ncols; i++)
					ds_table_addpk(t, ix.cols[i]);
				ds_index_free(&ix);
			} else {
				if (!ix.name)
					ix.name = xstrdup("");
				*uix = xrealloc(*uix, (size_t)(*nuix + 1) * sizeof **uix);
				(*uix)[(*nuix)++] = ix;
			}
			tk = ds_skip_element(lx, NULL, NULL);
		} else if (constraint || (tk.k == DT_WORD &&
					  ((ds_tok_is(&tk, "FOREIGN") && ds_tok_is(&nx, "KEY")) ||
					   (ds_tok_is(&tk, "CHECK") && ds_tok_ispunct(&nx, '(')) ||
					   (ds_tok_is(&tk, "EXCLUDE") &&
					    (ds_tok_ispunct(&nx, '(') || ds_tok_is(&nx, "USING"))) ||
					   ds_tok_is(&tk, "LIKE")))) {
			free(cname);
			tk = ds_skip_element(lx, NULL, NULL);
		} else if (ds_tok_isname(&tk)) {
			char *col = ds_tok_ident(&tk, fold);
			size_t from = lx->i, to = lx->i;
			int depth = 0;
			for (;;) {
				struct ds_tok p = ds_lex_peek(lx);
				if (p.k == DT_END || p.k == DT_BAD)
					break;
				if (depth == 0 && (ds_tok_ispunct(&p, ',') || ds_tok_ispunct(&p, ')') ||
						   ds_is_colattr(&p)))
					break;
				if (ds_tok_ispunct(&p, '('))
					depth++;
				else if (ds_tok_ispunct(&p, ')'))
					depth--;
				ds_lex_next(lx);
				to = lx->i;
			}
			struct dump_column *c = ds_table_addcol(t, col, ds_span(lx->s, from, to));
			int notnull = 0, pk = 0;
			tk = ds_skip_element(lx, &notnull, &pk);
			c->notnull = notnull;
			if (pk)
				ds_table_addpk(t, col);
		} else {
			*erroff = tk.off;
			*why = "unexpected token in CREATE TABLE";
			return -1;
		}
		if (tk.k == DT_END || tk.k == DT_BAD) {
			*erroff = tk.off;
			*why = "unterminated CREATE TABLE";
			return -1;
		}
		if (ds_tok_ispunct(&tk, ')'))
			break;
	}
	return 0;
}
