#include "apps_testlib.h"
#include "util/xalloc.h"
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* mariadb://user:pass@host:port/ -> connection (the test server URI). */
static MYSQL *connect_server(const char *uri, const char *dbname)
{
	char user[128] = "", pass[128] = "", host[256] = "127.0.0.1";
	unsigned port = 3306;
	const char *p = strstr(uri, "://");
	p = p ? p + 3 : uri;
	const char *at = strchr(p, '@');
	if (at) {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		snprintf(user, sizeof user, "%.*s", (int)((colon ? colon : at) - p), p);
		if (colon)
			snprintf(pass, sizeof pass, "%.*s", (int)(at - colon - 1), colon + 1);
		p = at + 1;
	}
	size_t hl = strcspn(p, ":/?");
	snprintf(host, sizeof host, "%.*s", (int)hl, p);
	if (p[hl] == ':')
		port = (unsigned)atoi(p + hl + 1);
	MYSQL *m = mysql_init(NULL);
	if (!mysql_real_connect(m, host, user, pass, dbname, port, NULL, 0))
		fail_msg("connect %s: %s", dbname, mysql_error(m));
	mysql_set_character_set(m, "utf8mb4");
	return m;
}

static const char *sqlite_decl(const char *mysql_type)
{
	if (strstr(mysql_type, "int") || !strcmp(mysql_type, "bit"))
		return "INTEGER";
	if (strstr(mysql_type, "date") || strstr(mysql_type, "time"))
		return "DATETIME";
	if (!strcmp(mysql_type, "double") || !strcmp(mysql_type, "float"))
		return "REAL";
	if (!strcmp(mysql_type, "decimal"))
		return "NUMERIC";
	if (strstr(mysql_type, "blob") || strstr(mysql_type, "binary"))
		return "BLOB";
	return "TEXT";
}

static void copy_table(MYSQL *m, struct db *db, const char *schema, const char *table)
{
	char q[1024];
	snprintf(q, sizeof q,
		 "SELECT column_name, data_type, column_key FROM information_schema.columns "
		 "WHERE table_schema='%s' AND table_name='%s' ORDER BY ordinal_position", schema, table);
	if (mysql_query(m, q))
		fail_msg("%s", mysql_error(m));
	MYSQL_RES *r = mysql_store_result(m);
	struct strbuf ddl = STRBUF_INIT;
	const char *cols[512];
	char *types[512];
	int n = 0;
	strbuf_addf(&ddl, "CREATE TABLE \"%s\" (", table);
	MYSQL_ROW row;
	while ((row = mysql_fetch_row(r)) && n < 512) {
		strbuf_addf(&ddl, "%s\"%s\" %s", n ? ", " : "", row[0], sqlite_decl(row[1]));
		cols[n] = xstrdup(row[0]);
		types[n] = xstrdup(row[1]);
		n++;
	}
	mysql_free_result(r);
	strbuf_addstr(&ddl, ")");
	ta_exec(db, strbuf_str(&ddl), NULL, 0);
	strbuf_release(&ddl);

	struct strbuf sel = STRBUF_INIT;
	strbuf_addstr(&sel, "SELECT ");
	for (int i = 0; i < n; i++)
		strbuf_addf(&sel, "%s`%s`%s", i ? ", " : "", cols[i], !strcmp(types[i], "bit") ? "+0" : "");
	strbuf_addf(&sel, " FROM `%s`", table);
	if (mysql_query(m, strbuf_str(&sel)))
		fail_msg("%s", mysql_error(m));
	strbuf_release(&sel);
	r = mysql_use_result(m);
	struct lr_err err = LR_ERR_INIT;
	struct db_loader *ld;
	if (db_load_begin(db, table, cols, n, &ld, &err) < 0)
		fail_msg("load %s: %s", table, err.msg);
	struct db_value vals[512];
	while ((row = mysql_fetch_row(r))) {
		unsigned long *len = mysql_fetch_lengths(r);
		for (int i = 0; i < n; i++) {
			if (!row[i]) {
				vals[i] = db_null();
			} else {
				vals[i] = db_text(row[i]);
				vals[i].len = len[i];
			}
		}
		if (db_load_row(ld, vals, &err) < 0)
			fail_msg("load %s: %s", table, err.msg);
	}
	mysql_free_result(r);
	if (db_load_end(ld, 1, &err) < 0)
		fail_msg("load %s: %s", table, err.msg);
	for (int i = 0; i < n; i++) {
		free((char *)cols[i]);
		free(types[i]);
	}
}

const char *ta_fixture_copy(const char *fixture, const char *name)
{
	static char path[4200];
	char dbname[256];
	snprintf(path, sizeof path, "%s/%s.db", tl_tmpdir(), name);
	if (access(path, R_OK) == 0)
		return path;
	const char *uri = tl_mysql_uri();
	tl_fixture_dbname(fixture, dbname, sizeof dbname);
	MYSQL *m = connect_server(uri, dbname);
	char q[512];
	snprintf(q, sizeof q, "SELECT table_name FROM information_schema.tables WHERE "
			      "table_schema='%s' AND table_type='BASE TABLE' ORDER BY table_name", dbname);
	if (mysql_query(m, q))
		fail_msg("%s", mysql_error(m));
	MYSQL_RES *r = mysql_store_result(m);
	char **tables = NULL;
	size_t nt = 0;
	MYSQL_ROW row;
	while ((row = mysql_fetch_row(r))) {
		tables = xrealloc(tables, sizeof(char *) * (nt + 1));
		tables[nt++] = xstrdup(row[0]);
	}
	mysql_free_result(r);
	char tmp[4300];
	snprintf(tmp, sizeof tmp, "%s.part", path);
	struct db *db = tl_open(tmp);
	for (size_t i = 0; i < nt; i++) {
		copy_table(m, db, dbname, tables[i]);
		free(tables[i]);
	}
	free(tables);
	db_close(db);
	mysql_close(m);
	if (rename(tmp, path) != 0)
		fail_msg("rename %s", tmp);
	return path;
}

