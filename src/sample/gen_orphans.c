/* Orphans of every kind in liferay-domain.md §2.5, each recorded with its
 * table, key, the column that dangles and the value it points at. Missing
 * ids are above 9,000,000,000, beyond any id the counter hands out, so they
 * never exist. Only the recorded column dangles in each planted row. */
#include "world.h"
#include <stdio.h>
#include <string.h>

#define MISSING 9000000000LL

static int64_t missing(int k) { return MISSING + k; }

static void rec(struct world *w, struct otab *t, const char *kind, const char *key,
		const char *col, int64_t value, const char *refs)
{
	if (!t || !w->truth)
		return;
	struct jw *j = truth_item(w->truth, T_ORPHANS);
	jw_begin(j, NULL);
	jw_str(j, "kind", kind);
	jw_str(j, "table", out_name(t));
	strbuf_addf(j->b, ",\"key\":{%s}", key);
	jw_str(j, "column", col);
	jw_int(j, "value", value);
	jw_str(j, "references", refs);
	jw_end(j);
}

static void keyf(char *buf, size_t n, const char *col, int64_t v)
{
	snprintf(buf, n, "\"%s\":%lld", col, (long long)v);
}

void gen_orphans(struct world *w)
{
	const struct company *c = &w->c[0];
	int64_t g = c->guestGroupId, cid = c->id, admin = c->adminUserId, id;
	char key[160], pk[192];
	struct otab *t;
	char u[37];

	/* generic companyId / groupId / userId sweeps */
	t = out_table(w->o, "Subscription");
	id = nid(w);
	row(t);
	si(t, "mvccVersion", 0);
	si(t, "subscriptionId", id);
	si(t, "companyId", missing(1));
	si(t, "groupId", 0);
	si(t, "userId", admin);
	sd(t, "createDate", w->now - 10 * DAY);
	sd(t, "modifiedDate", w->now - 10 * DAY);
	si(t, "classNameId", w->cn[CN_GROUP]);
	si(t, "classPK", g);
	ss(t, "frequency", "instant");
	emit(t);
	keyf(key, sizeof key, "subscriptionId", id);
	rec(w, t, "companyId", key, "companyId", missing(1), "Company.companyId");

	t = out_table(w->o, "AssetTag");
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "tagId", id);
	si(t, "groupId", missing(2));
	si(t, "companyId", cid);
	si(t, "userId", admin);
	sd(t, "createDate", w->now - 10 * DAY);
	sd(t, "modifiedDate", w->now - 10 * DAY);
	ss(t, "name", "orphan-tag");
	emit(t);
	keyf(key, sizeof key, "tagId", id);
	rec(w, t, "groupId", key, "groupId", missing(2), "Group_.groupId");

	t = out_table(w->o, "DLFolder");
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "folderId", id);
	si(t, "groupId", missing(3));
	si(t, "companyId", cid);
	si(t, "userId", admin);
	sd(t, "createDate", w->now - 10 * DAY);
	sd(t, "modifiedDate", w->now - 10 * DAY);
	si(t, "repositoryId", missing(3));
	sf(t, "treePath", "/%lld/", (long long)id);
	ss(t, "name", "Orphan Folder");
	emit(t);
	keyf(key, sizeof key, "folderId", id);
	rec(w, t, "groupId", key, "groupId", missing(3), "Group_.groupId");

	t = out_table(w->o, "AssetVocabulary");
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "vocabularyId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", missing(4));
	sd(t, "createDate", w->now - 10 * DAY);
	sd(t, "modifiedDate", w->now - 10 * DAY);
	ss(t, "name", "Orphan Owner");
	emit(t);
	keyf(key, sizeof key, "vocabularyId", id);
	rec(w, t, "userId", key, "userId", missing(4), "User_.userId");

	/* PortletPreferences: plid and owners */
	static const struct { int ownerType; int64_t plid; const char *col; const char *refs; } pp[] = {
		{ 3, 5, "plid", "Layout.plid" },
		{ 2, 0, "ownerId", "Group_.groupId (ownerType 2)" },
		{ 4, 0, "ownerId", "User_.userId (ownerType 4)" },
	};
	for (int i = 0; i < 3; i++) {
		t = w->tPP;
		id = nid(w);
		row(t);
		si(t, "mvccVersion", 0);
		si(t, "portletPreferencesId", id);
		si(t, "companyId", cid);
		si(t, "ownerId", pp[i].ownerType == 3 ? 0 : missing(6 + i));
		si(t, "ownerType", pp[i].ownerType);
		si(t, "plid", pp[i].ownerType == 3 ? missing(pp[i].plid) : 0);
		ss(t, "portletId", w->v7 ? "com_liferay_journal_web_portlet_JournalPortlet" : "15");
		ss(t, "preferences", "<portlet-preferences />");
		emit(t);
		keyf(key, sizeof key, "portletPreferencesId", id);
		rec(w, t, "portletpreferences.owner", key, pp[i].col,
		    pp[i].ownerType == 3 ? missing(5) : missing(6 + i), pp[i].refs);
	}

	/* ResourcePermission: group scope, group individual, layout portlet, file entry */
	struct { int scope; const char *name; int k; const char *prefix; const char *kind; const char *refs; } rps[] = {
		{ 2, cn_value(w, CN_JOURNALARTICLE), 9, "", "resourcepermission.group", "Group_.groupId (scope 2 primKey)" },
		{ 4, portal_model(w, "Group"), 10, "", "resourcepermission.group", "Group_.groupId (individual)" },
		{ 4, w->v7 ? "com_liferay_journal_content_web_portlet_JournalContentPortlet" : "56", 11,
		  "_LAYOUT_", "resourcepermission.layout", "Layout.plid (<plid>_LAYOUT_<portletId>)" },
		{ 4, cn_value(w, CN_DLFILEENTRY), 12, "", "resourcepermission.dlfileentry", "DLFileEntry.fileEntryId" },
	};
	for (int i = 0; i < 4; i++) {
		if (*rps[i].prefix)
			snprintf(pk, sizeof pk, "%lld_LAYOUT_%s_INSTANCE_orphan", (long long)missing(rps[i].k),
				 w->v7 ? "com_liferay_journal_content_web_portlet_JournalContentPortlet" : "56");
		else
			snprintf(pk, sizeof pk, "%lld", (long long)missing(rps[i].k));
		int64_t rpid = w->id + 1;
		rp(w, cid, rps[i].name, rps[i].scope, pk, c->role[R_OWNER], 1);
		keyf(key, sizeof key, "resourcePermissionId", rpid);
		rec(w, w->tRP, rps[i].kind, key, "primKey", missing(rps[i].k), rps[i].refs);
	}

	/* AssetEntry classPK of a missing article / file entry */
	static const enum cn acls[] = { CN_JOURNALARTICLE, CN_DLFILEENTRY };
	for (int i = 0; i < 2; i++) {
		t = w->tAsset;
		id = nid(w);
		uuid(w, u);
		row(t);
		si(t, "entryId", id);
		si(t, "groupId", g);
		si(t, "companyId", cid);
		si(t, "userId", admin);
		sd(t, "createDate", w->now - 10 * DAY);
		sd(t, "modifiedDate", w->now - 10 * DAY);
		si(t, "classNameId", w->cn[acls[i]]);
		si(t, "classPK", missing(13 + i));
		ss(t, "classUuid", u);
		si(t, "visible", 1);
		ss(t, "title", "orphan asset");
		emit(t);
		keyf(key, sizeof key, "entryId", id);
		rec(w, t, "assetentry.classpk", key, "classPK", missing(13 + i),
		    i ? "DLFileEntry.fileEntryId" : "JournalArticle.resourcePrimKey or id_");
	}

	/* JournalArticleResource with no article; localization of a missing article */
	t = w->tJAR;
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "resourcePrimKey", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	sf(t, "articleId", "%lld", (long long)id);
	emit(t);
	keyf(key, sizeof key, "resourcePrimKey", id);
	rec(w, t, "journalarticleresource.noarticle", key, "resourcePrimKey", id,
	    "JournalArticle.resourcePrimKey (no version exists)");
	t = w->tJAL;
	id = nid(w);
	row(t);
	si(t, "articleLocalizationId", id);
	si(t, "companyId", cid);
	si(t, "articlePK", missing(15));
	ss(t, "title", "orphan");
	ss(t, "languageId", "en_US");
	emit(t);
	keyf(key, sizeof key, "articleLocalizationId", id);
	rec(w, t, "journalarticlelocalization.articlepk", key, "articlePK", missing(15),
	    "JournalArticle.id_");

	/* an article whose structure key names no structure */
	{
		struct site s;
		memset(&s, 0, sizeof s);
		s.groupId = g;
		s.companyId = cid;
		s.creatorUserId = admin;
		s.modified = w->now - 5 * DAY;
		s.lastPublish[0] = s.lastPublish[1] = -1;
		snprintf(s.name, sizeof s.name, "Guest");
		s.structureId = w->v7 ? w->basicStructureId : 1;
		s.templateId = w->basicTemplateId;
		snprintf(s.structureKey, sizeof s.structureKey, "MISSING-STRUCTURE");
		snprintf(s.templateKey, sizeof s.templateKey, "%s", w->v7 ? "BASIC-WEB-CONTENT" : "");
		struct article a;
		memset(&a, 0, sizeof a);
		a.pin = -1;
		int st[2] = { 0 };
		gen_article(w, &s, st, 1, w->now - 5 * DAY, DAY, &a);
		keyf(key, sizeof key, "id_", a.ids[0]);
		if (w->truth) {
			struct jw *j = truth_item(w->truth, T_ORPHANS);
			jw_begin(j, NULL);
			jw_str(j, "kind", "journalarticle.structure");
			jw_str(j, "table", "JournalArticle");
			strbuf_addf(j->b, ",\"key\":{%s}", key);
			jw_str(j, "column", w->v7 ? "DDMStructureKey" : "structureId");
			jw_str(j, "value", "MISSING-STRUCTURE");
			jw_str(j, "references", "DDMStructure.structureKey");
			jw_str(j, "articleId", a.articleId);
			jw_end(j);
		}
	}

	/* Layout: a page whose parent does not exist; rows of missing pages */
	{
		int64_t plid = nid(w), when = w->now - 5 * DAY;
		uuid(w, u);
		t = w->tLayout;
		row(t);
		si(t, "mvccVersion", 0);
		ss(t, "uuid_", u);
		si(t, "plid", plid);
		si(t, "groupId", g);
		si(t, "companyId", cid);
		si(t, "userId", admin);
		sd(t, "createDate", when);
		sd(t, "modifiedDate", when);
		si(t, "privateLayout", 1);
		si(t, "layoutId", 900);
		si(t, "parentLayoutId", 899);
		ss(t, "name", "<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" default-locale=\"en_US\"><Name language-id=\"en_US\">Lost Child</Name></root>");
		ss(t, "type_", "portlet");
		ss(t, "typeSettings", w->v7 ? "column-1=com_liferay_portal_search_web_portlet_SearchPortlet,\nlayout-template-id=1_column\nprivateLayout=true\n" :
		   "column-1=3,\nlayout-template-id=1_column\nprivateLayout=true\n");
		ss(t, "friendlyURL", "/lost-child");
		emit(t);
		t = w->tLFU;
		uuid(w, u);
		row(t);
		ss(t, "uuid_", u);
		si(t, "layoutFriendlyURLId", nid(w));
		si(t, "groupId", g);
		si(t, "companyId", cid);
		si(t, "plid", plid);
		si(t, "privateLayout", 1);
		ss(t, "friendlyURL", "/lost-child");
		ss(t, "languageId", "en_US");
		emit(t);
		t = w->tPP;
		row(t);
		si(t, "portletPreferencesId", nid(w));
		si(t, "companyId", cid);
		si(t, "ownerType", 3);
		si(t, "plid", plid);
		ss(t, "portletId", w->v7 ? "com_liferay_portal_search_web_portlet_SearchPortlet" : "3");
		ss(t, "preferences", "<portlet-preferences />");
		emit(t);
		snprintf(key, sizeof key, "\"plid\":%lld", (long long)plid);
		rec(w, w->tLayout, "layout.parent", key, "parentLayoutId", 899,
		    "Layout.layoutId (same groupId and privateLayout)");
	}
	t = w->tLFU;
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "layoutFriendlyURLId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "plid", missing(16));
	ss(t, "friendlyURL", "/vanished");
	ss(t, "languageId", "en_US");
	emit(t);
	keyf(key, sizeof key, "layoutFriendlyURLId", id);
	rec(w, t, "layoutfriendlyurl.plid", key, "plid", missing(16), "Layout.plid");
	t = out_table(w->o, "LayoutRevision");
	id = nid(w);
	row(t);
	si(t, "layoutRevisionId", id);
	si(t, "groupId", w->stagingGroupId);
	si(t, "companyId", cid);
	si(t, "layoutSetBranchId", w->layoutSetBranchId);
	si(t, "plid", missing(17));
	si(t, "head", 1);
	ss(t, "typeSettings", "");
	emit(t);
	keyf(key, sizeof key, "layoutRevisionId", id);
	rec(w, t, "layoutrevision.plid", key, "plid", missing(17), "Layout.plid");
	t = out_table(w->o, "Subscription");
	id = nid(w);
	row(t);
	si(t, "subscriptionId", id);
	si(t, "companyId", cid);
	si(t, "groupId", g);
	si(t, "userId", admin);
	si(t, "classNameId", w->cn[CN_LAYOUT]);
	si(t, "classPK", missing(18));
	ss(t, "frequency", "instant");
	emit(t);
	keyf(key, sizeof key, "subscriptionId", id);
	rec(w, t, "classpk.layout", key, "classPK", missing(18), "Layout.plid");
	t = w->tJCS;
	id = nid(w);
	row(t);
	si(t, "contentSearchId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "privateLayout", 0);
	si(t, "layoutId", 901);
	ss(t, "portletId", "56_INSTANCE_orphan");
	ss(t, "articleId", "0");
	emit(t);
	keyf(key, sizeof key, "contentSearchId", id);
	rec(w, t, "journalcontentsearch.layout", key, "layoutId", 901,
	    "Layout.layoutId (same groupId and privateLayout)");

	/* Documents and Media */
	t = w->tDLFV;
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "fileVersionId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	si(t, "repositoryId", g);
	si(t, "fileEntryId", missing(19));
	ss(t, "treePath", "/");
	ss(t, "extension", "txt");
	ss(t, "mimeType", "text/plain");
	ss(t, "title", "Lost version.txt");
	ss(t, "version", "1.0");
	si(t, "size_", 10);
	emit(t);
	keyf(key, sizeof key, "fileVersionId", id);
	rec(w, t, "dlfileversion.fileentry", key, "fileEntryId", missing(19), "DLFileEntry.fileEntryId");
	t = out_table(w->o, "DLFileEntryMetadata");
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "fileEntryMetadataId", id);
	si(t, "companyId", cid);
	si(t, "DDMStorageId", 0);
	si(t, "DDMStructureId", missing(20));
	si(t, "fileEntryId", missing(21));
	si(t, "fileVersionId", missing(22));
	emit(t);
	keyf(key, sizeof key, "fileEntryMetadataId", id);
	rec(w, t, "dlfileentrymetadata.fileentry", key, "fileEntryId", missing(21),
	    "DLFileEntry.fileEntryId (fileVersionId and DDMStructureId dangle too)");
	t = out_table(w->o, "DLFileShortcut");
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "fileShortcutId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	si(t, "repositoryId", g);
	si(t, "folderId", 0);
	si(t, "toFileEntryId", missing(23));
	ss(t, "treePath", "/");
	emit(t);
	keyf(key, sizeof key, "fileShortcutId", id);
	rec(w, t, "dlfileshortcut.tofileentry", key, "toFileEntryId", missing(23), "DLFileEntry.fileEntryId");
	t = out_table(w->o, "DLFileRank");
	id = nid(w);
	row(t);
	si(t, "fileRankId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	si(t, "fileEntryId", missing(24));
	si(t, "active_", 1);
	emit(t);
	keyf(key, sizeof key, "fileRankId", id);
	rec(w, t, "dlfilerank.fileentry", key, "fileEntryId", missing(24), "DLFileEntry.fileEntryId");
	t = w->tDLFE;
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "fileEntryId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	si(t, "repositoryId", g);
	ss(t, "treePath", "/");
	ss(t, "name", "");
	ss(t, "title", "Nameless.txt");
	ss(t, "version", "1.0");
	emit(t);
	keyf(key, sizeof key, "fileEntryId", id);
	if (w->truth) {
		struct jw *j = truth_item(w->truth, T_ORPHANS);
		jw_begin(j, NULL);
		jw_str(j, "kind", "dlfileentry.name");
		jw_str(j, "table", out_name(t));
		strbuf_addf(j->b, ",\"key\":{%s}", key);
		jw_str(j, "column", "name");
		jw_str(j, "value", "");
		jw_str(j, "references", "the document store (empty name: no file, no version)");
		jw_end(j);
	}

	/* Dynamic data mapping */
	t = w->tDDMSL;
	if (!t)
		t = out_table(w->o, "DDMStorageLink");
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "storageLinkId", id);
	si(t, "companyId", cid);
	si(t, "classNameId", w->cn[CN_DDMCONTENT]);
	si(t, "classPK", missing(25));
	si(t, "structureId", w->v7 ? w->basicStructureId : missing(26));
	emit(t);
	keyf(key, sizeof key, "storageLinkId", id);
	rec(w, t, "ddmstoragelink.classpk", key, "classPK", missing(25), w->v7 ?
	    "DDMContent.contentId" : "DDMContent.contentId (structureId dangles too)");
	{
		struct site s;
		memset(&s, 0, sizeof s);
		s.groupId = g;
		s.companyId = cid;
		s.creatorUserId = admin;
		s.modified = w->now - 5 * DAY;
		s.lastPublish[0] = s.lastPublish[1] = -1;
		int64_t tid;
		t = out_table(w->o, "DDMStructure");
		id = nid(w);
		uuid(w, u);
		row(t);
		ss(t, "uuid_", u);
		si(t, "structureId", id);
		si(t, "groupId", g);
		si(t, "companyId", cid);
		si(t, "userId", admin);
		si(t, "parentStructureId", missing(27));
		si(t, "classNameId", w->cn[CN_JOURNALARTICLE]);
		ss(t, "structureKey", "ORPHAN-PARENT");
		ss(t, "version", "1.0");
		ss(t, "name", "Orphan Parent");
		ss(t, "xsd", "<?xml version=\"1.0\"?>\n\n<root available-locales=\"en_US\" default-locale=\"en_US\"></root>");
		ss(t, "definition", "{\"availableLanguageIds\":[\"en_US\"],\"defaultLanguageId\":\"en_US\",\"fields\":[]}");
		ss(t, "storageType", w->v7 ? "json" : "xml");
		emit(t);
		keyf(key, sizeof key, "structureId", id);
		rec(w, t, "ddmstructure.parent", key, "parentStructureId", missing(27),
		    "DDMStructure.structureId");
		if (w->truth) {
			struct jw *j = truth_item(w->truth, T_UNUSED_STRUCTURES);
			jw_begin(j, NULL);
			jw_int(j, "structureId", id);
			jw_str(j, "structureKey", "ORPHAN-PARENT");
			jw_int(j, "groupId", g);
			jw_str(j, "reason", "no article, no template (also an orphan: missing parent)");
			jw_end(j);
		}
		t = out_table(w->o, "DDMTemplate");
		tid = nid(w);
		uuid(w, u);
		row(t);
		ss(t, "uuid_", u);
		si(t, "templateId", tid);
		si(t, "groupId", g);
		si(t, "companyId", cid);
		si(t, "userId", admin);
		si(t, "classNameId", w->cn[CN_DDMSTRUCTURE]);
		si(t, "classPK", missing(28));
		si(t, "resourceClassNameId", w->cn[CN_JOURNALARTICLE]);
		ss(t, "templateKey", "ORPHAN-TEMPLATE");
		ss(t, "version", "1.0");
		ss(t, "name", "Orphan Template");
		ss(t, "type_", "display");
		ss(t, "language", "ftl");
		ss(t, "script", "<p/>");
		emit(t);
		keyf(key, sizeof key, "templateId", tid);
		rec(w, t, "ddmtemplate.classpk", key, "classPK", missing(28), "DDMStructure.structureId");
		if (w->truth) {
			struct jw *j = truth_item(w->truth, T_UNUSED_TEMPLATES);
			jw_begin(j, NULL);
			jw_int(j, "templateId", tid);
			jw_str(j, "templateKey", "ORPHAN-TEMPLATE");
			jw_int(j, "groupId", g);
			jw_str(j, "reason", "no article uses it (also an orphan: missing structure)");
			jw_end(j);
		}
	}
	t = out_table(w->o, "DDMStructureLink");
	id = nid(w);
	row(t);
	si(t, "structureLinkId", id);
	si(t, "companyId", cid);
	si(t, "classNameId", w->cn[CN_DLFILEENTRYTYPE]);
	si(t, "classPK", missing(29));
	si(t, "structureId", missing(30));
	emit(t);
	keyf(key, sizeof key, "structureLinkId", id);
	rec(w, t, "ddmstructurelink.structure", key, "structureId", missing(30),
	    "DDMStructure.structureId (classPK dangles too)");
	t = w->tDDMTL;
	id = nid(w);
	row(t);
	si(t, "templateLinkId", id);
	si(t, "companyId", cid);
	si(t, "classNameId", w->cn[CN_JOURNALARTICLE]);
	si(t, "classPK", missing(31));
	si(t, "templateId", missing(32));
	emit(t);
	keyf(key, sizeof key, "templateLinkId", id);
	rec(w, t, "ddmtemplatelink.template", key, "templateId", missing(32),
	    "DDMTemplate.templateId (classPK dangles too)");
	t = out_table(w->o, "DDMStructureVersion");
	id = nid(w);
	row(t);
	si(t, "structureVersionId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "structureId", missing(33));
	ss(t, "version", "1.0");
	emit(t);
	keyf(key, sizeof key, "structureVersionId", id);
	rec(w, t, "ddmstructureversion.structure", key, "structureId", missing(33),
	    "DDMStructure.structureId");

	/* Asset links and mapping tables */
	t = out_table(w->o, "AssetLink");
	id = nid(w);
	int64_t someEntry = nid(w);
	row(w->tAsset);
	si(w->tAsset, "entryId", someEntry);
	si(w->tAsset, "groupId", c->globalGroupId);
	si(w->tAsset, "companyId", cid);
	si(w->tAsset, "userId", admin);
	si(w->tAsset, "classNameId", w->cn[CN_GROUP]);
	si(w->tAsset, "classPK", g);
	uuid(w, u);
	ss(w->tAsset, "classUuid", u);
	ss(w->tAsset, "title", "Guest");
	emit(w->tAsset);
	row(t);
	si(t, "linkId", id);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	si(t, "entryId1", someEntry);
	si(t, "entryId2", missing(34));
	emit(t);
	keyf(key, sizeof key, "linkId", id);
	rec(w, t, "assetlink.entry", key, "entryId2", missing(34), "AssetEntry.entryId");

	int64_t tagId = nid(w);
	t = out_table(w->o, "AssetTag");
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "tagId", tagId);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	ss(t, "name", "mapped-tag");
	emit(t);
	const struct {
		const char *table, *c1, *c2, *kind, *refs;
		int64_t v1, v2;
		int which;
	} maps[] = {
		{ "Users_Groups", "groupId", "userId", "mapping.user", "User_.userId", g, missing(35), 2 },
		{ "Users_Roles", "roleId", "userId", "mapping.role", "Role_.roleId", missing(36), admin, 1 },
		{ "Users_Orgs", "organizationId", "userId", "mapping.organization",
		  "Organization_.organizationId", missing(37), admin, 1 },
		{ "Groups_Orgs", "groupId", "organizationId", "mapping.organization",
		  "Organization_.organizationId", g, missing(38), 2 },
		{ "AssetEntries_AssetTags", "entryId", "tagId", "mapping.assetentry",
		  "AssetEntry.entryId", missing(39), tagId, 1 },
	};
	for (int i = 0; i < 5; i++) {
		t = out_table(w->o, maps[i].table);
		row(t);
		si(t, "companyId", cid);
		si(t, maps[i].c1, maps[i].v1);
		si(t, maps[i].c2, maps[i].v2);
		emit(t);
		snprintf(key, sizeof key, "\"%s\":%lld,\"%s\":%lld", maps[i].c1, (long long)maps[i].v1,
			 maps[i].c2, (long long)maps[i].v2);
		rec(w, t, maps[i].kind, key, maps[i].which == 1 ? maps[i].c1 : maps[i].c2,
		    maps[i].which == 1 ? maps[i].v1 : maps[i].v2, maps[i].refs);
	}

	/* class-keyed rows of a missing article / file entry */
	t = w->tRS;
	id = nid(w);
	row(t);
	si(t, "statsId", id);
	si(t, "companyId", cid);
	si(t, "classNameId", w->cn[CN_JOURNALARTICLE]);
	si(t, "classPK", missing(40));
	si(t, "totalEntries", 1);
	sr(t, "totalScore", 1);
	sr(t, "averageScore", 1);
	emit(t);
	keyf(key, sizeof key, "statsId", id);
	rec(w, t, "classpk.journalarticle", key, "classPK", missing(40), "JournalArticle.resourcePrimKey");
	t = w->tMBD;
	id = nid(w);
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "discussionId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	si(t, "classNameId", w->cn[CN_JOURNALARTICLE]);
	si(t, "classPK", missing(41));
	si(t, "threadId", missing(42));
	emit(t);
	keyf(key, sizeof key, "discussionId", id);
	rec(w, t, "classpk.journalarticle", key, "classPK", missing(41),
	    "JournalArticle.resourcePrimKey (threadId dangles too)");
	t = w->tSA;
	id = nid(w);
	row(t);
	si(t, "activityId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	si(t, "createDate", (w->now - 5 * DAY) * 1000);
	si(t, "classNameId", w->cn[CN_DLFILEENTRY]);
	si(t, "classPK", missing(43));
	si(t, "type_", 1);
	ss(t, "extraData", "{}");
	emit(t);
	keyf(key, sizeof key, "activityId", id);
	rec(w, t, "classpk.dlfileentry", key, "classPK", missing(43), "DLFileEntry.fileEntryId");
	t = out_table(w->o, "ExpandoRow");
	id = nid(w);
	row(t);
	si(t, "rowId_", id);
	si(t, "companyId", cid);
	si(t, "tableId", w->expandoTableId);
	si(t, "classPK", missing(44));
	emit(t);
	keyf(key, sizeof key, "rowId_", id);
	rec(w, t, "classpk.journalarticle", key, "classPK", missing(44), "JournalArticle.id_");
	t = out_table(w->o, "ExpandoValue");
	int64_t vid = nid(w);
	row(t);
	si(t, "valueId", vid);
	si(t, "companyId", cid);
	si(t, "tableId", w->expandoTableId);
	si(t, "columnId", w->expandoColumnId);
	si(t, "rowId_", id);
	si(t, "classNameId", w->cn[CN_JOURNALARTICLE]);
	si(t, "classPK", missing(44));
	ss(t, "data_", "press release");
	emit(t);
	keyf(key, sizeof key, "valueId", vid);
	rec(w, t, "classpk.journalarticle", key, "classPK", missing(44), "JournalArticle.id_");
	t = w->tWIL;
	id = nid(w);
	row(t);
	si(t, "workflowInstanceLinkId", id);
	si(t, "groupId", g);
	si(t, "companyId", cid);
	si(t, "userId", admin);
	si(t, "classNameId", w->cn[CN_JOURNALARTICLE]);
	si(t, "classPK", missing(45));
	si(t, "workflowInstanceId", 0);
	emit(t);
	keyf(key, sizeof key, "workflowInstanceLinkId", id);
	rec(w, t, "classpk.journalarticle", key, "classPK", missing(45), "JournalArticle.id_");
}
