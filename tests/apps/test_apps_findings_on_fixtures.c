/* The findings apps reports on the real 6.2 fixtures, exactly: outdated
 * Marketplace plugins against the catalogue, plugin tables without a
 * Release_ row, and plugins lrprep does not know. */
#include "apps_testlib.h"
#include "liferay/apps.h"
#include <stdio.h>
#include <string.h>

struct want {
	const char *id;
	enum lr_sev sev;
	const char *subject;
};

static void expect(const char *fixture, const struct want *w, int n, enum lr_sev worst)
{
	char uri[512];
	struct db *db = tl_open(ta_fixture_uri(fixture, uri, sizeof uri));
	struct lr_version v;
	ta_version(db, &v);
	struct lr_apps a;
	struct lr_err err = LR_ERR_INIT;
	if (lr_apps_analyze(db, &v, &a, &err) < 0)
		fail_msg("%s", err.msg);
	for (int i = 0; i < a.nf; i++)
		print_message("%s %s %s\n", a.f[i].id, lr_sev_name(a.f[i].sev), a.f[i].subject);
	assert_int_equal(a.nf, n);
	for (int i = 0; i < n; i++) {
		assert_string_equal(a.f[i].id, w[i].id);
		assert_int_equal(a.f[i].sev, w[i].sev);
		assert_string_equal(a.f[i].subject, w[i].subject);
	}
	assert_int_equal(a.worst, worst);
	lr_apps_free(&a);
	db_close(db);
}

static void openncp(void **s)
{
	(void)s;
	static const struct want w[] = {
		{ "apps.marketplace.current", LR_SEV_NOTICE, "calendar-portlet" },
		{ "apps.marketplace.current", LR_SEV_NOTICE, "kaleo-web" },
		{ "apps.release.outdated", LR_SEV_WARNING, "marketplace-portlet" },
		{ "apps.release.outdated", LR_SEV_WARNING, "notifications-portlet" },
		{ "apps.release.outdated", LR_SEV_WARNING, "sync-web" },
		{ "apps.plugin.no-release", LR_SEV_NOTICE, "OpenSocial" },
	};
	expect("lr62-mysql-openncp.sql.xz", w, 6, LR_SEV_WARNING);
}

static void migratetools(void **s)
{
	(void)s;
	static const struct want w[] = {
		{ "apps.marketplace.current", LR_SEV_NOTICE, "calendar-portlet" },
		{ "apps.marketplace.current", LR_SEV_NOTICE, "kaleo-forms-portlet" },
		{ "apps.marketplace.current", LR_SEV_NOTICE, "kaleo-web" },
		{ "apps.marketplace.current", LR_SEV_NOTICE, "marketplace-portlet" },
		{ "apps.marketplace.current", LR_SEV_NOTICE, "notifications-portlet" },
		{ "apps.marketplace.current", LR_SEV_NOTICE, "sync-web" },
		{ "apps.plugin.no-release", LR_SEV_WARNING, "KaleoDesigner" },
		{ "apps.plugin.no-release", LR_SEV_NOTICE, "OAuth" },
		{ "apps.plugin.no-release", LR_SEV_NOTICE, "OpenSocial" },
	};
	expect("lr62ee-mysql-migratetools.sql.xz", w, 9, LR_SEV_WARNING);
}

static void openunderwriter(void **s)
{
	(void)s;
	/* Calendar and Sync tables were created, but their Release_ rows are gone */
	static const struct want w[] = {
		{ "apps.marketplace.current", LR_SEV_NOTICE, "kaleo-web" },
		{ "apps.release.outdated", LR_SEV_WARNING, "marketplace-portlet" },
		{ "apps.plugin.no-release", LR_SEV_WARNING, "Sync" },
		{ "apps.plugin.no-release", LR_SEV_WARNING, "Calendar" },
		{ "apps.plugin.no-release", LR_SEV_NOTICE, "OpenSocial" },
	};
	expect("lr62-mysql-openunderwriter.sql.xz", w, 5, LR_SEV_WARNING);
}

static void juyee(void **s)
{
	(void)s;
	/* two custom plugins (oa, sys) beside the Marketplace ones */
	static const struct want w[] = {
		{ "apps.marketplace.current", LR_SEV_NOTICE, "calendar-portlet" },
		{ "apps.marketplace.current", LR_SEV_NOTICE, "kaleo-web" },
		{ "apps.release.outdated", LR_SEV_WARNING, "marketplace-portlet" },
		{ "apps.release.outdated", LR_SEV_WARNING, "notifications-portlet" },
		{ "apps.release.outdated", LR_SEV_WARNING, "sync-web" },
		{ "apps.plugin.no-release", LR_SEV_NOTICE, "OpenSocial" },
		{ "apps.plugin.unknown", LR_SEV_NOTICE, "sys" },
		{ "apps.plugin.unknown", LR_SEV_NOTICE, "oa" },
	};
	expect("lr62-mysql-juyee.sql.xz", w, 8, LR_SEV_WARNING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(openncp), cmocka_unit_test(migratetools),
		cmocka_unit_test(openunderwriter), cmocka_unit_test(juyee),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
