/* A PostgreSQL Liferay database built in the test from the rows of the 7.1
 * fixture (lr71-mysql-formsdemo, read from MariaDB through the db
 * interface): inspect reports its version, tables, row counts, companies
 * and sites exactly. */
#include "testlib.h"
#include "fixture_copy.h"
#include <string.h>

static void inspect_postgresql_copy_of_71_fixture(void **state)
{
	(void)state;
	char dbname[128], uri[1024];
	tl_fixture("lr71-mysql-formsdemo.sql.xz");
	struct db *src = tl_open(tl_mysql_db_uri(tl_fixture_dbname("lr71-mysql-formsdemo.sql.xz", dbname,
								     sizeof dbname), uri, sizeof uri));
	struct lr_err err = LR_ERR_INIT;
	struct db *srv = tl_open(tl_pg_uri());
	assert_int_equal(db_exec(srv, "DROP DATABASE IF EXISTS t_inspect_pg71", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_exec(srv, "CREATE DATABASE t_inspect_pg71", NULL, 0, NULL, &err), 0);
	db_close(srv);
	tl_pg_db_uri("t_inspect_pg71", uri, sizeof uri);
	struct db *dst = tl_open(uri);
	assert_int_equal(fc_copy_tables(src, dst, fc_core_tables, fc_ncore_tables), 17);
	db_close(dst);
	db_close(src);

	json_t *doc = fc_inspect_json(uri);
	const json_t *d = json_object_get(doc, "database");
	assert_string_equal(json_string_value(json_object_get(d, "engine")), "postgresql");
	const json_t *lf = json_object_get(doc, "liferay");
	assert_int_equal(json_integer_value(json_object_get(lf, "buildNumber")), 7100);
	assert_string_equal(json_string_value(json_object_get(lf, "label")), "7.1 CE GA1");
	assert_string_equal(json_string_value(json_object_get(lf, "schemaVersion")), "2.0.1");
	assert_true(json_is_true(json_object_get(lf, "verified")));
	assert_int_equal(json_integer_value(json_object_get(doc, "tableCount")), 17);
	static const struct { const char *t; int64_t n; } rows[] = {
		{ "Group_", 11 }, { "Layout", 18 }, { "User_", 2 }, { "Company", 1 }, { "JournalArticle", 8 },
		{ "DLFileEntry", 38 }, { "DLFileVersion", 41 }, { "AssetEntry", 143 },
		{ "ResourcePermission", 1772 }, { "Release_", 171 },
	};
	const json_t *rc = json_object_get(doc, "rowCounts");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(json_integer_value(json_object_get(rc, rows[i].t)), rows[i].n);

	const json_t *co = json_array_get(json_object_get(doc, "companies"), 0);
	assert_int_equal(json_array_size(json_object_get(doc, "companies")), 1);
	assert_int_equal(json_integer_value(json_object_get(co, "companyId")), 20099);
	assert_string_equal(json_string_value(json_object_get(co, "webId")), "liferay.com");
	assert_string_equal(json_string_value(json_object_get(co, "name")), "Liferay");
	assert_int_equal(json_integer_value(json_object_get(co, "groups")), 11);
	assert_int_equal(json_integer_value(json_object_get(co, "users")), 2);

	assert_int_equal(json_array_size(json_object_get(doc, "sites")), 10);
	assert_int_equal(json_integer_value(json_object_get(doc, "groupsNotListed")), 1);
	const json_t *guest = fc_site(doc, "/guest");
	assert_string_equal(json_string_value(json_object_get(guest, "name")), "Guest");
	fc_assert_site(guest, "regular", 5, 3, 8, 25, 28, 1, "2018-11-07 11:38:54");
	fc_assert_site(fc_site(doc, "/global"), "company (global)", 0, 0, 0, 1, 1, 0, "2018-10-16 20:59:31");
	fc_assert_site(fc_site(doc, "/victor"), "user personal", 2, 0, 0, 12, 12, 1, "2018-10-22 20:01:11");
	fc_assert_site(fc_site(doc, "/template-36063"), "site template", 3, 0, 0, 0, 0, 0, "2018-09-20 18:17:51");
	fc_assert_site(fc_site(doc, "/template-20160"), "page template", 1, 0, 0, 0, 0, 0, "2018-09-20 18:16:44");
	assert_string_equal(json_string_value(json_object_get(fc_site(doc, "/template-20160"), "name")), "Search");
	/* 7.1 user groups have no name: the owner's screen name is shown */
	assert_string_equal(json_string_value(json_object_get(fc_site(doc, "/victor"), "name")), "victor");
	assert_string_equal(json_string_value(json_object_get(fc_site(doc, "/global"), "name")), "Global");

	const json_t *rel = json_object_get(doc, "release");
	assert_int_equal(json_integer_value(json_object_get(rel, "rows")), 171);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inspect_postgresql_copy_of_71_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
