/* ClassName_ values per Liferay line (liferay-domain.md §2.1). classNameId is
 * per database, so CN(X) is resolved by value through ClassName_: first the
 * spelling of the line at hand, then the other known spellings (a database
 * half-way through an upgrade, or an unknown line). */
#ifndef LR_LIFERAY_CLASSNAMES_H
#define LR_LIFERAY_CLASSNAMES_H
#include <stdint.h>
#include "../db/db.h"
#include "version.h"

enum lr_cn {
	CN_NONE = 0,
	CN_GROUP,
	CN_LAYOUT,
	CN_USER,
	CN_COMPANY,
	CN_ORGANIZATION,
	CN_USER_GROUP,
	CN_ROLE,
	CN_LAYOUT_PROTOTYPE,
	CN_LAYOUT_SET_PROTOTYPE,
	CN_USER_PERSONAL_SITE,
	CN_JOURNAL_ARTICLE,
	CN_JOURNAL_FOLDER,
	CN_DL_FILE_ENTRY,
	CN_DL_FILE_VERSION,
	CN_DL_FOLDER,
	CN_DL_FILE_ENTRY_METADATA,
	CN_DDM_STRUCTURE,
	CN_DDM_TEMPLATE,
	CN_DDM_CONTENT,
	CN_DDL_RECORD,
	CN_DDL_RECORD_SET,
	CN_ASSET_ENTRY,
	CN_MB_MESSAGE,
	CN_MB_DISCUSSION,
	CN_MB_THREAD,
	CN_MB_CATEGORY,
	CN_BLOGS_ENTRY,
	CN_WIKI_PAGE,
	CN_WIKI_NODE,
	CN_BOOKMARKS_ENTRY,
	CN__COUNT
};

struct lr_classname_def {
	enum lr_cn cn;
	const char *key;   /* short stable name used in docs/plan ("JournalArticle") */
	const char *v62;   /* 6.2 (and 6.1) spelling */
	const char *v70;   /* 7.0 spelling */
	const char *v71;   /* 7.1+ spelling (NULL: same as 7.0) */
};

/* The data table, indexed by enum lr_cn (entry 0 is CN_NONE). */
extern const struct lr_classname_def lr_classname_defs[CN__COUNT];

/* The spelling of cn for a line (LR_LINE_UNKNOWN -> the 7.1 spelling). */
const char *lr_classname_value(enum lr_cn cn, enum lr_line line);
/* Look a class up by its short key ("JournalArticle"); CN_NONE if unknown. */
enum lr_cn lr_classname_by_key(const char *key);

/* classNameIds resolved for one database; -1 where ClassName_ has no row
 * (so a `classNameId = ?` condition matches nothing). */
struct lr_classnames {
	int64_t id[CN__COUNT];
	const char *value[CN__COUNT]; /* spelling found (static), NULL if none */
};

/* Resolve every class through ClassName_ (one small query per class).
 * v may be NULL (unknown line). No ClassName_ table -> all -1, returns 0. */
int lr_classnames_load(struct db *db, const struct lr_version *v, struct lr_classnames *out,
		       struct lr_err *err);
#endif
