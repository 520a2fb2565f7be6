/* `lrprep sample --into` a MariaDB or PostgreSQL database writes the same
 * rows as into SQLite: equal per-table row counts and checksums for the
 * same seed, and the same ground truth. */
#include "sample_test.h"
#include "db/checksum.h"
#include <stdlib.h>

static void compare(const char *sqlite_path, const char *uri)
{
	struct db *a = tl_open(sqlite_path), *b = tl_open(uri);
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(a, &err);
	assert_non_null(cat);
	assert_non_null(db_catalog(b, &err));
	struct strbuf diff = STRBUF_INIT;
	for (int i = 0; i < cat->ntables; i++) {
		const char *name = cat->tables[i].name;
		const char *other = db_table_name(b, name);
		if (!other) {
			strbuf_addf(&diff, "%s: missing\n", name);
			continue;
		}
		int64_t ra, rb;
		if (db_table_rows(a, name, &ra, &err) < 0 || db_table_rows(b, other, &rb, &err) < 0)
			fail_msg("%s: %s", name, err.msg);
		if (ra != rb)
			strbuf_addf(&diff, "%s: %lld rows in SQLite, %lld on the server\n", name,
				    (long long)ra, (long long)rb);
		struct table_sum sa, sb;
		if (db_table_checksum(a, name, &sa, &err) < 0 || db_table_checksum(b, other, &sb, &err) < 0)
			fail_msg("checksum %s: %s", name, err.msg);
		if (sa.sum != sb.sum)
			strbuf_addf(&diff, "%s: checksum %s in SQLite, %s on the server\n", name, sa.hex,
				    sb.hex);
	}
	if (diff.len)
		fail_msg("%s", diff.buf);
	strbuf_release(&diff);
	db_close(a);
	db_close(b);
}

static void run_into(const char *uri, const char *ver)
{
	char path[4200], truth[4200], store[4200], sqlite_truth[4200];
	const char *opt[] = { "--liferay", ver, "--seed", "11", "--no-store", NULL };
	ts_generate(ver[2] == '2' ? "into62" : "into71", path, sizeof path, opt);
	snprintf(truth, sizeof truth, "%s/server-%s.truth.json", tl_tmpdir(), ver);
	snprintf(store, sizeof store, "%s/server-%s.store", tl_tmpdir(), ver);
	struct strbuf err = STRBUF_INIT;
	int rc = tl_run(NULL, &err, "sample", "--into", uri, "--force", "--liferay", ver, "--seed", "11",
			"--truth", truth, "--no-store", NULL);
	if (rc != 0)
		fail_msg("lrprep sample --into exited %d: %s", rc, strbuf_str(&err));
	strbuf_release(&err);
	compare(path, uri);
	ts_beside(path, ".truth.json", sqlite_truth, sizeof sqlite_truth);
	json_error_t je;
	json_t *x = json_load_file(truth, 0, &je), *y = json_load_file(sqlite_truth, 0, &je);
	assert_non_null(x);
	assert_non_null(y);
	assert_true(json_equal(x, y));
	json_decref(x);
	json_decref(y);
}

static void into_mariadb_equals_sqlite(void **state)
{
	(void)state;
	const char *base = tl_mysql_uri();
	char uri[512];
	struct db *admin = tl_open(base);
	struct lr_err err = LR_ERR_INIT;
	db_exec(admin, "DROP DATABASE IF EXISTS t_sample_into", NULL, 0, NULL, &err);
	assert_int_equal(db_exec(admin, "CREATE DATABASE t_sample_into CHARACTER SET utf8mb3", NULL, 0,
				 NULL, &err), 0);
	tl_mysql_db_uri("t_sample_into", uri, sizeof uri);
	run_into(uri, "6.2");
	run_into(uri, "7.1");
	assert_int_equal(db_exec(admin, "DROP DATABASE t_sample_into", NULL, 0, NULL, &err), 0);
	db_close(admin);
}

static void into_postgresql_equals_sqlite(void **state)
{
	(void)state;
	const char *base = tl_pg_uri();
	char uri[512];
	struct db *admin = tl_open(base);
	struct lr_err err = LR_ERR_INIT;
	db_exec(admin, "DROP DATABASE IF EXISTS t_sample_into", NULL, 0, NULL, &err);
	assert_int_equal(db_exec(admin, "CREATE DATABASE t_sample_into", NULL, 0, NULL, &err), 0);
	tl_pg_db_uri("t_sample_into", uri, sizeof uri);
	run_into(uri, "6.2");
	run_into(uri, "7.1");
	db_close(admin);
	admin = tl_open(base);
	assert_int_equal(db_exec(admin, "DROP DATABASE t_sample_into", NULL, 0, NULL, &err), 0);
	db_close(admin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(into_mariadb_equals_sqlite),
		cmocka_unit_test(into_postgresql_equals_sqlite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
