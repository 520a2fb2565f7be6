/* `lrprep import` of each HSQLDB fixture and of the PostgreSQL schema dump
 * into SQLite: the copy holds the tables and rows of the fixtures README,
 * counted with db_table_rows; a script whose CACHED rows live in
 * lportal.data is refused with exit code 4 and the way out. */
#include "sinklib.h"
#include <unistd.h>

struct expect {
	const char *fixture;
	int64_t tables;
	int64_t group_, layout, user_, journalarticle, dlfileentry, dlfileversion, assetentry,
		resourcepermission, release_;
};

static const struct expect expects[] = {
	{ "lr61-hsqldb-cognetics.script.xz", 181, 208, 4, 192, 0, 0, 0, 191, 0, 1 },
	{ "lr70-hsqldb-pokerhands.script.xz", 200, 12, 17, 2, 15, 21, 21, 105, 1070, 103 },
	{ "lr71-hsqldb-guestbook.script.xz", 229, 11, 15, 2, 0, 0, 0, 17, 1107, 135 },
};

static int64_t rows_of(struct db *db, const char *table)
{
	const char *name = db_table_name(db, table);
	if (!name)
		fail_msg("table %s missing", table);
	int64_t n = -1;
	struct lr_err err = LR_ERR_INIT;
	if (db_table_rows(db, name, &n, &err) < 0)
		fail_msg("%s", err.msg);
	return n;
}

static struct db *import(const char *fixture, const char *out)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), out);
	struct strbuf o = STRBUF_INIT, e = STRBUF_INIT;
	int rc = tl_run(&o, &e, "import", tl_fixture(fixture), "-o", path, (const char *)NULL);
	if (rc != 0)
		fail_msg("import %s: exit %d: %s", fixture, rc, strbuf_str(&e));
	strbuf_release(&o);
	strbuf_release(&e);
	return tl_open(path);
}

static void check(const struct expect *x, const char *out)
{
	struct db *db = import(x->fixture, out);
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(db, &err);
	assert_non_null(cat);
	assert_int_equal(cat->ntables, x->tables);
	assert_int_equal(rows_of(db, "Group_"), x->group_);
	assert_int_equal(rows_of(db, "Layout"), x->layout);
	assert_int_equal(rows_of(db, "User_"), x->user_);
	assert_int_equal(rows_of(db, "JournalArticle"), x->journalarticle);
	assert_int_equal(rows_of(db, "DLFileEntry"), x->dlfileentry);
	assert_int_equal(rows_of(db, "DLFileVersion"), x->dlfileversion);
	assert_int_equal(rows_of(db, "AssetEntry"), x->assetentry);
	assert_int_equal(rows_of(db, "ResourcePermission"), x->resourcepermission);
	assert_int_equal(rows_of(db, "Release_"), x->release_);
	db_close(db);
}

static void test_import_cognetics(void **state) { (void)state; check(&expects[0], "cognetics.db"); }
static void test_import_pokerhands(void **state) { (void)state; check(&expects[1], "pokerhands.db"); }

static void test_import_guestbook(void **state)
{
	(void)state;
	check(&expects[2], "guestbook.db");
	/* values survive the trip: the portal row of Release_ */
	char path[4200];
	snprintf(path, sizeof path, "%s/guestbook.db", tl_tmpdir());
	struct db *db = tl_open(path);
	assert_int_equal(tl_int(db, "SELECT buildNumber FROM RELEASE_ WHERE servletContextName = 'portal'"), 7100);
	assert_int_equal(tl_int(db, "SELECT verified FROM RELEASE_ WHERE servletContextName = 'portal'"), 1);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM USER_ WHERE languageId = 'ja_JP'"), 2);
	db_close(db);
}

static void test_import_pg_schema(void **state)
{
	(void)state;
	struct db *db = import("schema/lr52-pgsql-progate.sql.xz", "progate.db");
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(db, &err);
	assert_non_null(cat);
	assert_int_equal(cat->ntables, 152);
	assert_int_equal(rows_of(db, "group_"), 0);
	const struct db_table *t = db_table_find(db, "group_");
	assert_non_null(t);
	const struct db_column *c = db_column_find(t, "groupid");
	assert_non_null(c);
	assert_int_equal(c->pk, 1);
	db_close(db);
}

static void test_import_cached_refused(void **state)
{
	(void)state;
	static const char cached[] = "SET DATABASE UNIQUE NAME HSQLDB0000000001\n"
				     "SET SCHEMA PUBLIC\n"
				     "CREATE CACHED TABLE PUBLIC.GROUP_(GROUPID BIGINT NOT NULL PRIMARY KEY)\n";
	const char *in = ts_write("cached.script", cached, sizeof cached - 1);
	char inpath[4200], out[4200];
	snprintf(inpath, sizeof inpath, "%s", in);
	snprintf(out, sizeof out, "%s/cached.db", tl_tmpdir());
	struct strbuf o = STRBUF_INIT, e = STRBUF_INIT;
	int rc = tl_run(&o, &e, "import", inpath, "-o", out, (const char *)NULL);
	assert_int_equal(rc, LR_EXIT_INPUT);
	assert_non_null(strstr(strbuf_str(&e), "GROUP_"));
	assert_non_null(strstr(strbuf_str(&e), "SHUTDOWN SCRIPT"));
	strbuf_release(&o);
	strbuf_release(&e);
}

