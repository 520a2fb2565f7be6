/* Per-site inventory: every Group_ that is a site, a staging group, a
 * template, the company's global site, or holds pages or content (a user's
 * personal site, the control panel), its type from ClassName_, and its content counted set-based:
 * one GROUP BY query per content table, matched to the groups in memory. */
#include "inventory.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Group_.classNameId -> ClassName_.value -> site type. The package prefix
 * changed in 7.0 (UpgradeKernelPackage), the simple name did not. */
static const char *const class_prefix[2] = { "com.liferay.portal.model.", "com.liferay.portal.kernel.model." };
static const struct gtype {
	const char *cls;
	const char *type;
	int listed; /* listed even when it is not a site (site=0) */
} group_types[] = {
	{ "Group", "regular", 0 },
	{ "Organization", "organization", 0 },
	{ "User", "user personal", 0 },
	{ "Company", "company (global)", 1 },
	{ "LayoutPrototype", "page template", 1 },
	{ "LayoutSetPrototype", "site template", 1 },
	{ "UserGroup", "user group", 0 },
	{ "UserPersonalSite", "user personal site", 0 },
	{ "Layout", "page scope", 0 },
};

/* Groups whose Group_.name is only an id (6.x user, template and company
 * groups; 7.x user groups have none): the name a person knows lives in the
 * owning row, joined by its primary key = Group_.classPK. */
static const struct owner_name {
	const char *cls, *table, *pk, *col;
} owner_names[] = {
	{ "User", "User_", "userId", "screenName" },
	{ "LayoutPrototype", "LayoutPrototype", "layoutPrototypeId", "name" },
	{ "LayoutSetPrototype", "LayoutSetPrototype", "layoutSetPrototypeId", "name" },
	{ "Organization", "Organization_", "organizationId", "name" },
};
#define NOWNERS (sizeof owner_names / sizeof owner_names[0])

struct site {
	int64_t group_id, company_id, class_pk, live_group_id;
	char *name, *friendly_url;
	const struct gtype *gt;
	int site, active;
	int64_t pages, articles, article_versions, documents, document_versions, users;
	char last_modified[32];
};

/* One GROUP BY query per content table: the key column (groupId, or an
 * organizationId matched to organization groups' classPK), COUNT(*), an
 * optional COUNT(DISTINCT x), an optional MAX(modified date). */
enum match { BY_GROUP, BY_ORGANIZATION };
static const struct agg {
	const char *table, *key, *distinct, *modified;
	enum match match;
	size_t count_off, distinct_off;
} aggs[] = {
	{ "Layout", "groupId", NULL, "modifiedDate", BY_GROUP, offsetof(struct site, pages), 0 },
	{ "JournalArticle", "groupId", "articleId", "modifiedDate", BY_GROUP,
	  offsetof(struct site, article_versions), offsetof(struct site, articles) },
	{ "DLFileEntry", "groupId", NULL, "modifiedDate", BY_GROUP, offsetof(struct site, documents), 0 },
	{ "DLFileVersion", "groupId", NULL, "modifiedDate", BY_GROUP, offsetof(struct site, document_versions), 0 },
	{ "Users_Groups", "groupId", NULL, NULL, BY_GROUP, offsetof(struct site, users), 0 },
	{ "Users_Orgs", "organizationId", NULL, NULL, BY_ORGANIZATION, offsetof(struct site, users), 0 },
};

static void xml_unescape(struct strbuf *out, const char *s, size_t n)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
	};
	if (n >= 12 && !strncmp(s, "<![CDATA[", 9) && !strncmp(s + n - 3, "]]>", 3)) {
		strbuf_add(out, s + 9, n - 12);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t k;
		for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
			size_t l = strlen(ents[k].ent);
			if (i + l <= n && !strncmp(s + i, ents[k].ent, l)) {
				strbuf_addch(out, ents[k].c);
				i += l - 1;
				break;
			}
		}
		if (k == sizeof ents / sizeof ents[0])
			strbuf_addch(out, s[i]);
	}
}

