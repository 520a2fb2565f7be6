/* pg_dump plain-format reader (what `pg_dump DB > x.sql` writes, with COPY
 * blocks, or --inserts / --column-inserts), from PostgreSQL 8.x to today.
 *
 * Statements are cut at ';' outside quotes ('...', E'...', "...", $tag$...$tag$)
 * and comments; `COPY t (cols) FROM stdin;` switches to line mode until `\.`.
 * Only tables, their rows, primary keys and plain column indexes matter; every
 * other statement (functions, sequences, owners, grants, comments, setval) is
 * skipped. Only the tables of one schema are read: the first schema of the
 * dump's search_path when it names one, else public.
 *
 * pg_dump writes primary keys (ALTER TABLE ONLY t ADD CONSTRAINT ... PRIMARY
 * KEY) after the data. So a table event waits until the table's first row
 * (COPY or INSERT) or the end of the dump: a schema-only dump gets its keys
 * in the table event; a key that arrives after the rows is sent as a unique
 * index named after the constraint, which the sink creates after the data. */
#include "pgdump.h"

/* Error at offset off of the current statement. */
int pg_fail_at(struct pg *p, size_t off, struct lr_err *err, const char *fmt, ...)
{
	uint64_t line, col;
	ds_pos(p->stmt.buf, off, p->stmt_line, &line, &col);
	if (line == p->stmt_line)
		col += p->stmt_col - 1;
	va_list ap;
	va_start(ap, fmt);
	ds_failv(err, p->ds.file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* --- names ------------------------------------------------------------------ */

/* [schema.]name (unquoted names fold to lower case). */
int pg_qname(struct ds_lex *lx, char **schema, char **name)
{
	*schema = *name = NULL;
	struct ds_tok t = ds_lex_next(lx);
	if (!ds_tok_isname(&t))
		return -1;
	char *a = ds_tok_ident(&t, 1);
	struct ds_tok dot = ds_lex_peek(lx);
	if (ds_tok_ispunct(&dot, '.')) {
		ds_lex_next(lx);
		t = ds_lex_next(lx);
		if (!ds_tok_isname(&t)) {
			free(a);
			return -1;
		}
		*schema = a;
		*name = ds_tok_ident(&t, 1);
		return 0;
	}
	*name = a;
	return 0;
}

static const char *pg_target(struct pg *p)
{
	if (!p->target)
		p->target = xstrdup(p->path0 ? p->path0 : "public");
	return p->target;
}

int pg_ours(struct pg *p, const char *schema)
{
	const char *s = schema ? schema : (p->path0 ? p->path0 : "public");
	return !strcmp(s, pg_target(p));
}

/* Our table named at lx, or NULL (bad name, another schema, unknown, skipped). */
static struct ds_table *pg_table_ref(struct pg *p, struct ds_lex *lx)
{
	char *schema, *name;
	if (pg_qname(lx, &schema, &name) < 0)
		return NULL;
	int ours = pg_ours(p, schema);
	free(schema);
	struct ds_table *t = ours ? ds_tables_find(&p->tables, name) : NULL;
	free(name);
	return t && !t->skip ? t : NULL;
}

int pg_flush_table(struct pg *p, struct ds_table *t, struct lr_err *err)
{
	if (t->emitted || t->skip)
		return 0;
	if (ds_emit_table(p->sink, t, err) < 0)
		return -1;
	for (int i = 0; i < t->nix; i++) {
		if (ds_emit_index(p->sink, t->name, &t->ix[i], err) < 0)
			return -1;
		ds_index_free(&t->ix[i]);
	}
	t->nix = 0;
	return 0;
}

/* An index for t: queued until the table event, else sent now. Takes ix. */
static int pg_index(struct pg *p, struct ds_table *t, struct ds_index *ix, struct lr_err *err)
{
	if (!t->emitted) {
		t->ix = xrealloc(t->ix, (size_t)(t->nix + 1) * sizeof *t->ix);
		t->ix[t->nix++] = *ix;
		return 0;
	}
	int rc = ds_emit_index(p->sink, t->name, ix, err);
	ds_index_free(ix);
	return rc;
}

/* --- DDL --------------------------------------------------------------------- */

static int pg_create_table(struct pg *p, struct ds_lex *lx, struct lr_err *err)
{
	struct ds_tok tk = ds_lex_peek(lx);
	if (ds_tok_is(&tk, "IF")) {
		ds_lex_next(lx);
		ds_lex_next(lx); /* NOT */
		ds_lex_next(lx); /* EXISTS */
	}
	size_t at = ds_lex_peek(lx).off;
	char *schema, *name;
	if (pg_qname(lx, &schema, &name) < 0)
		return pg_fail_at(p, at, err, "CREATE TABLE without a table name");
	int ours = pg_ours(p, schema);
	tk = ds_lex_next(lx);
	if (!ds_tok_ispunct(&tk, '(')) {
		/* CREATE TABLE x OF type / PARTITION OF / AS SELECT: no plain table */
		ds_notice(&p->ds, p->stmt_line, 1, "skipped CREATE TABLE %s%s%s: not a plain table",
			  schema ? schema : "", schema ? "." : "", name);
		free(schema);
		free(name);
		return 0;
	}
	if (!ours)
		ds_notice(&p->ds, p->stmt_line, 1, "skipped table %s.%s: only schema %s is read",
			  schema ? schema : "?", name, pg_target(p));
	free(schema);
	struct ds_table *t = ds_tables_add(&p->tables, name);
	t->skip = !ours;
	t->line = p->stmt_line;
	struct ds_index *uix = NULL;
	int nuix = 0;
	size_t erroff = 0;
	const char *why = NULL;
	int rc = 0;
	if (ds_table_body(lx, t, 1, &uix, &nuix, &erroff, &why) < 0)
		rc = pg_fail_at(p, erroff, err, "%s %s", why, t->name);
	for (int i = 0; i < nuix; i++) {
		if (rc == 0 && !t->skip)
			rc = pg_index(p, t, &uix[i], err);
		else
			ds_index_free(&uix[i]);
	}
	free(uix);
	return rc;
}

/* ALTER TABLE [ONLY] [IF EXISTS] t ADD CONSTRAINT c PRIMARY KEY|UNIQUE (cols) */
static int pg_alter_table(struct pg *p, struct ds_lex *lx, struct lr_err *err)
{
	struct ds_tok tk = ds_lex_peek(lx);
	if (ds_tok_is(&tk, "IF")) {
		ds_lex_next(lx);
		ds_lex_next(lx);
		tk = ds_lex_peek(lx);
	}
	if (ds_tok_is(&tk, "ONLY"))
		ds_lex_next(lx);
	struct ds_table *t = pg_table_ref(p, lx);
	if (!t)
		return 0;
	tk = ds_lex_next(lx);
	if (!ds_tok_is(&tk, "ADD"))
		return 0;
	char *cname = NULL;
	tk = ds_lex_next(lx);
	if (ds_tok_is(&tk, "CONSTRAINT")) {
		struct ds_tok n = ds_lex_next(lx);
		if (ds_tok_isname(&n))
			cname = ds_tok_ident(&n, 1);
		tk = ds_lex_next(lx);
	}
	int primary = ds_tok_is(&tk, "PRIMARY");
	if (!primary && !ds_tok_is(&tk, "UNIQUE")) {
		free(cname);
		return 0;
	}
	if (primary)
		ds_lex_next(lx); /* KEY */
	struct ds_index ix = { cname ? cname : xstrdup(""), NULL, 0, 1 };
	if (ds_collist(lx, &ix, 1) < 0) {
		ds_index_free(&ix);
		return pg_fail_at(p, lx->i, err, "bad column list in ALTER TABLE %s", t->name);
	}
	if (primary && !t->emitted && t->npk == 0) {
		for (int i = 0; i < ix.ncols; i++)
			ds_table_addpk(t, ix.cols[i]);
		ds_index_free(&ix);
		return 0;
	}
	return pg_index(p, t, &ix, err);
}

/* CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t
 * [USING m] (col [opclass] [ASC|DESC] [NULLS FIRST|LAST], ...) [WHERE ...] */
static int pg_create_index(struct pg *p, struct ds_lex *lx, int unique, struct lr_err *err)
{
	struct ds_tok tk = ds_lex_next(lx);
	if (ds_tok_is(&tk, "CONCURRENTLY"))
		tk = ds_lex_next(lx);
	if (ds_tok_is(&tk, "IF")) {
		ds_lex_next(lx);
		ds_lex_next(lx);
		tk = ds_lex_next(lx);
	}
	char *iname = NULL;
	if (!ds_tok_is(&tk, "ON")) {
		if (!ds_tok_isname(&tk))
			return pg_fail_at(p, tk.off, err, "bad CREATE INDEX");
		iname = ds_tok_ident(&tk, 1);
		tk = ds_lex_next(lx);
	}
	if (!ds_tok_is(&tk, "ON")) {
		free(iname);
		return pg_fail_at(p, tk.off, err, "expected ON in CREATE INDEX");
	}
	tk = ds_lex_peek(lx);
	if (ds_tok_is(&tk, "ONLY"))
		ds_lex_next(lx);
	struct ds_table *t = pg_table_ref(p, lx);
	if (!t) {
		free(iname);
		return 0;
	}
	tk = ds_lex_next(lx);
	if (ds_tok_is(&tk, "USING")) {
		ds_lex_next(lx);
		tk = ds_lex_next(lx);
	}
	struct ds_index ix = { iname ? iname : xstrdup(""), NULL, 0, unique };
	int expr = !ds_tok_ispunct(&tk, '(');
	while (!expr) {
		tk = ds_lex_next(lx);
		struct ds_tok nx = ds_lex_peek(lx);
		if (!ds_tok_isname(&tk) || ds_tok_ispunct(&nx, '(')) {
			expr = 1;
			break;
		}
		ix.cols = xrealloc(ix.cols, (size_t)(ix.ncols + 1) * sizeof *ix.cols);
		ix.cols[ix.ncols++] = ds_tok_ident(&tk, 1);
		/* opclass, COLLATE, ASC/DESC, NULLS FIRST/LAST up to ',' or ')' */
		tk = ds_skip_element(lx, NULL, NULL);
		if (ds_tok_ispunct(&tk, ')'))
			break;
		if (!ds_tok_ispunct(&tk, ',')) {
			expr = 1;
			break;
		}
	}
	if (!expr) {
		tk = ds_lex_next(lx);
		if (ds_tok_is(&tk, "WHERE"))
			expr = 2;
	}
	if (expr) {
		/* an expression or partial index cannot be rebuilt as a column list */
		ds_notice(&p->ds, p->stmt_line, 1, "skipped index %s on %s: %s", ix.name, t->name,
			  expr == 2 ? "partial index" : "expression index");
		ds_index_free(&ix);
		return 0;
	}
	return pg_index(p, t, &ix, err);
}

static int pg_set(struct pg *p, struct ds_lex *lx, struct lr_err *err)
{
	struct ds_tok name = ds_lex_next(lx);
	if (ds_tok_is(&name, "SESSION") || ds_tok_is(&name, "LOCAL"))
		name = ds_lex_next(lx);
	struct ds_tok eq = ds_lex_next(lx);
	if (!ds_tok_ispunct(&eq, '=') && !ds_tok_is(&eq, "TO"))
		return 0;
	struct ds_tok v = ds_lex_next(lx);
	/* value text without quotes */
	const char *vs = v.p;
	size_t vn = v.n;
	if (v.k == DT_STRING && vn >= 2 && vs[0] == '\'') {
		vs++;
		vn -= 2;
	}
	if (ds_tok_is(&name, "standard_conforming_strings")) {
		p->scs = (vn == 2 && !strncasecmp(vs, "on", 2)) || (vn == 4 && !strncasecmp(vs, "true", 4));
	} else if (ds_tok_is(&name, "client_encoding")) {
		if ((vn == 4 && !strncasecmp(vs, "UTF8", 4)) || (vn == 5 && !strncasecmp(vs, "UTF-8", 5)) ||
		    (vn == 9 && !strncasecmp(vs, "SQL_ASCII", 9)))
			p->latin1 = 0;
		else if ((vn == 6 && !strncasecmp(vs, "LATIN1", 6)) ||
			 (vn == 10 && !strncasecmp(vs, "ISO_8859_1", 10)))
			p->latin1 = 1;
		else
			return pg_fail_at(p, v.off, err,
					  "client_encoding %.*s is not supported (UTF8, LATIN1, SQL_ASCII are)",
					  (int)(vn > 30 ? 30 : vn), vs);
	} else if (ds_tok_is(&name, "search_path")) {
		free(p->path0);
		p->path0 = NULL;
		if (v.k == DT_STRING && vn == 0)
			return 0;
		if (ds_tok_isname(&v))
			p->path0 = ds_tok_ident(&v, 1);
		else if (v.k == DT_STRING && vn)
			p->path0 = xstrndup(vs, vn);
	}
	return 0;
}

/* SELECT pg_catalog.set_config('search_path', '', false); (pg_dump >= 10.3) */
static void pg_select(struct pg *p, struct ds_lex *lx)
{
	struct ds_tok a = ds_lex_next(lx);
	if (ds_tok_is(&a, "pg_catalog")) {
		ds_lex_next(lx);
		a = ds_lex_next(lx);
	}
	if (!ds_tok_is(&a, "set_config"))
		return;
	ds_lex_next(lx); /* ( */
	struct ds_tok k = ds_lex_next(lx);
	ds_lex_next(lx); /* , */
	struct ds_tok v = ds_lex_next(lx);
	if (k.k == DT_STRING && k.n == 13 && !memcmp(k.p, "'search_path'", 13) && v.k == DT_STRING) {
		free(p->path0);
		p->path0 = NULL;
		if (v.n > 2) {
			/* 'a, b': the first schema */
			size_t e = 1;
			while (e < v.n - 1 && v.p[e] != ',')
				e++;
			p->path0 = xstrndup(v.p + 1, e - 1);
		}
	}
}

/* --- statements ------------------------------------------------------------ */

static int pg_statement(struct pg *p, struct lr_err *err)
{
	struct ds_lex lx = { p->stmt.buf, p->stmt.len, 0, !p->scs, 0 };
	struct ds_tok a = ds_lex_next(&lx);
	if (a.k == DT_END)
		return 0;
	if (a.k == DT_BAD)
		return pg_fail_at(p, a.off, err, "unterminated comment or quoted text");
	if (a.k != DT_WORD)
		return pg_fail_at(p, a.off, err, "not a pg_dump statement");
	if (ds_tok_is(&a, "SET"))
		return pg_set(p, &lx, err);
	if (ds_tok_is(&a, "SELECT")) {
		pg_select(p, &lx);
		return 0;
	}
	if (ds_tok_is(&a, "INSERT"))
		return pg_insert(p, &lx, err);
	if (ds_tok_is(&a, "COPY"))
		return pg_copy_start(p, &lx, err);
	struct ds_tok b = ds_lex_next(&lx);
	if (ds_tok_is(&a, "CREATE")) {
		while (ds_tok_is(&b, "UNLOGGED") || ds_tok_is(&b, "GLOBAL") || ds_tok_is(&b, "LOCAL") ||
		       ds_tok_is(&b, "TEMP") || ds_tok_is(&b, "TEMPORARY"))
			b = ds_lex_next(&lx);
		if (ds_tok_is(&b, "TABLE"))
			return pg_create_table(p, &lx, err);
		if (ds_tok_is(&b, "UNIQUE")) {
			b = ds_lex_next(&lx);
			if (ds_tok_is(&b, "INDEX"))
				return pg_create_index(p, &lx, 1, err);
		}
		if (ds_tok_is(&b, "INDEX"))
			return pg_create_index(p, &lx, 0, err);
		if (ds_tok_is(&b, "DATABASE"))
			ds_notice(&p->ds, p->stmt_line, 1, "skipped CREATE DATABASE: the tables are read "
				  "into the import target");
		return 0;
	}
	if (ds_tok_is(&a, "ALTER") && ds_tok_is(&b, "TABLE"))
		return pg_alter_table(p, &lx, err);
	/* functions, sequences, views, triggers, owners, comments, grants ...
	 * are skipped; a statement no dump holds means this is not one */
	static const char *const skipped[] = { "ALTER", "COMMENT", "GRANT", "REVOKE", "DROP", "BEGIN",
		"COMMIT", "START", "END", "ROLLBACK", "SECURITY", "REFRESH", "TRUNCATE", "LOCK", "DO",
		"RESET", "ANALYZE", "VACUUM", "CLUSTER", "REINDEX", "CHECKPOINT", "SAVEPOINT", "RELEASE",
		"UPDATE", "DELETE", "WITH", "IMPORT" };
	for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++)
		if (ds_tok_is(&a, skipped[i]))
			return 0;
	return pg_fail_at(p, a.off, err, "not a pg_dump statement: '%.*s'", (int)(a.n > 40 ? 40 : a.n),
			  a.p);
}

/* Cut statements out of one line (SQL mode). */
static int pg_sql_line(struct pg *p, struct lr_err *err)
{
	const char *s = p->ds.line.buf;
	size_t n = p->ds.line.len;
	size_t i = 0;
	if (!p->has_content && p->st == ST_NORMAL) {
		size_t k = 0;
		while (k < n && isspace((unsigned char)s[k]))
			k++;
		if (k == n || (k + 1 < n && s[k] == '-' && s[k + 1] == '-'))
			return 0; /* blank or comment line between statements */
		if (s[k] == '\\') {
			/* psql meta-command (\connect, \restrict ...) */
			if (n - k > 8 && !strncmp(s + k, "\\connect", 8))
				ds_notice(&p->ds, p->ds.lineno, k + 1, "skipped %.*s: one database is read",
					  (int)(n - k > 80 ? 80 : n - k), s + k);
			return 0;
		}
	}
	size_t seg = 0; /* start of the part of s not yet appended to stmt */
	while (i < n) {
		char c = s[i];
		switch (p->st) {
		case ST_NORMAL:
			if (c == '-' && i + 1 < n && s[i + 1] == '-') {
				i = n;
				continue;
			}
			if (c == '/' && i + 1 < n && s[i + 1] == '*') {
				if (!p->has_content) {
					/* where to point if it never ends */
					p->stmt_line = p->ds.lineno;
					p->stmt_col = i + 1;
				}
				p->st = ST_BLOCK;
				p->depth = 1;
				i += 2;
				continue;
			}
			if (!p->has_content && !isspace((unsigned char)c)) {
				/* a statement starts here */
				strbuf_reset(&p->stmt);
				seg = i;
				p->stmt_line = p->ds.lineno;
				p->stmt_col = i + 1;
				p->has_content = 1;
			}
			if (c == '\'') {
				p->st = ST_SQ;
				p->sq_bs = !p->scs || (i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') &&
						       (i < 2 || !ds_identch((unsigned char)s[i - 2])));
			} else if (c == '"') {
				p->st = ST_DQ;
			} else if (c == '$' && (i == 0 || !ds_identch((unsigned char)s[i - 1]))) {
				size_t j = i + 1;
				while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_'))
					j++;
				if (j < n && s[j] == '$' && !(j > i + 1 && isdigit((unsigned char)s[i + 1]))) {
					strbuf_reset(&p->dtag);
					strbuf_add(&p->dtag, s + i, j + 1 - i);
					p->st = ST_DOLLAR;
					i = j + 1;
					continue;
				}
			} else if (c == ';') {
				strbuf_add(&p->stmt, s + seg, i - seg);
				p->has_content = 0;
				int rc = pg_statement(p, err);
				strbuf_reset(&p->stmt);
				if (rc < 0)
					return -1;
				if (p->in_copy)
					return 0; /* data starts on the next line */
				seg = i + 1;
			}
			i++;
			break;
		case ST_SQ:
			if (p->sq_bs && c == '\\') {
				i += 2;
				break;
			}
			if (c == '\'') {
				if (i + 1 < n && s[i + 1] == '\'') {
					i += 2;
					break;
				}
				p->st = ST_NORMAL;
			}
			i++;
			break;
		case ST_DQ:
			if (c == '"')
				p->st = ST_NORMAL;
			i++;
			break;
		case ST_DOLLAR:
			if (c == '$' && n - i >= p->dtag.len && !memcmp(s + i, p->dtag.buf, p->dtag.len)) {
				i += p->dtag.len;
				p->st = ST_NORMAL;
				break;
			}
			i++;
			break;
		case ST_BLOCK:
			if (c == '*' && i + 1 < n && s[i + 1] == '/') {
				i += 2;
				if (--p->depth == 0)
					p->st = ST_NORMAL;
				break;
			}
			if (c == '/' && i + 1 < n && s[i + 1] == '*') {
				p->depth++;
				i += 2;
				break;
			}
			i++;
			break;
		}
	}
	if (i > n)
		i = n; /* a backslash ended the line inside a string: the newline is escaped */
	if (p->has_content || p->st != ST_NORMAL) {
		if (seg < n)
			strbuf_add(&p->stmt, s + seg, n - seg);
		strbuf_addch(&p->stmt, '\n');
		if (p->stmt.len > DS_MAX_LINE)
			return ds_fail(err, p->ds.file, p->stmt_line, p->stmt_col,
				       "statement longer than %zu MiB: not a dump", DS_MAX_LINE >> 20);
	}
	return 0;
}

static int pg_read(struct input *in, struct dump_sink *sink, struct lr_err *err)
{
	struct pg p;
	memset(&p, 0, sizeof p);
	ds_init(&p.ds, in, sink);
	p.sink = sink;
	p.scs = 1; /* the server default since 9.1; older dumps say off */
	strbuf_init(&p.stmt, 4096);
	strbuf_init(&p.dtag, 16);
	int rc = 0;
	for (;;) {
		int g = ds_getline(&p.ds, err);
		if (g < 0) {
			rc = -1;
			break;
		}
		if (g == 0)
			break;
		if (p.ds.lineno == 1 && (!strncmp(p.ds.line.buf, "PGDMP", 5) ||
					 !strncmp(p.ds.line.buf, "toc.dat", 7))) {
			/* pg_dump -Fc / -Ft: an archive only pg_restore reads */
			rc = ds_fail(err, p.ds.file, 1, 1, "a pg_dump %s archive; lrprep reads plain SQL "
				     "dumps: run `pg_restore -f dump.sql %s` and import dump.sql",
				     p.ds.line.buf[0] == 'P' ? "custom-format (-Fc)" : "tar-format (-Ft)", p.ds.file);
			break;
		}
		if (memchr(p.ds.line.buf, '\0', p.ds.line.len)) {
			size_t at = (size_t)((char *)memchr(p.ds.line.buf, '\0', p.ds.line.len) - p.ds.line.buf);
			rc = ds_fail(err, p.ds.file, p.ds.lineno, at + 1, "NUL byte: not a pg_dump file");
			break;
		}
		rc = p.in_copy ? pg_copy_line(&p, err) : pg_sql_line(&p, err);
		if (rc < 0)
			break;
	}
	if (rc == 0 && p.in_copy)
		rc = ds_fail(err, p.ds.file, p.copy_line, 1,
			     "COPY data of %s ends without \\. (truncated dump?)",
			     p.copy_t ? p.copy_t->name : "a skipped table");
	if (rc == 0 && (p.has_content || p.st != ST_NORMAL)) {
		static const char *const what[] = { "statement", "string", "quoted name",
			"dollar-quoted text", "comment" };
		rc = ds_fail(err, p.ds.file, p.stmt_line ? p.stmt_line : p.ds.lineno, p.stmt_col ? p.stmt_col : 1,
			     "unterminated %s at end of dump (truncated dump?)", what[p.st]);
	}
	for (size_t i = 0; rc == 0 && i < p.tables.n; i++)
		rc = pg_flush_table(&p, p.tables.t[i], err);
	if (sink->progress)
		sink->progress(sink->ctx, input_raw_bytes(in), input_raw_total(in));
	pg_copy_end(&p);
	ds_row_release(&p.row);
	ds_tables_release(&p.tables);
	ds_release(&p.ds);
	strbuf_release(&p.stmt);
	strbuf_release(&p.dtag);
	free(p.path0);
	free(p.target);
	return rc;
}

static int pg_sniff(const char *head, size_t n)
{
	static const struct { const char *s; int score; } marks[] = {
		{ "-- PostgreSQL database dump", 95 },
		{ "SET statement_timeout", 80 },
		{ "SET standard_conforming_strings", 80 },
		{ "pg_catalog.set_config(", 80 },
		{ " FROM stdin;", 70 },
		{ "SET client_encoding", 40 },
	};
	/* archives (-Fc, -Ft) are claimed so the reader can say how to convert them */
	if ((n >= 5 && !memcmp(head, "PGDMP", 5)) || (n >= 8 && !memcmp(head, "toc.dat", 8)))
		return 90;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (memmem(head, n, marks[i].s, strlen(marks[i].s)))
			return marks[i].score;
	return 0;
}

const struct dump_reader dump_reader_pgdump = { "pg_dump", pg_sniff, pg_read };
