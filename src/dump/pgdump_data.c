/* pg_dump reader, the rows: COPY blocks in the text format (tab-separated,
 * \N for NULL, backslash escapes) and INSERT statements (--inserts,
 * --column-inserts, --rows-per-insert), with bytea in the hex or the old
 * escape format. Values are converted by the declared kind of their column. */
#include "pgdump.h"

void pg_copy_end(struct pg *p)
{
	for (int i = 0; p->copy_cols && i < p->copy_n; i++)
		free(p->copy_cols[i]);
	free(p->copy_cols);
	free(p->copy_map);
	p->copy_cols = NULL;
	p->copy_map = NULL;
	p->copy_n = 0;
	p->in_copy = 0;
	p->copy_skip = 0;
	p->copy_t = NULL;
}

/* The table a COPY/INSERT names. 1: *out is ours; 0: rows to skip (another
 * schema, or a table skipped at CREATE); -1: error set. */
static int pg_data_table(struct pg *p, struct ds_lex *lx, const char *what, struct ds_table **out,
			 struct lr_err *err)
{
	size_t at = ds_lex_peek(lx).off;
	char *schema, *name;
	*out = NULL;
	if (pg_qname(lx, &schema, &name) < 0)
		return pg_fail_at(p, at, err, "%s without a table name", what);
	int ours = pg_ours(p, schema);
	free(schema);
	if (!ours) {
		free(name);
		return 0;
	}
	struct ds_table *t = ds_tables_find(&p->tables, name);
	if (!t) {
		pg_fail_at(p, at, err, "%s into table %s, which the dump does not create "
			   "(a --data-only dump? lrprep needs the CREATE TABLE)", what, name);
		free(name);
		return -1;
	}
	free(name);
	if (t->skip)
		return 0;
	*out = t;
	return 1;
}

/* Optional "(a, b, ...)": names and column indexes of t. *n = -1: no list. */
static int pg_data_cols(struct pg *p, struct ds_lex *lx, struct ds_table *t, char ***names,
			int **map, int *n, struct lr_err *err)
{
	*names = NULL;
	*map = NULL;
	*n = -1;
	struct ds_tok tk = ds_lex_peek(lx);
	if (!ds_tok_ispunct(&tk, '('))
		return 0;
	ds_lex_next(lx);
	*n = 0;
	for (;;) {
		tk = ds_lex_next(lx);
		if (!ds_tok_isname(&tk))
			return pg_fail_at(p, tk.off, err, "bad column list for %s", t->name);
		char *c = ds_tok_ident(&tk, 1);
		int ci = ds_table_colidx(t, c);
		*names = xrealloc(*names, (size_t)(*n + 1) * sizeof **names);
		*map = xrealloc(*map, (size_t)(*n + 1) * sizeof **map);
		(*names)[*n] = c;
		(*map)[*n] = ci;
		(*n)++;
		if (ci < 0)
			return pg_fail_at(p, tk.off, err, "column %s is not in table %s", c, t->name);
		tk = ds_lex_next(lx);
		if (ds_tok_ispunct(&tk, ')'))
			return 0;
		if (!ds_tok_ispunct(&tk, ','))
			return pg_fail_at(p, tk.off, err, "bad column list for %s", t->name);
	}
}

