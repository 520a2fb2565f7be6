/* HSQLDB `lportal.script` reader: the script of Liferay's bundled database.
 *
 * The script holds one statement per line: settings, the DDL of every table
 * (`CREATE MEMORY|CACHED|TEXT TABLE PUBLIC.X(...)`), its indexes, and for
 * MEMORY tables the rows as `INSERT INTO X VALUES(...)` lines. Strings are
 * '...' with '' for a quote; every character outside 0x20..0x7e is written
 * as \uXXXX (one UTF-16 unit each, so beyond the BMP a surrogate pair) and a
 * backslash as \u005c when a 'u' follows it; any other backslash is itself.
 *
 * CACHED tables keep their rows in lportal.data, which we cannot read; a
 * `SHUTDOWN SCRIPT` writes them into the script. So when CACHED/TEXT tables
 * exist and none of them has a row in the script, the read fails at the end
 * (after a notice per table) instead of importing a database with silently
 * empty tables. Only tables of the default schema (PUBLIC, or the one named
 * by SET DATABASE DEFAULT INITIAL SCHEMA) are read; the schema prefix is
 * dropped. */
#include "dumpscan.h"
#include <sys/stat.h>

enum { HS_CACHED = 1, HS_TEXT = 2, HS_LOBNOTE = 4 };

struct hs {
	struct dscan ds;
	struct dump_sink *sink;
	struct ds_tables tables;
	struct ds_row row;
	char *schema;    /* current SET SCHEMA */
	char *initial;   /* the schema we read */
	int lob_tables;  /* tables whose LOB values live in lportal.lobs */
};

