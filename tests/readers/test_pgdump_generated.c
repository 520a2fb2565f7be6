/* The pg_dump reader gives back, byte for byte, what a real PostgreSQL 15
 * pg_dump wrote: a small Liferay-like database (Group_ quoted mixed case,
 * layout, user_, release_) is built on the test server, dumped in the COPY
 * form, with --inserts, --column-inserts and --rows-per-insert, and each
 * dump must read back the same rows and values: text with tabs, newlines,
 * CR, backslashes, a "\." line, ';' and "--" inside strings, Unicode beyond
 * the BMP; all 256 byte values in a bytea; booleans, timestamps, numeric,
 * double precision, NULLs. Tables of another schema are skipped; archive
 * formats are refused with the way out. */
#include "sinklib.h"
#include <unistd.h>

static char dbname[64];
static char dburi[512];
static const char *pg_dump_bin;

static const char setup_sql[] =
	"CREATE TABLE \"Group_\" (mvccversion bigint DEFAULT 0 NOT NULL, groupid bigint NOT NULL,"
	" name character varying(150), friendlyurl character varying(255), typesettings text,"
	" site boolean, active_ boolean, createdate timestamp without time zone, description text,"
	" PRIMARY KEY (groupid));\n"
	"CREATE UNIQUE INDEX ix_group_friendly ON \"Group_\" (friendlyurl);\n"
	"CREATE TABLE layout (plid bigint PRIMARY KEY, groupid bigint, privatelayout boolean, name text,"
	" priority integer, ratio numeric(13,4), version double precision, hidden_ smallint,"
	" modifieddate timestamp);\n"
	"CREATE INDEX ix_layout_g ON layout (groupid, privatelayout DESC);\n"
	"CREATE TABLE user_ (userid bigint PRIMARY KEY, screenname varchar(75), portrait bytea,"
	" emptyblob bytea, nullblob bytea);\n"
	"CREATE INDEX ix_user_lower ON user_ (lower(screenname));\n"
	"CREATE TABLE release_ (releaseid bigint PRIMARY KEY, servletcontextname varchar(75),"
	" buildnumber integer, verified boolean, state_ integer, teststring varchar(1024));\n"
	"CREATE SCHEMA other;\n"
	"CREATE TABLE other.hidden (x integer);\n"
	"INSERT INTO other.hidden VALUES (1), (2);\n"
	"INSERT INTO \"Group_\" VALUES"
	" (0, 20137, 'Guest', '/guest', E'tab\\there\\nnew line\\\\back\\\\slash \xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac"
	" \xf0\x9f\x98\x80\\r\\n\\\\.\\n', true, false, '2016-08-04 10:00:00.123', NULL),"
	" (1, 20138, 'It''s \"quoted\"', '/quoted', '', false, true, '1999-12-31 23:59:59',"
	" 'semi; -- not a comment /* nor this'),"
	" (0, 20139, NULL, NULL, NULL, NULL, NULL, NULL, NULL);\n"
	"INSERT INTO layout VALUES (1, 20137, true, '<?xml version=''1.0''?><root>\xe6\x97\xa5</root>', -5,"
	" 12.5, 2.3, 1, '2017-02-12 13:20:40.758'),"
	" (2, 20138, false, NULL, 0, -0.0001, 1e-300, NULL, NULL);\n"
	"INSERT INTO user_ SELECT 20100, 'test', (SELECT decode(string_agg(lpad(to_hex(i), 2, '0'), ''"
	" ORDER BY i), 'hex') FROM generate_series(0, 255) i), '', NULL;\n"
	"INSERT INTO release_ VALUES (1, 'portal', 7100, true, NULL, 'You take the blue pill');\n";

static int sh(const char *cmd)
{
	int rc = system(cmd);
	if (rc != 0)
		fprintf(stderr, "command failed (%d): %s\n", rc, cmd);
	return rc;
}

