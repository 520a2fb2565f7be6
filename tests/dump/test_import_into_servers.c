/* lrprep import --into: the MySQL fixtures loaded into PostgreSQL (COPY)
 * and MariaDB give, table by table, the same row counts and per-table
 * checksums as MariaDB's own load of the dump (fx_* databases). */
#include "dumptest.h"
#include "db/checksum.h"
#include "db/uri.h"

static struct db *open_uri(const char *uri)
{
	struct db_conninfo ci = { 0 };
	struct lr_err err = LR_ERR_INIT;
	struct db *db = NULL;
	if (db_uri_parse(uri, &ci, &err) < 0 || db_open(&ci, &db, &err) < 0) {
		db_conninfo_release(&ci);
		char why[2300];
		snprintf(why, sizeof why, "server %s (%s)", uri, err.msg);
		tl_unavailable(why);
	}
	db_conninfo_release(&ci);
	return db;
}

/* Drop and create a scratch database on the server of base_uri. */
static void fresh_database(const char *base_uri, const char *name)
{
	struct db *db = open_uri(base_uri);
	struct lr_err err = LR_ERR_INIT;
	char sql[256];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
	if (db_exec(db, sql, NULL, 0, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	if (db_exec(db, sql, NULL, 0, NULL, &err) < 0)
		fail_msg("%s", err.msg);
	db_close(db);
}

static void compare_with_mariadb_load(struct db *copy, const char *fixture, int tables, int64_t rows)
{
	char name[128], uri[1024];
	tl_fixture_dbname(fixture, name, sizeof name);
	struct db *ref = open_uri(tl_mysql_db_uri(name, uri, sizeof uri));
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *rc = db_catalog(ref, &err);
	assert_non_null(rc);
	assert_non_null(db_catalog(copy, &err));
	assert_int_equal(rc->ntables, tables);
	assert_int_equal(db_catalog(copy, &err)->ntables, tables);
	int64_t total = 0;
	int differ = 0;
	for (int i = 0; i < rc->ntables; i++) {
		struct table_sum a, b;
		if (db_table_checksum(ref, rc->tables[i].name, &a, &err) < 0 ||
		    db_table_checksum(copy, rc->tables[i].name, &b, &err) < 0)
			fail_msg("%s: %s", rc->tables[i].name, err.msg);
		if (a.rows != b.rows || a.sum != b.sum) {
			fprintf(stderr, "%s %s: mariadb load %lld rows %s, --into %lld rows %s\n", fixture,
				rc->tables[i].name, (long long)a.rows, a.hex, (long long)b.rows, b.hex);
			differ++;
		}
		total += b.rows;
	}
	assert_int_equal(differ, 0);
	assert_int_equal(total, rows);
	db_close(ref);
}

static void into(const char *base_uri, int pg, const char *fixture, const char *dbname, int tables, int64_t rows)
{
	fresh_database(base_uri, dbname);
	char uri[1024];
	if (pg)
		tl_pg_db_uri(dbname, uri, sizeof uri);
	else
		tl_mysql_db_uri(dbname, uri, sizeof uri);
	struct strbuf se = STRBUF_INIT;
	int rc = tl_run(NULL, &se, "import", tl_fixture(fixture), "--into", uri, "-q", NULL);
	if (rc != 0)
		fail_msg("import --into %s: exit %d: %s", uri, rc, strbuf_str(&se));
	strbuf_release(&se);
	struct db *copy = open_uri(uri);
	compare_with_mariadb_load(copy, fixture, tables, rows);
	db_close(copy);
}

static void latin1_fixture_into_postgresql(void **state)
{
	(void)state;
	into(tl_pg_uri(), 1, "lr61-mysql-viking.sql.xz", "t_import_pg_viking", 183, 1836);
}

static void cjk_fixture_into_postgresql(void **state)
{
	(void)state;
	into(tl_pg_uri(), 1, "lr62-mysql-juyee.sql.xz", "t_import_pg_juyee", 219, 3686);
}

static void richest_fixture_into_postgresql(void **state)
{
	(void)state;
	into(tl_pg_uri(), 1, "lr62-mysql-openunderwriter.sql.xz", "t_import_pg_ou", 207, 18540);
}

static void liferay_71_into_postgresql(void **state)
{
	(void)state;
	into(tl_pg_uri(), 1, "lr71-mysql-formsdemo.sql.xz", "t_import_pg_forms", 245, 7115);
}

static void fixture_into_mariadb(void **state)
{
	(void)state;
	into(tl_mysql_uri(), 0, "lr61-mysql-openquote.sql.xz", "t_import_my_openquote", 183, 15306);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(latin1_fixture_into_postgresql),
		cmocka_unit_test(cjk_fixture_into_postgresql),
		cmocka_unit_test(richest_fixture_into_postgresql),
		cmocka_unit_test(liferay_71_into_postgresql),
		cmocka_unit_test(fixture_into_mariadb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