int pg_copy_start(struct pg *p, struct ds_lex *lx, struct lr_err *err)
{
	struct ds_table *t;
	int r = pg_data_table(p, lx, "COPY", &t, err);
	if (r < 0)
		return -1;
	pg_copy_end(p);
	p->copy_line = p->stmt_line;
	if (r == 0) {
		/* rows of a table we do not read: consume them up to \. */
		p->in_copy = 1;
		p->copy_skip = 1;
		return 0;
	}
	if (pg_data_cols(p, lx, t, &p->copy_cols, &p->copy_map, &p->copy_n, err) < 0) {
		pg_copy_end(p);
		return -1;
	}
	if (p->copy_n < 0) {
		p->copy_n = t->ncols;
		p->copy_map = xmalloc((size_t)(t->ncols ? t->ncols : 1) * sizeof *p->copy_map);
		for (int i = 0; i < t->ncols; i++)
			p->copy_map[i] = i;
	}
	struct ds_tok tk = ds_lex_next(lx);
	struct ds_tok src = ds_lex_next(lx);
	if (!ds_tok_is(&tk, "FROM") || !ds_tok_is(&src, "stdin")) {
		pg_copy_end(p);
		return pg_fail_at(p, tk.off, err, "expected FROM stdin in COPY %s", t->name);
	}
	for (tk = ds_lex_next(lx); tk.k != DT_END; tk = ds_lex_next(lx))
		if (ds_tok_is(&tk, "BINARY") || ds_tok_is(&tk, "CSV") || ds_tok_is(&tk, "DELIMITER")) {
			pg_copy_end(p);
			return pg_fail_at(p, tk.off, err, "COPY %s: only the text format of pg_dump is read",
					  t->name);
		}
	p->copy_t = t;
	p->in_copy = 1;
	return pg_flush_table(p, t, err);
}

/* One byte of text in the dump's client encoding, as UTF-8. */
static void pg_put(struct pg *p, struct strbuf *sb, unsigned char c, int binary)
{
	if (p->latin1 && c >= 0x80 && !binary)
		ds_utf8_put(sb, c);
	else
		strbuf_addch(sb, c);
}

/* bytea text (hex "\x0a1b" or the old escape format) of the last value of
 * the row, decoded to bytes. NULL or the reason it is not bytea. */
static const char *pg_bytea(struct ds_row *r)
{
	int i = r->n - 1;
	const char *s = r->raw.buf + r->off[i];
	size_t n = r->vals[i].len;
	size_t at = r->conv.len;
	if (n >= 2 && s[0] == '\\' && s[1] == 'x') {
		for (size_t k = 2; k < n;) {
			if (isspace((unsigned char)s[k])) {
				k++;
				continue;
			}
			if (k + 1 >= n || ds_hexval(s[k]) < 0 || ds_hexval(s[k + 1]) < 0)
				return "bad hex bytea";
			strbuf_addch(&r->conv, ds_hexval(s[k]) << 4 | ds_hexval(s[k + 1]));
			k += 2;
		}
	} else {
		for (size_t k = 0; k < n; k++) {
			if (s[k] != '\\') {
				strbuf_addch(&r->conv, (unsigned char)s[k]);
			} else if (k + 1 < n && s[k + 1] == '\\') {
				strbuf_addch(&r->conv, '\\');
				k++;
			} else if (k + 3 < n && s[k + 1] >= '0' && s[k + 1] <= '3' && s[k + 2] >= '0' &&
				   s[k + 2] <= '7' && s[k + 3] >= '0' && s[k + 3] <= '7') {
				strbuf_addch(&r->conv, (s[k + 1] - '0') << 6 | (s[k + 2] - '0') << 3 | (s[k + 3] - '0'));
				k += 3;
			} else {
				return "bad escaped bytea";
			}
		}
	}
	r->off[i] = at;
	r->inconv[i] = 1;
	r->vals[i].len = r->conv.len - at;
	r->vals[i].kind = DB_BLOB;
	return NULL;
}

/* The last value of the row (its literal text in raw) into column col. */
static const char *pg_convert(struct ds_row *r, const struct dump_column *col)
{
	if (col->kind == DB_BLOB)
		return pg_bytea(r);
	return ds_row_convert(r, col->kind);
}

static int pg_emit_row(struct pg *p, struct ds_table *t, char **names, uint64_t line, struct lr_err *err)
{
	ds_row_finish(&p->row);
	t->rows++;
	if (!p->sink->row)
		return 0;
	struct dump_loc loc = { p->ds.file, line, 1 };
	return p->sink->row(p->sink->ctx, t->name, (const char *const *)names, p->row.n, p->row.vals,
			    &loc, err);
}

