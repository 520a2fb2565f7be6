/* The same table with the same rows, loaded through db_load_* on SQLite,
 * MariaDB and PostgreSQL, reads back identically through db_get on all three:
 * same kinds, same values, byte for byte. */
#include "testlib.h"
#include "db/uri.h"
#include "util/xalloc.h"
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NROWS 2000
#define NCOLS 7

static void run(struct db *db, const char *sql)
{
	struct lr_err err = LR_ERR_INIT;
	if (db_exec(db, sql, NULL, 0, NULL, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
}

/* one scratch database per process: parallel runs must not share one */
static char scratch_db[64];

static struct db *open_engine(enum db_engine e)
{
	char uri[512], sql[256];
	if (e == DB_SQLITE) {
		snprintf(uri, sizeof uri, "%s/xe.db", tl_tmpdir());
		remove(uri);
		return tl_open(uri);
	}
	if (e == DB_MARIADB) {
		struct db *srv = tl_open(tl_mysql_uri());
		snprintf(sql, sizeof sql, "CREATE DATABASE IF NOT EXISTS %s CHARACTER SET utf8mb4"
			 " COLLATE utf8mb4_bin", scratch_db);
		run(srv, sql);
		db_close(srv);
		return tl_open(tl_mysql_db_uri(scratch_db, uri, sizeof uri));
	}
	struct db *srv = tl_open(tl_pg_uri());
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", scratch_db);
	run(srv, sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", scratch_db);
	run(srv, sql);
	db_close(srv);
	return tl_open(tl_pg_db_uri(scratch_db, uri, sizeof uri));
}

static int drop_scratch(void **state)
{
	(void)state;
	static const char *envs[] = { "LRPREP_TEST_MYSQL_URI", "LRPREP_TEST_PG_URI" };
	for (int k = 0; k < 2; k++) {
		const char *u = getenv(envs[k]);
		struct db_conninfo ci;
		struct lr_err err = LR_ERR_INIT;
		struct db *srv;
		if (!u || !*u || db_uri_parse(u, &ci, &err) < 0)
			continue;
		if (db_open(&ci, &srv, &err) == 0) {
			char sql[128];
			snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s%s", scratch_db,
				 k ? " WITH (FORCE)" : "");
			db_exec(srv, sql, NULL, 0, NULL, &err);
			db_close(srv);
		}
		db_conninfo_release(&ci);
	}
	return 0;
}

/* One declaration per engine, columns in the same order. */
static const char *ddl[] = {
	[DB_SQLITE] = "CREATE TABLE \"XE_Rows\" (id bigint PRIMARY KEY, name varchar(100), r double,"
		      " flag tinyint(1), created datetime, data longblob, missing bigint)",
	[DB_MARIADB] = "DROP TABLE IF EXISTS `XE_Rows`; CREATE TABLE `XE_Rows` (id bigint PRIMARY KEY,"
		       " name varchar(100), r double, flag tinyint(1), created datetime(6), data longblob,"
		       " missing bigint) CHARACTER SET utf8mb4",
	[DB_PGSQL] = "DROP TABLE IF EXISTS \"XE_Rows\"; CREATE TABLE \"XE_Rows\" (id bigint PRIMARY KEY,"
		     " name varchar(100), r double precision, flag boolean, created timestamp(6),"
		     " data bytea, missing bigint)",
};

static const char *names[] = {
	"'; DROP TABLE XE_Rows; --", "it's", "back\\slash \\N", "tab\tnl\ncr\r", "中文 ☃ 😀", "", "?",
	"Franche Comté",
};

/* Row i, deterministic; string storage in buf. */
static void make_row(int i, struct db_value *v, char *buf, size_t n, char *blob, char *date)
{
	snprintf(buf, n, "%s #%d", names[i % 8], i);
	v[0] = db_int(i == 0 ? INT64_MIN + 1 : i == 1 ? INT64_MAX : i);
	v[1] = i % 11 == 5 ? db_null() : db_text(buf);
	v[2] = (struct db_value){ DB_REAL, 0, i == 2 ? 1e308 : i == 3 ? -2.5e-300 : i / 3.0, 0, 0 };
	if (i % 13 == 7)
		v[2] = db_null();
	v[3] = (struct db_value){ DB_BOOL, i % 3 == 0, 0, 0, 0 };
	if (i % 17 == 3)
		v[3] = db_null();
	if (i % 2)
		snprintf(date, 48, "20%02d-%02d-%02d %02d:%02d:%02d.%06d", i % 30, 1 + i % 12, 1 + i % 28,
			 i % 24, i % 60, (i * 7) % 60, (i * 7919) % 999999 + 1);
	else
		snprintf(date, 48, "19%02d-%02d-%02d %02d:%02d:%02d", 70 + i % 30, 1 + i % 12, 1 + i % 28,
			 i % 24, i % 60, (i * 7) % 60);
	v[4] = (struct db_value){ DB_DATE, 0, 0, date, strlen(date) };
	size_t bl = (size_t)(i % 300);
	for (size_t k = 0; k < bl; k++)
		blob[k] = (char)((k + (size_t)i) & 255);
	v[5] = (struct db_value){ DB_BLOB, 0, 0, blob, bl };
	if (i % 19 == 4)
		v[5] = db_null();
	v[6] = db_null();
}

static void load(struct db *db)
{
	struct lr_err err = LR_ERR_INIT;
	run(db, ddl[db_engine(db)]);
	assert_int_equal(db_catalog_reload(db, &err), 0);
	const char *table = db_table_name(db, "xe_rows");
	assert_non_null(table);
	const char *cols[NCOLS] = { "id", "name", "r", "flag", "created", "data", "missing" };
	struct db_loader *ld;
	assert_int_equal(db_load_begin(db, table, cols, NCOLS, &ld, &err), 0);
	for (int i = 0; i < NROWS; i++) {
		struct db_value v[NCOLS];
		char buf[128], blob[300], date[48];
		make_row(i, v, buf, sizeof buf, blob, date);
		if (db_load_row(ld, v, &err) < 0)
			fail_msg("%s row %d: %s", db_engine_name(db_engine(db)), i, err.msg);
	}
	if (db_load_end(ld, 1, &err) < 0)
		fail_msg("%s: %s", db_engine_name(db_engine(db)), err.msg);
}

static int same(const struct db_value *a, const struct db_value *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case DB_NULL: return 1;
	case DB_INT:
	case DB_BOOL: return a->i == b->i;
	case DB_REAL: return a->r == b->r || (isnan(a->r) && isnan(b->r));
	default: return a->len == b->len && (a->len == 0 || !memcmp(a->s, b->s, a->len));
	}
}

static void same_rows_read_back_identically_on_all_three(void **state)
{
	(void)state;
	struct lr_err err = LR_ERR_INIT;
	struct db *dbs[3] = { open_engine(DB_SQLITE), open_engine(DB_MARIADB), open_engine(DB_PGSQL) };
	for (int e = 0; e < 3; e++)
		load(dbs[e]);
	struct db_cursor *c[3];
	for (int e = 0; e < 3; e++) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, "SELECT id, name, r, flag, created, data, missing FROM ");
		db_quote_ident(dbs[e], &sql, db_table_name(dbs[e], "XE_ROWS"));
		strbuf_addstr(&sql, " WHERE id <> ? ORDER BY id");
		struct db_value p = db_int(-1);
		assert_int_equal(db_query(dbs[e], strbuf_str(&sql), &p, 1, &c[e], &err), 0);
		strbuf_release(&sql);
	}
	int rows = 0;
	for (;;) {
		int rc[3];
		for (int e = 0; e < 3; e++)
			rc[e] = db_next(c[e], &err);
		assert_int_equal(rc[0], rc[1]);
		assert_int_equal(rc[0], rc[2]);
		if (rc[0] != 1)
			break;
		/* the expected row: ORDER BY id puts INT64_MIN+1 first, INT64_MAX last */
		int i = rows == 0 ? 0 : rows == NROWS - 1 ? 1 : rows + 1;
		struct db_value want[NCOLS];
		char buf[128], blob[300], date[48];
		make_row(i, want, buf, sizeof buf, blob, date);
		for (int col = 0; col < NCOLS; col++) {
			struct db_value v[3];
			for (int e = 0; e < 3; e++)
				db_get(c[e], col, &v[e]);
			/* a NULL column's kind is DB_NULL everywhere */
			for (int e = 0; e < 3; e++)
				if (!same(&v[e], &want[col]))
					fail_msg("row %d col %s on %s: kind %s (want %s)", i,
						 db_colname(c[e], col), db_engine_name(db_engine(dbs[e])),
						 db_kind_name(v[e].kind), db_kind_name(want[col].kind));
		}
		rows++;
	}
	assert_int_equal(rows, NROWS);
	for (int e = 0; e < 3; e++) {
		db_cursor_close(c[e]);
		int64_t n;
		assert_int_equal(db_table_rows(dbs[e], db_table_name(dbs[e], "xe_rows"), &n, &err), 0);
		assert_int_equal(n, NROWS);
		/* the catalog agrees on kinds too */
		const struct db_table *t = db_table_find(dbs[e], "Xe_Rows");
		static const enum db_kind kinds[NCOLS] = { DB_INT, DB_TEXT, DB_REAL, DB_BOOL, DB_DATE,
							   DB_BLOB, DB_INT };
		assert_int_equal(t->ncols, NCOLS);
		for (int col = 0; col < NCOLS; col++)
			assert_int_equal(t->cols[col].kind, kinds[col]);
		assert_int_equal(t->cols[0].pk, 1);
	}
	for (int e = 0; e < 3; e++)
		db_close(dbs[e]);
}

