/* ClassName_ spellings as data (liferay-domain.md §2.1 table). */
#include "classnames.h"
#include <string.h>
#include <strings.h>

#define P62 "com.liferay.portal.model."
#define P70 "com.liferay.portal.kernel.model."

const struct lr_classname_def lr_classname_defs[CN__COUNT] = {
	[CN_NONE] = { CN_NONE, "", NULL, NULL, NULL },
	[CN_GROUP] = { CN_GROUP, "Group", P62 "Group", P70 "Group", NULL },
	[CN_LAYOUT] = { CN_LAYOUT, "Layout", P62 "Layout", P70 "Layout", NULL },
	[CN_USER] = { CN_USER, "User", P62 "User", P70 "User", NULL },
	[CN_COMPANY] = { CN_COMPANY, "Company", P62 "Company", P70 "Company", NULL },
	[CN_ORGANIZATION] = { CN_ORGANIZATION, "Organization", P62 "Organization",
			      P70 "Organization", NULL },
	[CN_USER_GROUP] = { CN_USER_GROUP, "UserGroup", P62 "UserGroup", P70 "UserGroup", NULL },
	[CN_ROLE] = { CN_ROLE, "Role", P62 "Role", P70 "Role", NULL },
	[CN_LAYOUT_PROTOTYPE] = { CN_LAYOUT_PROTOTYPE, "LayoutPrototype", P62 "LayoutPrototype",
				  P70 "LayoutPrototype", NULL },
	[CN_LAYOUT_SET_PROTOTYPE] = { CN_LAYOUT_SET_PROTOTYPE, "LayoutSetPrototype",
				      P62 "LayoutSetPrototype", P70 "LayoutSetPrototype", NULL },
	[CN_USER_PERSONAL_SITE] = { CN_USER_PERSONAL_SITE, "UserPersonalSite",
				    P62 "UserPersonalSite", P70 "UserPersonalSite", NULL },
	[CN_JOURNAL_ARTICLE] = { CN_JOURNAL_ARTICLE, "JournalArticle",
				 "com.liferay.portlet.journal.model.JournalArticle",
				 "com.liferay.journal.model.JournalArticle", NULL },
	[CN_JOURNAL_FOLDER] = { CN_JOURNAL_FOLDER, "JournalFolder",
				"com.liferay.portlet.journal.model.JournalFolder",
				"com.liferay.journal.model.JournalFolder", NULL },
	[CN_DL_FILE_ENTRY] = { CN_DL_FILE_ENTRY, "DLFileEntry",
			       "com.liferay.portlet.documentlibrary.model.DLFileEntry",
			       "com.liferay.document.library.kernel.model.DLFileEntry", NULL },
	[CN_DL_FILE_VERSION] = { CN_DL_FILE_VERSION, "DLFileVersion",
				 "com.liferay.portlet.documentlibrary.model.DLFileVersion",
				 "com.liferay.document.library.kernel.model.DLFileVersion", NULL },
	[CN_DL_FOLDER] = { CN_DL_FOLDER, "DLFolder",
			   "com.liferay.portlet.documentlibrary.model.DLFolder",
			   "com.liferay.document.library.kernel.model.DLFolder", NULL },
	[CN_DL_FILE_ENTRY_METADATA] = { CN_DL_FILE_ENTRY_METADATA, "DLFileEntryMetadata",
		"com.liferay.portlet.documentlibrary.model.DLFileEntryMetadata",
		"com.liferay.document.library.kernel.model.DLFileEntryMetadata", NULL },
	[CN_DDM_STRUCTURE] = { CN_DDM_STRUCTURE, "DDMStructure",
			       "com.liferay.portlet.dynamicdatamapping.model.DDMStructure",
			       "com.liferay.dynamic.data.mapping.model.DDMStructure", NULL },
	[CN_DDM_TEMPLATE] = { CN_DDM_TEMPLATE, "DDMTemplate",
			      "com.liferay.portlet.dynamicdatamapping.model.DDMTemplate",
			      "com.liferay.dynamic.data.mapping.model.DDMTemplate", NULL },
	[CN_DDM_CONTENT] = { CN_DDM_CONTENT, "DDMContent",
			     "com.liferay.portlet.dynamicdatamapping.model.DDMContent",
			     "com.liferay.dynamic.data.mapping.model.DDMContent", NULL },
	[CN_DDL_RECORD] = { CN_DDL_RECORD, "DDLRecord",
			    "com.liferay.portlet.dynamicdatalists.model.DDLRecord",
			    "com.liferay.dynamic.data.lists.model.DDLRecord", NULL },
	[CN_DDL_RECORD_SET] = { CN_DDL_RECORD_SET, "DDLRecordSet",
				"com.liferay.portlet.dynamicdatalists.model.DDLRecordSet",
				"com.liferay.dynamic.data.lists.model.DDLRecordSet", NULL },
	[CN_ASSET_ENTRY] = { CN_ASSET_ENTRY, "AssetEntry",
			     "com.liferay.portlet.asset.model.AssetEntry",
			     "com.liferay.asset.kernel.model.AssetEntry", NULL },
	[CN_MB_MESSAGE] = { CN_MB_MESSAGE, "MBMessage",
			    "com.liferay.portlet.messageboards.model.MBMessage",
			    "com.liferay.message.boards.kernel.model.MBMessage",
			    "com.liferay.message.boards.model.MBMessage" },
	[CN_MB_DISCUSSION] = { CN_MB_DISCUSSION, "MBDiscussion",
			       "com.liferay.portlet.messageboards.model.MBDiscussion",
			       "com.liferay.message.boards.kernel.model.MBDiscussion",
			       "com.liferay.message.boards.model.MBDiscussion" },
	[CN_MB_THREAD] = { CN_MB_THREAD, "MBThread",
			   "com.liferay.portlet.messageboards.model.MBThread",
			   "com.liferay.message.boards.kernel.model.MBThread",
			   "com.liferay.message.boards.model.MBThread" },
	[CN_MB_CATEGORY] = { CN_MB_CATEGORY, "MBCategory",
			     "com.liferay.portlet.messageboards.model.MBCategory",
			     "com.liferay.message.boards.kernel.model.MBCategory",
			     "com.liferay.message.boards.model.MBCategory" },
	[CN_BLOGS_ENTRY] = { CN_BLOGS_ENTRY, "BlogsEntry",
			     "com.liferay.portlet.blogs.model.BlogsEntry",
			     "com.liferay.blogs.kernel.model.BlogsEntry",
			     "com.liferay.blogs.model.BlogsEntry" },
	[CN_WIKI_PAGE] = { CN_WIKI_PAGE, "WikiPage", "com.liferay.portlet.wiki.model.WikiPage",
			   "com.liferay.wiki.model.WikiPage", NULL },
	[CN_WIKI_NODE] = { CN_WIKI_NODE, "WikiNode", "com.liferay.portlet.wiki.model.WikiNode",
			   "com.liferay.wiki.model.WikiNode", NULL },
	[CN_BOOKMARKS_ENTRY] = { CN_BOOKMARKS_ENTRY, "BookmarksEntry",
				 "com.liferay.portlet.bookmarks.model.BookmarksEntry",
				 "com.liferay.bookmarks.model.BookmarksEntry", NULL },
};