static int hs_fail(struct hs *h, size_t col, struct lr_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int hs_fail(struct hs *h, size_t col, struct lr_err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ds_failv(err, h->ds.file, h->ds.lineno, col + 1, fmt, ap);
	va_end(ap);
	return -1;
}

/* [schema.]name; *schema gets the schema (or NULL). Names as written
 * (HSQLDB stores them upper-case already). */
static int hs_qname(struct ds_lex *lx, char **schema, char **name)
{
	*schema = *name = NULL;
	struct ds_tok t = ds_lex_next(lx);
	if (!ds_tok_isname(&t))
		return -1;
	char *a = ds_tok_ident(&t, 0);
	struct ds_tok dot = ds_lex_peek(lx);
	if (ds_tok_ispunct(&dot, '.')) {
		ds_lex_next(lx);
		t = ds_lex_next(lx);
		if (!ds_tok_isname(&t)) {
			free(a);
			return -1;
		}
		*schema = a;
		*name = ds_tok_ident(&t, 0);
		return 0;
	}
	*name = a;
	return 0;
}

static int hs_ours(const struct hs *h, const char *schema)
{
	const char *s = schema ? schema : h->schema;
	return !strcmp(s, h->initial);
}

static int hs_create_table(struct hs *h, struct ds_lex *lx, int flags, struct lr_err *err)
{
	char *schema, *name;
	size_t at = lx->i;
	if (hs_qname(lx, &schema, &name) < 0)
		return hs_fail(h, at, err, "CREATE TABLE without a table name");
	int ours = hs_ours(h, schema);
	free(schema);
	if (!ours) {
		free(name);
		return 0;
	}
	struct ds_table *t = ds_tables_add(&h->tables, name);
	t->flags = flags;
	t->line = h->ds.lineno;
	struct ds_tok tk = ds_lex_next(lx);
	if (!ds_tok_ispunct(&tk, '('))
		return hs_fail(h, tk.off, err, "expected '(' after CREATE TABLE %s", t->name);
	struct ds_index *uix = NULL;
	int nuix = 0;
	size_t erroff = 0;
	const char *why = NULL;
	int rc = 0;
	if (ds_table_body(lx, t, 0, &uix, &nuix, &erroff, &why) < 0)
		rc = hs_fail(h, erroff, err, "%s %s", why, t->name);
	if (rc == 0 && t->ncols == 0)
		rc = hs_fail(h, lx->i, err, "table %s has no columns", t->name);
	if (rc == 0)
		rc = ds_emit_table(h->sink, t, err);
	for (int i = 0; i < nuix; i++) {
		if (rc == 0)
			rc = ds_emit_index(h->sink, t->name, &uix[i], err);
		ds_index_free(&uix[i]);
	}
	free(uix);
	return rc;
}

static int hs_create_index(struct hs *h, struct ds_lex *lx, int unique, struct lr_err *err)
{
	char *schema, *iname, *tname;
	size_t at = lx->i;
	if (hs_qname(lx, &schema, &iname) < 0)
		return hs_fail(h, at, err, "CREATE INDEX without a name");
	free(schema);
	struct ds_tok on = ds_lex_next(lx);
	if (!ds_tok_is(&on, "ON")) {
		free(iname);
		return hs_fail(h, on.off, err, "expected ON in CREATE INDEX");
	}
	at = lx->i;
	if (hs_qname(lx, &schema, &tname) < 0) {
		free(iname);
		return hs_fail(h, at, err, "CREATE INDEX without a table");
	}
	struct ds_table *t = hs_ours(h, schema) ? ds_tables_find(&h->tables, tname) : NULL;
	free(schema);
	free(tname);
	struct ds_index ix = { iname, NULL, 0, unique };
	int rc = 0;
	if (ds_collist(lx, &ix, 0) < 0)
		rc = hs_fail(h, lx->i, err, "bad column list in CREATE INDEX %s", iname);
	else if (t && !t->skip)
		rc = ds_emit_index(h->sink, t->name, &ix, err);
	ds_index_free(&ix);
	return rc;
}

/* ALTER TABLE x ADD [CONSTRAINT n] PRIMARY KEY|UNIQUE (cols): the table event
 * is already out, so both become unique indexes. */
static int hs_alter_table(struct hs *h, struct ds_lex *lx, struct lr_err *err)
{
	char *schema, *tname;
	if (hs_qname(lx, &schema, &tname) < 0)
		return 0;
	struct ds_table *t = hs_ours(h, schema) ? ds_tables_find(&h->tables, tname) : NULL;
	free(schema);
	free(tname);
	struct ds_tok tk = ds_lex_next(lx);
	if (!t || !ds_tok_is(&tk, "ADD"))
		return 0;
	char *cname = NULL;
	tk = ds_lex_next(lx);
	if (ds_tok_is(&tk, "CONSTRAINT")) {
		struct ds_tok n = ds_lex_next(lx);
		if (ds_tok_isname(&n))
			cname = ds_tok_ident(&n, 0);
		tk = ds_lex_next(lx);
	}
	if (!ds_tok_is(&tk, "PRIMARY") && !ds_tok_is(&tk, "UNIQUE")) {
		free(cname);
		return 0;
	}
	if (ds_tok_is(&tk, "PRIMARY"))
		ds_lex_next(lx);
	struct ds_index ix = { cname ? cname : xstrdup(""), NULL, 0, 1 };
	int rc = 0;
	if (ds_collist(lx, &ix, 0) < 0)
		rc = hs_fail(h, lx->i, err, "bad column list in ALTER TABLE %s", t->name);
	else
		rc = ds_emit_index(h->sink, t->name, &ix, err);
	ds_index_free(&ix);
	return rc;
}

/* Decode the string literal starting at s[*i] == '\'' into r->raw. */
static int hs_string(struct hs *h, const char *s, size_t n, size_t *i, struct lr_err *err)
{
	struct strbuf *out = &h->row.raw;
	size_t st = *i, j = *i + 1;
	uint32_t hi = 0; /* pending high surrogate */
	for (;;) {
		if (j >= n)
			return hs_fail(h, st, err, "unterminated string");
		char c = s[j];
		if (c == '\'') {
			if (j + 1 < n && s[j + 1] == '\'') {
				if (hi)
					ds_utf8_put(out, 0xFFFD), hi = 0;
				strbuf_addch(out, '\'');
				j += 2;
				continue;
			}
			j++;
			break;
		}
		if (c == '\\' && j + 5 < n && s[j + 1] == 'u' && ds_hexval(s[j + 2]) >= 0 &&
		    ds_hexval(s[j + 3]) >= 0 && ds_hexval(s[j + 4]) >= 0 && ds_hexval(s[j + 5]) >= 0) {
			uint32_t u = (uint32_t)(ds_hexval(s[j + 2]) << 12 | ds_hexval(s[j + 3]) << 8 |
						ds_hexval(s[j + 4]) << 4 | ds_hexval(s[j + 5]));
			j += 6;
			if (u >= 0xD800 && u <= 0xDBFF) {
				if (hi)
					ds_utf8_put(out, 0xFFFD);
				hi = u;
				continue;
			}
			if (u >= 0xDC00 && u <= 0xDFFF) {
				/* a lone surrogate cannot be UTF-8: replacement char */
				ds_utf8_put(out, hi ? 0x10000 + ((hi - 0xD800) << 10) + (u - 0xDC00) : 0xFFFD);
				hi = 0;
				continue;
			}
			if (hi)
				ds_utf8_put(out, 0xFFFD), hi = 0;
			ds_utf8_put(out, u);
			continue;
		}
		if (hi)
			ds_utf8_put(out, 0xFFFD), hi = 0;
		strbuf_addch(out, c);
		j++;
	}
	if (hi)
		ds_utf8_put(out, 0xFFFD);
	*i = j;
	return 0;
}

static int hs_is_lob(const struct dump_column *c)
{
	return !strncasecmp(c->decl, "BLOB", 4) || !strncasecmp(c->decl, "CLOB", 4);
}

/* The bytes of the current value (hex text in raw) become binary in conv. */
static int hs_unhex(struct hs *h, size_t col, struct lr_err *err)
{
	struct ds_row *r = &h->row;
	int i = r->n - 1;
	const char *s = r->raw.buf + r->off[i];
	size_t n = r->vals[i].len;
	if (n % 2)
		return hs_fail(h, col, err, "binary value with an odd number of hex digits");
	size_t at = r->conv.len;
	for (size_t k = 0; k < n; k += 2) {
		int a = ds_hexval(s[k]), b = ds_hexval(s[k + 1]);
		if (a < 0 || b < 0)
			return hs_fail(h, col, err, "binary value is not hex");
		strbuf_addch(&r->conv, a << 4 | b);
	}
	r->off[i] = at;
	r->inconv[i] = 1;
	r->vals[i].len = n / 2;
	r->vals[i].kind = DB_BLOB;
	return 0;
}

static int hs_insert(struct hs *h, struct lr_err *err)
{
	const char *s = h->ds.line.buf;
	size_t n = h->ds.line.len;
	struct ds_lex lx = { s, n, 12, 0, 1 }; /* after "INSERT INTO " */
	char *schema, *tname;
	if (hs_qname(&lx, &schema, &tname) < 0)
		return hs_fail(h, 12, err, "INSERT without a table name");
	int ours = hs_ours(h, schema);
	free(schema);
	if (!ours) {
		/* SYSTEM_LOBS bookkeeping rows; LOB columns say so themselves */
		free(tname);
		return 0;
	}
	struct ds_table *t = ds_tables_find(&h->tables, tname);
	if (!t) {
		int rc = hs_fail(h, 12, err, "INSERT into table %s, which the script does not create", tname);
		free(tname);
		return rc;
	}
	free(tname);
	struct ds_tok tk = ds_lex_next(&lx);
	if (!ds_tok_is(&tk, "VALUES"))
		return hs_fail(h, tk.off, err, "expected VALUES in INSERT INTO %s", t->name);
	size_t i = lx.i;
	while (i < n && s[i] == ' ')
		i++;
	if (i >= n || s[i] != '(')
		return hs_fail(h, i, err, "expected '(' after VALUES");
	i++;
	ds_row_reset(&h->row);
	for (;;) {
		while (i < n && s[i] == ' ')
			i++;
		size_t vstart = i;
		if (h->row.n >= t->ncols)
			return hs_fail(h, vstart, err, "more values than the %d columns of %s", t->ncols,
				       t->name);
		const struct dump_column *col = &t->cols[h->row.n];
		struct db_value *v = ds_row_add(&h->row, col->kind);
		if (i >= n)
			return hs_fail(h, i, err, "row ends before its values");
		if (s[i] == '\'') {
			if (hs_string(h, s, n, &i, err) < 0)
				return -1;
			ds_row_endval(&h->row);
			if (col->kind == DB_BLOB) {
				if (hs_unhex(h, vstart, err) < 0)
					return -1;
			} else {
				const char *why = ds_row_convert(&h->row, col->kind);
				if (why)
					return hs_fail(h, vstart, err, "column %s: %s", col->name, why);
			}
		} else if (isalpha((unsigned char)s[i])) {
			size_t e = i;
			while (e < n && isalpha((unsigned char)s[e]))
				e++;
			if (e - i == 4 && !strncmp(s + i, "NULL", 4)) {
				v->kind = DB_NULL;
			} else if ((e - i == 4 && !strncmp(s + i, "TRUE", 4)) ||
				   (e - i == 5 && !strncmp(s + i, "FALSE", 5))) {
				strbuf_add(&h->row.raw, s + i, e - i);
				ds_row_endval(&h->row);
				const char *why = ds_row_convert(&h->row, col->kind);
				if (why)
					return hs_fail(h, vstart, err, "column %s: %s", col->name, why);
			} else {
				return hs_fail(h, i, err, "unexpected '%.*s' in a row of %s",
					       (int)(e - i > 40 ? 40 : e - i), s + i, t->name);
			}
			i = e;
		} else if (s[i] == '-' || s[i] == '+' || s[i] == '.' || isdigit((unsigned char)s[i]) ||
			   s[i] == '(') {
			/* numbers; NaN and infinities are written (0.0E0/0.0E0), (1.0E0/0.0E0) */
			int paren = s[i] == '(';
			size_t e = i + paren;
			while (e < n && (isalnum((unsigned char)s[e]) || s[e] == '.' || s[e] == '-' ||
					 s[e] == '+' || (paren && s[e] == '/')))
				e++;
			if (paren) {
				if (e >= n || s[e] != ')')
					return hs_fail(h, i, err, "bad number in a row of %s", t->name);
				const char *sl = memchr(s + i, '/', e - i);
				double a, b;
				if (!sl || ds_parse_real(s + i + 1, (size_t)(sl - s - i - 1), &a) < 0 ||
				    ds_parse_real(sl + 1, (size_t)(s + e - sl - 1), &b) < 0)
					return hs_fail(h, i, err, "bad number in a row of %s", t->name);
				strbuf_addstr(&h->row.raw, isnan(a / b) ? "NaN" : (a / b > 0 ? "Infinity" : "-Infinity"));
				e++;
			} else {
				strbuf_add(&h->row.raw, s + i, e - i);
			}
			ds_row_endval(&h->row);
			if (hs_is_lob(col) && !paren) {
				/* a LOB id: the bytes are in lportal.lobs */
				v->kind = DB_NULL;
				if (!(t->flags & HS_LOBNOTE)) {
					t->flags |= HS_LOBNOTE;
					h->lob_tables++;
					ds_notice(&h->ds, h->ds.lineno, vstart + 1,
						  "table %s holds LOB ids (first in column %s) whose data is in "
						  "lportal.lobs, which lrprep cannot read: its LOB values are "
						  "imported as NULL", t->name, col->name);
				}
			} else if (!paren && !ds_is_decimal(s + i, e - i)) {
				return hs_fail(h, i, err, "bad number '%.*s' in a row of %s",
					       (int)(e - i > 40 ? 40 : e - i), s + i, t->name);
			} else {
				const char *why = ds_row_convert(&h->row, col->kind);
				if (why)
					return hs_fail(h, vstart, err, "column %s: %s", col->name, why);
			}
			i = e;
		} else {
			return hs_fail(h, i, err, "unexpected '%c' in a row of %s", s[i], t->name);
		}
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && s[i] == ',') {
			i++;
			continue;
		}
		if (i < n && s[i] == ')') {
			i++;
			break;
		}
		return hs_fail(h, i, err, i < n ? "expected ',' or ')' in a row of %s" :
			       "row of %s is cut short", t->name);
	}
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i < n)
		return hs_fail(h, i, err, "text after the row of %s", t->name);
	if (h->row.n != t->ncols)
		return hs_fail(h, i - 1, err, "%d values for the %d columns of %s", h->row.n, t->ncols,
			       t->name);
	ds_row_finish(&h->row);
	t->rows++;
	if (!h->sink->row)
		return 0;
	struct dump_loc loc = { h->ds.file, h->ds.lineno, 1 };
	return h->sink->row(h->sink->ctx, t->name, NULL, h->row.n, h->row.vals, &loc, err);
}

