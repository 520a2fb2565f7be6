/* Snapshots (docs/check.md): what a database looked like before a prune, and
 * what changed since. Written by `lrprep snapshot`, read by `check --before`. */
#ifndef LR_CHECKS_SNAPSHOT_H
#define LR_CHECKS_SNAPSHOT_H
#include <jansson.h>
#include "../db/db.h"
#include "../liferay/version.h"

#define SNAPSHOT_FORMAT "lrprep-snapshot"
#define SNAPSHOT_FORMAT_VERSION 2 /* 2: checksum definition 2 */
/* A key table whose key set needs more ranges than this keeps only hash
 * buckets: still bounded, still tells that keys vanished, no longer which. */
#define SNAPSHOT_MAX_RANGES 200000
#define SNAPSHOT_BUCKETS 1024

/* Take a snapshot (caller owns *out). */
int snapshot_take(struct db *db, const struct lr_version *v, json_t **out, struct lr_err *err);

/* Load a snapshot file, or a prune journal directory (its meta.json: the
 * rows the prune computed per table, no key sets). Caller owns *out. */
int snapshot_load(const char *path, json_t **out, struct lr_err *err);

/* Compare snapshot `before` with the database now; plan (may be NULL) names
 * what was meant to go. Appends findings (checks.h format, ids "changed.*")
 * to `findings` and fills `diff` (an object: tables, vanished, displayed). */
int snapshot_diff(struct db *db, const struct lr_version *v, const json_t *before, const json_t *plan,
		  json_t *findings, json_t *diff, struct lr_err *err);
/* Parts of a snapshot, shared with the diff (caller owns *out). */
int snapshot_displayed(struct db *db, json_t **out, struct lr_err *err);
int snapshot_orphans(struct db *db, const struct lr_version *v, json_t **out, struct lr_err *err);
/* Key set of the i-th key table (NULL when absent); SNAPSHOT_NKEY tables. */
int snapshot_key_set(struct db *db, int i, const char **table, json_t **out, struct lr_err *err);
#define SNAPSHOT_NKEY 17
/* SQL from a template: {Table} and [Table.col] become the real, quoted
 * names. 0, or 1 when one is absent (nothing appended is usable then). */
int snapshot_sql(struct db *db, struct strbuf *sb, const char *tmpl);
#endif
