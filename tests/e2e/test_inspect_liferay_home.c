/* `lrprep inspect --liferay-home DIR`: the connection comes from the
 * jdbc.default.* keys of DIR's portal-ext.properties (password in the file),
 * portal-setup-wizard.properties overriding it, as Liferay does. */
#include "testlib.h"
#include "db/uri.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *home(const char *name)
{
	static char dir[4200];
	snprintf(dir, sizeof dir, "%s/%s", tl_tmpdir(), name);
	mkdir(dir, 0700);
	return dir;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[4400];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* portal-ext.properties text for the test MariaDB server and database db. */
static void props_for(const char *db, struct strbuf *sb)
{
	struct db_conninfo ci = { 0 };
	struct lr_err err = LR_ERR_INIT;
	if (db_uri_parse(tl_mysql_uri(), &ci, &err) < 0)
		fail_msg("%s", err.msg);
	strbuf_addf(sb, "# written by the test, shaped like a real one\r\n"
		    "jdbc.default.driverClassName=com.mysql.jdbc.Driver\r\n"
		    "jdbc.default.url=jdbc:mysql://%s:%d/%s?useUnicode=true&characterEncoding=UTF-8\\\r\n"
		    "    &useFastDateParsing=false%s%s\r\n"
		    "jdbc.default.username = %s\r\n"
		    "jdbc.default.password = %s\r\n",
		    ci.host ? ci.host : "localhost", ci.port ? ci.port : 3306, db, ci.socket ? "&localSocket=" : "",
		    ci.socket ? ci.socket : "", ci.user ? ci.user : "", ci.password ? ci.password : "");
	db_conninfo_release(&ci);
}

static void inspects_the_database_named_in_portal_ext(void **state)
{
	(void)state;
	unsetenv("LRPREP_PASSWORD");
	char dbname[128];
	tl_fixture_dbname("lr62-mysql-juyee.sql.xz", dbname, sizeof dbname);
	struct strbuf p = STRBUF_INIT;
	props_for(dbname, &p);
	const char *dir = home("liferay-home");
	write_file(dir, "portal-ext.properties", strbuf_str(&p));
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "inspect", "--liferay-home", dir, "--json", NULL);
	if (rc < 0 || rc > 2)
		fail_msg("exit %d: %s", rc, strbuf_str(&err));
	json_t *doc = json_loads(strbuf_str(&out), 0, NULL);
	assert_non_null(doc);
	const json_t *lf = json_object_get(doc, "liferay");
	assert_int_equal(json_integer_value(json_object_get(lf, "buildNumber")), 6205);
	assert_string_equal(json_string_value(json_object_get(lf, "label")), "6.2 CE GA6");
	assert_int_equal(json_integer_value(json_object_get(doc, "tableCount")), 219);
	const json_t *rows = json_object_get(doc, "rowCounts");
	assert_int_equal(json_integer_value(json_object_get(rows, "Group_")), 24);
	assert_int_equal(json_integer_value(json_object_get(rows, "Layout")), 50);
	char src[4400];
	snprintf(src, sizeof src, "--liferay-home %s", dir);
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "database"), "source")), src);
	assert_null(strstr(strbuf_str(&out), "lrtest"));
	assert_null(strstr(strbuf_str(&err), "lrtest"));
	json_decref(doc);
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&p);
}

static void setup_wizard_file_wins(void **state)
{
	(void)state;
	unsetenv("LRPREP_PASSWORD");
	char dbname[128];
	tl_fixture_dbname("lr62ee-mysql-migratetools.sql.xz", dbname, sizeof dbname);
	const char *dir = home("liferay-home-wizard");
	struct strbuf p = STRBUF_INIT;
	props_for("no_such_database_here", &p);
	write_file(dir, "portal-ext.properties", strbuf_str(&p));
	strbuf_reset(&p);
	props_for(dbname, &p);
	write_file(dir, "portal-setup-wizard.properties", strbuf_str(&p));
	struct strbuf out = STRBUF_INIT;
	int rc = tl_run(&out, NULL, "inspect", "--liferay-home", dir, "--json", NULL);
	assert_true(rc >= 0 && rc <= 2);
	json_t *doc = json_loads(strbuf_str(&out), 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "liferay"), "buildNumber")), 6210);
	assert_int_equal(json_integer_value(json_object_get(doc, "tableCount")), 214);
	json_decref(doc);
	strbuf_release(&out);
	strbuf_release(&p);
}

static void jndi_only_is_a_clear_error(void **state)
{
	(void)state;
	const char *dir = home("liferay-home-jndi");
	write_file(dir, "portal-ext.properties", "jdbc.default.jndi.name=jdbc/LiferayPool\n");
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(tl_run(&out, &err, "inspect", "--liferay-home", dir, NULL), 3);
	assert_non_null(strstr(strbuf_str(&err), "JNDI data source 'jdbc/LiferayPool'"));
	assert_string_equal(strbuf_str(&out), "");
	strbuf_release(&out);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inspects_the_database_named_in_portal_ext),
		cmocka_unit_test(setup_wizard_file_wins),
		cmocka_unit_test(jndi_only_is_a_clear_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
