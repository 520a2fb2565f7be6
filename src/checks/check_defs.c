/* The check registry: every check lrprep runs, as data. SQL templates are
 * explained in internal.h; each query returns one row per finding, its key
 * first, with named columns (the samples). Thresholds and their defaults are
 * documented in docs/checks.md. */
#include "internal.h"

#define U LR_LINE_UNKNOWN

/* A regular site (not Guest, Control Panel, Global, a personal or organization
 * site, a template, or a staging copy) with no child site. */
#define SITE_BASE(NAME) \
	" FROM {Group_} g WHERE g.[Group_.classNameId] = {CN:Group}" \
	" AND g.[Group_.liveGroupId] = 0 AND CAST(g.[Group_.site] AS {INT}) = 1" \
	" AND g.[Group_." NAME "] NOT IN ('Guest', 'Control Panel', 'Global')" \
	" AND g.[Group_.friendlyURL] NOT IN ('/guest', '/control_panel', '/global')" \
	" AND NOT EXISTS (SELECT 1 FROM {Group_} cg WHERE cg.[Group_.companyId] = g.[Group_.companyId]" \
	"   AND cg.[Group_.parentGroupId] = g.[Group_.groupId])"
/* rows of table T (alias A) in the site, or in its staging copy, with an
 * extra condition X: two index lookups by groupId per site, never a scan */
#define IN_SITE(A, T, X) \
	"(EXISTS (SELECT 1 FROM {" T "} " A " WHERE " A ".[" T ".groupId] = g.[Group_.groupId]" X ")" \
	" OR EXISTS (SELECT 1 FROM {Group_} s, {" T "} " A \
	"   WHERE s.[Group_.liveGroupId] = g.[Group_.groupId]" \
	"   AND " A ".[" T ".groupId] = s.[Group_.groupId]" X "))"
#define HAS_CONTENT \
	"(" IN_SITE("l", "Layout", "") " OR " IN_SITE("a", "JournalArticle", "") \
	" OR " IN_SITE("f", "DLFileEntry", "") " OR " IN_SITE("m", "MBMessage", "") ")"
#define RECENT(A, T) \
	" AND NOT " IN_SITE(A, T, " AND " A ".[" T ".modifiedDate] >= {P:idle_cutoff}")
#define SITE_IDLE \
	" AND " HAS_CONTENT RECENT("l", "Layout") RECENT("a", "JournalArticle") \
	RECENT("f", "DLFileEntry") RECENT("m", "MBMessage") \
	" AND NOT EXISTS (SELECT 1 FROM {Users_Groups} ug, {User_} mu" \
	"   WHERE ug.[Users_Groups.groupId] = g.[Group_.groupId]" \
	"   AND mu.[User_.userId] = ug.[Users_Groups.userId]" \
	"   AND mu.[User_.lastLoginDate] >= {P:idle_cutoff})"

#define IS_ADMIN(U_) \
	"EXISTS (SELECT 1 FROM {Users_Roles} ur, {Role_} r WHERE ur.[Users_Roles.userId] = " U_ \
	".[User_.userId] AND r.[Role_.roleId] = ur.[Users_Roles.roleId] AND r.[Role_.name] = 'Administrator')"

/* active administrators U_ of u's company (FROM list and conditions) */
#define ADMINS(U_) \
	"{Users_Roles} " U_ "r, {Role_} " U_ "l, {User_} " U_ " WHERE " U_ "l.[Role_.roleId] = " U_ \
	"r.[Users_Roles.roleId] AND " U_ "l.[Role_.name] = 'Administrator' AND " U_ ".[User_.userId] = " \
	U_ "r.[Users_Roles.userId] AND " U_ ".[User_.companyId] = u.[User_.companyId] AND " U_ \
	".[User_.status] = 0"
/* when a user was last seen: last login, or creation for those who never did */
#define SEEN(U_) "COALESCE(" U_ ".[User_.lastLoginDate], " U_ ".[User_.createDate])"

/* uniform identity of an orphan row: tbl, pk, pk2, col, ref, pkcols (hidden) */
#define ORPHAN_ROW(TBL, PK, COL) \
	"SELECT '" TBL "' AS tbl, c.[" TBL "." PK "] AS pk, CAST(NULL AS {INT}) AS pk2, '" COL \
	"' AS col, c.[" TBL "." COL "] AS ref, '" PK "' AS pkcols FROM {" TBL "} c"

