/* On databases from `lrprep sample` (6.2, 7.0, 7.1) with planted staging
 * and Release_ conditions, apps and staging find exactly what the ground
 * truth (docs/ground-truth.md) lists: the staged sites (local, remote, the
 * live side of remote staging), their last publish dates, the changed pages,
 * article versions and document versions, the deletions and the failed
 * publication; and every Release_ row with its failed / unverified / pending
 * state. The truth has no section for page revisions and layout sets: those
 * are reported besides and not compared.
 *
 * One known difference, pinned exactly: on 7.x the sample leaves the private
 * page /internal of /marketing with lastPublishDate NULL although it predates
 * the publish, and the truth does not list it. Liferay 7.x counts a NULL
 * lastPublishDate as unpublished (StagingImpl.populateLastPublishDateCounts),
 * so lrprep reports it; the test adds exactly that row to the truth. */
#include "apps_testlib.h"
#include "liferay/apps.h"
#include "liferay/staging.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* ids of the site's changes from `table` (deleted: SystemEvent), sorted, deduplicated */
static int mine(const struct lr_stg_site *s, const char *table, int64_t *out)
{
	int n = 0;
	for (int i = 0; i < s->nch; i++)
		if (!strcmp(s->ch[i].table, table))
			out[n++] = s->ch[i].pk;
	qsort(out, (size_t)n, sizeof *out, cmp64);
	return n;
}

static int theirs(json_t *arr, const char *key, int64_t *out)
{
	int n = 0;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		int64_t id = json_integer_value(json_object_get(v, key));
		int dup = 0;
		for (int k = 0; k < n; k++)
			dup |= out[k] == id;
		if (!dup)
			out[n++] = id;
	}
	qsort(out, (size_t)n, sizeof *out, cmp64);
	return n;
}

static void same_ids(const struct lr_stg_site *s, const char *table, json_t *arr, const char *key,
		     int64_t extra)
{
	int64_t a[512], b[512];
	int na = mine(s, table, a), nb = theirs(arr, key, b);
	if (extra) {
		b[nb++] = extra;
		qsort(b, (size_t)nb, sizeof *b, cmp64);
	}
	print_message("%s %s: mine %d, truth %d\n", s->friendly_url, table, na, nb);
	assert_int_equal(na, nb);
	for (int i = 0; i < na; i++)
		assert_int_equal(a[i], b[i]);
}

static json_int_t ms_or_minus1(json_t *v)
{
	return json_is_integer(v) ? json_integer_value(v) : -1;
}

