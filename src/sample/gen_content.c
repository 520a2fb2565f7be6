/* Site content: taxonomy, structures and templates, web content with its
 * versions, documents with their versions and store files, comments,
 * ratings, social activity, calendars; and the global apps' rows. */
#include "world.h"
#include <stdio.h>
#include <string.h>

void localized(struct strbuf *sb, const char *tag, const char *text)
{
	strbuf_addf(sb, "<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" "
		    "default-locale=\"en_US\"><%s language-id=\"en_US\">%s</%s></root>", tag, text, tag);
}

int64_t company_role(struct world *w, int64_t companyId, enum role r)
{
	return companyId == w->c[1].id ? w->c[1].role[r] : w->c[0].role[r];
}

static int64_t some_member(struct world *w)
{
	return w->nmembers ? w->members[rnd(w, w->nmembers)] : w->c[0].adminUserId;
}

static void asset(struct world *w, int64_t entryId, struct site *s, int64_t userId, enum cn cls,
		  int64_t classPK, const char *classUuid, const char *title, int visible,
		  const char *mime, int64_t created, int64_t modified)
{
	struct otab *t = w->tAsset;
	row(t);
	si(t, "entryId", entryId);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", userId);
	sd(t, "createDate", created);
	sd(t, "modifiedDate", modified);
	si(t, "classNameId", w->cn[cls]);
	si(t, "classPK", classPK);
	ss(t, "classUuid", classUuid);
	si(t, "visible", visible);
	si(t, "listable", 1);
	sd(t, "publishDate", created);
	ss(t, "mimeType", mime);
	ss(t, "title", title);
	emit(t);
}

static void activity(struct world *w, struct site *s, int64_t userId, enum cn cls, int64_t classPK,
		     int type, int64_t when)
{
	struct otab *t = w->tSA;
	int64_t id = nid(w);
	row(t);
	si(t, "activityId", id);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", userId);
	si(t, "createDate", when * 1000 + id % 1000);
	si(t, "classNameId", w->cn[cls]);
	si(t, "classPK", classPK);
	si(t, "type_", type);
	ss(t, "extraData", "{}");
	emit(t);
}

static void ratings(struct world *w, struct site *s, enum cn cls, int64_t classPK, int n)
{
	double total = 0;
	int64_t seen[4] = { 0 };
	int k = 0;
	for (int i = 0; i < n && i < 4; i++) {
		int64_t u = some_member(w);
		int dup = 0;
		for (int j = 0; j < k; j++)
			dup |= seen[j] == u;
		if (dup)
			continue;
		seen[k++] = u;
		double score = (1 + rnd(w, 5)) / 5.0;
		total += score;
		row(w->tRE);
		si(w->tRE, "entryId", nid(w));
		si(w->tRE, "companyId", s->companyId);
		si(w->tRE, "userId", u);
		sd(w->tRE, "createDate", s->modified);
		sd(w->tRE, "modifiedDate", s->modified);
		si(w->tRE, "classNameId", w->cn[cls]);
		si(w->tRE, "classPK", classPK);
		sr(w->tRE, "score", score);
		emit(w->tRE);
	}
	row(w->tRS);
	si(w->tRS, "statsId", nid(w));
	si(w->tRS, "companyId", s->companyId);
	si(w->tRS, "classNameId", w->cn[cls]);
	si(w->tRS, "classPK", classPK);
	si(w->tRS, "totalEntries", k);
	sr(w->tRS, "totalScore", total);
	sr(w->tRS, "averageScore", k ? total / k : 0);
	emit(w->tRS);
}

/* A discussion (comments) on an entity: MBDiscussion, its thread, the root
 * message (categoryId -1) and n comments, each comment with its asset. */