#define REL(ID, SEV, TITLE, REM) \
	{ .id = ID, .cat = CAT_ORPHAN, .sev = SEV, .min = U, .max = U, .title = TITLE, \
	  .remediation = REM, .fn = check_relations, .hidden = 1, .kind = "orphan-row" }

#define REM_ORPHAN "Remove these rows with `lrprep plan` + `lrprep prune` (they are journaled and can be undone); they reference objects that no longer exist and only slow the upgrade."

const struct check_def check_defs[] = {
	/* ===== unused objects ===================================================== */
	{ .id = "unused.site.empty", .cat = CAT_UNUSED, .sev = SEV_NOTICE, .min = U, .max = U,
	  .title = "Sites with no pages, web content, documents or message-board posts",
	  .remediation = "Delete the site (Sites admin or `lrprep plan` + `prune`); its "
			 "permissions, preferences and assets go with it.",
	  .kind = "site", .table = "Group_", .key = "groupId",
	  .sql = {
		{ 0, "SELECT g.[Group_.groupId] AS {Q:groupId}, g.[Group_.groupKey] AS {Q:name},"
		     " g.[Group_.friendlyURL] AS {Q:friendlyURL}" SITE_BASE("groupKey")
		     " AND NOT " HAS_CONTENT },
		{ 0, "SELECT g.[Group_.groupId] AS {Q:groupId}, g.[Group_.name] AS {Q:name},"
		     " g.[Group_.friendlyURL] AS {Q:friendlyURL}" SITE_BASE("name")
		     " AND NOT " HAS_CONTENT },
	  } },
	{ .id = "unused.site.idle", .cat = CAT_UNUSED, .sev = SEV_NOTICE, .min = U, .max = U,
	  .title = "Sites whose content nobody changed, and no member logged in, for site_idle_days",
	  .remediation = "Confirm with the site owners, then delete the site or export it (LAR) "
			 "and delete it before the upgrade.",
	  .kind = "site", .table = "Group_", .key = "groupId",
	  .sql = {
		{ 0, "SELECT g.[Group_.groupId] AS {Q:groupId}, g.[Group_.groupKey] AS {Q:name},"
		     " g.[Group_.friendlyURL] AS {Q:friendlyURL}" SITE_BASE("groupKey") SITE_IDLE },
		{ 0, "SELECT g.[Group_.groupId] AS {Q:groupId}, g.[Group_.name] AS {Q:name},"
		     " g.[Group_.friendlyURL] AS {Q:friendlyURL}" SITE_BASE("name") SITE_IDLE },
	  } },
	{ .id = "unused.page.empty", .cat = CAT_UNUSED, .sev = SEV_NOTICE, .min = U, .max = U,
	  .title = "Portlet pages with no portlet in any column, no child page and no content "
		   "(pages of unused sites go with their site)",
	  .remediation = "Delete the page (Site pages admin or `lrprep plan` + `prune`).",
	  .kind = "page", .table = "Layout", .key = "plid", .fn = check_empty_pages,
	  .filter = filter_page_no_portlets, .hidden = 1,
	  .sql = { { 0,
		"SELECT l.[Layout.plid] AS {Q:plid}, l.[Layout.groupId] AS {Q:groupId},"
		" CAST(l.[Layout.privateLayout] AS {INT}) AS {Q:privateLayout},"
		" l.[Layout.friendlyURL] AS {Q:friendlyURL}, l.[Layout.typeSettings] AS {Q:typeSettings}"
		" FROM {Layout} l WHERE l.[Layout.type_] = 'portlet'"
		" AND NOT EXISTS (SELECT 1 FROM {Layout} ch WHERE ch.[Layout.groupId] = l.[Layout.groupId]"
		"   AND ch.[Layout.privateLayout] = l.[Layout.privateLayout]"
		"   AND ch.[Layout.parentLayoutId] = l.[Layout.layoutId])"
		" AND NOT EXISTS (SELECT 1 FROM {JournalArticle} a"
		"   WHERE a.[JournalArticle.layoutUuid] = l.[Layout.uuid_])"
		" AND NOT EXISTS (SELECT 1 FROM {Group_} pg WHERE pg.[Group_.groupId] = l.[Layout.groupId]"
		"   AND pg.[Group_.classNameId] IN ({CN:LayoutPrototype}, {CN:LayoutSetPrototype}))" } } },
	{ .id = "unused.user.inactive", .cat = CAT_UNUSED, .sev = SEV_NOTICE, .min = U, .max = U,
	  .title = "Users who are deactivated or have not logged in for inactive_days",
	  .remediation = "Delete the users (or anonymise them, as Liferay's docs suggest when they "
			 "authored content). The default user and the last administrator are never listed.",
	  /* administrators: one is listed only while another active administrator
	   * remains; when no administrator logged in recently, the one seen last
	   * (lowest userId on a tie) is the one that remains */
	  .kind = "user", .table = "User_", .key = "userId",
	  .sql = { { 0,
		"SELECT u.[User_.userId] AS {Q:userId}, u.[User_.screenName] AS {Q:screenName},"
		" u.[User_.emailAddress] AS {Q:emailAddress}, u.[User_.status] AS {Q:status}"
		" FROM {User_} u WHERE CAST(u.[User_.defaultUser] AS {INT}) = 0"
		" AND (u.[User_.status] = 5 OR u.[User_.lastLoginDate] < {P:login_cutoff}"
		"   OR (u.[User_.lastLoginDate] IS NULL AND u.[User_.createDate] < {P:login_cutoff}))"
		" AND NOT (" IS_ADMIN("u") " AND (NOT EXISTS (SELECT 1 FROM " ADMINS("u2")
		"   AND u2.[User_.userId] <> u.[User_.userId])"
		" OR (u.[User_.status] = 0 AND NOT EXISTS (SELECT 1 FROM " ADMINS("u3")
		"   AND u3.[User_.lastLoginDate] >= {P:login_cutoff})"
		"  AND NOT EXISTS (SELECT 1 FROM " ADMINS("u4") " AND u4.[User_.userId] <> u.[User_.userId]"
		"   AND (" SEEN("u4") " > " SEEN("u") " OR (" SEEN("u4") " = " SEEN("u")
		"   AND u4.[User_.userId] < u.[User_.userId]))))))" } } },
	{ .id = "unused.instance", .cat = CAT_UNUSED, .sev = SEV_NOTICE, .min = U, .max = U,
	  .title = "Portal instances (not the default one) with no login and no change for site_idle_days",
	  .remediation = "Remove the instance (Control Panel > Instances, or `lrprep plan` + `prune`).",
	  .kind = "instance", .table = "Company", .key = "companyId",
	  .sql = { { 0,
		"SELECT c.[Company.companyId] AS {Q:companyId}, c.[Company.webId] AS {Q:webId},"
		" c.[Company.mx] AS {Q:mx} FROM {Company} c"
		" WHERE c.[Company.companyId] <> (SELECT MIN(c0.[Company.companyId]) FROM {Company} c0)"
		" AND NOT EXISTS (SELECT 1 FROM {User_} u WHERE u.[User_.companyId] = c.[Company.companyId]"
		"   AND u.[User_.lastLoginDate] >= {P:idle_cutoff})"
		" AND NOT EXISTS (SELECT 1 FROM {Layout} l WHERE l.[Layout.companyId] = c.[Company.companyId]"
		"   AND l.[Layout.modifiedDate] >= {P:idle_cutoff})"
		" AND NOT EXISTS (SELECT 1 FROM {JournalArticle} a"
		"   WHERE a.[JournalArticle.companyId] = c.[Company.companyId]"
		"   AND a.[JournalArticle.modifiedDate] >= {P:idle_cutoff})"
		" AND NOT EXISTS (SELECT 1 FROM {DLFileEntry} f WHERE f.[DLFileEntry.companyId] = c.[Company.companyId]"
		"   AND f.[DLFileEntry.modifiedDate] >= {P:idle_cutoff})" } } },
	{ .id = "unused.article.intermediate-version", .cat = CAT_UNUSED, .sev = SEV_NOTICE,
	  .min = U, .max = U,
	  .title = "Intermediate web content versions (approved or expired, not among the first "
		   "keep_first or last keep_last, not the latest approved, no asset on them)",
	  .remediation = "Remove them with `lrprep plan` + `prune`, or Liferay's documented Groovy "
			 "script (JournalArticleLocalService.deleteArticle per version).",
	  .kind = "article-version", .table = "JournalArticle", .key = "id_",
	  .sql = { { 0,
		"SELECT a.{Q:id_}, a.{Q:groupId}, a.{Q:articleId}, a.{Q:version}, a.{Q:status} FROM ("
		" SELECT j.[JournalArticle.id_] AS {Q:id_}, j.[JournalArticle.groupId] AS {Q:groupId},"
		" j.[JournalArticle.articleId] AS {Q:articleId}, j.[JournalArticle.version] AS {Q:version},"
		" j.[JournalArticle.status] AS {Q:status},"
		" ROW_NUMBER() OVER (PARTITION BY j.[JournalArticle.groupId], j.[JournalArticle.articleId]"
		"   ORDER BY j.[JournalArticle.version], j.[JournalArticle.id_]) AS rn_first,"
		" ROW_NUMBER() OVER (PARTITION BY j.[JournalArticle.groupId], j.[JournalArticle.articleId]"
		"   ORDER BY j.[JournalArticle.version] DESC, j.[JournalArticle.id_] DESC) AS rn_last,"
		/* the latest approved version, in the same pass: a correlated
		 * subquery per version reads every version of the article again */
		" MAX(CASE WHEN j.[JournalArticle.status] = 0 THEN j.[JournalArticle.version] END)"
		"   OVER (PARTITION BY j.[JournalArticle.groupId], j.[JournalArticle.articleId]) AS max_approved"
		" FROM {JournalArticle} j) a"
		" WHERE a.rn_first > {P:keep_first} AND a.rn_last > {P:keep_last} AND a.{Q:status} IN (0, 3)"
		" AND NOT EXISTS (SELECT 1 FROM {AssetEntry} e"
		"   WHERE e.[AssetEntry.classNameId] = {CN:JournalArticle} AND e.[AssetEntry.classPK] = a.{Q:id_})"
		" AND NOT (a.{Q:status} = 0 AND a.{Q:version} >= a.max_approved)" } } },
	{ .id = "unused.document.intermediate-version", .cat = CAT_UNUSED, .sev = SEV_NOTICE,
	  .min = U, .max = U,
	  .title = "Intermediate document versions (approved, neither the entry's current version, "
		   "the latest approved one nor the PWC)",
	  .remediation = "Remove them with `lrprep plan` + `prune` (rows and stored files), or "
			 "DLFileEntryLocalService.deleteFileVersion in the script console.",
	  .kind = "file-version", .table = "DLFileVersion", .key = "fileVersionId",
	  .sql = { { 0,
		"SELECT v.[DLFileVersion.fileVersionId] AS {Q:fileVersionId},"
		" v.[DLFileVersion.fileEntryId] AS {Q:fileEntryId}, v.[DLFileVersion.title] AS {Q:title},"
		" v.[DLFileVersion.version] AS {Q:version}"
		" FROM {DLFileVersion} v, {DLFileEntry} e"
		" WHERE e.[DLFileEntry.fileEntryId] = v.[DLFileVersion.fileEntryId]"
		" AND v.[DLFileVersion.status] = 0 AND v.[DLFileVersion.version] <> 'PWC'"
		" AND v.[DLFileVersion.version] <> e.[DLFileEntry.version]"
		" AND EXISTS (SELECT 1 FROM {DLFileVersion} v2"
		"   WHERE v2.[DLFileVersion.fileEntryId] = v.[DLFileVersion.fileEntryId]"
		"   AND v2.[DLFileVersion.status] = 0"
		"   AND v2.[DLFileVersion.fileVersionId] > v.[DLFileVersion.fileVersionId])" } } },
#define STRUCT_UNUSED(ARTCOL, EXTRA) \
	"SELECT s.[DDMStructure.structureId] AS {Q:structureId}," \
	" s.[DDMStructure.structureKey] AS {Q:structureKey}, s.[DDMStructure.groupId] AS {Q:groupId}" \
	" FROM {DDMStructure} s WHERE s.[DDMStructure.classNameId] = {CN:JournalArticle}" \
	" AND s.[DDMStructure.structureKey] <> 'BASIC-WEB-CONTENT'" \
	" AND NOT EXISTS (SELECT 1 FROM {JournalArticle} a" \
	"   WHERE a.[JournalArticle." ARTCOL "] = s.[DDMStructure.structureKey])" \
	" AND NOT EXISTS (SELECT 1 FROM {DDMStructure} ch" \
	"   WHERE ch.[DDMStructure.parentStructureId] = s.[DDMStructure.structureId])" \
	" AND NOT EXISTS (SELECT 1 FROM {DDMTemplate} t WHERE t.[DDMTemplate.classNameId] = {CN:DDMStructure}" \
	"   AND t.[DDMTemplate.classPK] = s.[DDMStructure.structureId])" \
	" AND NOT EXISTS (SELECT 1 FROM {DDMStructureLink} k" \
	"   WHERE k.[DDMStructureLink.structureId] = s.[DDMStructure.structureId])" \
	" AND NOT EXISTS (SELECT 1 FROM {PortletPreferences} pp" \
	"   WHERE pp.[PortletPreferences.preferences] LIKE {LIKE:s.[DDMStructure.structureKey]})" EXTRA
	{ .id = "unused.structure", .cat = CAT_UNUSED, .sev = SEV_NOTICE, .min = LR_LINE_62, .max = U,
	  .title = "Web content structures with no article, child structure, template, link or "
		   "display-preference reference",
	  .remediation = "Delete the structure (Web Content > Structures) or with `lrprep plan` + `prune`.",
	  .kind = "structure", .table = "DDMStructure", .key = "structureId",
	  .sql = { { 0, STRUCT_UNUSED("DDMStructureKey", "") },
		   { 0, STRUCT_UNUSED("structureId", "") } } },
#define TMPL_UNUSED(ARTCOL, EXTRA) \
	"SELECT t.[DDMTemplate.templateId] AS {Q:templateId}," \
	" t.[DDMTemplate.templateKey] AS {Q:templateKey}, t.[DDMTemplate.groupId] AS {Q:groupId}" \
	" FROM {DDMTemplate} t WHERE t.[DDMTemplate.classNameId] = {CN:DDMStructure}" \
	" AND t.[DDMTemplate.type_] = 'display' AND t.[DDMTemplate.templateKey] <> 'BASIC-WEB-CONTENT'" \
	" AND (t.[DDMTemplate.classPK] IN (SELECT s.[DDMStructure.structureId] FROM {DDMStructure} s" \
	"   WHERE s.[DDMStructure.classNameId] = {CN:JournalArticle})" \
	"  OR NOT EXISTS (SELECT 1 FROM {DDMStructure} s2" \
	"   WHERE s2.[DDMStructure.structureId] = t.[DDMTemplate.classPK]))" \
	" AND NOT EXISTS (SELECT 1 FROM {JournalArticle} a" \
	"   WHERE a.[JournalArticle." ARTCOL "] = t.[DDMTemplate.templateKey])" \
	" AND NOT EXISTS (SELECT 1 FROM {PortletPreferences} pp" \
	"   WHERE pp.[PortletPreferences.preferences] LIKE {LIKE:t.[DDMTemplate.templateKey]})" \
	" AND NOT EXISTS (SELECT 1 FROM {PortletPreferences} pp2" \
	"   WHERE pp2.[PortletPreferences.preferences] LIKE {LIKE:t.[DDMTemplate.uuid_]})" EXTRA
	{ .id = "unused.template", .cat = CAT_UNUSED, .sev = SEV_NOTICE, .min = LR_LINE_62, .max = U,
	  .title = "Web content templates no article, template link or display preference uses",
	  .remediation = "Delete the template (Web Content > Templates) or with `lrprep plan` + `prune`.",
	  .kind = "template", .table = "DDMTemplate", .key = "templateId",
	  .sql = { { 0, TMPL_UNUSED("DDMTemplateKey",
				" AND NOT EXISTS (SELECT 1 FROM {DDMTemplateLink} tl"
				"   WHERE tl.[DDMTemplateLink.templateId] = t.[DDMTemplate.templateId])") },
		   { 0, TMPL_UNUSED("templateId", "") } } },

	/* ===== orphans ============================================================ */
	{ .id = "orphan.companyid", .cat = CAT_ORPHAN, .sev = SEV_WARNING, .min = U, .max = U,
	  .title = "Rows (any table) whose companyId has no Company",
	  .remediation = REM_ORPHAN, .fn = check_sweep, .hidden = 1, .kind = "orphan-row",
	  .table = "Company", .key = "companyId" },
	{ .id = "orphan.groupid", .cat = CAT_ORPHAN, .sev = SEV_WARNING, .min = U, .max = U,
	  .title = "Rows (any table) whose groupId has no Group_",
	  .remediation = REM_ORPHAN, .fn = check_sweep, .hidden = 1, .kind = "orphan-row",
	  .table = "Group_", .key = "groupId" },
	REL("orphan.assetentry.classpk", SEV_WARNING,
	    "AssetEntry rows whose entity is gone (articles by resourcePrimKey or draft id_, "
	    "documents by fileEntryId or draft fileVersionId, pages, users ...)", REM_ORPHAN),
	REL("orphan.ratings.classpk", SEV_WARNING, "RatingsStats/RatingsEntry rows of missing entities",
	    REM_ORPHAN),
	REL("orphan.mbdiscussion.classpk", SEV_WARNING, "MBDiscussion rows of missing entities",
	    REM_ORPHAN),
	REL("orphan.subscription.classpk", SEV_WARNING, "Subscription rows of missing entities",
	    REM_ORPHAN),
	REL("orphan.socialactivity.classpk", SEV_WARNING, "SocialActivity rows of missing entities",
	    REM_ORPHAN),
	REL("orphan.expandovalue.classpk", SEV_WARNING,
	    "ExpandoValue rows of missing entities (articles by id_, documents by fileVersionId)",
	    REM_ORPHAN),
	REL("orphan.workflowinstancelink.classpk", SEV_WARNING,
	    "WorkflowInstanceLink rows of missing article versions, document versions, posts",
	    REM_ORPHAN),
	REL("orphan.journal.localization", SEV_WARNING,
	    "JournalArticleLocalization rows of missing article versions", REM_ORPHAN),
	REL("orphan.group.classpk", SEV_WARNING,
	    "Organization, personal and page-scope sites whose organization, user or page is gone",
	    REM_ORPHAN),
	REL("orphan.resourcepermission.individual", SEV_WARNING,
	    "Individual (scope 4) permissions of missing articles, documents, pages, sites, users ...",
	    REM_ORPHAN),
	REL("orphan.resourcepermission.group", SEV_WARNING,
	    "Group-scope (scope 2) permissions of missing sites", REM_ORPHAN),
	{ .id = "orphan.resourcepermission.layoutportlet", .cat = CAT_ORPHAN, .sev = SEV_WARNING,
	  .min = U, .max = U, .title = "Portlet permissions (<plid>_LAYOUT_<portlet>) of missing pages",
	  .remediation = REM_ORPHAN, .hidden = 1, .kind = "orphan-row",
	  .sql = { { 0, ORPHAN_ROW("ResourcePermission", "resourcePermissionId", "primKey")
		" WHERE c.[ResourcePermission.scope] = 4"
		" AND c.[ResourcePermission.primKey] LIKE '%!_LAYOUT!_%' ESCAPE '!'"
		" AND {NUM:{PLID:c.[ResourcePermission.primKey]}} IS NOT NULL"
		" AND NOT EXISTS (SELECT 1 FROM {Layout} l WHERE l.[Layout.plid] ="
		"   {NUM:{PLID:c.[ResourcePermission.primKey]}})" } } },
	REL("orphan.portletpreferences.owner", SEV_WARNING,
	    "PortletPreferences whose owner (company, site, user, organization) is gone", REM_ORPHAN),
	REL("orphan.portletpreferences.plid", SEV_WARNING,
	    "PortletPreferences of missing pages (plid not in Layout nor LayoutRevision)", REM_ORPHAN),
	REL("orphan.dlfileversion.fileentry", SEV_WARNING, "DLFileVersion rows without DLFileEntry",
	    REM_ORPHAN),
	REL("orphan.dlfileentrymetadata.fileentry", SEV_WARNING,
	    "DLFileEntryMetadata rows without their file entry or version", REM_ORPHAN),
	REL("orphan.journalarticleresource.article", SEV_WARNING,
	    "JournalArticleResource rows with no article version", REM_ORPHAN),
	REL("orphan.journalarticle.resource", SEV_WARNING,
	    "JournalArticle rows without their JournalArticleResource", REM_ORPHAN),
	REL("orphan.layout.parent", SEV_WARNING,
	    "Pages whose parent page (parentLayoutId in the same site and layout set) is gone",
	    REM_ORPHAN),
	REL("orphan.assetlink.entry", SEV_WARNING, "AssetLink rows with a missing end", REM_ORPHAN),
	REL("orphan.ddm.references", SEV_WARNING,
	    "DDM rows whose structure, parent structure or content is gone (child structures, "
	    "structure links, templates, storage links)", REM_ORPHAN),
	REL("orphan.dl.fileentry-references", SEV_WARNING,
	    "DLFileShortcut / DLFileRank rows of missing documents", REM_ORPHAN),
	REL("orphan.layout.references", SEV_WARNING,
	    "LayoutFriendlyURL / LayoutRevision / JournalContentSearch rows of missing pages",
	    REM_ORPHAN),
	REL("orphan.journalarticle.structure", SEV_WARNING,
	    "Web content whose structure key has no DDMStructure", REM_ORPHAN),
	{ .id = "orphan.dlfileentry.name", .cat = CAT_ORPHAN, .sev = SEV_WARNING, .min = U, .max = U,
	  .title = "DLFileEntry rows with an empty name (no stored file can belong to them)",
	  .remediation = REM_ORPHAN, .hidden = 1, .kind = "orphan-row",
	  .sql = { { 0, ORPHAN_ROW("DLFileEntry", "fileEntryId", "name")
		" WHERE c.[DLFileEntry.name] IS NULL OR c.[DLFileEntry.name] = ''" } } },
#define EXPANDO_GONE(CN, T, COL) \
	" OR (et.[ExpandoTable.classNameId] = {CN:" CN "} AND NOT EXISTS (SELECT 1 FROM {" T "} p" \
	"   WHERE p.[" T "." COL "] = c.[ExpandoRow.classPK]))"
	{ .id = "orphan.expandorow.classpk", .cat = CAT_ORPHAN, .sev = SEV_WARNING, .min = U, .max = U,
	  .title = "ExpandoRow rows (custom field values) of missing entities (class from ExpandoTable)",
	  .remediation = REM_ORPHAN, .hidden = 1, .kind = "orphan-row",
	  .sql = { { 0, ORPHAN_ROW("ExpandoRow", "rowId_", "classPK") ", {ExpandoTable} et"
		" WHERE et.[ExpandoTable.tableId] = c.[ExpandoRow.tableId] AND c.[ExpandoRow.classPK] <> 0"
		" AND (1 = 0" EXPANDO_GONE("JournalArticle", "JournalArticle", "id_")
		EXPANDO_GONE("User", "User_", "userId") EXPANDO_GONE("Layout", "Layout", "plid")
		EXPANDO_GONE("Group", "Group_", "groupId")
		EXPANDO_GONE("Organization", "Organization_", "organizationId")
		" OR (et.[ExpandoTable.classNameId] = {CN:DLFileEntry} AND NOT EXISTS (SELECT 1"
		"   FROM {DLFileVersion} v WHERE v.[DLFileVersion.fileVersionId] = c.[ExpandoRow.classPK])"
		"   AND NOT EXISTS (SELECT 1 FROM {DLFileEntry} e"
		"   WHERE e.[DLFileEntry.fileEntryId] = c.[ExpandoRow.classPK])))" } } },
	REL("orphan.mapping", SEV_WARNING,
	    "Mapping rows (Users_Groups, Users_Roles, Users_Orgs, Groups_Orgs, Groups_Roles, "
	    "asset tags/categories) with a missing side", REM_ORPHAN),

	{ .id = "orphan.userid", .cat = CAT_ORPHAN, .sev = SEV_NOTICE, .min = U, .max = U,
	  .title = "Rows (any table) whose userId has no User_ (Liferay reassigns these to an "
		   "administrator instead of deleting them)",
	  .remediation = "Reassign userId to a company administrator (what Liferay's data cleanup "
			 "does); the content itself is not orphaned. Plans mark these rows "
			 "\"action\": \"reassign\".",
	  .fn = check_sweep, .hidden = 1, .kind = "orphan-row", .table = "User_", .key = "userId" },

	/* ===== upgrade blockers =================================================== */
	{ .id = "blocker.version.too-old", .cat = CAT_BLOCKER, .sev = SEV_ERROR, .min = U, .max = U,
	  .title = "Liferay 6.1 or older: not a supported starting point for a 7.2 upgrade",
	  .remediation = "Upgrade 6.1 to 7.1 first (5.x/6.0: to 6.2 first), then prepare again.",
	  .sql = { { 0, "SELECT r.[Release_.releaseId] AS {Q:releaseId},"
		" r.[Release_.buildNumber] AS {Q:buildNumber} FROM {Release_} r"
		" WHERE r.[Release_.servletContextName] = 'portal' AND r.[Release_.buildNumber] < 6200" } } },
	{ .id = "blocker.release.failed", .cat = CAT_BLOCKER, .sev = SEV_ERROR, .min = U, .max = U,
	  .title = "Release_ rows with a failed upgrade (state_ 1) or verify (state_ 2)",
	  .remediation = "Fix the failed upgrade/verify of that portal/module (see its log) and "
			 "restart until state_ is 0 before upgrading.",
	  .sql = { { 0, "SELECT r.[Release_.releaseId] AS {Q:releaseId},"
		" r.[Release_.servletContextName] AS {Q:servletContextName},"
		" r.[Release_.buildNumber] AS {Q:buildNumber}, r.[Release_.state_] AS {Q:state}"
		" FROM {Release_} r WHERE r.[Release_.state_] IS NOT NULL AND r.[Release_.state_] <> 0" } } },
	{ .id = "blocker.ddm.duplicate-field", .cat = CAT_BLOCKER, .sev = SEV_ERROR, .min = U, .max = U,
	  .title = "Structures with a duplicate field name (own or inherited fields, any case)",
	  .remediation = "Rename one of the fields (and the articles' content using it) before the "
			 "upgrade; otherwise verify fails with MustNotDuplicateFieldName.",
	  .fn = check_dup_fields },
	{ .id = "blocker.table.case", .cat = CAT_BLOCKER, .sev = SEV_ERROR, .min = U, .max = U,
	  .title = "Liferay tables spelled in the wrong case on a case-sensitive MariaDB/MySQL "
		   "(lower_case_table_names=0)",
	  .remediation = "Rename the tables to Liferay's spelling (RENAME TABLE group_ TO Group_ ...) "
			 "or run the server with lower_case_table_names=1.",
	  .fn = check_table_case },
	{ .id = "blocker.table.foreign-key", .cat = CAT_BLOCKER, .sev = SEV_ERROR, .min = U, .max = U,
	  .title = "Foreign keys declared on Liferay tables (Liferay declares none; upgrades fail)",
	  .remediation = "Drop these foreign keys before the upgrade (ALTER TABLE ... DROP FOREIGN KEY).",
	  .filter = filter_liferay_fk,
	  .sql = {
		{ DB_MARIADB, "SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS fk, k.COLUMN_NAME AS col,"
		  " k.REFERENCED_TABLE_NAME AS ref_table FROM information_schema.KEY_COLUMN_USAGE k"
		  " WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL" },
		{ DB_PGSQL, "SELECT CAST(tc.table_name AS TEXT) AS tbl, CAST(tc.constraint_name AS TEXT) AS fk,"
		  " CAST(kcu.column_name AS TEXT) AS col, CAST(ccu.table_name AS TEXT) AS ref_table"
		  " FROM information_schema.table_constraints tc"
		  " JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name"
		  "  AND kcu.table_schema = tc.table_schema"
		  " JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name"
		  "  AND ccu.table_schema = tc.table_schema"
		  " WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()" },
		{ DB_SQLITE, "SELECT m.name AS tbl, 'fk' || p.id AS fk, p.\"from\" AS col,"
		  " p.\"table\" AS ref_table FROM sqlite_master m, pragma_foreign_key_list(m.name) p"
		  " WHERE m.type = 'table'" },
	  } },
};

const int check_ndefs = (int)(sizeof check_defs / sizeof check_defs[0]);
