#include "checks_testlib.h"
#include "testlib.h"
#include "db/ddl.h"
#include "liferay/version.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ct_fixtures[] = {
	"lr61-mysql-openquote.sql.xz", "lr61-mysql-viking.sql.xz", "lr62-mysql-openunderwriter.sql.xz",
	"lr62-mysql-openncp.sql.xz", "lr62ee-mysql-migratetools.sql.xz", "lr62-mysql-juyee.sql.xz",
	"lr71-mysql-formsdemo.sql.xz",
};
const int ct_nfixtures = (int)(sizeof ct_fixtures / sizeof ct_fixtures[0]);

static void copy_table(struct db *src, struct db *dst, const struct db_table *t)
{
	struct lr_err err = LR_ERR_INIT;
	struct ddl_column *cols = xcalloc((size_t)t->ncols, sizeof *cols);
	const char **names = xcalloc((size_t)t->ncols, sizeof *names);
	const char *pk[8];
	int npk = 0;
	for (int k = 1; k <= 8; k++)
		for (int i = 0; i < t->ncols; i++)
			if (t->cols[i].pk == k)
				pk[npk++] = t->cols[i].name;
	for (int i = 0; i < t->ncols; i++) {
		cols[i].name = t->cols[i].name;
		cols[i].decl = t->cols[i].decl;
		cols[i].kind = t->cols[i].kind;
		cols[i].notnull = 0;
		names[i] = t->cols[i].name;
	}
	if (db_create_table(dst, t->name, cols, t->ncols, pk, npk, &err) < 0)
		fail_msg("create %s: %s", t->name, err.msg);
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	for (int i = 0; i < t->ncols; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		db_quote_ident(src, &sql, t->cols[i].name);
	}
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(src, &sql, t->name);
	struct db_cursor *c;
	struct db_loader *ld;
	if (db_query(src, sql.buf, NULL, 0, &c, &err) < 0)
		fail_msg("%s: %s", sql.buf, err.msg);
	if (db_load_begin(dst, t->name, names, t->ncols, &ld, &err) < 0)
		fail_msg("load %s: %s", t->name, err.msg);
	struct db_value *v = xcalloc((size_t)t->ncols, sizeof *v);
	int rc;
	while ((rc = db_next(c, &err)) > 0) {
		for (int i = 0; i < t->ncols; i++)
			db_get(c, i, &v[i]);
		if (db_load_row(ld, v, &err) < 0)
			fail_msg("row of %s: %s", t->name, err.msg);
	}
	if (rc < 0)
		fail_msg("read %s: %s", t->name, err.msg);
	db_cursor_close(c);
	if (db_load_end(ld, 1, &err) < 0)
		fail_msg("load end %s: %s", t->name, err.msg);
	free(v);
	free(cols);
	free(names);
	strbuf_release(&sql);
}

void ct_copy(struct db *src, struct db *dst, const char *const *tables)
{
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(src, &err);
	if (!cat)
		fail_msg("catalog: %s", err.msg);
	for (int i = 0; i < cat->ntables; i++) {
		int want = !tables;
		for (const char *const *t = tables; t && *t && !want; t++)
			want = !strcasecmp(*t, cat->tables[i].name);
		if (want)
			copy_table(src, dst, &cat->tables[i]);
	}
	if (db_catalog_reload(dst, &err) < 0)
		fail_msg("reload: %s", err.msg);
}

