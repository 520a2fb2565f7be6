/* The PostgreSQL driver against the test server: `?` rewriting, bound
 * parameters (hostile strings, every byte value), streaming in bounded memory,
 * every kind round-tripping, the catalog, COPY loading, transactions, and
 * clear connection errors. */
#include "testlib.h"
#include "db/uri.h"
#include "util/xalloc.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* one scratch database per process: parallel runs (plain and ASan builds)
 * must not share one */
static char scratch_db[64];

static struct db *scratch(void)
{
	static int created;
	struct lr_err err = LR_ERR_INIT;
	if (!created) {
		struct db *srv = tl_open(tl_pg_uri());
		char sql[256];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", scratch_db);
		assert_int_equal(db_exec(srv, sql, NULL, 0, NULL, &err), 0);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", scratch_db);
		assert_int_equal(db_exec(srv, sql, NULL, 0, NULL, &err), 0);
		db_close(srv);
		created = 1;
	}
	char uri[512];
	return tl_open(tl_pg_db_uri(scratch_db, uri, sizeof uri));
}

static int drop_scratch(void **state)
{
	(void)state;
	const char *u = getenv("LRPREP_TEST_PG_URI");
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	struct db *srv;
	if (!u || !*u || db_uri_parse(u, &ci, &err) < 0)
		return 0;
	if (db_open(&ci, &srv, &err) == 0) {
		char sql[128];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", scratch_db);
		db_exec(srv, sql, NULL, 0, NULL, &err);
		db_close(srv);
	}
	db_conninfo_release(&ci);
	return 0;
}

static void run(struct db *db, const char *sql)
{
	struct lr_err err = LR_ERR_INIT;
	if (db_exec(db, sql, NULL, 0, NULL, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
}

/* Under ASan freed memory waits in a quarantine (256 MB by default) and would
 * look like RSS growth: keep it small so the streaming check measures us. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "quarantine_size_mb=4"; }

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, res = 0;
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &res) != 2)
			res = 0;
		fclose(f);
	}
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static const char *hostile[] = {
	"'; DROP TABLE hostile; --",
	"it's",
	"\"double\" quotes",
	"back\\slash",
	"\\'; DROP TABLE hostile; -- ",
	"?",
	"$1",
	"中文 ünïcödé ☃ 😀",
	"",
	"tab\tnewline\ncr\r end",
};

static void hostile_parameters_and_every_byte_value(void **state)
{
	(void)state;
	struct db *db = scratch();
	struct lr_err err = LR_ERR_INIT;
	run(db, "DROP TABLE IF EXISTS hostile; CREATE TABLE hostile (id bigint PRIMARY KEY,"
		" s varchar(200), b bytea, big text)");
	int n = (int)(sizeof hostile / sizeof hostile[0]);
	for (int i = 0; i < n; i++) {
		struct db_value v[2] = { db_int(i), db_text(hostile[i]) };
		/* `?` inside literals, quoted names and comments is not a placeholder */
		assert_int_equal(db_exec(db, "INSERT INTO \"hostile\" (id, s) /* ? */ VALUES (?, ?) -- ?\n"
					     " ON CONFLICT DO NOTHING", v, 2, NULL, &err), 0);
	}
	for (int i = 0; i < n; i++) {
		struct db_value p = db_text(hostile[i]);
		struct db_cursor *c;
		assert_int_equal(db_query(db, "SELECT id, s, '?' AS q, $$?$$ FROM hostile WHERE s = ?", &p,
					  1, &c, &err), 0);
		assert_int_equal(db_next(c, &err), 1);
		assert_int_equal(db_get_int(c, 0), i);
		assert_string_equal(db_get_text(c, 1), hostile[i]);
		assert_string_equal(db_get_text(c, 2), "?");
		assert_string_equal(db_get_text(c, 3), "?");
		assert_int_equal(db_next(c, &err), 0);
		db_cursor_close(c);
	}
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM hostile"), n);
	struct db_cursor *q;
	struct db_value five = db_int(5);
	assert_int_equal(db_query(db, "SELECT E'it\\'s ?', $tag$ ? $x$ ? $tag$, /* /* ? */ ? */ ? + 1",
				  &five, 1, &q, &err), 0);
	assert_int_equal(db_next(q, &err), 1);
	assert_string_equal(db_get_text(q, 0), "it's ?");
	assert_string_equal(db_get_text(q, 1), " ? $x$ ? ");
	assert_int_equal(db_get_int(q, 2), 6);
	db_cursor_close(q);

	/* a text value need not be NUL-terminated at its length */
	struct db_value part[2] = { { DB_TEXT, 0, 0, "it'sXXXX", 4 }, db_int(1) };
	int64_t cnt = 0;
	assert_int_equal(db_query_int(db, "SELECT COUNT(*) FROM hostile WHERE s = ? AND id = ?", part, 2,
				      &cnt, &err), 0);
	assert_int_equal(cnt, 1);
	struct db_value nul = { DB_TEXT, 0, 0, "a\0b", 3 };
	assert_int_equal(db_exec(db, "UPDATE hostile SET s = ? WHERE id = 1", &nul, 1, NULL, &err), -1);
	assert_int_equal(err.code, LR_EXIT_FAILED);
	assert_string_equal(err.msg, "binding parameters: a text value contains a NUL byte, which "
				     "PostgreSQL cannot store");
	lr_err_clear(&err);

	char bytes[512];
	for (int i = 0; i < 512; i++)
		bytes[i] = (char)(i & 255);
	size_t biglen = 300000;
	char *big = xmalloc(biglen + 1);
	for (size_t i = 0; i < biglen; i++)
		big[i] = (char)('a' + i % 26);
	big[biglen] = '\0';
	struct db_value v[3] = { { DB_BLOB, 0, 0, bytes, sizeof bytes }, db_text(big), db_int(0) };
	int64_t aff = 0;
	assert_int_equal(db_exec(db, "UPDATE hostile SET b = ?, big = ? WHERE id = ?", v, 3, &aff, &err), 0);
	assert_int_equal(aff, 1);
	struct db_cursor *c;
	assert_int_equal(db_query(db, "SELECT b, big, length(b), b FROM hostile WHERE b = ?", v, 1, &c,
				  &err), 0);
	assert_int_equal(db_next(c, &err), 1);
	struct db_value g, g2;
	db_get(c, 0, &g);
	db_get(c, 3, &g2); /* two blobs of one row are both valid */
	assert_int_equal(g.kind, DB_BLOB);
	assert_int_equal(g.len, 512);
	assert_memory_equal(g.s, bytes, 512);
	assert_int_equal(g2.len, 512);
	assert_memory_equal(g2.s, bytes, 512);
	db_get(c, 1, &g);
	assert_int_equal(g.kind, DB_TEXT);
	assert_int_equal(g.len, biglen);
	assert_memory_equal(g.s, big, biglen);
	assert_int_equal(db_get_int(c, 2), 512);
	assert_int_equal(db_next(c, &err), 0);
	db_cursor_close(c);
	free(big);
	db_close(db);
}