/* Exact decimals: identical text on both servers. (SQLite gives decimal
 * columns NUMERIC affinity, which turns "12.5" into a REAL; not compared.) */
static void decimals_read_back_identically_on_both_servers(void **state)
{
	(void)state;
	struct lr_err err = LR_ERR_INIT;
	struct db *dbs[2] = { open_engine(DB_MARIADB), open_engine(DB_PGSQL) };
	static const char *vals[] = { "12.5", "-0.0000000000000001", "99999999999999.9999999999999999", "0" };
	static const char *want[] = { "-0.0000000000000001", "0.0000000000000000", "12.5000000000000000",
				      "99999999999999.9999999999999999" };
	for (int e = 0; e < 2; e++) {
		run(dbs[e], "DROP TABLE IF EXISTS dec_t");
		run(dbs[e], "CREATE TABLE dec_t (amount decimal(30,16))");
		const char *cols[] = { "amount" };
		struct db_loader *ld;
		assert_int_equal(db_load_begin(dbs[e], "dec_t", cols, 1, &ld, &err), 0);
		for (int i = 0; i < 4; i++) {
			struct db_value v = { DB_DECIMAL, 0, 0, vals[i], strlen(vals[i]) };
			assert_int_equal(db_load_row(ld, &v, &err), 0);
		}
		assert_int_equal(db_load_end(ld, 1, &err), 0);
		struct db_cursor *c;
		assert_int_equal(db_query(dbs[e], "SELECT amount FROM dec_t ORDER BY amount", NULL, 0, &c, &err), 0);
		for (int i = 0; i < 4; i++) {
			assert_int_equal(db_next(c, &err), 1);
			struct db_value v;
			db_get(c, 0, &v);
			assert_int_equal(v.kind, DB_DECIMAL);
			assert_string_equal(db_get_text(c, 0), want[i]);
		}
		assert_int_equal(db_next(c, &err), 0);
		db_cursor_close(c);
		db_close(dbs[e]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_rows_read_back_identically_on_all_three),
		cmocka_unit_test(decimals_read_back_identically_on_both_servers),
	};
	snprintf(scratch_db, sizeof scratch_db, "t_drivers_xe_%d", (int)getpid());
	return cmocka_run_group_tests(tests, NULL, drop_scratch);
}