static int hs_statement(struct hs *h, struct lr_err *err)
{
	const char *s = h->ds.line.buf;
	size_t n = h->ds.line.len;
	if (n >= 12 && !memcmp(s, "INSERT INTO ", 12))
		return hs_insert(h, err);
	struct ds_lex lx = { s, n, 0, 0, 1 };
	struct ds_tok a = ds_lex_next(&lx);
	if (a.k == DT_END)
		return 0;
	struct ds_tok b = ds_lex_next(&lx);
	if (ds_tok_is(&a, "CREATE")) {
		int flags = 0;
		if (ds_tok_is(&b, "CACHED"))
			flags = HS_CACHED;
		else if (ds_tok_is(&b, "TEXT"))
			flags = HS_TEXT;
		if (ds_tok_is(&b, "MEMORY") || ds_tok_is(&b, "CACHED") || ds_tok_is(&b, "TEXT"))
			b = ds_lex_next(&lx);
		if (ds_tok_is(&b, "TABLE"))
			return hs_create_table(h, &lx, flags, err);
		if (ds_tok_is(&b, "UNIQUE")) {
			b = ds_lex_next(&lx);
			if (ds_tok_is(&b, "INDEX"))
				return hs_create_index(h, &lx, 1, err);
		}
		if (ds_tok_is(&b, "INDEX"))
			return hs_create_index(h, &lx, 0, err);
		/* schema, user, role, sequence, view, trigger, function ...: not data */
		return 0;
	}
	if (ds_tok_is(&a, "SET")) {
		if (ds_tok_is(&b, "SCHEMA")) {
			struct ds_tok c = ds_lex_next(&lx);
			if (ds_tok_isname(&c)) {
				free(h->schema);
				h->schema = ds_tok_ident(&c, 0);
			}
		} else if (ds_tok_is(&b, "DATABASE")) {
			/* SET DATABASE DEFAULT INITIAL SCHEMA X names the schema Liferay uses */
			struct ds_tok c = ds_lex_next(&lx), d = ds_lex_next(&lx), e = ds_lex_next(&lx);
			struct ds_tok f = ds_lex_next(&lx);
			if (ds_tok_is(&c, "DEFAULT") && ds_tok_is(&d, "INITIAL") && ds_tok_is(&e, "SCHEMA") &&
			    ds_tok_isname(&f)) {
				free(h->initial);
				h->initial = ds_tok_ident(&f, 0);
			}
		} else if (ds_tok_is(&b, "TABLE")) {
			ds_notice(&h->ds, h->ds.lineno, 1, "skipped: %.*s", (int)(n > 120 ? 120 : n), s);
		}
		return 0;
	}
	if (ds_tok_is(&a, "ALTER") && ds_tok_is(&b, "TABLE"))
		return hs_alter_table(h, &lx, err);
	static const char *const quiet[] = { "ALTER", "GRANT", "REVOKE", "COMMIT", "CHECKPOINT",
		"CONNECT", "DISCONNECT", "COMMENT" };
	for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
		if (ds_tok_is(&a, quiet[i]))
			return 0;
	if (a.k != DT_WORD)
		return hs_fail(h, a.off, err, "not an HSQLDB script statement");
	ds_notice(&h->ds, h->ds.lineno, 1, "skipped: %.*s", (int)(n > 120 ? 120 : n), s);
	return 0;
}