/* Text of the first element carrying language-id="lang" (any lang if NULL). */
static int element_for(const char *xml, const char *lang, struct strbuf *out)
{
	const char *p = xml;
	while ((p = strstr(p, "language-id=\"")) != NULL) {
		const char *v = p + 13;
		const char *q = strchr(v, '"');
		if (!q)
			return 0;
		const char *gt = strchr(q, '>');
		if (!gt)
			return 0;
		if (!lang || ((size_t)(q - v) == strlen(lang) && !strncmp(v, lang, (size_t)(q - v)))) {
			const char *end = strstr(gt + 1, "</");
			if (!end)
				return 0;
			xml_unescape(out, gt + 1, (size_t)(end - gt - 1));
			return 1;
		}
		p = gt;
	}
	return 0;
}

char *lr_localized_value(const char *s)
{
	if (!s)
		return NULL;
	const char *t = s;
	while (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t')
		t++;
	if (strncmp(t, "<?xml", 5) != 0 && strncmp(t, "<root", 5) != 0)
		return xstrdup(s);
	struct strbuf out = STRBUF_INIT;
	char lang[64] = "";
	const char *dl = strstr(t, "default-locale=\"");
	if (dl) {
		dl += 16;
		size_t n = strcspn(dl, "\"");
		if (n < sizeof lang) {
			memcpy(lang, dl, n);
			lang[n] = '\0';
		}
	}
	if (!(lang[0] && element_for(t, lang, &out)) && !element_for(t, "en_US", &out))
		element_for(t, NULL, &out);
	return strbuf_detach(&out, NULL);
}

static int cmp_site(const void *a, const void *b)
{
	const struct site *x = a, *y = b;
	return x->group_id < y->group_id ? -1 : x->group_id > y->group_id;
}

static struct site *find_site(struct site *s, size_t n, int64_t id)
{
	struct site key = { .group_id = id };
	return bsearch(&key, s, n, sizeof *s, cmp_site);
}

static const struct gtype *type_of(const char *cls, int is7x)
{
	if (!cls)
		return NULL;
	/* the version's own spelling first, then the other (half-upgraded data) */
	for (int k = 0; k < 2; k++) {
		const char *pre = class_prefix[k == 0 ? is7x : !is7x];
		size_t pl = strlen(pre);
		if (strncmp(cls, pre, pl) != 0)
			continue;
		for (size_t i = 0; i < sizeof group_types / sizeof group_types[0]; i++)
			if (!strcmp(cls + pl, group_types[i].cls))
				return &group_types[i];
	}
	return NULL;
}

static void sel(struct db *db, struct strbuf *sql, const char *alias, const struct db_table *t,
		const char *col)
{
	const struct db_column *c = t ? db_column_find(t, col) : NULL;
	strbuf_addstr(sql, ", ");
	if (!c) {
		strbuf_addstr(sql, "NULL");
		return;
	}
	strbuf_addf(sql, "%s.", alias);
	db_quote_ident(db, sql, c->name);
}

static int load_groups(struct db *db, const struct lr_version *v, struct site **out, size_t *nout,
		       struct lr_err *err)
{
	const struct db_table *g = db_table_find(db, "Group_");
	const struct db_table *cn = db_table_find(db, "ClassName_");
	const struct db_column *gid = g ? db_column_find(g, "groupId") : NULL;
	*out = NULL;
	*nout = 0;
	if (!gid)
		return 0;
	int join = cn && db_column_find(cn, "classNameId") && db_column_find(cn, "value") &&
		   db_column_find(g, "classNameId");
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT g.");
	db_quote_ident(db, &sql, gid->name);
	sel(db, &sql, "g", g, "companyId");
	sel(db, &sql, "g", g, "classPK");
	sel(db, &sql, "g", g, "liveGroupId");
	sel(db, &sql, "g", g, "name");
	sel(db, &sql, "g", g, "friendlyURL");
	sel(db, &sql, "g", g, "site");
	sel(db, &sql, "g", g, "active_");
	sel(db, &sql, "g", g, "groupKey");
	sel(db, &sql, "c", join ? cn : NULL, "value");
	const struct db_column *cpk = db_column_find(g, "classPK");
	const struct db_table *ot[NOWNERS];
	for (size_t k = 0; k < NOWNERS; k++) {
		const struct db_table *t = cpk ? db_table_find(db, owner_names[k].table) : NULL;
		ot[k] = t && db_column_find(t, owner_names[k].pk) && db_column_find(t, owner_names[k].col) ? t : NULL;
		char alias[8];
		snprintf(alias, sizeof alias, "o%zu", k);
		sel(db, &sql, alias, ot[k], owner_names[k].col);
	}
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, g->name);
	strbuf_addstr(&sql, " g");
	for (size_t k = 0; k < NOWNERS; k++) {
		if (!ot[k])
			continue;
		strbuf_addstr(&sql, " LEFT JOIN ");
		db_quote_ident(db, &sql, ot[k]->name);
		strbuf_addf(&sql, " o%zu ON o%zu.", k, k);
		db_quote_ident(db, &sql, db_column_find(ot[k], owner_names[k].pk)->name);
		strbuf_addstr(&sql, " = g.");
		db_quote_ident(db, &sql, cpk->name);
	}
	if (join) {
		strbuf_addstr(&sql, " LEFT JOIN ");
		db_quote_ident(db, &sql, cn->name);
		strbuf_addstr(&sql, " c ON c.");
		db_quote_ident(db, &sql, db_column_find(cn, "classNameId")->name);
		strbuf_addstr(&sql, " = g.");
		db_quote_ident(db, &sql, db_column_find(g, "classNameId")->name);
	}
	strbuf_addstr(&sql, " ORDER BY 1");
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), NULL, 0, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	struct site *s = NULL;
	size_t n = 0, cap = 0;
	int is7x = lr_version_is_7x(v);
	int has_active = db_column_find(g, "active_") != NULL;
	while ((rc = db_next(c, err)) == 1) {
		XGROW(s, cap, n + 1);
		struct site *x = &s[n++];
		memset(x, 0, sizeof *x);
		x->group_id = db_get_int(c, 0);
		x->company_id = db_get_int(c, 1);
		x->class_pk = db_get_int(c, 2);
		x->live_group_id = db_get_int(c, 3);
		x->name = lr_localized_value(db_get_text(c, 4));
		if (!x->name || !*x->name) {
			const char *key = db_get_text(c, 8);
			free(x->name);
			x->name = key ? xstrdup(key) : NULL;
		}
		const char *fu = db_get_text(c, 5);
		x->friendly_url = fu ? xstrdup(fu) : NULL;
		x->site = (int)db_get_int(c, 6);
		x->active = has_active ? (int)db_get_int(c, 7) : 1;
		x->gt = type_of(db_get_text(c, 9), is7x);
		for (size_t k = 0; x->gt && k < NOWNERS; k++) {
			const char *own = db_get_text(c, 10 + (int)k);
			if (own && *own && !strcmp(x->gt->cls, owner_names[k].cls)) {
				free(x->name);
				x->name = lr_localized_value(own);
			}
		}
		/* 6.x names the company's group by its companyId; Liferay shows "Global" */
		if (x->gt && !strcmp(x->gt->cls, "Company") && x->name && strspn(x->name, "0123456789") == strlen(x->name)) {
			free(x->name);
			x->name = xstrdup("Global");
		}
	}
	db_cursor_close(c);
	*out = s;
	*nout = n;
	/* ORDER BY groupId already, but bsearch needs numeric order for sure */
	if (n)
		qsort(s, n, sizeof *s, cmp_site);
	return rc < 0 ? -1 : 0;
}

