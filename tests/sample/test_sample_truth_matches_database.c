/* The ground truth agrees with the database, checked by queries written
 * here independently of the generator: row counts, every planted orphan
 * (its row exists, what it points at does not), the intermediate versions
 * recomputed from the rule, unused sites/pages/users, staged sites and
 * their changes since the last publish. The fixed part of the truth has
 * exact counts that do not depend on the seed. */
#include "sample_test.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <time.h>

static void fmt(int64_t epoch, char *buf)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static int64_t q1(struct db *db, const char *sql, const struct db_value *p, int n)
{
	struct lr_err err = LR_ERR_INIT;
	int64_t v = 0;
	if (db_query_int(db, sql, p, n, &v, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
	return v;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

struct ids {
	int64_t *v;
	size_t n, cap;
};

static void push(struct ids *s, int64_t x)
{
	XGROW(s->v, s->cap, s->n + 1);
	s->v[s->n++] = x;
}

static void assert_same_ids(struct ids *a, struct ids *b, const char *what)
{
	qsort(a->v, a->n, sizeof *a->v, cmp64);
	qsort(b->v, b->n, sizeof *b->v, cmp64);
	if (a->n != b->n)
		fail_msg("%s: %zu in the truth, %zu recomputed", what, a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i] != b->v[i])
			fail_msg("%s: truth has %lld, recomputed %lld", what, (long long)a->v[i],
				 (long long)b->v[i]);
}

static void check_table_counts(struct db *db, json_t *truth)
{
	json_t *tables = json_object_get(truth, "tables");
	const char *name;
	json_t *v;
	int64_t total = 0;
	json_object_foreach(tables, name, v) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
		db_quote_ident(db, &sql, name);
		int64_t n = q1(db, sql.buf, NULL, 0);
		if (n != json_integer_value(v))
			fail_msg("%s: %lld rows, truth says %lld", name, (long long)n,
				 (long long)json_integer_value(v));
		total += n;
		strbuf_release(&sql);
	}
	assert_int_equal(total, json_integer_value(json_object_get(truth, "totalRows")));
}

static void check_orphans(struct db *db, json_t *truth)
{
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(truth, "orphans"), i, o) {
		const char *table = json_string_value(json_object_get(o, "table"));
		json_t *key = json_object_get(o, "key");
		struct strbuf sql = STRBUF_INIT;
		struct db_value p[4];
		int np = 0;
		strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
		db_quote_ident(db, &sql, table);
		const char *k;
		json_t *kv;
		json_object_foreach(key, k, kv) {
			strbuf_addstr(&sql, np ? " AND " : " WHERE ");
			db_quote_ident(db, &sql, k);
			strbuf_addstr(&sql, " = ?");
			p[np++] = db_int(json_integer_value(kv));
		}
		if (q1(db, sql.buf, p, np) != 1)
			fail_msg("orphan row missing: %s", sql.buf);
		strbuf_release(&sql);

		/* what it points at must not exist */
		const char *refs = json_string_value(json_object_get(o, "references"));
		const char *dot = strchr(refs, '.');
		if (!dot || !strncmp(refs, "the ", 4))
			continue;
		char rt[64], rc[64];
		snprintf(rt, sizeof rt, "%.*s", (int)(dot - refs), refs);
		snprintf(rc, sizeof rc, "%.*s", (int)strcspn(dot + 1, " "), dot + 1);
		json_t *val = json_object_get(o, "value");
		struct db_value pv = json_is_string(val) ? db_text(json_string_value(val)) :
					db_int(json_integer_value(val));
		strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
		db_quote_ident(db, &sql, rt);
		strbuf_addstr(&sql, " WHERE ");
		db_quote_ident(db, &sql, rc);
		strbuf_addstr(&sql, " = ?");
		if (strstr(refs, " or id_"))
			strbuf_addstr(&sql, " OR id_ = ?");
		struct db_value pp[2] = { pv, pv };
		if (q1(db, sql.buf, pp, strstr(refs, " or id_") ? 2 : 1) != 0)
			fail_msg("orphan %s of %s points at something that exists: %s",
				 json_string_value(json_object_get(o, "kind")), table, sql.buf);
		strbuf_release(&sql);
	}
}

