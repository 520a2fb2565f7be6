/* A portal that looks alive (src/backup/liveness.c) makes backup refuse
 * with exit 2 and name the signal; --force backs up anyway with a warning
 * (exit 1) and records the signals in the manifest. Signals checked: rows
 * written in the last minutes, an unexpired lock, and (MariaDB) another
 * connection to the database. An idle database passes (other tests). */
#include "bkfx.h"
#include <time.h>

static const char *now_utc(int plus_seconds)
{
	time_t t = time(NULL) + plus_seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	static char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

static void recent_write_refuses(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	bkfx_sqlite_setup(tmp);
	char src[4200];
	snprintf(src, sizeof src, "%s", bkfx_f("%s/src.db", tmp));
	struct db *db = tl_open(src);
	struct lr_err err = LR_ERR_INIT;
	int64_t n;
	struct db_value v = db_text(now_utc(-60));
	assert_int_equal(db_exec(db, "UPDATE DLFileEntry SET modifiedDate = ? WHERE fileEntryId = 7", &v, 1, &n, &err), 0);
	db_close(db);
	struct strbuf out = STRBUF_INIT, e = STRBUF_INIT;
	assert_int_equal(tl_run(&out, &e, "backup", src, "--to", bkfx_f("%s/live", tmp), NULL), 2);
	assert_non_null(strstr(e.buf, "portal looks alive: 1 row(s) of document changes written in the last 15 "
				      "minutes (DLFileEntry.modifiedDate)"));
	assert_non_null(strstr(e.buf, "pass --force"));
	assert_int_not_equal(access(bkfx_f("%s/live/manifest.json", tmp), F_OK), 0);

	strbuf_reset(&out);
	strbuf_reset(&e);
	assert_int_equal(tl_run(&out, &e, "backup", src, "--to", bkfx_f("%s/live", tmp), "--force", "--json", NULL), 1);
	assert_non_null(strstr(out.buf, "\"alive\": true,\n    \"forced\": true"));

	/* and an unexpired lock */
	db = tl_open(src);
	v = db_text("2016-07-06 09:43:01");
	assert_int_equal(db_exec(db, "UPDATE DLFileEntry SET modifiedDate = ?", &v, 1, &n, &err), 0);
	struct db_value lk[] = { db_int(1), db_text("2016-07-06 09:43:01"), db_text(now_utc(3600)) };
	assert_int_equal(db_exec(db, "INSERT INTO Lock_ VALUES (?,?,?)", lk, 3, &n, &err), 0);
	db_close(db);
	strbuf_reset(&e);
	assert_int_equal(tl_run(NULL, &e, "backup", src, "--to", bkfx_f("%s/live2", tmp), NULL), 2);
	assert_non_null(strstr(e.buf, "portal looks alive: 1 unexpired lock(s) in Lock_"));
	assert_null(strstr(e.buf, "document changes"));
	strbuf_release(&out);
	strbuf_release(&e);
}

static void open_connection_refuses_on_mariadb(void **state)
{
	(void)state;
	tl_mysql_uri();
	bkfx_fresh_db(tl_mysql_uri(), "t_backup_live");
	char uri[4200];
	tl_mysql_db_uri("t_backup_live", uri, sizeof uri);
	struct db *db = tl_open(uri);
	bkfx_schema(db);
	bkfx_rows(db);
	/* db stays open: it plays the portal's connection pool */
	struct strbuf e = STRBUF_INIT;
	assert_int_equal(tl_run(NULL, &e, "backup", uri, "--to", bkfx_f("%s/mlive", tl_tmpdir()), NULL), 2);
	assert_non_null(strstr(e.buf, "portal looks alive: 1 other connection(s) to this database"));
	db_close(db);
	strbuf_reset(&e);
	/* exit 1: the one warning is that no store was named */
	assert_int_equal(tl_run(NULL, &e, "backup", uri, "--to", bkfx_f("%s/mlive", tl_tmpdir()), NULL), 1);
	assert_non_null(strstr(e.buf, "the backup holds the database only"));
	assert_null(strstr(e.buf, "alive"));
	strbuf_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recent_write_refuses),
		cmocka_unit_test(open_connection_refuses_on_mariadb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