/* Live organization sites by organizationId (= their classPK). */
static int cmp_org(const void *a, const void *b)
{
	const struct site *x = *(struct site *const *)a, *y = *(struct site *const *)b;
	return x->class_pk < y->class_pk ? -1 : x->class_pk > y->class_pk;
}

static struct site *find_org(struct site **orgs, size_t n, int64_t org_id)
{
	struct site key = { .class_pk = org_id };
	struct site *kp = &key;
	struct site **hit = n ? bsearch(&kp, orgs, n, sizeof *orgs, cmp_org) : NULL;
	return hit ? *hit : NULL;
}

static int run_agg(struct db *db, const struct agg *a, struct site *s, size_t n, struct site **orgs,
		   size_t norgs, struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, a->table);
	const struct db_column *key = t ? db_column_find(t, a->key) : NULL;
	if (!key)
		return 0;
	const struct db_column *dc = a->distinct ? db_column_find(t, a->distinct) : NULL;
	const struct db_column *mc = a->modified ? db_column_find(t, a->modified) : NULL;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	db_quote_ident(db, &sql, key->name);
	strbuf_addstr(&sql, ", COUNT(*), ");
	if (dc) {
		strbuf_addstr(&sql, "COUNT(DISTINCT ");
		db_quote_ident(db, &sql, dc->name);
		strbuf_addstr(&sql, "), ");
	} else {
		strbuf_addstr(&sql, "NULL, ");
	}
	if (mc) {
		strbuf_addstr(&sql, "MAX(");
		db_quote_ident(db, &sql, mc->name);
		strbuf_addstr(&sql, ")");
	} else {
		strbuf_addstr(&sql, "NULL");
	}
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " GROUP BY ");
	db_quote_ident(db, &sql, key->name);
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), NULL, 0, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = db_next(c, err)) == 1) {
		int64_t id = db_get_int(c, 0);
		struct site *x = a->match == BY_GROUP ? find_site(s, n, id) : find_org(orgs, norgs, id);
		if (!x)
			continue;
		*(int64_t *)((char *)x + a->count_off) += db_get_int(c, 1);
		if (a->distinct_off)
			*(int64_t *)((char *)x + a->distinct_off) += db_get_int(c, 2);
		const char *mod = db_get_text(c, 3);
		if (mod && strcmp(mod, x->last_modified) > 0)
			snprintf(x->last_modified, sizeof x->last_modified, "%s", mod);
	}
	db_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

