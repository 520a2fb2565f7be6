/* PostgreSQL driver (libpq). `?` placeholders become $n; parameters travel in
 * text format (bytea in binary); rows are streamed in single-row mode. The
 * bulk loader is COPY ... FROM STDIN in text format inside a transaction. */
#include "driver.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <ctype.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Type OIDs from pg_type.h (stable since forever). */
enum {
	PG_BOOL = 16, PG_BYTEA = 17, PG_INT8 = 20, PG_INT2 = 21, PG_INT4 = 23, PG_OID = 26,
	PG_FLOAT4 = 700, PG_FLOAT8 = 701, PG_DATE = 1082, PG_TIMESTAMP = 1114, PG_NUMERIC = 1700,
};

#define PG_COPY_CHUNK (256 * 1024)

struct pg_db {
	struct db base;
	PGconn *h;
	int in_tx;
};

struct pg_cursor {
	struct db_cursor base;
	PGresult *row;          /* current single-row result */
	enum db_kind *kinds;
	Oid *types;
	struct strbuf *bytes;   /* per column: decoded bytea / completed dates */
	int done;
};

struct pg_loader {
	struct db *db; /* must be first (db.c relies on it) */
	int ncols;
	int own_tx;
	struct strbuf buf;
};

/* libpq messages span lines ("...failed: x\n\tIs the server running..."). */
static void one_line(char *dst, size_t n, const char *src)
{
	size_t j = 0;
	int space = 0;
	for (const char *p = src ? src : ""; *p && j + 1 < n; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
			space = j > 0;
			continue;
		}
		if (space && j + 2 < n)
			dst[j++] = ' ';
		space = 0;
		dst[j++] = *p;
	}
	dst[j] = '\0';
}

static int pg_fail_msg(struct pg_db *d, struct lr_err *err, const char *ctx, const char *msg)
{
	char line[2048];
	one_line(line, sizeof line, msg);
	return db_fail(&d->base, err, ctx, line);
}

static int pg_fail(struct pg_db *d, struct lr_err *err, const char *ctx)
{
	return pg_fail_msg(d, err, ctx, PQerrorMessage(d->h));
}

/* Server NOTICEs ("table does not exist, skipping") are chatter: -v only. */
static void pg_notice(void *arg, const char *msg)
{
	(void)arg;
	char line[1024];
	one_line(line, sizeof line, msg);
	lr_verbose("PostgreSQL: %s", line);
}

static int pg_open(const struct db_conninfo *ci, struct db **out, struct lr_err *err)
{
	const char *kw[12], *val[12];
	int n = 0;
	char port[16];
	const char *host = ci->socket && *ci->socket ? ci->socket : ci->host;
	if (host && *host) {
		kw[n] = "host";
		val[n++] = host;
	}
	if (ci->port) {
		snprintf(port, sizeof port, "%d", ci->port);
		kw[n] = "port";
		val[n++] = port;
	}
	if (ci->user) {
		kw[n] = "user";
		val[n++] = ci->user;
	}
	if (ci->password) {
		kw[n] = "password";
		val[n++] = ci->password;
	}
	if (ci->dbname && *ci->dbname) {
		kw[n] = "dbname";
		val[n++] = ci->dbname;
	}
	kw[n] = "connect_timeout";
	val[n++] = "10";
	kw[n] = "client_encoding";
	val[n++] = "UTF8";
	kw[n] = "application_name";
	val[n++] = "lrprep";
	/* canonical text forms: ISO dates, round-tripping floats, hex bytea */
	kw[n] = "options";
	val[n++] = "-c DateStyle=ISO -c extra_float_digits=3 -c bytea_output=hex";
	kw[n] = NULL;
	val[n] = NULL;
	PGconn *h = PQconnectdbParams(kw, val, 0);
	if (!h)
		return lr_fail(err, LR_EXIT_INPUT, "cannot initialise the PostgreSQL client library");
	if (PQstatus(h) != CONNECTION_OK) {
		char line[1536], where[600];
		one_line(line, sizeof line, PQerrorMessage(h));
		const char *hh = host && *host ? host : "localhost";
		snprintf(where, sizeof where, "%s%s%s:%d", strchr(hh, ':') ? "[" : "", hh,
			 strchr(hh, ':') ? "]" : "", ci->port ? ci->port : 5432);
		lr_fail(err, LR_EXIT_INPUT, "cannot connect to PostgreSQL at %s (database %s): %s", where,
			PQdb(h) && *PQdb(h) ? PQdb(h) : "?", line);
		PQfinish(h);
		return -1;
	}
	PQsetNoticeProcessor(h, pg_notice, NULL);
	struct pg_db *d = xcalloc(1, sizeof *d);
	d->h = h;
	*out = &d->base;
	return 0;
}

