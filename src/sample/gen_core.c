/* Portal skeleton: class names, Release_, companies, roles, users, sites,
 * pages and their permissions (liferay-domain.md §2.1, §2.2, §3). */
#include "world.h"
#include <stdio.h>
#include <string.h>

/* ClassName_ values per version: 6.2, 7.0, 7.1 (liferay-domain.md §2.1).
 * "=" means the same as the previous column. */
static const struct { enum cn id; const char *v[3]; } classnames[] = {
	{ CN_ASSETCATEGORY, { "com.liferay.portlet.asset.model.AssetCategory", "com.liferay.asset.kernel.model.AssetCategory", "=" } },
	{ CN_ASSETENTRY, { "com.liferay.portlet.asset.model.AssetEntry", "com.liferay.asset.kernel.model.AssetEntry", "=" } },
	{ CN_ASSETTAG, { "com.liferay.portlet.asset.model.AssetTag", "com.liferay.asset.kernel.model.AssetTag", "=" } },
	{ CN_ASSETVOCABULARY, { "com.liferay.portlet.asset.model.AssetVocabulary", "com.liferay.asset.kernel.model.AssetVocabulary", "=" } },
	{ CN_BLOGSENTRY, { "com.liferay.portlet.blogs.model.BlogsEntry", "com.liferay.blogs.kernel.model.BlogsEntry", "com.liferay.blogs.model.BlogsEntry" } },
	{ CN_CALBOOKING, { "com.liferay.calendar.model.CalendarBooking", "=", "=" } },
	{ CN_CALENDAR, { "com.liferay.calendar.model.Calendar", "=", "=" } },
	{ CN_COMPANY, { "com.liferay.portal.model.Company", "com.liferay.portal.kernel.model.Company", "=" } },
	{ CN_CONTACT, { "com.liferay.portal.model.Contact", "com.liferay.portal.kernel.model.Contact", "=" } },
	{ CN_DDLRECORDSET, { "com.liferay.portlet.dynamicdatalists.model.DDLRecordSet", "com.liferay.dynamic.data.lists.model.DDLRecordSet", "=" } },
	{ CN_DDMCONTENT, { "com.liferay.portlet.dynamicdatamapping.model.DDMContent", "com.liferay.dynamic.data.mapping.model.DDMContent", "=" } },
	{ CN_DDMSTRUCTURE, { "com.liferay.portlet.dynamicdatamapping.model.DDMStructure", "com.liferay.dynamic.data.mapping.model.DDMStructure", "=" } },
	{ CN_DDMTEMPLATE, { "com.liferay.portlet.dynamicdatamapping.model.DDMTemplate", "com.liferay.dynamic.data.mapping.model.DDMTemplate", "=" } },
	{ CN_DLFILEENTRY, { "com.liferay.portlet.documentlibrary.model.DLFileEntry", "com.liferay.document.library.kernel.model.DLFileEntry", "=" } },
	{ CN_DLFILEENTRYMETADATA, { "com.liferay.portlet.documentlibrary.model.DLFileEntryMetadata", "com.liferay.document.library.kernel.model.DLFileEntryMetadata", "=" } },
	{ CN_DLFILEENTRYTYPE, { "com.liferay.portlet.documentlibrary.model.DLFileEntryType", "com.liferay.document.library.kernel.model.DLFileEntryType", "=" } },
	{ CN_DLFILESHORTCUT, { "com.liferay.portlet.documentlibrary.model.DLFileShortcut", "com.liferay.document.library.kernel.model.DLFileShortcut", "=" } },
	{ CN_DLFILEVERSION, { "com.liferay.portlet.documentlibrary.model.DLFileVersion", "com.liferay.document.library.kernel.model.DLFileVersion", "=" } },
	{ CN_DLFOLDER, { "com.liferay.portlet.documentlibrary.model.DLFolder", "com.liferay.document.library.kernel.model.DLFolder", "=" } },
	{ CN_GROUP, { "com.liferay.portal.model.Group", "com.liferay.portal.kernel.model.Group", "=" } },
	{ CN_JOURNALARTICLE, { "com.liferay.portlet.journal.model.JournalArticle", "com.liferay.journal.model.JournalArticle", "=" } },
	{ CN_JOURNALFOLDER, { "com.liferay.portlet.journal.model.JournalFolder", "com.liferay.journal.model.JournalFolder", "=" } },
	{ CN_LAYOUT, { "com.liferay.portal.model.Layout", "com.liferay.portal.kernel.model.Layout", "=" } },
	{ CN_LAYOUTPROTOTYPE, { "com.liferay.portal.model.LayoutPrototype", "com.liferay.portal.kernel.model.LayoutPrototype", "=" } },
	{ CN_LAYOUTSETPROTOTYPE, { "com.liferay.portal.model.LayoutSetPrototype", "com.liferay.portal.kernel.model.LayoutSetPrototype", "=" } },
	{ CN_MBCATEGORY, { "com.liferay.portlet.messageboards.model.MBCategory", "com.liferay.message.boards.kernel.model.MBCategory", "com.liferay.message.boards.model.MBCategory" } },
	{ CN_MBDISCUSSION, { "com.liferay.portlet.messageboards.model.MBDiscussion", "com.liferay.message.boards.kernel.model.MBDiscussion", "com.liferay.message.boards.model.MBDiscussion" } },
	{ CN_MBMESSAGE, { "com.liferay.portlet.messageboards.model.MBMessage", "com.liferay.message.boards.kernel.model.MBMessage", "com.liferay.message.boards.model.MBMessage" } },
	{ CN_MBTHREAD, { "com.liferay.portlet.messageboards.model.MBThread", "com.liferay.message.boards.kernel.model.MBThread", "com.liferay.message.boards.model.MBThread" } },
	{ CN_ORGANIZATION, { "com.liferay.portal.model.Organization", "com.liferay.portal.kernel.model.Organization", "=" } },
	{ CN_REPOSITORY, { "com.liferay.portal.model.Repository", "com.liferay.portal.kernel.model.Repository", "=" } },
	{ CN_ROLE, { "com.liferay.portal.model.Role", "com.liferay.portal.kernel.model.Role", "=" } },
	{ CN_USER, { "com.liferay.portal.model.User", "com.liferay.portal.kernel.model.User", "=" } },
	{ CN_USERGROUP, { "com.liferay.portal.model.UserGroup", "com.liferay.portal.kernel.model.UserGroup", "=" } },
	{ CN_USERPERSONALSITE, { "com.liferay.portal.model.UserPersonalSite", "com.liferay.portal.kernel.model.UserPersonalSite", "=" } },
	{ CN_WIKIPAGE, { "com.liferay.portlet.wiki.model.WikiPage", "com.liferay.wiki.model.WikiPage", "=" } },
};

