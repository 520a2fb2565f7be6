/* Release_ states that block an upgrade, planted in copies of real
 * databases: on 7.1 a failed module upgrade, a failed verify, an upgrade
 * stopped at a -step- version, a module left at 0.0.x, an outdated app, a
 * 6.2 row that was never renamed, and a ServiceComponent whose table is
 * gone; on 6.2 a failed plugin upgrade, an unverified portal and a plugin
 * whose Release_ row is missing. The command prints the Gogo commands (7.x)
 * and the plugins to update (6.2), and exits 2. */
#include "apps_testlib.h"
#include "liferay/apps.h"
#include <jansson.h>
#include <string.h>

static const struct lr_finding *finding(const struct lr_apps *a, const char *id, const char *subject)
{
	for (int i = 0; i < a->nf; i++)
		if (!strcmp(a->f[i].id, id) && !strcmp(a->f[i].subject, subject))
			return &a->f[i];
	fail_msg("no finding %s on %s", id, subject);
	return NULL;
}

static void plant71(struct db *db)
{
	ta_sql(db, "UPDATE {Release_} SET state_ = 1 WHERE servletContextName = 'com.liferay.journal.service'", NULL, 0);
	ta_sql(db, "UPDATE {Release_} SET state_ = 2 WHERE servletContextName = 'com.liferay.portal.security.ldap'", NULL, 0);
	ta_sql(db, "UPDATE {Release_} SET schemaVersion = '1.1.0-step-2' WHERE servletContextName = 'com.liferay.wiki.service'", NULL, 0);
	ta_sql(db, "UPDATE {Release_} SET schemaVersion = '0.0.1' WHERE servletContextName = 'com.liferay.calendar.service'", NULL, 0);
	ta_sql(db, "UPDATE {Release_} SET schemaVersion = '2.0.1' WHERE servletContextName = 'com.liferay.marketplace.service'", NULL, 0);
	ta_sql(db, "INSERT INTO {Release_} (mvccVersion, releaseId, servletContextName, buildNumber, verified, state_) "
		   "VALUES (0, 99001, 'kaleo-web', 110, 1, 0)", NULL, 0);
	ta_sql(db, "DROP TABLE {KBComment}", NULL, 0);
	struct lr_err err = LR_ERR_INIT;
	if (db_catalog_reload(db, &err) < 0)
		fail_msg("%s", err.msg);
}

static void check71(struct db *db)
{
	struct lr_version v;
	ta_version(db, &v);
	struct lr_apps a;
	struct lr_err err = LR_ERR_INIT;
	if (lr_apps_analyze(db, &v, &a, &err) < 0)
		fail_msg("%s", err.msg);
	for (int i = 0; i < a.nf; i++)
		print_message("%s %s %s\n", a.f[i].id, lr_sev_name(a.f[i].sev), a.f[i].subject);
	assert_int_equal(a.nrel, 172);
	assert_int_equal(a.nf, 7);
	assert_int_equal(finding(&a, "apps.release.upgrade-failed", "com.liferay.journal.service")->sev, LR_SEV_ERROR);
	assert_int_equal(finding(&a, "apps.release.verify-failed", "com.liferay.portal.security.ldap")->sev, LR_SEV_ERROR);
	assert_int_equal(finding(&a, "apps.release.upgrade-step", "com.liferay.wiki.service")->sev, LR_SEV_ERROR);
	assert_int_equal(finding(&a, "apps.release.upgrade-pending", "com.liferay.calendar.service")->sev, LR_SEV_ERROR);
	assert_int_equal(finding(&a, "apps.release.outdated", "com.liferay.marketplace.service")->sev, LR_SEV_WARNING);
	assert_int_equal(finding(&a, "apps.release.legacy-name", "kaleo-web")->sev, LR_SEV_WARNING);
	const struct lr_finding *f = finding(&a, "apps.servicecomponent.tables-missing", "KB");
	assert_int_equal(f->sev, LR_SEV_WARNING);
	assert_non_null(strstr(f->msg, "KBComment"));
	assert_int_equal(a.worst, LR_SEV_ERROR);
	lr_apps_free(&a);
}