static int setup(void **state)
{
	(void)state;
	return 0;
}

static void make_db(void)
{
	if (dbname[0])
		return;
	const char *server = tl_pg_uri();
	static const char *const bins[] = { "/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump" };
	for (size_t i = 0; i < sizeof bins / sizeof bins[0] && !pg_dump_bin; i++)
		if (access(bins[i], X_OK) == 0)
			pg_dump_bin = bins[i];
	if (!pg_dump_bin || system("psql --version >/dev/null 2>&1") != 0)
		tl_unavailable("pg_dump and psql");
	snprintf(dbname, sizeof dbname, "t_readers_%ld", (long)getpid());
	tl_pg_db_uri(dbname, dburi, sizeof dburi);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "PGOPTIONS='-c client_min_messages=warning' psql -q -v ON_ERROR_STOP=1 '%s' -c 'DROP DATABASE IF EXISTS %s' "
		 "-c 'CREATE DATABASE %s' >/dev/null", server, dbname, dbname);
	assert_int_equal(sh(cmd), 0);
	const char *sql = ts_write("setup.sql", setup_sql, sizeof setup_sql - 1);
	snprintf(cmd, sizeof cmd, "psql -q -v ON_ERROR_STOP=1 '%s' -f '%s' >/dev/null", dburi, sql);
	assert_int_equal(sh(cmd), 0);
}

static int teardown(void **state)
{
	(void)state;
	if (dbname[0]) {
		char cmd[2048];
		snprintf(cmd, sizeof cmd, "psql -q '%s' -c 'DROP DATABASE IF EXISTS %s' >/dev/null",
			 tl_pg_uri(), dbname);
		sh(cmd);
	}
	return 0;
}

static const unsigned char *all_bytes(void)
{
	static unsigned char b[256];
	for (int i = 0; i < 256; i++)
		b[i] = (unsigned char)i;
	return b;
}