/* Recompute the intermediate web content versions from the documented rule. */
static void check_intermediate_articles(struct db *db, json_t *truth, const char *ja_class)
{
	struct ids truth_ids = { 0 }, ids = { 0 }, pinned = { 0 };
	size_t i, k;
	json_t *a, *x;
	json_array_foreach(json_object_get(truth, "intermediateArticleVersions"), i, a)
		json_array_foreach(json_object_get(a, "ids"), k, x)
			push(&truth_ids, json_integer_value(x));
	assert_int_equal((int64_t)truth_ids.n, json_integer_value(json_object_get(
		json_object_get(truth, "counts"), "intermediateArticleVersionIds")));

	struct lr_err err = LR_ERR_INIT;
	struct db_cursor *c;
	struct db_value cls = db_text(ja_class);
	assert_int_equal(db_query(db, "SELECT e.classPK FROM AssetEntry e JOIN ClassName_ c ON "
				  "c.classNameId = e.classNameId WHERE c.value = ?", &cls, 1, &c, &err), 0);
	while (db_next(c, &err) > 0)
		push(&pinned, db_get_int(c, 0));
	db_cursor_close(c);
	qsort(pinned.v, pinned.n, sizeof *pinned.v, cmp64);

	assert_int_equal(db_query(db, "SELECT resourcePrimKey, id_, status FROM JournalArticle "
				  "ORDER BY resourcePrimKey, version", NULL, 0, &c, &err), 0);
	int64_t rpk[256], id[256];
	int st[256], n = 0;
	int more;
	do {
		more = db_next(c, &err) > 0;
		int64_t r = more ? db_get_int(c, 0) : -1;
		if (n && (!more || r != rpk[0])) {
			int latest = -1;
			for (int j = 0; j < n; j++)
				if (st[j] == 0)
					latest = j;
			for (int j = 1; j < n - 3; j++)
				if ((st[j] == 0 || st[j] == 3) && j != latest &&
				    !bsearch(&id[j], pinned.v, pinned.n, sizeof *pinned.v, cmp64))
					push(&ids, id[j]);
			n = 0;
		}
		if (more && n < 256) {
			rpk[n] = r;
			id[n] = db_get_int(c, 1);
			st[n] = (int)db_get_int(c, 2);
			n++;
		}
	} while (more);
	db_cursor_close(c);
	assert_same_ids(&truth_ids, &ids, "intermediate article versions");
	free(truth_ids.v);
	free(ids.v);
	free(pinned.v);
}

static void check_intermediate_documents(struct db *db, json_t *truth)
{
	struct ids truth_ids = { 0 }, ids = { 0 };
	size_t i, k;
	json_t *a, *x;
	json_array_foreach(json_object_get(truth, "intermediateDocumentVersions"), i, a)
		json_array_foreach(json_object_get(a, "fileVersionIds"), k, x)
			push(&truth_ids, json_integer_value(x));
	struct lr_err err = LR_ERR_INIT;
	struct db_cursor *c;
	assert_int_equal(db_query(db, "SELECT v.fileEntryId, v.fileVersionId, v.status, v.version FROM "
				  "DLFileVersion v JOIN DLFileEntry e ON e.fileEntryId = v.fileEntryId "
				  "ORDER BY v.fileEntryId, v.fileVersionId", NULL, 0, &c, &err), 0);
	int64_t fe[64], fv[64];
	int st[64], pwc[64], n = 0, more;
	do {
		more = db_next(c, &err) > 0;
		int64_t e = more ? db_get_int(c, 0) : -1;
		if (n && (!more || e != fe[0])) {
			int latest = -1;
			for (int j = 0; j < n; j++)
				if (st[j] == 0 && !pwc[j])
					latest = j;
			for (int j = 0; j < n; j++)
				if (st[j] == 0 && !pwc[j] && j != latest)
					push(&ids, fv[j]);
			n = 0;
		}
		if (more && n < 64) {
			fe[n] = e;
			fv[n] = db_get_int(c, 1);
			st[n] = (int)db_get_int(c, 2);
			pwc[n] = !strcmp(db_get_text(c, 3), "PWC");
			n++;
		}
	} while (more);
	db_cursor_close(c);
	assert_same_ids(&truth_ids, &ids, "intermediate document versions");
	free(truth_ids.v);
	free(ids.v);
}