static void streams_200000_rows_in_bounded_memory(void **state)
{
	(void)state;
	struct db *db = scratch();
	struct lr_err err = LR_ERR_INIT;
	struct db_cursor *c;
	struct db_value p = db_int(200000);
	assert_int_equal(db_query(db, "SELECT n, repeat('x', 300) FROM generate_series(1, ?) AS n", &p, 1,
				  &c, &err), 0);
	long before = rss_kb();
	int64_t rows = 0, sum = 0;
	int rc;
	while ((rc = db_next(c, &err)) == 1) {
		rows++;
		sum += db_get_int(c, 0);
		struct db_value v;
		db_get(c, 1, &v);
		if (v.len != 300)
			fail_msg("row %" PRId64 ": length %zu", rows, v.len);
	}
	long growth = rss_kb() - before;
	assert_int_equal(rc, 0);
	db_cursor_close(c);
	assert_int_equal(rows, 200000);
	assert_int_equal(sum, (int64_t)200000 * 200001 / 2);
	fprintf(stderr, "streamed %" PRId64 " rows; RSS grew by %ld kB\n", rows, growth);
	if (growth > 16 * 1024)
		fail_msg("RSS grew by %ld kB while streaming", growth);

	/* an early close inside a transaction keeps the transaction alive */
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_query(db, "SELECT n FROM generate_series(1, 200000) AS n", NULL, 0, &c, &err), 0);
	assert_int_equal(db_next(c, &err), 1);
	db_cursor_close(c);
	assert_int_equal(tl_int(db, "SELECT 41 + 1"), 42);
	assert_int_equal(db_commit(db, &err), 0);

	/* an error in mid-stream is reported */
	assert_int_equal(db_query(db, "SELECT 1 / (n - 3) FROM generate_series(1, 5) AS n", NULL, 0, &c,
				  &err), 0);
	assert_int_equal(db_next(c, &err), 1);
	assert_int_equal(db_next(c, &err), 1);
	assert_int_equal(db_next(c, &err), -1);
	assert_non_null(strstr(err.msg, "division by zero"));
	db_cursor_close(c);
	assert_int_equal(tl_int(db, "SELECT 7"), 7);
	db_close(db);
}