/* CACHED/TEXT tables with no row in the script: their rows are elsewhere. */
static int hs_check_cached(struct hs *h, struct lr_err *err)
{
	int nstore = 0, with_rows = 0;
	for (size_t i = 0; i < h->tables.n; i++) {
		struct ds_table *t = h->tables.t[i];
		if (t->flags & (HS_CACHED | HS_TEXT)) {
			nstore++;
			if (t->rows)
				with_rows++;
		}
	}
	/* a SHUTDOWN SCRIPT writes CACHED rows into the script: then some have rows */
	if (!nstore || with_rows)
		return 0;
	struct strbuf names = STRBUF_INIT;
	int listed = 0;
	for (size_t i = 0; i < h->tables.n; i++) {
		struct ds_table *t = h->tables.t[i];
		if (!(t->flags & (HS_CACHED | HS_TEXT)))
			continue;
		ds_notice(&h->ds, t->line, 1,
			  "table %s is %s: its rows are in lportal.%s, which lrprep cannot read",
			  t->name, t->flags & HS_CACHED ? "CACHED" : "TEXT",
			  t->flags & HS_CACHED ? "data" : "csv");
		if (listed < 5)
			strbuf_addf(&names, "%s%s", listed ? ", " : "", t->name);
		listed++;
	}
	if (listed > 5)
		strbuf_addf(&names, " and %d more", listed - 5);
	lr_fail(err, LR_EXIT_INPUT,
		"%s: %d table%s (%s) %s CACHED or TEXT: %s rows are in lportal.data, which lrprep "
		"cannot read; open the database in HSQLDB, run `SHUTDOWN SCRIPT`, and import the "
		"new lportal.script", h->ds.file, listed, listed == 1 ? "" : "s", strbuf_str(&names),
		listed == 1 ? "is" : "are", listed == 1 ? "its" : "their");
	strbuf_release(&names);
	return -1;
}

