/* Older and rarer pg_dump forms, written by hand as PostgreSQL 8.x-9.0
 * pg_dump wrote them: standard_conforming_strings off (backslash escapes in
 * plain '...' strings), E'' strings, bytea in the escape format, LATIN1
 * client encoding, COPY without a column list, a search_path naming another
 * schema, CRLF line ends, and statements sharing a line. */
#include "sinklib.h"

static const char legacy[] =
	"--\n-- PostgreSQL database dump\n--\n\n"
	"SET statement_timeout = 0;\n"
	"SET client_encoding = 'LATIN1';\n"
	"SET standard_conforming_strings = off;\n"
	"SET escape_string_warning = off;\n"
	"SET search_path = lportal, pg_catalog;\n"
	"CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $_$\n"
	"BEGIN INSERT INTO t VALUES ('not a row; really'); RETURN NEW; END\n$_$;\n"
	"CREATE TABLE t (\n    id integer NOT NULL,\n    s character varying(75),\n"
	"    b bytea,\n    ok boolean\n);\n"
	"CREATE TABLE public.ignored (x integer);\n"
	"COPY t FROM stdin;\n"
	"1\tcaf\xe9\\\\x\\tz\t\\\\001\\\\377a\\\\\\\\\tt\n"
	"2\t\\N\t\\N\tf\n"
	"\\.\n"
	"COPY public.ignored (x) FROM stdin;\n7\n\\.\n"
	"INSERT INTO t VALUES (3, 'it\\'s\\n\xe9', E'\\\\x00ff', true); INSERT INTO t (id, s) VALUES (4, E'\\u00e9\\t');\n"
	"ALTER TABLE ONLY t\n    ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n"
	"/* block /* nested */ comment */ CREATE INDEX t_s ON t USING btree (s varchar_pattern_ops);\n"
	"CREATE INDEX t_part ON t (s) WHERE (ok);\n";

static void test_legacy_dump(void **state)
{
	(void)state;
	const char *path = ts_write("legacy.sql", legacy, sizeof legacy - 1);
	struct tsink ts;
	ts_init(&ts, "t");
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_pgdump, path, &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts.nt, 1);
	assert_string_equal(ts.t[0].name, "t");
	assert_int_equal(ts.t[0].npk, 0); /* the key came after the rows */
	assert_int_equal(ts.nrows, 4);
	assert_string_equal(strbuf_str(&ts.indexes), "t t_pkey 1 id\nt t_s 0 s\n");
	assert_non_null(strstr(strbuf_str(&ts.notices), "skipped table public.ignored: only schema lportal is read"));
	assert_non_null(strstr(strbuf_str(&ts.notices), "skipped index t_part on t: partial index"));
	assert_int_equal(ts.nnotices, 2);

	struct cap_val *v = ts.rows[0].v;
	assert_string_equal(ts.rows[0].cols, "");
	assert_int_equal(v[0].i, 1);
	assert_string_equal(v[1].s, "caf\xc3\xa9\\x\tz"); /* LATIN1 e-acute to UTF-8 */
	assert_int_equal(v[2].kind, DB_BLOB);
	assert_int_equal(v[2].len, 4);
	assert_memory_equal(v[2].s, "\x01\xff" "a\\", 4);
	assert_int_equal(v[3].kind, DB_BOOL);
	assert_int_equal(v[3].i, 1);
	v = ts.rows[1].v;
	assert_int_equal(v[1].kind, DB_NULL);
	assert_int_equal(v[2].kind, DB_NULL);
	assert_int_equal(v[3].i, 0);
	v = ts.rows[2].v;
	assert_int_equal(v[0].i, 3);
	assert_string_equal(v[1].s, "it's\n\xc3\xa9");
	assert_int_equal(v[2].len, 2);
	assert_memory_equal(v[2].s, "\x00\xff", 2);
	assert_string_equal(ts.rows[3].cols, "id,s");
	assert_int_equal(ts.rows[3].n, 2);
	assert_string_equal(ts.rows[3].v[1].s, "\xc3\xa9\t");
	ts_release(&ts);
}

static void test_crlf_dump(void **state)
{
	(void)state;
	static const char crlf[] = "SET standard_conforming_strings = on;\r\n"
				   "CREATE TABLE x (a integer, b text);\r\n"
				   "COPY x (a, b) FROM stdin;\r\n1\ttwo\\r\r\n\\.\r\n"
				   "INSERT INTO x VALUES (2, 'c:\\dir');\r\n";
	const char *path = ts_write("crlf.sql", crlf, sizeof crlf - 1);
	struct tsink ts;
	ts_init(&ts, "x");
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_pgdump, path, &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts.nrows, 2);
	assert_string_equal(ts.rows[0].v[1].s, "two\r");
	assert_string_equal(ts.rows[1].v[1].s, "c:\\dir");
	ts_release(&ts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_dump),
		cmocka_unit_test(test_crlf_dump),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
