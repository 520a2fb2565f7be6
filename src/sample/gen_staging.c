/* Staged sites (liferay-domain.md §4): a local staged site with changes,
 * deletions and a failed publication after its last publish, a local
 * staged site never published, a remote staged site with changes, and a
 * live site that receives remote publications. */
#include "world.h"
#include <stdio.h>
#include <string.h>

struct staged {
	struct jw *j; /* unused: items are written at the end */
	struct strbuf layouts, articles, documents, deletions, tasks;
	int nl, na, nd, ne, nt;
};

static void add_sep(struct strbuf *b, int *n)
{
	if ((*n)++)
		strbuf_addch(b, ',');
}

static void changed_layout(struct staged *x, int64_t plid, int priv, const char *fu)
{
	add_sep(&x->layouts, &x->nl);
	strbuf_addf(&x->layouts, "{\"plid\":%lld,\"privateLayout\":%s,\"friendlyURL\":\"%s\"}",
		    (long long)plid, priv ? "true" : "false", fu);
}

static void changed_article(struct staged *x, const struct article *a, int i)
{
	add_sep(&x->articles, &x->na);
	strbuf_addf(&x->articles, "{\"id\":%lld,\"articleId\":\"%s\",\"version\":%.1f,"
		    "\"resourcePrimKey\":%lld}", (long long)a->ids[i], a->articleId, a->versions[i],
		    (long long)a->resourcePrimKey);
}

static void changed_document(struct staged *x, const struct document *d, int i)
{
	add_sep(&x->documents, &x->nd);
	strbuf_addf(&x->documents, "{\"fileEntryId\":%lld,\"fileVersionId\":%lld,\"version\":\"%s\","
		    "\"title\":\"%s\"}", (long long)d->fileEntryId, (long long)d->versionIds[i],
		    d->versions[i], d->title);
}

static void system_event(struct world *w, struct staged *x, struct site *s, enum cn cls,
			 int64_t classPK, int64_t when, int record)
{
	char u[37];
	uuid(w, u);
	int64_t id = nid(w);
	struct otab *t = w->tSE;
	row(t);
	si(t, "mvccVersion", 0);
	si(t, "systemEventId", id);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", when);
	si(t, "classNameId", w->cn[cls]);
	si(t, "classPK", classPK);
	ss(t, "classUuid", u);
	si(t, "referrerClassNameId", 0);
	si(t, "parentSystemEventId", 0);
	si(t, "systemEventSetKey", id);
	si(t, "type_", 1);
	ss(t, "extraData", "");
	emit(t);
	if (!record)
		return;
	add_sep(&x->deletions, &x->ne);
	strbuf_addf(&x->deletions, "{\"systemEventId\":%lld,\"className\":\"%s\",\"classPK\":%lld,"
		    "\"classUuid\":\"%s\"}", (long long)id, cn_value(w, cls), (long long)classPK, u);
}

static void task(struct world *w, struct staged *x, struct site *s, int status, int remote,
		 int64_t when)
{
	int64_t id = nid(w);
	const char *exec = remote ?
		"com.liferay.exportimport.kernel.backgroundtask.LayoutRemoteStagingBackgroundTaskExecutor" :
		"com.liferay.exportimport.kernel.backgroundtask.LayoutStagingBackgroundTaskExecutor";
	if (!w->v7)
		exec = remote ? "com.liferay.portal.lar.backgroundtask.LayoutRemoteStagingBackgroundTaskExecutor" :
				"com.liferay.portal.lar.backgroundtask.LayoutStagingBackgroundTaskExecutor";
	int64_t conf = 0;
	struct otab *t = out_table(w->o, "ExportImportConfiguration");
	if (t) {
		conf = nid(w);
		row(t);
		si(t, "mvccVersion", 0);
		si(t, "exportImportConfigurationId", conf);
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		sd(t, "createDate", when);
		sd(t, "modifiedDate", when);
		ss(t, "name", "Publish");
		si(t, "type_", remote ? 2 : 1);
		ss(t, "settings_", "{\"parameterMap\":{\"range\":[\"fromLastPublishDate\"]}}");
		si(t, "statusByUserId", s->creatorUserId);
		sd(t, "statusDate", when);
		emit(t);
	}
	t = out_table(w->o, "BackgroundTask");
	row(t);
	si(t, "mvccVersion", 0);
	si(t, "backgroundTaskId", id);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", when);
	sd(t, "modifiedDate", when + 60);
	sf(t, "name", "%lld", (long long)id);
	ss(t, "servletContextNames", "");
	ss(t, "taskExecutorClassName", exec);
	sf(t, "taskContext", "{\"exportImportConfigurationId\":%lld}", (long long)conf);
	sf(t, "taskContextMap", "{\"exportImportConfigurationId\":%lld}", (long long)conf);
	si(t, "completed", 1);
	sd(t, "completionDate", when + 60);
	si(t, "status", status);
	ss(t, "statusMessage", status == 2 ? "com.liferay.portal.kernel.exception.PortalException: "
	   "the remote server rejected the publication" : "");
	emit(t);
	add_sep(&x->tasks, &x->nt);
	strbuf_addf(&x->tasks, "{\"backgroundTaskId\":%lld,\"status\":%d}", (long long)id, status);
}

