#include "fixture_copy.h"
#include "testlib.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

const char *const fc_core_tables[] = {
	"Release_", "Company", "Account_", "ClassName_", "Group_", "Layout", "User_", "Users_Groups",
	"Users_Orgs", "Organization_", "LayoutPrototype", "LayoutSetPrototype", "JournalArticle", "DLFileEntry", "DLFileVersion", "AssetEntry", "ResourcePermission",
};
const int fc_ncore_tables = (int)(sizeof fc_core_tables / sizeof fc_core_tables[0]);

static const char *type_for(enum db_engine e, enum db_kind k)
{
	switch (k) {
	case DB_INT: return "BIGINT";
	case DB_REAL: return e == DB_PGSQL ? "DOUBLE PRECISION" : "REAL";
	case DB_DECIMAL: return "NUMERIC(30,10)";
	case DB_DATE: return e == DB_PGSQL ? "TIMESTAMP" : "DATETIME";
	case DB_BOOL: return "BOOLEAN";
	case DB_BLOB: return e == DB_PGSQL ? "BYTEA" : "BLOB";
	default: return "TEXT";
	}
}

static void copy_one(struct db *src, struct db *dst, const struct db_table *t)
{
	struct lr_err err = LR_ERR_INIT;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "CREATE TABLE ");
	db_quote_ident(dst, &sql, t->name);
	strbuf_addstr(&sql, " (");
	const char **cols = xcalloc((size_t)t->ncols, sizeof *cols);
	for (int i = 0; i < t->ncols; i++) {
		cols[i] = t->cols[i].name;
		if (i)
			strbuf_addstr(&sql, ", ");
		db_quote_ident(dst, &sql, t->cols[i].name);
		strbuf_addf(&sql, " %s", type_for(db_engine(dst), t->cols[i].kind));
	}
	strbuf_addstr(&sql, ")");
	if (db_exec(dst, strbuf_str(&sql), NULL, 0, NULL, &err) < 0)
		fail_msg("%s: %s", strbuf_str(&sql), err.msg);
	strbuf_reset(&sql);
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
	if (db_query(src, strbuf_str(&sql), NULL, 0, &c, &err) < 0)
		fail_msg("%s: %s", strbuf_str(&sql), err.msg);
	if (db_load_begin(dst, t->name, cols, t->ncols, &ld, &err) < 0)
		fail_msg("load %s: %s", t->name, err.msg);
	struct db_value *v = xcalloc((size_t)t->ncols, sizeof *v);
	int rc;
	while ((rc = db_next(c, &err)) == 1) {
		for (int i = 0; i < t->ncols; i++)
			db_get(c, i, &v[i]);
		if (db_load_row(ld, v, &err) < 0)
			fail_msg("load %s: %s", t->name, err.msg);
	}
	if (rc < 0)
		fail_msg("read %s: %s", t->name, err.msg);
	db_cursor_close(c);
	if (db_load_end(ld, 1, &err) < 0)
		fail_msg("load %s: %s", t->name, err.msg);
	free(v);
	free(cols);
	strbuf_release(&sql);
}

int fc_copy_tables(struct db *src, struct db *dst, const char *const *tables, int n)
{
	struct lr_err err = LR_ERR_INIT;
	int copied = 0;
	for (int i = 0; i < n; i++) {
		const struct db_table *t = db_table_find(src, tables[i]);
		if (!t)
			continue;
		copy_one(src, dst, t);
		copied++;
	}
	if (db_catalog_reload(dst, &err) < 0)
		fail_msg("catalog: %s", err.msg);
	return copied;
}

json_t *fc_inspect_json(const char *target)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "inspect", target, "--json", NULL);
	if (rc < 0 || rc > 2)
		fail_msg("inspect %s: exit %d: %s", target, rc, strbuf_str(&err));
	json_error_t jerr;
	json_t *doc = json_loads(strbuf_str(&out), 0, &jerr);
	if (!doc)
		fail_msg("inspect %s: exit %d, output not JSON (%s); stderr: %.600s", target, rc, jerr.text,
			 strbuf_str(&err));
	assert_int_equal(json_integer_value(json_object_get(doc, "exitCode")), rc);
	strbuf_release(&out);
	strbuf_release(&err);
	return doc;
}

const json_t *fc_site(const json_t *doc, const char *friendly_url)
{
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(doc, "sites"), i, s) {
		const char *f = json_string_value(json_object_get(s, "friendlyURL"));
		if (f && !strcmp(f, friendly_url))
			return s;
	}
	fail_msg("no site %s in the report", friendly_url);
	return NULL;
}

static int64_t ival(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

void fc_assert_site(const json_t *site, const char *type, int64_t pages, int64_t articles, int64_t versions,
		    int64_t docs, int64_t doc_versions, int64_t users, const char *last_modified)
{
	assert_string_equal(json_string_value(json_object_get(site, "type")), type);
	assert_int_equal(ival(site, "pages"), pages);
	assert_int_equal(ival(site, "articles"), articles);
	assert_int_equal(ival(site, "articleVersions"), versions);
	assert_int_equal(ival(site, "documents"), docs);
	assert_int_equal(ival(site, "documentVersions"), doc_versions);
	assert_int_equal(ival(site, "users"), users);
	const char *lm = json_string_value(json_object_get(site, "lastModified"));
	if (!last_modified) {
		assert_null(lm);
		return;
	}
	assert_non_null(lm);
	assert_true(strlen(lm) >= 19);
	assert_memory_equal(lm, last_modified, 19);
}