static void pg_close(struct db *db)
{
	struct pg_db *d = (struct pg_db *)db;
	PQfinish(d->h);
	free(d);
}

static int pg_version(struct db *db, struct strbuf *out)
{
	struct pg_db *d = (struct pg_db *)db;
	const char *v = PQparameterStatus(d->h, "server_version");
	if (!v)
		v = "?";
	strbuf_addf(out, "PostgreSQL %.*s", (int)strcspn(v, " "), v);
	return 0;
}

/* Rewrite `?` to $1..$n outside string literals, quoted identifiers,
 * dollar quotes and comments. Returns the number of placeholders. */
static int pg_rewrite(const char *sql, struct strbuf *out)
{
	int n = 0;
	const char *p = sql;
	while (*p) {
		if (*p == '\'') {
			/* E'..' strings take backslash escapes */
			int esc = p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
				  (p - 1 == sql || !(isalnum((unsigned char)p[-2]) || p[-2] == '_'));
			const char *s = p++;
			while (*p) {
				if (esc && *p == '\\' && p[1]) {
					p += 2;
					continue;
				}
				if (*p == '\'') {
					if (p[1] == '\'') {
						p += 2;
						continue;
					}
					p++;
					break;
				}
				p++;
			}
			strbuf_add(out, s, (size_t)(p - s));
		} else if (*p == '"') {
			const char *s = p++;
			while (*p && !(*p == '"' && p[1] != '"'))
				p += *p == '"' ? 2 : 1;
			if (*p)
				p++;
			strbuf_add(out, s, (size_t)(p - s));
		} else if (p[0] == '-' && p[1] == '-') {
			const char *s = p;
			while (*p && *p != '\n')
				p++;
			strbuf_add(out, s, (size_t)(p - s));
		} else if (p[0] == '/' && p[1] == '*') {
			const char *s = p;
			int depth = 0;
			while (*p) {
				if (p[0] == '/' && p[1] == '*') {
					depth++;
					p += 2;
				} else if (p[0] == '*' && p[1] == '/') {
					p += 2;
					if (--depth == 0)
						break;
				} else {
					p++;
				}
			}
			strbuf_add(out, s, (size_t)(p - s));
		} else if (*p == '$' && (p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
			/* $tag$ ... $tag$ (tag may be empty); $1 is not a dollar quote */
			const char *t = p + 1;
			while (isalnum((unsigned char)*t) || *t == '_')
				t++;
			if (*t != '$' || isdigit((unsigned char)p[1])) {
				strbuf_addch(out, *p++);
				continue;
			}
			size_t taglen = (size_t)(t - p) + 1;
			const char *end = NULL;
			for (const char *q = t + 1; *q; q++)
				if (*q == '$' && !strncmp(q, p, taglen)) {
					end = q + taglen;
					break;
				}
			if (!end)
				end = p + strlen(p);
			strbuf_add(out, p, (size_t)(end - p));
			p = end;
		} else if (*p == '?') {
			strbuf_addf(out, "$%d", ++n);
			p++;
		} else {
			strbuf_addch(out, *p++);
		}
	}
	return n;
}

/* Shortest text that reads back as the same double; PostgreSQL spellings
 * of the special values. */
static void real_text(char *buf, size_t n, double r)
{
	if (isnan(r)) {
		snprintf(buf, n, "NaN");
		return;
	}
	if (isinf(r)) {
		snprintf(buf, n, "%s", r > 0 ? "Infinity" : "-Infinity");
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, r);
		if (strtod(buf, NULL) == r)
			break;
	}
}

/* Text-format parameters (bytea binary). Numbers are rendered into num;
 * text is copied because libpq wants it NUL-terminated. */
struct pg_params {
	const char **values;
	int *lengths;
	int *formats;
	Oid *types;
	char (*num)[40];
	char **own;
};

