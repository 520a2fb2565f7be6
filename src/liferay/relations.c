/* The relation table as data (liferay-domain.md §2.1 "what classPK means",
 * §2.4 cascades, §2.5 orphan rules). One line per reference. */
#include "relations.h"

#define U LR_LINE_UNKNOWN
#define C REL_CASCADE
#define Z REL_SKIP_ZERO

/* plain reference: child.col -> parent.pcol */
#define REF(ch, col, par, pcol, chk, fl) \
	{ .child = ch, .child_col = col, .parent = par, .parent_col = pcol, .cn = CN_NONE, \
	  .min = U, .max = U, .check = chk, .flags = (fl) }
/* polymorphic reference: child.classPK -> parent.pcol where classNameId = CN(cls) */
#define CPK(ch, par, pcol, cls, chk, fl) \
	{ .child = ch, .child_col = "classPK", .parent = par, .parent_col = pcol, .cn = cls, \
	  .min = U, .max = U, .check = chk, .flags = (fl) }
/* polymorphic with a second acceptable target (resourcePrimKey-or-id_ trap) */
#define CPK2(ch, par, pcol, apar, acol, cls, chk, fl) \
	{ .child = ch, .child_col = "classPK", .parent = par, .parent_col = pcol, .cn = cls, \
	  .alt_parent = apar, .alt_col = acol, .min = U, .max = U, .check = chk, .flags = (fl) }
/* ResourcePermission individual (scope 4) rows: name = class, primKey = text id */
#define RP4(par, pcol, cls) \
	{ .child = "ResourcePermission", .child_col = "primKey", .parent = par, .parent_col = pcol, \
	  .cn = cls, .cond = "c.[scope] = 4", .min = U, .max = U, \
	  .check = "orphan.resourcepermission.individual", \
	  .flags = C | REL_TEXT_KEY | REL_BY_NAME }
/* PortletPreferences by owner type */
#define PPO(type, par, pcol) \
	{ .child = "PortletPreferences", .child_col = "ownerId", .parent = par, .parent_col = pcol, \
	  .cn = CN_NONE, .cond = "c.[ownerType] = " #type, .min = U, .max = U, \
	  .check = "orphan.portletpreferences.owner", .flags = C | Z }

