#include "scenario.h"
#include "testlib.h"
#include "checks_testlib.h"
#include <stdio.h>

#define NOW "datetime('now')"
#define OLD "'2010-01-01 00:00:00'"
#define NL "' || char(10) || '"

static const char *const ddl[] = {
	"CREATE TABLE ClassName_ (classNameId INTEGER PRIMARY KEY, value TEXT)",
	"CREATE TABLE Release_ (releaseId INTEGER PRIMARY KEY, servletContextName TEXT,"
	" buildNumber INTEGER, state_ INTEGER, verified INTEGER)",
	"CREATE TABLE Company (companyId INTEGER PRIMARY KEY, webId TEXT, mx TEXT)",
	"CREATE TABLE Group_ (groupId INTEGER PRIMARY KEY, companyId INTEGER, classNameId INTEGER,"
	" classPK INTEGER, parentGroupId INTEGER, liveGroupId INTEGER, name TEXT, friendlyURL TEXT,"
	" site INTEGER, type_ INTEGER)",
	"CREATE TABLE Layout (plid INTEGER PRIMARY KEY, uuid_ TEXT, groupId INTEGER, companyId INTEGER,"
	" privateLayout INTEGER, layoutId INTEGER, parentLayoutId INTEGER, type_ TEXT, typeSettings TEXT,"
	" friendlyURL TEXT, modifiedDate TEXT)",
	"CREATE TABLE User_ (userId INTEGER PRIMARY KEY, companyId INTEGER, defaultUser INTEGER,"
	" screenName TEXT, emailAddress TEXT, status INTEGER, createDate TEXT, lastLoginDate TEXT)",
	"CREATE TABLE Organization_ (organizationId INTEGER PRIMARY KEY, companyId INTEGER, name TEXT)",
	"CREATE TABLE Role_ (roleId INTEGER PRIMARY KEY, companyId INTEGER, name TEXT)",
	"CREATE TABLE Users_Roles (userId INTEGER, roleId INTEGER, PRIMARY KEY (userId, roleId))",
	"CREATE TABLE Users_Groups (userId INTEGER, groupId INTEGER, PRIMARY KEY (userId, groupId))",
	"CREATE TABLE JournalArticle (id_ INTEGER PRIMARY KEY, resourcePrimKey INTEGER, groupId INTEGER,"
	" companyId INTEGER, articleId TEXT, version REAL, status INTEGER, structureId TEXT,"
	" templateId TEXT, layoutUuid TEXT, modifiedDate TEXT)",
	"CREATE TABLE JournalArticleResource (resourcePrimKey INTEGER PRIMARY KEY, groupId INTEGER,"
	" articleId TEXT)",
	"CREATE TABLE AssetEntry (entryId INTEGER PRIMARY KEY, groupId INTEGER, companyId INTEGER,"
	" classNameId INTEGER, classPK INTEGER)",
	"CREATE TABLE DLFileEntry (fileEntryId INTEGER PRIMARY KEY, groupId INTEGER, companyId INTEGER,"
	" title TEXT, version TEXT, modifiedDate TEXT)",
	"CREATE TABLE DLFileVersion (fileVersionId INTEGER PRIMARY KEY, fileEntryId INTEGER,"
	" groupId INTEGER, companyId INTEGER, title TEXT, version TEXT, status INTEGER)",
	"CREATE TABLE MBMessage (messageId INTEGER PRIMARY KEY, groupId INTEGER, companyId INTEGER,"
	" modifiedDate TEXT)",
	"CREATE TABLE ResourcePermission (resourcePermissionId INTEGER PRIMARY KEY, companyId INTEGER,"
	" name TEXT, scope INTEGER, primKey TEXT, roleId INTEGER)",
	"CREATE TABLE PortletPreferences (portletPreferencesId INTEGER PRIMARY KEY, ownerId INTEGER,"
	" ownerType INTEGER, plid INTEGER, portletId TEXT, preferences TEXT)",
	"CREATE TABLE DDMStructure (structureId INTEGER PRIMARY KEY, groupId INTEGER, companyId INTEGER,"
	" parentStructureId INTEGER, classNameId INTEGER, structureKey TEXT, xsd TEXT)",
	"CREATE TABLE DDMTemplate (templateId INTEGER PRIMARY KEY, uuid_ TEXT, groupId INTEGER,"
	" companyId INTEGER, classNameId INTEGER, classPK INTEGER, templateKey TEXT, type_ TEXT)",
	"CREATE TABLE DDMStructureLink (structureLinkId INTEGER PRIMARY KEY, classNameId INTEGER,"
	" classPK INTEGER, structureId INTEGER)",
	NULL
};

