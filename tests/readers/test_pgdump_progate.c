/* The pg_dump reader reads the only real PostgreSQL Liferay dump, a 5.2
 * schema from PostgreSQL 8.x (standard_conforming_strings off, E'' strings,
 * PL/pgSQL bodies in $$ with INSERTs inside that must not become rows):
 * 152 tables, 0 rows, primary keys in the table events (they come before
 * the end of a schema-only dump) and 501 indexes (388 CREATE INDEX, 103
 * CREATE UNIQUE INDEX, 10 UNIQUE constraints): with the 152 keys, the 653
 * indexes of the fixtures README. */
#include "sinklib.h"

static void test_progate_schema(void **state)
{
	(void)state;
	struct tsink ts;
	ts_init(&ts, NULL);
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_pgdump, tl_fixture("schema/lr52-pgsql-progate.sql.xz"), &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts.nt, 152);
	int64_t rows = 0;
	for (size_t i = 0; i < ts.nt; i++)
		rows += ts.t[i].rows;
	assert_int_equal(rows, 0);
	assert_int_equal(ts.row_before_table, 0);
	assert_int_equal(ts.nindexes, 501);
	assert_int_equal(ts.nunique, 113);

	struct ts_table *g = ts_find(&ts, "group_");
	assert_non_null(g);
	assert_string_equal(g->name, "group_");
	assert_string_equal(g->pk, "groupid");
	struct ts_table *a = ts_find(&ts, "account_");
	assert_non_null(a);
	assert_int_equal(a->ncols, 16);
	assert_string_equal(a->pk, "accountid");
	static const char cols[] = "accountid:int:bigint:nn,companyid:int:bigint,userid:int:bigint,"
				   "username:text:character varying(75),createdate:date:timestamp without time zone,";
	assert_true(!strncmp(a->cols, cols, sizeof cols - 1));
	/* every table but the ones without a key got one */
	int withpk = 0;
	for (size_t i = 0; i < ts.nt; i++)
		withpk += ts.t[i].npk > 0;
	fprintf(stderr, "%d tables with a primary key; notices:\n%s", withpk, strbuf_str(&ts.notices));
	assert_int_equal(withpk, 152);
	assert_int_equal(ts.nnotices, 0);
	ts_release(&ts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progate_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