/* lportal.properties and lportal.log next to the script: a database that was
 * not shut down cleanly (modified=yes) keeps its latest changes only in the
 * .log redo log, which we do not replay. Worth telling, not failing: the
 * script is still a consistent checkpoint. */
static void hs_siblings(struct hs *h)
{
	const char *name = h->ds.file, *dot = NULL;
	for (const char *q = strstr(name, ".script"); q; q = strstr(q + 1, ".script"))
		dot = q;
	if (!dot || strchr(dot + 7, '/'))
		return;
	const char *codec = dot + 7; /* "", ".xz", ".gz", ".zst" */
	struct strbuf p = STRBUF_INIT;
	strbuf_add(&p, name, (size_t)(dot - name));
	size_t base = p.len;
	struct input *in = NULL;
	struct lr_err ignored = LR_ERR_INIT;
	for (int plain = 0; plain < 2 && !in; plain++) {
		strbuf_setlen(&p, base);
		strbuf_addf(&p, ".properties%s", plain ? "" : codec);
		if (input_open(p.buf, &in, &ignored) < 0) {
			in = NULL;
			lr_err_clear(&ignored);
		}
	}
	if (in) {
		char buf[4096];
		long n = input_read(in, buf, sizeof buf, &ignored);
		if (n > 0 && memmem(buf, (size_t)n, "modified=yes", 12))
			ds_notice(&h->ds, 1, 1, "%s says modified=yes: the database was not shut down cleanly, "
				  "so changes after its last checkpoint are only in its .log, which lrprep "
				  "does not replay; for a complete copy open it in HSQLDB and run SHUTDOWN",
				  p.buf);
		input_close(in);
	}
	strbuf_setlen(&p, base);
	strbuf_addstr(&p, ".log");
	struct stat st;
	if (stat(p.buf, &st) == 0 && st.st_size > 0)
		ds_notice(&h->ds, 1, 1, "%s holds changes that are not in the script and are not read; "
			  "for a complete copy open the database in HSQLDB and run SHUTDOWN", p.buf);
	strbuf_release(&p);
}