static const char *const rows[] = {
	"INSERT INTO ClassName_ VALUES (10001, 'com.liferay.portal.model.Group'),"
	" (10002, 'com.liferay.portal.model.Layout'), (10003, 'com.liferay.portal.model.User'),"
	" (10004, 'com.liferay.portal.model.Company'), (10005, 'com.liferay.portal.model.Organization'),"
	" (10010, 'com.liferay.portlet.documentlibrary.model.DLFileEntry'),"
	" (10011, 'com.liferay.portlet.journal.model.JournalArticle'),"
	" (10012, 'com.liferay.portal.model.LayoutPrototype'),"
	" (10014, 'com.liferay.portlet.dynamicdatamapping.model.DDMStructure')",
	/* blocker.release.failed: kaleo-web */
	"INSERT INTO Release_ VALUES (1, 'portal', 6210, 0, 1), (2, 'kaleo-web', 110, 1, 0),"
	" (3, 'calendar-portlet', 102, NULL, 1)",
	/* unused.instance: company 2 */
	"INSERT INTO Company VALUES (1, 'liferay.com', 'liferay.com'), (2, 'unused.com', 'unused.com')",
	"INSERT INTO Group_ VALUES"
	" (10, 1, 10001, 10, 0, 0, 'Guest', '/guest', 1, 1),"
	" (11, 1, 10001, 11, 0, 0, 'Empty', '/empty', 1, 1),"          /* unused.site.empty */
	" (12, 1, 10001, 12, 0, 0, 'Old', '/old', 1, 1),"              /* unused.site.idle */
	" (13, 1, 10001, 13, 0, 0, 'Live', '/live', 1, 1),"
	" (14, 1, 10001, 13, 0, 13, 'Live-staging', '/live-staging', 1, 1),"
	" (15, 1, 10004, 1, 0, 0, '10157', '/global', 0, 3),"
	" (16, 1, 10003, 101, 0, 0, '101', '/admin', 0, 3),"
	" (17, 1, 10005, 999, 0, 0, 'Gone org', '/gone', 1, 3),"       /* orphan.group.classpk */
	" (18, 2, 10001, 18, 0, 0, 'Guest', '/guest', 1, 1)",
	"INSERT INTO Layout VALUES"
	" (1001, 'u1', 10, 1, 0, 1, 0, 'portlet', 'column-1=56_INSTANCE_x,', '/home', " NOW "),"
	" (1002, 'u2', 12, 1, 0, 1, 0, 'portlet', 'column-1=58,', '/home', " OLD "),"
	" (1003, 'u3', 13, 1, 0, 1, 0, 'portlet', 'column-1=58,' || char(10) || 'column-2=', '/home', " NOW "),"
	/* unused.page.empty: columns without portlets */
	" (1004, 'u4', 13, 1, 0, 2, 0, 'portlet', 'layout-template-id=2_columns_ii" NL "column-1=" NL "column-2=,', '/empty-page', " NOW "),"
	/* orphan.layout.parent: parent layoutId 77 does not exist */
	" (1005, 'u5', 13, 1, 0, 3, 77, 'portlet', 'column-1=58', '/lost', " NOW "),"
	" (1006, 'u6', 14, 1, 0, 1, 0, 'portlet', 'column-1=58', '/home', " NOW "),"
	" (1007, 'u7', 13, 1, 0, 4, 0, 'link_to_layout', '', '/link', " NOW ")",
	"INSERT INTO User_ VALUES"
	" (100, 1, 1, 'default', 'default@liferay.com', 0, " OLD ", NULL),"
	" (101, 1, 0, 'admin', 'admin@liferay.com', 0, " OLD ", " NOW "),"
	" (102, 1, 0, 'deactivated', 'd@liferay.com', 5, " OLD ", " NOW "),"   /* inactive */
	" (103, 1, 0, 'olduser', 'o@liferay.com', 0, " OLD ", " OLD "),"       /* inactive */
	" (104, 1, 0, 'oldadmin', 'oa@liferay.com', 0, " OLD ", " OLD "),"     /* inactive, not last admin */
	" (105, 2, 1, 'default2', 'default@unused.com', 0, " OLD ", NULL),"
	" (106, 1, 0, 'newbie', 'n@liferay.com', 0, " NOW ", NULL),"
	" (107, 777, 0, 'lost', 'l@liferay.com', 0, " OLD ", " NOW ")",       /* orphan.companyid */
	"INSERT INTO Role_ VALUES (501, 1, 'Administrator'), (502, 2, 'Administrator')",
	"INSERT INTO Users_Roles VALUES (101, 501), (104, 501)",
	"INSERT INTO Users_Groups VALUES (101, 13), (103, 12), (999, 13)",   /* orphan.mapping: 999 */
	/* one article, 8 versions: keep first 1, last 3; 2003 draft, 2004 has an
	 * asset -> unused.article.intermediate-version: 2002, 2005 */
	"INSERT INTO JournalArticle VALUES"
	" (2001, 3001, 13, 1, 'A', 1.0, 0, 'KEY2', 'TPL-2', '', " NOW "),"
	" (2002, 3001, 13, 1, 'A', 1.1, 0, 'KEY2', 'TPL-2', '', " NOW "),"
	" (2003, 3001, 13, 1, 'A', 1.2, 2, 'KEY2', 'TPL-2', '', " NOW "),"
	" (2004, 3001, 13, 1, 'A', 1.3, 0, 'KEY2', 'TPL-2', '', " NOW "),"
	" (2005, 3001, 13, 1, 'A', 1.4, 3, 'KEY2', 'TPL-2', '', " NOW "),"
	" (2006, 3001, 13, 1, 'A', 1.5, 0, 'KEY2', 'TPL-2', '', " NOW "),"
	" (2007, 3001, 13, 1, 'A', 1.6, 0, 'KEY2', 'TPL-2', '', " NOW "),"
	" (2008, 3001, 13, 1, 'A', 1.7, 0, 'KEY2', 'TPL-2', '', " NOW ")",
	/* 3002: orphan.journalarticleresource.article */
	"INSERT INTO JournalArticleResource VALUES (3001, 13, 'A'), (3002, 13, 'B')",
	"INSERT INTO AssetEntry VALUES"
	" (4001, 13, 1, 10011, 3001), (4002, 13, 1, 10011, 2004),"
	" (4003, 13, 1, 10011, 9999),"                     /* orphan.assetentry.classpk */
	" (4004, 13, 1, 10010, 5001), (4005, 13, 1, 10010, 6003),"
	" (4006, 13, 1, 10010, 5999),"                     /* orphan.assetentry.classpk */
	" (4007, 888, 1, 10003, 101)",                     /* orphan.groupid */
	"INSERT INTO DLFileEntry VALUES (5001, 13, 1, 'report.pdf', '1.3', " NOW ")",
	/* unused.document.intermediate-version: 6001, 6002 */
	"INSERT INTO DLFileVersion VALUES"
	" (6001, 5001, 13, 1, 'report.pdf', '1.0', 0), (6002, 5001, 13, 1, 'report.pdf', '1.1', 0),"
	" (6003, 5001, 13, 1, 'report.pdf', '1.2', 2), (6004, 5001, 13, 1, 'report.pdf', '1.3', 0),"
	" (6005, 5001, 13, 1, 'report.pdf', 'PWC', 2),"
	" (6010, 5999, 13, 1, 'gone.pdf', '1.0', 0)",     /* orphan.dlfileversion.fileentry */
	"INSERT INTO ResourcePermission VALUES"
	" (1, 1, 'com.liferay.portal.model.Group', 2, '888', 501),"  /* orphan.resourcepermission.group */
	" (2, 1, 'com.liferay.portal.model.Group', 2, '13', 501),"
	" (3, 1, 'com.liferay.portlet.journal.model.JournalArticle', 4, '3001', 501),"
	" (4, 1, 'com.liferay.portlet.journal.model.JournalArticle', 4, '3999', 501)," /* individual */
	" (5, 1, '56_INSTANCE_x', 4, '1001_LAYOUT_56_INSTANCE_x', 501),"
	" (6, 1, '58', 4, '1999_LAYOUT_58', 501),"         /* orphan.resourcepermission.layoutportlet */
	" (7, 1, 'com_liferay_foo_layout_bar', 4, 'com_liferay_foo_layout_bar', 501),"
	" (8, 1, 'com.liferay.portal.model.User', 4, 'com.liferay.portal.model.User', 501)",
	"INSERT INTO PortletPreferences VALUES"
	" (1, 0, 3, 1001, '56_INSTANCE_x', '<portlet-preferences/>'),"
	" (2, 999, 4, 0, '58', '<portlet-preferences/>'),"  /* orphan.portletpreferences.owner */
	" (3, 0, 3, 1999, '58', '<portlet-preferences/>'),"  /* orphan.portletpreferences.plid */
	" (4, 13, 2, 0, '15', '<portlet-preferences><preference><name>ddmTemplateKey</name>"
	"<value>TPL-3</value></preference></portlet-preferences>')",
	/* blocker.ddm.duplicate-field: 7001 (Title twice, nested) and 7002 (inherits
	 * it, adds "title"); unused.structure: 7003 */
	"INSERT INTO DDMStructure VALUES"
	" (7001, 13, 1, 0, 10011, 'KEY1', '<root><dynamic-element name=\"Title\" type=\"text\">"
	"<dynamic-element name=\"Title\" type=\"text\"/></dynamic-element></root>'),"
	" (7002, 13, 1, 7001, 10011, 'KEY2', '<root><dynamic-element name=\"title\" type=\"text\"/>"
	"<dynamic-element name=\"kind\" type=\"select\"><dynamic-element name=\"opt\" type=\"option\"/>"
	"<dynamic-element name=\"opt\" type=\"option\"/></dynamic-element></root>'),"
	" (7003, 13, 1, 0, 10011, 'KEY3', '<root><dynamic-element name=\"Body\" type=\"text\"/></root>')",
	/* unused.template: 8001; 8002 used by the article, 8003 by a display preference */
	"INSERT INTO DDMTemplate VALUES"
	" (8001, 't1', 13, 1, 10014, 7002, 'TPL-1', 'display'),"
	" (8002, 't2', 13, 1, 10014, 7002, 'TPL-2', 'display'),"
	" (8003, 't3', 13, 1, 10014, 7002, 'TPL-3', 'display')",
	NULL
};

const char scenario_expected[] =
	"unused.site.empty=1 unused.site.idle=1 unused.page.empty=1 unused.user.inactive=3 "
	"unused.instance=1 unused.article.intermediate-version=2 "
	"unused.document.intermediate-version=2 unused.structure=1 unused.template=1 "
	"orphan.companyid=1 orphan.groupid=1 orphan.assetentry.classpk=2 orphan.group.classpk=1 "
	"orphan.resourcepermission.individual=1 orphan.resourcepermission.group=1 "
	"orphan.resourcepermission.layoutportlet=1 orphan.portletpreferences.owner=1 "
	"orphan.portletpreferences.plid=1 orphan.dlfileversion.fileentry=1 "
	"orphan.journalarticleresource.article=1 orphan.layout.parent=1 orphan.mapping=1 "
	"orphan.userid=1 "
	"blocker.release.failed=1 blocker.ddm.duplicate-field=2";

const char *scenario_build(const char *file)
{
	static char path[4096];
	struct db *db = ct_sqlite_fresh(file);
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), file);
	ct_exec(db, ddl);
	ct_exec(db, rows);
	db_close(db);
	return path;
}