const struct lr_relation lr_relations[] = {
	/* --- assets: classPK per class (§2.1 traps) ------------------------------ */
	CPK2("AssetEntry", "JournalArticle", "resourcePrimKey", "JournalArticle", "id_",
	     CN_JOURNAL_ARTICLE, "orphan.assetentry.classpk", C),
	CPK2("AssetEntry", "DLFileEntry", "fileEntryId", "DLFileVersion", "fileVersionId",
	     CN_DL_FILE_ENTRY, "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "DLFolder", "folderId", CN_DL_FOLDER, "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "JournalFolder", "folderId", CN_JOURNAL_FOLDER,
	    "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "Layout", "plid", CN_LAYOUT, "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "User_", "userId", CN_USER, "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "Group_", "groupId", CN_GROUP, "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "Organization_", "organizationId", CN_ORGANIZATION,
	    "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "BlogsEntry", "entryId", CN_BLOGS_ENTRY, "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "MBMessage", "messageId", CN_MB_MESSAGE, "orphan.assetentry.classpk", C),
	CPK("AssetEntry", "WikiPage", "resourcePrimKey", CN_WIKI_PAGE,
	    "orphan.assetentry.classpk", C),
	CPK2("AssetEntry", "DDLRecord", "recordId", "DDLRecordVersion", "recordVersionId",
	     CN_DDL_RECORD, "orphan.assetentry.classpk", C),
	/* ratings, discussions, subscriptions, activities: article = resourcePrimKey */
	CPK2("RatingsStats", "JournalArticle", "resourcePrimKey", "JournalArticle", "id_",
	     CN_JOURNAL_ARTICLE, "orphan.ratings.classpk", C),
	CPK("RatingsStats", "DLFileEntry", "fileEntryId", CN_DL_FILE_ENTRY,
	    "orphan.ratings.classpk", C),
	CPK("RatingsStats", "BlogsEntry", "entryId", CN_BLOGS_ENTRY, "orphan.ratings.classpk", C),
	CPK("RatingsStats", "MBMessage", "messageId", CN_MB_MESSAGE, "orphan.ratings.classpk", C),
	CPK("RatingsStats", "Layout", "plid", CN_LAYOUT, "orphan.ratings.classpk", C),
	CPK2("RatingsEntry", "JournalArticle", "resourcePrimKey", "JournalArticle", "id_",
	     CN_JOURNAL_ARTICLE, "orphan.ratings.classpk", C),
	CPK("RatingsEntry", "DLFileEntry", "fileEntryId", CN_DL_FILE_ENTRY,
	    "orphan.ratings.classpk", C),
	CPK("RatingsEntry", "BlogsEntry", "entryId", CN_BLOGS_ENTRY, "orphan.ratings.classpk", C),
	CPK("RatingsEntry", "MBMessage", "messageId", CN_MB_MESSAGE, "orphan.ratings.classpk", C),
	CPK2("MBDiscussion", "JournalArticle", "resourcePrimKey", "JournalArticle", "id_",
	     CN_JOURNAL_ARTICLE, "orphan.mbdiscussion.classpk", C),
	CPK("MBDiscussion", "DLFileEntry", "fileEntryId", CN_DL_FILE_ENTRY,
	    "orphan.mbdiscussion.classpk", C),
	CPK("MBDiscussion", "BlogsEntry", "entryId", CN_BLOGS_ENTRY,
	    "orphan.mbdiscussion.classpk", C),
	CPK("MBDiscussion", "Layout", "plid", CN_LAYOUT, "orphan.mbdiscussion.classpk", C),
	CPK("MBDiscussion", "WikiPage", "resourcePrimKey", CN_WIKI_PAGE,
	    "orphan.mbdiscussion.classpk", C),
	CPK2("Subscription", "JournalArticle", "resourcePrimKey", "JournalArticle", "id_",
	     CN_JOURNAL_ARTICLE, "orphan.subscription.classpk", C),
	CPK("Subscription", "DLFileEntry", "fileEntryId", CN_DL_FILE_ENTRY,
	    "orphan.subscription.classpk", C),
	CPK("Subscription", "Layout", "plid", CN_LAYOUT, "orphan.subscription.classpk", C),
	CPK("Subscription", "BlogsEntry", "entryId", CN_BLOGS_ENTRY,
	    "orphan.subscription.classpk", C),
	CPK("Subscription", "MBThread", "threadId", CN_MB_THREAD, "orphan.subscription.classpk", C),
	CPK("Subscription", "Group_", "groupId", CN_GROUP, "orphan.subscription.classpk", C),
	CPK("Subscription", "MBCategory", "categoryId", CN_MB_CATEGORY,
	    "orphan.subscription.classpk", C),
	CPK2("SocialActivity", "JournalArticle", "resourcePrimKey", "JournalArticle", "id_",
	     CN_JOURNAL_ARTICLE, "orphan.socialactivity.classpk", C),
	CPK("SocialActivity", "DLFileEntry", "fileEntryId", CN_DL_FILE_ENTRY,
	    "orphan.socialactivity.classpk", C),
	CPK("SocialActivity", "BlogsEntry", "entryId", CN_BLOGS_ENTRY,
	    "orphan.socialactivity.classpk", C),
	CPK("SocialActivity", "MBMessage", "messageId", CN_MB_MESSAGE,
	    "orphan.socialactivity.classpk", C),
	/* per-version references: id_ / fileVersionId */
	CPK("ExpandoValue", "JournalArticle", "id_", CN_JOURNAL_ARTICLE,
	    "orphan.expandovalue.classpk", C),
	CPK2("ExpandoValue", "DLFileVersion", "fileVersionId", "DLFileEntry", "fileEntryId",
	     CN_DL_FILE_ENTRY, "orphan.expandovalue.classpk", C),
	CPK("ExpandoValue", "User_", "userId", CN_USER, "orphan.expandovalue.classpk", C),
	CPK("ExpandoValue", "Layout", "plid", CN_LAYOUT, "orphan.expandovalue.classpk", C),
	CPK("ExpandoValue", "Group_", "groupId", CN_GROUP, "orphan.expandovalue.classpk", C),
	CPK("ExpandoValue", "Organization_", "organizationId", CN_ORGANIZATION,
	    "orphan.expandovalue.classpk", C),
	CPK("WorkflowInstanceLink", "JournalArticle", "id_", CN_JOURNAL_ARTICLE,
	    "orphan.workflowinstancelink.classpk", C),
	CPK("WorkflowInstanceLink", "DLFileVersion", "fileVersionId", CN_DL_FILE_ENTRY,
	    "orphan.workflowinstancelink.classpk", C),
	CPK("WorkflowInstanceLink", "BlogsEntry", "entryId", CN_BLOGS_ENTRY,
	    "orphan.workflowinstancelink.classpk", C),
	CPK("WorkflowInstanceLink", "MBMessage", "messageId", CN_MB_MESSAGE,
	    "orphan.workflowinstancelink.classpk", C),
	{ .child = "JournalArticleLocalization", .child_col = "articlePK",
	  .parent = "JournalArticle", .parent_col = "id_", .min = LR_LINE_71, .max = U,
	  .check = "orphan.journal.localization", .flags = C },
	{ .child = "DDMStorageLink", .child_col = "classPK", .parent = "JournalArticle",
	  .parent_col = "id_", .cn = CN_JOURNAL_ARTICLE, .min = LR_LINE_70, .max = U,
	  .check = "orphan.ddm.references", .flags = C },
	CPK("DDMStorageLink", "DDMContent", "contentId", CN_DDM_CONTENT, "orphan.ddm.references", C),
	{ .child = "DDMTemplateLink", .child_col = "classPK", .parent = "JournalArticle",
	  .parent_col = "id_", .cn = CN_JOURNAL_ARTICLE, .min = LR_LINE_70, .max = U,
	  .check = NULL, .flags = C },
	/* Group_ of an organization / a user (personal site) */
	CPK("Group_", "Organization_", "organizationId", CN_ORGANIZATION,
	    "orphan.group.classpk", C),
	CPK("Group_", "User_", "userId", CN_USER, "orphan.group.classpk", C),
	CPK("Group_", "Layout", "plid", CN_LAYOUT, "orphan.group.classpk", C),

	/* --- permissions ---------------------------------------------------------- */
	RP4("JournalArticle", "resourcePrimKey", CN_JOURNAL_ARTICLE),
	RP4("DLFileEntry", "fileEntryId", CN_DL_FILE_ENTRY),
	RP4("DLFolder", "folderId", CN_DL_FOLDER),
	RP4("Layout", "plid", CN_LAYOUT),
	RP4("Group_", "groupId", CN_GROUP),
	RP4("User_", "userId", CN_USER),
	RP4("Organization_", "organizationId", CN_ORGANIZATION),
	RP4("DDMStructure", "structureId", CN_DDM_STRUCTURE),
	RP4("DDMTemplate", "templateId", CN_DDM_TEMPLATE),
	RP4("BlogsEntry", "entryId", CN_BLOGS_ENTRY),
	{ .child = "ResourcePermission", .child_col = "primKey", .parent = "Group_",
	  .parent_col = "groupId", .cond = "c.[scope] = 2", .min = U, .max = U,
	  .check = "orphan.resourcepermission.group", .flags = C | REL_TEXT_KEY },

	/* --- portlet preferences --------------------------------------------------- */
	PPO(1, "Company", "companyId"),
	PPO(2, "Group_", "groupId"),
	PPO(3, "Group_", "groupId"),
	PPO(4, "User_", "userId"),
	PPO(6, "Organization_", "organizationId"),
	{ .child = "PortletPreferences", .child_col = "plid", .parent = "Layout",
	  .parent_col = "plid", .alt_parent = "LayoutRevision", .alt_col = "layoutRevisionId",
	  .min = U, .max = U, .check = "orphan.portletpreferences.plid", .flags = C | Z },

	/* --- documents ------------------------------------------------------------- */
	REF("DLFileVersion", "fileEntryId", "DLFileEntry", "fileEntryId",
	    "orphan.dlfileversion.fileentry", C),
	REF("DLFileEntryMetadata", "fileEntryId", "DLFileEntry", "fileEntryId",
	    "orphan.dlfileentrymetadata.fileentry", C),
	REF("DLFileEntryMetadata", "fileVersionId", "DLFileVersion", "fileVersionId",
	    "orphan.dlfileentrymetadata.fileentry", C),
	REF("DLFileShortcut", "toFileEntryId", "DLFileEntry", "fileEntryId",
	    "orphan.dl.fileentry-references", C),
	REF("DLFileRank", "fileEntryId", "DLFileEntry", "fileEntryId",
	    "orphan.dl.fileentry-references", C),

	/* --- web content ----------------------------------------------------------- */
	REF("JournalArticleResource", "resourcePrimKey", "JournalArticle", "resourcePrimKey",
	    "orphan.journalarticleresource.article", 0),
	REF("JournalArticle", "resourcePrimKey", "JournalArticleResource", "resourcePrimKey",
	    "orphan.journalarticle.resource", 0),
	/* structure keys: 6.2 structureId, 7.0-7.3 DDMStructureKey ('' = no structure);
	 * 6.1 keeps journal structures in JournalStructure, not DDMStructure */
	{ .child = "JournalArticle", .child_col = "structureId", .parent = "DDMStructure",
	  .parent_col = "structureKey", .min = LR_LINE_62, .max = LR_LINE_62,
	  .check = "orphan.journalarticle.structure", .flags = REL_SKIP_EMPTY },
	{ .child = "JournalArticle", .child_col = "DDMStructureKey", .parent = "DDMStructure",
	  .parent_col = "structureKey", .min = LR_LINE_70, .max = LR_LINE_73,
	  .check = "orphan.journalarticle.structure", .flags = REL_SKIP_EMPTY },

	/* --- pages ----------------------------------------------------------------- */
	{ .child = "Layout", .child_col = "parentLayoutId", .parent = "Layout",
	  .parent_col = "layoutId", .same = { "groupId", "privateLayout" }, .min = U, .max = U,
	  .check = "orphan.layout.parent", .flags = C | Z },
	REF("LayoutFriendlyURL", "plid", "Layout", "plid", "orphan.layout.references", C),
	REF("LayoutRevision", "plid", "Layout", "plid", "orphan.layout.references", C),
	{ .child = "JournalContentSearch", .child_col = "layoutId", .parent = "Layout",
	  .parent_col = "layoutId", .same = { "groupId", "privateLayout" }, .min = U, .max = U,
	  .check = "orphan.layout.references", .flags = Z },

	/* --- assets ---------------------------------------------------------------- */
	REF("AssetLink", "entryId1", "AssetEntry", "entryId", "orphan.assetlink.entry", C),
	REF("AssetLink", "entryId2", "AssetEntry", "entryId", "orphan.assetlink.entry", C),

	/* --- mapping tables: both sides --------------------------------------------- */
	REF("Users_Groups", "userId", "User_", "userId", "orphan.mapping", C),
	REF("Users_Groups", "groupId", "Group_", "groupId", "orphan.mapping", C),
	REF("Users_Roles", "userId", "User_", "userId", "orphan.mapping", C),
	REF("Users_Roles", "roleId", "Role_", "roleId", "orphan.mapping", C),
	REF("Users_Orgs", "userId", "User_", "userId", "orphan.mapping", C),
	REF("Users_Orgs", "organizationId", "Organization_", "organizationId",
	    "orphan.mapping", C),
	REF("Groups_Orgs", "groupId", "Group_", "groupId", "orphan.mapping", C),
	REF("Groups_Orgs", "organizationId", "Organization_", "organizationId",
	    "orphan.mapping", C),
	REF("Groups_Roles", "groupId", "Group_", "groupId", "orphan.mapping", C),
	REF("Groups_Roles", "roleId", "Role_", "roleId", "orphan.mapping", C),
	REF("AssetEntries_AssetTags", "entryId", "AssetEntry", "entryId", "orphan.mapping", C),
	REF("AssetEntries_AssetTags", "tagId", "AssetTag", "tagId", "orphan.mapping", C),
	REF("AssetEntries_AssetCategories", "entryId", "AssetEntry", "entryId",
	    "orphan.mapping", C),
	REF("AssetEntries_AssetCategories", "categoryId", "AssetCategory", "categoryId",
	    "orphan.mapping", C),

	/* --- cascade only (no orphan check of their own) ----------------------------- */
	REF("Contact_", "contactId", "User_", "contactId", NULL, C),
	REF("UserGroupRole", "userId", "User_", "userId", NULL, C),
	REF("PasswordTracker", "userId", "User_", "userId", NULL, C),
	REF("DDMStructure", "parentStructureId", "DDMStructure", "structureId",
	    "orphan.ddm.references", C | Z),
	REF("DDMStructureLink", "structureId", "DDMStructure", "structureId",
	    "orphan.ddm.references", C),
	CPK("DDMTemplate", "DDMStructure", "structureId", CN_DDM_STRUCTURE, "orphan.ddm.references",
	    C | Z),
	REF("DDMStructureVersion", "structureId", "DDMStructure", "structureId",
	    "orphan.ddm.references", C),
	REF("DDMStructureLayout", "structureVersionId", "DDMStructureVersion",
	    "structureVersionId", NULL, C),
	REF("DDMTemplateVersion", "templateId", "DDMTemplate", "templateId",
	    "orphan.ddm.references", C),
	REF("DDMTemplateLink", "templateId", "DDMTemplate", "templateId",
	    "orphan.ddm.references", C),
};

