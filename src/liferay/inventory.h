/* What a Liferay database holds, for `lrprep inspect`: every table with its
 * exact row count and size, the companies, the sites with their content, and
 * the Release_ summary. Each function adds its part to a JSON report object
 * (docs/json-schema.md) so text and JSON output render the same data.
 * All counts are set-based (one GROUP BY query per table, never per site). */
#ifndef LR_LIFERAY_INVENTORY_H
#define LR_LIFERAY_INVENTORY_H
#include <jansson.h>
#include "../db/db.h"
#include "version.h"

/* "tableCount", "totalRows", "totalBytes", "shareOf", "tables" (sorted by
 * size, then rows) and "rowCounts" (core tables under their Liferay names). */
int inventory_tables(struct db *db, json_t *report, struct lr_err *err);
/* "companies": companyId, webId, name, sites, users. */
int inventory_companies(struct db *db, json_t *report, struct lr_err *err);
/* "sites" and "groupsNotListed". */
int inventory_sites(struct db *db, const struct lr_version *v, json_t *report, struct lr_err *err);
/* "release": rows, failed, unverified and the names of those rows. */
int inventory_release(struct db *db, json_t *report, struct lr_err *err);

/* The default-language value of a Liferay localized XML field
 * (<root default-locale="en_US"><Name language-id="en_US">Guest</Name></root>),
 * or a copy of s when it is plain text. NULL in, NULL out. Caller frees. */
char *lr_localized_value(const char *s);
/* A JSON string of database text: NULL -> null; bytes that are not UTF-8
 * are read as Latin-1 (jansson refuses invalid UTF-8). */
json_t *lr_json_text(const char *s);
#endif
