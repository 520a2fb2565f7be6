/* JDBC URLs as Liferay's properties hold them, and reading the connection
 * from a Liferay Home (portal-ext.properties, portal-setup-wizard.properties,
 * include-and-override), with the password rules of docs/inspect.md. */
#include "testlib.h"
#include "db/uri.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void mysql_url_with_parameters(void **state)
{
	(void)state;
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_jdbc_parse("jdbc:mysql://db.example.com:3307/lportal?useUnicode=true&characterEncoding=UTF-8"
				       "&useFastDateParsing=false", &ci, &err), 0);
	assert_int_equal(ci.engine, DB_MARIADB);
	assert_string_equal(ci.host, "db.example.com");
	assert_int_equal(ci.port, 3307);
	assert_string_equal(ci.dbname, "lportal");
	assert_null(ci.user);
	assert_null(ci.password);
	db_conninfo_release(&ci);
}

static void default_ports_and_engines(void **state)
{
	(void)state;
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_jdbc_parse("jdbc:mysql://localhost/lportal", &ci, &err), 0);
	assert_int_equal(ci.engine, DB_MARIADB);
	assert_string_equal(ci.host, "localhost");
	assert_int_equal(ci.port, 3306);
	db_conninfo_release(&ci);
	assert_int_equal(db_jdbc_parse("jdbc:mariadb://10.0.0.5/liferay_db", &ci, &err), 0);
	assert_int_equal(ci.engine, DB_MARIADB);
	assert_int_equal(ci.port, 3306);
	assert_string_equal(ci.dbname, "liferay_db");
	db_conninfo_release(&ci);
	assert_int_equal(db_jdbc_parse("jdbc:postgresql://pg.internal/lportal", &ci, &err), 0);
	assert_int_equal(ci.engine, DB_PGSQL);
	assert_string_equal(ci.host, "pg.internal");
	assert_int_equal(ci.port, 5432);
	assert_string_equal(ci.dbname, "lportal");
	db_conninfo_release(&ci);
	assert_int_equal(db_jdbc_parse("jdbc:postgresql://[::1]:6432/lr", &ci, &err), 0);
	assert_string_equal(ci.host, "::1");
	assert_int_equal(ci.port, 6432);
	db_conninfo_release(&ci);
	assert_int_equal(db_jdbc_parse("jdbc:postgresql:lportal", &ci, &err), 0);
	assert_null(ci.host);
	assert_string_equal(ci.dbname, "lportal");
	db_conninfo_release(&ci);
	assert_int_equal(err.code, 0);
}

static void xml_escaped_ampersands_and_credentials(void **state)
{
	(void)state;
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_jdbc_parse("jdbc:mysql://h:3306/lportal?useUnicode=true&amp;user=lr&amp;password=p%40ss",
				       &ci, &err), 0);
	assert_string_equal(ci.user, "lr");
	assert_string_equal(ci.password, "p@ss");
	assert_string_equal(ci.dbname, "lportal");
	db_conninfo_release(&ci);
	assert_int_equal(db_jdbc_parse("jdbc:mysql:loadbalance://h1:3306,h2:3306/lportal", &ci, &err), 0);
	assert_string_equal(ci.host, "h1");
	assert_string_equal(ci.dbname, "lportal");
	db_conninfo_release(&ci);
}

