/* Helpers shared by the prune end-to-end tests. */
#ifndef LR_PRUNETEST_H
#define LR_PRUNETEST_H
#include "testlib.h"
#include <jansson.h>

/* Per-table checksums of every table: {"Table": "rows:hex"}. Caller owns. */
json_t *pt_checksums(struct db *db);
/* Run lrprep with args; assert the exit code; return stdout parsed as JSON
 * when json != 0 (caller owns), else NULL. */
json_t *pt_run(int expect_rc, int json, const char *arg0, ...);
/* Rows of orphan.* findings in an inspect --json report, except orphan.userid
 * (content of removed users is kept on purpose). */
long long pt_orphans(const json_t *inspect);
/* Shell command; fails the test on a non-zero status. */
void pt_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
