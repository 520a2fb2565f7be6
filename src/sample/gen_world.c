/* The order of generation: portal, instances, users, organizations, the
 * Guest site, the scaled regular sites, then the planted conditions. The
 * order fixes every id, so it must not depend on anything but the options. */
#include "world.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void organization(struct world *w, const char *name, int withSite, int64_t *orgId,
			 struct site *s)
{
	struct company *c = &w->c[0];
	*orgId = nid(w);
	char u[37];
	uuid(w, u);
	struct otab *t = out_table(w->o, "Organization_");
	row(t);
	si(t, "mvccVersion", 0);
	ss(t, "uuid_", u);
	si(t, "organizationId", *orgId);
	si(t, "companyId", c->id);
	si(t, "userId", c->adminUserId);
	sd(t, "createDate", c->created + 20 * DAY);
	sd(t, "modifiedDate", c->created + 20 * DAY);
	si(t, "parentOrganizationId", 0);
	sf(t, "treePath", "/%lld/", (long long)*orgId);
	ss(t, "name", name);
	ss(t, "type_", w->v7 ? "organization" : "regular-organization");
	si(t, "recursable", 1);
	si(t, "statusId", 12017);
	emit(t);
	char gname[128], fu[64];
	snprintf(gname, sizeof gname, "%s LFR_ORGANIZATION", name);
	snprintf(fu, sizeof fu, "/%s", name);
	for (char *p = fu; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p == ' ' ? '-' : *p);
	site_open(w, s, 0, CN_ORGANIZATION, *orgId, gname, fu, withSite ? 1 : 3, withSite,
		  withSite ? "inheritLocales=true\n" : "", 0, c->created, w->now - 5 * DAY);
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_PROTECTED_SITES);
		jw_begin(j, NULL);
		jw_int(j, "groupId", s->groupId);
		jw_int(j, "companyId", c->id);
		jw_str(j, "reason", "site of a live organization");
		jw_end(j);
	}
}

static void user_org(struct world *w, int64_t userId, int64_t orgId)
{
	struct otab *t = out_table(w->o, "Users_Orgs");
	row(t);
	si(t, "companyId", w->c[0].id);
	si(t, "organizationId", orgId);
	si(t, "userId", userId);
	emit(t);
}

void gen_world(struct world *w)
{
	const struct sample_opts *o = w->opt;
	struct site guest, *s = xcalloc(1, sizeof *s);
	w->guest[0] = &guest;
	w->guest[1] = s;
	gen_classnames(w);
	gen_release(w);
	gen_company(w, 0, "liferay.com", "liferay.com", w->now - 6 * 365 * DAY);
	struct company *c = &w->c[0];

	/* the only active administrator has not logged in for two years: stale
	 * by the login rule, yet the last admin must never be removed */
	c->adminUserId = gen_user(w, 0, "test", "Test", "Test", 0, w->now - 730 * DAY, 1, 1);
	w->adminUsers[0] = c->adminUserId;
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_PROTECTED_USERS);
		jw_begin(j, NULL);
		jw_int(j, "userId", c->adminUserId);
		jw_int(j, "companyId", c->id);
		jw_str(j, "screenName", "test");
		jw_str(j, "reason", "last active administrator (lastLoginDate 730 days before referenceDate)");
		jw_end(j);
	}
	gen_apps(w);
	if (w->v7) {
		/* 7.x basic web content uses a structure of the Global site */
		struct site g;
		memset(&g, 0, sizeof g);
		g.groupId = c->globalGroupId;
		g.companyId = c->id;
		g.creatorUserId = c->defaultUserId;
		g.modified = c->created + 300 * DAY;
		g.lastPublish[0] = g.lastPublish[1] = -1;
		static const char *const f[] = { "content" };
		gen_structure(w, &g, "BASIC-WEB-CONTENT", "Basic Web Content", f, 1,
			      &w->basicStructureId, 1, &w->basicTemplateId, "BASIC-WEB-CONTENT");
	}

	w->members = xcalloc((size_t)o->users + 1, sizeof *w->members);
	for (int i = 0; i < o->users; i++) {
		char sn[32], first[32];
		snprintf(sn, sizeof sn, "user%d", i + 1);
		snprintf(first, sizeof first, "User%d", i + 1);
		int64_t last = w->now - (rnd(w, 30) + 1) * DAY;
		w->members[w->nmembers++] = gen_user(w, 0, sn, first, "Sample", 0, last, 1, 0);
	}

	struct site eng, sales;
	int64_t engId, salesId;
	organization(w, "Engineering", 1, &engId, &eng);
	gen_site_content(w, &eng, 2, 3, 2, w->now - 200 * DAY);
	site_close(w, &eng);
	organization(w, "Sales", 0, &salesId, &sales);
	site_close(w, &sales);
	for (int i = 0; i < w->nmembers; i++) {
		user_org(w, w->members[i], i % 2 ? salesId : engId);
		if (i < 4)
			member(w, &eng, w->members[i], c->id);
	}

	guest.modified = w->now - 3 * DAY;
	gen_site_content(w, &guest, 4, 4, 3, w->now - 400 * DAY);
	for (int i = 0; i < w->nmembers && i < 3; i++)
		member(w, &guest, w->members[i], c->id);
	site_close(w, &guest);

	for (int i = 0; i < o->sites; i++) {
		struct site site;
		char name[64], fu[64];
		snprintf(name, sizeof name, "Site %d", i + 1);
		snprintf(fu, sizeof fu, "/site-%d", i + 1);
		site_open(w, &site, 0, CN_GROUP, 0, name, fu, 1, 1,
			  "inheritLocales=true\ntrashEnabled=true\n", 0, c->created,
			  w->now - (1 + rnd(w, 20)) * DAY);
		member(w, &site, c->adminUserId, c->id);
		for (int k = 0; k < 3 && w->nmembers; k++) {
			int64_t u = w->members[(i * 3 + k) % w->nmembers];
			if (k && u == w->members[(i * 3) % w->nmembers])
				continue;
			member(w, &site, u, c->id);
		}
		gen_site_content(w, &site, o->articles, o->versions, o->documents,
				 w->now - 500 * DAY);
		if (i == 0) {
			struct otab *t = out_table(w->o, "Groups_Orgs");
			row(t);
			si(t, "companyId", c->id);
			si(t, "groupId", site.groupId);
			si(t, "organizationId", salesId);
			emit(t);
		}
		site_close(w, &site);
	}

	gen_company(w, 1, "archive.example.com", "archive.example.com", w->now - 5 * 365 * DAY);
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_UNUSED_INSTANCES);
		jw_begin(j, NULL);
		jw_int(j, "companyId", w->c[1].id);
		jw_str(j, "webId", w->c[1].webId);
		jw_str(j, "reason", "no users but the default user, no content, no login since creation");
		jw_end(j);
	}
	gen_planted(w);
	gen_counter(w);
	free(s);
	free(w->members);
	w->members = NULL;
}