static void every_kind_round_trips(void **state)
{
	(void)state;
	struct db *db = scratch();
	struct lr_err err = LR_ERR_INIT;
	run(db, "DROP TABLE IF EXISTS kinds; CREATE TABLE kinds (id bigint PRIMARY KEY, flag boolean,"
		" small smallint, i4 integer, r double precision, amount numeric(30,16), s varchar(75),"
		" d timestamp, d6 timestamp(6), day date, x bytea, nothing varchar(5))");
	struct db_value v[12] = {
		db_int(INT64_C(9007199254740993)),
		{ DB_BOOL, 1, 0, 0, 0 },
		db_int(-7),
		db_int(2147483647),
		{ DB_REAL, 0, 0.1, 0, 0 },
		{ DB_DECIMAL, 0, 0, "12345678901234.1234567890123456", 31 },
		db_text("Franche Comté"),
		{ DB_DATE, 0, 0, "2016-07-06 09:43:01", 19 },
		{ DB_DATE, 0, 0, "2018-11-07 11:18:57.123456", 26 },
		{ DB_DATE, 0, 0, "2012-10-25 00:00:00", 19 },
		{ DB_BLOB, 0, 0, "\0\1\2\377", 4 },
		db_null(),
	};
	assert_int_equal(db_exec(db, "INSERT INTO kinds VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", v, 12, NULL,
				 &err), 0);
	struct db_cursor *c;
	assert_int_equal(db_query(db, "SELECT * FROM kinds", NULL, 0, &c, &err), 0);
	assert_int_equal(db_ncols(c), 12);
	assert_string_equal(db_colname(c, 6), "s");
	assert_int_equal(db_next(c, &err), 1);
	static const enum db_kind want[12] = { DB_INT, DB_BOOL, DB_INT, DB_INT, DB_REAL, DB_DECIMAL,
					       DB_TEXT, DB_DATE, DB_DATE, DB_DATE, DB_BLOB, DB_NULL };
	for (int i = 0; i < 12; i++) {
		struct db_value g;
		db_get(c, i, &g);
		if (g.kind != want[i])
			fail_msg("column %d: kind %s, want %s", i, db_kind_name(g.kind), db_kind_name(want[i]));
	}
	struct db_value g;
	db_get(c, 0, &g);
	assert_true(g.i == INT64_C(9007199254740993));
	db_get(c, 1, &g);
	assert_int_equal(g.i, 1);
	db_get(c, 2, &g);
	assert_int_equal(g.i, -7);
	db_get(c, 3, &g);
	assert_int_equal(g.i, 2147483647);
	db_get(c, 4, &g);
	assert_true(g.r == 0.1);
	assert_string_equal(db_get_text(c, 5), "12345678901234.1234567890123456");
	assert_string_equal(db_get_text(c, 6), "Franche Comté");
	assert_string_equal(db_get_text(c, 7), "2016-07-06 09:43:01");
	assert_string_equal(db_get_text(c, 8), "2018-11-07 11:18:57.123456");
	assert_string_equal(db_get_text(c, 9), "2012-10-25 00:00:00");
	db_get(c, 10, &g);
	assert_int_equal(g.len, 4);
	assert_memory_equal(g.s, "\0\1\2\377", 4);
	assert_null(db_get_text(c, 11));
	assert_int_equal(db_next(c, &err), 0);
	db_cursor_close(c);

	/* DB_BOOL and DB_INT parameters both reach a boolean column */
	struct db_value b[2] = { db_int(0), db_int(INT64_C(9007199254740993)) };
	assert_int_equal(db_exec(db, "UPDATE kinds SET flag = ? WHERE id = ?", b, 2, NULL, &err), 0);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM kinds WHERE NOT flag"), 1);

	assert_int_equal(db_catalog_reload(db, &err), 0);
	const struct db_table *t = db_table_find(db, "KINDS");
	assert_non_null(t);
	assert_int_equal(t->ncols, 12);
	static const enum db_kind catkind[12] = { DB_INT, DB_BOOL, DB_INT, DB_INT, DB_REAL, DB_DECIMAL,
						  DB_TEXT, DB_DATE, DB_DATE, DB_DATE, DB_BLOB, DB_TEXT };
	for (int i = 0; i < 12; i++)
		if (t->cols[i].kind != catkind[i])
			fail_msg("catalog column %s (%s): kind %s", t->cols[i].name, t->cols[i].decl,
				 db_kind_name(t->cols[i].kind));
	assert_string_equal(t->cols[0].decl, "bigint");
	assert_string_equal(t->cols[6].decl, "character varying(75)");
	assert_string_equal(t->cols[7].decl, "timestamp without time zone");
	assert_string_equal(t->cols[5].decl, "numeric(30,16)");
	assert_int_equal(t->cols[0].pk, 1);
	assert_int_equal(t->cols[0].notnull, 1);
	assert_int_equal(t->cols[1].pk, 0);

	struct strbuf ver = STRBUF_INIT;
	assert_int_equal(db_server_version(db, &ver), 0);
	/* what the server itself says in SQL, not the startup parameter the
	 * driver reads */
	struct db_cursor *vc;
	struct lr_err verr = LR_ERR_INIT;
	assert_int_equal(db_query(db, "SELECT 'PostgreSQL ' || split_part(current_setting('server_version'), ' ', 1)",
				  NULL, 0, &vc, &verr), 0);
	assert_int_equal(db_next(vc, &verr), 1);
	struct db_value vv;
	db_get(vc, 0, &vv);
	assert_string_equal(strbuf_str(&ver), vv.s);
	assert_non_null(strstr(strbuf_str(&ver), "PostgreSQL 1"));
	db_cursor_close(vc);
	strbuf_release(&ver);
	db_close(db);
}

