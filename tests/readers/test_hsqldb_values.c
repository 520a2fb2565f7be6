/* The HSQLDB reader decodes script literals to the canonical values of db.h:
 * \uXXXX escapes (surrogate pairs too) to UTF-8, '' to ', BIT(1) '0'/'1' and
 * TRUE/FALSE to DB_BOOL, timestamps to 'YYYY-MM-DD HH:MM:SS[.fff]', DOUBLE
 * 1.0E0 forms to DB_REAL, hex strings of binary columns to bytes. */
#include "sinklib.h"

static struct tsink ts;

static void read_fixture(const char *name, const char *capture)
{
	ts_init(&ts, capture);
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_hsqldb, tl_fixture(name), &ts, &err) != 0)
		fail_msg("%s", err.msg);
}

static void test_hebrew_and_japanese_names(void **state)
{
	(void)state;
	read_fixture("lr70-hsqldb-pokerhands.script.xz", "GROUP_");
	assert_int_equal(ts.nrows, 12);
	struct cap_row *g = ts_row_where_int(&ts, 2, 30081); /* GROUPID */
	assert_non_null(g);
	assert_int_equal(g->n, 22);
	assert_int_equal(g->v[11].kind, DB_TEXT); /* NAME */
	const char *name = g->v[11].s;
	assert_true(!strncmp(name, "<?xml version='1.0' encoding='UTF-8'?><root available-locales=", 62));
	assert_non_null(strstr(name, "<Name language-id=\"iw_IL\">\xd7\x95\xd7\x99\xd7\xa7\xd7\x99</Name>"));
	assert_non_null(strstr(name, "<Name language-id=\"ja_JP\">\xe3\x82\xa6\xe3\x82\xa3\xe3\x82\xad</Name>"));
	assert_int_equal(g->v[11].len, strlen(name));
	assert_int_equal(g->v[12].kind, DB_NULL);        /* DESCRIPTION */
	assert_int_equal(g->v[15].kind, DB_BOOL);        /* MANUALMEMBERSHIP '1' */
	assert_int_equal(g->v[15].i, 1);
	assert_int_equal(g->v[20].kind, DB_BOOL);        /* INHERITCONTENT '0' */
	assert_int_equal(g->v[20].i, 0);
	assert_string_equal(g->v[17].s, "/template-30080"); /* FRIENDLYURL */
	ts_release(&ts);
}

static void test_multiline_text_bool_and_timestamp(void **state)
{
	(void)state;
	read_fixture("lr70-hsqldb-pokerhands.script.xz", "LAYOUT");
	assert_int_equal(ts.nrows, 17);
	struct cap_row *l = ts_row_where(&ts, 1, "d142c32b-20e1-fa78-bbff-72ab4e2f486f");
	assert_non_null(l);
	assert_int_equal(l->v[2].kind, DB_INT);
	assert_int_equal(l->v[2].i, 20137);
	assert_int_equal(l->v[7].kind, DB_DATE);         /* CREATEDATE */
	assert_string_equal(l->v[7].s, "2017-02-12 13:20:40.758");
	assert_int_equal(l->v[9].kind, DB_BOOL);         /* PRIVATELAYOUT */
	assert_int_equal(l->v[9].i, 1);
	assert_string_equal(l->v[18].s, "privateLayout=true\n"); /* TYPESETTINGS */
	assert_int_equal(l->v[18].len, 19);
	assert_string_equal(l->v[12].s, "<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" "
			    "default-locale=\"en_US\"><Name language-id=\"en_US\">Control Panel</Name></root>");
	ts_release(&ts);
}

static void test_release_and_double(void **state)
{
	(void)state;
	read_fixture("lr70-hsqldb-pokerhands.script.xz", "RELEASE_");
	struct cap_row *r = ts_row_where(&ts, 4, "portal");
	assert_non_null(r);
	assert_int_equal(r->v[0].i, 6);                  /* MVCCVERSION */
	assert_string_equal(r->v[5].s, "7.0.2");
	assert_int_equal(r->v[6].kind, DB_INT);
	assert_int_equal(r->v[6].i, 7002);
	assert_string_equal(r->v[2].s, "2016-08-04 22:28:34.826");
	assert_int_equal(r->v[8].kind, DB_BOOL);
	assert_int_equal(r->v[8].i, 1);
	assert_int_equal(r->v[9].kind, DB_NULL);
	ts_release(&ts);

	read_fixture("lr70-hsqldb-pokerhands.script.xz", "JOURNALARTICLE");
	struct cap_row *a = ts_row_where_int(&ts, 1, 30468);
	assert_non_null(a);
	assert_int_equal(a->v[14].kind, DB_REAL);        /* VERSION 2.3E0 */
	assert_true(a->v[14].r == 2.3);
	assert_int_equal(a->v[6].kind, DB_NULL);
	ts_release(&ts);

	/* 6.1: Release_.verified is false */
	read_fixture("lr61-hsqldb-cognetics.script.xz", "RELEASE_");
	assert_int_equal(ts.nrows, 1);
	assert_int_equal(ts.rows[0].v[6].kind, DB_BOOL);
	assert_int_equal(ts.rows[0].v[6].i, 0);
	assert_int_equal(ts.rows[0].v[4].i, 6101);
	ts_release(&ts);
}

