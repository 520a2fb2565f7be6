/* The check registry (DESIGN.md "Checks are data"): every finding lrprep
 * reports comes from one descriptor in one table. The runner never aborts:
 * a check that fails to run becomes a finding of its own
 * (id "internal.check-failed", severity error).
 *
 * Findings are produced as JSON objects (jansson) so every report format
 * (text, JSON, HTML) renders the same data:
 *   { "id": "unused.site.empty", "category": "unused", "severity": "warning",
 *     "title": "...", "count": 3, "samples": [ {...}, ... ],
 *     "remediation": "..." }
 */
#ifndef LR_CHECKS_H
#define LR_CHECKS_H
#include <jansson.h>
#include "../db/db.h"
#include "../liferay/version.h"

enum check_severity { SEV_NOTICE = 0, SEV_WARNING = 1, SEV_ERROR = 2 };

struct checks_opts {
	const char *const *only;  /* NULL-terminated ids (or id prefixes), NULL = all */
	const char *const *skip;  /* NULL-terminated ids (or prefixes) to leave out */
	int max_samples;          /* samples per finding (default 5) */
	/* thresholds of the unused-object rules (0 = documented default) */
	int inactive_days;        /* users not logged in for N days (default 365) */
	int site_idle_days;       /* sites with no activity for N days (default 365) */
	int keep_first;           /* web content versions kept at the start (default 1) */
	int keep_last;            /* web content versions kept at the end (default 3) */
};

/* Run the selected checks. *findings receives a new JSON array (caller owns,
 * json_decref) holding one object per check that found something or failed.
 * Returns 0; -1 only when the database cannot be read at all. */
int checks_run(struct db *db, const struct lr_version *v, const struct checks_opts *o,
	       json_t **findings, struct lr_err *err);

/* All registered checks as a JSON array of {id, category, severity, title,
 * versions, remediation} (for --list-checks). Caller owns. */
json_t *checks_list(void);

/* Highest severity in a findings array -> exit code (0, 1 or 2). */
int checks_exit_code(const json_t *findings);

/* ---- added for plan (src/checks/planner.c) and the documented defaults ---- */
/* Threshold defaults (docs/checks.md explains the choice). */
#define CHECKS_DEFAULT_MAX_SAMPLES 5
#define CHECKS_DEFAULT_INACTIVE_DAYS 365
#define CHECKS_DEFAULT_SITE_IDLE_DAYS 365
#define CHECKS_DEFAULT_KEEP_FIRST 1
#define CHECKS_DEFAULT_KEEP_LAST 3

/* One object a check selected (a row of its query). Valid during the callback. */
struct checks_object {
	const char *check_id;
	const char *category;     /* "unused", "orphan", "blocker" */
	const char *kind;         /* "site", "page", "user", "article-version", "orphan-row" ... */
	const char *table;        /* the object's table (NULL for orphan rows: see names) */
	const char *key;          /* its key column: the value is vals[0] */
	const char *reason;       /* the check's one-line title */
	const char *const *names; /* column names of vals */
	const struct db_value *vals;
	int n;                    /* columns shown (samples) */
	int nall;                 /* n plus helper columns (orphan rows: "pkcols") */
};
typedef int (*checks_object_fn)(void *ctx, const struct checks_object *obj);

/* Stream every object of the selected checks that have an object kind
 * (unused objects and orphan rows). Failing checks land in *failures
 * (internal.check-failed findings; caller owns). Returns 0, -1 if the
 * database cannot be read. */
int checks_collect(struct db *db, const struct lr_version *v, const struct checks_opts *o,
		   checks_object_fn fn, void *ctx, json_t **failures, struct lr_err *err);

/* Reference time of the day-based thresholds (inactive_days, site_idle_days):
 * seconds since the epoch, 0 = the clock (default). Lets a plan or a test be
 * reproduced against a dated copy (e.g. a sample's referenceDate). */
void checks_set_now(long long epoch_seconds);

/* JSON form of a database value (integers, reals, strings, null). */
json_t *checks_value_json(const struct db_value *v);

/* The plan (docs/plan.md): header (database identity) + every removable
 * object with identity, rule, rows and bytes per table. Caller owns *plan. */
struct plan_opts {
	struct checks_opts checks;
	int with_orphans;          /* include orphan rows */
	const char *const *kinds;  /* NULL-terminated object kinds to keep ("site", "page",
				    * "orphan" ...), NULL = all */
	int identities_only;       /* objects and identities, no row/byte estimates
				    * (prune's re-check: the estimates cost full scans) */
	/* With identities_only: each object is handed to each(ctx, obj) (borrowed;
	 * non-zero stops the run) instead of being kept in the plan's array, and
	 * a row found by two rules may come twice. */
	int (*each)(void *ctx, const json_t *obj);
	void *each_ctx;
};
int checks_plan(struct db *db, const struct lr_version *v, const struct plan_opts *o,
		json_t **plan, struct lr_err *err);
/* The plan's "database" object for db: engine, portalBuildNumber, line,
 * companies, fingerprint (docs/plan.md). prune compares the fingerprint of
 * its target with the plan's. Caller owns *out. */
int checks_db_identity(struct db *db, const struct lr_version *v, json_t **out,
		       struct lr_err *err);
/* One object per line, tab-separated (docs/plan.md "TSV form"). */
void checks_plan_tsv(const json_t *plan, struct strbuf *out);
#endif