static void discussion(struct world *w, struct site *s, enum cn cls, int64_t classPK, int n,
		       int64_t when)
{
	int64_t threadId = nid(w), rootId = nid(w);
	char u[37];
	uuid(w, u);
	row(w->tMBD);
	ss(w->tMBD, "uuid_", u);
	si(w->tMBD, "discussionId", nid(w));
	si(w->tMBD, "groupId", s->groupId);
	si(w->tMBD, "companyId", s->companyId);
	si(w->tMBD, "userId", s->creatorUserId);
	sd(w->tMBD, "createDate", when);
	sd(w->tMBD, "modifiedDate", when);
	si(w->tMBD, "classNameId", w->cn[cls]);
	si(w->tMBD, "classPK", classPK);
	si(w->tMBD, "threadId", threadId);
	emit(w->tMBD);

	uuid(w, u);
	row(w->tMBT);
	ss(w->tMBT, "uuid_", u);
	si(w->tMBT, "threadId", threadId);
	si(w->tMBT, "groupId", s->groupId);
	si(w->tMBT, "companyId", s->companyId);
	si(w->tMBT, "userId", s->creatorUserId);
	sd(w->tMBT, "createDate", when);
	sd(w->tMBT, "modifiedDate", when);
	si(w->tMBT, "categoryId", -1);
	si(w->tMBT, "rootMessageId", rootId);
	si(w->tMBT, "rootMessageUserId", s->creatorUserId);
	si(w->tMBT, "messageCount", n + 1);
	si(w->tMBT, "lastPostByUserId", s->creatorUserId);
	sd(w->tMBT, "lastPostDate", when);
	si(w->tMBT, "statusByUserId", s->creatorUserId);
	sd(w->tMBT, "statusDate", when);
	emit(w->tMBT);

	for (int i = 0; i <= n; i++) {
		int64_t id = i ? nid(w) : rootId;
		int64_t user = i ? some_member(w) : s->creatorUserId;
		uuid(w, u);
		struct otab *t = w->tMBM;
		row(t);
		ss(t, "uuid_", u);
		si(t, "messageId", id);
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", user);
		sd(t, "createDate", when + i * 3600);
		sd(t, "modifiedDate", when + i * 3600);
		si(t, "classNameId", w->cn[cls]);
		si(t, "classPK", classPK);
		si(t, "categoryId", -1);
		si(t, "threadId", threadId);
		si(t, "rootMessageId", rootId);
		si(t, "parentMessageId", i ? rootId : 0);
		sf(t, "treePath", i ? "/%lld/%lld/" : "/%lld/", (long long)rootId, (long long)id);
		if (i)
			sf(t, "subject", "RE: %lld", (long long)classPK);
		else
			sf(t, "subject", "%lld", (long long)classPK);
		if (i)
			sf(t, "body", "Comment %d on %lld.", i, (long long)classPK);
		else
			sf(t, "body", "%lld", (long long)classPK);
		ss(t, "format", "bbcode");
		si(t, "statusByUserId", user);
		sd(t, "statusDate", when + i * 3600);
		emit(t);
		if (i)
			asset(w, nid(w), s, user, CN_MBDISCUSSION, id, u, "", 0, "text/html",
			      when + i * 3600, when + i * 3600);
	}
}

static void kaleo(struct world *w, struct site *s, enum cn cls, int64_t classPK, int64_t when)
{
	int64_t ki = nid(w);
	struct otab *t = w->tKI;
	row(t);
	si(t, "kaleoInstanceId", ki);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", when);
	sd(t, "modifiedDate", when);
	si(t, "kaleoDefinitionId", w->kaleoDefinitionId);
	si(t, "kaleoDefinitionVersionId", w->kaleoDefinitionId);
	ss(t, "kaleoDefinitionName", "Single Approver");
	si(t, "kaleoDefinitionVersion", 1);
	ss(t, "className", cn_value(w, cls));
	si(t, "classPK", classPK);
	si(t, "completed", 0);
	ss(t, "workflowContext", "{}");
	emit(t);
	t = w->tWIL;
	row(t);
	si(t, "workflowInstanceLinkId", nid(w));
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", when);
	sd(t, "modifiedDate", when);
	si(t, "classNameId", w->cn[cls]);
	si(t, "classPK", classPK);
	si(t, "workflowInstanceId", ki);
	emit(t);
}