void ta_version(struct db *db, struct lr_version *v)
{
	struct lr_err err = LR_ERR_INIT;
	memset(v, 0, sizeof *v);
	if (lr_version_detect(db, v, &err) < 0)
		fail_msg("version: %s", err.msg);
}

const char *ta_fixture_uri(const char *fixture, char *buf, size_t n)
{
	char dbname[256];
	tl_fixture_dbname(fixture, dbname, sizeof dbname);
	return tl_mysql_db_uri(dbname, buf, n);
}

const char *ta_scratch_mariadb(const char *fixture, const char *name, char *buf, size_t n)
{
	char src[256], dst[256], q[1024];
	tl_fixture_dbname(fixture, src, sizeof src);
	snprintf(dst, sizeof dst, "t_apps_%s", name);
	struct db *db = tl_open(tl_mysql_db_uri(src, buf, n));
	snprintf(q, sizeof q, "DROP DATABASE IF EXISTS `%s`", dst);
	ta_exec(db, q, NULL, 0);
	snprintf(q, sizeof q, "CREATE DATABASE `%s` CHARACTER SET utf8mb4", dst);
	ta_exec(db, q, NULL, 0);
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(db, &err);
	if (!cat)
		fail_msg("catalog: %s", err.msg);
	for (int i = 0; i < cat->ntables; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *t = cat->tables[i].name;
		strbuf_addf(&sb, "CREATE TABLE `%s`.", dst);
		db_quote_ident(db, &sb, t);
		strbuf_addf(&sb, " LIKE `%s`.", src);
		db_quote_ident(db, &sb, t);
		ta_exec(db, strbuf_str(&sb), NULL, 0);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "INSERT INTO `%s`.", dst);
		db_quote_ident(db, &sb, t);
		strbuf_addf(&sb, " SELECT * FROM `%s`.", src);
		db_quote_ident(db, &sb, t);
		ta_exec(db, strbuf_str(&sb), NULL, 0);
		strbuf_release(&sb);
	}
	db_close(db);
	return tl_mysql_db_uri(dst, buf, n);
}

void ta_exec(struct db *db, const char *sql, const struct db_value *p, int np)
{
	struct lr_err err = LR_ERR_INIT;
	if (db_exec(db, sql, p, np, NULL, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
}

static void expand(struct db *db, struct strbuf *sb, const char *tmpl)
{
	for (const char *p = tmpl; *p; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		if (!end) {
			strbuf_addch(sb, *p);
			continue;
		}
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
		const char *real = db_table_name(db, name);
		if (!real)
			fail_msg("no table %s", name);
		db_quote_ident(db, sb, real);
		p = end;
	}
}

void ta_sql(struct db *db, const char *tmpl, const struct db_value *p, int np)
{
	struct strbuf sb = STRBUF_INIT;
	expand(db, &sb, tmpl);
	ta_exec(db, strbuf_str(&sb), p, np);
	strbuf_release(&sb);
}

int64_t ta_copy_rows(struct db *db, const char *table, const char *where_col, int64_t where_val,
		     const struct ta_set *set, int nset)
{
	const struct db_table *t = db_table_find(db, table);
	if (!t)
		fail_msg("no table %s", table);
	struct strbuf sql = STRBUF_INIT, sel = STRBUF_INIT;
	struct db_value vals[64];
	int nv = 0;
	strbuf_addstr(&sql, "INSERT INTO ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " (");
	for (int i = 0; i < t->ncols; i++) {
		const char *c = t->cols[i].name;
		strbuf_addstr(&sql, i ? ", " : "");
		db_quote_ident(db, &sql, c);
		strbuf_addstr(&sel, i ? ", " : "");
		const struct ta_set *s = NULL;
		for (int k = 0; k < nset; k++)
			if (!strcasecmp(set[k].col, c))
				s = &set[k];
		if (s && s->expr) {
			strbuf_addstr(&sel, s->expr);
		} else if (s) {
			strbuf_addch(&sel, '?');
			vals[nv++] = s->val;
		} else {
			db_quote_ident(db, &sel, c);
		}
	}
	strbuf_addf(&sql, ") SELECT %s FROM ", strbuf_str(&sel));
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " WHERE ");
	db_quote_ident(db, &sql, where_col);
	strbuf_addstr(&sql, " = ?");
	vals[nv++] = db_int(where_val);
	struct lr_err err = LR_ERR_INIT;
	int64_t n = 0;
	if (db_exec(db, strbuf_str(&sql), vals, nv, &n, &err) < 0)
		fail_msg("%s: %s", strbuf_str(&sql), err.msg);
	strbuf_release(&sql);
	strbuf_release(&sel);
	return n;
}