const int lr_nrelations = (int)(sizeof lr_relations / sizeof lr_relations[0]);

int lr_relation_applies(const struct lr_relation *r, enum lr_line line)
{
	if (line == LR_LINE_UNKNOWN)
		return 1;
	if (r->min != U && line < r->min)
		return 0;
	if (r->max != U && line > r->max)
		return 0;
	return 1;
}

const char *const lr_sweep_exclusions[] = {
	"Audit_AuditEvent", "CyrusUser", "CyrusVirtual", "SystemEvent",
	/* not references to an entity: the tables that define them */
	"Company", "Group_", NULL
};

const char *const lr_core_tables[] = {
	"Account_", "Address", "AnnouncementsDelivery", "AnnouncementsEntry", "AssetCategory",
	"AssetEntries_AssetCategories", "AssetEntries_AssetTags", "AssetEntry", "AssetLink",
	"AssetTag", "AssetVocabulary", "BackgroundTask", "BlogsEntry", "ClassName_", "Company",
	"Contact_", "Counter", "DDLRecord", "DDLRecordSet", "DDLRecordVersion", "DDMContent",
	"DDMStorageLink", "DDMStructure", "DDMStructureLink", "DDMTemplate", "DLFileEntry",
	"DLFileEntryMetadata", "DLFileEntryType", "DLFileRank", "DLFileShortcut", "DLFileVersion",
	"DLFolder", "EmailAddress", "ExpandoColumn", "ExpandoRow", "ExpandoTable", "ExpandoValue",
	"Group_", "Groups_Orgs", "Groups_Roles", "Groups_UserGroups", "Image", "JournalArticle",
	"JournalArticleImage", "JournalArticleResource", "JournalContentSearch", "JournalFeed",
	"JournalFolder", "Layout", "LayoutBranch", "LayoutFriendlyURL", "LayoutPrototype",
	"LayoutRevision", "LayoutSet", "LayoutSetBranch", "LayoutSetPrototype", "ListType",
	"Lock_", "MBBan", "MBCategory", "MBDiscussion", "MBMessage", "MBStatsUser", "MBThread",
	"MBThreadFlag", "Organization_", "PasswordPolicy", "PasswordPolicyRel",
	"PasswordTracker", "Phone", "PortalPreferences", "Portlet", "PortletItem",
	"PortletPreferences", "RatingsEntry", "RatingsStats", "Region", "Release_",
	"Repository", "RepositoryEntry", "ResourceAction", "ResourceBlock",
	"ResourceBlockPermission", "ResourcePermission", "Role_", "ServiceComponent",
	"SocialActivity", "SocialActivityCounter", "SocialActivitySet", "SocialRelation",
	"SocialRequest", "Subscription", "SystemEvent", "Team", "Ticket", "TrashEntry",
	"TrashVersion", "User_", "UserGroup", "UserGroupGroupRole", "UserGroupRole",
	"UserIdMapper", "UserNotificationEvent", "Users_Groups", "Users_Orgs", "Users_Roles",
	"Users_Teams", "Users_UserGroups", "VirtualHost", "WebDAVProps", "Website", "WikiNode",
	"WikiPage", "WorkflowDefinitionLink", "WorkflowInstanceLink", NULL
};
