/* The relation table: which column of which table references which entity
 * (liferay-domain.md §2.1, §2.4, §2.5). Shared by the orphan checks (every
 * relation with a check id becomes part of that check's query) and by the
 * cascade (what goes with a site, a page, a user, a version).
 *
 * A row of `child` references `parent` when
 *     child.child_col = parent.parent_col
 *     [AND child.classNameId = CN(cn)]          (polymorphic references)
 *     [AND child.same[i] = parent.same[i] ...]   (e.g. Layout.parentLayoutId
 *                                                 within groupId+privateLayout)
 *     [AND <cond>]                               (SQL template on alias c)
 * or, when alt_parent is set, child.child_col = alt_parent.alt_col (the
 * resourcePrimKey-or-id_ trap: an AssetEntry of a JournalArticle points at
 * resourcePrimKey, or at id_ for a draft version's asset).
 *
 * Templates use the checks' syntax: [col] is a column of the child (resolved
 * through the catalog), {CN:Key} a classNameId, {CNV:Key} a class-name string. */
#ifndef LR_LIFERAY_RELATIONS_H
#define LR_LIFERAY_RELATIONS_H
#include "classnames.h"
#include "version.h"

enum {
	REL_CASCADE = 1,      /* deleting the parent deletes these children */
	REL_TEXT_KEY = 2,     /* child column is text (ResourcePermission.primKey) */
	REL_BY_NAME = 4,      /* class condition is `name = {CNV:cn}`, not classNameId */
	REL_SKIP_ZERO = 8,    /* 0 / NULL in the child column means "none" */
	REL_SKIP_EMPTY = 16,  /* '' / NULL in a text child column means "none" */
};

struct lr_relation {
	const char *child;
	const char *child_col;
	const char *parent;
	const char *parent_col;
	enum lr_cn cn;           /* class condition on the child, CN_NONE for none */
	const char *alt_parent;  /* second acceptable target, or NULL */
	const char *alt_col;
	const char *same[2];     /* extra columns equal on both sides, or NULL */
	const char *cond;        /* extra condition on the child row (alias c), or NULL */
	enum lr_line min, max;   /* version gate; LR_LINE_UNKNOWN = unbounded */
	const char *check;       /* orphan check id testing it, or NULL */
	unsigned flags;
};

extern const struct lr_relation lr_relations[];
extern const int lr_nrelations;

/* Does relation r apply to line (gate)? An unknown line passes every gate. */
int lr_relation_applies(const struct lr_relation *r, enum lr_line line);

/* Tables excluded from the generic companyId/groupId sweep (Liferay's own
 * data cleanup excludes them), NULL-terminated. */
extern const char *const lr_sweep_exclusions[];
/* Canonical spellings of core Liferay tables (for the case check and for
 * telling Liferay tables from plugin ones), NULL-terminated. */
extern const char *const lr_core_tables[];
#endif
