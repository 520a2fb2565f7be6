/* Tables, companies and the Release_ summary for `inspect` (sites are in
 * inventory_sites.c). Names resolve through the catalog: real databases
 * spell them `group_`, `release_`. */
#include "inventory.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

json_t *lr_json_text(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (j)
		return j;
	struct strbuf sb = STRBUF_INIT;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80) {
			strbuf_addch(&sb, *p);
		} else {
			strbuf_addch(&sb, 0xC0 | (*p >> 6));
			strbuf_addch(&sb, 0x80 | (*p & 0x3F));
		}
	}
	j = json_string(strbuf_str(&sb));
	strbuf_release(&sb);
	return j ? j : json_null();
}

/* Tables whose row counts the report names directly (rowCounts). */
static const char *const core_tables[] = {
	"Company", "Group_", "Layout", "User_", "JournalArticle", "DLFileEntry", "DLFileVersion",
	"AssetEntry", "ResourcePermission", "Release_",
};

struct tinfo {
	const char *name;
	int64_t rows;
	int64_t bytes; /* -1: the engine does not say */
};

static int cmp_tinfo(const void *a, const void *b)
{
	const struct tinfo *x = a, *y = b;
	if (x->bytes != y->bytes)
		return x->bytes > y->bytes ? -1 : 1;
	if (x->rows != y->rows)
		return x->rows > y->rows ? -1 : 1;
	return strcasecmp(x->name, y->name);
}

int inventory_tables(struct db *db, json_t *report, struct lr_err *err)
{
	const struct db_catalog *cat = db_catalog(db, err);
	if (!cat)
		return -1;
	struct tinfo *t = xcalloc((size_t)cat->ntables + 1, sizeof *t);
	int64_t total_rows = 0, total_bytes = 0;
	int all_sized = 1;
	for (int i = 0; i < cat->ntables; i++) {
		t[i].name = cat->tables[i].name;
		if (db_table_rows(db, t[i].name, &t[i].rows, err) < 0) {
			lr_err_prefix(err, "counting rows of %s: ", t[i].name);
			free(t);
			return -1;
		}
		t[i].bytes = db_table_bytes(db, t[i].name);
		total_rows += t[i].rows;
		if (t[i].bytes < 0)
			all_sized = 0;
		else
			total_bytes += t[i].bytes;
	}
	qsort(t, (size_t)cat->ntables, sizeof *t, cmp_tinfo);
	/* shares are of bytes when every table has a size, else of rows */
	int64_t denom = all_sized ? total_bytes : total_rows;
	json_t *arr = json_array();
	for (int i = 0; i < cat->ntables; i++) {
		int64_t part = all_sized ? t[i].bytes : t[i].rows;
		double share = denom > 0 ? (double)part / (double)denom : 0.0;
		json_array_append_new(arr, json_pack("{s:o, s:I, s:o, s:f}", "name", lr_json_text(t[i].name),
						     "rows", (json_int_t)t[i].rows, "bytes",
						     t[i].bytes >= 0 ? json_integer(t[i].bytes) : json_null(),
						     "share", share));
	}
	free(t);
	json_object_set_new(report, "tableCount", json_integer(cat->ntables));
	json_object_set_new(report, "totalRows", json_integer(total_rows));
	json_object_set_new(report, "totalBytes",
			    all_sized && cat->ntables ? json_integer(total_bytes) : json_null());
	json_object_set_new(report, "shareOf", json_string(all_sized ? "bytes" : "rows"));
	json_object_set_new(report, "tables", arr);

	json_t *counts = json_object();
	for (size_t i = 0; i < sizeof core_tables / sizeof core_tables[0]; i++) {
		const char *real = db_table_name(db, core_tables[i]);
		int64_t n = 0;
		if (real && db_table_rows(db, real, &n, err) < 0)
			return -1;
		json_object_set_new(counts, core_tables[i], real ? json_integer(n) : json_null());
	}
	json_object_set_new(report, "rowCounts", counts);
	return 0;
}

/* Run sql and add (key column 0 -> integer column 1) to obj under the
 * decimal text of the key. */
