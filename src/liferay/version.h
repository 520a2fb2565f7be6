/* Liferay version detection from Release_ (liferay-domain.md §3). */
#ifndef LR_LIFERAY_VERSION_H
#define LR_LIFERAY_VERSION_H
#include "../db/db.h"

enum lr_line {
	LR_LINE_UNKNOWN = 0,
	LR_LINE_OLDER,   /* < 6.1 */
	LR_LINE_61,
	LR_LINE_62,      /* CE and EE */
	LR_LINE_70,
	LR_LINE_71,
	LR_LINE_72,
	LR_LINE_73,
	LR_LINE_74,
	LR_LINE_NEWER,
};

struct lr_version {
	enum lr_line line;
	int build_number;        /* Release_.buildNumber of the portal row */
	int ee;                  /* 1 for 6.2 EE (6210), DXP 7.x (x10..) */
	char label[64];          /* "6.2 CE GA6", "7.1 CE GA1", "DXP 7.0" ... */
	char schema_version[76]; /* "" when the column is absent or NULL */
	int has_state;           /* Release_.state_ column exists */
	int state;               /* portal row state_ (NULL -> 0) */
	int verified;            /* portal row verified */
	char build_date[32];
	/* upgrade path to 7.2 in one sentence, and whether lrprep supports it */
	const char *path;
	int supported;           /* 6.2, 7.0, 7.1 */
};

/* Errors: LR_EXIT_INPUT when the database is not Liferay (names what is
 * missing: Release_, Group_, Company), or Release_ has no portal row. */
int lr_version_detect(struct db *db, struct lr_version *out, struct lr_err *err);
const char *lr_line_name(enum lr_line l); /* "6.2", "7.1" ... */
/* Class-name spelling differs between 6.2 and 7.x: does this database use
 * the 7.x names (com.liferay.portal.kernel.model.*)? */
int lr_version_is_7x(const struct lr_version *v);
#endif
