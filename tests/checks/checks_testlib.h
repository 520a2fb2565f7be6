/* Helpers of the checks tests: copy a database through the db interface
 * (db_create_table + db_load_*), run the checks, and read findings. */
#ifndef LR_TEST_CHECKS_TESTLIB_H
#define LR_TEST_CHECKS_TESTLIB_H
#include <jansson.h>
#include "db/db.h"
#include "checks/checks.h"

/* The seven MySQL fixtures loaded in MariaDB. */
extern const char *const ct_fixtures[];
extern const int ct_nfixtures;

/* Copy every table of src (or only `tables`, NULL-terminated) into dst,
 * keeping spelling, declared types (translated by ddl) and primary keys. */
void ct_copy(struct db *src, struct db *dst, const char *const *tables);
/* A fresh PostgreSQL database (dropped first) on the test server. */
struct db *ct_pg_fresh(const char *dbname);
/* A fresh MariaDB database (dropped first) on the test server. */
struct db *ct_my_fresh(const char *dbname);
/* A fresh SQLite file in the test's temp directory. */
struct db *ct_sqlite_fresh(const char *name);
/* Detect the version (or zero it) and run every check; fails the test on error. */
json_t *ct_run(struct db *db, const struct checks_opts *o);
/* The finding with this id, or NULL. */
const json_t *ct_finding(const json_t *findings, const char *id);
/* Its count, 0 when absent. */
int64_t ct_count(const json_t *findings, const char *id);
/* Number of internal.check-failed findings (their messages are printed). */
int ct_failed(const json_t *findings);
/* Run SQL statements (NULL-terminated), failing the test on error. */
void ct_exec(struct db *db, const char *const *sql);
/* Every row of a check (not just samples), as "v1|v2|..." lines sorted, via
 * checks_collect; the caller frees with json_decref (array of strings). */
json_t *ct_rows(struct db *db, const char *id, const struct checks_opts *o);
#endif
