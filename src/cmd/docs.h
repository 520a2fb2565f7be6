/* The JSON documents of inspect, apps and staging, shared by their commands
 * and by report: one builder each, in the command's own file, so `lrprep
 * report` embeds exactly what `--json` of each command prints
 * (docs/json-schema.md). The caller owns the returned document. */
#ifndef LR_CMD_DOCS_H
#define LR_CMD_DOCS_H
#include <jansson.h>
#include "../util/error.h"

struct db;
struct checks_opts;
struct lr_version;
struct lr_apps;
struct lr_staging;

/* inspect.c: database, Liferay version, tables, companies, sites, Release_,
 * the findings of the checks co selects, counts and verdict. source is the
 * database as the user named it (without its password). NULL on error (err
 * set). */
json_t *inspect_doc(struct db *db, const struct lr_version *v, const char *source,
		    const struct checks_opts *co, struct lr_err *err);
/* apps.c: Release_ rows, ServiceComponents, findings, Gogo commands, counts. */
json_t *apps_doc(const struct lr_version *v, const struct lr_apps *a);
/* staging.c: staged sites with their changes and publications, findings
 * (one per site and kind of change), counts. */
json_t *staging_doc(const struct lr_version *v, const struct lr_staging *st);
#endif