static int pg_params_build(struct pg_params *pp, const struct db_value *p, int np)
{
	size_t n = (size_t)np + 1;
	pp->values = xcalloc(n, sizeof *pp->values);
	pp->lengths = xcalloc(n, sizeof *pp->lengths);
	pp->formats = xcalloc(n, sizeof *pp->formats);
	pp->types = xcalloc(n, sizeof *pp->types);
	pp->num = xcalloc(n, sizeof *pp->num);
	pp->own = xcalloc(n, sizeof *pp->own);
	int rc = 0;
	for (int i = 0; i < np; i++) {
		switch (p[i].kind) {
		case DB_NULL:
			break;
		case DB_INT:
		case DB_BOOL: /* "1"/"0" is valid input for boolean and integer columns */
			snprintf(pp->num[i], sizeof pp->num[i], "%" PRId64, p[i].i);
			pp->values[i] = pp->num[i];
			break;
		case DB_REAL:
			real_text(pp->num[i], sizeof pp->num[i], p[i].r);
			pp->values[i] = pp->num[i];
			break;
		case DB_BLOB:
			pp->values[i] = p[i].s ? p[i].s : "";
			pp->lengths[i] = (int)p[i].len;
			pp->formats[i] = 1;
			pp->types[i] = PG_BYTEA;
			break;
		default:
			if (p[i].len && memchr(p[i].s, '\0', p[i].len))
				rc = -1; /* PostgreSQL text cannot hold NUL */
			pp->own[i] = xstrndup(p[i].s ? p[i].s : "", p[i].len);
			pp->values[i] = pp->own[i];
			break;
		}
	}
	return rc;
}

static void pg_params_free(struct pg_params *pp, int np)
{
	for (int i = 0; i < np; i++)
		free(pp->own[i]);
	free(pp->own);
	free(pp->values);
	free(pp->lengths);
	free(pp->formats);
	free(pp->types);
	free(pp->num);
}

#define PG_NUL_MSG "a text value contains a NUL byte, which PostgreSQL cannot store"

static int pg_exec(struct db *db, const char *sql, const struct db_value *p, int np,
		   int64_t *affected, struct lr_err *err)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *r;
	*affected = 0;
	if (np == 0) {
		/* may hold several statements (schema scripts) */
		r = PQexec(d->h, sql);
	} else {
		struct strbuf q = STRBUF_INIT;
		pg_rewrite(sql, &q);
		struct pg_params pp;
		if (pg_params_build(&pp, p, np) < 0) {
			pg_params_free(&pp, np);
			strbuf_release(&q);
			return db_fail(db, err, "binding parameters", PG_NUL_MSG);
		}
		r = PQexecParams(d->h, strbuf_str(&q), np, pp.types, pp.values, pp.lengths, pp.formats, 0);
		pg_params_free(&pp, np);
		strbuf_release(&q);
	}
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		pg_fail_msg(d, err, "executing SQL", r ? PQresultErrorMessage(r) : PQerrorMessage(d->h));
		PQclear(r);
		return -1;
	}
	const char *t = PQcmdTuples(r);
	*affected = t && *t ? strtoll(t, NULL, 10) : 0;
	PQclear(r);
	return 0;
}