const char *cn_value(const struct world *w, enum cn c)
{
	for (size_t i = 0; i < sizeof classnames / sizeof *classnames; i++) {
		if (classnames[i].id != c)
			continue;
		int v = (int)w->ver;
		while (v > 0 && !strcmp(classnames[i].v[v], "="))
			v--;
		return classnames[i].v[v];
	}
	return "";
}

void gen_classnames(struct world *w)
{
	struct otab *t = out_table(w->o, "ClassName_");
	/* ids in the order Liferay registered them is not meaningful; keep ours stable */
	for (size_t i = 0; i < sizeof classnames / sizeof *classnames; i++) {
		w->cn[classnames[i].id] = nid(w);
		row(t);
		si(t, "mvccVersion", 0);
		si(t, "classNameId", w->cn[classnames[i].id]);
		ss(t, "value", cn_value(w, classnames[i].id));
		emit(t);
	}
}

static const char TEST_STRING[] =
	"You take the blue pill, the story ends, you wake up in your bed and believe whatever "
	"you want to believe. You take the red pill, you stay in Wonderland, and I show you how "
	"deep the rabbit hole goes.";

/* Release_ rows: the portal and the Marketplace apps (liferay-domain.md §3.3).
 * state_ 1 = failed upgrade, verified 0 = unverified, "-step-" = pending. */
