/* Version detection from Release_ (liferay-domain.md §3): every build number
 * range, the portal row lookup, state_/verified/schemaVersion, lowercase
 * table names, and the errors for databases that are not Liferay. */
#include "testlib.h"
#include "liferay/version.h"
#include <stdio.h>
#include <string.h>

static int dbseq;

static struct db *fresh(void)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/v%d.db", tl_tmpdir(), ++dbseq);
	remove(path);
	return tl_open(path);
}

static void exec(struct db *db, const char *sql)
{
	struct lr_err err = LR_ERR_INIT;
	if (db_exec(db, sql, NULL, 0, NULL, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
}

/* A 7.x-shaped Release_ (schemaVersion, state_) plus Group_ and Company. */
static struct db *liferay_db(int build, const char *schema, const char *state)
{
	struct db *db = fresh();
	exec(db, "CREATE TABLE Release_ (mvccVersion bigint, releaseId bigint PRIMARY KEY, createDate datetime,"
		 " modifiedDate datetime, servletContextName varchar(75), schemaVersion varchar(75),"
		 " buildNumber int, buildDate datetime, verified tinyint, state_ int, testString varchar(1024));"
		 "CREATE TABLE Group_ (groupId bigint PRIMARY KEY, name varchar(150));"
		 "CREATE TABLE Company (companyId bigint PRIMARY KEY, webId varchar(75))");
	struct db_value v[4] = { db_text(schema), db_int(build), db_int(1), db_text(state) };
	struct lr_err err = LR_ERR_INIT;
	/* a module row first, so the portal row must be found by name */
	exec(db, "INSERT INTO Release_ VALUES (0, 30100, NULL, NULL, 'com.liferay.journal.service', '1.1.5', 0,"
		 " NULL, 1, 0, NULL)");
	assert_int_equal(db_exec(db, "INSERT INTO Release_ VALUES (0, 1, '2018-09-20 10:00:00', NULL, 'portal', ?, ?,"
				 " '2018-07-02 00:00:00', ?, ?, 'You take the blue pill')", v, 4, NULL, &err), 0);
	return db;
}

static const struct expect {
	int build;
	enum lr_line line;
	int ee;
	const char *label;
	int supported;
	int is7x;
} expects[] = {
	{ 5203, LR_LINE_OLDER, 0, "older than 6.1 (build 5203)", 0, 0 },
	{ 6100, LR_LINE_61, 0, "6.1 CE GA1", 0, 0 },
	{ 6101, LR_LINE_61, 0, "6.1 CE GA2", 0, 0 },
	{ 6102, LR_LINE_61, 0, "6.1 CE GA3", 0, 0 },
	{ 6110, LR_LINE_61, 1, "6.1 EE (build 6110)", 0, 0 },
	{ 6200, LR_LINE_62, 0, "6.2 CE GA1", 1, 0 },
	{ 6203, LR_LINE_62, 0, "6.2 CE GA4", 1, 0 },
	{ 6205, LR_LINE_62, 0, "6.2 CE GA6", 1, 0 },
	{ 6210, LR_LINE_62, 1, "6.2 EE", 1, 0 },
	{ 6206, LR_LINE_62, 0, "6.2 CE (build 6206)", 1, 0 },
	{ 6500, LR_LINE_UNKNOWN, 0, "unknown (build 6500)", 0, 0 },
	{ 7000, LR_LINE_70, 0, "7.0 CE GA1", 1, 1 },
	{ 7002, LR_LINE_70, 0, "7.0 CE GA3", 1, 1 },
	{ 7006, LR_LINE_70, 0, "7.0 CE GA7", 1, 1 },
	{ 7010, LR_LINE_70, 1, "DXP 7.0", 1, 1 },
	{ 7100, LR_LINE_71, 0, "7.1 CE GA1", 1, 1 },
	{ 7102, LR_LINE_71, 0, "7.1 CE GA3", 1, 1 },
	{ 7110, LR_LINE_71, 1, "DXP 7.1", 1, 1 },
	{ 7200, LR_LINE_72, 0, "7.2 CE GA1", 0, 1 },
	{ 7201, LR_LINE_72, 0, "7.2 CE GA2", 0, 1 },
	{ 7210, LR_LINE_72, 1, "DXP 7.2", 0, 1 },
	{ 7300, LR_LINE_73, 0, "7.3 CE GA1", 0, 1 },
	{ 7305, LR_LINE_73, 0, "7.3 CE GA6", 0, 1 },
	{ 7310, LR_LINE_73, 1, "DXP 7.3", 0, 1 },
	{ 7400, LR_LINE_74, 0, "7.4 CE GA1", 0, 1 },
	{ 7403, LR_LINE_74, 0, "7.4 CE GA4", 0, 1 },
	{ 7410, LR_LINE_74, 1, "DXP 7.4", 0, 1 },
	{ 7413, LR_LINE_74, 1, "DXP 7.4", 0, 1 },
	{ 7420, LR_LINE_74, 1, "DXP 7.4 (build 7420)", 0, 1 },
	{ 7600, LR_LINE_NEWER, 0, "newer than 7.4 (build 7600)", 0, 1 },
};

static void every_build_number_range(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof expects / sizeof expects[0]; i++) {
		const struct expect *e = &expects[i];
		struct db *db = liferay_db(e->build, "2.0.1", "0");
		struct lr_version v;
		struct lr_err err = LR_ERR_INIT;
		assert_int_equal(lr_version_detect(db, &v, &err), 0);
		assert_int_equal(v.build_number, e->build);
		assert_int_equal(v.line, e->line);
		assert_int_equal(v.ee, e->ee);
		assert_string_equal(v.label, e->label);
		assert_int_equal(v.supported, e->supported);
		assert_int_equal(lr_version_is_7x(&v), e->is7x);
		assert_non_null(v.path);
		db_close(db);
	}
}

static void upgrade_path_sentences(void **state)
{
	(void)state;
	static const struct { int build; const char *path; const char *line; } p[] = {
		{ 6101, "6.1 cannot be upgraded to 7.2 directly: upgrade to 7.1 first, then from 7.1 to 7.2", "6.1" },
		{ 5203, "older than 6.1: upgrade to 6.2 first, then from 6.2 to 7.2", "older than 6.1" },
		{ 6210, "supported: 6.2 upgrades directly to 7.2", "6.2" },
		{ 7010, "supported: 7.0 upgrades directly to 7.2", "7.0" },
		{ 7100, "supported: 7.1 upgrades directly to 7.2", "7.1" },
		{ 7210, "already 7.2: nothing to upgrade to reach 7.2", "7.2" },
		{ 7413, "already past 7.2 (7.4): nothing to upgrade to reach 7.2", "7.4" },
	};
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
		struct db *db = liferay_db(p[i].build, NULL, NULL);
		struct lr_version v;
		struct lr_err err = LR_ERR_INIT;
		assert_int_equal(lr_version_detect(db, &v, &err), 0);
		assert_string_equal(v.path, p[i].path);
		assert_string_equal(lr_line_name(v.line), p[i].line);
		db_close(db);
	}
}