/* Intermediate web content versions under the default rule (ground-truth.md):
 * approved or expired, not the first, not among the last 3, not the latest
 * approved, not pointed at by an AssetEntry. */
static void truth_article(struct world *w, const struct article *a)
{
	if (!w->truth)
		return;
	int latestApproved = -1;
	for (int i = 0; i < a->n; i++)
		if (a->status[i] == 0)
			latestApproved = i;
	int idx[64], k = 0;
	for (int i = 1; i < a->n - 3; i++)
		if ((a->status[i] == 0 || a->status[i] == 3) && i != latestApproved && i != a->pin)
			idx[k++] = i;
	if (!k)
		return;
	struct jw *j = truth_item(w->truth, T_INTERMEDIATE_ARTICLES);
	jw_begin(j, NULL);
	jw_int(j, "groupId", a->groupId);
	jw_str(j, "articleId", a->articleId);
	jw_int(j, "resourcePrimKey", a->resourcePrimKey);
	jw_abegin(j, "ids");
	for (int i = 0; i < k; i++)
		jw_int(j, NULL, a->ids[idx[i]]);
	jw_aend(j);
	jw_abegin(j, "versions");
	for (int i = 0; i < k; i++)
		jw_num(j, NULL, a->versions[idx[i]]);
	jw_aend(j);
	if (a->pin >= 0)
		jw_int(j, "keptByAssetEntryId", a->ids[a->pin]);
	jw_end(j);
	w->truth->subcount[T_INTERMEDIATE_ARTICLES] += k;
}

