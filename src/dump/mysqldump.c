/* mysqldump reader (also SQLyog, phpMyAdmin, MySQL Workbench dumps): the
 * statement level. CREATE TABLE becomes a table event plus index events;
 * INSERT/REPLACE rows are parsed in mysqldump_rows.c; everything a copy
 * does not need (SET, LOCK TABLES, DROP TABLE ...) is skipped, and what a
 * user should know was skipped (CREATE DATABASE, GRANT, views, procedures,
 * unfilled template placeholders) is reported as a notice. */
#include "mysqldump_int.h"
#include "../util/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int md_is(const struct mtoken *t, const char *kw)
{
	return t->type == MT_WORD && !strcasecmp(t->text.buf, kw);
}

static int is_punct(const struct mtoken *t, int ch) { return t->type == MT_PUNCT && t->ch == ch; }
static int is_name(const struct mtoken *t) { return t->type == MT_WORD || t->type == MT_QIDENT; }

enum mcs mcs_from_name(const char *name)
{
	if (!name)
		return CS_UTF8;
	if (!strncasecmp(name, "latin1", 6) || !strncasecmp(name, "cp1252", 6))
		return CS_LATIN1;
	if (!strcasecmp(name, "binary"))
		return CS_BINARY;
	return CS_UTF8; /* utf8, utf8mb3, utf8mb4, ascii */
}

/* --- table registry --------------------------------------------------------- */

static uint64_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void mtable_free(struct mtable *t)
{
	for (int i = 0; i < t->ncols; i++) {
		free(t->cols[i].name);
		free(t->cols[i].decl);
		free(t->cols[i].charset);
	}
	free(t->cols);
	free(t->name);
	free(t);
}

struct mtable *mtable_find(struct mreader *r, const char *name)
{
	if (!r->tcap)
		return NULL;
	for (size_t i = hash_name(name) & (r->tcap - 1);; i = (i + 1) & (r->tcap - 1)) {
		if (!r->tables[i])
			break;
		if (!strcmp(r->tables[i]->name, name))
			return r->tables[i];
	}
	/* servers with lower_case_table_names accept any spelling */
	for (size_t i = 0; i < r->tcap; i++)
		if (r->tables[i] && !strcasecmp(r->tables[i]->name, name))
			return r->tables[i];
	return NULL;
}

static void mtable_add(struct mreader *r, struct mtable *t)
{
	if ((r->tcount + 1) * 2 > r->tcap) {
		size_t ncap = r->tcap ? r->tcap * 2 : 256;
		struct mtable **nt = xcalloc(ncap, sizeof *nt);
		for (size_t i = 0; i < r->tcap; i++) {
			if (!r->tables[i])
				continue;
			size_t j = hash_name(r->tables[i]->name) & (ncap - 1);
			while (nt[j])
				j = (j + 1) & (ncap - 1);
			nt[j] = r->tables[i];
		}
		free(r->tables);
		r->tables = nt;
		r->tcap = ncap;
	}
	size_t j = hash_name(t->name) & (r->tcap - 1);
	while (r->tables[j])
		j = (j + 1) & (r->tcap - 1);
	r->tables[j] = t;
	r->tcount++;
}

/* --- helpers ------------------------------------------------------------------ */

static int next(struct mreader *r) { return mlex_token(&r->lx, &r->t); }

