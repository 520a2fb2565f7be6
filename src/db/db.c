/* Engine-independent part of the database layer: dispatch to the driver,
 * the cached catalog with case-insensitive lookup, and small helpers. */
#include "driver.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct db_value db_text(const char *s)
{
	struct db_value v = { DB_NULL, 0, 0, NULL, 0 };
	if (s) {
		v.kind = DB_TEXT;
		v.s = s;
		v.len = strlen(s);
	}
	return v;
}

void db_conninfo_release(struct db_conninfo *ci)
{
	free(ci->host);
	free(ci->user);
	if (ci->password) {
		/* don't leave the secret lying in freed memory */
		volatile char *p = ci->password;
		while (*p)
			*p++ = 0;
		free(ci->password);
	}
	free(ci->dbname);
	free(ci->socket);
	free(ci->path);
	memset(ci, 0, sizeof *ci);
}

static const struct db_driver *driver_for(enum db_engine e)
{
	switch (e) {
	case DB_SQLITE: return &db_sqlite_driver;
	case DB_MARIADB: return &db_mariadb_driver;
	case DB_PGSQL: return &db_pgsql_driver;
	}
	return NULL;
}

int db_open(const struct db_conninfo *ci, struct db **out, struct lr_err *err)
{
	const struct db_driver *drv = driver_for(ci->engine);
	*out = NULL;
	if (!drv)
		return lr_fail(err, LR_EXIT_USAGE, "unknown database engine");
	if (drv->open(ci, out, err) < 0)
		return -1;
	(*out)->drv = drv;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_catalog_free(db->cat);
	free(db->cat);
	db->cat = NULL;
	strbuf_release(&db->errmsg);
	strbuf_release(&db->textbuf);
	db->drv->close(db);
}

enum db_engine db_engine(const struct db *db) { return db->drv->engine; }

const char *db_engine_name(enum db_engine e)
{
	switch (e) {
	case DB_SQLITE: return "sqlite";
	case DB_MARIADB: return "mariadb";
	case DB_PGSQL: return "postgresql";
	}
	return "unknown";
}

const char *db_errmsg(const struct db *db) { return strbuf_str(&db->errmsg); }

int db_fail(struct db *db, struct lr_err *err, const char *context, const char *msg)
{
	strbuf_reset(&db->errmsg);
	strbuf_addstr(&db->errmsg, msg ? msg : "unknown error");
	return lr_fail(err, LR_EXIT_FAILED, "%s: %s", context, strbuf_str(&db->errmsg));
}

int db_server_version(struct db *db, struct strbuf *out) { return db->drv->server_version(db, out); }

int db_exec(struct db *db, const char *sql, const struct db_value *p, int np, int64_t *affected,
	    struct lr_err *err)
{
	int64_t dummy;
	int rc = db->drv->exec(db, sql, p, np, affected ? affected : &dummy, err);
	if (rc < 0)
		lr_verbose("failed SQL: %s", sql);
	return rc;
}

int db_query(struct db *db, const char *sql, const struct db_value *p, int np,
	     struct db_cursor **out, struct lr_err *err)
{
	*out = NULL;
	int rc = db->drv->query(db, sql, p, np, out, err);
	if (rc < 0)
		lr_verbose("failed SQL: %s", sql);
	return rc;
}

int db_next(struct db_cursor *c, struct lr_err *err) { return c->db->drv->next(c, err); }
int db_ncols(const struct db_cursor *c) { return c->ncols; }

const char *db_colname(const struct db_cursor *c, int col)
{
	return (col >= 0 && col < c->ncols) ? c->colnames[col] : NULL;
}

void db_get(struct db_cursor *c, int col, struct db_value *out)
{
	if (col < 0 || col >= c->ncols) {
		*out = db_null();
		return;
	}
	c->db->drv->get(c, col, out);
}

int db_is_null(struct db_cursor *c, int col)
{
	struct db_value v;
	db_get(c, col, &v);
	return v.kind == DB_NULL;
}

const char *db_get_text(struct db_cursor *c, int col)
{
	struct db_value v;
	db_get(c, col, &v);
	strbuf_reset(&c->textbuf);
	switch (v.kind) {
	case DB_NULL:
		return NULL;
	case DB_INT:
	case DB_BOOL:
		strbuf_addf(&c->textbuf, "%" PRId64, v.i);
		break;
	case DB_REAL:
		strbuf_addf(&c->textbuf, "%.17g", v.r);
		break;
	default:
		strbuf_add(&c->textbuf, v.s ? v.s : "", v.len);
		break;
	}
	return strbuf_str(&c->textbuf);
}

int64_t db_get_int(struct db_cursor *c, int col)
{
	struct db_value v;
	db_get(c, col, &v);
	switch (v.kind) {
	case DB_INT:
	case DB_BOOL:
		return v.i;
	case DB_REAL:
		return (int64_t)v.r;
	case DB_NULL:
		return 0;
	default: {
		char tmp[64];
		size_t n = v.len < sizeof tmp - 1 ? v.len : sizeof tmp - 1;
		memcpy(tmp, v.s ? v.s : "", n);
		tmp[n] = '\0';
		if (!strcasecmp(tmp, "true"))
			return 1;
		return strtoll(tmp, NULL, 10);
	}
	}
}

