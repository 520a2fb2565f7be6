/* One consistent snapshot for every dump worker.
 *  MariaDB:    FLUSH TABLES WITH READ LOCK on the coordinator, then
 *              START TRANSACTION WITH CONSISTENT SNAPSHOT on every
 *              connection, then UNLOCK TABLES: all InnoDB reads see the
 *              same instant while the lock is held only for milliseconds.
 *  PostgreSQL: the coordinator exports its REPEATABLE READ snapshot
 *              (pg_export_snapshot) and every worker imports it.
 *  SQLite:     the online backup API copies the file (a consistent image even
 *              while another process writes); everything reads the copy. */
#include "dbpart.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int exec(struct db *db, const char *sql, struct lr_err *err)
{
	int64_t n;
	return db_exec(db, sql, NULL, 0, &n, err);
}

static int sqlite_copy(const char *src, const char *dst, struct lr_err *err)
{
	sqlite3 *from = NULL, *to = NULL;
	int rc = -1;
	remove(dst);
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		lr_fail(err, LR_EXIT_INPUT, "%s: %s", src, from ? sqlite3_errmsg(from) : "cannot open");
		goto out;
	}
	if (sqlite3_open_v2(dst, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		lr_fail(err, LR_EXIT_FAILED, "%s: %s", dst, to ? sqlite3_errmsg(to) : "cannot create");
		goto out;
	}
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b) {
		lr_fail(err, LR_EXIT_FAILED, "SQLite backup of %s: %s", src, sqlite3_errmsg(to));
		goto out;
	}
	/* all pages in one step: a writer in between would restart it anyway */
	int s = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (s != SQLITE_DONE) {
		lr_fail(err, LR_EXIT_INPUT, "SQLite backup of %s: %s", src, sqlite3_errstr(s));
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(from);
	sqlite3_close(to);
	return rc;
}

static void stamp(struct bk_snap *s)
{
	bk_utc_iso(time(NULL), s->snapshot_time, sizeof s->snapshot_time);
}

static int open_all(struct bk_snap *s, const struct db_conninfo *ci, struct lr_err *err)
{
	if (!s->coord && db_open(ci, &s->coord, err) < 0)
		return -1;
	s->workers = xcalloc((size_t)s->njobs, sizeof *s->workers);
	for (int i = 0; i < s->njobs; i++)
		if (db_open(ci, &s->workers[i], err) < 0)
			return -1;
	return 0;
}

static int snap_mariadb(struct bk_snap *s, struct lr_err *err)
{
	struct db *all[1 + 64];
	int n = 0;
	all[n++] = s->coord;
	for (int i = 0; i < s->njobs; i++)
		all[n++] = s->workers[i];
	for (int i = 0; i < n; i++)
		if (exec(all[i], "SET SESSION time_zone='+00:00'", err) < 0 ||
		    exec(all[i], "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", err) < 0)
			return -1;
	struct lr_err lerr = LR_ERR_INIT;
	/* FLUSH TABLES waits for running statements while blocking every writer
	 * of the server: give up after 30 s rather than stall a busy server */
	exec(s->coord, "SET SESSION lock_wait_timeout = 30", &lerr);
	lr_err_clear(&lerr);
	int locked = exec(s->coord, "FLUSH TABLES WITH READ LOCK", &lerr) == 0;
	if (!locked && s->njobs > 1) {
		/* without RELOAD the snapshots of several connections could differ
		 * by a commit: one connection is slower but consistent */
		lr_warn("FLUSH TABLES WITH READ LOCK refused (%s): the dump uses one connection", lerr.msg);
		for (int i = 1; i < s->njobs; i++) {
			db_close(s->workers[i]);
			s->workers[i] = NULL;
		}
		s->njobs = 1;
		n = 2;
	}
	for (int i = 0; i < n; i++)
		if (exec(all[i], "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY", err) < 0)
			return -1;
	stamp(s);
	if (locked && exec(s->coord, "UNLOCK TABLES", err) < 0)
		return -1;
	snprintf(s->method, sizeof s->method, "%s",
		 locked ? "FLUSH TABLES WITH READ LOCK + START TRANSACTION WITH CONSISTENT SNAPSHOT per connection"
			: "START TRANSACTION WITH CONSISTENT SNAPSHOT, one dump connection");
	return 0;
}

