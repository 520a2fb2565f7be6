/* Open what the user named as DB: a mysql://, mariadb:// or postgresql://
 * URI, an SQLite file, a dump file (imported to a cached SQLite copy first),
 * or --liferay-home DIR (connection read from portal-ext.properties).
 * Errors: LR_EXIT_INPUT (cannot connect / read) or LR_EXIT_USAGE. */
#ifndef LR_CMD_TARGET_H
#define LR_CMD_TARGET_H
#include "../db/db.h"

struct target_opts {
	const char *arg;          /* positional DB argument, may be NULL with liferay_home */
	const char *liferay_home; /* --liferay-home */
	int readonly;             /* the command only reads */
};

int target_open(const struct target_opts *o, struct db **out, struct lr_err *err);
/* target_open + lr_version_detect (not Liferay: LR_EXIT_INPUT). On error
 * nothing stays open. */
struct lr_version;
int target_open_detect(const struct target_opts *o, struct db **out, struct lr_version *v,
		       struct lr_err *err);
#endif
