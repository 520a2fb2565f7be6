/* Asset taxonomy and dynamic data mapping: vocabularies, categories, tags,
 * web content structures (6.2 xsd XML, 7.x definition JSON) and templates. */
#include "world.h"
#include <stdio.h>
#include <string.h>

void gen_site_taxonomy(struct world *w, struct site *s)
{
	char u[37];
	struct strbuf sb = STRBUF_INIT;
	int64_t vocabularyId = nid(w);
	uuid(w, u);
	struct otab *t = out_table(w->o, "AssetVocabulary");
	row(t);
	ss(t, "uuid_", u);
	si(t, "vocabularyId", vocabularyId);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", s->modified - 200 * DAY);
	sd(t, "modifiedDate", s->modified - 200 * DAY);
	ss(t, "name", "Topics");
	localized(&sb, "Title", "Topics");
	ss(t, "title", sb.buf);
	ss(t, "settings_", "multiValued=true\n");
	emit(t);

	s->categoryId = nid(w);
	uuid(w, u);
	t = out_table(w->o, "AssetCategory");
	row(t);
	ss(t, "uuid_", u);
	si(t, "categoryId", s->categoryId);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", s->modified - 200 * DAY);
	sd(t, "modifiedDate", s->modified - 200 * DAY);
	si(t, "parentCategoryId", 0);
	si(t, "leftCategoryId", 2);
	si(t, "rightCategoryId", 3);
	ss(t, "name", "News");
	strbuf_reset(&sb);
	localized(&sb, "Title", "News");
	ss(t, "title", sb.buf);
	si(t, "vocabularyId", vocabularyId);
	emit(t);

	s->tagId = nid(w);
	t = out_table(w->o, "AssetTag");
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "tagId", s->tagId);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", s->modified - 200 * DAY);
	sd(t, "modifiedDate", s->modified - 200 * DAY);
	sf(t, "name", "topic-%lld", (long long)s->groupId);
	si(t, "assetCount", 1);
	emit(t);
	strbuf_release(&sb);
}

/* A web content structure (6.2: xsd XML; 7.x: definition JSON, plus its
 * version and layout rows) and, optionally, its display template. */