static enum db_kind pg_kind(Oid t)
{
	switch (t) {
	case PG_INT2:
	case PG_INT4:
	case PG_INT8:
	case PG_OID:
		return DB_INT;
	case PG_FLOAT4:
	case PG_FLOAT8:
		return DB_REAL;
	case PG_NUMERIC:
		return DB_DECIMAL;
	case PG_BOOL:
		return DB_BOOL;
	case PG_DATE:
	case PG_TIMESTAMP:
		return DB_DATE;
	case PG_BYTEA:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

/* Drop whatever results are left on the connection. */
static void pg_drain(struct pg_db *d)
{
	PGresult *r;
	while ((r = PQgetResult(d->h)) != NULL)
		PQclear(r);
}

static int pg_query(struct db *db, const char *sql, const struct db_value *p, int np,
		    struct db_cursor **out, struct lr_err *err)
{
	struct pg_db *d = (struct pg_db *)db;
	struct strbuf q = STRBUF_INIT;
	pg_rewrite(sql, &q);
	struct pg_params pp;
	if (pg_params_build(&pp, p, np) < 0) {
		pg_params_free(&pp, np);
		strbuf_release(&q);
		return db_fail(db, err, "binding parameters", PG_NUL_MSG);
	}
	int ok = PQsendQueryParams(d->h, strbuf_str(&q), np, pp.types, pp.values, pp.lengths,
				   pp.formats, 0);
	pg_params_free(&pp, np);
	strbuf_release(&q);
	if (!ok)
		return pg_fail(d, err, "executing SQL");
	PQsetSingleRowMode(d->h);
	/* the first result tells us the columns (and any error) */
	PGresult *r = PQgetResult(d->h);
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_SINGLE_TUPLE && s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
		pg_fail_msg(d, err, "executing SQL", r ? PQresultErrorMessage(r) : PQerrorMessage(d->h));
		PQclear(r);
		pg_drain(d);
		return -1;
	}
	struct pg_cursor *c = xcalloc(1, sizeof *c);
	c->base.db = db;
	c->base.ncols = PQnfields(r);
	c->base.colnames = xcalloc((size_t)c->base.ncols + 1, sizeof(char *));
	c->kinds = xcalloc((size_t)c->base.ncols + 1, sizeof *c->kinds);
	c->types = xcalloc((size_t)c->base.ncols + 1, sizeof *c->types);
	c->bytes = xcalloc((size_t)c->base.ncols + 1, sizeof *c->bytes);
	for (int i = 0; i < c->base.ncols; i++) {
		c->base.colnames[i] = xstrdup(PQfname(r, i));
		c->types[i] = PQftype(r, i);
		c->kinds[i] = pg_kind(c->types[i]);
	}
	if (s == PGRES_SINGLE_TUPLE) {
		c->row = r;
		c->done = -1; /* row pending: next() returns it first */
	} else {
		PQclear(r);
		pg_drain(d);
		c->done = 1;
	}
	*out = &c->base;
	return 0;
}

static int pg_next(struct db_cursor *cur, struct lr_err *err)
{
	struct pg_cursor *c = (struct pg_cursor *)cur;
	struct pg_db *d = (struct pg_db *)cur->db;
	if (c->done == -1) {
		c->done = 0;
		return 1;
	}
	PQclear(c->row);
	c->row = NULL;
	if (c->done)
		return 0;
	PGresult *r = PQgetResult(d->h);
	ExecStatusType s = PQresultStatus(r);
	if (s == PGRES_SINGLE_TUPLE) {
		c->row = r;
		return 1;
	}
	c->done = 1;
	if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK || !r) {
		PQclear(r);
		pg_drain(d);
		return 0;
	}
	pg_fail_msg(d, err, "reading rows", PQresultErrorMessage(r));
	PQclear(r);
	pg_drain(d);
	return -1;
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static void pg_get(struct db_cursor *cur, int i, struct db_value *v)
{
	struct pg_cursor *c = (struct pg_cursor *)cur;
	memset(v, 0, sizeof *v);
	if (!c->row || PQgetisnull(c->row, 0, i)) {
		v->kind = DB_NULL;
		return;
	}
	const char *s = PQgetvalue(c->row, 0, i);
	size_t len = (size_t)PQgetlength(c->row, 0, i);
	v->kind = c->kinds[i];
	switch (v->kind) {
	case DB_INT:
		v->i = strtoll(s, NULL, 10);
		break;
	case DB_BOOL:
		v->i = s[0] == 't';
		break;
	case DB_REAL:
		v->r = strtod(s, NULL);
		break;
	case DB_BLOB: {
		struct strbuf *b = &c->bytes[i];
		strbuf_reset(b);
		if (len >= 2 && s[0] == '\\' && s[1] == 'x') {
			strbuf_grow(b, len / 2);
			for (size_t k = 2; k + 1 < len; k += 2)
				strbuf_addch(b, hexval(s[k]) << 4 | hexval(s[k + 1]));
		} else {
			strbuf_add(b, s, len);
		}
		v->s = strbuf_str(b);
		v->len = b->len;
		break;
	}
	case DB_DATE: {
		/* canonical DB_DATE text: always a time, and a fraction of 6 digits
		 * when there is one (PostgreSQL trims trailing zeros) */
		int day = len == 10 && c->types[i] == PG_DATE;
		int frac = len > 20 && len < 26 && s[19] == '.' &&
			   strspn(s + 20, "0123456789") == len - 20;
		if (day || frac) {
			struct strbuf *b = &c->bytes[i];
			strbuf_reset(b);
			strbuf_add(b, s, len);
			if (day)
				strbuf_addstr(b, " 00:00:00");
			else
				strbuf_add(b, "000000", 26 - len);
			v->s = strbuf_str(b);
			v->len = b->len;
			break;
		}
	}
		/* fall through */
	default:
		v->s = s;
		v->len = len;
		break;
	}
}

static void pg_cursor_close(struct db_cursor *cur)
{
	struct pg_cursor *c = (struct pg_cursor *)cur;
	struct pg_db *d = (struct pg_db *)cur->db;
	PQclear(c->row);
	/* read and drop the rest: a cancel could race with the next statement
	 * and would abort an open transaction */
	if (c->done <= 0)
		pg_drain(d);
	for (int i = 0; i < cur->ncols; i++) {
		free(cur->colnames[i]);
		strbuf_release(&c->bytes[i]);
	}
	free(cur->colnames);
	free(c->kinds);
	free(c->types);
	free(c->bytes);
	free(c);
}

static int pg_simple(struct db *db, const char *sql, struct lr_err *err)
{
	int64_t n;
	return pg_exec(db, sql, NULL, 0, &n, err);
}

static int pg_begin(struct db *db, struct lr_err *err)
{
	if (pg_simple(db, "BEGIN", err) < 0)
		return -1;
	((struct pg_db *)db)->in_tx = 1;
	return 0;
}

static int pg_commit(struct db *db, struct lr_err *err)
{
	((struct pg_db *)db)->in_tx = 0;
	return pg_simple(db, "COMMIT", err);
}

static int pg_rollback(struct db *db, struct lr_err *err)
{
	((struct pg_db *)db)->in_tx = 0;
	return pg_simple(db, "ROLLBACK", err);
}

static int pg_catalog(struct db *db, struct db_catalog *cat, struct lr_err *err)
{
	struct db_cursor *c;
	/* pg_catalog rather than information_schema: same facts, far faster */
	if (pg_query(db,
		     "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
		     " COALESCE((SELECT k.n FROM unnest(i.indkey) WITH ORDINALITY AS k(att, n)"
		     "  WHERE k.att = a.attnum), 0)"
		     " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		     " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
		     " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
		     " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
		     " ORDER BY c.relname, a.attnum",
		     NULL, 0, &c, err) < 0)
		return -1;
	size_t cap = 0, ccap = 0;
	struct db_table *cur = NULL;
	int rc;
	while ((rc = pg_next(c, err)) == 1) {
		PGresult *r = ((struct pg_cursor *)c)->row;
		const char *tname = PQgetvalue(r, 0, 0);
		if (!cur || strcmp(cur->name, tname) != 0) {
			XGROW(cat->tables, cap, (size_t)cat->ntables + 1);
			cur = &cat->tables[cat->ntables++];
			memset(cur, 0, sizeof *cur);
			cur->name = xstrdup(tname);
			ccap = 0;
		}
		XGROW(cur->cols, ccap, (size_t)cur->ncols + 1);
		struct db_column *col = &cur->cols[cur->ncols++];
		col->name = xstrdup(PQgetvalue(r, 0, 1));
		col->decl = xstrdup(PQgetvalue(r, 0, 2));
		col->kind = db_kind_from_decl(col->decl);
		col->notnull = PQgetvalue(r, 0, 3)[0] == 't';
		col->pk = atoi(PQgetvalue(r, 0, 4));
	}
	pg_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

static int64_t pg_table_bytes(struct db *db, const char *table)
{
	struct db_cursor *c;
	struct lr_err err = LR_ERR_INIT;
	struct db_value p = db_text(table);
	if (pg_query(db,
		     "SELECT pg_total_relation_size(c.oid) FROM pg_class c"
		     " JOIN pg_namespace n ON n.oid = c.relnamespace"
		     " WHERE n.nspname = current_schema() AND c.relname = ?",
		     &p, 1, &c, &err) < 0)
		return -1;
	int64_t n = -1;
	if (pg_next(c, &err) == 1) {
		struct db_value v;
		pg_get(c, 0, &v);
		if (v.kind == DB_INT)
			n = v.i;
	}
	pg_cursor_close(c);
	return n;
}

/* --- bulk loader: COPY FROM STDIN, text format -------------------------- */

static int pg_load_begin(struct db *db, const char *table, const char *const *cols, int ncols,
			 struct db_loader **out, struct lr_err *err)
{
	struct pg_db *d = (struct pg_db *)db;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "COPY ");
	db_quote_ident(db, &sql, table);
	strbuf_addstr(&sql, " (");
	db_quote_idents(db, &sql, cols, ncols);
	strbuf_addstr(&sql, ") FROM STDIN");
	int own_tx = 0;
	if (!d->in_tx) {
		if (pg_begin(db, err) < 0) {
			strbuf_release(&sql);
			return -1;
		}
		own_tx = 1;
	}
	PGresult *r = PQexec(d->h, strbuf_str(&sql));
	strbuf_release(&sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		pg_fail_msg(d, err, "starting bulk load",
			    r ? PQresultErrorMessage(r) : PQerrorMessage(d->h));
		PQclear(r);
		if (own_tx)
			pg_rollback(db, NULL);
		return -1;
	}
	PQclear(r);
	struct pg_loader *ld = xcalloc(1, sizeof *ld);
	ld->db = db;
	ld->ncols = ncols;
	ld->own_tx = own_tx;
	strbuf_grow(&ld->buf, PG_COPY_CHUNK + 4096);
	*out = (struct db_loader *)ld;
	return 0;
}

static const char hexdigits[] = "0123456789abcdef";

static int copy_text(struct strbuf *b, const char *s, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		unsigned char ch = (unsigned char)s[k];
		switch (ch) {
		case '\\': strbuf_add(b, "\\\\", 2); break;
		case '\t': strbuf_add(b, "\\t", 2); break;
		case '\n': strbuf_add(b, "\\n", 2); break;
		case '\r': strbuf_add(b, "\\r", 2); break;
		case '\0': return -1; /* PostgreSQL text cannot hold NUL */
		default: strbuf_addch(b, ch); break;
		}
	}
	return 0;
}

