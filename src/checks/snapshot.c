/* Snapshots and what changed since (docs/check.md "Snapshot format").
 * Key sets are stored as sorted ranges grouped by "scope" columns (the
 * owner: groupId, companyId, classPK ...), so a vanished key can be named and
 * tied to the removed object that explains it. */
#include "snapshot.h"
#include "checks.h"
#include "../db/checksum.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

/* Key Liferay tables: key column and the columns naming what owns a row.
 * A vanished row is explained when its key, or one of its scope values,
 * is a planned object or another explained vanished key (Liferay ids come
 * from one Counter, so ids do not collide across tables). */
struct key_table {
	const char *table, *key, *scope[3];
};
static const struct key_table key_tables[] = {
	{ "Company", "companyId", { NULL } },
	{ "Group_", "groupId", { "companyId", "classPK", "liveGroupId" } },
	{ "Layout", "plid", { "groupId", "companyId" } },
	{ "LayoutSet", "layoutSetId", { "groupId", "companyId" } },
	{ "User_", "userId", { "companyId" } },
	{ "Organization_", "organizationId", { "companyId" } },
	{ "Role_", "roleId", { "companyId", "classPK" } },
	{ "JournalArticle", "id_", { "groupId", "companyId", "+resourcePrimKey" } },
	{ "JournalArticleResource", "resourcePrimKey", { "groupId", "companyId" } },
	{ "DLFileVersion", "fileVersionId", { "groupId", "fileEntryId", "companyId" } },
	{ "DDMStructure", "structureId", { "groupId", "companyId" } },
	{ "DDMTemplate", "templateId", { "groupId", "classPK", "companyId" } },
	{ "AssetEntry", "entryId", { "groupId", "classPK", "companyId" } },
	{ "PortletPreferences", "portletPreferencesId", { "plid", "ownerId", "companyId" } },
	{ "JournalContentSearch", "contentSearchId", { "groupId", "companyId" } },
	{ "MBMessage", "messageId", { "groupId", "companyId" } },
	{ "BlogsEntry", "entryId", { "groupId", "companyId" } },
};
#define NKEY ((int)(sizeof key_tables / sizeof key_tables[0]))

/* Web Content Display portlet ids (6.2, 7.x). */
/* '!' escapes LIKE's '_': a backslash is a string escape on MariaDB */
static const char *const wcd_like[] = { "56!_INSTANCE!_%",
					"com!_liferay!_journal!_content!_web!_portlet!_JournalContentPortlet!_INSTANCE!_%",
					NULL };

/* SQL from a template: {Table} is the table's real quoted name, [Table.col]
 * the column's (real dumps spell them group_, PostgreSQL needs quotes around
 * mixed case). Returns 0, or 1 when a table or column is absent. */
int snapshot_sql(struct db *db, struct strbuf *sb, const char *tmpl)
{
	for (const char *p = tmpl; *p; p++) {
		if (*p != '{' && *p != '[') {
			strbuf_addch(sb, *p);
			continue;
		}
		char close = *p == '{' ? '}' : ']', name[128];
		const char *e = strchr(p, close);
		if (!e || (size_t)(e - p) >= sizeof name)
			return 1;
		memcpy(name, p + 1, (size_t)(e - p - 1));
		name[e - p - 1] = 0;
		char *dot = close == ']' ? strchr(name, '.') : NULL;
		if (dot)
			*dot = 0;
		const struct db_table *t = db_table_find(db, name);
		const struct db_column *c = t && dot ? db_column_find(t, dot + 1) : NULL;
		if (!t || (close == ']' && !c))
			return 1;
		db_quote_ident(db, sb, c ? c->name : t->name);
		p = e;
	}
	return 0;
}

/* ---- key sets -------------------------------------------------------------- */

static int resolve(struct db *db, const struct key_table *k, const struct db_table **t, const char *sc[3])
{
	*t = db_table_find(db, k->table);
	if (!*t || !db_column_find(*t, k->key))
		return 0;
	int n = 0;
	for (int i = 0; i < 3 && k->scope[i]; i++) {
		/* "+col": not an owner, a parent that goes with its last child */
		const char *nm = k->scope[i] + (k->scope[i][0] == '+');
		const struct db_column *c = db_column_find(*t, nm);
		if (c)
			sc[n++] = k->scope[i][0] == '+' ? k->scope[i] : c->name;
	}
	return n + 1;
}