static void catalog_is_case_insensitive(void **state)
{
	(void)state;
	struct db *db = scratch();
	struct lr_err err = LR_ERR_INIT;
	run(db, "DROP TABLE IF EXISTS group_, \"Release_\", \"Users_Groups\";"
		" CREATE TABLE group_ (groupid bigint PRIMARY KEY, name varchar(150));"
		" CREATE TABLE \"Release_\" (\"releaseId\" bigint PRIMARY KEY, \"buildNumber\" int);"
		" CREATE TABLE \"Users_Groups\" (userid bigint, groupid bigint, PRIMARY KEY (groupid, userid));"
		" CREATE OR REPLACE VIEW v_not_a_table AS SELECT 1 AS x");
	assert_int_equal(db_catalog_reload(db, &err), 0);
	assert_string_equal(db_table_name(db, "Group_"), "group_");
	assert_string_equal(db_table_name(db, "RELEASE_"), "Release_");
	assert_null(db_table_name(db, "v_not_a_table"));
	const struct db_table *t = db_table_find(db, "users_groups");
	assert_int_equal(db_column_find(t, "GroupId")->pk, 1);
	assert_int_equal(db_column_find(t, "userId")->pk, 2);
	assert_string_equal(db_column_find(db_table_find(db, "release_"), "BUILDNUMBER")->name,
			    "buildNumber");
	run(db, "INSERT INTO \"Release_\" VALUES (1, 6205), (2, 6210)");
	int64_t n;
	assert_int_equal(db_table_rows(db, db_table_name(db, "release_"), &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(db_table_bytes(db, "Release_"),
			 tl_int(db, "SELECT pg_total_relation_size('\"Release_\"')"));
	assert_int_equal(db_table_bytes(db, "nope"), -1);
	db_close(db);
}

#define LOAD_ROWS 100000

static void copy_loader_loads_100000_rows_exactly(void **state)
{
	(void)state;
	struct db *db = scratch();
	struct lr_err err = LR_ERR_INIT;
	run(db, "DROP TABLE IF EXISTS \"Loaded\"; CREATE TABLE \"Loaded\" (id bigint PRIMARY KEY,"
		" name varchar(100), r double precision, flag boolean, created timestamp, data bytea,"
		" nothing bigint)");
	const char *cols[] = { "id", "name", "r", "flag", "created", "data", "nothing" };
	struct db_loader *ld;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(db_load_begin(db, "Loaded", cols, 7, &ld, &err), 0);
	for (int i = 0; i < LOAD_ROWS; i++) {
		char name[64], date[32], blob[4] = { (char)i, (char)(i >> 8), 0, '\\' };
		snprintf(name, sizeof name, "row %d 'q' \\N \\ \t\n\r%s", i, i % 2 ? "中" : "é");
		snprintf(date, sizeof date, "2020-01-%02d 10:%02d:%02d", 1 + i % 28, i / 60 % 60, i % 60);
		struct db_value v[7] = { db_int(i), db_text(name), { DB_REAL, 0, i / 4.0, 0, 0 },
					 { DB_BOOL, i % 2, 0, 0, 0 }, { DB_DATE, 0, 0, date, strlen(date) },
					 { DB_BLOB, 0, 0, blob, 4 }, db_null() };
		if (db_load_row(ld, v, &err) < 0)
			fail_msg("row %d: %s", i, err.msg);
	}
	assert_int_equal(db_load_end(ld, 1, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "PostgreSQL loader: %d rows in %.2f s (%.0f rows/s)\n", LOAD_ROWS, secs,
		LOAD_ROWS / secs);
	int64_t n;
	assert_int_equal(db_table_rows(db, "Loaded", &n, &err), 0);
	assert_int_equal(n, LOAD_ROWS);
	assert_int_equal(tl_int(db, "SELECT SUM(id) FROM \"Loaded\""), (int64_t)LOAD_ROWS * (LOAD_ROWS - 1) / 2);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM \"Loaded\" WHERE flag"), LOAD_ROWS / 2);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM \"Loaded\" WHERE nothing IS NULL"), LOAD_ROWS);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM \"Loaded\" WHERE r * 4 = id"), LOAD_ROWS);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM \"Loaded\" WHERE data ="
				    " set_byte(set_byte('\\x0000005c'::bytea, 0, (id % 256)::int), 1, (id / 256 % 256)::int)"),
			 LOAD_ROWS);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM \"Loaded\" WHERE name = 'row ' || id ||"
				    " E' ''q'' \\\\N \\\\ \\t\\n\\r' || CASE WHEN id % 2 = 1 THEN '中' ELSE 'é' END"),
			 LOAD_ROWS);
	struct db_cursor *c;
	struct db_value p = db_int(70001);
	assert_int_equal(db_query(db, "SELECT name, created, data, flag FROM \"Loaded\" WHERE id = ?", &p,
				  1, &c, &err), 0);
	assert_int_equal(db_next(c, &err), 1);
	assert_string_equal(db_get_text(c, 0), "row 70001 'q' \\N \\ \t\n\r中");
	assert_string_equal(db_get_text(c, 1), "2020-01-02 10:26:41");
	struct db_value g;
	db_get(c, 2, &g);
	assert_int_equal(g.len, 4);
	assert_memory_equal(g.s, "\x71\x11\0\\", 4);
	db_get(c, 3, &g);
	assert_int_equal(g.kind, DB_BOOL);
	assert_int_equal(g.i, 1);
	db_cursor_close(c);

	/* an abandoned load leaves nothing behind */
	assert_int_equal(db_load_begin(db, "Loaded", cols, 1, &ld, &err), 0);
	struct db_value one = db_int(LOAD_ROWS + 1);
	assert_int_equal(db_load_row(ld, &one, &err), 0);
	assert_int_equal(db_load_end(ld, 0, &err), 0);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM \"Loaded\""), LOAD_ROWS);

	/* a failing load is an error with the server's message */
	assert_int_equal(db_load_begin(db, "Loaded", cols, 1, &ld, &err), 0);
	one = db_int(5);
	assert_int_equal(db_load_row(ld, &one, &err), 0);
	assert_int_equal(db_load_end(ld, 1, &err), -1);
	assert_int_equal(err.code, LR_EXIT_FAILED);
	assert_non_null(strstr(err.msg, "duplicate key value violates unique constraint"));
	lr_err_clear(&err);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM \"Loaded\""), LOAD_ROWS);

	/* NUL cannot be stored in PostgreSQL text: refused with a message */
	assert_int_equal(db_load_begin(db, "Loaded", cols, 2, &ld, &err), 0);
	struct db_value nul[2] = { db_int(LOAD_ROWS + 2), { DB_TEXT, 0, 0, "a\0b", 3 } };
	assert_int_equal(db_load_row(ld, nul, &err), -1);
	assert_non_null(strstr(err.msg, "NUL"));
	assert_int_equal(db_load_end(ld, 0, NULL), 0);
	db_close(db);
}