void gen_article(struct world *w, struct site *s, const int *status, int n, int64_t created,
		 int64_t step, struct article *a)
{
	char u[37];
	struct strbuf title = STRBUF_INIT, content = STRBUF_INIT;
	if (n > 64)
		n = 64;
	a->n = n;
	a->groupId = s->groupId;
	a->resourcePrimKey = nid(w);
	int64_t aid = nid(w);
	snprintf(a->articleId, sizeof a->articleId, "%lld", (long long)aid);
	uuid(w, a->uuid);
	int structured = !a->noStructure && s->structureId;
	const char *skey = structured ? s->structureKey : w->v7 ? "BASIC-WEB-CONTENT" : "";
	const char *tkey = structured ? s->templateKey : w->v7 ? "BASIC-WEB-CONTENT" : "";

	struct otab *t = w->tJAR;
	row(t);
	ss(t, "uuid_", a->uuid);
	si(t, "resourcePrimKey", a->resourcePrimKey);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	ss(t, "articleId", a->articleId);
	emit(t);

	int anyApproved = 0;
	for (int i = 0; i < n; i++) {
		a->ids[i] = nid(w);
		a->versions[i] = (10 + i) / 10.0;
		a->status[i] = status[i];
		a->modified[i] = created + i * step;
		anyApproved |= status[i] == 0;
		strbuf_reset(&title);
		strbuf_reset(&content);
		char plain[192];
		snprintf(plain, sizeof plain, "%s article %s", s->name, a->articleId);
		localized(&title, "Title", plain);
		if (structured)
			strbuf_addf(&content, "<?xml version=\"1.0\"?>\n\n<root available-locales=\"en_US\" "
				    "default-locale=\"en_US\">\n\t<dynamic-element name=\"headline\" "
				    "type=\"text\" index-type=\"keyword\" instance-id=\"a%03d\">\n\t\t"
				    "<dynamic-content language-id=\"en_US\"><![CDATA[Version %.1f of %s]]>"
				    "</dynamic-content>\n\t</dynamic-element>\n</root>", i,
				    a->versions[i], a->articleId);
		else
			strbuf_addf(&content, "<?xml version=\"1.0\"?>\n\n<root available-locales=\"en_US\" "
				    "default-locale=\"en_US\">\n\t<%s language-id=\"en_US\"><![CDATA[<p>"
				    "Version %.1f of %s</p>]]></%s>\n</root>",
				    w->v7 ? "dynamic-content" : "static-content", a->versions[i],
				    a->articleId, w->v7 ? "dynamic-content" : "static-content");
		uuid(w, u);
		t = w->tJA;
		row(t);
		ss(t, "uuid_", u);
		si(t, "id_", a->ids[i]);
		si(t, "resourcePrimKey", a->resourcePrimKey);
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		sd(t, "createDate", created);
		sd(t, "modifiedDate", a->modified[i]);
		si(t, "folderId", s->journalFolderId);
		sf(t, "treePath", s->journalFolderId ? "/%lld/" : "/", (long long)s->journalFolderId);
		ss(t, "articleId", a->articleId);
		sr(t, "version", a->versions[i]);
		ss(t, "title", title.buf);
		sf(t, "urlTitle", "article-%s", a->articleId);
		ss(t, "description", "");
		ss(t, "content", content.buf);
		ss(t, "type_", "general");
		ss(t, "structureId", skey);
		ss(t, "templateId", tkey);
		ss(t, "DDMStructureKey", skey);
		ss(t, "DDMTemplateKey", tkey);
		ss(t, "defaultLanguageId", "en_US");
		ss(t, "layoutUuid", "");
		sd(t, "displayDate", created);
		sd(t, "expirationDate", status[i] == 3 ? a->modified[i] + DAY : -1);
		si(t, "indexable", 1);
		si(t, "status", status[i]);
		si(t, "statusByUserId", s->creatorUserId);
		sd(t, "statusDate", a->modified[i]);
		if (a->publishedAt && a->modified[i] <= a->publishedAt)
			sd(t, "lastPublishDate", a->publishedAt);
		emit(t);

		t = w->tJAL;
		row(t);
		si(t, "articleLocalizationId", nid(w));
		si(t, "companyId", s->companyId);
		si(t, "articlePK", a->ids[i]);
		ss(t, "title", plain);
		ss(t, "description", "");
		ss(t, "languageId", "en_US");
		emit(t);
		if (w->v7) {
			uuid(w, u);
			row(w->tDDMSL);
			ss(w->tDDMSL, "uuid_", u);
			si(w->tDDMSL, "storageLinkId", nid(w));
			si(w->tDDMSL, "companyId", s->companyId);
			si(w->tDDMSL, "classNameId", w->cn[CN_JOURNALARTICLE]);
			si(w->tDDMSL, "classPK", a->ids[i]);
			si(w->tDDMSL, "structureId", structured ? s->structureId : w->basicStructureId);
			emit(w->tDDMSL);
			if (structured || w->basicTemplateId) {
				row(w->tDDMTL);
				si(w->tDDMTL, "templateLinkId", nid(w));
				si(w->tDDMTL, "companyId", s->companyId);
				si(w->tDDMTL, "classNameId", w->cn[CN_JOURNALARTICLE]);
				si(w->tDDMTL, "classPK", a->ids[i]);
				si(w->tDDMTL, "templateId", structured ? s->templateId : w->basicTemplateId);
				emit(w->tDDMTL);
			}
		}
		if (status[i] == 1)
			kaleo(w, s, CN_JOURNALARTICLE, a->ids[i], a->modified[i]);
		if (i == 0 || i == n - 1)
			activity(w, s, s->creatorUserId, CN_JOURNALARTICLE, a->resourcePrimKey,
				 i ? 2 : 1, a->modified[i]);
	}

	char plain[192];
	snprintf(plain, sizeof plain, "%s article %s", s->name, a->articleId);
	a->assetEntryId = nid(w);
	asset(w, a->assetEntryId, s, s->creatorUserId, CN_JOURNALARTICLE, a->resourcePrimKey,
	      a->uuid, plain, anyApproved, "text/html", created, a->modified[n - 1]);
	/* a draft or pending newest version of an approved article has its own asset */
	if (anyApproved && (status[n - 1] == 1 || status[n - 1] == 2)) {
		uuid(w, u);
		asset(w, nid(w), s, s->creatorUserId, CN_JOURNALARTICLE, a->ids[n - 1], u, plain, 0,
		      "text/html", a->modified[n - 1], a->modified[n - 1]);
	}
	if (a->pin >= 0 && a->pin < n - 1) {
		uuid(w, u);
		asset(w, nid(w), s, s->creatorUserId, CN_JOURNALARTICLE, a->ids[a->pin], u, plain, 0,
		      "text/html", a->modified[a->pin], a->modified[a->pin]);
	}
	struct otab *m = s->tagId ? out_table(w->o, "AssetEntries_AssetTags") : NULL;
	row(m);
	si(m, "companyId", s->companyId);
	si(m, "entryId", a->assetEntryId);
	si(m, "tagId", s->tagId);
	emit(m);
	m = s->categoryId ? out_table(w->o, "AssetEntries_AssetCategories") : NULL;
	row(m);
	si(m, "companyId", s->companyId);
	si(m, "entryId", a->assetEntryId);
	si(m, "categoryId", s->categoryId);
	emit(m);
	int64_t owner = company_role(w, s->companyId, R_OWNER);
	rp_id(w, s->companyId, cn_value(w, CN_JOURNALARTICLE), 4, a->resourcePrimKey, owner, 255);
	rp_id(w, s->companyId, cn_value(w, CN_JOURNALARTICLE), 4, a->resourcePrimKey,
	      company_role(w, s->companyId, R_GUEST), 1);
	truth_article(w, a);
	strbuf_release(&title);
	strbuf_release(&content);
}

