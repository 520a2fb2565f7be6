/* The SQLite driver: bound parameters, streaming, kinds, case-insensitive
 * catalog, bulk loader, transactions, and clear errors on bad files. */
#include "testlib.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <string.h>

static struct db *fresh(const char *name)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), name);
	remove(path);
	return tl_open(path);
}

static void binds_and_reads_back_every_kind(void **state)
{
	(void)state;
	struct db *db = fresh("kinds.db");
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(db, "CREATE TABLE t (id bigint(20) PRIMARY KEY, d datetime, b tinyint(1),"
				 " r double, s varchar(75), x longblob)", NULL, 0, NULL, &err), 0);
	struct db_value v[6] = { db_int(1), { DB_DATE, 0, 0, "2016-07-06 09:43:01", 19 }, { DB_BOOL, 1, 0, 0, 0 },
				 { DB_REAL, 0, 1.5, 0, 0 }, db_text("it's \"quoted\" ; DROP TABLE t"),
				 { DB_BLOB, 0, 0, "\0\1\2", 3 } };
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES (?,?,?,?,?,?)", v, 6, NULL, &err), 0);
	struct db_cursor *c;
	assert_int_equal(db_query(db, "SELECT id, d, b, r, s, x FROM t WHERE s = ?", &v[4], 1, &c, &err), 0);
	assert_int_equal(db_next(c, &err), 1);
	struct db_value got;
	db_get(c, 0, &got);
	assert_int_equal(got.kind, DB_INT);
	assert_int_equal(got.i, 1);
	db_get(c, 1, &got);
	assert_int_equal(got.kind, DB_DATE);
	assert_string_equal(db_get_text(c, 1), "2016-07-06 09:43:01");
	db_get(c, 2, &got);
	assert_int_equal(got.kind, DB_BOOL);
	db_get(c, 3, &got);
	assert_int_equal(got.kind, DB_REAL);
	assert_true(got.r == 1.5);
	assert_string_equal(db_get_text(c, 4), "it's \"quoted\" ; DROP TABLE t");
	db_get(c, 5, &got);
	assert_int_equal(got.kind, DB_BLOB);
	assert_int_equal(got.len, 3);
	assert_memory_equal(got.s, "\0\1\2", 3);
	assert_int_equal(db_next(c, &err), 0);
	db_cursor_close(c);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM t"), 1);
	db_close(db);
}

static void catalog_is_case_insensitive(void **state)
{
	(void)state;
	struct db *db = fresh("cat.db");
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(db, "CREATE TABLE group_ (groupId bigint PRIMARY KEY, name varchar(150));"
				 "CREATE TABLE Release_ (releaseId bigint, buildNumber int, PRIMARY KEY (releaseId))",
				 NULL, 0, NULL, &err), 0);
	assert_string_equal(db_table_name(db, "Group_"), "group_");
	assert_string_equal(db_table_name(db, "RELEASE_"), "Release_");
	assert_null(db_table_name(db, "Layout"));
	const struct db_table *t = db_table_find(db, "group_");
	assert_non_null(t);
	assert_int_equal(t->ncols, 2);
	const struct db_column *col = db_column_find(t, "GROUPID");
	assert_non_null(col);
	assert_int_equal(col->pk, 1);
	assert_int_equal(col->kind, DB_INT);
	assert_int_equal(db_column_find(t, "name")->kind, DB_TEXT);
	db_close(db);
}

static void loader_and_rollback(void **state)
{
	(void)state;
	struct db *db = fresh("load.db");
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(db, "CREATE TABLE \"Layout\" (plid bigint, name text)", NULL, 0, NULL, &err), 0);
	const char *cols[] = { "plid", "name" };
	struct db_loader *ld;
	assert_int_equal(db_load_begin(db, "Layout", cols, 2, &ld, &err), 0);
	for (int i = 0; i < 1000; i++) {
		struct db_value v[2] = { db_int(i), db_text("page") };
		assert_int_equal(db_load_row(ld, v, &err), 0);
	}
	assert_int_equal(db_load_end(ld, 1, &err), 0);
	int64_t n;
	assert_int_equal(db_table_rows(db, "Layout", &n, &err), 0);
	assert_int_equal(n, 1000);
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_exec(db, "DELETE FROM Layout WHERE plid < ?", (struct db_value[]){ db_int(500) }, 1,
				 &n, &err), 0);
	assert_int_equal(n, 500);
	assert_int_equal(db_rollback(db, &err), 0);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM Layout"), 1000);
	db_close(db);
}

static void bad_sql_and_bad_files_fail_clearly(void **state)
{
	(void)state;
	struct db *db = fresh("bad.db");
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(db, "SELEC nonsense", NULL, 0, NULL, &err), -1);
	assert_int_equal(err.code, LR_EXIT_FAILED);
	assert_non_null(strstr(err.msg, "syntax error"));
	db_close(db);

	struct db_conninfo ci = { .engine = DB_SQLITE, .path = "/nonexistent/x.db", .readonly = 1 };
	lr_err_clear(&err);
	assert_int_equal(db_open(&ci, &db, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_non_null(strstr(err.msg, "/nonexistent/x.db"));

	char path[4200];
	snprintf(path, sizeof path, "%s/garbage.db", tl_tmpdir());
	FILE *f = fopen(path, "w");
	fputs("this is not a database, just text that goes on for a while........\n", f);
	fclose(f);
	ci.path = path;
	lr_err_clear(&err);
	assert_int_equal(db_open(&ci, &db, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_non_null(strstr(err.msg, "not a readable SQLite database"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(binds_and_reads_back_every_kind),
		cmocka_unit_test(catalog_is_case_insensitive),
		cmocka_unit_test(loader_and_rollback),
		cmocka_unit_test(bad_sql_and_bad_files_fail_clearly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