static int key_counts(struct db *db, const char *sql, json_t *obj, struct lr_err *err)
{
	struct db_cursor *c;
	if (db_query(db, sql, NULL, 0, &c, err) < 0)
		return -1;
	int rc;
	while ((rc = db_next(c, err)) == 1) {
		const char *k = db_get_text(c, 0);
		if (k)
			json_object_set_new(obj, k, json_integer(db_get_int(c, 1)));
	}
	db_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

/* "SELECT companyId, COUNT(*) FROM <table> GROUP BY companyId" if both exist. */
static int per_company(struct db *db, const char *table, json_t *obj, struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, table);
	const struct db_column *c = t ? db_column_find(t, "companyId") : NULL;
	if (!c)
		return 0;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	db_quote_ident(db, &sql, c->name);
	strbuf_addstr(&sql, ", COUNT(*) FROM ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " GROUP BY ");
	db_quote_ident(db, &sql, c->name);
	int rc = key_counts(db, strbuf_str(&sql), obj, err);
	strbuf_release(&sql);
	return rc;
}

static void add_col(struct db *db, struct strbuf *sql, const char *alias, const struct db_table *t,
		    const char *name)
{
	const struct db_column *c = t ? db_column_find(t, name) : NULL;
	strbuf_addstr(sql, ", ");
	if (!c) {
		strbuf_addstr(sql, "NULL");
		return;
	}
	strbuf_addf(sql, "%s.", alias);
	db_quote_ident(db, sql, c->name);
}

int inventory_companies(struct db *db, json_t *report, struct lr_err *err)
{
	const struct db_table *co = db_table_find(db, "Company");
	const struct db_table *acc = db_table_find(db, "Account_");
	json_t *arr = json_array();
	json_object_set_new(report, "companies", arr);
	if (!co || !db_column_find(co, "companyId"))
		return 0;
	json_t *sites = json_object(), *users = json_object();
	if (per_company(db, "Group_", sites, err) < 0 || per_company(db, "User_", users, err) < 0)
		goto fail;
	/* the company name lives in Account_ (6.x-7.3) or Company.name (7.4) */
	int join = acc && db_column_find(co, "accountId") && db_column_find(acc, "accountId") &&
		   db_column_find(acc, "name");
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT c.");
	db_quote_ident(db, &sql, db_column_find(co, "companyId")->name);
	add_col(db, &sql, "c", co, "webId");
	if (join)
		add_col(db, &sql, "a", acc, "name");
	else
		add_col(db, &sql, "c", co, "name");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, co->name);
	strbuf_addstr(&sql, " c");
	if (join) {
		strbuf_addstr(&sql, " LEFT JOIN ");
		db_quote_ident(db, &sql, acc->name);
		strbuf_addstr(&sql, " a ON a.");
		db_quote_ident(db, &sql, db_column_find(acc, "accountId")->name);
		strbuf_addstr(&sql, " = c.");
		db_quote_ident(db, &sql, db_column_find(co, "accountId")->name);
	}
	strbuf_addstr(&sql, " ORDER BY 1");
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), NULL, 0, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		goto fail;
	while ((rc = db_next(c, err)) == 1) {
		const char *id = db_get_text(c, 0);
		json_t *s = json_object_get(sites, id ? id : "");
		json_t *u = json_object_get(users, id ? id : "");
		const char *web = db_get_text(c, 1);
		json_t *o = json_pack("{s:I, s:o}", "companyId", (json_int_t)db_get_int(c, 0), "webId",
				      lr_json_text(web));
		const char *name = db_get_text(c, 2);
		json_object_set_new(o, "name", lr_json_text(name));
		json_object_set_new(o, "groups", json_integer(s ? json_integer_value(s) : 0));
		json_object_set_new(o, "users", json_integer(u ? json_integer_value(u) : 0));
		json_array_append_new(arr, o);
	}
	db_cursor_close(c);
	json_decref(sites);
	json_decref(users);
	return rc < 0 ? -1 : 0;
fail:
	json_decref(sites);
	json_decref(users);
	return -1;
}

int inventory_release(struct db *db, json_t *report, struct lr_err *err)
{
	const struct db_table *r = db_table_find(db, "Release_");
	json_t *rel = json_pack("{s:i, s:i, s:i, s:[], s:[]}", "rows", 0, "failed", 0, "unverified", 0,
				"failedRows", "unverifiedRows");
	json_object_set_new(report, "release", rel);
	if (!r)
		return 0;
	/* a few hundred rows at most: stream them and judge in C, which also
	 * sidesteps boolean-versus-integer comparisons across engines */
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT NULL");
	add_col(db, &sql, "r", r, "servletContextName");
	add_col(db, &sql, "r", r, "buildNumber");
	add_col(db, &sql, "r", r, "schemaVersion");
	add_col(db, &sql, "r", r, "state_");
	add_col(db, &sql, "r", r, "verified");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, r->name);
	strbuf_addstr(&sql, " r ORDER BY 2");
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), NULL, 0, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	int64_t rows = 0, failed = 0, unverified = 0;
	json_t *frows = json_object_get(rel, "failedRows"), *urows = json_object_get(rel, "unverifiedRows");
	int has_verified = db_column_find(r, "verified") != NULL;
	while ((rc = db_next(c, err)) == 1) {
		rows++;
		const char *name = db_get_text(c, 1);
		json_t *jname = lr_json_text(name);
		int64_t state = db_get_int(c, 4);
		if (state != 0) {
			failed++;
			json_array_append_new(frows, json_pack("{s:O, s:I}", "servletContextName", jname,
							       "state", (json_int_t)state));
		}
		if (has_verified && !db_is_null(c, 5) && db_get_int(c, 5) == 0) {
			unverified++;
			json_array_append(urows, jname);
		}
		json_decref(jname);
	}
	db_cursor_close(c);
	json_object_set_new(rel, "rows", json_integer(rows));
	json_object_set_new(rel, "failed", json_integer(failed));
	json_object_set_new(rel, "unverified", json_integer(unverified));
	return rc < 0 ? -1 : 0;
}