static void add_range(json_t *arr, int64_t a, int64_t b)
{
	if (a == b)
		json_array_append_new(arr, json_integer(a));
	else
		json_array_append_new(arr, json_pack("[I,I]", (json_int_t)a, (json_int_t)b));
}

/* {"column", "scopes", "count", "sets": [{"s":[scope values], "k":[ranges]}]}
 * or, past SNAPSHOT_MAX_RANGES, {"column","count","truncated":true}. */
static int key_set(struct db *db, const struct key_table *k, json_t **out, struct lr_err *err)
{
	const struct db_table *t;
	const char *sc[3] = { 0 };
	int n = resolve(db, k, &t, sc);
	*out = NULL;
	if (!n)
		return 0;
	int ns = n - 1;
	struct strbuf q = STRBUF_INIT;
	strbuf_addstr(&q, "SELECT ");
	for (int i = 0; i < ns; i++) {
		db_quote_ident(db, &q, db_column_find(t, sc[i] + (sc[i][0] == '+'))->name);
		strbuf_addstr(&q, ", ");
	}
	db_quote_ident(db, &q, db_column_find(t, k->key)->name);
	strbuf_addstr(&q, " FROM ");
	db_quote_ident(db, &q, t->name);
	strbuf_addstr(&q, " ORDER BY ");
	for (int i = 0; i <= ns; i++) {
		db_quote_ident(db, &q, db_column_find(t, i < ns ? sc[i] + (sc[i][0] == '+') : k->key)->name);
		strbuf_addstr(&q, i < ns ? ", " : "");
	}
	struct db_cursor *c;
	if (db_query(db, q.buf, NULL, 0, &c, err) < 0) {
		strbuf_release(&q);
		return -1;
	}
	strbuf_release(&q);
	json_t *o = json_object(), *sets = json_array(), *scopes = json_array();
	for (int i = 0; i < ns; i++)
		json_array_append_new(scopes, json_string(sc[i]));
	json_object_set_new(o, "column", json_string(db_column_find(t, k->key)->name));
	json_object_set_new(o, "scopes", scopes);
	int64_t prev_s[3] = { 0 }, a = 0, b = 0, count = 0, nranges = 0;
	json_t *cur = NULL;
	int r, have = 0;
	while ((r = db_next(c, err)) == 1) {
		int64_t s[3];
		for (int i = 0; i < ns; i++)
			s[i] = db_get_int(c, i);
		int64_t key = db_get_int(c, ns);
		count++;
		int same = cur != NULL;
		for (int i = 0; same && i < ns; i++)
			same = s[i] == prev_s[i];
		if (same && have && key == b + 1) {
			b = key;
			continue;
		}
		if (have)
			add_range(cur, a, b), nranges++;
		if (!same) {
			json_t *set = json_object(), *sv = json_array();
			for (int i = 0; i < ns; i++)
				json_array_append_new(sv, json_integer(s[i])), prev_s[i] = s[i];
			json_object_set_new(set, "s", sv);
			cur = json_array();
			json_object_set_new(set, "k", cur);
			json_array_append_new(sets, set);
		}
		a = b = key;
		have = 1;
	}
	db_cursor_close(c);
	if (r < 0) {
		json_decref(o);
		json_decref(sets);
		return -1;
	}
	if (have)
		add_range(cur, a, b), nranges++;
	json_object_set_new(o, "count", json_integer(count));
	if (nranges > SNAPSHOT_MAX_RANGES) {
		json_decref(sets);
		json_object_set_new(o, "truncated", json_true());
	} else {
		json_object_set_new(o, "sets", sets);
	}
	*out = o;
	return 0;
}

int snapshot_key_set(struct db *db, int i, const char **table, json_t **out, struct lr_err *err)
{
	_Static_assert(NKEY == SNAPSHOT_NKEY, "SNAPSHOT_NKEY");
	*table = key_tables[i].table;
	return key_set(db, &key_tables[i], out, err);
}