static const struct rel {
	const char *ctx;
	int build;
	const char *schema;
	int verified, state;
} rel62[] = {
	{ "marketplace-portlet", 100, NULL, 1, 0 },
	{ "calendar-portlet", 102, NULL, 1, 0 },
	{ "kaleo-web", 110, NULL, 1, 1 },
	{ "notifications-portlet", 130, NULL, 0, 0 },
	{ "sync-web", 101, NULL, 1, 0 },
	{ NULL, 0, NULL, 0, 0 },
}, rel7x[] = {
	{ "com.liferay.portal.workflow.kaleo.service", 0, "1.3.2", 1, 0 },
	{ "com.liferay.portal.workflow.kaleo.runtime.impl", 0, "2.0.3", 1, 0 },
	{ "com.liferay.calendar.service", 0, "1.0.5", 1, 1 },
	{ "com.liferay.calendar.web", 0, "1.0.1", 1, 0 },
	{ "com.liferay.notifications.web", 0, "2.1.0", 0, 0 },
	{ "com.liferay.marketplace.service", 0, "2.0.0", 1, 0 },
	{ "com.liferay.journal.service", 0, "1.0.0", 1, 0 },
	{ "com.liferay.document.library.service", 0, "1.0.0", 1, 0 },
	{ "com.liferay.dynamic.data.mapping.service", 0, "1.0.1-step-2", 1, 0 },
	{ "com.liferay.exportimport.service", 0, "1.0.0", 1, 0 },
	{ "com.liferay.portal.scheduler.internal.verify", 0, NULL, 1, 0 },
	{ "com.liferay.portal.security.ldap", 0, NULL, 1, 0 },
	{ "lcs-portlet", 300, NULL, 1, 0 },
	{ NULL, 0, NULL, 0, 0 },
};

static void release_row(struct world *w, struct otab *t, int64_t id, const struct rel *r,
			int64_t created)
{
	row(t);
	si(t, "mvccVersion", 0);
	si(t, "releaseId", id);
	sd(t, "createDate", created);
	sd(t, "modifiedDate", created + 30 * DAY);
	ss(t, "servletContextName", r->ctx);
	ss(t, "schemaVersion", r->schema);
	si(t, "buildNumber", r->build);
	if (!strcmp(r->ctx, "portal"))
		sd(t, "buildDate", w->ver == SV_62 ? epoch_of(2015, 2, 27) :
				   w->ver == SV_70 ? epoch_of(2016, 6, 15) : epoch_of(2018, 7, 3));
	si(t, "verified", r->verified);
	si(t, "state_", r->state);
	if (!strcmp(r->ctx, "portal"))
		ss(t, "testString", TEST_STRING);
	else if (w->v7)
		sn(t, "testString");
	else
		ss(t, "testString", "");
	emit(t);
}

void gen_release(struct world *w)
{
	struct otab *t = out_table(w->o, "Release_");
	int64_t created = w->now - 6 * 365 * DAY;
	const char *schema = w->ver == SV_70 ? "7.0.2" : w->ver == SV_71 ? "2.0.1" : NULL;
	struct rel portal = { "portal", sample_build_number(w->ver), schema, 1, 0 };
	release_row(w, t, 1, &portal, created);
	const struct rel *r = w->v7 ? rel7x : rel62;
	for (; r->ctx; r++) {
		release_row(w, t, nid(w), r, created + DAY);
		if (!w->truth)
			continue;
		struct jw *j = truth_item(w->truth, T_APPS);
		jw_begin(j, NULL);
		jw_str(j, "servletContextName", r->ctx);
		jw_int(j, "buildNumber", r->build);
		jw_str(j, "schemaVersion", r->schema);
		jw_bool(j, "failed", r->state != 0);
		jw_bool(j, "unverified", !r->verified);
		jw_bool(j, "pending", r->schema && strstr(r->schema, "-step-") != NULL);
		jw_end(j);
	}

	/* ServiceComponent: one row per service-builder namespace */
	static const char *const ns62[] = { "Calendar", "Kaleo", "Marketplace", "Notification", "Sync", NULL };
	static const char *const ns7x[] = { "Calendar", "Kaleo", "Marketplace", "Journal", "DDM", "DL", NULL };
	t = out_table(w->o, "ServiceComponent");
	for (const char *const *n = w->v7 ? ns7x : ns62; *n; n++) {
		row(t);
		si(t, "mvccVersion", 0);
		si(t, "serviceComponentId", nid(w));
		ss(t, "buildNamespace", *n);
		si(t, "buildNumber", 1 + (int)(n - (w->v7 ? ns7x : ns62)) % 4);
		si(t, "buildDate", (created + DAY) * 1000);
		sf(t, "data_", "<?xml version=\"1.0\"?>\n\n<data>\n\t<tables-sql><![CDATA[create table %s_Entry "
		   "(entryId LONG not null primary key);]]></tables-sql>\n\t<sequences-sql><![CDATA[]]>"
		   "</sequences-sql>\n\t<indexes-sql><![CDATA[]]></indexes-sql>\n</data>", *n);
		emit(t);
	}
}