static int hs_read(struct input *in, struct dump_sink *sink, struct lr_err *err)
{
	struct hs h;
	memset(&h, 0, sizeof h);
	ds_init(&h.ds, in, sink);
	h.ds.strip_cr = 1; /* strings never hold a raw CR: it is written \u000d */
	h.sink = sink;
	h.schema = xstrdup("PUBLIC");
	h.initial = xstrdup("PUBLIC");
	hs_siblings(&h);
	int rc = 0;
	for (;;) {
		int g = ds_getline(&h.ds, err);
		if (g < 0) {
			rc = -1;
			break;
		}
		if (g == 0)
			break;
		if (memchr(h.ds.line.buf, '\0', h.ds.line.len)) {
			rc = hs_fail(&h, (size_t)((char *)memchr(h.ds.line.buf, '\0', h.ds.line.len) -
						  h.ds.line.buf), err, "NUL byte: not an HSQLDB script");
			break;
		}
		if (hs_statement(&h, err) < 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0)
		rc = hs_check_cached(&h, err);
	if (sink->progress)
		sink->progress(sink->ctx, input_raw_bytes(in), input_raw_total(in));
	ds_row_release(&h.row);
	ds_tables_release(&h.tables);
	ds_release(&h.ds);
	free(h.schema);
	free(h.initial);
	return rc;
}

static int hs_sniff(const char *head, size_t n)
{
	static const struct { const char *s; int score; } marks[] = {
		{ "SET DATABASE UNIQUE NAME", 95 },
		{ "CREATE SCHEMA PUBLIC AUTHORIZATION DBA", 90 },
		{ "CREATE MEMORY TABLE", 85 },
		{ "CREATE CACHED TABLE", 85 },
		{ "SET DATABASE ", 60 },
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (memmem(head, n, marks[i].s, strlen(marks[i].s)))
			return marks[i].score;
	return 0;
}

const struct dump_reader dump_reader_hsqldb = { "hsqldb", hs_sniff, hs_read };
