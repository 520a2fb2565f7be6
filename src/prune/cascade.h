/* The cascade: which rows go with the planned objects. Set-based: the keys of
 * doomed rows are materialised per table in temporary tables, seeded by the
 * plan, then grown to a fixpoint over the relation table
 * (src/liferay/relations.c, shared with the orphan checks) and the
 * groupId/companyId catalog sweep. A child row is doomed only when no
 * surviving parent row still matches it: deleting one web content version
 * never takes the article's asset, which all versions share.
 * Nothing is deleted until cascade_delete(), which journals everything. */
#ifndef LR_PRUNE_CASCADE_H
#define LR_PRUNE_CASCADE_H
#include <jansson.h>
#include "../db/db.h"
#include "../liferay/classnames.h"
#include "../liferay/version.h"
#include "delete.h"
#include "journal.h"

struct cascade;

int cascade_new(struct db *db, const struct lr_version *v, struct cascade **out, struct lr_err *err);
void cascade_free(struct cascade *c); /* drops the temporary tables */

/* Doom the rows of table matching pred (SQL over the table's columns with
 * `?` parameters; columns written [name] are resolved through the catalog).
 * A missing table or column dooms nothing. */
int cascade_seed(struct cascade *c, const char *table, const char *pred, const struct db_value *p,
		 int np, struct lr_err *err);
/* Grow to the fixpoint. */
int cascade_expand(struct cascade *c, struct lr_err *err);
/* {"Table": rows, ...} of doomed rows, biggest first. Caller owns. */
json_t *cascade_counts(struct cascade *c, struct lr_err *err);
/* Is anything in `table` doomed, and the SQL predicate "(pk) IN (doomed)"
 * over that table's unaliased columns (for joins: NULL if nothing). */
const char *cascade_pred(struct cascade *c, const char *table);
/* Delete everything doomed, children before parents, journaled. Per-table
 * deleted counts are added to `deleted` ({"Table": n}). */
int cascade_delete(struct cascade *c, struct journal *j, const struct delete_opts *o, json_t *deleted,
		   struct lr_err *err);
/* After cascade_delete: [{"id", "count", "title"}] of rows still pointing
 * at a removed row, probing only the removed keys (relations whose parent
 * column is the parent's primary key). Caller owns; NULL on error. */
json_t *cascade_dangling(struct cascade *c, struct lr_err *err);
#endif
