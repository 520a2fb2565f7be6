/* An SQLite Liferay database built in the test from the rows of the 6.2
 * fixture lr62-mysql-openunderwriter (read from MariaDB through the db
 * interface): inspect reports version, row counts, company and per-site
 * content exactly, including organization sites and user personal sites. */
#include "testlib.h"
#include "fixture_copy.h"
#include <stdio.h>
#include <string.h>

static void inspect_sqlite_copy_of_62_fixture(void **state)
{
	(void)state;
	char dbname[128], uri[1024], path[4200];
	tl_fixture("lr62-mysql-openunderwriter.sql.xz");
	struct db *src = tl_open(tl_mysql_db_uri(tl_fixture_dbname("lr62-mysql-openunderwriter.sql.xz", dbname,
								     sizeof dbname), uri, sizeof uri));
	snprintf(path, sizeof path, "%s/openunderwriter.db", tl_tmpdir());
	remove(path);
	struct db *db = tl_open(path);
	assert_int_equal(fc_copy_tables(src, db, fc_core_tables, fc_ncore_tables), 17);
	db_close(db);
	db_close(src);

	json_t *doc = fc_inspect_json(path);
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "database"), "engine")), "sqlite");
	const json_t *lf = json_object_get(doc, "liferay");
	assert_int_equal(json_integer_value(json_object_get(lf, "buildNumber")), 6200);
	assert_string_equal(json_string_value(json_object_get(lf, "label")), "6.2 CE GA1");
	assert_string_equal(json_string_value(json_object_get(lf, "line")), "6.2");
	assert_true(json_is_true(json_object_get(lf, "upgradeSupported")));
	assert_int_equal(json_integer_value(json_object_get(doc, "tableCount")), 17);
	static const struct { const char *t; int64_t n; } rows[] = {
		{ "Group_", 39 }, { "Layout", 79 }, { "User_", 20 }, { "Company", 1 }, { "JournalArticle", 28 },
		{ "DLFileEntry", 445 }, { "DLFileVersion", 472 }, { "AssetEntry", 1945 },
		{ "ResourcePermission", 3418 }, { "Release_", 3 },
	};
	const json_t *rc = json_object_get(doc, "rowCounts");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(json_integer_value(json_object_get(rc, rows[i].t)), rows[i].n);

	const json_t *co = json_array_get(json_object_get(doc, "companies"), 0);
	assert_int_equal(json_integer_value(json_object_get(co, "companyId")), 10157);
	assert_string_equal(json_string_value(json_object_get(co, "webId")), "openunderwriter.org");
	assert_string_equal(json_string_value(json_object_get(co, "name")), "OpenUnderwriter");
	assert_int_equal(json_integer_value(json_object_get(co, "groups")), 39);
	assert_int_equal(json_integer_value(json_object_get(co, "users")), 20);

	/* 34 groups hold a site, a template or content; 5 do not (the shared
	 * personal-site group, a user without pages, two organizations without
	 * a site, a page scope) */
	assert_int_equal(json_array_size(json_object_get(doc, "sites")), 34);
	assert_int_equal(json_integer_value(json_object_get(doc, "groupsNotListed")), 5);
	fc_assert_site(fc_site(doc, "/guest"), "regular", 6, 4, 4, 0, 0, 5, "2014-04-19 09:26:38");
	fc_assert_site(fc_site(doc, "/oq"), "regular", 8, 4, 8, 7, 7, 6, "2014-05-02 06:20:35");
	fc_assert_site(fc_site(doc, "/oa"), "regular", 8, 2, 2, 0, 0, 11, "2014-04-27 12:38:42");
	fc_assert_site(fc_site(doc, "/global"), "company (global)", 0, 0, 0, 419, 445, 0, "2014-05-02 12:27:59");
	fc_assert_site(fc_site(doc, "/openactuary"), "organization", 0, 0, 0, 5, 6, 5, "2013-12-03 17:39:33");
	fc_assert_site(fc_site(doc, "/adam"), "user personal", 2, 0, 0, 0, 0, 1, "2013-12-02 17:19:41");
	fc_assert_site(fc_site(doc, "/irishbrokerpi"), "regular", 5, 7, 7, 5, 5, 1, "2014-04-23 07:07:01");
	fc_assert_site(fc_site(doc, "/control_panel"), "regular", 1, 0, 0, 0, 0, 0, "2013-12-02 17:18:25");
	/* 6.2 names these groups by an id: the report shows the owner's name */
	static const struct { const char *url, *name; } names[] = {
		{ "/openactuary", "OpenUnderwriter" }, { "/adam", "adam" }, { "/global", "Global" },
		{ "/template-10319", "Blog" }, { "/template-10378", "Intranet Site" }, { "/guest", "Guest" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_string_equal(json_string_value(json_object_get(fc_site(doc, names[i].url), "name")),
				    names[i].name);

	/* the text report renders the same data */
	struct strbuf out = STRBUF_INIT;
	int code = tl_run(&out, NULL, "inspect", path, "--top", "3", NULL);
	assert_int_equal(code, json_integer_value(json_object_get(doc, "exitCode")));
	const char *t = strbuf_str(&out);
	assert_non_null(strstr(t, "6.2 CE GA1 (build 6200"));
	assert_non_null(strstr(t, "supported: 6.2 upgrades directly to 7.2"));
	assert_non_null(strstr(t, "Tables (largest 3 of 17; --top 0 for all)"));
	assert_non_null(strstr(t, "Sites (34; 5 other groups without a site or content not listed)"));
	assert_non_null(strstr(t, "verdict: "));
	strbuf_release(&out);
	json_decref(doc);

	/* a staging group of /guest, shaped as Liferay 6.2 writes it (a Group_
	 * row of class Group whose liveGroupId is the live site), with a page */
	struct lr_err err = LR_ERR_INIT;
	db = tl_open(path);
	assert_int_equal(db_exec(db, "INSERT INTO Group_ (groupId, companyId, creatorUserId, classNameId, classPK,"
				 " parentGroupId, liveGroupId, name, friendlyURL, site, active_) SELECT 99000, 10157,"
				 " 10161, classNameId, 99000, 0, 10184, '10184 (Staging)', '/guest-staging', 0, 1"
				 " FROM ClassName_ WHERE value = 'com.liferay.portal.model.Group'", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO Layout (plid, groupId, companyId, privateLayout, layoutId,"
				 " modifiedDate) VALUES (99001, 99000, 10157, 0, 1, '2020-01-02 03:04:05')",
				 NULL, 0, NULL, &err), 0);
	db_close(db);
	doc = fc_inspect_json(path);
	const json_t *st = fc_site(doc, "/guest-staging");
	fc_assert_site(st, "staging", 1, 0, 0, 0, 0, 0, "2020-01-02 03:04:05");
	assert_int_equal(json_integer_value(json_object_get(st, "liveGroupId")), 10184);
	assert_int_equal(json_array_size(json_object_get(doc, "sites")), 35);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "rowCounts"), "Group_")), 40);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inspect_sqlite_copy_of_62_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
