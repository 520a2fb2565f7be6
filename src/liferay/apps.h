/* Release_ interpretation and the catalogue of Marketplace apps / modules
 * (liferay-domain.md §3). The catalogue is data/apps-catalog.tsv, compiled
 * into lr_app_catalog[] at build time by tools/gen-apps-catalog.sh. */
#ifndef LR_LIFERAY_APPS_H
#define LR_LIFERAY_APPS_H
#include "../db/db.h"
#include "version.h"

/* One catalogue row; NULL where the TSV says "-". */
struct lr_app_entry {
	const char *app;       /* "Kaleo" */
	const char *line;      /* "6.2", "7.0", "7.1" */
	const char *name;      /* Release_.servletContextName */
	const char *kind;      /* "war" or "bundle" */
	const char *ns;        /* ServiceComponent.buildNamespace */
	const char *tables;    /* table-name prefix */
	const char *latest;    /* latest known buildNumber (6.2) / schemaVersion (7.x) */
	const char *maps_to;   /* 6.2 row: 7.x bundle it becomes */
};
extern const struct lr_app_entry lr_app_catalog[];
extern const int lr_app_catalog_count;

/* "6.2", "7.0" ... for a line; NULL for lines the catalogue has no rows for. */
const char *lr_apps_line_key(enum lr_line l);
/* Catalogue lookups (exact name / namespace) on one line; NULL when absent. */
const struct lr_app_entry *lr_app_find(const char *line, const char *name);
const struct lr_app_entry *lr_app_find_ns(const char *line, const char *ns);
/* Compare dotted versions ("1.10.0" > "1.9.2"; "-step-N" suffix sorts below
 * the plain version). <0, 0, >0. */
int lr_version_cmp(const char *a, const char *b);

enum lr_sev { LR_SEV_NONE = 0, LR_SEV_NOTICE = 1, LR_SEV_WARNING = 2, LR_SEV_ERROR = 3 };
const char *lr_sev_name(enum lr_sev s); /* "notice", "warning", "error" */
int lr_sev_exit(enum lr_sev s);          /* 0, 0, 1, 2 */

struct lr_finding {
	const char *id;    /* stable check id: "apps.release.failed" ... (static) */
	enum lr_sev sev;
	char *subject;     /* Release_ name, namespace or table */
	char *msg;         /* one line */
};

/* One Release_ row and what it means. */
struct lr_release {
	char *name;          /* servletContextName */
	char *schema;        /* schemaVersion, NULL when absent/NULL */
	long long build;     /* buildNumber */
	int verified;
	int state;           /* NULL -> 0 */
	char *modified;      /* modifiedDate text, may be NULL */
	const char *kind;    /* "portal", "war", "bundle", "verify-only" (static) */
	const struct lr_app_entry *app; /* catalogue row, or NULL */
	const char *status;  /* "ok", "failed upgrade", ... (static) */
	enum lr_sev sev;     /* worst finding on this row */
	int gogo_upgrade;    /* 7.x: upgrade:execute needed */
	int gogo_verify;     /* 7.x: verify:execute needed */
};

/* One ServiceComponent namespace (latest buildNumber row). */
struct lr_service_component {
	char *ns;
	long long build;
	char **tables;       /* tables its data_ creates */
	int ntables;
	int nmissing;        /* of those, absent from the database */
	const char *release; /* matching Release_ name present in the DB, or NULL */
	const struct lr_app_entry *app;
};

struct lr_apps {
	const char *line;    /* catalogue key of the line, NULL if none */
	struct lr_release *rel;
	int nrel;
	struct lr_service_component *sc;
	int nsc;
	struct lr_finding *f;
	int nf;
	enum lr_sev worst;
};

/* Read Release_ and ServiceComponent, interpret every row, compare with the
 * catalogue. v comes from lr_version_detect(). Errors: LR_EXIT_INPUT when
 * Release_ is missing, LR_EXIT_FAILED on a query error. */
int lr_apps_analyze(struct db *db, const struct lr_version *v, struct lr_apps *out,
		    struct lr_err *err);
void lr_apps_free(struct lr_apps *a);
#endif
