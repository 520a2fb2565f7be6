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
#endif
