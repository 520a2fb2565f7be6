/* Planted conditions (the fixed part of the ground truth, the same at every
 * scale): unused sites, pages, users; unused and faulty structures and
 * templates; an AssetEntry pinning an old article version; documents whose
 * file is missing and files with no row. Orphans: gen_orphans.c; staging:
 * gen_staging.c. */
#include "world.h"
#include <stdio.h>
#include <string.h>

static void record_site(struct world *w, const struct site *s, const char *reason)
{
	if (!w->truth)
		return;
	struct jw *j = truth_item(w->truth, T_UNUSED_SITES);
	jw_begin(j, NULL);
	jw_int(j, "groupId", s->groupId);
	jw_int(j, "companyId", s->companyId);
	jw_str(j, "name", s->name);
	jw_str(j, "friendlyURL", s->friendlyURL);
	jw_str(j, "uuid", s->uuid);
	jw_str(j, "reason", reason);
	jw_end(j);
}

static void record_page(struct world *w, const struct site *s, int64_t plid, int priv,
			int layoutId, const char *friendlyURL)
{
	if (!w->truth)
		return;
	struct jw *j = truth_item(w->truth, T_UNUSED_PAGES);
	jw_begin(j, NULL);
	jw_int(j, "plid", plid);
	jw_int(j, "groupId", s->groupId);
	jw_bool(j, "privateLayout", priv);
	jw_int(j, "layoutId", layoutId);
	jw_str(j, "friendlyURL", friendlyURL);
	jw_str(j, "uuid", w->lastLayoutUuid);
	jw_str(j, "reason", "no portlets, no content, no preferences");
	jw_end(j);
}

static void record_ddm(struct world *w, enum tsec sec, int64_t id, const char *key,
		       int64_t groupId, const char *reason)
{
	if (!w->truth)
		return;
	struct jw *j = truth_item(w->truth, sec);
	jw_begin(j, NULL);
	jw_int(j, sec == T_UNUSED_TEMPLATES ? "templateId" : "structureId", id);
	jw_str(j, sec == T_UNUSED_TEMPLATES ? "templateKey" : "structureKey", key);
	jw_int(j, "groupId", groupId);
	jw_str(j, "reason", reason);
	jw_end(j);
}

static void unused_sites(struct world *w)
{
	struct site s;
	int64_t old = w->now - 3 * 365 * DAY;
	site_open(w, &s, 0, CN_GROUP, 0, "Old Campaign", "/old-campaign", 1, 1,
		  "inheritLocales=true\n", 0, old, old);
	site_close(w, &s);
	record_site(w, &s, "no pages, no content, nothing modified in the last 365 days");

	old = w->now - 2 * 365 * DAY;
	site_open(w, &s, 0, CN_GROUP, 0, "Empty Intranet", "/empty-intranet", 3, 1,
		  "inheritLocales=true\n", 0, old, old);
	gen_layout(w, &s, 0, 0, "Welcome", "/welcome", NULL, 0, old, NULL);
	gen_layout(w, &s, 1, 0, "Team", "/team", NULL, 0, old, NULL);
	site_close(w, &s);
	record_site(w, &s, "two pages without portlets, no content, nothing modified in the last "
		    "365 days (its pages are not listed again under unusedPages)");
}

static void users(struct world *w)
{
	static const char *const inactive[] = { "former1", "former2", "former3" };
	for (int i = 0; i < 3; i++) {
		int64_t last = w->now - (200 + 50 * i) * DAY;
		int64_t id = gen_user(w, 0, inactive[i], "Former", "Employee", 5, last, 1, i == 2);
		gen_user_record(w, T_INACTIVE_USERS, id, inactive[i], 5, last,
				i == 2 ? "status 5 (inactive); an administrator, but another "
				"administrator remains" : "status 5 (inactive)");
	}
	static const struct { const char *sn; int days; } stale[] = {
		{ "dormant1", 400 }, { "dormant2", 800 }, { "neverlogged", -1 },
	};
	for (int i = 0; i < 3; i++) {
		int64_t last = stale[i].days < 0 ? -1 : w->now - stale[i].days * DAY;
		int64_t id = gen_user(w, 0, stale[i].sn, "Dormant", "User", 0, last, 1, 0);
		gen_user_record(w, T_STALE_USERS, id, stale[i].sn, 0, last,
				last < 0 ? "never logged in (lastLoginDate NULL), created more than "
				"365 days before referenceDate" : "lastLoginDate more than 365 days "
				"before referenceDate");
	}
}