static int pg_load_row(struct db_loader *l, const struct db_value *vals, struct lr_err *err)
{
	struct pg_loader *ld = (struct pg_loader *)l;
	struct pg_db *d = (struct pg_db *)ld->db;
	struct strbuf *b = &ld->buf;
	size_t start = b->len;
	for (int k = 0; k < ld->ncols; k++) {
		const struct db_value *v = &vals[k];
		if (k)
			strbuf_addch(b, '\t');
		switch (v->kind) {
		case DB_NULL:
			strbuf_add(b, "\\N", 2);
			break;
		case DB_INT:
		case DB_BOOL:
			strbuf_addf(b, "%" PRId64, v->i);
			break;
		case DB_REAL: {
			char num[40];
			real_text(num, sizeof num, v->r);
			strbuf_addstr(b, num);
			break;
		}
		case DB_BLOB:
			/* bytea hex input \x.., with the backslash escaped for COPY */
			strbuf_add(b, "\\\\x", 3);
			strbuf_grow(b, v->len * 2);
			for (size_t i = 0; i < v->len; i++) {
				unsigned char ch = (unsigned char)v->s[i];
				b->buf[b->len++] = hexdigits[ch >> 4];
				b->buf[b->len++] = hexdigits[ch & 15];
			}
			b->buf[b->len] = '\0';
			break;
		default:
			if (copy_text(b, v->s ? v->s : "", v->len) < 0) {
				strbuf_setlen(b, start); /* never send half a row */
				return db_fail(ld->db, err, "bulk load", PG_NUL_MSG);
			}
			break;
		}
	}
	strbuf_addch(b, '\n');
	if (b->len >= PG_COPY_CHUNK) {
		if (PQputCopyData(d->h, b->buf, (int)b->len) != 1)
			return pg_fail(d, err, "bulk load");
		strbuf_reset(b);
	}
	return 0;
}