static void command_prints_gogo_commands(const char *uri)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(tl_run(&out, &err, "apps", uri, NULL), 2);
	const char *o = strbuf_str(&out);
	const char *g = strstr(o, "Gogo shell");
	assert_non_null(g);
	assert_non_null(strstr(g, "\n  upgrade:check\n"
				  "  upgrade:execute com.liferay.calendar.service\n"
				  "  upgrade:execute com.liferay.journal.service\n"
				  "  verify:execute com.liferay.portal.security.ldap\n"
				  "  upgrade:execute com.liferay.wiki.service\n"));
	strbuf_reset(&out);
	assert_int_equal(tl_run(&out, &err, "apps", "--json", uri, NULL), 2);
	json_error_t je;
	json_t *doc = json_loads(strbuf_str(&out), 0, &je);
	assert_non_null(doc);
	json_t *gogo = json_object_get(doc, "gogoCommands");
	assert_int_equal(json_array_size(gogo), 4);
	assert_string_equal(json_string_value(json_array_get(gogo, 3)), "upgrade:execute com.liferay.wiki.service");
	assert_int_equal(json_integer_value(json_object_get(doc, "errorCount")), 4);
	assert_int_equal(json_integer_value(json_object_get(doc, "warningCount")), 3);
	assert_int_equal(json_array_size(json_object_get(doc, "releases")), 172);
	json_decref(doc);
	strbuf_release(&out);
	strbuf_release(&err);
}

/* The scratch MariaDB copy serves the library and the command (building
 * one costs a catalog load per connection). */
static void on_71(void **state)
{
	(void)state;
	char uri[512];
	struct db *db = tl_open(ta_scratch_mariadb("lr71-mysql-formsdemo.sql.xz", "apps71", uri, sizeof uri));
	plant71(db);
	check71(db);
	db_close(db);
	command_prints_gogo_commands(uri);
	db = tl_open(ta_fixture_copy("lr71-mysql-formsdemo.sql.xz", "apps71"));
	plant71(db);
	check71(db);
	db_close(db);
}

static void command_on_62(void **state)
{
	(void)state;
	char uri[512];
	struct db *db = tl_open(ta_scratch_mariadb("lr62ee-mysql-migratetools.sql.xz", "apps62", uri, sizeof uri));
	ta_sql(db, "UPDATE {Release_} SET state_ = 1 WHERE servletContextName = 'kaleo-web'", NULL, 0);
	ta_sql(db, "UPDATE {Release_} SET verified = 0 WHERE servletContextName = 'portal'", NULL, 0);
	ta_sql(db, "DELETE FROM {Release_} WHERE servletContextName = 'calendar-portlet'", NULL, 0);
	struct lr_version v;
	ta_version(db, &v);
	struct lr_apps a;
	struct lr_err e = LR_ERR_INIT;
	if (lr_apps_analyze(db, &v, &a, &e) < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(finding(&a, "apps.release.upgrade-failed", "kaleo-web")->sev, LR_SEV_ERROR);
	assert_int_equal(finding(&a, "apps.portal.unverified", "portal")->sev, LR_SEV_WARNING);
	assert_int_equal(finding(&a, "apps.plugin.no-release", "Calendar")->sev, LR_SEV_WARNING);
	assert_int_equal(a.nrel, 6);
	/* the 9 findings of the fixture, less the calendar-portlet and kaleo-web
	 * notices, plus the three planted problems */
	assert_int_equal(a.nf, 10);
	for (int i = 0; i < a.nf; i++)
		assert_false(!strcmp(a.f[i].subject, "kaleo-web") && a.f[i].sev != LR_SEV_ERROR);
	lr_apps_free(&a);
	db_close(db);

	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(tl_run(&out, &err, "apps", uri, NULL), 2);
	const char *o = strbuf_str(&out);
	assert_null(strstr(o, "Gogo shell"));
	const char *m = strstr(o, "Marketplace plugins: install their latest 6.2 release before the upgrade\n");
	assert_non_null(m);
	assert_non_null(strstr(m, "kaleo-web                  Release_ build 110, verified, state_ 1; "
				  "latest known 110; becomes com.liferay.portal.workflow.kaleo.service\n"));
	strbuf_release(&out);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(on_71),
		cmocka_unit_test(command_on_62),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