static void check_sites_pages_users(struct db *db, json_t *truth, int64_t ref)
{
	char old[20];
	fmt(ref - 365 * 86400, old);
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(truth, "unusedSites"), i, o) {
		struct db_value g[2] = { db_int(json_integer_value(json_object_get(o, "groupId"))),
					 db_text(old) };
		struct db_value nk[3] = { g[0], db_text(json_string_value(json_object_get(o, "uuid"))),
					  db_text(json_string_value(json_object_get(o, "friendlyURL"))) };
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM Group_ WHERE groupId = ? AND uuid_ = ? AND "
				    "friendlyURL = ?", nk, 3), 1);
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM Layout WHERE groupId = ? AND "
				    "typeSettings LIKE '%column-%'", g, 1), 0);
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM JournalArticle WHERE groupId = ?", g, 1), 0);
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM DLFileEntry WHERE groupId = ?", g, 1), 0);
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM Layout WHERE groupId = ? AND "
				    "modifiedDate > ?", g, 2), 0);
	}
	json_array_foreach(json_object_get(truth, "unusedPages"), i, o) {
		struct db_value p = db_int(json_integer_value(json_object_get(o, "plid")));
		struct db_value nk[3] = { p, db_text(json_string_value(json_object_get(o, "uuid"))),
					  db_text(json_string_value(json_object_get(o, "friendlyURL"))) };
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM Layout WHERE plid = ? AND uuid_ = ? AND "
				    "friendlyURL = ? AND typeSettings NOT LIKE '%column-%'", nk, 3), 1);
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM PortletPreferences WHERE plid = ?", &p, 1), 0);
	}
	json_array_foreach(json_object_get(truth, "inactiveUsers"), i, o) {
		struct db_value u = db_int(json_integer_value(json_object_get(o, "userId")));
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM User_ WHERE userId = ? AND status = 5 "
				    "AND defaultUser = 0", &u, 1), 1);
	}
	json_array_foreach(json_object_get(truth, "staleUsers"), i, o) {
		struct db_value u[2] = { db_int(json_integer_value(json_object_get(o, "userId"))),
					 db_text(old) };
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM User_ WHERE userId = ? AND status = 0 AND "
				    "defaultUser = 0 AND (lastLoginDate IS NULL OR lastLoginDate < ?)",
				    u, 2), 1);
	}
	/* every other user of the default instance is active and recent, except the protected */
	int64_t stale = q1(db, "SELECT COUNT(*) FROM User_ u JOIN Company c ON c.companyId = "
			   "u.companyId WHERE c.webId = 'liferay.com' AND (u.status <> 0 OR "
			   "u.lastLoginDate IS NULL OR u.lastLoginDate < ?)", &(struct db_value){ DB_TEXT, 0, 0, old, 19 }, 1);
	assert_int_equal(stale, ts_count(truth, "inactiveUsers") + ts_count(truth, "staleUsers") + 2);
	json_array_foreach(json_object_get(truth, "unusedInstances"), i, o) {
		struct db_value c = db_int(json_integer_value(json_object_get(o, "companyId")));
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM User_ WHERE companyId = ?", &c, 1), 1);
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM JournalArticle WHERE companyId = ?", &c, 1), 0);
	}
}

