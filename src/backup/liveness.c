/* The "is a portal running on this database?" heuristic, shared by backup
 * and prune.
 *
 * A running portal leaves three kinds of traces, each checked here:
 *  1. Sessions: its connection pool keeps connections to the database open
 *     even when idle. MariaDB: other threads in information_schema.PROCESSLIST
 *     on the same schema; PostgreSQL: other backends in pg_stat_activity on
 *     the same database. The strongest signal (the pool never drops to zero)
 *     but it needs the PROCESS privilege on MariaDB (without it only our own
 *     threads are visible and the signal stays silent), and a DBA's open
 *     client counts too.
 *  2. Recent writes: rows created or modified in the last `window` minutes
 *     in tables a live portal touches all the time (logins, pages, documents,
 *     assets, background tasks, locks). Each is one scan of a date column,
 *     so the wide content tables are left to AssetEntry, which every
 *     content edit updates. Liferay stores dates in the JVM
 *     time zone, which Liferay requires to be GMT/UTC; dates more than a day
 *     in the future are ignored (clock skew, scheduled content).
 *  3. Held state: unexpired Lock_ rows and BackgroundTask rows in progress
 *     updated within the window (a crashed portal leaves old ones; those are
 *     not counted).
 * Any one signal makes the portal "alive". SQLite databases (copies, never
 * served by a portal) only get checks 2 and 3. --force turns the refusal
 * into a warning. */
#include "liveness.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Tables and date columns a running portal writes to (data, not code). */
static const struct recent {
	const char *table;
	const char *column;
	const char *what;
} recent[] = {
	{ "User_", "lastLoginDate", "user logins" },
	{ "User_", "modifiedDate", "user changes" },
	{ "Layout", "modifiedDate", "page changes" },
	{ "DLFileEntry", "modifiedDate", "document changes" },
	/* AssetEntry mirrors every edit of web content, documents, blog and
	 * message-board posts: it stands in for scanning JournalArticle and
	 * MBMessage, the widest tables of a portal */
	{ "AssetEntry", "modifiedDate", "content changes (assets)" },
	{ "BackgroundTask", "modifiedDate", "background tasks" },
	{ "Lock_", "createDate", "locks taken" },
};

static void add(struct lr_liveness *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct lr_liveness *o, const char *fmt, ...)
{
	o->alive = 1;
	if (o->nsignals >= LR_LIVENESS_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(o->signals[o->nsignals++], sizeof o->signals[0], fmt, ap);
	va_end(ap);
}

static void fmt_time(time_t t, char *buf, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
}

/* COUNT(*) query; -1 when it cannot run (table or column absent). */
static int64_t count(struct db *db, const char *sql, const struct db_value *p, int np)
{
	struct lr_err err = LR_ERR_INIT;
	int64_t n = 0;
	if (db_query_int(db, sql, p, np, &n, &err) < 0)
		return -1;
	return n;
}

static int has_column(struct db *db, const char *table, const char *col)
{
	const struct db_table *t = db_table_find(db, table);
	return t && db_column_find(t, col);
}

/* The PostgreSQL server's major version (9 for 9.6, 15 for 15.4). */
static int pg_major(struct db *db)
{
	struct strbuf v = STRBUF_INIT;
	int major = 0;
	if (db_server_version(db, &v) == 0 && !strncmp(v.buf, "PostgreSQL ", 11))
		major = atoi(v.buf + 11);
	strbuf_release(&v);
	return major;
}

int lr_liveness_probe(struct db *db, int window_minutes, struct lr_liveness *out, struct lr_err *err)
{
	memset(out, 0, sizeof *out);
	if (window_minutes <= 0)
		window_minutes = LR_LIVENESS_WINDOW;
	if (!db_catalog(db, err))
		return -1;
	/* Other sessions on this database. A pool keeps its connections; a
	 * client that just disconnected (the previous lrprep command) leaves a
	 * backend that is gone within milliseconds: look again for up to 2.5 s
	 * before calling it a signal. */
	const char *others = NULL;
	switch (db_engine(db)) {
	case DB_MARIADB:
		others = "SELECT COUNT(*) FROM information_schema.PROCESSLIST "
			 "WHERE DB = DATABASE() AND ID <> CONNECTION_ID()";
		break;
	case DB_PGSQL:
		/* client connections only: the server's own autovacuum workers show
		 * up here too, on any database just loaded or pruned (backend_type
		 * since PostgreSQL 10; before it, their query says what they are) */
		others = pg_major(db) >= 10 ?
			 "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
			 "AND pid <> pg_backend_pid() AND backend_type = 'client backend'" :
			 "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
			 "AND pid <> pg_backend_pid() AND query NOT LIKE 'autovacuum:%'";
		break;
	case DB_SQLITE:
		break;
	}
	int64_t n = others ? count(db, others, NULL, 0) : 0;
	/* 10 ms, 20 ms, ... 1.28 s: 2.5 s in all, and a connection that
	 * closes within milliseconds costs milliseconds */
	for (long ms = 10; n > 0 && ms <= 1280; ms *= 2) {
		struct timespec ts = { ms / 1000, ms % 1000 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		n = count(db, others, NULL, 0);
	}
	if (n > 0)
		add(out, "%lld other connection(s) to this database (a portal's connection pool?)",
		    (long long)n);
	time_t now = time(NULL);
	char from[32], until[32], nowtxt[32];
	fmt_time(now - (time_t)window_minutes * 60, from, sizeof from);
	fmt_time(now + 86400, until, sizeof until);
	fmt_time(now, nowtxt, sizeof nowtxt);
	struct strbuf sql = STRBUF_INIT;
	for (size_t i = 0; i < sizeof recent / sizeof recent[0]; i++) {
		const char *t = db_table_name(db, recent[i].table);
		if (!t || !has_column(db, t, recent[i].column))
			continue;
		strbuf_reset(&sql);
		strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
		db_quote_ident(db, &sql, t);
		strbuf_addf(&sql, " WHERE %s >= ? AND %s < ?", recent[i].column, recent[i].column);
		struct db_value p[2] = { db_text(from), db_text(until) };
		n = count(db, sql.buf, p, 2);
		if (n > 0)
			add(out, "%lld row(s) of %s written in the last %d minutes (%s.%s)", (long long)n,
			    recent[i].what, window_minutes, t, recent[i].column);
	}
	const char *lk = db_table_name(db, "Lock_");
	if (lk && has_column(db, lk, "expirationDate")) {
		strbuf_reset(&sql);
		strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
		db_quote_ident(db, &sql, lk);
		strbuf_addstr(&sql, " WHERE expirationDate > ?");
		struct db_value p = db_text(nowtxt);
		n = count(db, sql.buf, &p, 1);
		if (n > 0)
			add(out, "%lld unexpired lock(s) in %s", (long long)n, lk);
	}
	const char *bt = db_table_name(db, "BackgroundTask");
	if (bt && has_column(db, bt, "status") && has_column(db, bt, "modifiedDate")) {
		strbuf_reset(&sql);
		strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
		db_quote_ident(db, &sql, bt);
		/* 1 = BackgroundTaskConstants.STATUS_IN_PROGRESS */
		strbuf_addstr(&sql, " WHERE status = 1 AND modifiedDate >= ?");
		struct db_value p = db_text(from);
		n = count(db, sql.buf, &p, 1);
		if (n > 0)
			add(out, "%lld background task(s) in progress (%s)", (long long)n, bt);
	}
	strbuf_release(&sql);
	return 0;
}