/* ---- articles shown on pages ------------------------------------------------ */

/* Value of preference `name` in portlet-preferences XML (first <value>). */
static char *pref_value(const char *xml, const char *name)
{
	char pat[64];
	snprintf(pat, sizeof pat, "<name>%s</name>", name);
	const char *p = xml ? strstr(xml, pat) : NULL;
	if (!p)
		return NULL;
	p += strlen(pat);
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	if (strncmp(p, "<value>", 7))
		return NULL;
	p += 7;
	const char *e = strstr(p, "</value>");
	return e && e > p ? xstrndup(p, (size_t)(e - p)) : NULL;
}

static int article_exists(struct db *db, int64_t group, const char *article, int *yes, struct lr_err *err)
{
	struct strbuf q = STRBUF_INIT;
	*yes = 0;
	if (snapshot_sql(db, &q, "SELECT COUNT(*) FROM {JournalArticle} WHERE [JournalArticle.groupId] = ? AND "
				 "[JournalArticle.articleId] = ?")) {
		strbuf_release(&q);
		return 0;
	}
	struct db_value p[2] = { db_int(group), db_text(article) };
	int64_t n = 0;
	int rc = db_query_int(db, q.buf, p, 2, &n, err);
	strbuf_release(&q);
	*yes = n > 0;
	return rc;
}

static json_t *page_json(struct db_cursor *c, int col)
{
	/* columns from col: plid, groupId, privateLayout, layoutId, friendlyURL */
	json_t *o = json_object();
	const char *names[] = { "plid", "groupId", "privateLayout", "layoutId", "friendlyURL" };
	for (int i = 0; i < 5; i++) {
		struct db_value v;
		db_get(c, col + i, &v);
		json_object_set_new(o, names[i], checks_value_json(&v));
	}
	return o;
}

/* [{source, portletId, articleGroupId, articleId, page:{...}|null}] */
int snapshot_displayed(struct db *db, json_t **out, struct lr_err *err)
{
	json_t *arr = json_array();
	struct strbuf q = STRBUF_INIT;
	struct db_cursor *c;
	int r = 0;
	*out = NULL;
	if (!snapshot_sql(db, &q, "SELECT j.[JournalContentSearch.portletId], j.[JournalContentSearch.groupId], "
				  "j.[JournalContentSearch.articleId], l.[Layout.plid], l.[Layout.groupId], "
				  "l.[Layout.privateLayout], l.[Layout.layoutId], l.[Layout.friendlyURL] "
				  "FROM {JournalContentSearch} j LEFT JOIN {Layout} l ON l.[Layout.groupId] = "
				  "j.[JournalContentSearch.groupId] AND l.[Layout.privateLayout] = "
				  "j.[JournalContentSearch.privateLayout] AND l.[Layout.layoutId] = "
				  "j.[JournalContentSearch.layoutId] ORDER BY j.[JournalContentSearch.contentSearchId]")) {
		if (db_query(db, q.buf, NULL, 0, &c, err) < 0)
			goto fail;
		while ((r = db_next(c, err)) == 1) {
			/* db_get_text() reuses one buffer per cursor: copy before the next */
			char *portlet = db_is_null(c, 0) ? NULL : xstrdup(db_get_text(c, 0));
			char *article = db_is_null(c, 2) ? NULL : xstrdup(db_get_text(c, 2));
			json_t *page = db_is_null(c, 3) ? json_null() : page_json(c, 3);
			json_array_append_new(arr, json_pack("{s:s, s:s?, s:I, s:s?, s:o}", "source",
							     "JournalContentSearch", "portletId", portlet,
							     "articleGroupId", (json_int_t)db_get_int(c, 1), "articleId",
							     article, "page", page));
			free(portlet);
			free(article);
		}
		db_cursor_close(c);
		if (r < 0)
			goto fail;
	}
	strbuf_reset(&q);
	if (!snapshot_sql(db, &q, "SELECT p.[PortletPreferences.portletId], p.[PortletPreferences.preferences], "
				  "l.[Layout.plid], l.[Layout.groupId], l.[Layout.privateLayout], l.[Layout.layoutId], "
				  "l.[Layout.friendlyURL] FROM {PortletPreferences} p LEFT JOIN {Layout} l ON "
				  "l.[Layout.plid] = p.[PortletPreferences.plid] WHERE (p.[PortletPreferences.portletId] "
				  "LIKE ? ESCAPE '!' OR p.[PortletPreferences.portletId] LIKE ? ESCAPE '!') AND "
				  "p.[PortletPreferences.plid] <> 0 ORDER BY p.[PortletPreferences.portletPreferencesId]")) {
		struct db_value pv[2] = { db_text(wcd_like[0]), db_text(wcd_like[1]) };
		if (db_query(db, q.buf, pv, 2, &c, err) < 0)
			goto fail;
		while ((r = db_next(c, err)) == 1) {
			char *art = pref_value(db_get_text(c, 1), "articleId");
			char *grp = pref_value(db_get_text(c, 1), "groupId");
			if (art) {
				json_t *page = db_is_null(c, 2) ? json_null() : page_json(c, 2);
				char *portlet = db_is_null(c, 0) ? NULL : xstrdup(db_get_text(c, 0));
				json_t *e = json_pack("{s:s, s:s?, s:s, s:o}", "source", "PortletPreferences",
						      "portletId", portlet, "articleId", art, "page", page);
				free(portlet);
				int64_t g = grp ? strtoll(grp, NULL, 10) : (db_is_null(c, 3) ? 0 : db_get_int(c, 3));
				json_object_set_new(e, "articleGroupId", json_integer(g));
				json_array_append_new(arr, e);
			}
			free(art);
			free(grp);
		}
		db_cursor_close(c);
		if (r < 0)
			goto fail;
	}
	/* whether each article exists (after the cursors: one per connection) */
	size_t i;
	json_t *e;
	json_array_foreach(arr, i, e) {
		int yes;
		if (article_exists(db, json_integer_value(json_object_get(e, "articleGroupId")),
				   json_string_value(json_object_get(e, "articleId")), &yes, err) < 0)
			goto fail;
		json_object_set_new(e, "articleExists", json_boolean(yes));
	}
	strbuf_release(&q);
	*out = arr;
	return 0;
fail:
	strbuf_release(&q);
	json_decref(arr);
	return -1;
}