const char *lr_classname_value(enum lr_cn cn, enum lr_line line)
{
	const struct lr_classname_def *d;
	if (cn <= CN_NONE || cn >= CN__COUNT)
		return NULL;
	d = &lr_classname_defs[cn];
	if (line != LR_LINE_UNKNOWN && line <= LR_LINE_62)
		return d->v62;
	if (line == LR_LINE_70)
		return d->v70;
	return d->v71 ? d->v71 : d->v70;
}

enum lr_cn lr_classname_by_key(const char *key)
{
	for (int i = 1; i < CN__COUNT; i++)
		if (key && !strcasecmp(lr_classname_defs[i].key, key))
			return (enum lr_cn)i;
	return CN_NONE;
}

int lr_classnames_load(struct db *db, const struct lr_version *v, struct lr_classnames *out,
		       struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	const char *tn = db_table_name(db, "ClassName_");
	enum lr_line line = v ? v->line : LR_LINE_UNKNOWN;
	int rc = 0;

	for (int i = 0; i < CN__COUNT; i++) {
		out->id[i] = -1;
		out->value[i] = NULL;
	}
	if (!tn)
		return 0;
	strbuf_addstr(&sql, "SELECT ");
	db_quote_ident(db, &sql, "classNameId");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, tn);
	strbuf_addstr(&sql, " WHERE ");
	db_quote_ident(db, &sql, "value");
	strbuf_addstr(&sql, " = ?");
	for (int i = 1; i < CN__COUNT && rc == 0; i++) {
		const struct lr_classname_def *d = &lr_classname_defs[i];
		/* the line's own spelling first, then the others */
		const char *cand[4] = { lr_classname_value((enum lr_cn)i, line), d->v62, d->v70, d->v71 };
		for (int k = 0; k < 4; k++) {
			struct db_value p;
			int64_t id = -1;
			struct db_cursor *c;
			if (!cand[k])
				continue;
			p = db_text(cand[k]);
			if (db_query(db, sql.buf, &p, 1, &c, err) < 0) {
				rc = -1;
				break;
			}
			int r = db_next(c, err);
			if (r > 0 && !db_is_null(c, 0))
				id = db_get_int(c, 0);
			db_cursor_close(c);
			if (r < 0) {
				rc = -1;
				break;
			}
			if (id >= 0) {
				out->id[i] = id;
				out->value[i] = cand[k];
				break;
			}
		}
	}
	strbuf_release(&sql);
	return rc;
}