/* Intermediate document versions: approved, not the latest approved, not PWC. */
static void truth_document(struct world *w, const struct document *d)
{
	if (!w->truth)
		return;
	int latest = -1, idx[48], k = 0;
	for (int i = 0; i < d->n; i++)
		if (d->status[i] == 0 && strcmp(d->versions[i], "PWC"))
			latest = i;
	for (int i = 0; i < d->n; i++)
		if (d->status[i] == 0 && i != latest && strcmp(d->versions[i], "PWC"))
			idx[k++] = i;
	if (!k)
		return;
	struct jw *j = truth_item(w->truth, T_INTERMEDIATE_DOCUMENTS);
	jw_begin(j, NULL);
	jw_int(j, "groupId", d->groupId);
	jw_int(j, "fileEntryId", d->fileEntryId);
	jw_str(j, "title", d->title);
	jw_abegin(j, "fileVersionIds");
	for (int i = 0; i < k; i++)
		jw_int(j, NULL, d->versionIds[idx[i]]);
	jw_aend(j);
	jw_abegin(j, "versions");
	for (int i = 0; i < k; i++)
		jw_str(j, NULL, d->versions[idx[i]]);
	jw_aend(j);
	jw_end(j);
	w->truth->subcount[T_INTERMEDIATE_DOCUMENTS] += k;
}