/* Orphan rows per table: {"Table": {"rows": {"pk|pk2|col": true, ...}}}. */
struct orphan_acc {
	json_t *tables;
};
static int orphan_row(void *ctx, const struct checks_object *o)
{
	struct orphan_acc *a = ctx;
	if (strcmp(o->category, "orphan") || o->n < 4)
		return 0;
	const char *tbl = o->vals[0].s;
	if (o->vals[0].kind != DB_TEXT || !tbl)
		return 0;
	struct strbuf k = STRBUF_INIT;
	db_value_canonical(&o->vals[1], &k);
	strbuf_addch(&k, '|');
	db_value_canonical(&o->vals[2], &k);
	/* the dangling column too: a row already orphaned by one reference is
	 * left behind anew when another of its references loses its target */
	strbuf_addch(&k, '|');
	db_value_canonical(&o->vals[3], &k);
	json_t *t = json_object_get(a->tables, tbl);
	if (!t) {
		t = json_object();
		json_object_set_new(t, "rows", json_object());
		json_object_set_new(a->tables, tbl, t);
	}
	json_object_set_new(json_object_get(t, "rows"), strbuf_str(&k), json_true());
	strbuf_release(&k);
	return 0;
}

int snapshot_orphans(struct db *db, const struct lr_version *v, json_t **out, struct lr_err *err)
{
	static const char *const only[] = { "orphan.", NULL };
	struct checks_opts o = { .only = only, .max_samples = CHECKS_DEFAULT_MAX_SAMPLES };
	struct orphan_acc a = { json_object() };
	json_t *fail = NULL;
	if (checks_collect(db, v, &o, orphan_row, &a, &fail, err) < 0) {
		json_decref(a.tables);
		json_decref(fail);
		return -1;
	}
	json_decref(fail);
	*out = a.tables;
	return 0;
}