static int pg_load_end(struct db_loader *l, int commit, struct lr_err *err)
{
	struct pg_loader *ld = (struct pg_loader *)l;
	struct pg_db *d = (struct pg_db *)ld->db;
	int rc = 0;
	if (commit && ld->buf.len && PQputCopyData(d->h, ld->buf.buf, (int)ld->buf.len) != 1)
		rc = pg_fail(d, err, "bulk load");
	if (PQputCopyEnd(d->h, commit && rc == 0 ? NULL : "load abandoned") != 1 && rc == 0)
		rc = pg_fail(d, err, "bulk load");
	PGresult *r;
	while ((r = PQgetResult(d->h)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && commit && rc == 0)
			rc = pg_fail_msg(d, err, "bulk load", PQresultErrorMessage(r));
		PQclear(r);
	}
	if (ld->own_tx) {
		if (commit && rc == 0)
			rc = pg_commit(ld->db, err);
		else
			pg_rollback(ld->db, NULL);
	}
	strbuf_release(&ld->buf);
	free(ld);
	return rc;
}

const struct db_driver db_pgsql_driver = {
	.name = "pgsql",
	.engine = DB_PGSQL,
	.open = pg_open,
	.close = pg_close,
	.server_version = pg_version,
	.exec = pg_exec,
	.query = pg_query,
	.next = pg_next,
	.get = pg_get,
	.cursor_close = pg_cursor_close,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.load_catalog = pg_catalog,
	.table_bytes = pg_table_bytes,
	.load_begin = pg_load_begin,
	.load_row = pg_load_row,
	.load_end = pg_load_end,
};
