/* SQLite driver: the embedded engine that dumps are imported into. */
#include "driver.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct sq_db {
	struct db base;
	sqlite3 *h;
	int in_tx;
};

struct sq_cursor {
	struct db_cursor base;
	sqlite3_stmt *st;
	enum db_kind *declkind; /* per column, from the declared type */
};

struct sq_loader {
	struct db *db; /* must be first (db.c relies on it) */
	sqlite3_stmt *st;
	int ncols;
	int own_tx;
};

static int sq_fail(struct sq_db *d, struct lr_err *err, const char *ctx)
{
	return db_fail(&d->base, err, ctx, sqlite3_errmsg(d->h));
}

/* Memory statistics take a global mutex on every SQLite allocation (it
 * showed in the profile of bulk inserts); nothing in lrprep reads them.
 * The sorter's runs are at least 250 pages by default, 16 MB with 64 KB
 * pages: a CREATE INDEX that is given a small cache sorts 1 MB runs, which
 * stay in the CPU's cache (the 35 JournalArticle indexes of the 10M-row
 * sample: 15 % faster than 16 MB runs, bench/sample.sh). With SQLite's
 * default cache (2 MB) nothing changes. sqlite3_config must precede
 * SQLite's initialization (later it is a harmless SQLITE_MISUSE) and must
 * not race it: callers are single-threaded. */
void db_sqlite_bulk_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_PMASZ, 16);
}