void gen_document(struct world *w, struct site *s, int64_t folderId, const int *status, int n,
		  int pwc, int64_t created, int64_t step, struct document *d)
{
	char u[37], content[160];
	if (n + pwc > 48)
		n = 48 - pwc;
	d->fileEntryId = nid(w);
	d->groupId = s->groupId;
	d->folderId = folderId;
	snprintf(d->name, sizeof d->name, "%lld", (long long)++w->dlname);
	snprintf(d->title, sizeof d->title, "Document %lld.txt", (long long)d->fileEntryId);
	d->n = n + pwc;
	int64_t repo = folderId ? folderId : s->groupId; /* the data repository of the store */
	int latestApproved = -1;
	for (int i = 0; i < d->n; i++) {
		if (i < n)
			snprintf(d->versions[i], sizeof d->versions[i], "1.%d", (int)(unsigned char)i);
		else
			snprintf(d->versions[i], sizeof d->versions[i], "PWC");
		d->status[i] = i < n ? status[i] : 2;
		if (d->status[i] == 0 && i < n)
			latestApproved = i;
	}
	const char *entryVersion = d->versions[latestApproved >= 0 ? latestApproved : n - 1];
	char treePath[48];
	snprintf(treePath, sizeof treePath, folderId ? "/%lld/" : "/", (long long)folderId);
	int64_t lastMod = created + (n - 1) * step;

	struct otab *t = w->tDLFE;
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "fileEntryId", d->fileEntryId);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", created);
	sd(t, "modifiedDate", lastMod);
	si(t, "repositoryId", s->groupId);
	si(t, "folderId", folderId);
	ss(t, "treePath", treePath);
	ss(t, "name", d->name);
	ss(t, "fileName", d->title);
	ss(t, "extension", "txt");
	ss(t, "mimeType", "text/plain");
	ss(t, "title", d->title);
	ss(t, "description", "");
	ss(t, "extraSettings", "");
	ss(t, "version", entryVersion);
	si(t, "size_", 64);
	si(t, "readCount", rnd(w, 50));
	if (d->publishedAt && lastMod <= d->publishedAt)
		sd(t, "lastPublishDate", d->publishedAt);
	emit(t);

	for (int i = 0; i < d->n; i++) {
		d->versionIds[i] = nid(w);
		int64_t when = i < n ? created + i * step : lastMod + DAY;
		int len = snprintf(content, sizeof content,
				   "lrprep sample document %s version %s of %lld\n", d->name,
				   d->versions[i], (long long)d->fileEntryId);
		uuid(w, u);
		t = w->tDLFV;
		row(t);
		ss(t, "uuid_", u);
		si(t, "fileVersionId", d->versionIds[i]);
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		sd(t, "createDate", when);
		sd(t, "modifiedDate", when);
		si(t, "repositoryId", s->groupId);
		si(t, "folderId", folderId);
		si(t, "fileEntryId", d->fileEntryId);
		ss(t, "treePath", treePath);
		ss(t, "fileName", d->title);
		ss(t, "extension", "txt");
		ss(t, "mimeType", "text/plain");
		ss(t, "title", d->title);
		ss(t, "description", "");
		ss(t, "changeLog", i ? "updated" : "");
		ss(t, "extraSettings", "");
		ss(t, "version", d->versions[i]);
		si(t, "size_", len);
		ss(t, "checksum", "");
		si(t, "status", d->status[i]);
		si(t, "statusByUserId", s->creatorUserId);
		sd(t, "statusDate", when);
		if (d->publishedAt && when <= d->publishedAt)
			sd(t, "lastPublishDate", d->publishedAt);
		emit(t);
		if (w->store && i != d->missing)
			store_put(w->store, s->companyId, repo, d->name, d->versions[i], content,
				  (size_t)len);
		if (d->status[i] == 1)
			kaleo(w, s, CN_DLFILEENTRY, d->versionIds[i], when);
	}
	if (pwc) {
		t = out_table(w->o, "Lock_");
		uuid(w, u);
		row(t);
		ss(t, "uuid_", u);
		si(t, "lockId", nid(w));
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		sd(t, "createDate", lastMod + DAY);
		ss(t, "className", cn_value(w, CN_DLFILEENTRY));
		sf(t, "key_", "%lld", (long long)d->fileEntryId);
		sf(t, "owner", "%lld", (long long)s->creatorUserId);
		si(t, "inheritable", 0);
		sd(t, "expirationDate", -1);
		emit(t);
	}
	d->assetEntryId = nid(w);
	asset(w, d->assetEntryId, s, s->creatorUserId, CN_DLFILEENTRY, d->fileEntryId, u, d->title,
	      latestApproved >= 0, "text/plain", created, lastMod);
	if (n > 1 && status[n - 1] != 0 && latestApproved >= 0) {
		uuid(w, u);
		asset(w, nid(w), s, s->creatorUserId, CN_DLFILEENTRY, d->versionIds[n - 1], u,
		      d->title, 0, "text/plain", lastMod, lastMod);
	}
	rp_id(w, s->companyId, cn_value(w, CN_DLFILEENTRY), 4, d->fileEntryId,
	      company_role(w, s->companyId, R_OWNER), 511);
	activity(w, s, s->creatorUserId, CN_DLFILEENTRY, d->fileEntryId, 1, created);
	truth_document(w, d);
}

