/* More helpers for the prune acceptance tests (server scratch databases,
 * per-row survivor proofs, lrprep runs whose failure is the point). */
#ifndef LR_PRUNETEST2_H
#define LR_PRUNETEST2_H
#include "prunetest.h"

/* Row hashes of every table: per table, the sorted multiset of each row's
 * XXH3-64 over its canonical values (the definition of db/checksum.h), so
 * that the sum of a table's hashes is its checksum. */
struct pt2_rows;
struct pt2_rows *pt2_rows_take(struct db *db);
void pt2_rows_free(struct pt2_rows *r);
/* Survivors untouched: for every table of `before`, the rows of `after` are
 * a sub-multiset of those of `before` (each surviving row identical to an
 * original row), and before - after equals what the prune reported for the
 * table (`reported`: {"Table": n}, missing = 0). Returns the total removed. */
long long pt2_assert_survivors(const struct pt2_rows *before, const struct pt2_rows *after,
			       const json_t *reported);

/* Fail with the first differing table when two pt_checksums() differ. */
void pt2_assert_checksums(const json_t *want, const json_t *got, const char *what);
/* Sum of the integer values of an object ({"Table": n}). */
long long pt2_total(const json_t *counts);

/* Scratch databases on the test servers (root over the socket for MariaDB,
 * the test user for PostgreSQL). */
void pt2_mysql_recreate(const char *name);          /* drop if any, create empty */
void pt2_mysql_clone(const char *src, const char *dst); /* dst := copy of src */
void pt2_mysql_drop(const char *name);
void pt2_pg_recreate(const char *name);
void pt2_pg_drop(const char *name);

/* Run lrprep; returns the exit code (-1 if killed by a signal); stdout and
 * stderr into out/err when non-NULL. */
int pt2_run(struct strbuf *out, struct strbuf *err, const char *arg0, ...);
/* Number of entries named batch-*.rows.zst in a journal dir (0 if none). */
int pt2_journal_batches(const char *dir);
/* Objects of a plan file whose action is not a removal ("reassign"): prune
 * lists them as skipped, "byDesign": true, and they do not make it exit 1. */
int pt2_plan_kept_by_action(const char *plan);
/* Exactly `want` entries of a prune's skipped list are "byDesign". */
void pt2_assert_skipped_by_action(const json_t *skipped, int want);

/* The server round trip: sample --into uri (store in the temp dir), plan,
 * prune; every orphan check at zero, survivors untouched, the reported
 * counts exact; undo (twice) gives back every checksum and store file. */
void pt2_roundtrip(const char *uri, const char *tag, const char *version, const char *seed, const char *layout);
/* Crash test: restore(ctx) resets `target` to its pristine state; one
 * uncrashed prune (--batch 25) counts the batches B; then `runs` runs, each
 * killed (SIGKILL, LRPREP_TEST_CRASH_AT) at a distinct point of 1..3B chosen
 * from a fixed seed, followed by undo: every checksum and store file must be
 * back to the original. */
void pt2_crash_test(const char *target, const char *store, void (*restore)(void *), void *ctx, int runs);
#endif