static void check_version(const char *line)
{
	char db[4200], truth[4300];
	snprintf(db, sizeof db, "%s/sample-%s.db", tl_tmpdir(), line);
	snprintf(truth, sizeof truth, "%s.truth.json", db);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "sample", "-o", db, "--truth", truth, "--liferay", line, "--no-store", NULL);
	if (rc != 0)
		fail_msg("sample %s: %s", line, strbuf_str(&err));
	json_error_t je;
	json_t *t = json_load_file(truth, 0, &je);
	assert_non_null(t);

	struct db *h = tl_open(db);
	struct lr_version v;
	ta_version(h, &v);
	struct lr_staging st;
	struct lr_err e = LR_ERR_INIT;
	if (lr_staging_analyze(h, &v, &st, &e) < 0)
		fail_msg("%s", e.msg);
	json_t *staged = json_object_get(t, "stagedSites"), *live = json_object_get(t, "remoteLiveSites");
	assert_int_equal(st.nsites, (int)(json_array_size(staged) + json_array_size(live)));
	size_t i;
	json_t *ts;
	json_array_foreach(staged, i, ts) {
		int64_t lg = json_integer_value(json_object_get(ts, "liveGroupId"));
		const struct lr_stg_site *s = NULL;
		for (int k = 0; k < st.nsites; k++)
			if (st.sites[k].live_group_id == lg)
				s = &st.sites[k];
		assert_non_null(s);
		assert_string_equal(lr_stg_kind_name(s->kind), json_string_value(json_object_get(ts, "type")));
		assert_int_equal(s->source_group_id, json_integer_value(json_object_get(ts, "sourceGroupId")));
		assert_string_equal(s->friendly_url, json_string_value(json_object_get(ts, "friendlyURL")));
		json_t *lp = json_object_get(ts, "lastPublishDate");
		assert_int_equal(s->last_publish[0], ms_or_minus1(json_object_get(lp, "public")));
		assert_int_equal(s->last_publish[1], ms_or_minus1(json_object_get(lp, "private")));
		int64_t internal = 0;
		if (st.is7 && s->last_publish[1] >= 0) {
			char sql[256];
			snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM Layout WHERE groupId = %lld AND "
				 "lastPublishDate IS NULL AND privateLayout = 1", (long long)s->source_group_id);
			if (tl_int(h, sql) == 1) {
				snprintf(sql, sizeof sql, "SELECT plid FROM Layout WHERE groupId = %lld AND "
					 "lastPublishDate IS NULL AND privateLayout = 1 AND friendlyURL = '/internal'",
					 (long long)s->source_group_id);
				internal = tl_int(h, sql);
				assert_true(internal != 0);
			}
		}
		same_ids(s, "Layout", json_object_get(ts, "changedLayouts"), "plid", internal);
		same_ids(s, "JournalArticle", json_object_get(ts, "changedArticles"), "id", 0);
		same_ids(s, "DLFileVersion", json_object_get(ts, "changedDocuments"), "fileVersionId", 0);
		same_ids(s, "DLFileEntry", json_object_get(ts, "changedDocuments"), "fileEntryId", 0);
		same_ids(s, "SystemEvent", json_object_get(ts, "deletions"), "systemEventId", 0);
		if (st.is7 && !strcmp(s->friendly_url, "/marketing"))
			assert_true(internal != 0);
		/* nothing else than what the truth covers, page revisions and layout sets */
		for (int k = 0; k < s->nch; k++) {
			const char *tb = s->ch[k].table;
			if (strcmp(tb, "Layout") && strcmp(tb, "JournalArticle") && strcmp(tb, "DLFileVersion") &&
			    strcmp(tb, "DLFileEntry") && strcmp(tb, "SystemEvent") && strcmp(tb, "LayoutRevision") &&
			    strcmp(tb, "LayoutSet"))
				fail_msg("%s: unexpected %s change %lld", s->friendly_url, tb, (long long)s->ch[k].pk);
		}
		int64_t failed[16];
		int nf = 0;
		size_t j;
		json_t *bt;
		json_array_foreach(json_object_get(ts, "backgroundTasks"), j, bt)
			if (json_integer_value(json_object_get(bt, "status")) == 2)
				failed[nf++] = json_integer_value(json_object_get(bt, "backgroundTaskId"));
		assert_int_equal(s->ntasks, nf);
		for (int k = 0; k < nf; k++) {
			assert_int_equal(s->tasks[k].id, failed[k]);
			assert_int_equal(s->tasks[k].status, 2);
		}
		assert_int_equal(nf > 0, json_is_true(json_object_get(ts, "failedPublication")));
	}
	json_array_foreach(live, i, ts) {
		int64_t g = json_integer_value(json_object_get(ts, "groupId"));
		const struct lr_stg_site *s = NULL;
		for (int k = 0; k < st.nsites; k++)
			if (st.sites[k].live_group_id == g)
				s = &st.sites[k];
		assert_non_null(s);
		assert_int_equal(s->kind, LR_STG_REMOTE_LIVE);
		assert_int_equal(s->remote_staging_count,
				 json_integer_value(json_object_get(ts, "remoteStagingGroupCount")));
		assert_string_equal(s->friendly_url, json_string_value(json_object_get(ts, "friendlyURL")));
	}
	lr_staging_free(&st);

	struct lr_apps a;
	if (lr_apps_analyze(h, &v, &a, &e) < 0)
		fail_msg("%s", e.msg);
	json_t *apps = json_object_get(t, "apps");
	assert_int_equal(a.nrel, (int)json_array_size(apps) + 1);
	json_array_foreach(apps, i, ts) {
		const char *name = json_string_value(json_object_get(ts, "servletContextName"));
		const struct lr_release *r = NULL;
		for (int k = 0; k < a.nrel; k++)
			if (!strcmp(a.rel[k].name, name))
				r = &a.rel[k];
		assert_non_null(r);
		assert_int_equal(r->build, json_integer_value(json_object_get(ts, "buildNumber")));
		json_t *sv = json_object_get(ts, "schemaVersion");
		if (json_is_string(sv))
			assert_string_equal(r->schema, json_string_value(sv));
		else
			assert_null(r->schema);
		int failed = json_is_true(json_object_get(ts, "failed"));
		int pending = json_is_true(json_object_get(ts, "pending"));
		assert_int_equal(r->state != 0, failed);
		assert_int_equal(!r->verified, json_is_true(json_object_get(ts, "unverified")));
		assert_int_equal(r->sev == LR_SEV_ERROR, failed || pending);
		if (pending)
			assert_string_equal(r->status, "upgrade stopped mid-way");
		if (failed && r->state == 1)
			assert_string_equal(r->status, "failed upgrade");
	}
	assert_int_equal(a.worst, LR_SEV_ERROR);
	lr_apps_free(&a);
	db_close(h);
	json_decref(t);
	strbuf_release(&out);
	strbuf_release(&err);
}

static void sample_62(void **s) { (void)s; check_version("6.2"); }
static void sample_70(void **s) { (void)s; check_version("7.0"); }
static void sample_71(void **s) { (void)s; check_version("7.1"); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_62),
		cmocka_unit_test(sample_70),
		cmocka_unit_test(sample_71),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
