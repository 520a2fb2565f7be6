/* MariaDB/MySQL driver (libmariadb). Statements go through the binary
 * protocol with bound parameters; result rows are streamed one at a time (no
 * store_result), long values fetched in full on truncation; the bulk export
 * cursor of db_mariadb_query_text reads over the text protocol. The bulk
 * loader is in mariadb_load.c. */
#include "mariadb_int.h"
#include "../util/xalloc.h"
#include <inttypes.h>
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MY_BINARY_CHARSET 63 /* charsetnr of binary strings: BLOB, VARBINARY */
#define MY_INITIAL_BUF 256


/* One result column of a prepared statement. */
struct my_col {
	enum db_kind kind;
	int is_bit;
	int64_t i;
	double r;
	MYSQL_TIME t;
	char *buf;
	unsigned long buflen;
	unsigned long len;
	my_bool isnull;
	my_bool error;
	char datebuf[32];
};

struct my_cursor {
	struct db_cursor base;
	MYSQL_STMT *st;
	MYSQL_BIND *bind;
	struct my_col *cols;
	/* text-protocol cursor (db_mariadb_query_text): st is NULL */
	MYSQL_RES *res;
	MYSQL_ROW row;
	unsigned long *lens;
};


int my_fail(struct my_db *d, struct lr_err *err, const char *ctx)
{
	return db_fail(&d->base, err, ctx, mysql_error(d->h));
}

int my_stmt_fail(struct my_db *d, MYSQL_STMT *st, struct lr_err *err, const char *ctx)
{
	return db_fail(&d->base, err, ctx, mysql_stmt_error(st));
}