/* Literal forms the fixtures do not have, written as HSQLDB writes them. */
static const char script[] =
	"SET DATABASE UNIQUE NAME HSQLDB0000000001\n"
	"SET DATABASE TRANSACTION ROLLBACK ON DEADLOCK TRUE\n"
	"CREATE SCHEMA PUBLIC AUTHORIZATION DBA\n"
	"SET SCHEMA PUBLIC\n"
	"CREATE MEMORY TABLE PUBLIC.\"Mixed_T\"(ID BIGINT NOT NULL,S VARCHAR(16777216),B BOOLEAN,"
	"N NUMERIC(13,4),D DOUBLE,BIN VARBINARY(16),TS TIMESTAMP,DT DATE,SI SMALLINT,"
	"CONSTRAINT SYS_PK_10 PRIMARY KEY(ID),CONSTRAINT UQ_S UNIQUE(S))\n"
	"CREATE MEMORY TABLE PUBLIC.PAIR(A BIGINT NOT NULL,B BIGINT NOT NULL,PRIMARY KEY(A,B))\n"
	"ALTER TABLE PUBLIC.PAIR ADD CONSTRAINT PAIR_B UNIQUE(B)\n"
	"CREATE UNIQUE INDEX IX_S ON PUBLIC.\"Mixed_T\"(S,ID)\n"
	"CREATE MEMORY TABLE OTHER.HIDDEN(X INTEGER)\n"
	"GRANT DBA TO SA\n"
	"SET SCHEMA SYSTEM_LOBS\n"
	"INSERT INTO BLOCKS VALUES(0,2147483647,0)\n"
	"SET SCHEMA PUBLIC\n"
	"INSERT INTO \"Mixed_T\" VALUES(1,'it''s \\ud83d\\ude00 \\u005cu0041 C:\\dir\\u0009x',TRUE,"
	"-12.5000,1.0E0,'00ff10',"
	"'2016-08-04 10:00:00.000000','2016-08-04',-3)\n"
	"INSERT INTO \"Mixed_T\" VALUES(2,'',FALSE,NULL,(0.0E0/0.0E0),'',NULL,NULL,NULL)\n"
	"INSERT INTO \"Mixed_T\" VALUES(3,'\\ud83d lone',NULL,0,-1.5E-3,NULL,'1999-12-31 23:59:59.123456',NULL,0)\n"
	"INSERT INTO PAIR VALUES(1,2)\n";

static void test_handwritten_literals(void **state)
{
	(void)state;
	const char *path = ts_write("literals.script", script, sizeof script - 1);
	ts_init(&ts, "Mixed_T");
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_hsqldb, path, &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts.nt, 2);
	assert_string_equal(ts.t[0].name, "Mixed_T");
	assert_string_equal(ts.t[0].pk, "ID");
	assert_string_equal(ts.t[0].cols,
			    "ID:int:BIGINT:nn,S:text:VARCHAR(16777216),B:bool:BOOLEAN,N:decimal:NUMERIC(13,4),"
			    "D:real:DOUBLE,BIN:blob:VARBINARY(16),TS:date:TIMESTAMP,DT:date:DATE,SI:int:SMALLINT,");
	assert_string_equal(ts.t[1].pk, "A,B");
	assert_string_equal(strbuf_str(&ts.indexes),
			    "Mixed_T UQ_S 1 S\nPAIR PAIR_B 1 B\nMixed_T IX_S 1 S,ID\n");
	assert_int_equal(ts_rows(&ts, "PAIR"), 1);
	assert_int_equal(ts.nrows, 3);
	struct cap_val *v = ts.rows[0].v;
	assert_string_equal(v[1].s, "it's \xf0\x9f\x98\x80 \\u0041 C:\\dir\tx");
	assert_int_equal(v[2].kind, DB_BOOL);
	assert_int_equal(v[2].i, 1);
	assert_int_equal(v[3].kind, DB_DECIMAL);
	assert_string_equal(v[3].s, "-12.5000");
	assert_int_equal(v[4].kind, DB_REAL);
	assert_true(v[4].r == 1.0);
	assert_int_equal(v[5].kind, DB_BLOB);
	assert_int_equal(v[5].len, 3);
	assert_memory_equal(v[5].s, "\x00\xff\x10", 3);
	assert_int_equal(v[6].kind, DB_DATE);
	assert_string_equal(v[6].s, "2016-08-04 10:00:00");
	assert_string_equal(v[7].s, "2016-08-04 00:00:00");
	assert_int_equal(v[8].i, -3);
	v = ts.rows[1].v;
	assert_int_equal(v[1].kind, DB_TEXT);
	assert_int_equal(v[1].len, 0);
	assert_int_equal(v[2].i, 0);
	assert_int_equal(v[3].kind, DB_NULL);
	assert_int_equal(v[4].kind, DB_REAL);
	assert_true(v[4].r != v[4].r); /* NaN */
	assert_int_equal(v[5].kind, DB_BLOB);
	assert_int_equal(v[5].len, 0);
	v = ts.rows[2].v;
	assert_string_equal(v[1].s, "\xef\xbf\xbd lone"); /* lone surrogate: U+FFFD */
	assert_true(v[4].r == -1.5E-3);
	assert_string_equal(v[6].s, "1999-12-31 23:59:59.123456");
	assert_int_equal(ts.nnotices, 0);
	ts_release(&ts);
}