static const struct { enum role r; const char *name; int type; } roles[] = {
	{ R_ADMIN, "Administrator", 1 }, { R_GUEST, "Guest", 1 }, { R_OWNER, "Owner", 1 },
	{ R_POWERUSER, "Power User", 1 }, { R_USER, "User", 1 },
	{ R_ORGADMIN, "Organization Administrator", 3 }, { R_ORGOWNER, "Organization Owner", 3 },
	{ R_ORGUSER, "Organization User", 3 }, { R_SITEADMIN, "Site Administrator", 2 },
	{ R_SITEMEMBER, "Site Member", 2 }, { R_SITEOWNER, "Site Owner", 2 },
};

static void user_row(struct world *w, struct company *c, int64_t userId, int64_t contactId,
		     int defaultUser, const char *screenName, const char *email, const char *first,
		     const char *last, int status, int64_t created, int64_t lastLogin)
{
	char u[37];
	uuid(w, u);
	struct otab *t = w->tUser;
	row(t);
	ss(t, "uuid_", u);
	si(t, "userId", userId);
	si(t, "companyId", c->id);
	sd(t, "createDate", created);
	sd(t, "modifiedDate", lastLogin > created ? lastLogin : created);
	si(t, "defaultUser", defaultUser);
	si(t, "contactId", contactId);
	ss(t, "password_", defaultUser ? "password" : "AAAAoAAB9ADfm1UCcvrhNp5K5B5lRJ7qeL1mGmLxHEyO7Nq/");
	si(t, "passwordEncrypted", !defaultUser);
	ss(t, "screenName", screenName);
	ss(t, "emailAddress", email);
	ss(t, "languageId", "en_US");
	ss(t, "timeZoneId", "UTC");
	sf(t, "greeting", "Welcome %s%s%s!", first, *last ? " " : "", last);
	ss(t, "firstName", first);
	ss(t, "lastName", last);
	sd(t, "loginDate", lastLogin);
	sd(t, "lastLoginDate", lastLogin);
	ss(t, "loginIP", lastLogin < 0 ? "" : "10.0.0.1");
	ss(t, "lastLoginIP", lastLogin < 0 ? "" : "10.0.0.1");
	si(t, "agreedToTermsOfUse", 1);
	si(t, "emailAddressVerified", !defaultUser);
	si(t, "status", status);
	emit(t);

	t = w->tContact;
	row(t);
	si(t, "mvccVersion", 0);
	si(t, "contactId", contactId);
	si(t, "companyId", c->id);
	si(t, "userId", userId);
	ss(t, "userName", first);
	sd(t, "createDate", created);
	sd(t, "modifiedDate", created);
	si(t, "classNameId", w->cn[CN_USER]);
	si(t, "classPK", userId);
	si(t, "accountId", c->accountId);
	ss(t, "emailAddress", email);
	ss(t, "firstName", first);
	ss(t, "lastName", last);
	si(t, "male", 1);
	sd(t, "birthday", epoch_of(1970, 1, 1));
	emit(t);
}

static void user_role(struct world *w, int64_t companyId, int64_t roleId, int64_t userId)
{
	struct otab *t = w->tUR;
	row(t);
	si(t, "companyId", companyId);
	si(t, "roleId", roleId);
	si(t, "userId", userId);
	emit(t);
}