static int my_open(const struct db_conninfo *ci, struct db **out, struct lr_err *err)
{
	MYSQL *h = mysql_init(NULL);
	if (!h)
		return lr_fail(err, LR_EXIT_INPUT, "cannot initialise the MariaDB client library");
	unsigned int timeout = 10;
	my_bool one = 1;
	mysql_options(h, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(h, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(h, MYSQL_OPT_LOCAL_INFILE, &one);
	/* CLIENT_FOUND_ROWS: UPDATE reports matched rows, like SQLite and PostgreSQL */
	unsigned long flags = CLIENT_MULTI_STATEMENTS | CLIENT_FOUND_ROWS;
	const char *host = ci->host && *ci->host ? ci->host : NULL;
	if (!mysql_real_connect(h, host, ci->user, ci->password ? ci->password : "", ci->dbname,
				(unsigned)ci->port, ci->socket, flags)) {
		char where[1024];
		if (ci->socket && (!host || !strcmp(host, "localhost")))
			snprintf(where, sizeof where, "socket %s", ci->socket);
		else
			snprintf(where, sizeof where, "%s%s%s:%d", host && strchr(host, ':') ? "[" : "",
				 host ? host : "localhost", host && strchr(host, ':') ? "]" : "",
				 ci->port ? ci->port : 3306);
		if (ci->dbname && *ci->dbname)
			lr_fail(err, LR_EXIT_INPUT, "cannot connect to MariaDB at %s (database %s): %s",
				where, ci->dbname, mysql_error(h));
		else
			lr_fail(err, LR_EXIT_INPUT, "cannot connect to MariaDB at %s: %s", where,
				mysql_error(h));
		mysql_close(h);
		return -1;
	}
	my_infile_handler(h, NULL); /* never the default one, which reads any file */
	struct my_db *d = xcalloc(1, sizeof *d);
	d->h = h;
	*out = &d->base;
	return 0;
}

static void my_close(struct db *db)
{
	struct my_db *d = (struct my_db *)db;
	mysql_close(d->h);
	free(d);
}

static int my_version(struct db *db, struct strbuf *out)
{
	struct my_db *d = (struct my_db *)db;
	const char *v = mysql_get_server_info(d->h);
	size_t n = strcspn(v, "-");
	strbuf_addf(out, "%s %.*s", strstr(v, "MariaDB") ? "MariaDB" : "MySQL", (int)n, v);
	return 0;
}

/* One parameter bind; the buffers must outlive the execute. */
void my_bind_value(MYSQL_BIND *b, enum db_kind kind, int64_t *i, double *r, const char *s, size_t len)
{
	switch (kind) {
	case DB_NULL:
		b->buffer_type = MYSQL_TYPE_NULL;
		break;
	case DB_INT:
	case DB_BOOL:
		b->buffer_type = MYSQL_TYPE_LONGLONG;
		b->buffer = i;
		break;
	case DB_REAL:
		b->buffer_type = MYSQL_TYPE_DOUBLE;
		b->buffer = r;
		break;
	default:
		b->buffer_type = kind == DB_BLOB ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
		b->buffer = (void *)(s ? s : "");
		b->buffer_length = len;
		break;
	}
}

/* Parameter binds: the buffers point into p, which outlives the execute. */
static MYSQL_BIND *my_bind_params(const struct db_value *p, int np)
{
	MYSQL_BIND *b = xcalloc((size_t)np + 1, sizeof *b);
	for (int i = 0; i < np; i++)
		my_bind_value(&b[i], p[i].kind, (int64_t *)&p[i].i, (double *)&p[i].r, p[i].s, p[i].len);
	return b;
}

/* Prepare sql and bind p. */
static int my_prepare(struct my_db *d, const char *sql, const struct db_value *p, int np,
		      MYSQL_STMT **out, struct lr_err *err)
{
	*out = NULL;
	MYSQL_STMT *st = mysql_stmt_init(d->h);
	if (!st)
		return my_fail(d, err, "preparing SQL");
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		my_stmt_fail(d, st, err, "preparing SQL");
		mysql_stmt_close(st);
		return -1;
	}
	if ((int)mysql_stmt_param_count(st) != np) {
		char msg[128];
		snprintf(msg, sizeof msg, "statement has %lu placeholders but %d values were given",
			 mysql_stmt_param_count(st), np);
		mysql_stmt_close(st);
		return db_fail(&d->base, err, "binding parameters", msg);
	}
	if (np > 0) {
		MYSQL_BIND *b = my_bind_params(p, np);
		my_bool bad = mysql_stmt_bind_param(st, b);
		free(b); /* the client copies the bind array; buffers stay in p */
		if (bad) {
			my_stmt_fail(d, st, err, "binding parameters");
			mysql_stmt_close(st);
			return -1;
		}
	}
	*out = st;
	return 0;
}

/* Read and drop every pending result of a multi-statement text query. */
static int my_drain_results(struct my_db *d, int64_t *affected, struct lr_err *err)
{
	for (;;) {
		MYSQL_RES *r = mysql_use_result(d->h);
		if (r) {
			while (mysql_fetch_row(r))
				;
			mysql_free_result(r);
		} else if (mysql_field_count(d->h) == 0) {
			*affected = (int64_t)mysql_affected_rows(d->h);
		}
		int rc = mysql_next_result(d->h);
		if (rc < 0)
			return 0;
		if (rc > 0)
			return my_fail(d, err, "executing SQL");
	}
}

static int my_exec(struct db *db, const char *sql, const struct db_value *p, int np,
		   int64_t *affected, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)db;
	*affected = 0;
	if (np == 0) {
		/* may hold several statements (schema scripts) */
		if (mysql_real_query(d->h, sql, strlen(sql)) != 0)
			return my_fail(d, err, "executing SQL");
		return my_drain_results(d, affected, err);
	}
	MYSQL_STMT *st;
	if (my_prepare(d, sql, p, np, &st, err) != 0)
		return -1;
	if (mysql_stmt_execute(st) != 0) {
		my_stmt_fail(d, st, err, "executing SQL");
		mysql_stmt_close(st);
		return -1;
	}
	*affected = (int64_t)mysql_stmt_affected_rows(st);
	if (*affected < 0)
		*affected = 0; /* a SELECT run through exec */
	mysql_stmt_close(st);
	return 0;
}