static void check_staging(struct db *db, json_t *truth)
{
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(truth, "stagedSites"), i, o) {
		int64_t live = json_integer_value(json_object_get(o, "liveGroupId"));
		int64_t src = json_integer_value(json_object_get(o, "sourceGroupId"));
		int remote = !strcmp(json_string_value(json_object_get(o, "type")), "remote");
		struct db_value l = db_int(live), s = db_int(src);
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM Group_ WHERE groupId = ? AND "
				    "typeSettings LIKE '%staged=true%'", &l, 1), 1);
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM Group_ WHERE groupId = ? AND "
				    "typeSettings LIKE '%stagedRemotely=true%'", &l, 1), remote);
		if (!remote)
			assert_int_equal(q1(db, "SELECT liveGroupId FROM Group_ WHERE groupId = ?", &s, 1), live);
		json_t *pub = json_object_get(json_object_get(o, "lastPublishDate"), "public");
		char since[20] = "0000-00-00 00:00:00";
		if (json_is_integer(pub)) {
			char setting[64];
			snprintf(setting, sizeof setting, "%%last-publish-date=%lld%%",
				 (long long)json_integer_value(pub));
			struct db_value p[2] = { s, db_text(setting) };
			assert_int_equal(q1(db, "SELECT COUNT(*) FROM LayoutSet WHERE groupId = ? AND "
					    "settings_ LIKE ?", p, 2), 2);
			fmt(json_integer_value(pub) / 1000, since);
		} else {
			assert_int_equal(q1(db, "SELECT COUNT(*) FROM LayoutSet WHERE groupId = ? AND "
					    "settings_ LIKE '%last-publish-date%'", &s, 1), 0);
		}
		struct db_value p[2] = { s, db_text(since) };
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM Layout WHERE groupId = ? AND modifiedDate > ?", p, 2),
				 json_array_size(json_object_get(o, "changedLayouts")));
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM JournalArticle WHERE groupId = ? AND modifiedDate > ?", p, 2),
				 json_array_size(json_object_get(o, "changedArticles")));
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM DLFileVersion WHERE groupId = ? AND modifiedDate > ?", p, 2),
				 json_array_size(json_object_get(o, "changedDocuments")));
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM SystemEvent WHERE groupId = ? AND type_ = 1 AND createDate > ?", p, 2),
				 json_array_size(json_object_get(o, "deletions")));
		assert_int_equal(q1(db, "SELECT COUNT(*) FROM BackgroundTask WHERE groupId = ? AND status = 2", &s, 1),
				 json_is_true(json_object_get(o, "failedPublication")));
	}
	json_array_foreach(json_object_get(truth, "remoteLiveSites"), i, o) {
		struct db_value g = db_int(json_integer_value(json_object_get(o, "groupId")));
		assert_int_equal(q1(db, "SELECT remoteStagingGroupCount FROM Group_ WHERE groupId = ?", &g, 1), 1);
	}
	/* nothing else is staged */
	assert_int_equal(q1(db, "SELECT COUNT(*) FROM Group_ WHERE typeSettings LIKE '%staged=true%'", NULL, 0), 3);
	assert_int_equal(q1(db, "SELECT COUNT(*) FROM Group_ WHERE liveGroupId <> 0", NULL, 0), 2);
}

/* Unused structures and templates recomputed with SQL, compared as sets. */
static void check_ddm(struct db *db, json_t *truth, int v7)
{
	struct ids tr = { 0 }, db_ids = { 0 };
	size_t i;
	json_t *o;
	struct lr_err err = LR_ERR_INIT;
	struct db_cursor *c;
	json_array_foreach(json_object_get(truth, "unusedTemplates"), i, o)
		push(&tr, json_integer_value(json_object_get(o, "templateId")));
	assert_int_equal(db_query(db, v7 ?
		"SELECT templateId FROM DDMTemplate t WHERE NOT EXISTS (SELECT 1 FROM JournalArticle a "
		"WHERE a.DDMTemplateKey = t.templateKey) AND NOT EXISTS (SELECT 1 FROM DDMTemplateLink l "
		"WHERE l.templateId = t.templateId)" :
		"SELECT templateId FROM DDMTemplate t WHERE NOT EXISTS (SELECT 1 FROM JournalArticle a "
		"WHERE a.templateId = t.templateKey)", NULL, 0, &c, &err), 0);
	while (db_next(c, &err) > 0)
		push(&db_ids, db_get_int(c, 0));
	db_cursor_close(c);
	assert_same_ids(&tr, &db_ids, "unused templates");
	tr.n = db_ids.n = 0;
	json_array_foreach(json_object_get(truth, "unusedStructures"), i, o)
		push(&tr, json_integer_value(json_object_get(o, "structureId")));
	assert_int_equal(db_query(db, v7 ?
		"SELECT structureId FROM DDMStructure s WHERE NOT EXISTS (SELECT 1 FROM JournalArticle a "
		"WHERE a.DDMStructureKey = s.structureKey) AND NOT EXISTS (SELECT 1 FROM DDMTemplate t "
		"WHERE t.classPK = s.structureId) AND NOT EXISTS (SELECT 1 FROM DDMStructure c WHERE "
		"c.parentStructureId = s.structureId) AND NOT EXISTS (SELECT 1 FROM DDMStructureLink l "
		"WHERE l.structureId = s.structureId)" :
		"SELECT structureId FROM DDMStructure s WHERE NOT EXISTS (SELECT 1 FROM JournalArticle a "
		"WHERE a.structureId = s.structureKey) AND NOT EXISTS (SELECT 1 FROM DDMTemplate t "
		"WHERE t.classPK = s.structureId) AND NOT EXISTS (SELECT 1 FROM DDMStructure c WHERE "
		"c.parentStructureId = s.structureId) AND NOT EXISTS (SELECT 1 FROM DDMStructureLink l "
		"WHERE l.structureId = s.structureId)", NULL, 0, &c, &err), 0);
	while (db_next(c, &err) > 0)
		push(&db_ids, db_get_int(c, 0));
	db_cursor_close(c);
	assert_same_ids(&tr, &db_ids, "unused structures");
	free(tr.v);
	free(db_ids.v);
}