void gen_company(struct world *w, int which, const char *webId, const char *mx, int64_t created)
{
	struct company *c = &w->c[which];
	c->webId = webId;
	c->created = created;
	c->id = nid(w);
	c->accountId = nid(w);
	struct otab *t = out_table(w->o, "Company");
	row(t);
	si(t, "mvccVersion", 0);
	si(t, "companyId", c->id);
	si(t, "accountId", c->accountId);
	ss(t, "webId", webId);
	ss(t, "key_", "rO0ABXNyAB9qYXZheC5jcnlwdG8uc3BlYy5TZWNyZXRLZXlTcGVjW0cLZuIwYU0CAAJMAAlhbGdvcml0aG10");
	ss(t, "mx", mx);
	ss(t, "homeURL", "");
	si(t, "active_", 1);
	emit(t);

	t = out_table(w->o, "Account_");
	row(t);
	si(t, "mvccVersion", 0);
	si(t, "accountId", c->accountId);
	si(t, "companyId", c->id);
	sd(t, "createDate", created);
	sd(t, "modifiedDate", created);
	ss(t, "name", which ? "Archive" : "Liferay");
	ss(t, "legalName", which ? "Archive Inc." : "Liferay, Inc.");
	emit(t);

	c->defaultUserId = nid(w);
	int64_t contactId = nid(w);
	t = out_table(w->o, "Role_");
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
		int64_t id = nid(w);
		c->role[roles[i].r] = id;
		char u[37];
		uuid(w, u);
		row(t);
		si(t, "mvccVersion", 0);
		ss(t, "uuid_", u);
		si(t, "roleId", id);
		si(t, "companyId", c->id);
		si(t, "userId", c->defaultUserId);
		sd(t, "createDate", created);
		sd(t, "modifiedDate", created);
		si(t, "classNameId", w->cn[CN_ROLE]);
		si(t, "classPK", id);
		ss(t, "name", roles[i].name);
		si(t, "type_", roles[i].type);
		emit(t);
	}
	char email[96], sn[24];
	snprintf(email, sizeof email, "default@%s", mx);
	snprintf(sn, sizeof sn, "%lld", (long long)c->defaultUserId);
	/* the guest user last logged in years ago: it must still never be removed */
	user_row(w, c, c->defaultUserId, contactId, 1, sn, email, "", "", 0, created,
		 created + DAY);
	user_role(w, c->id, c->role[R_GUEST], c->defaultUserId);
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_PROTECTED_USERS);
		jw_begin(j, NULL);
		jw_int(j, "userId", c->defaultUserId);
		jw_int(j, "companyId", c->id);
		jw_str(j, "screenName", sn);
		jw_str(j, "reason", "default (guest) user: defaultUser = 1");
		jw_end(j);
	}

	/* the instance's system groups, in the order Liferay creates them */
	struct site s;
	site_open(w, &s, which, CN_GROUP, 0, "Control Panel", "/control_panel", 3, 0, "", 0,
		  created, created);
	c->cpGroupId = s.groupId;
	gen_layout(w, &s, 1, 0, "Control Panel", "/manage", NULL, 0, created, NULL);
	site_close(w, &s);

	struct site *g = w->guest[which];
	site_open(w, g, which, CN_GROUP, 0, "Guest", "/guest", 1, 1,
		  "inheritLocales=true\ntrashEnabled=true\n", 0, created, created);
	c->guestGroupId = g->groupId;
	if (which) {
		/* an unused instance still has its Guest home page */
		static const char *const p[] = { "58" };
		const char *p7[] = { "com_liferay_login_web_portlet_LoginPortlet" };
		gen_layout(w, g, 0, 0, "Welcome", "/home", w->v7 ? p7 : p, 1, created, NULL);
		site_close(w, g);
	} /* the default instance's Guest site gets content and is closed by gen_world */

	site_open(w, &s, which, CN_USERPERSONALSITE, c->defaultUserId, "User Personal Site",
		  "/personal_site", 3, 0, "", 0, created, created);
	c->upsGroupId = s.groupId;
	site_close(w, &s);

	char cid[24];
	snprintf(cid, sizeof cid, "%lld", (long long)c->id);
	site_open(w, &s, which, CN_COMPANY, c->id, w->v7 ? "Global" : cid, "/global", 0, 1, "", 0,
		  created, created);
	c->globalGroupId = s.groupId;
	site_close(w, &s);

	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_COMPANIES);
		jw_begin(j, NULL);
		jw_int(j, "companyId", c->id);
		jw_str(j, "webId", webId);
		jw_int(j, "defaultUserId", c->defaultUserId);
		jw_int(j, "guestGroupId", c->guestGroupId);
		jw_int(j, "globalGroupId", c->globalGroupId);
		jw_int(j, "controlPanelGroupId", c->cpGroupId);
		jw_bool(j, "default", which == 0);
		jw_end(j);
		static const char *const why[] = { "Control Panel", "Guest", "User Personal Site", "Global (company group)" };
		int64_t ids[] = { c->cpGroupId, c->guestGroupId, c->upsGroupId, c->globalGroupId };
		for (int i = 0; i < 4; i++) {
			j = truth_item(w->truth, T_PROTECTED_SITES);
			jw_begin(j, NULL);
			jw_int(j, "groupId", ids[i]);
			jw_int(j, "companyId", c->id);
			jw_str(j, "reason", why[i]);
			jw_end(j);
		}
	}
}

