/* Bad input to `lrprep inspect`: each case prints one line naming the
 * problem on stderr, nothing on stdout, and exits with the documented code
 * (4 cannot connect / read input, also "not Liferay"; 3 usage). Run under
 * the ASan build, the same cases prove none of them crashes. */
#include "testlib.h"
#include <stdio.h>
#include <string.h>

/* Run inspect with up to 4 args; check exit code, silence on stdout and one
 * stderr line "lrprep: error: ..." containing `want`. */
static void expect(int code, const char *want, const char *a1, const char *a2, const char *a3)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "inspect", a1, a2, a3, NULL);
	const char *e = strbuf_str(&err);
	if (rc != code || !strstr(e, want))
		fail_msg("inspect %s: exit %d (want %d), stderr: %s (want \"%s\")", a1 ? a1 : "", rc, code, e, want);
	assert_string_equal(strbuf_str(&out), "");
	assert_true(!strncmp(e, "lrprep: error: ", 15));
	const char *nl = strchr(e, '\n');
	assert_non_null(nl);
	assert_string_equal(nl + 1, ""); /* exactly one line */
	assert_null(strstr(e, "lrtest"));
	strbuf_release(&out);
	strbuf_release(&err);
}

static const char *path(const char *name)
{
	static char p[4200];
	snprintf(p, sizeof p, "%s/%s", tl_tmpdir(), name);
	return p;
}

/* The test server URI with the password replaced. */
static void wrong_password(void **state)
{
	(void)state;
	char dbname[128], uri[1024], bad[1100];
	tl_mysql_db_uri(tl_fixture_dbname("lr62-mysql-juyee.sql.xz", dbname, sizeof dbname), uri, sizeof uri);
	const char *auth = strstr(uri, "://") + 3;
	const char *at = strchr(auth, '@');
	assert_non_null(at);
	const char *colon = memchr(auth, ':', (size_t)(at - auth));
	size_t userlen = (size_t)((colon ? colon : at) - uri);
	snprintf(bad, sizeof bad, "%.*s:wrong-password%s", (int)userlen, uri, at);
	expect(4, "Access denied", bad, NULL, NULL);
}

static void unreachable_hosts(void **state)
{
	(void)state;
	/* port 1 on loopback: nothing listens there */
	expect(4, "127.0.0.1", "mariadb://lrprep@127.0.0.1:1/lportal", NULL, NULL);
	expect(4, "127.0.0.1", "postgresql://lrprep@127.0.0.1:1/lportal", NULL, NULL);
}

static void unknown_scheme_is_usage(void **state)
{
	(void)state;
	expect(3, "oracle", "oracle://db.example.com/lportal", NULL, NULL);
}

static void missing_and_unreadable_files(void **state)
{
	(void)state;
	char want[4300];
	snprintf(want, sizeof want, "%s: no such file", path("missing.db"));
	expect(4, want, path("missing.db"), NULL, NULL);
	FILE *f = fopen(path("notes.txt"), "w");
	assert_non_null(f);
	fputs("just some notes, not a database\n", f);
	fclose(f);
	expect(4, "is neither an SQLite database nor a dump", path("notes.txt"), NULL, NULL);
}

static void sqlite_not_liferay_empty_and_no_portal_row(void **state)
{
	(void)state;
	struct lr_err err = LR_ERR_INIT;
	struct db *db = tl_open(path("invoices.db"));
	assert_int_equal(db_exec(db, "CREATE TABLE invoices (id bigint PRIMARY KEY, total double)", NULL, 0, NULL, &err), 0);
	db_close(db);
	expect(4, "not a Liferay database: no Release_, Group_ or Company table", path("invoices.db"), NULL, NULL);

	FILE *f = fopen(path("empty.db"), "w");
	assert_non_null(f);
	fclose(f);
	expect(4, "no tables: not a Liferay database", path("empty.db"), NULL, NULL);

	db = tl_open(path("noportal.db"));
	assert_int_equal(db_exec(db, "CREATE TABLE Release_ (releaseId bigint, servletContextName varchar(75),"
				 " buildNumber int); CREATE TABLE Group_ (groupId bigint);"
				 " CREATE TABLE Company (companyId bigint);"
				 " INSERT INTO Release_ VALUES (30100, 'com.liferay.journal.service', 0)",
				 NULL, 0, NULL, &err), 0);
	db_close(db);
	expect(4, "Release_ has no portal row", path("noportal.db"), NULL, NULL);
}

static void server_not_liferay_and_empty(void **state)
{
	(void)state;
	struct lr_err err = LR_ERR_INIT;
	char uri[1024];
	/* MariaDB: a scratch database with one unrelated table */
	struct db *srv = tl_open(tl_mysql_uri());
	assert_int_equal(db_exec(srv, "DROP DATABASE IF EXISTS t_inspect_nonliferay", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_exec(srv, "CREATE DATABASE t_inspect_nonliferay", NULL, 0, NULL, &err), 0);
	db_close(srv);
	struct db *db = tl_open(tl_mysql_db_uri("t_inspect_nonliferay", uri, sizeof uri));
	assert_int_equal(db_exec(db, "CREATE TABLE orders (id bigint PRIMARY KEY, placed datetime)", NULL, 0, NULL,
				 &err), 0);
	db_close(db);
	expect(4, "not a Liferay database: no Release_, Group_ or Company table", uri, NULL, NULL);

	/* PostgreSQL: an empty database */
	srv = tl_open(tl_pg_uri());
	assert_int_equal(db_exec(srv, "DROP DATABASE IF EXISTS t_inspect_empty", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_exec(srv, "CREATE DATABASE t_inspect_empty", NULL, 0, NULL, &err), 0);
	db_close(srv);
	expect(4, "no tables: not a Liferay database", tl_pg_db_uri("t_inspect_empty", uri, sizeof uri), NULL, NULL);
}

static void usage_errors(void **state)
{
	(void)state;
	expect(3, "unknown option --frobnicate", "--frobnicate", path("x.db"), NULL);
	expect(3, "no database given", NULL, NULL, NULL);
	expect(3, "--top needs a number", "--top", "many", path("x.db"));
	expect(3, "give either a database or --liferay-home", "--liferay-home", tl_tmpdir(), path("x.db"));
	expect(3, "is a directory", tl_tmpdir(), NULL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wrong_password),
		cmocka_unit_test(unreachable_hosts),
		cmocka_unit_test(unknown_scheme_is_usage),
		cmocka_unit_test(missing_and_unreadable_files),
		cmocka_unit_test(sqlite_not_liferay_empty_and_no_portal_row),
		cmocka_unit_test(server_not_liferay_and_empty),
		cmocka_unit_test(usage_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