static void check_dump(const char *form, const char *opts, int column_lists)
{
	make_db();
	char path[4200], cmd[8600];
	snprintf(path, sizeof path, "%s/%s.sql", tl_tmpdir(), form);
	snprintf(cmd, sizeof cmd, "'%s' %s -d '%s' -f '%s'", pg_dump_bin, opts, dburi, path);
	assert_int_equal(sh(cmd), 0);

	struct tsink ts;
	ts_init(&ts, "*");
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_pgdump, path, &ts, &err) != 0)
		fail_msg("%s: %s", form, err.msg);
	assert_int_equal(ts.nt, 4);
	assert_int_equal(ts.row_before_table, 0);
	assert_int_equal(ts_rows(&ts, "Group_"), 3);
	assert_string_equal(ts_find(&ts, "Group_")->name, "Group_");
	assert_int_equal(ts_rows(&ts, "layout"), 2);
	assert_int_equal(ts_rows(&ts, "user_"), 1);
	assert_int_equal(ts_rows(&ts, "release_"), 1);
	assert_null(ts_find(&ts, "hidden"));
	assert_string_equal(ts_find(&ts, "layout")->cols,
			    "plid:int:bigint:nn,groupid:int:bigint,privatelayout:bool:boolean,name:text:text,"
			    "priority:int:integer,ratio:decimal:numeric(13,4),version:real:double precision,"
			    "hidden_:int:smallint,modifieddate:date:timestamp without time zone,");
	/* keys come after the data in a pg_dump: they arrive as unique indexes */
	const char *ix = strbuf_str(&ts.indexes);
	assert_non_null(strstr(ix, "Group_ Group__pkey 1 groupid\n"));
	assert_non_null(strstr(ix, "layout layout_pkey 1 plid\n"));
	assert_non_null(strstr(ix, "Group_ ix_group_friendly 1 friendlyurl\n"));
	assert_non_null(strstr(ix, "layout ix_layout_g 0 groupid,privatelayout\n"));
	assert_int_equal(ts.nindexes, 6);
	const char *notes = strbuf_str(&ts.notices);
	assert_non_null(strstr(notes, "skipped table other.hidden: only schema public is read"));
	assert_non_null(strstr(notes, "skipped index ix_user_lower on user_: expression index"));
	assert_int_equal(ts.nnotices, 2);

	struct cap_row *g = ts_row_of(&ts, "Group_", 1, 20137);
	assert_non_null(g);
	assert_int_equal(g->n, 9);
	if (column_lists)
		assert_string_equal(g->cols, "mvccversion,groupid,name,friendlyurl,typesettings,site,active_,"
				    "createdate,description");
	else
		assert_string_equal(g->cols, "");
	static const char ts1[] = "tab\there\nnew line\\back\\slash \xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac "
				  "\xf0\x9f\x98\x80\r\n\\.\n";
	assert_int_equal(g->v[4].kind, DB_TEXT);
	assert_int_equal(g->v[4].len, sizeof ts1 - 1);
	assert_memory_equal(g->v[4].s, ts1, sizeof ts1 - 1);
	assert_int_equal(g->v[5].kind, DB_BOOL);
	assert_int_equal(g->v[5].i, 1);
	assert_int_equal(g->v[6].kind, DB_BOOL);
	assert_int_equal(g->v[6].i, 0);
	assert_int_equal(g->v[7].kind, DB_DATE);
	assert_string_equal(g->v[7].s, "2016-08-04 10:00:00.123");
	assert_int_equal(g->v[8].kind, DB_NULL);
	g = ts_row_of(&ts, "Group_", 1, 20138);
	assert_non_null(g);
	assert_int_equal(g->v[0].i, 1);
	assert_string_equal(g->v[2].s, "It's \"quoted\"");
	assert_int_equal(g->v[4].kind, DB_TEXT);
	assert_int_equal(g->v[4].len, 0);
	assert_string_equal(g->v[7].s, "1999-12-31 23:59:59");
	assert_string_equal(g->v[8].s, "semi; -- not a comment /* nor this");
	g = ts_row_of(&ts, "Group_", 1, 20139);
	assert_non_null(g);
	for (int i = 2; i < 9; i++)
		assert_int_equal(g->v[i].kind, DB_NULL);

	struct cap_row *l = ts_row_of(&ts, "layout", 0, 1);
	assert_non_null(l);
	assert_string_equal(l->v[3].s, "<?xml version='1.0'?><root>\xe6\x97\xa5</root>");
	assert_int_equal(l->v[4].i, -5);
	assert_int_equal(l->v[5].kind, DB_DECIMAL);
	assert_string_equal(l->v[5].s, "12.5000");
	assert_int_equal(l->v[6].kind, DB_REAL);
	assert_true(l->v[6].r == 2.3);
	assert_int_equal(l->v[7].kind, DB_INT);
	assert_int_equal(l->v[7].i, 1);
	assert_string_equal(l->v[8].s, "2017-02-12 13:20:40.758");
	l = ts_row_of(&ts, "layout", 0, 2);
	assert_non_null(l);
	assert_int_equal(l->v[2].i, 0);
	assert_string_equal(l->v[5].s, "-0.0001");
	assert_true(l->v[6].r == 1e-300);
	assert_int_equal(l->v[8].kind, DB_NULL);

	struct cap_row *u = ts_row_of(&ts, "user_", 0, 20100);
	assert_non_null(u);
	assert_int_equal(u->v[2].kind, DB_BLOB);
	assert_int_equal(u->v[2].len, 256);
	assert_memory_equal(u->v[2].s, all_bytes(), 256);
	assert_int_equal(u->v[3].kind, DB_BLOB);
	assert_int_equal(u->v[3].len, 0);
	assert_int_equal(u->v[4].kind, DB_NULL);

	struct cap_row *r = ts_row_of(&ts, "release_", 0, 1);
	assert_non_null(r);
	assert_string_equal(r->v[1].s, "portal");
	assert_int_equal(r->v[2].i, 7100);
	assert_int_equal(r->v[3].kind, DB_BOOL);
	assert_int_equal(r->v[3].i, 1);
	assert_int_equal(r->v[4].kind, DB_NULL);
	ts_release(&ts);
}