int64_t gen_user(struct world *w, int ci, const char *screenName, const char *first,
		 const char *last, int status, int64_t lastLogin, int personalSite, int admin)
{
	struct company *c = &w->c[ci];
	int64_t userId = nid(w), contactId = nid(w);
	char email[128];
	snprintf(email, sizeof email, "%s@liferay.com", screenName);
	int64_t created = (lastLogin > 0 ? lastLogin : w->now) - (400 + rnd(w, 900)) * DAY;
	if (created < c->created)
		created = c->created + DAY;
	user_row(w, c, userId, contactId, 0, screenName, email, first, last, status, created,
		 lastLogin);
	user_role(w, c->id, c->role[R_USER], userId);
	user_role(w, c->id, c->role[R_POWERUSER], userId);
	if (admin)
		user_role(w, c->id, c->role[R_ADMIN], userId);

	struct otab *t = w->tAsset;
	row(t);
	si(t, "entryId", nid(w));
	si(t, "groupId", c->globalGroupId);
	si(t, "companyId", c->id);
	si(t, "userId", userId);
	ss(t, "userName", first);
	sd(t, "createDate", created);
	sd(t, "modifiedDate", created);
	si(t, "classNameId", w->cn[CN_USER]);
	si(t, "classPK", userId);
	char u[37];
	uuid(w, u);
	ss(t, "classUuid", u);
	si(t, "visible", 0);
	si(t, "listable", 1);
	sf(t, "title", "%s %s", first, last);
	emit(t);
	rp_id(w, c->id, portal_model(w, "User"), 4, userId, c->role[R_OWNER], 31);

	if (personalSite) {
		struct site s;
		char uid[24], fu[96];
		snprintf(uid, sizeof uid, "%lld", (long long)userId);
		snprintf(fu, sizeof fu, "/%s", screenName);
		site_open(w, &s, ci, CN_USER, userId, uid, fu, 0, 0, "", 0, created, created);
		site_close(w, &s);
	}
	return userId;
}

void member(struct world *w, struct site *s, int64_t userId, int64_t companyId)
{
	struct otab *t = w->tUG;
	row(t);
	si(t, "companyId", companyId);
	si(t, "groupId", s->groupId);
	si(t, "userId", userId);
	emit(t);
}

void site_open(struct world *w, struct site *s, int ci, enum cn cls, int64_t classPK,
	       const char *name, const char *friendlyURL, int type, int isSite,
	       const char *typeSettings, int64_t liveGroupId, int64_t created, int64_t modified)
{
	struct company *c = &w->c[ci];
	memset(s, 0, sizeof *s);
	s->groupId = nid(w);
	s->companyId = c->id;
	s->creatorUserId = c->adminUserId ? c->adminUserId : c->defaultUserId;
	s->liveGroupId = liveGroupId;
	s->modified = modified;
	s->lastPublish[0] = s->lastPublish[1] = -1;
	snprintf(s->friendlyURL, sizeof s->friendlyURL, "%s", friendlyURL);
	snprintf(s->name, sizeof s->name, "%s", name);
	(void)created;
	char *u = s->uuid;
	uuid(w, u);
	struct strbuf nm = STRBUF_INIT;
	group_name(w, name, &nm);
	struct otab *t = w->tGroup;
	row(t);
	si(t, "mvccVersion", 0);
	ss(t, "uuid_", u);
	si(t, "groupId", s->groupId);
	si(t, "companyId", c->id);
	si(t, "creatorUserId", s->creatorUserId);
	si(t, "classNameId", w->cn[cls]);
	si(t, "classPK", cls == CN_GROUP && !classPK ? s->groupId : classPK);
	si(t, "parentGroupId", 0);
	si(t, "liveGroupId", liveGroupId);
	sf(t, "treePath", "/%lld/", (long long)s->groupId);
	ss(t, "groupKey", name);
	ss(t, "name", nm.buf);
	ss(t, "description", "");
	si(t, "type_", type);
	ss(t, "typeSettings", typeSettings);
	si(t, "manualMembership", 1);
	si(t, "membershipRestriction", 0);
	ss(t, "friendlyURL", friendlyURL);
	si(t, "site", isSite);
	si(t, "remoteStagingGroupCount", w->pendingRemoteStagingGroupCount);
	w->pendingRemoteStagingGroupCount = 0;
	si(t, "inheritContent", 0);
	si(t, "active_", 1);
	emit(t);
	strbuf_release(&nm);
	if (isSite || cls == CN_ORGANIZATION) {
		rp_id(w, c->id, portal_model(w, "Group"), 4, s->groupId, c->role[R_OWNER], 4194303);
		rp_id(w, c->id, cn_value(w, CN_JOURNALARTICLE), 2, s->groupId, c->role[R_SITEMEMBER], 1);
	}
}

