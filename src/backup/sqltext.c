/* SQL text of the dump, in each engine's own dialect, so that the engine's
 * client (mariadb, psql, sqlite3) restores it unchanged. Values are written
 * the way the engine reads them back exactly: integers and decimals bare,
 * reals in %.17g, text quoted with the engine's escaping, blobs in hex. */
#include "dbpart.h"
#include "../util/xalloc.h"
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void bk_sql_header(enum db_engine e, struct strbuf *sb)
{
	switch (e) {
	case DB_MARIADB:
		/* a fixed sql_mode: backslash escapes on, 0 kept in auto-increment
		 * columns; UTC so TIMESTAMP columns read back what was written */
		strbuf_addstr(sb, "SET NAMES utf8mb4;\nSET time_zone='+00:00';\n"
				  "SET SESSION sql_mode='NO_AUTO_VALUE_ON_ZERO';\n"
				  "SET FOREIGN_KEY_CHECKS=0;\nSET UNIQUE_CHECKS=0;\n");
		break;
	case DB_PGSQL:
		strbuf_addstr(sb, "SET client_encoding='UTF8';\nSET standard_conforming_strings=on;\n"
				  "SET check_function_bodies=false;\nSET client_min_messages=warning;\n");
		break;
	case DB_SQLITE:
		/* one transaction per file: sqlite3's shell is slow otherwise */
		strbuf_addstr(sb, "PRAGMA foreign_keys=OFF;\nBEGIN;\n");
		break;
	}
}

void bk_sql_footer(enum db_engine e, struct strbuf *sb)
{
	if (e == DB_SQLITE)
		strbuf_addstr(sb, "COMMIT;\n");
}

static void add_hex(struct strbuf *sb, const unsigned char *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	strbuf_grow(sb, 2 * n);
	for (size_t i = 0; i < n; i++) {
		sb->buf[sb->len++] = hx[p[i] >> 4];
		sb->buf[sb->len++] = hx[p[i] & 15];
	}
	sb->buf[sb->len] = 0;
}

/* Decimal digits of v without printf (the dump's hottest path). */
void bk_sql_value(enum db_engine e, const struct db_value *v, struct strbuf *sb)
{
	switch (v->kind) {
	case DB_NULL:
		strbuf_add(sb, "NULL", 4);
		break;
	case DB_INT:
		strbuf_add_int64(sb, v->i);
		break;
	case DB_BOOL:
		if (e == DB_PGSQL)
			strbuf_addstr(sb, v->i ? "true" : "false");
		else
			strbuf_addch(sb, v->i ? '1' : '0');
		break;
	case DB_REAL:
		if (isnan(v->r) || isinf(v->r)) {
			if (e == DB_PGSQL)
				strbuf_addstr(sb, isnan(v->r) ? "'NaN'" : v->r > 0 ? "'Infinity'" : "'-Infinity'");
			else
				strbuf_addstr(sb, isnan(v->r) ? "NULL" : v->r > 0 ? "9e999" : "-9e999");
		} else {
			size_t at = sb->len;
			strbuf_addf(sb, "%.17g", v->r);
			/* keep it a real literal, so SQLite stores a REAL again */
			if (!strpbrk(sb->buf + at, ".eE"))
				strbuf_add(sb, ".0", 2);
		}
		break;
	case DB_DECIMAL:
		strbuf_add(sb, v->s, v->len);
		break;
	case DB_TEXT:
	case DB_DATE:
		bk_sql_quote(e, sb, v->s, v->len);
		break;
	case DB_BLOB:
		if (e == DB_MARIADB) {
			if (v->len == 0) {
				strbuf_add(sb, "''", 2);
			} else {
				strbuf_add(sb, "0x", 2);
				add_hex(sb, (const unsigned char *)v->s, v->len);
			}
		} else if (e == DB_PGSQL) {
			strbuf_add(sb, "'\\x", 3);
			add_hex(sb, (const unsigned char *)v->s, v->len);
			strbuf_addch(sb, '\'');
		} else {
			strbuf_add(sb, "X'", 2);
			add_hex(sb, (const unsigned char *)v->s, v->len);
			strbuf_addch(sb, '\'');
		}
		break;
	}
}

/* ---- DDL ------------------------------------------------------------------ */

