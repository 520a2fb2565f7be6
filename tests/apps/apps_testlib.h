/* Helpers of the apps/staging tests: SQLite copies of the MariaDB fixture
 * databases (fx_*), made through the db interface, and the Liferay version
 * of a database. */
#ifndef LR_APPS_TESTLIB_H
#define LR_APPS_TESTLIB_H
#include "testlib.h"
#include "liferay/version.h"

/* SQLite copy of MariaDB database fx_<fixture> (every table, every row), at
 * tl_tmpdir()/<name>.db; made once per test process. Skips without a server. */
const char *ta_fixture_copy(const char *fixture, const char *name);
/* URI of the fixture's database on the test MariaDB server (fx_*). */
const char *ta_fixture_uri(const char *fixture, char *buf, size_t n);
/* A scratch copy of fx_<fixture> on the MariaDB server, database t_apps_<name>
 * (dropped and re-created), made through the db interface. Returns its URI. */
const char *ta_scratch_mariadb(const char *fixture, const char *name, char *buf, size_t n);
/* lr_version_detect, failing the test on error. */
void ta_version(struct db *db, struct lr_version *v);
/* Run SQL with parameters, failing the test on error. */
void ta_exec(struct db *db, const char *sql, const struct db_value *p, int np);
#endif

/* SQL with {Table} written for the real spelling of a Liferay table in db,
 * quoted for the engine; then executed with parameters (test fails on error). */
void ta_sql(struct db *db, const char *tmpl, const struct db_value *p, int np);
/* Copy the rows of `table` WHERE where_col = where_val, with the columns in
 * set[] replaced: expr (an SQL expression such as "plid + 1000000") or,
 * when expr is NULL, the bound value val. Returns the rows copied. */
struct ta_set {
	const char *col;
	const char *expr;
	struct db_value val;
};
int64_t ta_copy_rows(struct db *db, const char *table, const char *where_col, int64_t where_val,
		     const struct ta_set *set, int nset);