/* Remote-live groups carry remoteStagingGroupCount; written by the planting code. */
void site_close(struct world *w, struct site *s)
{
	struct otab *t = w->tLayoutSet;
	for (int priv = 0; priv < 2; priv++) {
		row(t);
		si(t, "mvccVersion", 0);
		si(t, "layoutSetId", nid(w));
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		sd(t, "createDate", s->modified - 30 * DAY);
		sd(t, "modifiedDate", s->modified);
		si(t, "privateLayout", priv);
		ss(t, "themeId", w->v7 ? "classic_WAR_classictheme" : "classic");
		ss(t, "colorSchemeId", "01");
		ss(t, "wapThemeId", "mobile");
		ss(t, "wapColorSchemeId", "01");
		si(t, "pageCount", s->pageCount[priv]);
		if (s->lastPublish[priv] >= 0)
			sf(t, "settings_", "last-publish-date=%lld\nshowSiteName=true\n",
			   (long long)s->lastPublish[priv]);
		else
			ss(t, "settings_", "showSiteName=true\n");
		emit(t);
	}
	struct otab *c = out_table(w->o, "Counter");
	for (int priv = 0; priv < 2; priv++) {
		if (!s->nextLayoutId[priv])
			continue;
		row(c);
		sf(c, "name", "%s#%lld#%s", portal_model(w, "Layout"), (long long)s->groupId,
		   priv ? "true" : "false");
		si(c, "currentId", s->nextLayoutId[priv]);
		emit(c);
	}
}