static void portlets(struct world *w, char (*p)[160])
{
	portlet_id(w, p[0], 160, "56", "com_liferay_journal_content_web_portlet_JournalContentPortlet", 1);
	portlet_id(w, p[1], 160, "101", "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet", 1);
}

static void record(struct world *w, struct staged *x, const char *type, int64_t liveGroupId,
		   int64_t sourceGroupId, const char *fu, int64_t pub, int failed)
{
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_STAGING);
		jw_begin(j, NULL);
		jw_str(j, "type", type);
		jw_int(j, "liveGroupId", liveGroupId);
		jw_int(j, "sourceGroupId", sourceGroupId);
		jw_str(j, "friendlyURL", fu);
		jw_begin(j, "lastPublishDate");
		if (pub >= 0) {
			jw_int(j, "public", pub);
			jw_int(j, "private", pub);
		} else {
			jw_null(j, "public");
			jw_null(j, "private");
		}
		jw_end(j);
		jw_bool(j, "failedPublication", failed);
		strbuf_addf(j->b, ",\"changedLayouts\":[%s],\"changedArticles\":[%s],"
			    "\"changedDocuments\":[%s],\"deletions\":[%s],\"backgroundTasks\":[%s]",
			    x->layouts.buf ? x->layouts.buf : "", x->articles.buf ? x->articles.buf : "",
			    x->documents.buf ? x->documents.buf : "",
			    x->deletions.buf ? x->deletions.buf : "", x->tasks.buf ? x->tasks.buf : "");
		jw_end(j);
	}
	strbuf_release(&x->layouts);
	strbuf_release(&x->articles);
	strbuf_release(&x->documents);
	strbuf_release(&x->deletions);
	strbuf_release(&x->tasks);
	memset(x, 0, sizeof *x);
}

static const char *staged_settings(const struct world *w, int remote, int64_t remoteGroupId,
				   char *buf, size_t n)
{
	const char *p = w->v7 ?
		"staged-portlet_com_liferay_document_library_web_portlet_DLAdminPortlet=true\n"
		"staged-portlet_com_liferay_journal_web_portlet_JournalPortlet=true\n" :
		"staged-portlet_15=true\nstaged-portlet_20=true\n";
	if (remote)
		snprintf(buf, n, "branchingPrivate=false\nbranchingPublic=false\nremoteAddress=live.example.com\n"
			 "remoteGroupId=%lld\nremotePathContext=\nremotePort=8080\nsecureConnection=false\n"
			 "%sstaged=true\nstagedRemotely=true\n", (long long)remoteGroupId, p);
	else
		snprintf(buf, n, "branchingPrivate=false\nbranchingPublic=true\n%sstaged=true\n"
			 "stagedRemotely=false\n", p);
	return buf;
}

