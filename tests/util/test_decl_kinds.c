/* Declared column types of every dialect map to the right canonical kind. */
#include "testlib.h"

static void mysql_types(void **state)
{
	(void)state;
	assert_int_equal(db_kind_from_decl("bigint(20)"), DB_INT);
	assert_int_equal(db_kind_from_decl("int(11)"), DB_INT);
	assert_int_equal(db_kind_from_decl("tinyint(4)"), DB_INT);
	assert_int_equal(db_kind_from_decl("tinyint(1)"), DB_BOOL);
	assert_int_equal(db_kind_from_decl("bit(1)"), DB_BOOL);
	assert_int_equal(db_kind_from_decl("double"), DB_REAL);
	assert_int_equal(db_kind_from_decl("decimal(30,16)"), DB_DECIMAL);
	assert_int_equal(db_kind_from_decl("datetime(6)"), DB_DATE);
	assert_int_equal(db_kind_from_decl("datetime"), DB_DATE);
	assert_int_equal(db_kind_from_decl("varchar(75)"), DB_TEXT);
	assert_int_equal(db_kind_from_decl("longtext"), DB_TEXT);
	assert_int_equal(db_kind_from_decl("longblob"), DB_BLOB);
	assert_int_equal(db_kind_from_decl("BIGINT UNSIGNED"), DB_INT);
}

static void postgres_and_hsqldb_types(void **state)
{
	(void)state;
	assert_int_equal(db_kind_from_decl("timestamp without time zone"), DB_DATE);
	assert_int_equal(db_kind_from_decl("character varying(75)"), DB_TEXT);
	assert_int_equal(db_kind_from_decl("double precision"), DB_REAL);
	assert_int_equal(db_kind_from_decl("boolean"), DB_BOOL);
	assert_int_equal(db_kind_from_decl("bytea"), DB_BLOB);
	assert_int_equal(db_kind_from_decl("BIGINT"), DB_INT);
	assert_int_equal(db_kind_from_decl("VARCHAR(16777216)"), DB_TEXT);
	assert_int_equal(db_kind_from_decl("TIMESTAMP"), DB_DATE);
	assert_int_equal(db_kind_from_decl("BIT(1)"), DB_BOOL);
	assert_int_equal(db_kind_from_decl("interval"), DB_TEXT);
	assert_int_equal(db_kind_from_decl("TEXT"), DB_TEXT);
	assert_int_equal(db_kind_from_decl(""), DB_TEXT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mysql_types),
		cmocka_unit_test(postgres_and_hsqldb_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
