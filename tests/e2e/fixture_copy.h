/* Build a Liferay database on another engine from a fixture's own rows:
 * the named tables are created in dst (same spelling, types from the
 * column kinds) and every row is streamed over through the db interface. */
#ifndef LR_TEST_FIXTURE_COPY_H
#define LR_TEST_FIXTURE_COPY_H
#include <jansson.h>
#include "db/db.h"

/* Returns the number of tables copied (those that exist in src). */
int fc_copy_tables(struct db *src, struct db *dst, const char *const *tables, int n);
/* The core tables inspect reads (Release_, Company, Account_, ClassName_,
 * Group_, Layout, User_, Users_Groups, Users_Orgs, Organization_,
 * LayoutPrototype, LayoutSetPrototype, JournalArticle,
 * DLFileEntry, DLFileVersion, AssetEntry, ResourcePermission). */
extern const char *const fc_core_tables[];
extern const int fc_ncore_tables;
/* Run `lrprep inspect TARGET --json`, check the exit code is 0-2 and equals
 * exitCode, and return the parsed report (caller json_decref). */
json_t *fc_inspect_json(const char *target);
/* The site with this friendly URL in the report, failing the test if absent. */
const json_t *fc_site(const json_t *doc, const char *friendly_url);
/* Assert a site's counts: pages, articles, articleVersions, documents,
 * documentVersions, users, and the first 19 characters of lastModified. */
void fc_assert_site(const json_t *site, const char *type, int64_t pages, int64_t articles, int64_t versions,
		    int64_t docs, int64_t doc_versions, int64_t users, const char *last_modified);
#endif