/* Canonical kind of a result column. */
static enum db_kind my_field_kind(const MYSQL_FIELD *f)
{
	switch (f->type) {
	case MYSQL_TYPE_NULL:
		return DB_NULL;
	case MYSQL_TYPE_TINY:
		return f->length == 1 ? DB_BOOL : DB_INT; /* tinyint(1) */
	case MYSQL_TYPE_BIT:
		return f->length == 1 ? DB_BOOL : DB_INT;
	case MYSQL_TYPE_SHORT:
	case MYSQL_TYPE_INT24:
	case MYSQL_TYPE_LONG:
	case MYSQL_TYPE_LONGLONG:
	case MYSQL_TYPE_YEAR:
		return DB_INT;
	case MYSQL_TYPE_FLOAT:
	case MYSQL_TYPE_DOUBLE:
		return DB_REAL;
	case MYSQL_TYPE_DECIMAL:
	case MYSQL_TYPE_NEWDECIMAL:
		return DB_DECIMAL;
	case MYSQL_TYPE_DATE:
	case MYSQL_TYPE_NEWDATE:
	case MYSQL_TYPE_DATETIME:
	case MYSQL_TYPE_TIMESTAMP:
		return DB_DATE;
	case MYSQL_TYPE_TINY_BLOB:
	case MYSQL_TYPE_MEDIUM_BLOB:
	case MYSQL_TYPE_LONG_BLOB:
	case MYSQL_TYPE_BLOB:
	case MYSQL_TYPE_VAR_STRING:
	case MYSQL_TYPE_STRING:
	case MYSQL_TYPE_VARCHAR:
	case MYSQL_TYPE_GEOMETRY:
		return f->charsetnr == MY_BINARY_CHARSET ? DB_BLOB : DB_TEXT;
	default:
		return DB_TEXT;
	}
}

static struct my_cursor *my_cursor_new(struct db *db, MYSQL_RES *meta)
{
	struct my_cursor *c = xcalloc(1, sizeof *c);
	c->base.db = db;
	c->base.ncols = meta ? (int)mysql_num_fields(meta) : 0;
	c->base.colnames = xcalloc((size_t)c->base.ncols + 1, sizeof(char *));
	c->cols = xcalloc((size_t)c->base.ncols + 1, sizeof *c->cols);
	for (int i = 0; i < c->base.ncols; i++) {
		const MYSQL_FIELD *f = mysql_fetch_field_direct(meta, (unsigned)i);
		c->base.colnames[i] = xstrdup(f->name ? f->name : "");
		c->cols[i].kind = my_field_kind(f);
		c->cols[i].is_bit = f->type == MYSQL_TYPE_BIT;
	}
	return c;
}

/* Result binds of the binary protocol: ints and reals natively, dates as
 * MYSQL_TIME (we format them), everything else as bytes. */
static void my_bind_results(struct my_cursor *c)
{
	int n = c->base.ncols;
	c->bind = xcalloc((size_t)n + 1, sizeof *c->bind);
	for (int i = 0; i < n; i++) {
		struct my_col *col = &c->cols[i];
		MYSQL_BIND *b = &c->bind[i];
		b->is_null = &col->isnull;
		b->error = &col->error;
		b->length = &col->len;
		if (!col->is_bit && (col->kind == DB_INT || col->kind == DB_BOOL)) {
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &col->i;
		} else if (col->kind == DB_REAL) {
			b->buffer_type = MYSQL_TYPE_DOUBLE;
			b->buffer = &col->r;
		} else if (col->kind == DB_DATE) {
			b->buffer_type = MYSQL_TYPE_DATETIME;
			b->buffer = &col->t;
		} else {
			col->buflen = MY_INITIAL_BUF;
			col->buf = xmalloc(col->buflen);
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = col->buf;
			b->buffer_length = col->buflen;
		}
	}
}