static void notice(struct mreader *r, uint64_t line, uint64_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void notice(struct mreader *r, uint64_t line, uint64_t col, const char *fmt, ...)
{
	if (!r->sink->notice)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct dump_loc loc = { r->lx.file, line, col };
	r->sink->notice(r->sink->ctx, &loc, msg);
}

static int fail_tok(struct mreader *r, const char *what)
{
	const struct mtoken *t = &r->t;
	if (t->type == MT_EOF)
		return mlex_fail_at(&r->lx, t->line, t->col, "the dump ends inside a statement (truncated?): %s", what);
	if (t->type == MT_PUNCT) {
		unsigned char c = (unsigned char)t->ch;
		if (c < 0x20 || c >= 0x7f)
			return mlex_fail_at(&r->lx, t->line, t->col, "unexpected byte 0x%02x: %s", c, what);
		return mlex_fail_at(&r->lx, t->line, t->col, "unexpected '%c': %s", c, what);
	}
	return mlex_fail_at(&r->lx, t->line, t->col, "unexpected '%.40s': %s", t->text.buf, what);
}

/* A possibly qualified name (db.table): the last part, into a new string. */
static int read_name(struct mreader *r, char **out, const char *what)
{
	*out = NULL;
	if (next(r) < 0)
		return -1;
	for (;;) {
		if (!is_name(&r->t))
			return fail_tok(r, what);
		free(*out);
		*out = xstrdup(r->t.text.buf);
		/* a dot right after the name means it was the database part */
		int c = mlex_skip_ws(&r->lx);
		if (c == -2)
			return -1;
		if (c != '.')
			return 0;
		r->lx.p++;
		if (next(r) < 0)
			return -1;
	}
}

/* Skip tokens up to (not including) a ',' or ')' at depth 0; the stop token
 * stays in r->t. With at_semicolon, a ';' also ends the item (ALTER TABLE). */
static int skip_item_to(struct mreader *r, int at_semicolon)
{
	int depth = 0;
	for (;;) {
		if (r->t.type == MT_EOF)
			return fail_tok(r, "unterminated definition");
		if (is_punct(&r->t, '('))
			depth++;
		else if (is_punct(&r->t, ')')) {
			if (depth == 0)
				return 0;
			depth--;
		} else if (is_punct(&r->t, ',') && depth == 0)
			return 0;
		else if (is_punct(&r->t, ';') && depth == 0)
			return at_semicolon ? 0 : fail_tok(r, "statement ends inside a definition");
		if (next(r) < 0)
			return -1;
	}
}

static int skip_item(struct mreader *r) { return skip_item_to(r, 0); }

static void free_names(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* "(a, b(10), c)" key column list; r->t is at '('. Leaves r->t after ')'. */
static int key_columns(struct mreader *r, char ***cols, int *ncols)
{
	size_t cap = 0;
	*cols = NULL;
	*ncols = 0;
	if (!is_punct(&r->t, '('))
		return fail_tok(r, "expected a key column list");
	for (;;) {
		if (next(r) < 0)
			goto fail;
		if (!is_name(&r->t)) {
			fail_tok(r, "expected a key column name");
			goto fail;
		}
		XGROW(*cols, cap, (size_t)*ncols + 1);
		(*cols)[(*ncols)++] = xstrdup(r->t.text.buf);
		/* prefix length (255) and ASC/DESC are not kept */
		if (next(r) < 0 || skip_item(r) < 0)
			goto fail;
		if (is_punct(&r->t, ')')) {
			if (next(r) < 0)
				goto fail;
			return 0;
		}
	}
fail:
	free_names(*cols, *ncols);
	*cols = NULL;
	*ncols = 0;
	return -1;
}

static int emit_index(struct mreader *r, const char *table, const char *name, char **cols, int ncols,
		      int unique)
{
	struct dump_index ix = { table, name, (const char **)cols, ncols, unique };
	return r->sink->index ? r->sink->index(r->sink->ctx, &ix, r->err) : 0;
}

/* --- CREATE TABLE -------------------------------------------------------------- */

struct tdef {
	struct mtable *t;
	size_t ccap;
	char **pk;
	int npk;
	struct ixdef {
		char *name;
		char **cols;
		int ncols;
		int unique;
	} *ix;
	int nix;
	size_t ixcap;
	char *charset;
};

static void tdef_release(struct tdef *d)
{
	if (d->t)
		mtable_free(d->t);
	free_names(d->pk, d->npk);
	for (int i = 0; i < d->nix; i++) {
		free(d->ix[i].name);
		free_names(d->ix[i].cols, d->ix[i].ncols);
	}
	free(d->ix);
	free(d->charset);
}

/* Column definition; r->t holds its name. */
static int column_def(struct mreader *r, struct tdef *d)
{
	struct mtable *t = d->t;
	XGROW(t->cols, d->ccap, (size_t)t->ncols + 1);
	struct mcol *c = &t->cols[t->ncols++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(r->t.text.buf);
	if (next(r) < 0)
		return -1;
	if (r->t.type != MT_WORD)
		return fail_tok(r, "expected a column type");
	struct strbuf decl = STRBUF_INIT;
	strbuf_addstr(&decl, r->t.text.buf);
	if (next(r) < 0)
		goto fail;
	if (is_punct(&r->t, '(')) {
		/* type arguments: (20), (30,16), ('a','b') */
		strbuf_addch(&decl, '(');
		for (;;) {
			if (next(r) < 0)
				goto fail;
			if (is_punct(&r->t, ')'))
				break;
			if (r->t.type == MT_EOF || is_punct(&r->t, ';')) {
				fail_tok(r, "unterminated column type");
				goto fail;
			}
			if (r->t.type == MT_STR) {
				strbuf_addch(&decl, '\'');
				strbuf_addstr(&decl, r->t.text.buf);
				strbuf_addch(&decl, '\'');
			} else if (r->t.type == MT_PUNCT) {
				strbuf_addch(&decl, r->t.ch);
			} else {
				strbuf_addstr(&decl, r->t.text.buf);
			}
		}
		strbuf_addch(&decl, ')');
		if (next(r) < 0)
			goto fail;
	}
	if (md_is(&r->t, "unsigned") || md_is(&r->t, "precision")) {
		strbuf_addch(&decl, ' ');
		strbuf_addstr(&decl, r->t.text.buf);
		if (next(r) < 0)
			goto fail;
	}
	c->decl = strbuf_detach(&decl, NULL);
	c->kind = db_kind_from_decl(c->decl);
	/* attributes up to the next ',' or ')' */
	int depth = 0;
	for (;;) {
		if (r->t.type == MT_EOF || (is_punct(&r->t, ';') && depth == 0))
			return fail_tok(r, "unterminated column definition");
		if (depth == 0 && (is_punct(&r->t, ',') || is_punct(&r->t, ')')))
			break;
		if (is_punct(&r->t, '('))
			depth++;
		else if (is_punct(&r->t, ')'))
			depth--;
		else if (depth == 0 && md_is(&r->t, "NOT")) {
			if (next(r) < 0)
				return -1;
			if (md_is(&r->t, "NULL"))
				c->notnull = 1;
			continue;
		} else if (depth == 0 && (md_is(&r->t, "CHARACTER") || md_is(&r->t, "CHARSET"))) {
			if (md_is(&r->t, "CHARACTER")) {
				if (next(r) < 0)
					return -1;
				if (!md_is(&r->t, "SET"))
					return fail_tok(r, "expected CHARACTER SET");
			}
			if (next(r) < 0)
				return -1;
			if (!is_name(&r->t) && r->t.type != MT_STR)
				return fail_tok(r, "expected a character set name");
			free(c->charset);
			c->charset = xstrdup(r->t.text.buf);
		} else if (depth == 0 && md_is(&r->t, "PRIMARY")) {
			free_names(d->pk, d->npk);
			d->pk = xmalloc(sizeof *d->pk);
			d->pk[0] = xstrdup(c->name);
			d->npk = 1;
		}
		if (next(r) < 0)
			return -1;
	}
	return 0;
fail:
	strbuf_release(&decl);
	return -1;
}

static void add_ix(struct tdef *d, const char *name, char **cols, int ncols, int unique)
{
	XGROW(d->ix, d->ixcap, (size_t)d->nix + 1);
	struct ixdef *x = &d->ix[d->nix++];
	x->name = xstrdup(name);
	x->cols = cols;
	x->ncols = ncols;
	x->unique = unique;
}

/* Key definition after PRIMARY/UNIQUE/KEY/INDEX/FULLTEXT/CONSTRAINT. */
static int key_def(struct mreader *r, struct tdef *d, const char *table, int in_alter, int *handled)
{
	*handled = 1;
	if (md_is(&r->t, "CONSTRAINT")) {
		if (next(r) < 0)
			return -1;
		if (is_name(&r->t) && !md_is(&r->t, "PRIMARY") && !md_is(&r->t, "UNIQUE") &&
		    !md_is(&r->t, "FOREIGN") && !md_is(&r->t, "CHECK") && next(r) < 0)
			return -1;
	}
	int primary = 0, unique = 0, fulltext = 0;
	if (md_is(&r->t, "PRIMARY")) {
		primary = 1;
	} else if (md_is(&r->t, "UNIQUE")) {
		unique = 1;
	} else if (md_is(&r->t, "FULLTEXT") || md_is(&r->t, "SPATIAL")) {
		fulltext = 1;
	} else if (md_is(&r->t, "FOREIGN") || md_is(&r->t, "CHECK")) {
		/* referential rules are not kept in the copy */
		return skip_item_to(r, in_alter);
	} else if (!md_is(&r->t, "KEY") && !md_is(&r->t, "INDEX")) {
		*handled = 0;
		return 0;
	}
	if (next(r) < 0)
		return -1;
	if (md_is(&r->t, "KEY") || md_is(&r->t, "INDEX"))
		if (next(r) < 0)
			return -1;
	char *name = NULL;
	if (is_name(&r->t) && !md_is(&r->t, "USING")) {
		name = xstrdup(r->t.text.buf);
		if (next(r) < 0)
			goto fail;
	}
	if (md_is(&r->t, "USING") && (next(r) < 0 || next(r) < 0))
		goto fail;
	char **cols;
	int ncols;
	if (key_columns(r, &cols, &ncols) < 0)
		goto fail;
	if (primary) {
		free_names(d->pk, d->npk);
		d->pk = cols;
		d->npk = ncols;
	} else if (fulltext) {
		notice(r, r->t.line, r->t.col, "FULLTEXT/SPATIAL index %s on %s not created", name ? name : "",
		       table);
		free_names(cols, ncols);
	} else {
		char gen[160];
		if (!name) {
			snprintf(gen, sizeof gen, "%.100s_%.50s", table, cols[0]);
			name = xstrdup(gen);
		}
		add_ix(d, name, cols, ncols, unique);
	}
	free(name);
	return skip_item_to(r, in_alter);
fail:
	free(name);
	return -1;
}

static int create_table(struct mreader *r)
{
	struct tdef d = { 0 };
	uint64_t line = r->t.line, col = r->t.col;
	char *name = NULL;
	if (read_name(r, &name, "expected a table name") < 0)
		goto fail;
	if (md_is(&r->t, "IF")) {
		/* IF NOT EXISTS name */
		if (next(r) < 0 || next(r) < 0)
			goto fail;
		free(name);
		if (read_name(r, &name, "expected a table name") < 0)
			goto fail;
	}
	d.t = xcalloc(1, sizeof *d.t);
	d.t->name = name;
	name = NULL;
	if (next(r) < 0)
		goto fail;
	if (md_is(&r->t, "LIKE") || md_is(&r->t, "AS") || md_is(&r->t, "SELECT")) {
		notice(r, line, col, "CREATE TABLE %s %s ... skipped", d.t->name, r->t.text.buf);
		tdef_release(&d);
		return mlex_skip_stmt(&r->lx);
	}
	if (!is_punct(&r->t, '('))
		{ fail_tok(r, "expected '(' after the table name"); goto fail; }
	for (;;) {
		if (next(r) < 0)
			goto fail;
		int handled = 0;
		if (r->t.type == MT_WORD && key_def(r, &d, d.t->name, 0, &handled) < 0)
			goto fail;
		if (!handled) {
			if (!is_name(&r->t))
				{ fail_tok(r, "expected a column definition"); goto fail; }
			if (column_def(r, &d) < 0)
				goto fail;
		}
		if (is_punct(&r->t, ')'))
			break;
	}
	/* table options: ENGINE=InnoDB DEFAULT CHARSET=latin1 ... */
	for (;;) {
		if (next(r) < 0)
			goto fail;
		if (r->t.type == MT_EOF) {
			fail_tok(r, "table options");
			goto fail;
		}
		if (is_punct(&r->t, ';'))
			break;
		int cs = md_is(&r->t, "CHARSET");
		if (md_is(&r->t, "CHARACTER")) {
			if (next(r) < 0)
				goto fail;
			cs = md_is(&r->t, "SET");
		}
		if (!cs)
			continue;
		if (next(r) < 0)
			goto fail;
		if (is_punct(&r->t, '=') && next(r) < 0)
			goto fail;
		if (is_name(&r->t) || r->t.type == MT_STR) {
			free(d.charset);
			d.charset = xstrdup(r->t.text.buf);
		}
	}
	if (mtable_find(r, d.t->name) && !strcmp(mtable_find(r, d.t->name)->name, d.t->name)) {
		mlex_fail_at(&r->lx, line, col, "table %s is created twice", d.t->name);
		goto fail;
	}
	struct dump_table dt = { d.t->name, NULL, d.t->ncols, (const char **)d.pk, d.npk, d.charset };
	dt.cols = xcalloc((size_t)d.t->ncols + 1, sizeof *dt.cols);
	for (int i = 0; i < d.t->ncols; i++) {
		struct mcol *c = &d.t->cols[i];
		c->cs = mcs_from_name(c->charset ? c->charset : d.charset);
		dt.cols[i] = (struct dump_column){ c->name, c->decl, c->kind, c->notnull, c->charset };
	}
	int rc = r->sink->table ? r->sink->table(r->sink->ctx, &dt, r->err) : 0;
	free(dt.cols);
	for (int i = 0; rc == 0 && i < d.nix; i++)
		rc = emit_index(r, d.t->name, d.ix[i].name, d.ix[i].cols, d.ix[i].ncols, d.ix[i].unique);
	if (rc < 0)
		goto fail;
	mtable_add(r, d.t);
	d.t = NULL;
	tdef_release(&d);
	return 0;
fail:
	free(name);
	tdef_release(&d);
	return -1;
}

/* CREATE [UNIQUE] INDEX name ON table (cols) */
static int create_index(struct mreader *r, int unique)
{
	char *name = NULL, *table = NULL;
	char **cols = NULL;
	int ncols = 0, rc = -1;
	if (read_name(r, &name, "expected an index name") < 0 || next(r) < 0)
		goto out;
	if (md_is(&r->t, "USING") && (next(r) < 0 || next(r) < 0))
		goto out;
	if (!md_is(&r->t, "ON")) {
		fail_tok(r, "expected ON");
		goto out;
	}
	if (read_name(r, &table, "expected a table name") < 0 || next(r) < 0)
		goto out;
	if (key_columns(r, &cols, &ncols) < 0)
		goto out;
	rc = emit_index(r, table, name, cols, ncols, unique);
	if (rc == 0 && !is_punct(&r->t, ';'))
		rc = mlex_skip_stmt(&r->lx);
out:
	free(name);
	free(table);
	free_names(cols, ncols);
	return rc;
}

/* ALTER TABLE t ADD PRIMARY KEY (..), ADD KEY x (..): phpMyAdmin puts keys here. */
static int alter_table(struct mreader *r)
{
	char *table = NULL;
	int rc = -1;
	if (read_name(r, &table, "expected a table name") < 0 || next(r) < 0)
		goto out;
	for (;;) {
		if (r->t.type == MT_EOF || is_punct(&r->t, ';')) {
			rc = r->t.type == MT_EOF;
			break;
		}
		if (md_is(&r->t, "ADD")) {
			if (next(r) < 0)
				goto out;
			struct tdef d = { 0 };
			int handled;
			if (key_def(r, &d, table, 1, &handled) < 0) {
				tdef_release(&d);
				goto out;
			}
			int e = 0;
			if (d.npk)
				e = emit_index(r, table, "PRIMARY", d.pk, d.npk, 1);
			for (int i = 0; !e && i < d.nix; i++)
				e = emit_index(r, table, d.ix[i].name, d.ix[i].cols, d.ix[i].ncols, d.ix[i].unique);
			tdef_release(&d);
			if (e < 0)
				goto out;
			if (!handled && skip_item_to(r, 1) < 0)
				goto out;
		} else if (skip_item_to(r, 1) < 0) {
			goto out;
		}
		if (is_punct(&r->t, ',') || is_punct(&r->t, ')'))
			if (next(r) < 0)
				goto out;
	}
out:
	free(table);
	return rc;
}

/* SET NAMES x / SET CHARACTER SET x change how string literals are read. */
static int set_stmt(struct mreader *r)
{
	if (next(r) < 0)
		return -1;
	if (md_is(&r->t, "NAMES") || md_is(&r->t, "CHARACTER")) {
		if (md_is(&r->t, "CHARACTER") && (next(r) < 0 || !md_is(&r->t, "SET")))
			return r->t.type == MT_PUNCT && r->t.ch == ';' ? 0 : mlex_skip_stmt(&r->lx);
		if (next(r) < 0)
			return -1;
		if (is_name(&r->t) || r->t.type == MT_STR)
			r->client_cs = mcs_from_name(r->t.text.buf);
	}
	if (is_punct(&r->t, ';'))
		return 0;
	return mlex_skip_stmt(&r->lx);
}

/* Statements run by the client or about the server, not the data. */
static int line_stmt(struct mreader *r, const char *what, uint64_t line, uint64_t col)
{
	struct strbuf rest = STRBUF_INIT;
	int rc = mlex_skip_line_stmt(&r->lx, &rest);
	if (rc >= 0) {
		const char *s = rest.buf ? rest.buf : "";
		const char *ph = strstr(s, "##");
		const char *ph2 = strstr(s, "${");
		if (ph || ph2)
			notice(r, line, col, "%s with an unfilled template placeholder skipped (%.60s)", what,
			       ph ? ph : ph2);
		else
			notice(r, line, col, "%s skipped", what);
	}
	strbuf_release(&rest);
	return rc < 0 ? -1 : 0;
}

/* DELIMITER x: a client command; the block up to "DELIMITER ;" holds
 * procedures or triggers, which a copy does not need. */
static int delimiter_block(struct mreader *r, uint64_t line, uint64_t col)
{
	struct strbuf l = STRBUF_INIT;
	int rc = mlex_line(&r->lx, &l);
	char *d = l.buf ? l.buf : "";
	while (*d == ' ' || *d == '\t')
		d++;
	size_t dl = strlen(d);
	while (dl && (d[dl - 1] == ' ' || d[dl - 1] == '\t' || d[dl - 1] == '\r'))
		d[--dl] = '\0';
	if (rc < 0 || !strcmp(d, ";")) {
		strbuf_release(&l);
		return rc < 0 ? -1 : 0;
	}
	int objects = 0;
	for (;;) {
		strbuf_reset(&l);
		rc = mlex_line(&r->lx, &l);
		if (rc < 0)
			break;
		if (rc == 0) {
			rc = mlex_fail_at(&r->lx, line, col, "the dump ends inside a DELIMITER block");
			break;
		}
		const char *s = l.buf ? l.buf : "";
		while (*s == ' ' || *s == '\t')
			s++;
		if (!strncasecmp(s, "DELIMITER", 9) && strchr(s + 9, ';')) {
			rc = 0;
			break;
		}
		if (strcasestr(s, "CREATE") && (strcasestr(s, "TRIGGER") || strcasestr(s, "PROCEDURE") ||
						 strcasestr(s, "FUNCTION") || strcasestr(s, "EVENT")))
			objects++;
	}
	if (rc == 0)
		notice(r, line, col, "DELIMITER block skipped (%d procedure/trigger/function definition%s)",
		       objects, objects == 1 ? "" : "s");
	strbuf_release(&l);
	return rc;
}

static int create_stmt(struct mreader *r, uint64_t line, uint64_t col)
{
	if (next(r) < 0)
		return -1;
	if (md_is(&r->t, "TEMPORARY") && next(r) < 0)
		return -1;
	if (md_is(&r->t, "TABLE"))
		return create_table(r);
	if (md_is(&r->t, "DATABASE") || md_is(&r->t, "SCHEMA"))
		return line_stmt(r, "CREATE DATABASE", line, col);
	if (md_is(&r->t, "UNIQUE") || md_is(&r->t, "INDEX")) {
		int unique = md_is(&r->t, "UNIQUE");
		if (unique && next(r) < 0)
			return -1;
		return create_index(r, unique);
	}
	/* CREATE [OR REPLACE] [ALGORITHM=..] [DEFINER=..] [SQL SECURITY ..] VIEW/PROCEDURE/... */
	const char *kinds[] = { "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "USER", "ROLE", NULL };
	for (int guard = 0; guard < 64 && r->t.type != MT_EOF && !is_punct(&r->t, ';'); guard++) {
		for (int k = 0; kinds[k]; k++) {
			if (md_is(&r->t, kinds[k])) {
				notice(r, line, col, "CREATE %s skipped", kinds[k]);
				return mlex_skip_stmt(&r->lx);
			}
		}
		if (next(r) < 0)
			return -1;
	}
	notice(r, line, col, "CREATE statement skipped");
	return is_punct(&r->t, ';') ? 0 : r->t.type == MT_EOF ? 1 : mlex_skip_stmt(&r->lx);
}

static int drop_stmt(struct mreader *r, uint64_t line, uint64_t col)
{
	if (next(r) < 0)
		return -1;
	if (md_is(&r->t, "DATABASE") || md_is(&r->t, "SCHEMA"))
		return line_stmt(r, "DROP DATABASE", line, col);
	return is_punct(&r->t, ';') ? 0 : mlex_skip_stmt(&r->lx);
}

/* Statements skipped without a word: session settings and locking. */
static const char *const silent[] = {
	"LOCK", "UNLOCK", "START", "BEGIN", "COMMIT", "ROLLBACK", "FLUSH", "ANALYZE", "OPTIMIZE",
	"SAVEPOINT", "RELEASE", "RESET", "CHANGE", "TRUNCATE", "RENAME", "SHOW", "DESCRIBE", "SELECT",
	"DO", "PREPARE", "EXECUTE", "DEALLOCATE", "XA", NULL,
};

static int statement(struct mreader *r)
{
	const struct mtoken *t = &r->t;
	uint64_t line = t->line, col = t->col;
	if (is_punct(t, ';'))
		return 0;
	if (t->type != MT_WORD)
		return fail_tok(r, "expected an SQL statement");
	if (md_is(t, "INSERT") || md_is(t, "REPLACE"))
		return md_insert(r, line, col);
	if (md_is(t, "CREATE"))
		return create_stmt(r, line, col);
	if (md_is(t, "SET"))
		return set_stmt(r);
	if (md_is(t, "DROP"))
		return drop_stmt(r, line, col);
	if (md_is(t, "ALTER")) {
		if (next(r) < 0)
			return -1;
		if (md_is(t, "TABLE"))
			return alter_table(r);
		return is_punct(t, ';') ? 0 : mlex_skip_stmt(&r->lx);
	}
	if (md_is(t, "USE"))
		return line_stmt(r, "USE", line, col);
	if (md_is(t, "GRANT") || md_is(t, "REVOKE"))
		return line_stmt(r, md_is(t, "GRANT") ? "GRANT" : "REVOKE", line, col);
	if (md_is(t, "DELIMITER"))
		return delimiter_block(r, line, col);
	if (md_is(t, "CALL") || md_is(t, "LOAD") || md_is(t, "HANDLER")) {
		notice(r, line, col, "%s statement skipped", t->text.buf);
		return mlex_skip_stmt(&r->lx);
	}
	for (int i = 0; silent[i]; i++)
		if (md_is(t, silent[i]))
			return mlex_skip_stmt(&r->lx);
	return mlex_fail_at(&r->lx, line, col, "unknown statement '%.40s'", t->text.buf);
}

static int md_read(struct input *in, struct dump_sink *sink, struct lr_err *err)
{
	struct mreader *r = xcalloc(1, sizeof *r);
	r->sink = sink;
	r->err = err;
	mlex_init(&r->lx, in, sink, err);
	int rc = 0;
	for (;;) {
		if (next(r) < 0) {
			rc = -1;
			break;
		}
		if (r->t.type == MT_EOF)
			break;
		uint64_t line = r->t.line, col = r->t.col;
		int s = statement(r);
		if (s > 0)
			mlex_fail_at(&r->lx, line, col,
				     "statement not ended by ';' before the end of the dump (truncated, or not a MySQL dump?)");
		if (s != 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && sink->progress)
		sink->progress(sink->ctx, input_raw_bytes(in), input_raw_total(in));
	for (size_t i = 0; i < r->tcap; i++)
		if (r->tables[i])
			mtable_free(r->tables[i]);
	free(r->tables);
	strbuf_release(&r->t.text);
	strbuf_release(&r->arena);
	strbuf_release(&r->conv);
	free(r->convoff);
	free(r->vals);
	free(r->out);
	free(r->map);
	free(r->colnames);
	mlex_release(&r->lx);
	free(r);
	return rc;
}

/* How much the first bytes look like a MySQL dump. */
static int md_sniff(const char *head, size_t n)
{
	(void)n;
	static const struct {
		const char *marker;
		int score;
	} marks[] = {
		{ "-- MySQL dump", 100 },     { "-- MariaDB dump", 100 }, { "-- phpMyAdmin SQL Dump", 100 },
		{ "SQLyog", 95 },             { "MySQL Workbench", 95 },  { "/*!40101 SET", 90 },
		{ "/*!40", 80 },              { "ENGINE=", 70 },          { "CREATE TABLE `", 70 },
		{ "INSERT INTO `", 60 },      { "LOCK TABLES `", 60 },    { "AUTO_INCREMENT", 40 },
	};
	int best = 0;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (marks[i].score > best && strstr(head, marks[i].marker))
			best = marks[i].score;
	if (!best && strchr(head, '`'))
		best = 30;
	return best;
}

const struct dump_reader dump_reader_mysqldump = { "mysqldump", md_sniff, md_read };