static void free_sites(struct site *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].name);
		free(s[i].friendly_url);
	}
	free(s);
}

#define jstr lr_json_text

int inventory_sites(struct db *db, const struct lr_version *v, json_t *report, struct lr_err *err)
{
	struct site *s;
	size_t n;
	if (load_groups(db, v, &s, &n, err) < 0)
		return -1;
	struct site **orgs = xcalloc(n + 1, sizeof *orgs);
	size_t norgs = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i].gt && !strcmp(s[i].gt->cls, "Organization") && s[i].live_group_id == 0)
			orgs[norgs++] = &s[i];
	qsort(orgs, norgs, sizeof *orgs, cmp_org);
	for (size_t i = 0; i < sizeof aggs / sizeof aggs[0]; i++) {
		if (run_agg(db, &aggs[i], s, n, orgs, norgs, err) < 0) {
			lr_err_prefix(err, "counting %s per site: ", aggs[i].table);
			free(orgs);
			free_sites(s, n);
			return -1;
		}
	}
	free(orgs);
	json_t *arr = json_array();
	int64_t hidden = 0;
	for (size_t i = 0; i < n; i++) {
		struct site *x = &s[i];
		int is_user = x->gt && !strcmp(x->gt->cls, "User");
		if (is_user)
			x->users = 1; /* a personal site belongs to its one user */
		int content = x->pages || x->article_versions || x->document_versions;
		/* every group holding pages or content is listed, so no content goes unaccounted */
		int listed = x->site || x->live_group_id != 0 || (x->gt && x->gt->listed) || content;
		if (!listed) {
			hidden++;
			continue;
		}
		const char *type = x->live_group_id != 0 ? "staging" : x->gt ? x->gt->type : "other";
		json_t *o = json_pack("{s:I, s:I, s:o, s:o, s:s, s:b, s:b}", "groupId", (json_int_t)x->group_id,
				      "companyId", (json_int_t)x->company_id, "name", jstr(x->name),
				      "friendlyURL", jstr(x->friendly_url), "type", type, "site", x->site != 0,
				      "active", x->active != 0);
		json_object_set_new(o, "liveGroupId", x->live_group_id ? json_integer(x->live_group_id) : json_null());
		json_object_set_new(o, "pages", json_integer(x->pages));
		json_object_set_new(o, "articles", json_integer(x->articles));
		json_object_set_new(o, "articleVersions", json_integer(x->article_versions));
		json_object_set_new(o, "documents", json_integer(x->documents));
		json_object_set_new(o, "documentVersions", json_integer(x->document_versions));
		json_object_set_new(o, "users", json_integer(x->users));
		json_object_set_new(o, "lastModified", x->last_modified[0] ? json_string(x->last_modified) : json_null());
		json_array_append_new(arr, o);
	}
	free_sites(s, n);
	json_object_set_new(report, "sites", arr);
	json_object_set_new(report, "groupsNotListed", json_integer(hidden));
	return 0;
}