static int64_t dl_folder(struct world *w, struct site *s, const char *name)
{
	char u[37];
	int64_t id = nid(w);
	uuid(w, u);
	struct otab *t = out_table(w->o, "DLFolder");
	row(t);
	ss(t, "uuid_", u);
	si(t, "folderId", id);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", s->modified - 300 * DAY);
	sd(t, "modifiedDate", s->modified - 300 * DAY);
	si(t, "repositoryId", s->groupId);
	si(t, "parentFolderId", 0);
	sf(t, "treePath", "/%lld/", (long long)id);
	ss(t, "name", name);
	sd(t, "lastPostDate", s->modified);
	emit(t);
	rp_id(w, s->companyId, cn_value(w, CN_DLFOLDER), 4, id,
	      company_role(w, s->companyId, R_OWNER), 1023);
	return id;
}

static int64_t journal_folder(struct world *w, struct site *s, const char *name)
{
	char u[37];
	int64_t id = nid(w);
	uuid(w, u);
	struct otab *t = out_table(w->o, "JournalFolder");
	row(t);
	ss(t, "uuid_", u);
	si(t, "folderId", id);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", s->modified - 300 * DAY);
	sd(t, "modifiedDate", s->modified - 300 * DAY);
	si(t, "parentFolderId", 0);
	sf(t, "treePath", "/%lld/", (long long)id);
	ss(t, "name", name);
	emit(t);
	return id;
}

/* Status of each version of a regular article: mostly approved history, a
 * few expired or abandoned drafts, and a newest version that may still be
 * draft or pending (then the one before it is approved). */
static void version_statuses(struct world *w, int n, int *st)
{
	for (int i = 0; i < n; i++) {
		int r = rnd(w, 100);
		st[i] = r < 8 ? 3 : r < 12 ? 2 : 0;
	}
	int r = rnd(w, 100);
	st[n - 1] = r < 15 && n > 1 ? 2 : r < 25 && n > 1 ? 1 : 0;
	if (n > 1 && st[n - 1])
		st[n - 2] = 0;
}