static int my_query(struct db *db, const char *sql, const struct db_value *p, int np,
		    struct db_cursor **out, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)db;
	MYSQL_STMT *st;
	if (my_prepare(d, sql, p, np, &st, err) < 0)
		return -1;
	if (mysql_stmt_execute(st) != 0) {
		my_stmt_fail(d, st, err, "executing SQL");
		mysql_stmt_close(st);
		return -1;
	}
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	struct my_cursor *c = my_cursor_new(db, meta);
	if (meta)
		mysql_free_result(meta);
	c->st = st;
	if (c->base.ncols > 0) {
		my_bind_results(c);
		if (mysql_stmt_bind_result(st, c->bind)) {
			my_stmt_fail(d, st, err, "binding results");
			db_cursor_close(&c->base);
			return -1;
		}
	}
	*out = &c->base;
	return 0;
}

/* A value longer than its buffer: grow the buffer and fetch it whole. */
static int my_refetch(struct my_cursor *c, int i, struct lr_err *err)
{
	struct my_col *col = &c->cols[i];
	MYSQL_BIND *b = &c->bind[i];
	if (b->buffer_type != MYSQL_TYPE_BLOB || col->len <= col->buflen)
		return 0;
	col->buflen = col->len + 1;
	col->buf = xrealloc(col->buf, col->buflen);
	b->buffer = col->buf;
	b->buffer_length = col->buflen;
	if (mysql_stmt_fetch_column(c->st, b, (unsigned)i, 0) != 0)
		return my_stmt_fail((struct my_db *)c->base.db, c->st, err, "reading a long value");
	return 0;
}

static int my_text_next(struct my_cursor *c, struct lr_err *err);

static int my_next(struct db_cursor *cur, struct lr_err *err)
{
	struct my_cursor *c = (struct my_cursor *)cur;
	struct my_db *d = (struct my_db *)cur->db;
	if (c->res)
		return my_text_next(c, err);
	if (cur->ncols == 0)
		return 0;
	int rc = mysql_stmt_fetch(c->st);
	if (rc == 0)
		return 1;
	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc == MYSQL_DATA_TRUNCATED) {
		int rebind = 0;
		for (int i = 0; i < cur->ncols; i++) {
			if (!c->cols[i].error)
				continue;
			if (c->bind[i].buffer_type != MYSQL_TYPE_BLOB)
				return db_fail(cur->db, err, "reading rows", "numeric value out of range");
			if (my_refetch(c, i, err) < 0)
				return -1;
			rebind = 1;
		}
		/* the grown buffers serve the next rows too */
		if (rebind && mysql_stmt_bind_result(c->st, c->bind))
			return my_stmt_fail(d, c->st, err, "binding results");
		return 1;
	}
	return my_stmt_fail(d, c->st, err, "reading rows");
}

/* Canonical DB_DATE text: a 6-digit fraction only when there is one, so that
 * the same instant reads the same on every engine (PostgreSQL trims zeros). */
static void my_format_date(struct my_col *col)
{
	/* by hand: this runs for every date of every row read (checksums, backups) */
	const MYSQL_TIME *t = &col->t;
	char *p = col->datebuf;
	unsigned f[6] = { t->year % 10000, t->month % 100, t->day % 100, t->hour % 100, t->minute % 100,
			  t->second % 100 };
	static const char sep[6] = { '-', '-', ' ', ':', ':', '\0' };
	for (int i = 0; i < 6; i++) {
		if (i == 0) {
			*p++ = (char)('0' + f[0] / 1000);
			*p++ = (char)('0' + f[0] / 100 % 10);
		}
		*p++ = (char)('0' + f[i] / 10 % 10);
		*p++ = (char)('0' + f[i] % 10);
		if (sep[i])
			*p++ = sep[i];
	}
	if (t->second_part) {
		unsigned long us = t->second_part % 1000000;
		*p++ = '.';
		for (unsigned long d = 100000; d; d /= 10)
			*p++ = (char)('0' + us / d % 10);
	}
	*p = '\0';
}