void db_cursor_close(struct db_cursor *c)
{
	if (!c)
		return;
	strbuf_release(&c->textbuf);
	c->db->drv->cursor_close(c);
}

int db_query_int(struct db *db, const char *sql, const struct db_value *p, int np, int64_t *out,
		 struct lr_err *err)
{
	struct db_cursor *c;
	if (db_query(db, sql, p, np, &c, err) < 0)
		return -1;
	int rc = db_next(c, err);
	if (rc == 1)
		*out = db_get_int(c, 0);
	db_cursor_close(c);
	if (rc == 0)
		return lr_fail(err, LR_EXIT_FAILED, "query returned no row: %s", sql);
	return rc < 0 ? -1 : 0;
}

int db_begin(struct db *db, struct lr_err *err) { return db->drv->begin(db, err); }
int db_commit(struct db *db, struct lr_err *err) { return db->drv->commit(db, err); }
int db_rollback(struct db *db, struct lr_err *err) { return db->drv->rollback(db, err); }

int db_load_begin(struct db *db, const char *table, const char *const *cols, int ncols,
		  struct db_loader **out, struct lr_err *err)
{
	*out = NULL;
	return db->drv->load_begin(db, table, cols, ncols, out, err);
}

/* The loader struct is driver-private; every driver's loader starts with a
 * pointer to its db so we can find the driver. */
struct db_loader_head {
	struct db *db;
};

int db_load_row(struct db_loader *ld, const struct db_value *vals, struct lr_err *err)
{
	return ((struct db_loader_head *)ld)->db->drv->load_row(ld, vals, err);
}

int db_load_end(struct db_loader *ld, int commit, struct lr_err *err)
{
	if (!ld)
		return 0;
	return ((struct db_loader_head *)ld)->db->drv->load_end(ld, commit, err);
}

/* --- catalog --------------------------------------------------------------- */

void db_catalog_free(struct db_catalog *cat)
{
	if (!cat)
		return;
	for (int i = 0; i < cat->ntables; i++) {
		struct db_table *t = &cat->tables[i];
		for (int j = 0; j < t->ncols; j++) {
			free(t->cols[j].name);
			free(t->cols[j].decl);
		}
		free(t->cols);
		free(t->name);
	}
	free(cat->tables);
	cat->tables = NULL;
	cat->ntables = 0;
}

static int cmp_table(const void *a, const void *b)
{
	const struct db_table *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

int db_catalog_reload(struct db *db, struct lr_err *err)
{
	struct db_catalog *cat = xcalloc(1, sizeof *cat);
	if (db->drv->load_catalog(db, cat, err) < 0) {
		db_catalog_free(cat);
		free(cat);
		return -1;
	}
	if (cat->ntables > 1)
		qsort(cat->tables, (size_t)cat->ntables, sizeof *cat->tables, cmp_table);
	db_catalog_free(db->cat);
	free(db->cat);
	db->cat = cat;
	return 0;
}

const struct db_catalog *db_catalog(struct db *db, struct lr_err *err)
{
	if (!db->cat && db_catalog_reload(db, err) < 0)
		return NULL;
	return db->cat;
}

const struct db_table *db_table_find(struct db *db, const char *name)
{
	struct lr_err e = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(db, &e);
	if (!cat)
		return NULL;
	/* binary search on the case-insensitive order; on a case-sensitive server
	 * two spellings may exist: prefer the exact one. */
	int lo = 0, hi = cat->ntables - 1, found = -1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int c = strcasecmp(cat->tables[mid].name, name);
		if (c == 0) {
			found = mid;
			hi = mid - 1;
		} else if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (found < 0)
		return NULL;
	for (int i = found; i < cat->ntables && !strcasecmp(cat->tables[i].name, name); i++)
		if (!strcmp(cat->tables[i].name, name))
			return &cat->tables[i];
	return &cat->tables[found];
}

const struct db_column *db_column_find(const struct db_table *t, const char *name)
{
	if (!t)
		return NULL;
	for (int i = 0; i < t->ncols; i++)
		if (!strcasecmp(t->cols[i].name, name))
			return &t->cols[i];
	return NULL;
}

const char *db_table_name(struct db *db, const char *name)
{
	const struct db_table *t = db_table_find(db, name);
	return t ? t->name : NULL;
}

int db_table_rows(struct db *db, const char *table, int64_t *rows, struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
	db_quote_ident(db, &sql, table);
	int rc = db_query_int(db, strbuf_str(&sql), NULL, 0, rows, err);
	strbuf_release(&sql);
	return rc;
}

int64_t db_table_bytes(struct db *db, const char *table)
{
	return db->drv->table_bytes ? db->drv->table_bytes(db, table) : -1;
}

void db_quote_ident_engine(enum db_engine e, struct strbuf *sb, const char *name)
{
	char q = e == DB_MARIADB ? '`' : '"';
	strbuf_addch(sb, q);
	for (const char *p = name; *p; p++) {
		if (*p == q)
			strbuf_addch(sb, q);
		strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, q);
}

void db_quote_idents(const struct db *db, struct strbuf *sb, const char *const *names, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, ',');
		db_quote_ident(db, sb, names[i]);
	}
}

void db_quote_ident(const struct db *db, struct strbuf *sb, const char *name)
{
	db_quote_ident_engine(db->drv->engine, sb, name);
}
