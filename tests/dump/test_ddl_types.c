/* Column types in the target engine's own spelling, from any dialect's
 * declared type; SQLite keeps the declared name (so affinity and kinds read
 * back right) except decimals, which keep their exact text. */
#include "dumptest.h"
#include "db/ddl.h"

static void check(enum db_engine e, const char *decl, enum db_kind kind, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	ddl_type(e, decl, kind, &sb);
	if (strcmp(strbuf_str(&sb), want) != 0)
		fail_msg("%s %s: got '%s', want '%s'", db_engine_name(e), decl ? decl : "(null)", strbuf_str(&sb), want);
	strbuf_release(&sb);
}

static void postgresql_types(void **state)
{
	(void)state;
	static const char *const map[][2] = {
		{ "bigint(20)", "bigint" },          { "int(11)", "integer" },
		{ "tinyint(4)", "smallint" },        { "tinyint(1)", "boolean" },
		{ "bit(1)", "boolean" },             { "BOOLEAN", "boolean" },
		{ "datetime(6)", "timestamp(6)" },   { "datetime", "timestamp" },
		{ "TIMESTAMP", "timestamp" },        { "longtext", "text" },
		{ "mediumtext", "text" },            { "VARCHAR(16777216)", "text" },
		{ "varchar(75)", "varchar(75)" },    { "longblob", "bytea" },
		{ "double", "double precision" },    { "decimal(30,16)", "numeric(30,16)" },
		{ "DOUBLE PRECISION", "double precision" }, { "enum('a','b')", "text" },
		{ "date", "date" },                  { "character varying(300)", "varchar(300)" },
		{ "bigint(20) unsigned", "bigint" }, { "char(1)", "varchar(1)" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		check(DB_PGSQL, map[i][0], db_kind_from_decl(map[i][0]), map[i][1]);
}

static void mariadb_types(void **state)
{
	(void)state;
	static const char *const map[][2] = {
		{ "VARCHAR(16777216)", "longtext" }, { "BOOLEAN", "tinyint(1)" },
		{ "TIMESTAMP", "datetime(6)" },      { "bigint(20)", "bigint" },
		{ "bigint(20) unsigned", "bigint unsigned" }, { "varchar(75)", "varchar(75)" },
		{ "datetime(6)", "datetime(6)" },    { "bytea", "longblob" },
		{ "text", "text" },                  { "CLOB", "longtext" },
		{ "double precision", "double" },    { "numeric", "decimal(65,30)" },
		{ "enum('a','b')", "enum('a','b')" }, { "timestamp without time zone", "datetime(6)" },
		{ "bit(1)", "tinyint(1)" },          { "INTEGER", "int" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		check(DB_MARIADB, map[i][0], db_kind_from_decl(map[i][0]), map[i][1]);
}

static void sqlite_keeps_the_declared_name(void **state)
{
	(void)state;
	check(DB_SQLITE, "bigint(20)", DB_INT, "bigint(20)");
	check(DB_SQLITE, "varchar(75)", DB_TEXT, "varchar(75)");
	check(DB_SQLITE, "datetime(6)", DB_DATE, "datetime(6)");
	check(DB_SQLITE, "tinyint(1)", DB_BOOL, "tinyint(1)");
	check(DB_SQLITE, "decimal(30,16)", DB_DECIMAL, "DECIMAL_TEXT(30,16)");
	check(DB_SQLITE, "enum('a','b')", DB_TEXT, "enum");
	check(DB_SQLITE, NULL, DB_DECIMAL, "DECIMAL_TEXT");
	check(DB_PGSQL, NULL, DB_BLOB, "bytea");
	check(DB_MARIADB, NULL, DB_DATE, "datetime(6)");
	/* the SQLite spelling reads back as the same kind */
	assert_int_equal(db_kind_from_decl("DECIMAL_TEXT(30,16)"), DB_DECIMAL);
}

static void decimals_keep_their_exact_text_in_sqlite(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof path, "%s/ddl.db", tl_tmpdir());
	struct db *db = tl_open(path);
	struct lr_err err = LR_ERR_INIT;
	struct ddl_column cols[] = {
		{ "id", "bigint(20)", DB_INT, 1 },
		{ "price", "decimal(30,16)", DB_DECIMAL, 0 },
		{ "kind", "enum('a','b')", DB_TEXT, 0 },
	};
	const char *pk[] = { "id" };
	assert_int_equal(db_create_table(db, "Mixed_Case", cols, 3, pk, 1, &err), 0);
	const char *ixc[] = { "kind", "price" };
	assert_int_equal(db_create_index(db, "Mixed_Case", "IX_K", ixc, 2, 1, &err), 0);
	struct db_value v[3] = { db_int(1), { DB_DECIMAL, 0, 0, "12345678901234.1234567890123456", 31 }, db_text("a") };
	assert_int_equal(db_exec(db, "INSERT INTO \"Mixed_Case\" VALUES (?,?,?)", v, 3, NULL, &err), 0);
	struct db_cursor *c;
	assert_int_equal(db_query(db, "SELECT price, typeof(price) FROM \"Mixed_Case\"", NULL, 0, &c, &err), 0);
	assert_int_equal(db_next(c, &err), 1);
	struct db_value got;
	db_get(c, 0, &got);
	assert_int_equal(got.kind, DB_DECIMAL);
	assert_string_equal(db_get_text(c, 0), "12345678901234.1234567890123456");
	assert_string_equal(db_get_text(c, 1), "text");
	db_cursor_close(c);
	assert_non_null(db_catalog(db, &err));
	const struct db_table *t = db_table_find(db, "mixed_case");
	assert_non_null(t);
	assert_string_equal(t->name, "Mixed_Case");
	assert_int_equal(db_column_find(t, "ID")->pk, 1);
	assert_int_equal(db_column_find(t, "id")->notnull, 1);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'IX_K'"), 1);
	assert_int_equal(db_drop_table_if_exists(db, "Mixed_Case", &err), 0);
	assert_int_equal(db_drop_table_if_exists(db, "Mixed_Case", &err), 0);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(postgresql_types),
		cmocka_unit_test(mariadb_types),
		cmocka_unit_test(sqlite_keeps_the_declared_name),
		cmocka_unit_test(decimals_keep_their_exact_text_in_sqlite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