/* One line of COPY text format: tab-separated, \N for NULL, backslash escapes. */
int pg_copy_line(struct pg *p, struct lr_err *err)
{
	const char *s = p->ds.line.buf;
	size_t n = p->ds.line.len;
	/* COPY data writes CR as \r: a raw one ends a CRLF line */
	if (n && s[n - 1] == '\r')
		n--;
	if (n == 2 && s[0] == '\\' && s[1] == '.') {
		pg_copy_end(p);
		return 0;
	}
	if (p->copy_skip)
		return 0;
	struct ds_table *t = p->copy_t;
	struct ds_row *r = &p->row;
	ds_row_reset(r);
	size_t i = 0;
	for (;;) {
		size_t fstart = i;
		if (r->n >= p->copy_n)
			return ds_fail(err, p->ds.file, p->ds.lineno, i + 1,
				       "more fields than the %d columns of COPY %s", p->copy_n, t->name);
		const struct dump_column *col = &t->cols[p->copy_map[r->n]];
		struct db_value *v = ds_row_add(r, col->kind);
		int bin = col->kind == DB_BLOB;
		if (n - i >= 2 && s[i] == '\\' && s[i + 1] == 'N' && (i + 2 == n || s[i + 2] == '\t')) {
			v->kind = DB_NULL;
			i += 2;
		} else {
			while (i < n && s[i] != '\t') {
				unsigned char c = (unsigned char)s[i++];
				if (c != '\\') {
					pg_put(p, &r->raw, c, bin);
					continue;
				}
				if (i >= n)
					return ds_fail(err, p->ds.file, p->ds.lineno, i,
						       "backslash at the end of a COPY line of %s", t->name);
				c = (unsigned char)s[i++];
				switch (c) {
				case 'b': c = '\b'; break;
				case 'f': c = '\f'; break;
				case 'n': c = '\n'; break;
				case 'r': c = '\r'; break;
				case 't': c = '\t'; break;
				case 'v': c = '\v'; break;
				case 'x':
					if (i < n && ds_hexval(s[i]) >= 0) {
						int x = ds_hexval(s[i++]);
						if (i < n && ds_hexval(s[i]) >= 0)
							x = x << 4 | ds_hexval(s[i++]);
						c = (unsigned char)x;
					}
					break;
				default:
					if (c >= '0' && c <= '7') {
						int o = c - '0';
						for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
							o = o << 3 | (s[i++] - '0');
						c = (unsigned char)o;
					}
					break;
				}
				pg_put(p, &r->raw, c, bin);
			}
			ds_row_endval(r);
			const char *why = pg_convert(r, col);
			if (why)
				return ds_fail(err, p->ds.file, p->ds.lineno, fstart + 1, "column %s of %s: %s",
					       col->name, t->name, why);
		}
		if (i < n && s[i] == '\t') {
			i++;
			continue;
		}
		break;
	}
	if (r->n != p->copy_n)
		return ds_fail(err, p->ds.file, p->ds.lineno, n + 1, "%d fields for the %d columns of COPY %s",
			       r->n, p->copy_n, t->name);
	return pg_emit_row(p, t, p->copy_cols, p->ds.lineno, err);
}