/* BLOB/CLOB values of a MEMORY table are LOB ids: the bytes live in
 * lportal.lobs, which we cannot read; they load as NULL, with one notice
 * per table, instead of as a meaningless number. */
static void test_lob_ids_become_null(void **state)
{
	(void)state;
	static const char lobs[] = "SET SCHEMA PUBLIC\n"
				   "CREATE MEMORY TABLE PUBLIC.DLCONTENT(CONTENTID BIGINT NOT NULL PRIMARY KEY,"
				   "DATA_ BLOB(1G),TXT CLOB(1G))\n"
				   "INSERT INTO DLCONTENT VALUES(1,12,13)\n"
				   "INSERT INTO DLCONTENT VALUES(2,NULL,'inline text')\n"
				   "INSERT INTO DLCONTENT VALUES(3,14,NULL)\n";
	const char *path = ts_write("lobs.script", lobs, sizeof lobs - 1);
	ts_init(&ts, "DLCONTENT");
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_hsqldb, path, &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts.nrows, 3);
	assert_int_equal(ts.rows[0].v[1].kind, DB_NULL);
	assert_int_equal(ts.rows[0].v[2].kind, DB_NULL);
	assert_string_equal(ts.rows[1].v[2].s, "inline text");
	assert_int_equal(ts.rows[2].v[1].kind, DB_NULL);
	assert_int_equal(ts.nnotices, 1);
	assert_string_equal(strbuf_str(&ts.notices),
			    "3: table DLCONTENT holds LOB ids (first in column DATA_) whose data is in "
			    "lportal.lobs, which lrprep cannot read: its LOB values are imported as NULL\n");
	ts_release(&ts);
}

/* lportal.properties saying modified=yes and a non-empty lportal.log next to
 * the script: the reader says the copy lacks the changes after the last
 * checkpoint (and still reads the script). */
static void test_unclean_shutdown_is_told(void **state)
{
	(void)state;
	static const char script[] = "SET SCHEMA PUBLIC\nCREATE MEMORY TABLE PUBLIC.T(A INTEGER)\n"
				     "INSERT INTO T VALUES(1)\n";
	static const char props[] = "#HSQL Database Engine 2.3.3\nversion=2.3.3\nmodified=yes\n";
	static const char log[] = "INSERT INTO T VALUES(2)\n";
	ts_write("lportal.properties", props, sizeof props - 1);
	ts_write("lportal.log", log, sizeof log - 1);
	char path[4200], want[13000];
	snprintf(path, sizeof path, "%s", ts_write("lportal.script", script, sizeof script - 1));
	ts_init(&ts, NULL);
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_hsqldb, path, &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts_rows(&ts, "T"), 1);
	snprintf(want, sizeof want,
		 "1: %s/lportal.properties says modified=yes: the database was not shut down cleanly, so "
		 "changes after its last checkpoint are only in its .log, which lrprep does not replay; for a "
		 "complete copy open it in HSQLDB and run SHUTDOWN\n"
		 "1: %s/lportal.log holds changes that are not in the script and are not read; for a complete "
		 "copy open the database in HSQLDB and run SHUTDOWN\n", tl_tmpdir(), tl_tmpdir());
	assert_string_equal(strbuf_str(&ts.notices), want);
	ts_release(&ts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hebrew_and_japanese_names),
		cmocka_unit_test(test_multiline_text_bool_and_timestamp),
		cmocka_unit_test(test_release_and_double),
		cmocka_unit_test(test_handwritten_literals),
		cmocka_unit_test(test_lob_ids_become_null),
		cmocka_unit_test(test_unclean_shutdown_is_told),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