static void transactions_commit_and_roll_back(void **state)
{
	(void)state;
	struct db *db = scratch();
	struct lr_err err = LR_ERR_INIT;
	run(db, "DROP TABLE IF EXISTS tx; CREATE TABLE tx (id int PRIMARY KEY, v varchar(10));"
		" INSERT INTO tx VALUES (1,'a'),(2,'b'),(3,'c'),(4,'d')");
	int64_t n = 0;
	assert_int_equal(db_begin(db, &err), 0);
	struct db_value p = db_int(3);
	assert_int_equal(db_exec(db, "DELETE FROM tx WHERE id < ?", &p, 1, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM tx"), 2);
	assert_int_equal(db_rollback(db, &err), 0);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM tx"), 4);
	assert_int_equal(db_begin(db, &err), 0);
	struct db_value u[2] = { db_text("z"), db_int(4) };
	assert_int_equal(db_exec(db, "UPDATE tx SET v = ? WHERE id >= ?", u, 2, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(db_commit(db, &err), 0);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM tx WHERE v = 'z'"), 1);
	db_close(db);
}

static void bad_input_fails_with_clear_messages(void **state)
{
	(void)state;
	struct lr_err err = LR_ERR_INIT;
	struct db *db = NULL;
	/* the test server trusts loopback, so a wrong password cannot fail here:
	 * an unknown role, a closed port and a missing database can */
	const int port = tl_pg_port();
	char where[128];
	struct db_conninfo ci = { .engine = DB_PGSQL, .host = "127.0.0.1", .port = port,
				  .user = "t_drivers_nobody", .password = "wrong-secret-42",
				  .dbname = "postgres" };
	assert_int_equal(db_open(&ci, &db, &err), -1);
	assert_null(db);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	snprintf(where, sizeof where, "cannot connect to PostgreSQL at 127.0.0.1:%d (database postgres): ", port);
	assert_non_null(strstr(err.msg, where));
	assert_non_null(strstr(err.msg, "role \"t_drivers_nobody\" does not exist"));
	assert_null(strstr(err.msg, "wrong-secret-42"));
	assert_null(strchr(err.msg, '\n'));

	lr_err_clear(&err);
	ci.user = "lrprep";
	ci.port = 1;
	assert_int_equal(db_open(&ci, &db, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_non_null(strstr(err.msg, "cannot connect to PostgreSQL at 127.0.0.1:1 (database postgres): "));
	assert_non_null(strstr(err.msg, "Connection refused"));
	assert_null(strstr(err.msg, "wrong-secret-42"));
	assert_null(strchr(err.msg, '\n'));

	lr_err_clear(&err);
	ci.port = port;
	ci.dbname = "t_drivers_no_such_db";
	assert_int_equal(db_open(&ci, &db, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	snprintf(where, sizeof where, "cannot connect to PostgreSQL at 127.0.0.1:%d (database "
		 "t_drivers_no_such_db): ", port);
	assert_non_null(strstr(err.msg, where));
	assert_non_null(strstr(err.msg, "database \"t_drivers_no_such_db\" does not exist"));

	lr_err_clear(&err);
	db = scratch();
	assert_int_equal(db_exec(db, "SELEC nonsense", NULL, 0, NULL, &err), -1);
	assert_int_equal(err.code, LR_EXIT_FAILED);
	assert_non_null(strstr(err.msg, "syntax error at or near \"SELEC\""));
	assert_null(strchr(err.msg, '\n'));
	lr_err_clear(&err);
	struct db_cursor *c;
	assert_int_equal(db_query(db, "SELECT * FROM no_such_table WHERE id = ?",
				  (struct db_value[]){ db_int(1) }, 1, &c, &err), -1);
	assert_int_equal(err.code, LR_EXIT_FAILED);
	assert_non_null(strstr(err.msg, "relation \"no_such_table\" does not exist"));
	assert_int_equal(tl_int(db, "SELECT 7"), 7);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hostile_parameters_and_every_byte_value),
		cmocka_unit_test(streams_200000_rows_in_bounded_memory),
		cmocka_unit_test(every_kind_round_trips),
		cmocka_unit_test(catalog_is_case_insensitive),
		cmocka_unit_test(copy_loader_loads_100000_rows_exactly),
		cmocka_unit_test(transactions_commit_and_roll_back),
		cmocka_unit_test(bad_input_fails_with_clear_messages),
	};
	snprintf(scratch_db, sizeof scratch_db, "t_drivers_pg_%d", (int)getpid());
	return cmocka_run_group_tests(tests, NULL, drop_scratch);
}
