/* `lrprep inspect URI --json` on every MySQL fixture loaded in MariaDB
 * reports the version, the table count and the row counts exactly as
 * ../shared/fixtures/README.md (Summary) lists them. */
#include "testlib.h"
#include <jansson.h>
#include <string.h>
#include <strings.h>

struct fixture {
	const char *file;
	int build;
	const char *line, *label, *schema; /* schema NULL: no schemaVersion */
	int tables;
	/* Group_, Layout, User_, Company, JournalArticle, DLFileEntry, DLFileVersion,
	 * AssetEntry, ResourcePermission, Release_ */
	int64_t rows[10];
};

static const char *const counted[10] = {
	"Group_", "Layout", "User_", "Company", "JournalArticle", "DLFileEntry", "DLFileVersion",
	"AssetEntry", "ResourcePermission", "Release_",
};

static const struct fixture fixtures[] = {
	{ "lr61-mysql-openquote.sql.xz", 6101, "6.1", "6.1 CE GA2", NULL, 183,
	  { 20, 35, 6, 1, 15, 333, 1201, 763, 2179, 1 } },
	{ "lr61-mysql-viking.sql.xz", 6102, "6.1", "6.1 CE GA3", NULL, 183,
	  { 10, 16, 2, 1, 3, 13, 13, 49, 510, 2 } },
	{ "lr62-mysql-openunderwriter.sql.xz", 6200, "6.2", "6.2 CE GA1", NULL, 207,
	  { 39, 79, 20, 1, 28, 445, 472, 1945, 3418, 3 } },
	{ "lr62-mysql-openncp.sql.xz", 6205, "6.2", "6.2 CE GA6", NULL, 211,
	  { 131, 23, 107, 1, 0, 0, 0, 129, 667, 6 } },
	{ "lr62ee-mysql-migratetools.sql.xz", 6210, "6.2", "6.2 EE", NULL, 214,
	  { 10, 12, 2, 1, 0, 0, 0, 13, 466, 7 } },
	{ "lr62-mysql-juyee.sql.xz", 6205, "6.2", "6.2 CE GA6", NULL, 219,
	  { 24, 50, 3, 1, 0, 0, 0, 66, 786, 6 } },
	{ "lr71-mysql-formsdemo.sql.xz", 7100, "7.1", "7.1 CE GA1", "2.0.1", 245,
	  { 11, 18, 2, 1, 8, 38, 41, 143, 1772, 171 } },
};

/* Row count of a table in the report's "tables" array (any spelling). */
static int64_t table_rows(const json_t *doc, const char *name)
{
	size_t i;
	const json_t *t;
	json_array_foreach(json_object_get(doc, "tables"), i, t) {
		if (!strcasecmp(json_string_value(json_object_get(t, "name")), name))
			return json_integer_value(json_object_get(t, "rows"));
	}
	fail_msg("table %s not in the report", name);
	return -1;
}

static void inspect_fixture(void **state)
{
	const struct fixture *fx = *state;
	char dbname[128], uri[1024];
	tl_fixture(fx->file);
	tl_mysql_db_uri(tl_fixture_dbname(fx->file, dbname, sizeof dbname), uri, sizeof uri);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "inspect", uri, "--json", NULL);
	if (rc < 0 || rc > 2)
		fail_msg("%s: exit %d: %s", fx->file, rc, strbuf_str(&err));
	json_error_t jerr;
	json_t *doc = json_loads(strbuf_str(&out), 0, &jerr);
	if (!doc)
		fail_msg("%s: exit %d, output not JSON (%s); stderr: %.600s", fx->file, rc, jerr.text,
			 strbuf_str(&err));
	assert_int_equal(json_integer_value(json_object_get(doc, "exitCode")), rc);
	assert_string_equal(json_string_value(json_object_get(doc, "command")), "inspect");
	assert_int_equal(json_integer_value(json_object_get(doc, "schemaVersion")), 1);
	const json_t *d = json_object_get(doc, "database");
	assert_string_equal(json_string_value(json_object_get(d, "engine")), "mariadb");
	assert_null(strstr(strbuf_str(&out), "lrtest")); /* the password is never printed */

	const json_t *lf = json_object_get(doc, "liferay");
	assert_int_equal(json_integer_value(json_object_get(lf, "buildNumber")), fx->build);
	assert_string_equal(json_string_value(json_object_get(lf, "line")), fx->line);
	assert_string_equal(json_string_value(json_object_get(lf, "label")), fx->label);
	if (fx->schema)
		assert_string_equal(json_string_value(json_object_get(lf, "schemaVersion")), fx->schema);
	else
		assert_true(json_is_null(json_object_get(lf, "schemaVersion")));

	assert_int_equal(json_integer_value(json_object_get(doc, "tableCount")), fx->tables);
	assert_int_equal(json_array_size(json_object_get(doc, "tables")), (size_t)fx->tables);
	const json_t *rc_obj = json_object_get(doc, "rowCounts");
	for (int i = 0; i < 10; i++) {
		int64_t got = json_integer_value(json_object_get(rc_obj, counted[i]));
		if (got != fx->rows[i])
			fail_msg("%s: %s has %lld rows, README says %lld", fx->file, counted[i], (long long)got,
				 (long long)fx->rows[i]);
		assert_int_equal(table_rows(doc, counted[i]), fx->rows[i]);
	}
	const json_t *rel = json_object_get(doc, "release");
	assert_int_equal(json_integer_value(json_object_get(rel, "rows")), fx->rows[9]);
	assert_int_equal(json_array_size(json_object_get(doc, "companies")), 1);
	/* every table is sized by MariaDB, and the shares add up to 1 */
	assert_string_equal(json_string_value(json_object_get(doc, "shareOf")), "bytes");
	double sum = 0;
	size_t i;
	const json_t *t;
	json_array_foreach(json_object_get(doc, "tables"), i, t) sum += json_real_value(json_object_get(t, "share"));
	assert_true(sum > 0.999 && sum < 1.001);
	json_decref(doc);
	strbuf_release(&out);
	strbuf_release(&err);
}

int main(void)
{
	struct CMUnitTest tests[sizeof fixtures / sizeof fixtures[0]];
	for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
		struct CMUnitTest t = { fixtures[i].file, inspect_fixture, NULL, NULL, (void *)&fixtures[i] };
		tests[i] = t;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
