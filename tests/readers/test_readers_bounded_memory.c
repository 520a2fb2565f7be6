/* The readers stream: a dump of a million rows (about 60 MB each) is read
 * with memory that does not grow with the dump (one row at a time), and a
 * single 16 MiB value (one long line) is read whole. */
#include "sinklib.h"
#include <sys/resource.h>

#define NROWS 1000000

static long maxrss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static const char *gen(const char *name, int pg)
{
	static char path[4200];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	if (pg)
		fputs("SET standard_conforming_strings = on;\n"
		      "CREATE TABLE public.assetentry (entryid bigint NOT NULL, title text, d timestamp);\n"
		      "COPY public.assetentry (entryid, title, d) FROM stdin;\n", f);
	else
		fputs("SET SCHEMA PUBLIC\nCREATE MEMORY TABLE PUBLIC.ASSETENTRY(ENTRYID BIGINT NOT NULL "
		      "PRIMARY KEY,TITLE VARCHAR(16777216),D TIMESTAMP)\n", f);
	for (int i = 0; i < NROWS; i++) {
		if (pg)
			fprintf(f, "%d\tasset number %d with a tab\\there\t2016-08-04 10:00:00.%06d\n", i, i,
				i % 1000000);
		else
			fprintf(f, "INSERT INTO ASSETENTRY VALUES(%d,'asset number %d with a tab\\u0009here',"
				"'2016-08-04 10:00:00.%06d')\n", i, i, i % 1000000);
	}
	if (pg)
		fputs("\\.\n", f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void read_big(const struct dump_reader *rd, const char *path)
{
	long before = maxrss_kb();
	struct tsink ts;
	ts_init(&ts, NULL);
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(rd, path, &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts_rows(&ts, "assetentry"), NROWS);
	long grew = maxrss_kb() - before;
	fprintf(stderr, "%s: peak RSS grew by %ld KiB\n", rd->name, grew);
#if !defined(__SANITIZE_ADDRESS__)
	/* the dump is ~60 MB; a streaming reader needs a few buffers */
	assert_true(grew < 8 * 1024);
#endif
	ts_release(&ts);
}

static void test_pgdump_streams(void **state)
{
	(void)state;
	read_big(&dump_reader_pgdump, gen("big.sql", 1));
}

static void test_hsqldb_streams(void **state)
{
	(void)state;
	read_big(&dump_reader_hsqldb, gen("big.script", 0));
}

static void test_one_long_value(void **state)
{
	(void)state;
	size_t n = (size_t)16 << 20;
	const char *path;
	char pathbuf[4200];
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "CREATE MEMORY TABLE PUBLIC.T(A VARCHAR(16777216))\nINSERT INTO T VALUES('");
	for (size_t i = 0; i < n; i++)
		strbuf_addch(&sb, 'a' + (int)(i % 26));
	strbuf_addstr(&sb, "')\n");
	path = ts_write("long.script", sb.buf, sb.len);
	snprintf(pathbuf, sizeof pathbuf, "%s", path);
	struct tsink ts;
	ts_init(&ts, "T");
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_hsqldb, pathbuf, &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts.nrows, 1);
	assert_int_equal(ts.rows[0].v[0].len, n);
	assert_int_equal(ts.rows[0].v[0].s[n - 1], 'a' + (int)((n - 1) % 26));
	ts_release(&ts);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pgdump_streams),
		cmocka_unit_test(test_hsqldb_streams),
		cmocka_unit_test(test_one_long_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