int64_t gen_layout(struct world *w, struct site *s, int priv, int parentLayoutId, const char *name,
		   const char *friendlyURL, const char *const *portlets, int nportlets,
		   int64_t modified, int *layoutIdOut)
{
	int64_t plid = nid(w);
	int layoutId = ++s->nextLayoutId[priv];
	s->pageCount[priv]++;
	if (layoutIdOut)
		*layoutIdOut = layoutId;
	int cp = !strcmp(friendlyURL, "/manage") && !nportlets;
	struct strbuf ts = STRBUF_INIT;
	if (nportlets) {
		strbuf_addstr(&ts, "column-1=");
		for (int i = 0; i < nportlets; i++)
			strbuf_addf(&ts, "%s,", portlets[i]);
		strbuf_addch(&ts, '\n');
	}
	if (!cp)
		strbuf_addstr(&ts, nportlets > 1 ? "layout-template-id=2_columns_ii\n" :
			      "layout-template-id=1_column\n");
	if (priv)
		strbuf_addstr(&ts, "privateLayout=true\n");
	char u[37];
	uuid(w, u);
	memcpy(w->lastLayoutUuid, u, sizeof u);
	struct otab *t = w->tLayout;
	row(t);
	si(t, "mvccVersion", 0);
	ss(t, "uuid_", u);
	si(t, "plid", plid);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", modified - 20 * DAY);
	sd(t, "modifiedDate", modified);
	si(t, "privateLayout", priv);
	si(t, "layoutId", layoutId);
	si(t, "parentLayoutId", parentLayoutId);
	sf(t, "name", "<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" "
	   "default-locale=\"en_US\"><Name language-id=\"en_US\">%s</Name></root>", name);
	ss(t, "type_", cp ? "control_panel" : "portlet");
	ss(t, "typeSettings", ts.buf);
	ss(t, "friendlyURL", friendlyURL);
	si(t, "priority", layoutId - 1);
	if (s->stagedPortlets && s->lastPublish[priv] >= 0)
		sd(t, "lastPublishDate", s->lastPublish[priv] / 1000);
	emit(t);
	strbuf_release(&ts);

	t = w->tLFU;
	uuid(w, u);
	row(t);
	si(t, "mvccVersion", 0);
	ss(t, "uuid_", u);
	si(t, "layoutFriendlyURLId", nid(w));
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", modified - 20 * DAY);
	sd(t, "modifiedDate", modified);
	si(t, "plid", plid);
	si(t, "privateLayout", priv);
	ss(t, "friendlyURL", friendlyURL);
	ss(t, "languageId", "en_US");
	emit(t);

	const struct company *c = s->companyId == w->c[0].id ? &w->c[0] : &w->c[1];
	rp_id(w, s->companyId, portal_model(w, "Layout"), 4, plid, c->role[R_OWNER], 1023);
	rp_id(w, s->companyId, portal_model(w, "Layout"), 4, plid, c->role[R_GUEST], 1);
	t = w->tPP;
	for (int i = 0; i < nportlets; i++) {
		row(t);
		si(t, "mvccVersion", 0);
		si(t, "portletPreferencesId", nid(w));
		si(t, "companyId", s->companyId);
		si(t, "ownerId", 0);
		si(t, "ownerType", 3);
		si(t, "plid", plid);
		ss(t, "portletId", portlets[i]);
		int wcd = !strncmp(portlets[i], "56_INSTANCE_", 12) ||
			  strstr(portlets[i], "JournalContentPortlet_INSTANCE_");
		if (wcd && s->showArticle[0])
			sf(t, "preferences", "<portlet-preferences><preference><name>articleId</name>"
			   "<value>%s</value></preference><preference><name>groupId</name><value>%lld"
			   "</value></preference></portlet-preferences>", s->showArticle,
			   (long long)s->groupId);
		else
			ss(t, "preferences", "<portlet-preferences />");
		emit(t);
		if (wcd && s->showArticle[0]) {
			row(w->tJCS);
			si(w->tJCS, "contentSearchId", nid(w));
			si(w->tJCS, "groupId", s->groupId);
			si(w->tJCS, "companyId", s->companyId);
			si(w->tJCS, "privateLayout", priv);
			si(w->tJCS, "layoutId", layoutId);
			ss(w->tJCS, "portletId", portlets[i]);
			ss(w->tJCS, "articleId", s->showArticle);
			emit(w->tJCS);
		}
		char pk[256];
		snprintf(pk, sizeof pk, "%lld_LAYOUT_%s", (long long)plid, portlets[i]);
		char res[200];
		snprintf(res, sizeof res, "%s", portlets[i]);
		char *inst = strstr(res, "_INSTANCE_");
		if (inst)
			*inst = '\0';
		rp(w, s->companyId, res, 4, pk, c->role[R_OWNER], 127);
	}
	return plid;
}

void gen_counter(struct world *w)
{
	struct otab *t = out_table(w->o, "Counter");
	row(t);
	ss(t, "name", w->v7 ? "com.liferay.counter.kernel.model.Counter" : "com.liferay.counter.model.Counter");
	si(t, "currentId", (w->id / 100 + 1) * 100);
	emit(t);
	row(t);
	ss(t, "name", cn_value(w, CN_DLFILEENTRY));
	si(t, "currentId", w->dlname);
	emit(t);
}

void gen_user_record(struct world *w, enum tsec sec, int64_t userId, const char *screenName,
		     int status, int64_t lastLogin, const char *reason)
{
	if (!w->truth)
		return;
	char d[20] = "";
	if (lastLogin >= 0)
		out_fmt_date(lastLogin, d);
	struct jw *j = truth_item(w->truth, sec);
	jw_begin(j, NULL);
	jw_int(j, "userId", userId);
	jw_int(j, "companyId", w->c[0].id);
	jw_str(j, "screenName", screenName);
	jw_int(j, "status", status);
	jw_str(j, "lastLoginDate", lastLogin >= 0 ? d : NULL);
	jw_str(j, "reason", reason);
	jw_end(j);
}
