/* Shared test helpers. Tests that need a server or the fixtures skip when
 * they are absent, unless LRPREP_TEST_REQUIRE=1 (set by tests/run in CI),
 * where absence is a failure: CI must never pass by skipping. */
#ifndef LR_TESTLIB_H
#define LR_TESTLIB_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "db/db.h"
#include "util/strbuf.h"

/* Path of a fixture file (e.g. "lr62-mysql-juyee.sql.xz"); skips/fails if absent.
 * Returned string is static storage, overwritten by the next call. */
const char *tl_fixture(const char *name);
/* Source tree root (LRPREP_SRC). */
const char *tl_src(void);
/* URIs of the test servers, or skip/fail. */
const char *tl_mysql_uri(void);  /* LRPREP_TEST_MYSQL_URI, e.g. mariadb://root@localhost/?socket=/tmp/x/sock */
const char *tl_pg_uri(void);     /* LRPREP_TEST_PG_URI */
/* Fixtures pre-loaded into MariaDB by tests/lib/servers.sh: database name of a
 * fixture file ("lr62-mysql-juyee.sql.xz" -> "fx_lr62_mysql_juyee"). */
const char *tl_fixture_dbname(const char *fixture, char *buf, size_t n);
/* URI of a database on the test MariaDB/PostgreSQL server. */
const char *tl_mysql_db_uri(const char *dbname, char *buf, size_t n);
const char *tl_pg_db_uri(const char *dbname, char *buf, size_t n);
/* TCP port of the test server (from its URI; tests/run picks free ports). */
int tl_mysql_port(void);
int tl_pg_port(void);
/* Arguments for the engine's own client reaching the test server:
 * "-h127.0.0.1 -PPORT -ulrprep -plrtest" / "-h 127.0.0.1 -p PORT -U lrprep"
 * (static storage, overwritten by the next call). */
const char *tl_mysql_client_args(void);
const char *tl_pg_client_args(void);
/* A fresh temp directory for this test (removed at exit). */
const char *tl_tmpdir(void);
/* Run the lrprep binary with args (NULL-terminated); capture stdout (and stderr
 * into err if non-NULL). Returns the exit code, or -1 if it died by a signal. */
int tl_run(struct strbuf *out, struct strbuf *err, const char *arg0, ...);
int tl_runv(struct strbuf *out, struct strbuf *err, const char *const *argv);
/* Open a DB from a URI or SQLite path, failing the test on error. */
struct db *tl_open(const char *uri_or_path);
/* One integer from SQL, failing the test on error. */
int64_t tl_int(struct db *db, const char *sql);
/* Skip (or fail under LRPREP_TEST_REQUIRE=1) with a reason. */
void tl_unavailable(const char *what);
#endif