/* Page versioning rows of the staging group's public pages. */
static void branches(struct world *w, struct site *s, const int64_t *plids, const int64_t *mod,
		     int n)
{
	int64_t lsb = nid(w);
	struct otab *t = out_table(w->o, "LayoutSetBranch");
	row(t);
	si(t, "mvccVersion", 0);
	si(t, "layoutSetBranchId", lsb);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", mod[0]);
	sd(t, "modifiedDate", mod[0]);
	si(t, "privateLayout", 0);
	ss(t, "name", "main-variation");
	si(t, "master", 1);
	emit(t);
	for (int i = 0; i < n; i++) {
		int64_t lb = nid(w);
		t = out_table(w->o, "LayoutBranch");
		row(t);
		si(t, "mvccVersion", 0);
		si(t, "layoutBranchId", lb);
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		si(t, "layoutSetBranchId", lsb);
		si(t, "plid", plids[i]);
		ss(t, "name", "main-variation");
		si(t, "master", 1);
		emit(t);
		t = out_table(w->o, "LayoutRevision");
		row(t);
		si(t, "mvccVersion", 0);
		si(t, "layoutRevisionId", nid(w));
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		sd(t, "createDate", mod[i]);
		sd(t, "modifiedDate", mod[i]);
		si(t, "layoutSetBranchId", lsb);
		si(t, "layoutBranchId", lb);
		si(t, "parentLayoutRevisionId", 0);
		si(t, "head", 1);
		si(t, "major", 1);
		si(t, "plid", plids[i]);
		si(t, "privateLayout", 0);
		ss(t, "name", "<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" default-locale=\"en_US\"><Name language-id=\"en_US\">Page</Name></root>");
		ss(t, "typeSettings", "layout-template-id=1_column\n");
		si(t, "status", 0);
		si(t, "statusByUserId", s->creatorUserId);
		sd(t, "statusDate", mod[i]);
		emit(t);
	}
	w->layoutSetBranchId = lsb;
	w->stagingGroupId = s->groupId;
}

static void article(struct world *w, struct site *s, int n, int64_t created, int64_t step,
		    int64_t pub, struct article *a)
{
	int st[8] = { 0 };
	memset(a, 0, sizeof *a);
	a->pin = -1;
	a->noStructure = 1;
	a->publishedAt = pub;
	gen_article(w, s, st, n, created, step, a);
}

static void document(struct world *w, struct site *s, int n, int64_t created, int64_t step,
		     int64_t pub, struct document *d)
{
	int st[8] = { 0 };
	memset(d, 0, sizeof *d);
	d->missing = -1;
	d->publishedAt = pub;
	gen_document(w, s, 0, st, n, 0, created, step, d);
}

/* A live site with published copies of its pages and an article. */
static int64_t live_site(struct world *w, const char *name, const char *fu, const char *ts,
			 int64_t pub)
{
	struct site s;
	char p[2][160];
	site_open(w, &s, 0, CN_GROUP, 0, name, fu, 1, 1, ts, 0, w->c[0].created, pub);
	member(w, &s, w->c[0].adminUserId, s.companyId);
	portlets(w, p);
	const char *pl[] = { p[0], p[1] };
	gen_layout(w, &s, 0, 0, "Home", "/home", pl, 2, pub, NULL);
	struct article a;
	article(w, &s, 2, pub - 60 * DAY, 20 * DAY, 0, &a);
	site_close(w, &s);
	return s.groupId;
}

static void local_published(struct world *w)
{
	struct staged x;
	memset(&x, 0, sizeof x);
	int64_t pub = w->now - 30 * DAY;  /* last publish */
	int64_t before = pub - 40 * DAY, after = pub + 10 * DAY;
	char ts[512];
	int64_t live = live_site(w, "Marketing", "/marketing", staged_settings(w, 0, 0, ts, sizeof ts),
				 pub);
	struct site s;
	site_open(w, &s, 0, CN_GROUP, 0, "Marketing (Staging)", "/marketing-staging", 1, 0, "",
		  live, w->c[0].created, pub);
	s.lastPublish[0] = s.lastPublish[1] = pub * 1000;
	s.stagedPortlets = 1;
	char p[2][160];
	portlets(w, p);
	const char *pl[] = { p[0], p[1] };
	int64_t plids[3], mods[3] = { before, after, after + DAY };
	plids[0] = gen_layout(w, &s, 0, 0, "Home", "/home", pl, 2, before, NULL);
	plids[1] = gen_layout(w, &s, 0, 0, "News", "/news", pl + 1, 1, after, NULL);
	changed_layout(&x, plids[1], 0, "/news");
	s.stagedPortlets = 0; /* a page never published has no lastPublishDate */
	plids[2] = gen_layout(w, &s, 0, 0, "Offers", "/offers", pl + 1, 1, after + DAY, NULL);
	changed_layout(&x, plids[2], 0, "/offers");
	gen_layout(w, &s, 1, 0, "Internal", "/internal", pl + 1, 1, before, NULL);
	s.stagedPortlets = 1;
	branches(w, &s, plids, mods, 3);

	struct article a;
	article(w, &s, 2, before - 40 * DAY, 20 * DAY, pub, &a);           /* unchanged */
	article(w, &s, 3, pub - 50 * DAY, 30 * DAY, pub, &a);             /* 1.2 after */
	changed_article(&x, &a, 2);
	article(w, &s, 1, after + 2 * DAY, DAY, 0, &a);                    /* new */
	changed_article(&x, &a, 0);

	struct document d;
	document(w, &s, 1, before - 10 * DAY, DAY, pub, &d);               /* unchanged */
	document(w, &s, 2, before, 45 * DAY, pub, &d);                      /* 1.1 after */
	changed_document(&x, &d, 1);

	system_event(w, &x, &s, CN_JOURNALARTICLE, nid(w), before - DAY, 0); /* published */
	system_event(w, &x, &s, CN_JOURNALARTICLE, nid(w), after + 3 * DAY, 1);
	system_event(w, &x, &s, CN_LAYOUT, nid(w), after + 4 * DAY, 1);
	task(w, &x, &s, 3, 0, pub - 60);
	task(w, &x, &s, 2, 0, after + 5 * DAY);
	site_close(w, &s);
	record(w, &x, "local", live, s.groupId, "/marketing", pub * 1000, 1);
}

