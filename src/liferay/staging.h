/* Staged sites and their unpublished changes (liferay-domain.md §4).
 * Which tables are scanned is data: lr_stg_entities[] in staging.c. */
#ifndef LR_LIFERAY_STAGING_H
#define LR_LIFERAY_STAGING_H
#include <stdint.h>
#include <stdio.h>
#include "../db/db.h"
#include "version.h"
#include "../util/strbuf.h"

/* One kind of staged entity to scan for changes. */
struct lr_stg_entity {
	const char *table;      /* Liferay table name (resolved through the catalog) */
	const char *type;       /* label in the report: "page", "web content" ... */
	const char *pk;         /* primary key column */
	const char *title;      /* title columns, comma-separated, first present wins */
	const char *portlet62;  /* staged-portlet_<id> that must be true (6.2); NULL: always */
	const char *portlet7x;  /* the same on 7.x */
	const char *lpd;        /* 7.x lastPublishDate column, NULL if the table has none */
	const char *classname;  /* simple class name (SystemEvent deletions) */
	int per_layout_set;     /* privateLayout picks the layout set's publish date */
};
extern const struct lr_stg_entity lr_stg_entities[];
extern const int lr_stg_entity_count;

enum lr_stg_kind { LR_STG_LOCAL = 1, LR_STG_REMOTE, LR_STG_REMOTE_LIVE };
const char *lr_stg_kind_name(enum lr_stg_kind k); /* "local", "remote", "remote-live" */

struct lr_stg_change {
	const char *type;    /* entity label, or "deletion" kinds from SystemEvent */
	const char *table;   /* descriptor table name ("SystemEvent" for deletions) */
	int64_t pk;
	int private_layout;  /* 0/1 for page-scoped rows, -1 otherwise */
	int deleted;         /* from SystemEvent */
	char *title;
	char *who;
	char *when;          /* modifiedDate (createDate for deletions) */
	const char *why;     /* "never published", "modified after last publish" ... */
};

struct lr_stg_task {
	int64_t id;
	int64_t group_id;
	int status;          /* BackgroundTaskConstants: 0 new, 1 in progress, 2 failed, 3 ok, 4 queued */
	char *name;
	char *executor;      /* taskExecutorClassName */
	char *who;
	char *created;
	char *completed;
	char *message;       /* statusMessage */
};

struct lr_stg_site {
	enum lr_stg_kind kind;
	int64_t live_group_id;
	int64_t staging_group_id; /* local staging: the staging Group_; else 0 */
	int64_t source_group_id;  /* where edits happen: staging group, or the site itself */
	char *name;
	char *friendly_url;
	char *remote_address;     /* remote staging */
	int remote_port;
	char *remote_path_context;
	int secure_connection;
	int64_t remote_group_id;
	int remote_staging_count; /* live side of remote staging */
	int64_t last_publish[2];  /* ms since epoch per privateLayout 0/1; -1 never */
	int never_published;      /* no layout set has a last-publish-date */
	char **portlets;          /* staged-portlet_<id>=true ids */
	int nportlets;
	struct lr_stg_change *ch;
	int nch;
	struct lr_stg_task *tasks; /* in progress (0,1,4) or failed (2) */
	int ntasks;
};

struct lr_staging {
	int is7;
	struct lr_stg_site *sites;
	int nsites;
	int64_t unpublished;      /* changes + deletions over all sites */
	int64_t tasks_pending;    /* in progress */
	int64_t tasks_failed;
};

int lr_staging_analyze(struct db *db, const struct lr_version *v, struct lr_staging *out,
		       struct lr_err *err);
void lr_staging_free(struct lr_staging *s);

/* Value of key in Liferay's UnicodeProperties text ("k=v" lines, newlines in
 * values written as _SAFE_NEWLINE_CHARACTER_); caller frees; NULL if absent. */
char *lr_unicode_prop(const char *text, const char *key);
/* "YYYY-MM-DD HH:MM:SS.ffffff" (UTC, the zone Liferay writes dates in) of ms since epoch. */
void lr_ms_to_date(int64_t ms, char *buf, size_t n);
/* First element text of Liferay's localized XML ("<root><Name ...>X</Name></root>"),
 * or a copy of s when it is plain text. Caller frees. */
char *lr_localized_first(const char *s);

/* staging_script.c: a Liferay script-console Groovy script that publishes
 * each staged site with pending changes, one site at a time (6.2 or 7.x API
 * after v). Every value is a single-quoted Groovy literal or a number. */
int lr_staging_write_groovy(FILE *f, const struct lr_staging *st, const struct lr_version *v,
			    struct lr_err *err);
/* Append s as a single-quoted Groovy string literal: backslash, quote and
 * control characters escaped, non-ASCII as \uXXXX, so nothing in s can end
 * the literal or interpolate. Invalid UTF-8 becomes U+FFFD. */
void lr_groovy_quote(struct strbuf *sb, const char *s);
#endif