static int sq_open(const struct db_conninfo *ci, struct db **out, struct lr_err *err)
{
	struct stat st;
	if (!ci->path || !*ci->path)
		return lr_fail(err, LR_EXIT_USAGE, "no SQLite file given");
	if (!ci->create && stat(ci->path, &st) != 0)
		return lr_fail(err, LR_EXIT_INPUT, "cannot open SQLite database %s: %s", ci->path,
			       strerror(errno));
	int flags = ci->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (ci->create)
		flags |= SQLITE_OPEN_CREATE;
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(ci->path, &h, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		lr_fail(err, LR_EXIT_INPUT, "cannot open SQLite database %s: %s", ci->path,
			h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return -1;
	}
	/* sqlite3_open is lazy: touch the schema to find out whether this is a database */
	char *msg = NULL;
	if (sqlite3_exec(h, "SELECT count(*) FROM sqlite_master", NULL, NULL, &msg) != SQLITE_OK) {
		lr_fail(err, LR_EXIT_INPUT, "%s is not a readable SQLite database: %s", ci->path,
			msg ? msg : sqlite3_errmsg(h));
		sqlite3_free(msg);
		sqlite3_close(h);
		return -1;
	}
	sqlite3_busy_timeout(h, 10000);
	struct sq_db *d = xcalloc(1, sizeof *d);
	d->h = h;
	*out = &d->base;
	return 0;
}

static void sq_close(struct db *db)
{
	struct sq_db *d = (struct sq_db *)db;
	sqlite3_close(d->h);
	free(d);
}

static int sq_version(struct db *db, struct strbuf *out)
{
	(void)db;
	strbuf_addf(out, "SQLite %s", sqlite3_libversion());
	return 0;
}

static int sq_bind(struct sq_db *d, sqlite3_stmt *st, const struct db_value *p, int np,
		   struct lr_err *err)
{
	for (int i = 0; i < np; i++) {
		int rc;
		switch (p[i].kind) {
		case DB_NULL: rc = sqlite3_bind_null(st, i + 1); break;
		case DB_INT:
		case DB_BOOL: rc = sqlite3_bind_int64(st, i + 1, p[i].i); break;
		case DB_REAL: rc = sqlite3_bind_double(st, i + 1, p[i].r); break;
		case DB_BLOB:
			rc = sqlite3_bind_blob64(st, i + 1, p[i].s ? p[i].s : "", p[i].len,
						 SQLITE_TRANSIENT);
			break;
		default:
			rc = sqlite3_bind_text64(st, i + 1, p[i].s ? p[i].s : "", p[i].len,
						 SQLITE_TRANSIENT, SQLITE_UTF8);
			break;
		}
		if (rc != SQLITE_OK)
			return sq_fail(d, err, "binding a parameter");
	}
	return 0;
}

static int sq_prepare(struct sq_db *d, const char *sql, const struct db_value *p, int np,
		      sqlite3_stmt **out, struct lr_err *err)
{
	if (sqlite3_prepare_v2(d->h, sql, -1, out, NULL) != SQLITE_OK) {
		*out = NULL;
		return sq_fail(d, err, "preparing SQL");
	}
	if (sq_bind(d, *out, p, np, err) < 0) {
		sqlite3_finalize(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int sq_exec(struct db *db, const char *sql, const struct db_value *p, int np,
		   int64_t *affected, struct lr_err *err)
{
	struct sq_db *d = (struct sq_db *)db;
	if (np == 0 && !strchr(sql, '?')) {
		/* may hold several statements (schema scripts) */
		char *msg = NULL;
		if (sqlite3_exec(d->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
			db_fail(db, err, "executing SQL", msg ? msg : sqlite3_errmsg(d->h));
			sqlite3_free(msg);
			return -1;
		}
		*affected = sqlite3_changes64(d->h);
		return 0;
	}
	sqlite3_stmt *st;
	if (sq_prepare(d, sql, p, np, &st, err) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		sq_fail(d, err, "executing SQL");
		sqlite3_finalize(st);
		return -1;
	}
	*affected = sqlite3_changes64(d->h);
	sqlite3_finalize(st);
	return 0;
}

static int sq_query(struct db *db, const char *sql, const struct db_value *p, int np,
		    struct db_cursor **out, struct lr_err *err)
{
	struct sq_db *d = (struct sq_db *)db;
	sqlite3_stmt *st;
	if (sq_prepare(d, sql, p, np, &st, err) < 0)
		return -1;
	struct sq_cursor *c = xcalloc(1, sizeof *c);
	c->st = st;
	c->base.db = db;
	c->base.ncols = sqlite3_column_count(st);
	c->base.colnames = xcalloc((size_t)c->base.ncols + 1, sizeof(char *));
	c->declkind = xcalloc((size_t)c->base.ncols + 1, sizeof(enum db_kind));
	for (int i = 0; i < c->base.ncols; i++) {
		const char *n = sqlite3_column_name(st, i);
		c->base.colnames[i] = xstrdup(n ? n : "");
		const char *decl = sqlite3_column_decltype(st, i);
		c->declkind[i] = decl ? db_kind_from_decl(decl) : DB_NULL;
	}
	*out = &c->base;
	return 0;
}

static int sq_next(struct db_cursor *cur, struct lr_err *err)
{
	struct sq_cursor *c = (struct sq_cursor *)cur;
	int rc = sqlite3_step(c->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sq_fail((struct sq_db *)cur->db, err, "reading rows");
}

static void sq_get(struct db_cursor *cur, int col, struct db_value *v)
{
	struct sq_cursor *c = (struct sq_cursor *)cur;
	memset(v, 0, sizeof *v);
	enum db_kind dk = c->declkind[col];
	switch (sqlite3_column_type(c->st, col)) {
	case SQLITE_NULL:
		v->kind = DB_NULL;
		break;
	case SQLITE_INTEGER:
		v->kind = dk == DB_BOOL ? DB_BOOL : DB_INT;
		v->i = sqlite3_column_int64(c->st, col);
		break;
	case SQLITE_FLOAT:
		v->kind = DB_REAL;
		v->r = sqlite3_column_double(c->st, col);
		break;
	case SQLITE_BLOB:
		v->kind = DB_BLOB;
		v->s = sqlite3_column_blob(c->st, col);
		v->len = (size_t)sqlite3_column_bytes(c->st, col);
		if (!v->s)
			v->s = "";
		break;
	default:
		v->kind = (dk == DB_DATE || dk == DB_DECIMAL) ? dk : DB_TEXT;
		v->s = (const char *)sqlite3_column_text(c->st, col);
		v->len = (size_t)sqlite3_column_bytes(c->st, col);
		if (!v->s)
			v->s = "";
		break;
	}
}

static void sq_cursor_close(struct db_cursor *cur)
{
	struct sq_cursor *c = (struct sq_cursor *)cur;
	sqlite3_finalize(c->st);
	for (int i = 0; i < cur->ncols; i++)
		free(cur->colnames[i]);
	free(cur->colnames);
	free(c->declkind);
	free(c);
}

static int sq_simple(struct db *db, const char *sql, struct lr_err *err)
{
	int64_t n;
	return sq_exec(db, sql, NULL, 0, &n, err);
}

static int sq_begin(struct db *db, struct lr_err *err)
{
	struct sq_db *d = (struct sq_db *)db;
	if (sq_simple(db, "BEGIN", err) < 0)
		return -1;
	d->in_tx = 1;
	return 0;
}

static int sq_commit(struct db *db, struct lr_err *err)
{
	struct sq_db *d = (struct sq_db *)db;
	d->in_tx = 0;
	return sq_simple(db, "COMMIT", err);
}

static int sq_rollback(struct db *db, struct lr_err *err)
{
	struct sq_db *d = (struct sq_db *)db;
	d->in_tx = 0;
	return sq_simple(db, "ROLLBACK", err);
}

static int sq_catalog(struct db *db, struct db_catalog *cat, struct lr_err *err)
{
	struct db_cursor *c;
	if (sq_query(db,
		     "SELECT m.name, p.name, p.type, p.pk, p.\"notnull\" FROM sqlite_master m "
		     "JOIN pragma_table_info(m.name) p WHERE m.type = 'table' "
		     "AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, p.cid",
		     NULL, 0, &c, err) < 0)
		return -1;
	size_t cap = 0, ccap = 0;
	struct db_table *cur = NULL;
	int rc;
	while ((rc = sq_next(c, err)) == 1) {
		const char *tname = (const char *)sqlite3_column_text(((struct sq_cursor *)c)->st, 0);
		if (!cur || strcmp(cur->name, tname) != 0) {
			XGROW(cat->tables, cap, (size_t)cat->ntables + 1);
			cur = &cat->tables[cat->ntables++];
			memset(cur, 0, sizeof *cur);
			cur->name = xstrdup(tname);
			ccap = 0;
		}
		sqlite3_stmt *st = ((struct sq_cursor *)c)->st;
		XGROW(cur->cols, ccap, (size_t)cur->ncols + 1);
		struct db_column *col = &cur->cols[cur->ncols++];
		col->name = xstrdup((const char *)sqlite3_column_text(st, 1));
		const char *decl = (const char *)sqlite3_column_text(st, 2);
		col->decl = xstrdup(decl ? decl : "");
		col->kind = db_kind_from_decl(col->decl);
		col->pk = sqlite3_column_int(st, 3);
		col->notnull = sqlite3_column_int(st, 4);
	}
	sq_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

static int64_t sq_table_bytes(struct db *db, const char *table)
{
	struct sq_db *d = (struct sq_db *)db;
	sqlite3_stmt *st;
	/* dbstat is compiled into Debian's libsqlite3; without it we report unknown */
	if (sqlite3_prepare_v2(d->h,
			       "SELECT SUM(pgsize) FROM dbstat WHERE name IN "
			       "(SELECT name FROM sqlite_master WHERE tbl_name = ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	int64_t n = -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int sq_load_begin(struct db *db, const char *table, const char *const *cols, int ncols,
			 struct db_loader **out, struct lr_err *err)
{
	struct sq_db *d = (struct sq_db *)db;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "INSERT INTO ");
	db_quote_ident(db, &sql, table);
	strbuf_addstr(&sql, " (");
	db_quote_idents(db, &sql, cols, ncols);
	strbuf_addstr(&sql, ") VALUES (");
	for (int i = 0; i < ncols; i++)
		strbuf_addstr(&sql, i ? ",?" : "?");
	strbuf_addch(&sql, ')');
	struct sq_loader *ld = xcalloc(1, sizeof *ld);
	ld->db = db;
	ld->ncols = ncols;
	if (!d->in_tx) {
		if (sq_begin(db, err) < 0)
			goto fail;
		ld->own_tx = 1;
	}
	if (sqlite3_prepare_v2(d->h, strbuf_str(&sql), -1, &ld->st, NULL) != SQLITE_OK) {
		sq_fail(d, err, "preparing bulk insert");
		if (ld->own_tx)
			sq_rollback(db, NULL);
		goto fail;
	}
	strbuf_release(&sql);
	*out = (struct db_loader *)ld;
	return 0;
fail:
	strbuf_release(&sql);
	free(ld);
	return -1;
}

static int sq_load_row(struct db_loader *l, const struct db_value *vals, struct lr_err *err)
{
	struct sq_loader *ld = (struct sq_loader *)l;
	struct sq_db *d = (struct sq_db *)ld->db;
	if (sq_bind(d, ld->st, vals, ld->ncols, err) < 0)
		return -1;
	int rc = sqlite3_step(ld->st);
	sqlite3_reset(ld->st);
	if (rc != SQLITE_DONE)
		return sq_fail(d, err, "inserting a row");
	return 0;
}

/* db_load_row without copies: text and blobs are bound in place
 * (SQLITE_STATIC), since SQLite reads them only inside sqlite3_step and every
 * later row rebinds every column. Other engines copy as db_load_row does. */
int db_load_row_nocopy(struct db_loader *l, const struct db_value *vals, struct lr_err *err)
{
	struct sq_loader *ld = (struct sq_loader *)l;
	if (ld->db->drv != &db_sqlite_driver)
		return db_load_row(l, vals, err);
	struct sq_db *d = (struct sq_db *)ld->db;
	sqlite3_stmt *st = ld->st;
	for (int i = 0; i < ld->ncols; i++) {
		const struct db_value *v = &vals[i];
		int rc;
		switch (v->kind) {
		case DB_NULL: rc = sqlite3_bind_null(st, i + 1); break;
		case DB_INT:
		case DB_BOOL: rc = sqlite3_bind_int64(st, i + 1, v->i); break;
		case DB_REAL: rc = sqlite3_bind_double(st, i + 1, v->r); break;
		case DB_BLOB:
			rc = sqlite3_bind_blob64(st, i + 1, v->s ? v->s : "", v->len, SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_text64(st, i + 1, v->s ? v->s : "", v->len, SQLITE_STATIC,
						 SQLITE_UTF8);
			break;
		}
		if (rc != SQLITE_OK)
			return sq_fail(d, err, "binding a parameter");
	}
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(d, err, "inserting a row");
	return 0;
}

static int sq_load_end(struct db_loader *l, int commit, struct lr_err *err)
{
	struct sq_loader *ld = (struct sq_loader *)l;
	int rc = 0;
	sqlite3_finalize(ld->st);
	if (ld->own_tx)
		rc = commit ? sq_commit(ld->db, err) : sq_rollback(ld->db, err);
	free(ld);
	return rc;
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.engine = DB_SQLITE,
	.open = sq_open,
	.close = sq_close,
	.server_version = sq_version,
	.exec = sq_exec,
	.query = sq_query,
	.next = sq_next,
	.get = sq_get,
	.cursor_close = sq_cursor_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.load_catalog = sq_catalog,
	.table_bytes = sq_table_bytes,
	.load_begin = sq_load_begin,
	.load_row = sq_load_row,
	.load_end = sq_load_end,
};