static inline void my_text_get(struct my_cursor *c, int i, struct db_value *v, int parse);

static void my_get(struct db_cursor *cur, int i, struct db_value *v)
{
	struct my_cursor *c = (struct my_cursor *)cur;
	struct my_col *col = &c->cols[i];
	if (c->res) {
		my_text_get(c, i, v, 1);
		return;
	}
	memset(v, 0, sizeof *v);
	if (col->isnull || col->kind == DB_NULL) {
		v->kind = DB_NULL;
		return;
	}
	v->kind = col->kind;
	switch (col->kind) {
	case DB_INT:
	case DB_BOOL:
		if (col->is_bit) {
			/* BIT(n) arrives as big-endian bytes */
			for (unsigned long k = 0; k < col->len && k < col->buflen; k++)
				v->i = (v->i << 8) | (unsigned char)col->buf[k];
		} else {
			v->i = col->i;
		}
		break;
	case DB_REAL:
		v->r = col->r;
		break;
	case DB_DATE:
		my_format_date(col);
		v->s = col->datebuf;
		v->len = strlen(col->datebuf);
		break;
	default:
		v->s = col->buf;
		v->len = col->len;
		break;
	}
}

static void my_cursor_close(struct db_cursor *cur)
{
	struct my_cursor *c = (struct my_cursor *)cur;
	if (c->res)
		mysql_free_result(c->res); /* reads and drops any rows not fetched */
	else
		mysql_stmt_close(c->st); /* reads and drops any rows not fetched */
	for (int i = 0; i < cur->ncols; i++) {
		free(cur->colnames[i]);
		free(c->cols[i].buf);
	}
	free(cur->colnames);
	free(c->cols);
	free(c->bind);
	free(c);
}

/* --- text-protocol cursor for bulk export (db_mariadb_query_text) -------
 * The server sends every value as text and the client library hands out
 * pointers into its network buffer: no binary encoding on the server, no
 * decoding here, and a dump writes most values as they arrived. */

/* sql with each ? outside quotes replaced by @lrprep_pN (N from 1). */
static void my_params_to_vars(const char *sql, struct strbuf *out)
{
	char q = 0;
	int n = 0;
	for (const char *p = sql; *p; p++) {
		if (q) {
			if (*p == '\\' && q != '`' && p[1]) {
				strbuf_addch(out, *p++);
			} else if (*p == q) {
				q = 0;
			}
			strbuf_addch(out, *p);
		} else if (*p == '\'' || *p == '"' || *p == '`') {
			q = *p;
			strbuf_addch(out, *p);
		} else if (*p == '?') {
			strbuf_addf(out, "@lrprep_p%d", ++n);
		} else {
			strbuf_addch(out, *p);
		}
	}
}

int db_mariadb_query_text(struct db *db, const char *sql, const struct db_value *p, int np,
			  struct db_cursor **out, struct lr_err *err)
{
	*out = NULL;
	if (!db || db->drv != &db_mariadb_driver)
		return lr_fail(err, LR_EXIT_FAILED, "db_mariadb_query_text: not a MariaDB connection");
	struct my_db *d = (struct my_db *)db;
	if (np > 0) {
		/* the values travel bound, into session variables the query reads */
		struct strbuf set = STRBUF_INIT;
		for (int i = 0; i < np; i++)
			strbuf_addf(&set, "%s@lrprep_p%d = ?", i ? ", " : "SET ", i + 1);
		int64_t affected;
		int rc = my_exec(db, set.buf, p, np, &affected, err);
		strbuf_release(&set);
		if (rc < 0)
			return -1;
	}
	struct strbuf q = STRBUF_INIT;
	my_params_to_vars(sql, &q);
	int bad = mysql_real_query(d->h, q.buf, q.len);
	strbuf_release(&q);
	if (bad)
		return my_fail(d, err, "executing SQL");
	MYSQL_RES *res = mysql_use_result(d->h);
	if (!res) {
		if (mysql_field_count(d->h) != 0)
			return my_fail(d, err, "reading rows");
		return db_fail(db, err, "executing SQL", "statement returns no rows");
	}
	struct my_cursor *c = my_cursor_new(db, res);
	c->res = res;
	*out = &c->base;
	return 0;
}