/* A site in use that carries the planted pages, structures and documents. */
static void portal_site(struct world *w)
{
	struct site s;
	const struct company *c = &w->c[0];
	site_open(w, &s, 0, CN_GROUP, 0, "Intranet Portal", "/portal", 1, 1,
		  "inheritLocales=true\ntrashEnabled=true\n", 0, c->created, w->now - 2 * DAY);
	member(w, &s, c->adminUserId, c->id);
	gen_site_content(w, &s, 3, 4, 2, w->now - 300 * DAY);
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_PROTECTED_SITES);
		jw_begin(j, NULL);
		jw_int(j, "groupId", s.groupId);
		jw_int(j, "companyId", c->id);
		jw_str(j, "reason", "in use: carries the planted pages, structures and files");
		jw_end(j);
	}

	/* unused pages in a used site */
	int lid, home = 1; /* gen_site_content made /home first: layoutId 1 */
	int64_t old = w->now - 500 * DAY;
	int64_t plid = gen_layout(w, &s, 0, 0, "Empty Page", "/empty-page", NULL, 0, old, &lid);
	record_page(w, &s, plid, 0, lid, "/empty-page");
	plid = gen_layout(w, &s, 1, 0, "Drafts", "/drafts", NULL, 0, old, &lid);
	record_page(w, &s, plid, 1, lid, "/drafts");
	plid = gen_layout(w, &s, 0, home, "Old Child", "/home/old-child", NULL, 0, old, &lid);
	record_page(w, &s, plid, 0, lid, "/home/old-child");

	/* structures and templates */
	static const char *const f1[] = { "summary" };
	static const char *const fdup[] = { "title", "title", "body" };
	int64_t sid, tid;
	char key[76], tkey[76];
	snprintf(key, sizeof key, w->v7 ? "UNUSED-STRUCTURE" : "%lld", (long long)w->id + 1);
	gen_structure(w, &s, key, "Unused Structure", f1, 1, &sid, 0, NULL, NULL);
	record_ddm(w, T_UNUSED_STRUCTURES, sid, key, s.groupId,
		   "no article, no child structure, no template, no link");
	snprintf(key, sizeof key, w->v7 ? "TEMPLATED-STRUCTURE" : "%lld", (long long)w->id + 1);
	snprintf(tkey, sizeof tkey, w->v7 ? "UNUSED-TEMPLATE" : "%lld", (long long)w->id + 3);
	gen_structure(w, &s, key, "Templated Structure", f1, 1, &sid, 1, &tid, tkey);
	record_ddm(w, T_UNUSED_TEMPLATES, tid, tkey, s.groupId,
		   "no article uses it, no portlet preference names it, no template link "
		   "(its structure is kept: a template points at it)");

	snprintf(key, sizeof key, w->v7 ? "DUPLICATE-FIELDS" : "%lld", (long long)w->id + 1);
	gen_structure(w, &s, key, "Duplicate Fields", fdup, 3, &sid, 1, &tid, key);
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_DUPLICATE_FIELDS);
		jw_begin(j, NULL);
		jw_int(j, "structureId", sid);
		jw_str(j, "structureKey", key);
		jw_int(j, "groupId", s.groupId);
		jw_abegin(j, "fields");
		jw_str(j, NULL, "title");
		jw_aend(j);
		jw_end(j);
	}
	/* one article uses it, so it is not unused */
	struct site tmp = s;
	tmp.structureId = sid;
	tmp.templateId = tid;
	snprintf(tmp.structureKey, sizeof tmp.structureKey, "%s", key);
	snprintf(tmp.templateKey, sizeof tmp.templateKey, "%s", key);
	struct article a;
	memset(&a, 0, sizeof a);
	a.pin = -1;
	int st[10] = { 0 };
	gen_article(w, &tmp, st, 2, w->now - 100 * DAY, 10 * DAY, &a);

	/* ten approved versions; an old AssetEntry still points at version 1.3 */
	memset(&a, 0, sizeof a);
	a.pin = 3;
	a.noStructure = 1;
	gen_article(w, &s, st, 10, w->now - 200 * DAY, 10 * DAY, &a);

	/* documents whose file is missing from the store */
	for (int k = 0; k < 2; k++) {
		struct document d;
		memset(&d, 0, sizeof d);
		d.missing = k ? 0 : 1;
		int n = k ? 1 : 2;
		gen_document(w, &s, 0, st, n, 0, w->now - 90 * DAY, 10 * DAY, &d);
		if (!w->truth)
			continue;
		struct strbuf p = STRBUF_INIT;
		store_rel_path(w->opt->store_advanced, s.companyId, s.groupId, d.name,
			       d.versions[d.missing], &p);
		struct jw *j = truth_item(w->truth, T_MISSING_FILES);
		jw_begin(j, NULL);
		jw_int(j, "fileEntryId", d.fileEntryId);
		jw_int(j, "fileVersionId", d.versionIds[d.missing]);
		jw_str(j, "name", d.name);
		jw_str(j, "version", d.versions[d.missing]);
		jw_str(j, "title", d.title);
		jw_str(j, "path", p.buf);
		jw_end(j);
		strbuf_release(&p);
		if (k == 0 && w->store) {
			/* a stray version file beside a real document */
			struct strbuf e = STRBUF_INIT;
			store_rel_path(w->opt->store_advanced, s.companyId, s.groupId, d.name, "1.5", &e);
			store_put_rel(w->store, e.buf, "stray\n", 6);
			struct jw *x = truth_item(w->truth, T_EXTRA_FILES);
			jw_begin(x, NULL);
			jw_str(x, "path", e.buf);
			jw_str(x, "reason", "version 1.5 of an existing document has no DLFileVersion");
			jw_end(x);
			strbuf_release(&e);
		}
	}
	/* files with no row: a whole document directory and a company-level file */
	if (w->store && w->truth) {
		char name[24];
		snprintf(name, sizeof name, "%lld", (long long)++w->dlname);
		struct strbuf e = STRBUF_INIT;
		store_rel_path(w->opt->store_advanced, s.companyId, s.groupId, name, "1.0", &e);
		store_put_rel(w->store, e.buf, "orphan file\n", 12);
		struct jw *x = truth_item(w->truth, T_EXTRA_FILES);
		jw_begin(x, NULL);
		jw_str(x, "path", e.buf);
		jw_str(x, "reason", "no DLFileEntry has this name");
		jw_end(x);
		strbuf_reset(&e);
		store_rel_path(w->opt->store_advanced, s.companyId, 999999, "12345", "1.0", &e);
		store_put_rel(w->store, e.buf, "orphan repository\n", 18);
		x = truth_item(w->truth, T_EXTRA_FILES);
		jw_begin(x, NULL);
		jw_str(x, "path", e.buf);
		jw_str(x, "reason", "repository 999999 is no group or folder");
		jw_end(x);
		strbuf_release(&e);
	}
	site_close(w, &s);
}

void gen_planted(struct world *w)
{
	unused_sites(w);
	users(w);
	portal_site(w);
	gen_staging(w);
	gen_orphans(w);
}