static void hsqldb_and_unsupported_are_usage_errors(void **state)
{
	(void)state;
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_jdbc_parse("jdbc:hsqldb:/opt/liferay/data/hsql/lportal", &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
	assert_non_null(strstr(err.msg, "HSQLDB: point lrprep at the lportal.script file"));
	lr_err_clear(&err);
	assert_int_equal(db_jdbc_parse("jdbc:oracle:thin:@localhost:1521:xe", &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
	assert_non_null(strstr(err.msg, "unsupported JDBC URL jdbc:oracle"));
	lr_err_clear(&err);
	assert_int_equal(db_jdbc_parse("jdbc:mysql://host:99999/x", &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
	lr_err_clear(&err);
	assert_int_equal(db_jdbc_parse("jdbc:mysql://host/", &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
	assert_non_null(strstr(err.msg, "names no database"));
}

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

static void setup_wizard_overrides_portal_ext(void **state)
{
	(void)state;
	unsetenv("LRPREP_PASSWORD");
	const char *dir = home("lh1");
	write_file(dir, "portal-ext.properties",
		   "jdbc.default.driverClassName=com.mysql.jdbc.Driver\n"
		   "jdbc.default.url=jdbc:mysql://ext-host/ext_db?useUnicode=true\n"
		   "jdbc.default.username=ext_user\n"
		   "jdbc.default.password=ext_pw\n");
	write_file(dir, "portal-setup-wizard.properties",
		   "jdbc.default.url=jdbc:mysql://wizard-host:3310/wizard_db\n"
		   "jdbc.default.username=wizard_user\n");
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_conninfo_from_liferay_home(dir, &ci, &err), 0);
	assert_string_equal(ci.host, "wizard-host");
	assert_int_equal(ci.port, 3310);
	assert_string_equal(ci.dbname, "wizard_db");
	assert_string_equal(ci.user, "wizard_user");
	assert_string_equal(ci.password, "ext_pw");
	db_conninfo_release(&ci);
}

static void include_and_override_is_followed(void **state)
{
	(void)state;
	const char *dir = home("lh2");
	write_file(dir, "portal-ext.properties",
		   "jdbc.default.url=jdbc:postgresql://a/first\n"
		   "include-and-override=${liferay.home}/portal-db.properties\n");
	write_file(dir, "portal-db.properties",
		   "jdbc.default.url=jdbc:postgresql://b:5433/second\n"
		   "jdbc.default.username=lr\n"
		   "jdbc.default.password=\n");
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	setenv("LRPREP_PASSWORD", "from-env", 1);
	assert_int_equal(db_conninfo_from_liferay_home(dir, &ci, &err), 0);
	unsetenv("LRPREP_PASSWORD");
	assert_int_equal(ci.engine, DB_PGSQL);
	assert_string_equal(ci.host, "b");
	assert_int_equal(ci.port, 5433);
	assert_string_equal(ci.dbname, "second");
	assert_string_equal(ci.user, "lr");
	/* the file's password is empty: LRPREP_PASSWORD fills it */
	assert_string_equal(ci.password, "from-env");
	db_conninfo_release(&ci);
}

static void jndi_hsqldb_and_missing_are_clear_errors(void **state)
{
	(void)state;
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	const char *dir = home("lh3");
	write_file(dir, "portal-ext.properties", "jdbc.default.jndi.name=jdbc/LiferayPool\n");
	assert_int_equal(db_conninfo_from_liferay_home(dir, &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
	assert_non_null(strstr(err.msg, "JNDI data source 'jdbc/LiferayPool'"));
	lr_err_clear(&err);

	dir = home("lh4");
	write_file(dir, "portal-setup-wizard.properties",
		   "jdbc.default.driverClassName=org.hsqldb.jdbc.JDBCDriver\n"
		   "jdbc.default.url=jdbc:hsqldb:${liferay.home}/data/hsql/lportal\n");
	assert_int_equal(db_conninfo_from_liferay_home(dir, &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_USAGE);
	assert_non_null(strstr(err.msg, "HSQLDB: point lrprep at the lportal.script file"));
	lr_err_clear(&err);

	dir = home("lh5");
	assert_int_equal(db_conninfo_from_liferay_home(dir, &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_non_null(strstr(err.msg, "no portal-ext.properties or portal-setup-wizard.properties"));
	lr_err_clear(&err);

	char missing[4300];
	snprintf(missing, sizeof missing, "%s/no-such-home", tl_tmpdir());
	assert_int_equal(db_conninfo_from_liferay_home(missing, &ci, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_non_null(strstr(err.msg, "No such file or directory"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mysql_url_with_parameters),
		cmocka_unit_test(default_ports_and_engines),
		cmocka_unit_test(xml_escaped_ampersands_and_credentials),
		cmocka_unit_test(hsqldb_and_unsupported_are_usage_errors),
		cmocka_unit_test(setup_wizard_overrides_portal_ext),
		cmocka_unit_test(include_and_override_is_followed),
		cmocka_unit_test(jndi_hsqldb_and_missing_are_clear_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
