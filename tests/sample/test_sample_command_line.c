/* The command line: usage errors exit 3 and change nothing; an existing
 * output or a non-empty server database is never overwritten without
 * --force; --help exits 0. */
#include "sample_test.h"
#include <sys/stat.h>

static void usage_errors_exit_3(void **state)
{
	(void)state;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(tl_run(NULL, &err, "sample", "--liferay", "7.4", NULL), 3);
	assert_non_null(strstr(strbuf_str(&err), "6.2, 7.0 or 7.1"));
	assert_int_equal(tl_run(NULL, NULL, "sample", "--rows", "12", NULL), 3);
	assert_int_equal(tl_run(NULL, NULL, "sample", "--store-layout", "s3", NULL), 3);
	assert_int_equal(tl_run(NULL, NULL, "sample", "--bogus", NULL), 3);
	assert_int_equal(tl_run(NULL, NULL, "sample", "-o", "x.db", "--into", "mariadb://u@h/d", NULL), 3);
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(tl_run(&out, NULL, "sample", "--help", NULL), 0);
	assert_non_null(strstr(strbuf_str(&out), "--liferay"));
	strbuf_release(&out);
	strbuf_release(&err);
}

static void existing_output_is_kept_without_force(void **state)
{
	(void)state;
	char path[4200];
	const char *opt[] = { "--no-store", NULL };
	ts_generate("keep", path, sizeof path, opt);
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(tl_run(NULL, &err, "sample", "-o", path, "--seed", "2", NULL), 3);
	assert_non_null(strstr(strbuf_str(&err), "--force"));
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtime, after.st_mtime);
	strbuf_release(&err);
}

static void nonempty_server_database_is_refused(void **state)
{
	(void)state;
	const char *base = tl_mysql_uri();
	char uri[512];
	struct db *admin = tl_open(base);
	struct lr_err err = LR_ERR_INIT;
	db_exec(admin, "DROP DATABASE IF EXISTS t_sample_cli", NULL, 0, NULL, &err);
	assert_int_equal(db_exec(admin, "CREATE DATABASE t_sample_cli", NULL, 0, NULL, &err), 0);
	tl_mysql_db_uri("t_sample_cli", uri, sizeof uri);
	struct db *db = tl_open(uri);
	assert_int_equal(db_exec(db, "CREATE TABLE keepme (id int)", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO keepme VALUES (42)", NULL, 0, NULL, &err), 0);
	struct strbuf e = STRBUF_INIT;
	char truth[4200];
	snprintf(truth, sizeof truth, "%s/cli.truth.json", tl_tmpdir());
	assert_int_equal(tl_run(NULL, &e, "sample", "--into", uri, "--no-store", "--truth", truth, NULL), 3);
	assert_non_null(strstr(strbuf_str(&e), "empty database"));
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM keepme"), 1);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM information_schema.tables WHERE "
			       "table_schema = 't_sample_cli'"), 1);
	db_close(db);
	assert_int_equal(db_exec(admin, "DROP DATABASE t_sample_cli", NULL, 0, NULL, &err), 0);
	db_close(admin);
	strbuf_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(usage_errors_exit_3),
		cmocka_unit_test(existing_output_is_kept_without_force),
		cmocka_unit_test(nonempty_server_database_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