void gen_structure(struct world *w, struct site *s, const char *key, const char *name,
		   const char *const *fields, int nfields, int64_t *idOut, int with_template,
		   int64_t *templateIdOut, const char *templateKey)
{
	int64_t id = nid(w), when = s->modified - 300 * DAY;
	struct strbuf def = STRBUF_INIT, nm = STRBUF_INIT;
	localized(&nm, "Name", name);
	if (w->v7) {
		strbuf_addstr(&def, "{\"availableLanguageIds\":[\"en_US\"],\"defaultLanguageId\":\"en_US\",\"fields\":[");
		for (int i = 0; i < nfields; i++)
			strbuf_addf(&def, "%s{\"dataType\":\"string\",\"indexType\":\"keyword\",\"label\":"
				    "{\"en_US\":\"%s\"},\"name\":\"%s\",\"repeatable\":false,\"required\":"
				    "false,\"showLabel\":true,\"type\":\"text\"}", i ? "," : "",
				    fields[i], fields[i]);
		strbuf_addstr(&def, "]}");
	} else {
		strbuf_addstr(&def, "<?xml version=\"1.0\"?>\n\n<root available-locales=\"en_US\" default-locale=\"en_US\">");
		for (int i = 0; i < nfields; i++)
			strbuf_addf(&def, "\n\t<dynamic-element dataType=\"string\" indexType=\"keyword\" "
				    "name=\"%s\" readOnly=\"false\" repeatable=\"false\" required=\"false\" "
				    "showLabel=\"true\" type=\"text\" width=\"small\">\n\t\t<meta-data "
				    "locale=\"en_US\">\n\t\t\t<entry name=\"label\"><![CDATA[%s]]></entry>\n"
				    "\t\t</meta-data>\n\t</dynamic-element>", fields[i], fields[i]);
		strbuf_addstr(&def, "\n</root>");
	}
	char u[37];
	uuid(w, u);
	struct otab *t = out_table(w->o, "DDMStructure");
	row(t);
	ss(t, "uuid_", u);
	si(t, "structureId", id);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	si(t, "versionUserId", s->creatorUserId);
	sd(t, "createDate", when);
	sd(t, "modifiedDate", when);
	si(t, "parentStructureId", 0);
	si(t, "classNameId", w->cn[CN_JOURNALARTICLE]);
	ss(t, "structureKey", key);
	ss(t, "version", "1.0");
	ss(t, "name", nm.buf);
	ss(t, "xsd", def.buf);
	ss(t, "definition", def.buf);
	ss(t, "storageType", w->v7 ? "json" : "xml");
	si(t, "type_", 0);
	if (s->stagedPortlets && s->lastPublish[0] >= 0)
		sd(t, "lastPublishDate", s->lastPublish[0] / 1000);
	emit(t);
	rp_id(w, s->companyId, cn_value(w, CN_DDMSTRUCTURE), 4, id,
	      company_role(w, s->companyId, R_OWNER), 15);

	int64_t svid = nid(w);
	t = out_table(w->o, "DDMStructureVersion");
	row(t);
	si(t, "structureVersionId", svid);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", when);
	si(t, "structureId", id);
	ss(t, "version", "1.0");
	ss(t, "name", nm.buf);
	ss(t, "definition", def.buf);
	ss(t, "storageType", "json");
	si(t, "statusByUserId", s->creatorUserId);
	sd(t, "statusDate", when);
	emit(t);
	t = out_table(w->o, "DDMStructureLayout");
	uuid(w, u);
	row(t);
	ss(t, "uuid_", u);
	si(t, "structureLayoutId", nid(w));
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", when);
	sd(t, "modifiedDate", when);
	si(t, "structureVersionId", svid);
	ss(t, "definition", "{\"defaultLanguageId\":\"en_US\",\"pages\":[]}");
	emit(t);
	*idOut = id;

	if (with_template) {
		int64_t tid = nid(w);
		uuid(w, u);
		t = out_table(w->o, "DDMTemplate");
		row(t);
		ss(t, "uuid_", u);
		si(t, "templateId", tid);
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		si(t, "versionUserId", s->creatorUserId);
		sd(t, "createDate", when);
		sd(t, "modifiedDate", when);
		si(t, "classNameId", w->cn[CN_DDMSTRUCTURE]);
		si(t, "classPK", id);
		si(t, "resourceClassNameId", w->cn[CN_JOURNALARTICLE]);
		ss(t, "templateKey", templateKey);
		ss(t, "version", "1.0");
		ss(t, "name", nm.buf);
		ss(t, "type_", "display");
		ss(t, "mode_", "");
		ss(t, "language", "ftl");
		sf(t, "script", "<h1>${%s.getData()}</h1>", fields[0]);
		si(t, "cacheable", 1);
		if (s->stagedPortlets && s->lastPublish[0] >= 0)
			sd(t, "lastPublishDate", s->lastPublish[0] / 1000);
		emit(t);
		t = out_table(w->o, "DDMTemplateVersion");
		row(t);
		si(t, "templateVersionId", nid(w));
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		sd(t, "createDate", when);
		si(t, "classNameId", w->cn[CN_DDMSTRUCTURE]);
		si(t, "classPK", id);
		si(t, "templateId", tid);
		ss(t, "version", "1.0");
		ss(t, "name", nm.buf);
		ss(t, "language", "ftl");
		sf(t, "script", "<h1>${%s.getData()}</h1>", fields[0]);
		si(t, "statusByUserId", s->creatorUserId);
		sd(t, "statusDate", when);
		emit(t);
		rp_id(w, s->companyId, cn_value(w, CN_DDMTEMPLATE), 4, tid,
		      company_role(w, s->companyId, R_OWNER), 15);
		*templateIdOut = tid;
	}
	strbuf_release(&def);
	strbuf_release(&nm);
}

