/* check --before: what changed since a snapshot (docs/check.md). */
#include "snapshot.h"
#include "checks.h"
#include "../db/checksum.h"
#include "../liferay/relations.h"
#include "../util/xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SAMPLES 20

/* Sorted set of int64 ids. */
struct ids {
	int64_t *v;
	size_t n, cap;
	int sorted;
};
static void ids_add(struct ids *s, int64_t x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = x;
	s->sorted = 0;
}
static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}
static int ids_has(struct ids *s, int64_t x)
{
	if (!s->n)
		return 0;
	if (!s->sorted) {
		qsort(s->v, s->n, sizeof *s->v, cmp64);
		s->sorted = 1;
	}
	return bsearch(&x, s->v, s->n, sizeof *s->v, cmp64) != NULL;
}
static void ids_free(struct ids *s) { free(s->v); }

static json_t *finding(const char *id, const char *sev, const char *title, json_int_t count, json_t *samples,
		       const char *remedy)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:o, s:s}", "id", id, "category", "changed", "severity", sev,
			 "title", title, "count", count, "samples", samples ? samples : json_array(),
			 "remediation", remedy);
}

/* Expand a key set's ranges: fn(ctx, scope values, nscopes, key). */
typedef void (*key_fn)(void *ctx, const int64_t *scope, int ns, int64_t key);
static void each_key(const json_t *set, key_fn fn, void *ctx)
{
	size_t i, j;
	const json_t *s, *r;
	json_array_foreach(json_object_get(set, "sets"), i, s) {
		int64_t sc[3] = { 0 };
		int ns = 0;
		const json_t *sv;
		size_t k;
		json_array_foreach(json_object_get(s, "s"), k, sv) if (ns < 3) sc[ns++] = json_integer_value(sv);
		json_array_foreach(json_object_get(s, "k"), j, r) {
			if (json_is_integer(r)) {
				fn(ctx, sc, ns, json_integer_value(r));
			} else {
				int64_t a = json_integer_value(json_array_get(r, 0));
				int64_t b = json_integer_value(json_array_get(r, 1));
				/* a range lrprep wrote covers existing rows: refuse absurd ones */
				if (b < a || b - a > 100000000)
					continue;
				for (int64_t x = a; x <= b; x++)
					fn(ctx, sc, ns, x);
			}
		}
	}
}
static void add_key(void *ctx, const int64_t *sc, int ns, int64_t key)
{
	(void)sc;
	(void)ns;
	ids_add(ctx, key);
}

struct vanished {
	const char *table;
	int64_t key, scope[3];
	int ns, explained;
	unsigned carry; /* scope i is a "+col": explained by the row, not explaining it */
};
struct vlist {
	struct vanished *v;
	size_t n, cap;
	const char *table;
	struct ids *now;
	unsigned carry;
};
static void collect_vanished(void *ctx, const int64_t *sc, int ns, int64_t key)
{
	struct vlist *l = ctx;
	if (ids_has(l->now, key))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	struct vanished *x = &l->v[l->n++];
	memset(x, 0, sizeof *x);
	x->table = l->table;
	x->key = key;
	x->ns = ns;
	x->carry = l->carry;
	memcpy(x->scope, sc, (size_t)ns * sizeof *sc);
}

/* Tables the plan names (its rows estimates), grown over the cascading
 * relations: the estimate is one level deep, Liferay's cascade is not. */