void gen_site_content(struct world *w, struct site *s, int articles, int versions,
		      int documents, int64_t created)
{
	(void)created;
	gen_site_taxonomy(w, s);
	char key[76];
	snprintf(key, sizeof key, w->v7 ? "NEWS-%lld" : "%lld", (long long)s->groupId + 1);
	static const char *const fields[] = { "headline", "body" };
	gen_structure(w, s, key, "News", fields, 2, &s->structureId, 1, &s->templateId, key);
	snprintf(s->structureKey, sizeof s->structureKey, "%s", key);
	snprintf(s->templateKey, sizeof s->templateKey, "%s", key);
	s->journalFolderId = journal_folder(w, s, "Articles");
	s->folderId = dl_folder(w, s, "Documents");

	struct article a0;
	int st[64];
	for (int i = 0; i < articles; i++) {
		struct article a;
		memset(&a, 0, sizeof a);
		a.pin = -1;
		a.noStructure = i && rnd(w, 10) < 3; /* the first uses the site's structure */
		int n = 1 + rnd(w, 2 * versions - 1);
		if (n > 64)
			n = 64;
		version_statuses(w, n, st);
		/* the newest version is recent: every regular site is in use */
		int64_t step = 3 * DAY + rnd(w, 20) * DAY;
		int64_t last = w->now - (1 + rnd(w, 60)) * DAY;
		gen_article(w, s, st, n, last - (n - 1) * step, step, &a);
		if (i == 0)
			a0 = a;
		if (rnd(w, 3) == 0)
			discussion(w, s, CN_JOURNALARTICLE, a.resourcePrimKey, 1 + rnd(w, 3),
				   a.modified[0] + DAY);
		if (rnd(w, 2) == 0)
			ratings(w, s, CN_JOURNALARTICLE, a.resourcePrimKey, 1 + rnd(w, 2));
		if (i == 1 && w->nmembers) {
			struct otab *t = out_table(w->o, "AssetLink");
			row(t);
			si(t, "linkId", nid(w));
			si(t, "companyId", s->companyId);
			si(t, "userId", s->creatorUserId);
			sd(t, "createDate", a.modified[0]);
			si(t, "entryId1", a0.assetEntryId);
			si(t, "entryId2", a.assetEntryId);
			si(t, "type_", 0);
			emit(t);
		}
	}
	for (int i = 0; i < documents; i++) {
		struct document d;
		memset(&d, 0, sizeof d);
		d.missing = -1;
		int n = 1 + rnd(w, 4);
		for (int k = 0; k < n; k++)
			st[k] = 0;
		int r = rnd(w, 100);
		if (n > 1 && r < 15)
			st[n - 1] = 2;
		else if (n > 1 && r < 20)
			st[n - 1] = 1;
		int64_t last = w->now - (1 + rnd(w, 90)) * DAY;
		gen_document(w, s, rnd(w, 2) ? s->folderId : 0, st, n, rnd(w, 25) == 0,
			     last - (n - 1) * 5 * DAY, 5 * DAY, &d);
		if (w->nmembers && rnd(w, 2)) {
			struct otab *t = out_table(w->o, "DLFileRank");
			row(t);
			si(t, "fileRankId", nid(w));
			si(t, "groupId", s->groupId);
			si(t, "companyId", s->companyId);
			si(t, "userId", s->creatorUserId);
			sd(t, "createDate", last);
			si(t, "fileEntryId", d.fileEntryId);
			si(t, "active_", 1);
			emit(t);
		}
	}
	gen_calendar(w, s, 2);

	char wcd[160], ap[160], dl[160], cal[160], search[160];
	portlet_id(w, wcd, sizeof wcd, "56", "com_liferay_journal_content_web_portlet_JournalContentPortlet", 1);
	portlet_id(w, ap, sizeof ap, "101", "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet", 1);
	portlet_id(w, dl, sizeof dl, "20", "com_liferay_document_library_web_portlet_DLPortlet", 0);
	portlet_id(w, cal, sizeof cal, "1_WAR_calendarportlet", "com_liferay_calendar_web_portlet_CalendarPortlet", 0);
	portlet_id(w, search, sizeof search, "3", "com_liferay_portal_search_web_portlet_SearchPortlet", 0);
	if (articles)
		snprintf(s->showArticle, sizeof s->showArticle, "%s", a0.articleId);
	const char *home[] = { wcd, ap };
	const char *news[] = { ap };
	const char *docs[] = { dl, search };
	const char *cals[] = { cal };
	int64_t recent = w->now - (2 + rnd(w, 30)) * DAY;
	gen_layout(w, s, 0, 0, "Home", "/home", home, 2, recent, NULL);
	s->showArticle[0] = '\0';
	gen_layout(w, s, 0, 0, "News", "/news", news, 1, recent - 10 * DAY, NULL);
	gen_layout(w, s, 0, 0, "Documents", "/documents", docs, 2, recent - 20 * DAY, NULL);
	gen_layout(w, s, 0, 0, "Calendar", "/calendar", cals, 1, recent - 30 * DAY, NULL);
	gen_layout(w, s, 1, 0, "Intranet", "/intranet", docs, 2, recent - 40 * DAY, NULL);
}

