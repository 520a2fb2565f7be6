/* Bad pg_dump files fail with "file:line:col: what" and LR_EXIT_INPUT,
 * never a crash: a truncated COPY block, unterminated strings and comments,
 * wrong numbers of fields or values, garbage, rows of unknown tables, bad
 * literals, formats we do not read. */
#include "sinklib.h"

#define HEAD "SET standard_conforming_strings = on;\n" \
	"CREATE TABLE public.t (\n    id bigint NOT NULL,\n    s text,\n    b bytea\n);\n"

static void expect_error_n(const char *text, size_t len, const char *want)
{
	const char *path = ts_write("bad.sql", text, len);
	char full[4400];
	snprintf(full, sizeof full, "%s:%s", path, want);
	struct tsink ts;
	ts_init(&ts, NULL);
	struct lr_err err = LR_ERR_INIT;
	int rc = ts_read(&dump_reader_pgdump, path, &ts, &err);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_string_equal(err.msg, full);
	ts_release(&ts);
}

static void expect_error(const char *text, const char *want)
{
	expect_error_n(text, strlen(text), want);
}

static void test_truncated_copy(void **state)
{
	(void)state;
	expect_error(HEAD "COPY public.t (id, s, b) FROM stdin;\n1\ta\t\\N\n2\tb\t\\N\n",
		     "7:1: COPY data of t ends without \\. (truncated dump?)");
	expect_error(HEAD "COPY public.t (id, s, b) FROM stdin;\n1\ta\\",
		     "8:4: backslash at the end of a COPY line of t");
}

static void test_unterminated(void **state)
{
	(void)state;
	expect_error(HEAD "INSERT INTO public.t VALUES (1, 'abc, NULL);\n",
		     "7:1: unterminated string at end of dump (truncated dump?)");
	expect_error(HEAD "CREATE FUNCTION f() RETURNS int AS $$ select 1;\n",
		     "7:1: unterminated dollar-quoted text at end of dump (truncated dump?)");
	expect_error(HEAD "/* open comment\n", "7:1: unterminated comment at end of dump (truncated dump?)");
	expect_error(HEAD "INSERT INTO public.t VALUES (1", "7:1: unterminated statement at end of dump (truncated dump?)");
}

static void test_wrong_counts(void **state)
{
	(void)state;
	expect_error(HEAD "COPY public.t (id, s, b) FROM stdin;\n1\ta\n\\.\n", "8:4: 2 fields for the 3 columns of COPY t");
	expect_error(HEAD "COPY public.t (id, s, b) FROM stdin;\n1\ta\t\\N\t4\n\\.\n",
		     "8:8: more fields than the 3 columns of COPY t");
	expect_error(HEAD "INSERT INTO public.t VALUES (1, 'a');\n", "7:36: 2 values for the 3 columns of t");
	expect_error(HEAD "INSERT INTO public.t (id) VALUES (1, 'a');\n", "7:38: more values than the 1 columns of t");
}

static void test_garbage(void **state)
{
	(void)state;
	expect_error(HEAD "hello world;\n", "7:1: not a pg_dump statement: 'hello'");
	expect_error(HEAD "INSERT INTO public.t VALUES (1, 'a', NULL) junk;\n", "7:44: unexpected text after INSERT INTO t");
	static const char nul[] = HEAD "SELECT 1\0;\n";
	expect_error_n(nul, sizeof nul - 1, "7:9: NUL byte: not a pg_dump file");
	expect_error(HEAD "INSERT INTO public.t VALUES (1, ARRAY[1], NULL);\n",
		     "7:33: unsupported value 'ARRAY' in INSERT INTO t");
}

static void test_bad_literals(void **state)
{
	(void)state;
	expect_error(HEAD "COPY public.t (id, s, b) FROM stdin;\nx\ta\t\\N\n\\.\n", "8:1: column id of t: not an integer");
	expect_error(HEAD "COPY public.t (id, s, b) FROM stdin;\n1\ta\t\\\\xabc\n\\.\n", "8:5: column b of t: bad hex bytea");
	expect_error(HEAD "INSERT INTO public.t VALUES (1, 'a', '\\9');\n", "7:38: column b of t: bad escaped bytea");
	expect_error(HEAD "INSERT INTO public.t (nope) VALUES (1);\n", "7:23: column nope is not in table t");
}

static void test_unknown_table_and_format(void **state)
{
	(void)state;
	expect_error(HEAD "COPY public.u (id) FROM stdin;\n\\.\n",
		     "7:6: COPY into table u, which the dump does not create (a --data-only dump? lrprep needs the CREATE TABLE)");
	expect_error(HEAD "COPY public.t (id, s, b) FROM stdin WITH CSV;\n\\.\n",
		     "7:42: COPY t: only the text format of pg_dump is read");
	expect_error("SET client_encoding = 'SJIS';\n",
		     "1:23: client_encoding SJIS is not supported (UTF8, LATIN1, SQL_ASCII are)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truncated_copy),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_wrong_counts),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_bad_literals),
		cmocka_unit_test(test_unknown_table_and_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