/* A real pg_dump (COPY form) of PostgreSQL 15 (a minimal Liferay shape, as
 * import wants one) into SQLite: bytea with all
 * 256 byte values and text with tab/newline/backslash/Unicode arrive byte
 * for byte; the key that pg_dump writes after the data still makes the
 * column unique. */
static void test_import_pg_dump_copy(void **state)
{
	(void)state;
	const char *server = tl_pg_uri();
	const char *pg_dump = access("/usr/lib/postgresql/15/bin/pg_dump", X_OK) == 0 ?
			      "/usr/lib/postgresql/15/bin/pg_dump" : "pg_dump";
	char db[64], uri[512], cmd[9000], dump[4200], out[4200];
	snprintf(db, sizeof db, "t_readers_e2e_%ld", (long)getpid());
	tl_pg_db_uri(db, uri, sizeof uri);
	snprintf(cmd, sizeof cmd, "PGOPTIONS='-c client_min_messages=warning' psql -q -v ON_ERROR_STOP=1 '%s' "
		 "-c 'DROP DATABASE IF EXISTS %s' -c 'CREATE DATABASE %s' >/dev/null", server, db, db);
	if (system(cmd) != 0)
		tl_unavailable("psql");
	static const char sql[] =
		"CREATE TABLE release_ (releaseid bigint PRIMARY KEY);\n"
		"CREATE TABLE group_ (groupid bigint PRIMARY KEY);\n"
		"CREATE TABLE company (companyid bigint PRIMARY KEY);\n"
		"CREATE TABLE user_ (userid bigint PRIMARY KEY, greeting text, portrait bytea);\n"
		"INSERT INTO user_ SELECT 20100, E'a\\tb\\nc\\\\d \\u00e9\\U0001F600',"
		" (SELECT decode(string_agg(lpad(to_hex(i), 2, '0'), '' ORDER BY i), 'hex')"
		" FROM generate_series(0, 255) i);\n";
	const char *sqlpath = ts_write("pg_setup.sql", sql, sizeof sql - 1);
	snprintf(cmd, sizeof cmd, "psql -q -v ON_ERROR_STOP=1 '%s' -f '%s' >/dev/null", uri, sqlpath);
	assert_int_equal(system(cmd), 0);
	snprintf(dump, sizeof dump, "%s/pg.sql", tl_tmpdir());
	snprintf(cmd, sizeof cmd, "'%s' -d '%s' -f '%s'", pg_dump, uri, dump);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "PGOPTIONS='-c client_min_messages=warning' psql -q '%s' "
		 "-c 'DROP DATABASE IF EXISTS %s' >/dev/null", server, db);
	assert_int_equal(system(cmd), 0);

	snprintf(out, sizeof out, "%s/pg.db", tl_tmpdir());
	struct strbuf o = STRBUF_INIT, e = STRBUF_INIT;
	int rc = tl_run(&o, &e, "import", dump, "-o", out, (const char *)NULL);
	if (rc != 0)
		fail_msg("import: exit %d: %s", rc, strbuf_str(&e));
	strbuf_release(&o);
	strbuf_release(&e);
	struct db *sq = tl_open(out);
	assert_int_equal(tl_int(sq, "SELECT COUNT(*) FROM user_"), 1);
	assert_int_equal(tl_int(sq, "SELECT length(portrait) FROM user_"), 256);
	/* the 256 bytes in order: byte i at position i+1 */
	assert_int_equal(tl_int(sq, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 255) "
				"SELECT COUNT(*) FROM n, user_ WHERE hex(substr(portrait, i + 1, 1)) = "
				"printf('%02X', i)"), 256);
	assert_int_equal(tl_int(sq, "SELECT greeting = 'a' || char(9) || 'b' || char(10) || 'c' || char(92) || "
				"'d ' || char(233) || char(128512) FROM user_"), 1);
	assert_int_equal(tl_int(sq, "SELECT COUNT(*) FROM pragma_index_list('user_') WHERE \"unique\" = 1"), 1);
	db_close(sq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_cognetics),
		cmocka_unit_test(test_import_pokerhands),
		cmocka_unit_test(test_import_guestbook),
		cmocka_unit_test(test_import_pg_schema),
		cmocka_unit_test(test_import_cached_refused),
		cmocka_unit_test(test_import_pg_dump_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
