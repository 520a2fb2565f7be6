/* Shared by the staging scenario tests: make a site of a real fixture staged
 * exactly as Liferay writes it (liferay-domain.md §4) and compare what
 * lr_staging_analyze finds with the expected changes, in order. */
#ifndef LR_STAGING_SCENARIO_H
#define LR_STAGING_SCENARIO_H
#include "apps_testlib.h"
#include "liferay/staging.h"
#include <stdio.h>
#include <string.h>

#define T_PUB_MS 1704067200000LL /* 2024-01-01 00:00:00 UTC: the last publish */

struct want_change {
	const char *type;
	const char *title;
	const char *who;
	const char *when;
	const char *why;
};

/* Local staging of live group `live`: the staging Group_ row (copied from the
 * live row as GroupLocalServiceImpl.addGroup does: liveGroupId, name +
 * " (Staging)", friendlyURL + "-staging", classPK = its own id, site = 0),
 * staged=true and the staged-portlet_ keys on the live row, and the staging
 * group's two LayoutSets with last-publish-date (ms < 0: never published). */
static inline void stage_locally(struct db *db, int64_t live, int64_t stg, const char *name,
				 const char *furl, const char *portlet_keys, int64_t pub_ms,
				 const char *ls_modified)
{
	char treepath[64], ts[2048];
	snprintf(treepath, sizeof treepath, "/%lld/", (long long)stg);
	struct ta_set gs[] = {
		{ "groupId", NULL, db_int(stg) },     { "classPK", NULL, db_int(stg) },
		{ "liveGroupId", NULL, db_int(live) }, { "treePath", NULL, db_text(treepath) },
		{ "name", NULL, db_text(name) },      { "friendlyURL", NULL, db_text(furl) },
		{ "site", "0", { 0 } },               { "uuid_", "NULL", { 0 } },
		{ "groupKey", NULL, db_text(name) },
	};
	assert_int_equal(ta_copy_rows(db, "Group_", "groupId", live, gs, 9), 1);
	/* UnicodeProperties.toString(): the new keys join the existing ones */
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT typeSettings FROM %s WHERE groupId = %lld",
		 db_table_name(db, "Group_"), (long long)live);
	struct db_cursor *c;
	struct lr_err err = LR_ERR_INIT;
	if (db_query(db, sql, NULL, 0, &c, &err) < 0 || db_next(c, &err) != 1)
		fail_msg("%s: %s", sql, err.msg);
	const char *old = db_get_text(c, 0);
	snprintf(ts, sizeof ts, "%sstaged=true\nstagedRemotely=false\nbranchingPublic=false\n"
				"branchingPrivate=false\n%s", old ? old : "", portlet_keys);
	db_cursor_close(c);
	struct db_value p[2] = { db_text(ts), db_int(live) };
	ta_sql(db, "UPDATE {Group_} SET typeSettings = ? WHERE groupId = ?", p, 2);
	for (int pl = 0; pl < 2; pl++) {
		char settings[128] = "";
		if (pub_ms >= 0)
			snprintf(settings, sizeof settings, "last-publish-date=%lld\n", (long long)pub_ms);
		struct db_value v[5] = { db_int(stg * 10 + pl), db_int(stg), db_text(ls_modified),
					 db_int(pl), db_text(settings) };
		ta_sql(db, "INSERT INTO {LayoutSet} (layoutSetId, groupId, companyId, createDate, "
			   "modifiedDate, privateLayout, settings_, pageCount, layoutSetPrototypeLinkEnabled) "
			   "VALUES (?, ?, 0, '2023-06-01 00:00:00', ?, ?, ?, 0, 0)", v, 5);
	}
}

static inline void expect_changes(const struct lr_stg_site *s, const struct want_change *w, int n)
{
	for (int i = 0; i < s->nch; i++)
		print_message("change %s | %s | %s | %s | %s\n", s->ch[i].type, s->ch[i].title,
			      s->ch[i].who, s->ch[i].when, s->ch[i].why);
	assert_int_equal(s->nch, n);
	for (int i = 0; i < n; i++) {
		assert_string_equal(s->ch[i].type, w[i].type);
		assert_string_equal(s->ch[i].title, w[i].title);
		assert_string_equal(s->ch[i].who, w[i].who);
		assert_string_equal(s->ch[i].when, w[i].when);
		assert_string_equal(s->ch[i].why, w[i].why);
	}
}

static inline struct lr_stg_site *site_of(struct lr_staging *st, int64_t live)
{
	for (int i = 0; i < st->nsites; i++)
		if (st->sites[i].live_group_id == live)
			return &st->sites[i];
	fail_msg("no staged site for group %lld", (long long)live);
	return NULL;
}
#endif