static void portal_row_fields(void **state)
{
	(void)state;
	struct db *db = liferay_db(7100, "2.0.1", "1");
	struct lr_version v;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(lr_version_detect(db, &v, &err), 0);
	assert_string_equal(v.schema_version, "2.0.1");
	assert_int_equal(v.has_state, 1);
	assert_int_equal(v.state, 1);
	assert_int_equal(v.verified, 1);
	assert_string_equal(v.build_date, "2018-07-02 00:00:00");
	db_close(db);

	/* 7.0 dumps have state_ NULL on the portal row: that is "good" */
	db = liferay_db(7010, "7.0.10", NULL);
	assert_int_equal(lr_version_detect(db, &v, &err), 0);
	assert_int_equal(v.has_state, 1);
	assert_int_equal(v.state, 0);
	assert_string_equal(v.schema_version, "7.0.10");
	db_close(db);
}

static void lowercase_62_tables_without_schema_version(void **state)
{
	(void)state;
	struct db *db = fresh();
	/* 6.2 shape, lowercase (lower_case_table_names=1 dumps), no servletContextName
	 * match: the portal row is found by releaseId 1 */
	exec(db, "CREATE TABLE release_ (releaseId bigint PRIMARY KEY, createDate datetime, modifiedDate datetime,"
		 " servletContextName varchar(75), buildNumber int, buildDate datetime, verified tinyint,"
		 " state_ int, testString varchar(1024));"
		 "CREATE TABLE group_ (groupId bigint PRIMARY KEY);"
		 "CREATE TABLE company (companyId bigint PRIMARY KEY);"
		 "INSERT INTO release_ VALUES (1, NULL, NULL, 'Portal', 6205, '2015-02-27 00:00:00', 0, 0, '');"
		 "INSERT INTO release_ VALUES (2, NULL, NULL, 'kaleo-web', 110, NULL, 1, 0, '')");
	struct lr_version v;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(lr_version_detect(db, &v, &err), 0);
	assert_int_equal(v.build_number, 6205);
	assert_string_equal(v.label, "6.2 CE GA6");
	assert_string_equal(v.schema_version, "");
	assert_int_equal(v.verified, 0);
	assert_int_equal(v.has_state, 1);
	db_close(db);
}

