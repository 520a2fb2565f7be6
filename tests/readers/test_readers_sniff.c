/* Each reader recognises its own format from the first decompressed bytes
 * of the real fixtures and scores the others' low, so auto-detection picks
 * the right reader. */
#include "sinklib.h"

static size_t head_of(const char *fixture, char *buf, size_t n)
{
	struct input *in = NULL;
	struct lr_err err = LR_ERR_INIT;
	if (input_open(tl_fixture(fixture), &in, &err) < 0)
		fail_msg("%s", err.msg);
	size_t got = 0;
	while (got < n) {
		long r = input_read(in, buf + got, n - got, &err);
		assert_true(r >= 0);
		if (r == 0)
			break;
		got += (size_t)r;
	}
	input_close(in);
	return got;
}

static void expect_scores(const char *fixture, int pg, int hs)
{
	static char buf[65536];
	size_t n = head_of(fixture, buf, sizeof buf);
	assert_int_equal(dump_reader_pgdump.sniff(buf, n), pg);
	assert_int_equal(dump_reader_hsqldb.sniff(buf, n), hs);
}

static void test_sniff_fixtures(void **state)
{
	(void)state;
	expect_scores("schema/lr52-pgsql-progate.sql.xz", 95, 0);
	expect_scores("lr61-hsqldb-cognetics.script.xz", 0, 95);
	expect_scores("lr70-hsqldb-pokerhands.script.xz", 0, 95);
	expect_scores("lr71-hsqldb-guestbook.script.xz", 0, 95);
	expect_scores("lr62-mysql-juyee.sql.xz", 0, 0);
	expect_scores("lr71-mysql-formsdemo.sql.xz", 0, 0);
	expect_scores("schema/lr74-mysql-vec.sql.xz", 0, 0);
}

static void test_sniff_names(void **state)
{
	(void)state;
	assert_string_equal(dump_reader_pgdump.name, "pg_dump");
	assert_string_equal(dump_reader_hsqldb.name, "hsqldb");
	/* a modern pg_dump head and a script with only CREATE MEMORY TABLE */
	static const char modern[] = "SET statement_timeout = 0;\nSET lock_timeout = 0;\n";
	assert_int_equal(dump_reader_pgdump.sniff(modern, sizeof modern - 1), 80);
	static const char script[] = "SET SCHEMA PUBLIC\nCREATE MEMORY TABLE PUBLIC.X(A INTEGER)\n";
	assert_int_equal(dump_reader_hsqldb.sniff(script, sizeof script - 1), 85);
	assert_int_equal(dump_reader_pgdump.sniff(script, sizeof script - 1), 0);
	assert_int_equal(dump_reader_hsqldb.sniff("", 0), 0);
	assert_int_equal(dump_reader_pgdump.sniff("", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff_fixtures),
		cmocka_unit_test(test_sniff_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
