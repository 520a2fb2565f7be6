/* Applying a plan (docs/plan.md) to a database: validation, the re-check of
 * every object on the target, seeding the cascade, the store files. */
#ifndef LR_PRUNE_APPLY_H
#define LR_PRUNE_APPLY_H
#include <jansson.h>
#include "../db/db.h"
#include "../liferay/version.h"
#include "cascade.h"

/* Load and validate a plan file: JSON syntax (file:line:col), planVersion,
 * every object's kind, table and key (scalars only). LR_EXIT_USAGE on error. */
int plan_load(const char *path, json_t **plan, struct lr_err *err);

/* Re-check: compute a fresh plan on the target with the plan's own options;
 * refuse a plan of another database (fingerprint), and split the objects into
 * `apply` (still selected, same identity) and `skipped` ({object, why}).
 * Both arrays are new references. */
int plan_recheck(struct db *db, const struct lr_version *v, const json_t *plan, json_t **apply,
		 json_t **skipped, struct lr_err *err);

/* Seed the cascade with the objects to apply (set-based: keys go to a
 * temporary table per object table). */
int plan_seed(struct cascade *c, struct db *db, const json_t *objects, struct lr_err *err);

/* Store files of every doomed document version: relative path list
 * ("companyId/repositoryId/name/version", or AdvancedFileSystemStore form). */
int plan_doomed_files(struct cascade *c, struct db *db, int advanced, json_t *paths, struct lr_err *err);
#endif