static int snap_pgsql(struct bk_snap *s, struct lr_err *err)
{
	if (exec(s->coord, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err) < 0)
		return -1;
	struct db_cursor *c;
	if (db_query(s->coord, "SELECT pg_export_snapshot()", NULL, 0, &c, err) < 0)
		return -1;
	char id[128] = "";
	if (db_next(c, err) == 1 && db_get_text(c, 0))
		snprintf(id, sizeof id, "%s", db_get_text(c, 0));
	db_cursor_close(c);
	/* SET TRANSACTION SNAPSHOT takes no parameter: the id comes from the
	 * server and is checked to be the documented hex-and-dash form */
	if (!id[0] || strspn(id, "0123456789ABCDEFabcdef-") != strlen(id))
		return lr_fail(err, LR_EXIT_FAILED, "pg_export_snapshot returned an unexpected id");
	stamp(s);
	char sql[200];
	snprintf(sql, sizeof sql, "SET TRANSACTION SNAPSHOT '%s'", id);
	for (int i = 0; i < s->njobs; i++)
		if (exec(s->workers[i], "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err) < 0 ||
		    exec(s->workers[i], sql, err) < 0)
			return -1;
	snprintf(s->method, sizeof s->method, "pg_export_snapshot %s imported by every connection", id);
	return 0;
}

int bk_snap_open(struct bk_snap *s, const struct db_conninfo *src, int jobs, const char *tmpdir,
		 struct db *coord, struct lr_err *err)
{
	memset(s, 0, sizeof *s);
	if (src->engine != DB_SQLITE)
		s->coord = coord; /* its catalog is loaded already */
	else
		db_close(coord);
	s->engine = src->engine;
	s->njobs = jobs < 1 ? 1 : jobs > 64 ? 64 : jobs;
	if (src->engine == DB_SQLITE) {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/snapshot.sqlite", tmpdir);
		s->copy_path = strbuf_detach(&p, NULL);
		if (sqlite_copy(src->path, s->copy_path, err) < 0)
			return -1;
		stamp(s);
		struct db_conninfo ci = { .engine = DB_SQLITE, .path = s->copy_path, .readonly = 1 };
		if (open_all(s, &ci, err) < 0)
			return -1;
		snprintf(s->method, sizeof s->method, "sqlite3 online backup API copy");
	} else {
		if (open_all(s, src, err) < 0)
			return -1;
		if ((s->engine == DB_MARIADB ? snap_mariadb(s, err) : snap_pgsql(s, err)) < 0)
			return -1;
	}
	struct strbuf v = STRBUF_INIT;
	if (db_server_version(s->coord, &v) == 0)
		snprintf(s->server_version, sizeof s->server_version, "%s", v.buf ? v.buf : "");
	strbuf_release(&v);
	return 0;
}

void bk_snap_close(struct bk_snap *s)
{
	struct lr_err err = LR_ERR_INIT;
	if (s->workers) {
		for (int i = 0; i < s->njobs; i++) {
			if (s->workers[i] && s->engine != DB_SQLITE)
				exec(s->workers[i], "ROLLBACK", &err);
			db_close(s->workers[i]);
		}
	}
	free(s->workers);
	if (s->coord && s->engine != DB_SQLITE)
		exec(s->coord, "ROLLBACK", &err);
	db_close(s->coord);
	if (s->copy_path) {
		remove(s->copy_path);
		free(s->copy_path);
	}
	memset(s, 0, sizeof *s);
}