static void test_copy_form(void **state) { (void)state; check_dump("copy", "", 1); }
static void test_inserts_form(void **state) { (void)state; check_dump("inserts", "--inserts", 0); }
static void test_column_inserts_form(void **state)
{
	(void)state;
	check_dump("column-inserts", "--column-inserts", 1);
}
static void test_rows_per_insert_form(void **state)
{
	(void)state;
	check_dump("rows-per-insert", "--rows-per-insert=2", 0);
}

/* A schema-only dump: the keys reach the table events. */
static void test_schema_only_keys(void **state)
{
	(void)state;
	make_db();
	char path[4200], cmd[8600];
	snprintf(path, sizeof path, "%s/schema.sql", tl_tmpdir());
	snprintf(cmd, sizeof cmd, "'%s' --schema-only -d '%s' -f '%s'", pg_dump_bin, dburi, path);
	assert_int_equal(sh(cmd), 0);
	struct tsink ts;
	ts_init(&ts, NULL);
	struct lr_err err = LR_ERR_INIT;
	if (ts_read(&dump_reader_pgdump, path, &ts, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(ts.nt, 4);
	assert_string_equal(ts_find(&ts, "Group_")->pk, "groupid");
	assert_string_equal(ts_find(&ts, "layout")->pk, "plid");
	assert_string_equal(ts_find(&ts, "user_")->pk, "userid");
	assert_string_equal(ts_find(&ts, "release_")->pk, "releaseid");
	assert_true(!!strstr(ts_find(&ts, "Group_")->cols, "groupid:int:bigint:nn,"));
	assert_int_equal(ts.nindexes, 2);
	ts_release(&ts);
}

/* Archives (pg_dump -Fc, -Ft) are recognised and refused with the command
 * that turns them into a plain dump. */
static void test_archives_refused(void **state)
{
	(void)state;
	make_db();
	static const char *const fmts[][2] = { { "c", "custom-format (-Fc)" }, { "t", "tar-format (-Ft)" } };
	for (int i = 0; i < 2; i++) {
		char path[4200], cmd[8600], want[13000];
		snprintf(path, sizeof path, "%s/archive.%s", tl_tmpdir(), fmts[i][0]);
		snprintf(cmd, sizeof cmd, "'%s' -F%s -d '%s' -f '%s'", pg_dump_bin, fmts[i][0], dburi, path);
		assert_int_equal(sh(cmd), 0);
		char head[512];
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		size_t n = fread(head, 1, sizeof head, f);
		fclose(f);
		assert_int_equal(dump_reader_pgdump.sniff(head, n), 90);
		assert_int_equal(dump_reader_hsqldb.sniff(head, n), 0);
		struct tsink ts;
		ts_init(&ts, NULL);
		struct lr_err err = LR_ERR_INIT;
		assert_int_equal(ts_read(&dump_reader_pgdump, path, &ts, &err), -1);
		assert_int_equal(err.code, LR_EXIT_INPUT);
		snprintf(want, sizeof want, "%s:1:1: a pg_dump %s archive; lrprep reads plain SQL dumps: run "
			 "`pg_restore -f dump.sql %s` and import dump.sql", path, fmts[i][1], path);
		assert_string_equal(err.msg, want);
		assert_int_equal(ts.nt, 0);
		ts_release(&ts);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy_form),
		cmocka_unit_test(test_inserts_form),
		cmocka_unit_test(test_column_inserts_form),
		cmocka_unit_test(test_rows_per_insert_form),
		cmocka_unit_test(test_schema_only_keys),
		cmocka_unit_test(test_archives_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