static void check_version(const char *ver, int64_t orphans, const char *ja_class, int apps)
{
	char path[4200], name[32];
	snprintf(name, sizeof name, "t%s", ver);
	const char *opt[] = { "--liferay", ver, "--seed", "3", NULL };
	ts_generate(name, path, sizeof path, opt);
	json_t *truth = ts_truth(path);
	struct db *db = tl_open(path);
	int64_t ref = json_integer_value(json_object_get(truth, "referenceEpochMs")) / 1000;
	assert_int_equal(ref, 1793491200); /* 2026-11-01 00:00:00 UTC */

	/* the fixed, planted part */
	assert_int_equal(ts_count(truth, "companies"), 2);
	assert_int_equal(ts_count(truth, "unusedInstances"), 1);
	assert_int_equal(ts_count(truth, "unusedSites"), 2);
	assert_int_equal(ts_count(truth, "unusedPages"), 3);
	assert_int_equal(ts_count(truth, "inactiveUsers"), 3);
	assert_int_equal(ts_count(truth, "staleUsers"), 3);
	assert_int_equal(ts_count(truth, "protectedUsers"), 3);
	assert_int_equal(ts_count(truth, "unusedStructures"), 2);
	assert_int_equal(ts_count(truth, "unusedTemplates"), 2);
	assert_int_equal(ts_count(truth, "duplicateFieldNames"), 1);
	assert_int_equal(ts_count(truth, "orphans"), orphans);
	assert_int_equal(ts_count(truth, "stagedSites"), 3);
	assert_int_equal(ts_count(truth, "remoteLiveSites"), 1);
	assert_int_equal(ts_count(truth, "missingFiles"), 2);
	assert_int_equal(ts_count(truth, "extraFiles"), 3);
	assert_int_equal(ts_count(truth, "apps"), apps);

	check_table_counts(db, truth);
	check_orphans(db, truth);
	check_intermediate_articles(db, truth, ja_class);
	check_intermediate_documents(db, truth);
	check_sites_pages_users(db, truth, ref);
	check_staging(db, truth);
	check_ddm(db, truth, strcmp(ver, "6.2") != 0);
	db_close(db);
	json_decref(truth);
}

static void truth_matches_62(void **state)
{
	(void)state;
	check_version("6.2", 41, "com.liferay.portlet.journal.model.JournalArticle", 5);
}

static void truth_matches_70(void **state)
{
	(void)state;
	check_version("7.0", 43, "com.liferay.journal.model.JournalArticle", 13);
}

static void truth_matches_71(void **state)
{
	(void)state;
	check_version("7.1", 44, "com.liferay.journal.model.JournalArticle", 13);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(truth_matches_62),
		cmocka_unit_test(truth_matches_70),
		cmocka_unit_test(truth_matches_71),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