static int my_text_next(struct my_cursor *c, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)c->base.db;
	c->row = mysql_fetch_row(c->res);
	if (c->row) {
		c->lens = mysql_fetch_lengths(c->res);
		return 1;
	}
	if (mysql_errno(d->h))
		return my_fail(d, err, "reading rows");
	return 0;
}

static inline void my_text_get(struct my_cursor *c, int i, struct db_value *v, int parse)
{
	struct my_col *col = &c->cols[i];
	const char *s = c->row[i];
	size_t n = c->lens[i];
	*v = (struct db_value){ .kind = s ? col->kind : DB_NULL };
	if (!s || col->kind == DB_NULL)
		return;
	switch (col->kind) {
	case DB_INT:
	case DB_BOOL:
		if (col->is_bit) {
			/* BIT(n) arrives as big-endian bytes */
			for (size_t k = 0; k < n; k++)
				v->i = (int64_t)((uint64_t)v->i << 8 | (unsigned char)s[k]);
			break;
		}
		/* as the binary protocol's LONGLONG: unsigned values above
		 * INT64_MAX wrap; s/len keep the exact decimal text */
		v->s = s;
		v->len = n;
		if (!parse)
			break; /* db_mariadb_get_row: the text only */
		uint64_t u = 0;
		for (size_t k = s[0] == '-'; k < n; k++)
			u = u * 10 + (uint64_t)(s[k] - '0');
		v->i = (int64_t)(s[0] == '-' ? 0 - u : u);
		break;
	case DB_REAL: {
		if (parse) {
			char tmp[64];
			size_t k = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
			memcpy(tmp, s, k);
			tmp[k] = 0;
			v->r = strtod(tmp, NULL);
		}
		v->s = s;
		v->len = n;
		break;
	}
	case DB_DATE:
		/* the binary cursor's spelling: a fraction only when it is not
		 * zero, and a DATE as midnight */
		if (n > 19 && s[19] == '.') {
			size_t k = 20;
			while (k < n && s[k] == '0')
				k++;
			if (k == n)
				n = 19;
		}
		if (n == 10 && sizeof col->datebuf > 19) {
			memcpy(col->datebuf, s, 10);
			memcpy(col->datebuf + 10, " 00:00:00", 10);
			s = col->datebuf;
			n = 19;
		}
		v->s = s;
		v->len = n;
		break;
	default:
		v->s = s;
		v->len = n;
		break;
	}
}

void db_mariadb_get_row(struct db_cursor *cur, struct db_value *vals)
{
	struct my_cursor *c = (struct my_cursor *)cur;
	if (!c->res) {
		for (int i = 0; i < cur->ncols; i++)
			my_get(cur, i, &vals[i]);
		return;
	}
	/* the text cursor's loop, with my_text_get inlined into it */
	for (int i = 0; i < cur->ncols; i++)
		my_text_get(c, i, &vals[i], 0);
}

int my_begin(struct db *db, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)db;
	if (mysql_real_query(d->h, "START TRANSACTION", 17) != 0)
		return my_fail(d, err, "starting a transaction");
	d->in_tx = 1;
	return 0;
}

int my_commit(struct db *db, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)db;
	d->in_tx = 0;
	if (mysql_commit(d->h))
		return my_fail(d, err, "committing");
	return 0;
}