static struct db *fresh(const char *server, const char *dbname, int pg)
{
	struct lr_err err = LR_ERR_INIT;
	char sql[256], uri[1024];
	struct db *srv = tl_open(server);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", dbname);
	if (db_exec(srv, sql, NULL, 0, NULL, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", dbname);
	if (db_exec(srv, sql, NULL, 0, NULL, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
	db_close(srv);
	return tl_open(pg ? tl_pg_db_uri(dbname, uri, sizeof uri) : tl_mysql_db_uri(dbname, uri, sizeof uri));
}

struct db *ct_pg_fresh(const char *dbname) { return fresh(tl_pg_uri(), dbname, 1); }
struct db *ct_my_fresh(const char *dbname) { return fresh(tl_mysql_uri(), dbname, 0); }

struct db *ct_sqlite_fresh(const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), name);
	remove(path);
	struct db_conninfo ci = { .engine = DB_SQLITE, .path = path, .create = 1 };
	struct lr_err err = LR_ERR_INIT;
	struct db *db;
	if (db_open(&ci, &db, &err) < 0)
		fail_msg("open %s: %s", path, err.msg);
	return db;
}

json_t *ct_run(struct db *db, const struct checks_opts *o)
{
	struct lr_version v;
	struct lr_err err = LR_ERR_INIT;
	json_t *f = NULL;
	memset(&v, 0, sizeof v);
	if (lr_version_detect(db, &v, &err) < 0) {
		memset(&v, 0, sizeof v);
		lr_err_clear(&err);
	}
	if (checks_run(db, &v, o, &f, &err) < 0)
		fail_msg("checks_run: %s", err.msg);
	return f;
}

const json_t *ct_finding(const json_t *findings, const char *id)
{
	size_t i;
	const json_t *f;
	json_array_foreach(findings, i, f)
		if (!strcmp(json_string_value(json_object_get(f, "id")), id))
			return f;
	return NULL;
}

int64_t ct_count(const json_t *findings, const char *id)
{
	const json_t *f = ct_finding(findings, id);
	return f ? json_integer_value(json_object_get(f, "count")) : 0;
}

int ct_failed(const json_t *findings)
{
	size_t i;
	const json_t *f;
	int n = 0;
	json_array_foreach(findings, i, f)
		if (!strcmp(json_string_value(json_object_get(f, "id")), "internal.check-failed")) {
			fprintf(stderr, "check-failed: %s: %s\n",
				json_string_value(json_object_get(f, "check")),
				json_string_value(json_object_get(f, "message")));
			n++;
		}
	return n;
}

void ct_exec(struct db *db, const char *const *sql)
{
	struct lr_err err = LR_ERR_INIT;
	for (; *sql; sql++)
		if (db_exec(db, *sql, NULL, 0, NULL, &err) < 0)
			fail_msg("%s: %s", *sql, err.msg);
	if (db_catalog_reload(db, &err) < 0)
		fail_msg("reload: %s", err.msg);
}

struct rows_ctx {
	const char *id;
	json_t *out;
};

static int on_row(void *ctx, const struct checks_object *o)
{
	struct rows_ctx *r = ctx;
	struct strbuf sb = STRBUF_INIT;
	if (strcmp(o->check_id, r->id))
		return 0;
	for (int i = 0; i < o->n; i++) {
		json_t *j = checks_value_json(&o->vals[i]);
		char *s = json_dumps(j, JSON_ENCODE_ANY);
		strbuf_addf(&sb, "%s%s", i ? "|" : "", s);
		free(s);
		json_decref(j);
	}
	json_array_append_new(r->out, json_string(sb.buf));
	strbuf_release(&sb);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

json_t *ct_rows(struct db *db, const char *id, const struct checks_opts *o)
{
	struct lr_version v;
	struct lr_err err = LR_ERR_INIT;
	struct checks_opts opts = o ? *o : (struct checks_opts){ 0 };
	const char *only[] = { id, NULL };
	json_t *failures = NULL;
	struct rows_ctx r = { id, json_array() };
	memset(&v, 0, sizeof v);
	if (lr_version_detect(db, &v, &err) < 0) {
		memset(&v, 0, sizeof v);
		lr_err_clear(&err);
	}
	opts.only = only;
	if (checks_collect(db, &v, &opts, on_row, &r, &failures, &err) < 0)
		fail_msg("collect: %s", err.msg);
	assert_int_equal(ct_failed(failures), 0);
	json_decref(failures);
	size_t n = json_array_size(r.out);
	json_t **items = xcalloc(n + 1, sizeof *items);
	for (size_t i = 0; i < n; i++)
		items[i] = json_incref(json_array_get(r.out, i));
	qsort(items, n, sizeof *items, cmp_str);
	json_t *sorted = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(sorted, items[i]);
	free(items);
	json_decref(r.out);
	return sorted;
}
