/* On generated sample databases (lrprep sample, 6.2 / 7.0 / 7.1, several
 * seeds), the unused objects and orphans found are exactly the planted ones
 * of the ground truth (docs/ground-truth.md), category by category, by id.
 * Day thresholds are measured from the sample's referenceDate. */
#include "testlib.h"
#include "checks_testlib.h"
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

/* truth list -> id field (int or array of ints) -> check ids that find them */
static const struct cat {
	const char *truth, *field;
	const char *checks[3];
} cats[] = {
	{ "unusedInstances", "companyId", { "unused.instance" } },
	{ "unusedSites", "groupId", { "unused.site.empty", "unused.site.idle" } },
	{ "unusedPages", "plid", { "unused.page.empty" } },
	{ "inactiveUsers", "userId", { "unused.user.inactive" } },
	{ "staleUsers", "userId", { "unused.user.inactive" } },
	{ "intermediateArticleVersions", "ids", { "unused.article.intermediate-version" } },
	{ "intermediateDocumentVersions", "fileVersionIds", { "unused.document.intermediate-version" } },
	{ "unusedStructures", "structureId", { "unused.structure" } },
	{ "unusedTemplates", "templateId", { "unused.template" } },
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

struct ids {
	int64_t *v;
	size_t n;
};

static void push(struct ids *s, int64_t x)
{
	s->v = realloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = x;
}

static char *fmt(struct ids *s)
{
	struct strbuf sb = STRBUF_INIT;
	qsort(s->v, s->n, sizeof *s->v, cmp_i64);
	for (size_t i = 0; i < s->n; i++)
		if (!i || s->v[i] != s->v[i - 1])
			strbuf_addf(&sb, "%s%lld", sb.len ? "," : "", (long long)s->v[i]);
	return strbuf_detach(&sb, NULL);
}

/* ids of the orphan checks, from the registry listing */
static json_t *orphan_ids;

static int check_orphan_count(void)
{
	if (!orphan_ids) {
		json_t *all = checks_list();
		size_t i;
		json_t *c;
		orphan_ids = json_array();
		json_array_foreach(all, i, c)
			if (!strcmp(json_string_value(json_object_get(c, "category")), "orphan"))
				json_array_append(orphan_ids, json_object_get(c, "id"));
		json_decref(all);
	}
	return (int)json_array_size(orphan_ids);
}

static const char *check_orphan_id(int k)
{
	return json_string_value(json_array_get(orphan_ids, (size_t)k));
}

static void one(const char *version, const char *seed)
{
	char path[2048], truth_path[4096];
	snprintf(path, sizeof path, "%s/sample-%s-%s.db", tl_tmpdir(), version, seed);
	snprintf(truth_path, sizeof truth_path, "%s.truth.json", path);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "sample", "-o", path, "--truth", truth_path, "--liferay", version,
			"--seed", seed, "--no-store", "--force", NULL);
	if (rc != 0)
		fail_msg("lrprep sample %s %s: exit %d: %s", version, seed, rc, strbuf_str(&err));
	json_error_t je;
	json_t *truth = json_load_file(truth_path, 0, &je);
	if (!truth)
		fail_msg("%s: %s", truth_path, je.text);
	checks_set_now(json_integer_value(json_object_get(truth, "referenceEpochMs")) / 1000);
	struct db *db = tl_open(path);
	for (size_t c = 0; c < sizeof cats / sizeof cats[0]; c++) {
		struct ids want = { 0 }, got = { 0 };
		size_t i;
		json_t *rec;
		json_array_foreach(json_object_get(truth, cats[c].truth), i, rec) {
			json_t *f = json_object_get(rec, cats[c].field);
			if (json_is_array(f)) {
				size_t k;
				json_t *x;
				json_array_foreach(f, k, x)
					push(&want, json_integer_value(x));
			} else {
				push(&want, json_integer_value(f));
			}
		}
		/* a category shared by two truth lists (inactive + stale users) */
		for (size_t o = 0; o < sizeof cats / sizeof cats[0]; o++)
			if (o != c && !strcmp(cats[o].checks[0], cats[c].checks[0]))
				json_array_foreach(json_object_get(truth, cats[o].truth), i, rec)
					push(&want, json_integer_value(json_object_get(rec, cats[o].field)));
		for (int k = 0; k < 3 && cats[c].checks[k]; k++) {
			json_t *rows = ct_rows(db, cats[c].checks[k], NULL);
			json_array_foreach(rows, i, rec)
				push(&got, strtoll(json_string_value(rec), NULL, 10));
			json_decref(rows);
		}
		char *w = fmt(&want), *g = fmt(&got);
		if (strcmp(w, g))
			fail_msg("%s seed %s, %s:\n  truth %s\n  found %s", version, seed, cats[c].truth, w, g);
		free(w);
		free(g);
		free(want.v);
		free(got.v);
	}
	/* orphans: the same rows (table + key), each counted once across rules */
	const char *only[] = { "orphan", NULL };
	struct checks_opts o = { .only = only };
	json_t *f = ct_run(db, &o);
	assert_int_equal(ct_failed(f), 0);
	json_decref(f);
	json_t *mine = json_object(), *theirs = json_object(), *rec;
	size_t i;
	for (int k = 0; k < check_orphan_count(); k++) {
		json_t *rows = ct_rows(db, check_orphan_id(k), NULL);
		json_array_foreach(rows, i, rec) {
			/* "tbl"|pk|pk2|... -> lower(tbl)|min(pk,pk2)|max(pk,pk2) */
			char tbl[128];
			long long a, b = 0;
			const char *r = json_string_value(rec);
			const char *q = strchr(r + 1, '"');
			snprintf(tbl, sizeof tbl, "%.*s", (int)(q - r - 1), r + 1);
			for (char *t = tbl; *t; t++)
				*t = (char)tolower((unsigned char)*t);
			a = strtoll(q + 2, (char **)&q, 10);
			if (strncmp(q, "|null", 5))
				b = strtoll(q + 1, NULL, 10);
			char keybuf[256];
			snprintf(keybuf, sizeof keybuf, "%s|%lld|%lld", tbl, b && b < a ? b : a, b && b < a ? a : b);
			json_object_set_new(mine, keybuf, json_true());
		}
		json_decref(rows);
	}
	json_array_foreach(json_object_get(truth, "orphans"), i, rec) {
		char tbl[128], keybuf[256];
		long long v[2] = { 0, 0 };
		int nv = 0;
		const char *kname;
		json_t *kv;
		snprintf(tbl, sizeof tbl, "%s", json_string_value(json_object_get(rec, "table")));
		for (char *t = tbl; *t; t++)
			*t = (char)tolower((unsigned char)*t);
		json_object_foreach(json_object_get(rec, "key"), kname, kv)
			if (nv < 2)
				v[nv++] = json_integer_value(kv);
		long long a = v[0], b = v[1];
		snprintf(keybuf, sizeof keybuf, "%s|%lld|%lld", tbl, b && b < a ? b : a, b && b < a ? a : b);
		json_object_set_new(theirs, keybuf, json_true());
	}
	const char *k;
	json_t *val;
	json_object_foreach(theirs, k, val)
		if (!json_object_get(mine, k))
			fail_msg("%s seed %s: planted orphan %s not found", version, seed, k);
	json_object_foreach(mine, k, val)
		if (!json_object_get(theirs, k))
			fail_msg("%s seed %s: orphan %s reported but not planted", version, seed, k);
	json_decref(mine);
	json_decref(theirs);
	checks_set_now(0);
	json_decref(truth);
	db_close(db);
	strbuf_release(&out);
	strbuf_release(&err);
}

static void v62(void **state) { (void)state; one("6.2", "1"); one("6.2", "7"); one("6.2", "42"); }
static void v70(void **state) { (void)state; one("7.0", "1"); one("7.0", "7"); one("7.0", "42"); }
static void v71(void **state) { (void)state; one("7.1", "1"); one("7.1", "7"); one("7.1", "42"); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(v62),
		cmocka_unit_test(v70),
		cmocka_unit_test(v71),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	json_decref(orphan_ids);
	return rc;
}
