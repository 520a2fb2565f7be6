/* A portal that looks alive (src/backup/liveness.c) makes backup refuse
 * with exit 2 and name the signal; --force backs up anyway with a warning
 * (exit 1) and records the signals in the manifest. Signals checked: rows
 * written in the last minutes, an unexpired lock, and (MariaDB) another
 * connection to the database. An idle database passes (other tests), and
 * so does one that PostgreSQL's own autovacuum is working on: a database
 * just loaded or pruned gets one, and it is no portal. */
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
	/* the refused run made the directory: it leaves none behind */
	assert_int_not_equal(access(bkfx_f("%s/live", tmp), F_OK), 0);

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

static int64_t autovacuum_workers(struct db *admin)
{
	return tl_int(admin, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = 't_backup_av' "
			     "AND backend_type = 'autovacuum worker'");
}

static void autovacuum_is_no_portal_on_postgresql(void **state)
{
	(void)state;
	bkfx_fresh_db(tl_pg_uri(), "t_backup_av");
	char uri[4200];
	tl_pg_db_uri("t_backup_av", uri, sizeof uri);
	struct db *db = tl_open(uri);
	bkfx_schema(db);
	bkfx_rows(db);
	/* a table autovacuum visits at once and then works on slowly (a
	 * 100 ms pause after every page): the worker stays for many seconds */
	bkfx_exec(db, "CREATE TABLE av_pad (id BIGINT PRIMARY KEY, v TEXT) WITH (autovacuum_vacuum_threshold = 0, "
		      "autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_cost_delay = 100, "
		      "autovacuum_vacuum_cost_limit = 1)");
	bkfx_exec(db, "INSERT INTO av_pad SELECT i, repeat('x', 100) FROM generate_series(1, 50000) i");
	bkfx_exec(db, "UPDATE av_pad SET v = repeat('y', 100)");
	db_close(db); /* no connection of ours stays */
	struct db *admin = tl_open(tl_pg_uri());
	int waited = 0;
	while (autovacuum_workers(admin) == 0 && waited < 240) { /* autovacuum_naptime: 1 min by default */
		struct timespec ts = { 0, 500 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		waited++;
	}
	assert_int_equal(autovacuum_workers(admin), 1);
	struct strbuf e = STRBUF_INIT;
	/* exit 1: the one warning is that no store was named */
	int rc = tl_run(NULL, &e, "backup", uri, "--to", bkfx_f("%s/avlive", tl_tmpdir()), NULL);
	if (rc != 1)
		fail_msg("backup exit %d while autovacuum ran: %s", rc, e.buf);
	assert_null(strstr(e.buf, "alive"));
	/* the worker was there all along */
	assert_int_equal(autovacuum_workers(admin), 1);
	strbuf_release(&e);
	bkfx_exec(admin, "DROP DATABASE t_backup_av");
	db_close(admin);
}

/* A run that fails before it stores anything removes the directory it made,
 * and never one that was there before. */
static void failed_run_leaves_no_directory_it_made(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	const char *missing = bkfx_f("%s/no-such.db", tmp);
	char gone[4200], there[4200];
	snprintf(gone, sizeof gone, "%s", bkfx_f("%s/new/deeper", tmp));
	snprintf(there, sizeof there, "%s", bkfx_f("%s/existing", tmp));
	char src[4200];
	snprintf(src, sizeof src, "%s", missing);
	struct strbuf e = STRBUF_INIT;
	assert_int_equal(tl_run(NULL, &e, "backup", src, "--to", gone, NULL), 4);
	assert_int_not_equal(access(gone, F_OK), 0);
	bkfx_mkdirs(there);
	bkfx_write(bkfx_f("%s/keep.txt", there), "mine", 4);
	strbuf_reset(&e);
	assert_int_equal(tl_run(NULL, &e, "backup", src, "--to", there, NULL), 4);
	assert_int_equal(access(bkfx_f("%s/keep.txt", there), F_OK), 0);
	strbuf_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recent_write_refuses),
		cmocka_unit_test(failed_run_leaves_no_directory_it_made),
		cmocka_unit_test(open_connection_refuses_on_mariadb),
		cmocka_unit_test(autovacuum_is_no_portal_on_postgresql),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
