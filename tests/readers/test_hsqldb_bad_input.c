/* Bad HSQLDB scripts fail with "file:line:col: what" and LR_EXIT_INPUT,
 * never a crash: unterminated strings, wrong numbers of values, garbage,
 * rows of unknown tables, bad literals; and CACHED tables whose rows are in
 * lportal.data fail with the way out (SHUTDOWN SCRIPT). */
#include "sinklib.h"

#define HEAD "SET DATABASE UNIQUE NAME HSQLDB0000000001\n" \
	"CREATE SCHEMA PUBLIC AUTHORIZATION DBA\n" \
	"CREATE MEMORY TABLE PUBLIC.T(ID BIGINT NOT NULL PRIMARY KEY,S VARCHAR(75),B VARBINARY(8))\n" \
	"SET SCHEMA PUBLIC\n"

/* Reads text as a script; expects failure with message "<path>:<want>". */
static void expect_error_n(const char *text, size_t len, const char *want)
{
	const char *path = ts_write("bad.script", text, len);
	char full[4400];
	snprintf(full, sizeof full, "%s:%s", path, want);
	struct tsink ts;
	ts_init(&ts, NULL);
	struct lr_err err = LR_ERR_INIT;
	int rc = ts_read(&dump_reader_hsqldb, path, &ts, &err);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_string_equal(err.msg, full);
	ts_release(&ts);
}

static void expect_error(const char *text, const char *want)
{
	expect_error_n(text, strlen(text), want);
}

static void test_unterminated_string(void **state)
{
	(void)state;
	expect_error(HEAD "INSERT INTO T VALUES(1,'abc,NULL)\n", "5:24: unterminated string");
}

static void test_wrong_number_of_values(void **state)
{
	(void)state;
	expect_error(HEAD "INSERT INTO T VALUES(1,'a')\n", "5:27: 2 values for the 3 columns of T");
	expect_error(HEAD "INSERT INTO T VALUES(1,'a',NULL,4)\n", "5:33: more values than the 3 columns of T");
	expect_error(HEAD "INSERT INTO T VALUES(1,'a',\n", "5:28: row ends before its values");
}

static void test_garbage(void **state)
{
	(void)state;
	expect_error(HEAD "%$#@! not sql\n", "5:1: not an HSQLDB script statement");
	expect_error(HEAD "INSERT INTO T VALUES(1,'a',NULL) trailing\n", "5:34: text after the row of T");
	static const char nul[] = HEAD "INSERT INTO T VALUES(1,'a',NULL\0)\n";
	expect_error_n(nul, sizeof nul - 1, "5:32: NUL byte: not an HSQLDB script");
	expect_error(HEAD "INSERT INTO T VALUES(1,'a',X)\n", "5:28: unexpected 'X' in a row of T");
}

static void test_bad_literals(void **state)
{
	(void)state;
	expect_error(HEAD "INSERT INTO T VALUES('x','a',NULL)\n", "5:22: column ID: not an integer");
	expect_error(HEAD "INSERT INTO T VALUES(1,'a','abc')\n", "5:28: binary value with an odd number of hex digits");
	expect_error(HEAD "INSERT INTO T VALUES(1,'a','zz')\n", "5:28: binary value is not hex");
	expect_error(HEAD "INSERT INTO T VALUES(1.2.3,'a',NULL)\n", "5:22: bad number '1.2.3' in a row of T");
}

static void test_unknown_table(void **state)
{
	(void)state;
	expect_error(HEAD "INSERT INTO NOPE VALUES(1)\n",
		     "5:13: INSERT into table NOPE, which the script does not create");
	expect_error("CREATE MEMORY TABLE PUBLIC.U(ID BIGINT\n", "1:39: unterminated CREATE TABLE U");
}

static void test_cached_tables(void **state)
{
	(void)state;
	static const char cached[] = "SET SCHEMA PUBLIC\n"
				     "CREATE CACHED TABLE PUBLIC.GROUP_(GROUPID BIGINT NOT NULL PRIMARY KEY)\n"
				     "CREATE CACHED TABLE PUBLIC.LAYOUT(PLID BIGINT NOT NULL PRIMARY KEY)\n"
				     "CREATE MEMORY TABLE PUBLIC.RELEASE_(RELEASEID BIGINT NOT NULL PRIMARY KEY)\n"
				     "INSERT INTO RELEASE_ VALUES(1)\n";
	const char *path = ts_write("cached.script", cached, sizeof cached - 1);
	struct tsink ts;
	ts_init(&ts, NULL);
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(ts_read(&dump_reader_hsqldb, path, &ts, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	char want[4400];
	snprintf(want, sizeof want, "%s: 2 tables (GROUP_, LAYOUT) are CACHED or TEXT: their rows are in "
		 "lportal.data, which lrprep cannot read; open the database in HSQLDB, run `SHUTDOWN "
		 "SCRIPT`, and import the new lportal.script", path);
	assert_string_equal(err.msg, want);
	assert_int_equal(ts.nnotices, 2);
	assert_string_equal(strbuf_str(&ts.notices),
			    "2: table GROUP_ is CACHED: its rows are in lportal.data, which lrprep cannot read\n"
			    "3: table LAYOUT is CACHED: its rows are in lportal.data, which lrprep cannot read\n");
	ts_release(&ts);

	/* after SHUTDOWN SCRIPT the CACHED rows are in the script: read normally */
	static const char scripted[] = "SET SCHEMA PUBLIC\n"
				       "CREATE CACHED TABLE PUBLIC.GROUP_(GROUPID BIGINT NOT NULL PRIMARY KEY)\n"
				       "CREATE CACHED TABLE PUBLIC.LAYOUT(PLID BIGINT NOT NULL PRIMARY KEY)\n"
				       "INSERT INTO GROUP_ VALUES(20137)\n";
	path = ts_write("scripted.script", scripted, sizeof scripted - 1);
	ts_init(&ts, NULL);
	lr_err_clear(&err);
	assert_int_equal(ts_read(&dump_reader_hsqldb, path, &ts, &err), 0);
	assert_int_equal(ts_rows(&ts, "GROUP_"), 1);
	assert_int_equal(ts_rows(&ts, "LAYOUT"), 0);
	assert_int_equal(ts.nnotices, 0);
	ts_release(&ts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unterminated_string),
		cmocka_unit_test(test_wrong_number_of_values),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_bad_literals),
		cmocka_unit_test(test_unknown_table),
		cmocka_unit_test(test_cached_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
