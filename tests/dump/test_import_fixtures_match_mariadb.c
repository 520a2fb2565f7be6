/* Every MySQL fixture imported into SQLite holds exactly what MariaDB holds
 * after loading the same dump (the fx_* databases): same tables, and for
 * every table the same row count and the same per-table checksum, both
 * computed with db_table_checksum. */
#include "dumptest.h"
#include "db/checksum.h"
#include "db/uri.h"
#include "dump/load.h"

static const struct {
	const char *file;
	int tables;
	int64_t rows; /* sum over all tables, as counted in MariaDB */
} fixtures[] = {
	{ "lr61-mysql-openquote.sql.xz", 183, 15306 },
	{ "lr61-mysql-viking.sql.xz", 183, 1836 },
	{ "lr62-mysql-juyee.sql.xz", 219, 3686 },
	{ "lr62-mysql-openncp.sql.xz", 211, 4451 },
	{ "lr62-mysql-openunderwriter.sql.xz", 207, 18540 },
	{ "lr62ee-mysql-migratetools.sql.xz", 214, 2948 },
	{ "lr71-mysql-formsdemo.sql.xz", 245, 7115 },
};

static struct db *open_mariadb(const char *fixture)
{
	char name[128], uri[1024];
	tl_fixture_dbname(fixture, name, sizeof name);
	tl_mysql_db_uri(name, uri, sizeof uri);
	struct db_conninfo ci = { 0 };
	struct lr_err err = LR_ERR_INIT;
	struct db *db = NULL;
	if (db_uri_parse(uri, &ci, &err) < 0 || db_open(&ci, &db, &err) < 0) {
		db_conninfo_release(&ci);
		char why[2300];
		snprintf(why, sizeof why, "MariaDB database %s (%s)", name, err.msg);
		tl_unavailable(why);
	}
	db_conninfo_release(&ci);
	return db;
}

static void check_fixture(int k)
{
	const char *fx = tl_fixture(fixtures[k].file);
	char out[4300];
	snprintf(out, sizeof out, "%s/%s.db", tl_tmpdir(), fixtures[k].file);
	struct lr_err err = LR_ERR_INIT;
	struct dump_load_stats st;
	int liferay = 0;
	if (dump_import_sqlite(fx, NULL, out, NULL, &st, &liferay, &err) < 0)
		fail_msg("%s: %s", fixtures[k].file, err.msg);
	assert_int_equal(liferay, 1);
	assert_int_equal(st.tables, fixtures[k].tables);
	assert_int_equal(st.rows, fixtures[k].rows);
	struct db *lite = tl_open(out);
	struct db *maria = open_mariadb(fixtures[k].file);
	const struct db_catalog *lc = db_catalog(lite, &err), *mc = db_catalog(maria, &err);
	assert_non_null(lc);
	assert_non_null(mc);
	assert_int_equal(lc->ntables, fixtures[k].tables);
	assert_int_equal(mc->ntables, fixtures[k].tables);
	int64_t total = 0;
	int differ = 0;
	for (int i = 0; i < lc->ntables; i++) {
		const char *t = lc->tables[i].name;
		struct table_sum a, b;
		if (db_table_checksum(lite, t, &a, &err) < 0 || db_table_checksum(maria, t, &b, &err) < 0)
			fail_msg("%s %s: %s", fixtures[k].file, t, err.msg);
		if (a.rows != b.rows || a.sum != b.sum) {
			fprintf(stderr, "%s: table %s: sqlite %lld rows %s, mariadb %lld rows %s\n", fixtures[k].file,
				t, (long long)a.rows, a.hex, (long long)b.rows, b.hex);
			differ++;
		}
		total += a.rows;
	}
	assert_int_equal(differ, 0);
	assert_int_equal(total, fixtures[k].rows);
	db_close(lite);
	db_close(maria);
}

#define FIXTURE_TEST(name, k) \
	static void name(void **state) { (void)state; check_fixture(k); }
FIXTURE_TEST(openquote_matches, 0)
FIXTURE_TEST(viking_latin1_matches, 1)
FIXTURE_TEST(juyee_cjk_matches, 2)
FIXTURE_TEST(openncp_matches, 3)
FIXTURE_TEST(openunderwriter_matches, 4)
FIXTURE_TEST(migratetools_utf8mb4_matches, 5)
FIXTURE_TEST(formsdemo_71_matches, 6)

/* The 7.4 schema-only dump (MySQL 8 syntax, a stored procedure in a
 * DELIMITER block, utf8mb4_0900_ai_ci) imports: every table and index the
 * dump declares (counted with grep on the dump), no rows. */
static void schema_only_74_imports(void **state)
{
	(void)state;
	const char *fx = tl_fixture("schema/lr74-mysql-vec.sql.xz");
	char out[4300];
	snprintf(out, sizeof out, "%s/vec.db", tl_tmpdir());
	struct lr_err err = LR_ERR_INIT;
	struct dump_load_stats st;
	int liferay = 0;
	if (dump_import_sqlite(fx, NULL, out, NULL, &st, &liferay, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(liferay, 1);
	assert_int_equal(st.tables, 523);
	assert_int_equal(st.rows, 0);
	assert_int_equal(st.indexes, 1786);
	assert_int_equal(st.notices, 1); /* the DELIMITER block */
	struct db *db = tl_open(out);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"), 523);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(openquote_matches),
		cmocka_unit_test(viking_latin1_matches),
		cmocka_unit_test(juyee_cjk_matches),
		cmocka_unit_test(openncp_matches),
		cmocka_unit_test(openunderwriter_matches),
		cmocka_unit_test(migratetools_utf8mb4_matches),
		cmocka_unit_test(formsdemo_71_matches),
		cmocka_unit_test(schema_only_74_imports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