static void local_never(struct world *w)
{
	struct staged x;
	memset(&x, 0, sizeof x);
	char ts[512];
	int64_t when = w->now - 20 * DAY;
	int64_t live = live_site(w, "Events", "/events", staged_settings(w, 0, 0, ts, sizeof ts), when);
	struct site s;
	site_open(w, &s, 0, CN_GROUP, 0, "Events (Staging)", "/events-staging", 1, 0, "", live,
		  w->c[0].created, when);
	char p[2][160];
	portlets(w, p);
	const char *pl[] = { p[0], p[1] };
	int64_t plid = gen_layout(w, &s, 0, 0, "Home", "/home", pl, 2, when, NULL);
	changed_layout(&x, plid, 0, "/home");
	struct article a;
	article(w, &s, 1, when, DAY, 0, &a);
	changed_article(&x, &a, 0);
	site_close(w, &s);
	record(w, &x, "local", live, s.groupId, "/events", -1, 0);
}

static void remote(struct world *w)
{
	struct staged x;
	memset(&x, 0, sizeof x);
	int64_t pub = w->now - 60 * DAY, before = pub - 30 * DAY, after = pub + 7 * DAY;
	char ts[512];
	struct site s;
	site_open(w, &s, 0, CN_GROUP, 0, "Partners", "/partners", 1, 1,
		  staged_settings(w, 1, 40123, ts, sizeof ts), 0, w->c[0].created, before);
	s.lastPublish[0] = s.lastPublish[1] = pub * 1000;
	s.stagedPortlets = 1;
	member(w, &s, w->c[0].adminUserId, s.companyId);
	char p[2][160];
	portlets(w, p);
	const char *pl[] = { p[0], p[1] };
	gen_layout(w, &s, 0, 0, "Home", "/home", pl, 2, before, NULL);
	int64_t plid = gen_layout(w, &s, 0, 0, "Catalog", "/catalog", pl + 1, 1, after, NULL);
	changed_layout(&x, plid, 0, "/catalog");
	struct article a;
	article(w, &s, 2, before - 20 * DAY, 10 * DAY, pub, &a);
	article(w, &s, 2, before, 40 * DAY, pub, &a);
	changed_article(&x, &a, 1);
	system_event(w, &x, &s, CN_DLFILEENTRY, nid(w), after + DAY, 1);
	task(w, &x, &s, 3, 1, pub - 60);
	site_close(w, &s);
	record(w, &x, "remote", s.groupId, s.groupId, "/partners", pub * 1000, 0);

	/* this database is also the live side of another server's remote staging */
	w->pendingRemoteStagingGroupCount = 1;
	int64_t g = live_site(w, "Partners Live", "/partners-live", "inheritLocales=true\n",
			      w->now - 10 * DAY);
	w->remoteLiveGroupId = g;
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_REMOTE_LIVE);
		jw_begin(j, NULL);
		jw_int(j, "groupId", g);
		jw_str(j, "friendlyURL", "/partners-live");
		jw_int(j, "remoteStagingGroupCount", 1);
		jw_end(j);
	}
}

void gen_staging(struct world *w)
{
	local_published(w);
	local_never(w);
	remote(w);
}