int my_rollback(struct db *db, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)db;
	d->in_tx = 0;
	if (mysql_rollback(d->h))
		return my_fail(d, err, "rolling back");
	return 0;
}

static int my_catalog(struct db *db, struct db_catalog *cat, struct lr_err *err)
{
	struct db_cursor *c;
	/* Joining information_schema views directly takes seconds per database
	 * (each join row reopens tables): the primary keys go through a derived
	 * table that the LIMIT forces to be materialised once. BINARY keeps two
	 * spellings of one name apart on case-sensitive servers. */
	if (my_query(db,
		     "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE = 'NO',"
		     " CAST(COALESCE(k.SEQ_IN_INDEX, 0) AS SIGNED)"
		     " FROM information_schema.COLUMNS c"
		     " LEFT JOIN (SELECT TABLE_NAME, COLUMN_NAME, SEQ_IN_INDEX"
		     "  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
		     "  AND INDEX_NAME = 'PRIMARY' LIMIT 4294967295) k"
		     " ON k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME"
		     "  AND BINARY k.TABLE_NAME = BINARY c.TABLE_NAME"
		     " WHERE c.TABLE_SCHEMA = DATABASE() AND BINARY c.TABLE_NAME IN"
		     "  (SELECT BINARY TABLE_NAME FROM information_schema.TABLES"
		     "   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE')"
		     " ORDER BY BINARY c.TABLE_NAME, c.ORDINAL_POSITION",
		     NULL, 0, &c, err) < 0)
		return -1;
	size_t cap = 0, ccap = 0;
	struct db_table *cur = NULL;
	int rc;
	while ((rc = my_next(c, err)) == 1) {
		struct db_value v[5];
		for (int i = 0; i < 5; i++)
			my_get(c, i, &v[i]);
		if (!cur || strlen(cur->name) != v[0].len || memcmp(cur->name, v[0].s, v[0].len) != 0) {
			XGROW(cat->tables, cap, (size_t)cat->ntables + 1);
			cur = &cat->tables[cat->ntables++];
			memset(cur, 0, sizeof *cur);
			cur->name = xstrndup(v[0].s, v[0].len);
			ccap = 0;
		}
		XGROW(cur->cols, ccap, (size_t)cur->ncols + 1);
		struct db_column *col = &cur->cols[cur->ncols++];
		col->name = xstrndup(v[1].s ? v[1].s : "", v[1].len);
		col->decl = xstrndup(v[2].s ? v[2].s : "", v[2].len);
		col->kind = db_kind_from_decl(col->decl);
		col->notnull = (int)v[3].i;
		col->pk = (int)v[4].i;
	}
	my_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

static int64_t my_table_bytes(struct db *db, const char *table)
{
	struct db_cursor *c;
	struct lr_err err = LR_ERR_INIT;
	struct db_value p = db_text(table);
	if (my_query(db,
		     "SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES"
		     " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
		     &p, 1, &c, &err) < 0)
		return -1;
	int64_t n = -1;
	if (my_next(c, &err) == 1) {
		struct db_value v;
		my_get(c, 0, &v);
		if (v.kind == DB_INT)
			n = v.i;
		else if (v.kind == DB_DECIMAL || v.kind == DB_TEXT)
			n = strtoll(v.s, NULL, 10);
	}
	my_cursor_close(c);
	return n;
}

const struct db_driver db_mariadb_driver = {
	.name = "mariadb",
	.engine = DB_MARIADB,
	.open = my_open,
	.close = my_close,
	.server_version = my_version,
	.exec = my_exec,
	.query = my_query,
	.next = my_next,
	.get = my_get,
	.cursor_close = my_cursor_close,
	.begin = my_begin,
	.commit = my_commit,
	.rollback = my_rollback,
	.load_catalog = my_catalog,
	.table_bytes = my_table_bytes,
	.load_begin = my_load_begin,
	.load_row = my_load_row,
	.load_end = my_load_end,
};