static void not_liferay_names_what_is_missing(void **state)
{
	(void)state;
	struct lr_version v;
	struct lr_err err = LR_ERR_INIT;
	struct db *db = fresh();
	assert_int_equal(lr_version_detect(db, &v, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_string_equal(err.msg, "no tables: not a Liferay database");
	lr_err_clear(&err);

	exec(db, "CREATE TABLE invoices (id bigint PRIMARY KEY, total double)");
	db_catalog_reload(db, &err);
	assert_int_equal(lr_version_detect(db, &v, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_string_equal(err.msg, "not a Liferay database: no Release_, Group_ or Company table");
	lr_err_clear(&err);

	exec(db, "CREATE TABLE Group_ (groupId bigint); CREATE TABLE Company (companyId bigint)");
	db_catalog_reload(db, &err);
	assert_int_equal(lr_version_detect(db, &v, &err), -1);
	assert_string_equal(err.msg, "not a Liferay database: no Release_ table");
	lr_err_clear(&err);
	db_close(db);

	db = fresh();
	exec(db, "CREATE TABLE Release_ (releaseId bigint, servletContextName varchar(75), buildNumber int)");
	assert_int_equal(lr_version_detect(db, &v, &err), -1);
	assert_string_equal(err.msg, "not a Liferay database: no Group_ or Company table");
	lr_err_clear(&err);
	db_close(db);
}

static void release_without_portal_row(void **state)
{
	(void)state;
	struct db *db = fresh();
	exec(db, "CREATE TABLE Release_ (releaseId bigint, servletContextName varchar(75), buildNumber int);"
		 "CREATE TABLE Group_ (groupId bigint); CREATE TABLE Company (companyId bigint);"
		 "INSERT INTO Release_ VALUES (30100, 'com.liferay.journal.service', 0)");
	struct lr_version v;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(lr_version_detect(db, &v, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_string_equal(err.msg, "Release_ has no portal row (servletContextName 'portal' or releaseId 1): "
				     "Liferay was never installed on this database or the row was removed");
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_build_number_range),
		cmocka_unit_test(upgrade_path_sentences),
		cmocka_unit_test(portal_row_fields),
		cmocka_unit_test(lowercase_62_tables_without_schema_version),
		cmocka_unit_test(not_liferay_names_what_is_missing),
		cmocka_unit_test(release_without_portal_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