static int create_mariadb(struct db *db, const char *table, struct strbuf *create, struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SHOW CREATE TABLE ");
	db_quote_ident(db, &sql, table);
	struct db_cursor *c;
	int rc = db_query(db, sql.buf, NULL, 0, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	if (db_next(c, err) == 1 && db_get_text(c, 1)) {
		strbuf_addstr(create, db_get_text(c, 1));
		strbuf_addstr(create, ";\n");
		rc = 0;
	} else {
		rc = lr_fail(err, LR_EXIT_FAILED, "SHOW CREATE TABLE %s returned nothing", table);
	}
	db_cursor_close(c);
	return rc;
}

static int create_sqlite(struct db *db, const char *table, struct strbuf *create, struct strbuf *post,
			 struct lr_err *err)
{
	struct db_value p = db_text(table);
	struct db_cursor *c;
	if (db_query(db, "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
		     "ORDER BY type = 'table' DESC, name", &p, 1, &c, err) < 0)
		return -1;
	int rc;
	while ((rc = db_next(c, err)) == 1) {
		const char *type = db_get_text(c, 0);
		struct strbuf *to = type && !strcmp(type, "table") ? create : post;
		strbuf_addstr(to, db_get_text(c, 1));
		strbuf_addstr(to, ";\n");
	}
	db_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

/* PostgreSQL has no SHOW CREATE TABLE: columns from pg_attribute with
 * format_type (the exact declared type), constraints and indexes from the
 * server's own pg_get_constraintdef / pg_get_indexdef. */
static int create_pgsql(struct db *db, const char *table, struct strbuf *create, struct strbuf *post,
			struct lr_err *err)
{
	static const char cols_sql[] =
		"SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
		"pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
		"JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
		"LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
		"WHERE c.relname = ? AND n.nspname = current_schema() AND a.attnum > 0 "
		"AND NOT a.attisdropped ORDER BY a.attnum";
	static const char cons_sql[] =
		"SELECT con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
		"JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
		"WHERE c.relname = ? AND n.nspname = current_schema() AND con.contype IN ('p', 'u') "
		"ORDER BY con.contype, con.conname";
	static const char idx_sql[] =
		"SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
		"JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
		"WHERE c.relname = ? AND n.nspname = current_schema() AND NOT EXISTS "
		"(SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid) ORDER BY 1";
	struct db_value p = db_text(table);
	struct db_cursor *c;
	strbuf_addstr(create, "CREATE TABLE ");
	db_quote_ident(db, create, table);
	strbuf_addstr(create, " (");
	if (db_query(db, cols_sql, &p, 1, &c, err) < 0)
		return -1;
	int rc, n = 0;
	while ((rc = db_next(c, err)) == 1) {
		strbuf_addstr(create, n++ ? ",\n  " : "\n  ");
		db_quote_ident(db, create, db_get_text(c, 0));
		strbuf_addf(create, " %s", db_get_text(c, 1));
		const char *def = db_get_text(c, 3);
		/* sequences are not part of the dump: leave nextval() out */
		if (def && !strstr(def, "nextval("))
			strbuf_addf(create, " DEFAULT %s", def);
		const char *nn = db_get_text(c, 2);
		if (nn && (nn[0] == 't' || nn[0] == '1'))
			strbuf_addstr(create, " NOT NULL");
	}
	db_cursor_close(c);
	if (rc < 0)
		return -1;
	if (db_query(db, cons_sql, &p, 1, &c, err) < 0)
		return -1;
	while ((rc = db_next(c, err)) == 1) {
		strbuf_addstr(create, ",\n  CONSTRAINT ");
		db_quote_ident(db, create, db_get_text(c, 0));
		strbuf_addf(create, " %s", db_get_text(c, 1));
	}
	db_cursor_close(c);
	if (rc < 0)
		return -1;
	strbuf_addstr(create, "\n);\n");
	if (db_query(db, idx_sql, &p, 1, &c, err) < 0)
		return -1;
	while ((rc = db_next(c, err)) == 1)
		strbuf_addf(post, "%s;\n", db_get_text(c, 0));
	db_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

int bk_sql_create(struct db *db, const char *table, struct strbuf *create, struct strbuf *post,
		  struct lr_err *err)
{
	switch (db_engine(db)) {
	case DB_MARIADB:
		return create_mariadb(db, table, create, err);
	case DB_PGSQL:
		return create_pgsql(db, table, create, post, err);
	case DB_SQLITE:
		return create_sqlite(db, table, create, post, err);
	}
	return lr_fail(err, LR_EXIT_FAILED, "unknown engine");
}

/* ---- statement splitter (restore) ----------------------------------------- */

int bk_sql_split(enum db_engine e, struct strbuf *buf, int final, bk_stmt_fn fn, void *ctx,
		 struct lr_err *err)
{
	size_t start = 0, i = 0;
	char q = 0; /* open quote character */
	while (i < buf->len) {
		char c = buf->buf[i];
		if (q) {
			if (c == '\\' && q == '\'' && e == DB_MARIADB) {
				i += 2;
				continue;
			}
			if (c == q) {
				if (i + 1 < buf->len && buf->buf[i + 1] == q) {
					i += 2;
					continue;
				}
				if (i + 1 >= buf->len && !final)
					break; /* could be a doubled quote split across reads */
				q = 0;
			}
			i++;
			continue;
		}
		if (c == '\'' || c == '"' || c == '`') {
			q = c;
		} else if (c == '-' && i == start && i + 1 < buf->len && buf->buf[i + 1] == '-') {
			/* a comment line between statements */
			char *nl = memchr(buf->buf + i, '\n', buf->len - i);
			if (!nl)
				break;
			i = (size_t)(nl - buf->buf) + 1;
			start = i;
			continue;
		} else if ((c == '\n' || c == ' ') && i == start) {
			start = ++i;
			continue;
		} else if (c == ';') {
			if (fn(ctx, buf->buf + start, i - start, err) < 0)
				return -1;
			start = i + 1;
		}
		i++;
	}
	if (final && start < buf->len) {
		size_t k = start;
		while (k < buf->len && (buf->buf[k] == '\n' || buf->buf[k] == ' '))
			k++;
		if (k < buf->len && fn(ctx, buf->buf + k, buf->len - k, err) < 0)
			return -1;
		start = buf->len;
	}
	memmove(buf->buf, buf->buf + start, buf->len - start);
	strbuf_setlen(buf, buf->len - start);
	return 0;
}