static int table_planned(const json_t *named, const char *table)
{
	return json_object_get(named, table) != NULL;
}
static json_t *planned_tables(const json_t *plan, enum lr_line line)
{
	json_t *named = json_object();
	size_t i;
	const json_t *o;
	const char *k;
	json_t *v;
	json_array_foreach(json_object_get(plan, "objects"), i, o) {
		json_object_foreach(json_object_get(o, "rows"), k, v) {
			char *lk = xstrdup(k);
			for (char *p = lk; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			json_object_set_new(named, lk, json_true());
			free(lk);
		}
	}
	for (int grown = 1; grown;) {
		grown = 0;
		for (int r = 0; r < lr_nrelations; r++) {
			const struct lr_relation *rel = &lr_relations[r];
			if (!(rel->flags & REL_CASCADE) || !lr_relation_applies(rel, line))
				continue;
			char lp[128], lc[128];
			snprintf(lp, sizeof lp, "%s", rel->parent);
			snprintf(lc, sizeof lc, "%s", rel->child);
			for (char *p = lp; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			for (char *p = lc; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			if (table_planned(named, lp) && !table_planned(named, lc)) {
				json_object_set_new(named, lc, json_true());
				grown = 1;
			}
		}
	}
	return named;
}

static void lower(char *dst, size_t n, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < n; i++)
		dst[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	dst[i] = 0;
}

static int diff_tables(struct db *db, const json_t *before, const json_t *named, json_t *findings, json_t *diff,
		       struct lr_err *err)
{
	json_t *rows = json_array(), *unplanned = json_array();
	json_object_set_new(diff, "tables", rows);
	const char *name;
	json_t *b;
	json_int_t changed = 0;
	json_object_foreach(json_object_get(before, "tables"), name, b) {
		json_int_t was = json_integer_value(json_object_get(b, "rows")), now = 0;
		const char *sum = json_string_value(json_object_get(b, "checksum"));
		const struct db_table *t = db_table_find(db, name);
		struct table_sum ts = { 0 };
		if (t && db_table_checksum(db, t->name, &ts, err) < 0)
			return -1;
		now = t ? ts.rows : 0;
		int modified = !t || (sum && strcmp(sum, ts.hex));
		if (was == now && !modified)
			continue;
		json_array_append_new(rows, json_pack("{s:s, s:I, s:I, s:I, s:b, s:b}", "table", name, "before", was,
						      "after", now, "delta", now - was, "exists", t != NULL,
						      "contentChanged", modified));
		changed += was != now;
		char ln[256];
		lower(ln, sizeof ln, name);
		if (named && now < was && !table_planned(named, ln))
			json_array_append_new(unplanned, json_pack("{s:s, s:I, s:I}", "table", name, "before", was,
								   "after", now));
	}
	if (changed)
		json_array_append_new(findings, finding("changed.rows", "notice", "Tables whose row count changed",
							changed, NULL, "see the table list: expected after a prune"));
	if (json_array_size(unplanned))
		json_array_append_new(findings, finding("changed.unplanned-table", "error",
							"Tables that lost rows although no planned object removes any",
							(json_int_t)json_array_size(unplanned), json_incref(unplanned),
							"find what removed them (undo the prune if it was lrprep)"));
	json_decref(unplanned);
	return 0;
}

static int diff_keys(struct db *db, const json_t *before, const json_t *plan, json_t *findings, json_t *diff,
		     struct lr_err *err)
{
	struct ids explained = { 0 }, carried = { 0 };
	struct vlist all = { 0 };
	json_t *vj = json_object(), *truncated = json_array();
	json_object_set_new(diff, "vanished", vj);
	size_t i;
	const json_t *o;
	/* planned keys: every plan object's single-column key */
	json_array_foreach(json_object_get(plan, "objects"), i, o) {
		const json_t *key = json_object_get(o, "key");
		if (json_object_size(key) == 1) {
			const char *k;
			const json_t *v;
			json_object_foreach((json_t *)key, k, v) if (json_is_integer(v))
				ids_add(&explained, json_integer_value(v));
		}
	}
	for (int t = 0; t < SNAPSHOT_NKEY; t++) {
		const char *tname;
		json_t *now;
		if (snapshot_key_set(db, t, &tname, &now, err) < 0)
			goto fail;
		const json_t *was = NULL;
		const char *k;
		json_t *v;
		json_object_foreach(json_object_get(before, "keys"), k, v) if (!strcasecmp(k, tname)) was = v;
		if (!was) {
			json_decref(now);
			continue;
		}
		if (json_object_get(was, "truncated") || (now && json_object_get(now, "truncated"))) {
			json_array_append_new(truncated, json_string(tname));
			json_decref(now);
			continue;
		}
		struct ids nowids = { 0 };
		if (now)
			each_key(now, add_key, &nowids);
		all.table = tname;
		all.now = &nowids;
		all.carry = 0;
		size_t si;
		const json_t *sn;
		json_array_foreach(json_object_get(was, "scopes"), si, sn) {
			const char *nm = json_string_value(sn);
			if (nm && nm[0] == '+')
				all.carry |= 1u << si;
		}
		each_key(was, collect_vanished, &all);
		ids_free(&nowids);
		json_decref(now);
	}
	/* explain to a fixpoint: planned, or owned by something explained. New
	 * ids join the sets after each pass (one sort per pass, not per id). */
	for (int grown = 1; grown;) {
		struct ids ne = { 0 }, nc = { 0 };
		grown = 0;
		for (size_t j = 0; j < all.n; j++) {
			struct vanished *x = &all.v[j];
			if (x->explained)
				continue;
			int e = ids_has(&explained, x->key) || ids_has(&carried, x->key);
			for (int s = 0; !e && s < x->ns; s++)
				e = !(x->carry & (1u << s)) && x->scope[s] != 0 && ids_has(&explained, x->scope[s]);
			if (e) {
				x->explained = 1;
				ids_add(&ne, x->key);
				for (int s = 0; s < x->ns; s++)
					if (x->carry & (1u << s))
						ids_add(&nc, x->scope[s]);
				grown = 1;
			}
		}
		for (size_t j = 0; j < ne.n; j++)
			ids_add(&explained, ne.v[j]);
		for (size_t j = 0; j < nc.n; j++)
			ids_add(&carried, nc.v[j]);
		ids_free(&ne);
		ids_free(&nc);
	}
	json_t *samples = json_array();
	json_int_t unexplained = 0;
	for (size_t j = 0; j < all.n; j++) {
		struct vanished *x = &all.v[j];
		json_t *e = json_object_get(vj, x->table);
		if (!e) {
			e = json_pack("{s:i, s:i, s:[]}", "count", 0, "unplanned", 0, "keys");
			json_object_set_new(vj, x->table, e);
		}
		json_object_set_new(e, "count", json_integer(json_integer_value(json_object_get(e, "count")) + 1));
		json_t *keys = json_object_get(e, "keys");
		if (json_array_size(keys) < 1000)
			json_array_append_new(keys, json_integer(x->key));
		if (plan && !x->explained) {
			unexplained++;
			json_object_set_new(e, "unplanned",
					    json_integer(json_integer_value(json_object_get(e, "unplanned")) + 1));
			if (json_array_size(samples) < MAX_SAMPLES)
				json_array_append_new(samples, json_pack("{s:s, s:I}", "table", x->table, "key",
									 (json_int_t)x->key));
		}
	}
	if (plan && unexplained)
		json_array_append_new(findings, finding("changed.unplanned", "error",
							"Objects that disappeared although the plan did not remove them",
							unexplained, samples,
							"find what removed them (undo the prune if it was lrprep)"));
	else
		json_decref(samples);
	if (all.n) {
		json_t *s = json_array();
		const char *k;
		json_t *v;
		json_object_foreach(vj, k, v) if (json_array_size(s) < MAX_SAMPLES)
			json_array_append_new(s, json_pack("{s:s, s:O}", "table", k, "count", json_object_get(v, "count")));
		json_array_append_new(findings, finding("changed.vanished", "notice", "Rows of key tables that disappeared",
							(json_int_t)all.n, s, "expected for planned objects"));
	}
	if (json_array_size(truncated))
		json_object_set_new(diff, "keysNotCompared", json_incref(truncated));
	json_decref(truncated);
	free(all.v);
	ids_free(&explained);
	ids_free(&carried);
	return 0;
fail:
	json_decref(truncated);
	free(all.v);
	ids_free(&explained);
	ids_free(&carried);
	return -1;
}

/* New orphan rows (not orphans in the snapshot), by table. */
static int diff_orphans(struct db *db, const struct lr_version *v, const json_t *before, json_t *findings,
			json_t *diff, struct lr_err *err)
{
	json_t *now;
	if (snapshot_orphans(db, v, &now, err) < 0)
		return -1;
	json_t *left = json_object(), *samples = json_array();
	json_int_t total = 0;
	const char *t;
	json_t *e;
	json_object_foreach(now, t, e) {
		const json_t *was = json_object_get(json_object_get(json_object_get(before, "orphans"), t), "rows");
		const char *k;
		json_t *x;
		/* new (row, column) pairs, counted once per row */
		json_t *rows = json_object();
		json_object_foreach(json_object_get(e, "rows"), k, x) {
			if (json_object_get(was, k))
				continue;
			const char *bar = strrchr(k, '|');
			json_object_setn_new(rows, k, bar ? (size_t)(bar - k) : strlen(k), json_true());
		}
		json_int_t n = (json_int_t)json_object_size(rows);
		json_decref(rows);
		if (n) {
			json_object_set_new(left, t, json_integer(n));
			total += n;
			json_array_append_new(samples, json_pack("{s:s, s:I}", "table", t, "rows", n));
		}
	}
	json_decref(now);
	json_object_set_new(diff, "leftBehind", left);
	if (total)
		json_array_append_new(findings, finding("changed.left-behind", "warning",
							"Rows left behind pointing at removed rows (new orphans), by table",
							total, samples,
							"remove them with 'lrprep plan' + 'lrprep prune', or undo the removal"));
	else
		json_decref(samples);
	return 0;
}

static int count1(struct db *db, const char *tmpl, const struct db_value *p, int np, int *yes, struct lr_err *err)
{
	struct strbuf q = STRBUF_INIT;
	int64_t n = 0;
	int rc = 0;
	if (!snapshot_sql(db, &q, tmpl))
		rc = db_query_int(db, q.buf, p, np, &n, err);
	strbuf_release(&q);
	*yes = n > 0;
	return rc;
}

static int page_exists(struct db *db, const json_t *page, int *yes, struct lr_err *err)
{
	*yes = 0;
	if (!json_is_object(page))
		return 0;
	struct db_value p = db_int(json_integer_value(json_object_get(page, "plid")));
	return count1(db, "SELECT COUNT(*) FROM {Layout} WHERE [Layout.plid] = ?", &p, 1, yes, err);
}

static int article_there(struct db *db, const json_t *e, int *yes, struct lr_err *err)
{
	struct db_value p[2] = { db_int(json_integer_value(json_object_get(e, "articleGroupId"))),
				 db_text(json_string_value(json_object_get(e, "articleId"))) };
	return count1(db, "SELECT COUNT(*) FROM {JournalArticle} WHERE [JournalArticle.groupId] = ? AND "
			  "[JournalArticle.articleId] = ?", p, 2, yes, err);
}

static int diff_displayed(struct db *db, const json_t *before, json_t *findings, json_t *diff, struct lr_err *err)
{
	json_t *lost = json_array(), *gone = json_array();
	size_t i;
	const json_t *e;
	json_array_foreach(json_object_get(before, "displayed"), i, e) {
		if (!json_is_true(json_object_get(e, "articleExists")))
			continue;
		int art, page;
		if (article_there(db, e, &art, err) < 0 || page_exists(db, json_object_get(e, "page"), &page, err) < 0) {
			json_decref(lost);
			json_decref(gone);
			return -1;
		}
		if (art)
			continue;
		json_t *s = json_pack("{s:O, s:O, s:O, s:O, s:O}", "source", json_object_get(e, "source"), "portletId",
				      json_object_get(e, "portletId"), "articleGroupId",
				      json_object_get(e, "articleGroupId"), "articleId", json_object_get(e, "articleId"),
				      "page", json_object_get(e, "page"));
		json_array_append_new(page ? lost : gone, s);
	}
	json_object_set(diff, "pagesLostContent", lost);
	json_object_set(diff, "displayedArticlesGone", gone);
	if (json_array_size(lost))
		json_array_append_new(findings, finding("changed.page-lost-content", "error",
							"Pages whose portlets displayed an article that is gone",
							(json_int_t)json_array_size(lost), json_incref(lost),
							"restore the article (undo) or change the portlet's configuration"));
	if (json_array_size(gone))
		json_array_append_new(findings, finding("changed.displayed-article-gone", "warning",
							"Articles that were shown on pages (now removed too) and are gone",
							(json_int_t)json_array_size(gone), json_incref(gone),
							"expected only when the plan removed those pages"));
	json_decref(lost);
	json_decref(gone);
	return 0;
}

int snapshot_diff(struct db *db, const struct lr_version *v, const json_t *before, const json_t *plan,
		  json_t *findings, json_t *diff, struct lr_err *err)
{
	if (json_object_get(before, "pruned")) {
		/* a journal without a snapshot: what the prune computed per table */
		json_object_set(diff, "pruned", json_object_get(before, "pruned"));
		return 0;
	}
	json_t *named = plan ? planned_tables(plan, v->line) : NULL;
	int rc = diff_tables(db, before, named, findings, diff, err);
	json_decref(named);
	if (rc < 0 || diff_keys(db, before, plan, findings, diff, err) < 0 ||
	    diff_orphans(db, v, before, findings, diff, err) < 0 || diff_displayed(db, before, findings, diff, err) < 0)
		return -1;
	return 0;
}