/* Decode a string token ('...', E'...') into raw. */
static void pg_string(struct pg *p, const struct ds_tok *tk, int bin)
{
	struct strbuf *out = &p->row.raw;
	const char *s = tk->p;
	size_t n = tk->n, i = 1;
	if (s[0] == 'E' || s[0] == 'e')
		i = 2;
	n--; /* closing quote */
	while (i < n) {
		unsigned char c = (unsigned char)s[i++];
		if (c == '\'') {
			i++; /* '' */
		} else if (c == '\\' && tk->estr && i < n) {
			c = (unsigned char)s[i++];
			switch (c) {
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'x':
				if (i < n && ds_hexval(s[i]) >= 0) {
					int x = ds_hexval(s[i++]);
					if (i < n && ds_hexval(s[i]) >= 0)
						x = x << 4 | ds_hexval(s[i++]);
					c = (unsigned char)x;
				}
				break;
			case 'u':
			case 'U': {
				size_t len = c == 'u' ? 4 : 8;
				uint32_t cp = 0;
				size_t k = 0;
				for (; k < len && i + k < n && ds_hexval(s[i + k]) >= 0; k++)
					cp = cp << 4 | (uint32_t)ds_hexval(s[i + k]);
				if (k == len && cp <= 0x10FFFF) {
					i += len;
					ds_utf8_put(out, cp);
					continue;
				}
				break;
			}
			default:
				if (c >= '0' && c <= '7') {
					int o = c - '0';
					for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
						o = o << 3 | (s[i++] - '0');
					c = (unsigned char)o;
				}
				break;
			}
		}
		pg_put(p, out, c, bin);
	}
}

/* One value of an INSERT row (a literal with optional ::casts). */
static int pg_value(struct pg *p, struct ds_lex *lx, struct ds_table *t, int ci, struct lr_err *err)
{
	struct ds_row *r = &p->row;
	const struct dump_column *col = &t->cols[ci];
	struct db_value *v = ds_row_add(r, col->kind);
	struct ds_tok tk = ds_lex_next(lx);
	size_t at = tk.off;
	int isnull = 0;
	if ((ds_tok_ispunct(&tk, '-') || ds_tok_ispunct(&tk, '+'))) {
		struct ds_tok num = ds_lex_next(lx);
		if (num.k != DT_NUMBER)
			return pg_fail_at(p, num.off, err, "expected a number");
		strbuf_add(&r->raw, tk.p, 1);
		strbuf_add(&r->raw, num.p, num.n);
	} else if (tk.k == DT_NUMBER) {
		strbuf_add(&r->raw, tk.p, tk.n);
	} else if (tk.k == DT_STRING) {
		pg_string(p, &tk, col->kind == DB_BLOB);
	} else if (tk.k == DT_DOLLAR) {
		size_t tl = (size_t)((const char *)memchr(tk.p + 1, '$', tk.n - 1) - tk.p) + 1;
		strbuf_add(&r->raw, tk.p + tl, tk.n - 2 * tl);
	} else if (ds_tok_is(&tk, "NULL")) {
		isnull = 1;
	} else if (ds_tok_is(&tk, "TRUE") || ds_tok_is(&tk, "FALSE")) {
		strbuf_add(&r->raw, tk.p, tk.n);
	} else if ((ds_tok_is(&tk, "B") || ds_tok_is(&tk, "X")) && lx->i < lx->n && lx->s[lx->i] == '\'') {
		struct ds_tok str = ds_lex_next(lx);
		if (str.k != DT_STRING)
			return pg_fail_at(p, str.off, err, "unterminated string");
		strbuf_add(&r->raw, str.p + 1, str.n - 2);
	} else if (tk.k == DT_BAD) {
		return pg_fail_at(p, tk.off, err, "unterminated string");
	} else {
		return pg_fail_at(p, tk.off, err, "unsupported value '%.*s' in INSERT INTO %s",
				  (int)(tk.n > 40 ? 40 : tk.n), tk.p, t->name);
	}
	/* ::type casts, e.g. '...'::timestamp without time zone, '\x00'::bytea */
	for (;;) {
		tk = ds_lex_peek(lx);
		if (!ds_tok_is(&tk, "::"))
			break;
		ds_lex_next(lx);
		int depth = 0, any = 0;
		for (;;) {
			tk = ds_lex_peek(lx);
			if (tk.k == DT_END || tk.k == DT_BAD)
				break;
			if (depth == 0 && (ds_tok_ispunct(&tk, ',') || ds_tok_ispunct(&tk, ')') ||
					   ds_tok_is(&tk, "::")))
				break;
			if (ds_tok_ispunct(&tk, '(') || ds_tok_ispunct(&tk, '['))
				depth++;
			else if (ds_tok_ispunct(&tk, ')') || ds_tok_ispunct(&tk, ']'))
				depth--;
			else if (tk.k != DT_WORD && tk.k != DT_QIDENT && tk.k != DT_NUMBER &&
				 !ds_tok_ispunct(&tk, '.') && !ds_tok_ispunct(&tk, ','))
				return pg_fail_at(p, tk.off, err, "bad type in a cast");
			ds_lex_next(lx);
			any = 1;
		}
		if (!any)
			return pg_fail_at(p, tk.off, err, "cast without a type");
	}
	if (isnull) {
		v->kind = DB_NULL;
		return 0;
	}
	ds_row_endval(r);
	const char *why = pg_convert(r, col);
	if (why)
		return pg_fail_at(p, at, err, "column %s of %s: %s", col->name, t->name, why);
	return 0;
}

