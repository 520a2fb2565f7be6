/* apps lists every Release_ row of every real fixture, with its values
 * (fixtures/README.md names them: kaleo-web 110, calendar-portlet 102 ...). */
#include "apps_testlib.h"
#include "liferay/apps.h"
#include <stdio.h>
#include <string.h>

struct row {
	const char *name;
	long long build;
	const char *schema; /* NULL: SQL NULL */
	int verified;
};

/* copy 0: the MariaDB fixture database itself; copy 1: its SQLite copy */
static void analyze(const char *fixture, int sqlite, struct lr_apps *a)
{
	char name[64], uri[512];
	snprintf(name, sizeof name, "fx_%.20s", fixture + 5);
	struct db *db = tl_open(sqlite ? ta_fixture_copy(fixture, name) : ta_fixture_uri(fixture, uri, sizeof uri));
	struct lr_version v;
	ta_version(db, &v);
	struct lr_err err = LR_ERR_INIT;
	if (lr_apps_analyze(db, &v, a, &err) < 0)
		fail_msg("%s: %s", fixture, err.msg);
	db_close(db);
}

static const struct lr_release *find(const struct lr_apps *a, const char *name)
{
	for (int i = 0; i < a->nrel; i++)
		if (!strcmp(a->rel[i].name, name))
			return &a->rel[i];
	fail_msg("no Release_ row %s", name);
	return NULL;
}

/* Every row, in the report's order (portal first, then by name). */
static void expect_rows(const char *fixture, const struct row *rows, int n)
{
	for (int sqlite = 0; sqlite < 2; sqlite++) {
	struct lr_apps a;
	analyze(fixture, sqlite, &a);
	assert_int_equal(a.nrel, n);
	for (int i = 0; i < n; i++) {
		assert_string_equal(a.rel[i].name, rows[i].name);
		assert_int_equal(a.rel[i].build, rows[i].build);
		assert_int_equal(a.rel[i].verified, rows[i].verified);
		assert_int_equal(a.rel[i].state, 0);
		if (rows[i].schema)
			assert_string_equal(a.rel[i].schema, rows[i].schema);
		else
			assert_null(a.rel[i].schema);
	}
	assert_string_equal(a.rel[0].kind, "portal");
	lr_apps_free(&a);
	}
}

static void openquote_61(void **s)
{
	(void)s;
	static const struct row r[] = { { "portal", 6101, NULL, 1 } };
	expect_rows("lr61-mysql-openquote.sql.xz", r, 1);
}

static void viking_61(void **s)
{
	(void)s;
	static const struct row r[] = { { "portal", 6102, NULL, 1 },
					{ "marketplace-portlet", 100, NULL, 1 } };
	expect_rows("lr61-mysql-viking.sql.xz", r, 2);
}

static void openunderwriter_62(void **s)
{
	(void)s;
	static const struct row r[] = { { "portal", 6200, NULL, 1 },
					{ "kaleo-web", 110, NULL, 1 },
					{ "marketplace-portlet", 100, NULL, 1 } };
	expect_rows("lr62-mysql-openunderwriter.sql.xz", r, 3);
}

static void openncp_62(void **s)
{
	(void)s;
	static const struct row r[] = { { "portal", 6205, NULL, 1 },
					{ "calendar-portlet", 102, NULL, 1 },
					{ "kaleo-web", 110, NULL, 1 },
					{ "marketplace-portlet", 100, NULL, 1 },
					{ "notifications-portlet", 110, NULL, 1 },
					{ "sync-web", 101, NULL, 1 } };
	expect_rows("lr62-mysql-openncp.sql.xz", r, 6);
}

static void juyee_62(void **s)
{
	(void)s;
	static const struct row r[] = { { "portal", 6205, NULL, 1 },
					{ "calendar-portlet", 102, NULL, 1 },
					{ "kaleo-web", 110, NULL, 1 },
					{ "marketplace-portlet", 100, NULL, 1 },
					{ "notifications-portlet", 110, NULL, 1 },
					{ "sync-web", 101, NULL, 1 } };
	expect_rows("lr62-mysql-juyee.sql.xz", r, 6);
}

static void migratetools_62ee(void **s)
{
	(void)s;
	static const struct row r[] = { { "portal", 6210, NULL, 1 },
					{ "calendar-portlet", 102, NULL, 1 },
					{ "kaleo-forms-portlet", 100, NULL, 1 },
					{ "kaleo-web", 110, NULL, 1 },
					{ "marketplace-portlet", 101, NULL, 1 },
					{ "notifications-portlet", 130, NULL, 1 },
					{ "sync-web", 102, NULL, 1 } };
	expect_rows("lr62ee-mysql-migratetools.sql.xz", r, 7);
}

static void formsdemo_71(void **s)
{
	(void)s;
	for (int sqlite = 0; sqlite < 2; sqlite++) {
	struct lr_apps a;
	analyze("lr71-mysql-formsdemo.sql.xz", sqlite, &a);
	assert_int_equal(a.nrel, 171);
	int null_schema = 0, verified = 0;
	long long builds = 0;
	for (int i = 0; i < a.nrel; i++) {
		null_schema += a.rel[i].schema == NULL;
		verified += a.rel[i].verified;
		builds += a.rel[i].build;
		assert_int_equal(a.rel[i].state, 0);
	}
	/* counted in MariaDB: sum(schemaVersion is null), sum(verified), sum(buildNumber) */
	assert_int_equal(null_schema, 14);
	assert_int_equal(verified, 24);
	assert_int_equal(builds, 7305);
	const struct lr_release *r = &a.rel[0];
	assert_string_equal(r->name, "portal");
	assert_int_equal(r->build, 7100);
	assert_string_equal(r->schema, "2.0.1");
	r = find(&a, "com.liferay.journal.service");
	assert_string_equal(r->schema, "1.1.5");
	assert_int_equal(r->build, 3);
	assert_string_equal(r->kind, "bundle");
	r = find(&a, "com.liferay.portal.workflow.kaleo.service");
	assert_string_equal(r->schema, "1.4.1");
	assert_string_equal(r->app->app, "Kaleo");
	r = find(&a, "com.liferay.calendar.service");
	assert_string_equal(r->schema, "3.0.0");
	assert_string_equal(r->app->app, "Calendar");
	r = find(&a, "com.liferay.notifications.web");
	assert_string_equal(r->schema, "2.1.0");
	assert_string_equal(r->status, "ok");
	r = find(&a, "opensocial-portlet");
	assert_null(r->schema);
	assert_int_equal(r->build, 100);
	assert_string_equal(r->kind, "war");
	r = find(&a, "com.liferay.portal.security.ldap");
	assert_string_equal(r->kind, "verify-only");
	assert_int_equal(r->verified, 1);
	assert_int_equal(a.nf, 0);
	assert_int_equal(a.worst, LR_SEV_NONE);
	lr_apps_free(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(openquote_61),      cmocka_unit_test(viking_61),
		cmocka_unit_test(openunderwriter_62), cmocka_unit_test(openncp_62),
		cmocka_unit_test(juyee_62),          cmocka_unit_test(migratetools_62ee),
		cmocka_unit_test(formsdemo_71),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