int snapshot_take(struct db *db, const struct lr_version *v, json_t **out, struct lr_err *err)
{
	const struct db_catalog *cat = db_catalog(db, err);
	if (!cat)
		return -1;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *s = json_pack("{s:s, s:i, s:s, s:s, s:{s:s, s:s, s:i}}", "format", SNAPSHOT_FORMAT,
			      "formatVersion", SNAPSHOT_FORMAT_VERSION, "generator", "lrprep " LRPREP_VERSION,
			      "created", when, "database", "engine", db_engine_name(db_engine(db)), "line",
			      lr_line_name(v->line), "buildNumber", v->build_number);
	json_t *tables = json_object(), *keys = json_object(), *x;
	json_object_set_new(s, "tables", tables);
	json_object_set_new(s, "keys", keys);
	for (int i = 0; i < cat->ntables; i++) {
		struct table_sum ts;
		if (db_table_checksum(db, cat->tables[i].name, &ts, err) < 0)
			goto fail;
		json_object_set_new(tables, cat->tables[i].name,
				    json_pack("{s:I, s:s}", "rows", (json_int_t)ts.rows, "checksum", ts.hex));
	}
	for (int i = 0; i < NKEY; i++) {
		if (key_set(db, &key_tables[i], &x, err) < 0)
			goto fail;
		if (x)
			json_object_set_new(keys, db_table_find(db, key_tables[i].table)->name, x);
	}
	if (snapshot_displayed(db, &x, err) < 0)
		goto fail;
	json_object_set_new(s, "displayed", x);
	if (snapshot_orphans(db, v, &x, err) < 0)
		goto fail;
	json_object_set_new(s, "orphans", x);
	*out = s;
	return 0;
fail:
	json_decref(s);
	return -1;
}

int snapshot_load(const char *path, json_t **out, struct lr_err *err)
{
	struct stat st;
	json_error_t je;
	struct strbuf p = STRBUF_INIT;
	*out = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* a prune journal: its own snapshot if it has one, else meta.json */
		strbuf_addf(&p, "%s/snapshot.json", path);
		if (stat(p.buf, &st) != 0) {
			strbuf_reset(&p);
			strbuf_addf(&p, "%s/meta.json", path);
			json_t *m = json_load_file(p.buf, 0, &je);
			if (!m || !json_is_object(json_object_get(m, "rows"))) {
				json_decref(m);
				lr_fail(err, LR_EXIT_INPUT, "%s is neither a snapshot nor a prune journal (%s)",
					path, p.buf);
				strbuf_release(&p);
				return -1;
			}
			*out = json_pack("{s:s, s:i, s:s, s:O}", "format", SNAPSHOT_FORMAT, "formatVersion",
					 SNAPSHOT_FORMAT_VERSION, "journal", path, "pruned", json_object_get(m, "rows"));
			json_decref(m);
			strbuf_release(&p);
			return 0;
		}
		path = p.buf;
	}
	json_t *s = json_load_file(path, 0, &je);
	if (!s) {
		lr_fail(err, LR_EXIT_INPUT, "cannot read snapshot %s: %s (line %d)", path, je.text, je.line);
		strbuf_release(&p);
		return -1;
	}
	const char *fmt = json_string_value(json_object_get(s, "format"));
	json_int_t ver = json_integer_value(json_object_get(s, "formatVersion"));
	if (fmt && !strcmp(fmt, SNAPSHOT_FORMAT) && ver == 1) {
		/* its sums are of checksum definition 1 (docs/checksum.md, Version) */
		lr_fail(err, LR_EXIT_USAGE, "%s was taken by an earlier lrprep (format version 1, other row "
			"checksums): take the snapshot again with this lrprep", path);
		json_decref(s);
		strbuf_release(&p);
		return -1;
	}
	if (!fmt || strcmp(fmt, SNAPSHOT_FORMAT) || ver < 1 || ver > SNAPSHOT_FORMAT_VERSION) {
		lr_fail(err, LR_EXIT_USAGE, "%s is not an lrprep snapshot of format version %d", path,
			SNAPSHOT_FORMAT_VERSION);
		json_decref(s);
		strbuf_release(&p);
		return -1;
	}
	strbuf_release(&p);
	*out = s;
	return 0;
}