/* INSERT INTO t [(cols)] [OVERRIDING ... VALUE] VALUES (...)[, (...)] [ON CONFLICT ...] */
int pg_insert(struct pg *p, struct ds_lex *lx, struct lr_err *err)
{
	struct ds_tok tk = ds_lex_next(lx);
	if (!ds_tok_is(&tk, "INTO"))
		return pg_fail_at(p, tk.off, err, "expected INTO after INSERT");
	struct ds_table *t;
	int r = pg_data_table(p, lx, "INSERT", &t, err);
	if (r <= 0)
		return r;
	char **names;
	int *map, n;
	int rc = pg_data_cols(p, lx, t, &names, &map, &n, err);
	if (rc == 0) {
		tk = ds_lex_next(lx);
		if (ds_tok_is(&tk, "OVERRIDING")) {
			ds_lex_next(lx);
			ds_lex_next(lx);
			tk = ds_lex_next(lx);
		}
		if (!ds_tok_is(&tk, "VALUES"))
			rc = pg_fail_at(p, tk.off, err, "expected VALUES in INSERT INTO %s", t->name);
	}
	if (rc == 0)
		rc = pg_flush_table(p, t, err);
	int want = n < 0 ? t->ncols : n;
	while (rc == 0) {
		tk = ds_lex_next(lx);
		if (!ds_tok_ispunct(&tk, '(')) {
			rc = pg_fail_at(p, tk.off, err, "expected '(' in INSERT INTO %s", t->name);
			break;
		}
		ds_row_reset(&p->row);
		for (;;) {
			tk = ds_lex_peek(lx);
			if (p->row.n >= want) {
				rc = pg_fail_at(p, tk.off, err, "more values than the %d columns of %s", want,
						t->name);
				break;
			}
			if (pg_value(p, lx, t, n < 0 ? p->row.n : map[p->row.n], err) < 0) {
				rc = -1;
				break;
			}
			tk = ds_lex_next(lx);
			if (ds_tok_ispunct(&tk, ')'))
				break;
			if (!ds_tok_ispunct(&tk, ',')) {
				rc = pg_fail_at(p, tk.off, err, "expected ',' or ')' in INSERT INTO %s",
						t->name);
				break;
			}
		}
		if (rc == 0 && p->row.n != want)
			rc = pg_fail_at(p, tk.off, err, "%d values for the %d columns of %s", p->row.n, want,
					t->name);
		if (rc == 0)
			rc = pg_emit_row(p, t, names, p->stmt_line, err);
		if (rc < 0)
			break;
		tk = ds_lex_next(lx);
		if (ds_tok_ispunct(&tk, ','))
			continue;
		if (tk.k != DT_END && !ds_tok_is(&tk, "ON"))
			rc = pg_fail_at(p, tk.off, err, "unexpected text after INSERT INTO %s", t->name);
		break;
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(map);
	return rc;
}
