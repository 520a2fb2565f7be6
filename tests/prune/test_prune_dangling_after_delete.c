/* After the cascade's deletes, rows still pointing at a removed row are found
 * by probing the removed keys only: none after a complete cascade, exactly
 * the rows a writer added meanwhile otherwise (on the generated sample). */
#include "prunetest.h"
#include "liferay/version.h"
#include "prune/cascade.h"
#include "prune/journal.h"
#include <stdio.h>
#include <string.h>

#define OK(call) do { if ((call) < 0) fail_msg("%s: %s", #call, err.msg); } while (0)

static long long count_of(const json_t *found, const char *id)
{
	size_t i;
	json_t *f;
	json_array_foreach(found, i, f)
		if (!strcmp(json_string_value(json_object_get(f, "id")), id))
			return json_integer_value(json_object_get(f, "count"));
	return 0;
}

static void dangling_probes_removed_keys(void **state)
{
	(void)state;
	char path[4200], jdir[4200];
	snprintf(path, sizeof path, "%s/d.db", tl_tmpdir());
	snprintf(jdir, sizeof jdir, "%s/journal", tl_tmpdir());
	pt_run(0, 0, "sample", "-o", path, "--force", "--no-store", "--truth", "/dev/null", NULL);
	struct db *db = tl_open(path);
	struct lr_err err = LR_ERR_INIT;
	struct lr_version v;
	OK(lr_version_detect(db, &v, &err));

	/* a page with portlet preferences: the cascade takes them with it */
	int64_t plid = 0, prefs = 0;
	OK(db_query_int(db, "SELECT plid FROM PortletPreferences WHERE plid <> 0 GROUP BY plid"
			    " ORDER BY COUNT(*) DESC, plid LIMIT 1", NULL, 0, &plid, &err));
	struct db_value p = db_int(plid);
	OK(db_query_int(db, "SELECT COUNT(*) FROM PortletPreferences WHERE plid = ?", &p, 1, &prefs, &err));
	assert_true(plid > 0 && prefs > 0);

	struct cascade *c;
	OK(cascade_new(db, &v, &c, &err));
	OK(cascade_seed(c, "Layout", "[plid] = ?", &p, 1, &err));
	OK(cascade_expand(c, &err));
	json_t *meta = json_pack("{s:i}", "format", 1);
	struct journal *j;
	OK(journal_create(jdir, meta, &j, &err));
	json_decref(meta);
	json_t *deleted = json_object();
	OK(cascade_delete(c, j, NULL, deleted, &err));
	assert_int_equal(json_integer_value(json_object_get(deleted, "Layout")), 1);
	assert_int_equal(json_integer_value(json_object_get(deleted, "PortletPreferences")), prefs);

	/* complete cascade: nothing points at the removed page */
	json_t *found = cascade_dangling(c, &err);
	assert_non_null(found);
	assert_int_equal(count_of(found, "orphan.portletpreferences.plid"), 0);
	json_decref(found);

	/* a writer adds two preferences for the removed page and one for a live one */
	OK(db_exec(db, "INSERT INTO PortletPreferences (portletPreferencesId, ownerId, ownerType, plid, portletId)"
		       " VALUES (990001, 0, 3, ?, 'x'), (990002, 0, 3, ?, 'y')",
		   (struct db_value[]){ p, p }, 2, NULL, &err));
	OK(db_exec(db, "INSERT INTO PortletPreferences (portletPreferencesId, ownerId, ownerType, plid, portletId)"
		       " SELECT 990003, 0, 3, MIN(plid), 'z' FROM Layout", NULL, 0, NULL, &err));
	found = cascade_dangling(c, &err);
	assert_non_null(found);
	assert_int_equal(count_of(found, "orphan.portletpreferences.plid"), 2);
	json_decref(found);

	json_decref(deleted);
	cascade_free(c);
	journal_close(j);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(dangling_probes_removed_keys) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
