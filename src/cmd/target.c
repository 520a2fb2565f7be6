/* Open the database a command names: URI, --liferay-home, SQLite file or a
 * dump (imported once into a cached SQLite copy, opened read-only). */
#include "target.h"
#include "../liferay/version.h"
#include "../db/uri.h"
#include "../dump/cache.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The 16-byte header every SQLite 3 database file starts with. A zero-length
 * file is also an (empty) SQLite database to the library. */
static int is_sqlite_file(const char *path, off_t size)
{
	static const char magic[16] = "SQLite format 3";
	if (size == 0)
		return 1;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char head[16];
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	return n == sizeof head && !memcmp(head, magic, sizeof magic);
}

static int open_ci(struct db_conninfo *ci, struct db **out, struct lr_err *err)
{
	int rc = db_open(ci, out, err);
	db_conninfo_release(ci);
	return rc;
}

static int open_sqlite(const char *path, int readonly, struct db **out, struct lr_err *err)
{
	struct db_conninfo ci = { 0 };
	ci.engine = DB_SQLITE;
	ci.path = xstrdup(path);
	ci.readonly = readonly;
	return open_ci(&ci, out, err);
}

int target_open(const struct target_opts *o, struct db **out, struct lr_err *err)
{
	struct db_conninfo ci = { 0 };
	*out = NULL;
	if (o->liferay_home && o->arg)
		return lr_fail(err, LR_EXIT_USAGE, "give either a database or --liferay-home, not both");
	if (o->liferay_home) {
		if (db_conninfo_from_liferay_home(o->liferay_home, &ci, err) < 0)
			return -1;
		return open_ci(&ci, out, err);
	}
	if (!o->arg || !*o->arg)
		return lr_fail(err, LR_EXIT_USAGE, "no database given (a URI, an SQLite file, a dump "
			       "or --liferay-home DIR)");
	if (db_is_uri(o->arg)) {
		if (db_uri_parse(o->arg, &ci, err) < 0)
			return -1;
		return open_ci(&ci, out, err);
	}
	struct stat st;
	if (stat(o->arg, &st) != 0) {
		if (errno == ENOENT)
			return lr_fail(err, LR_EXIT_INPUT, "%s: no such file", o->arg);
		return lr_fail(err, LR_EXIT_INPUT, "%s: %s", o->arg, strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		return lr_fail(err, LR_EXIT_USAGE, "%s is a directory: for a Liferay Home use "
			       "--liferay-home %s", o->arg, o->arg);
	if (is_sqlite_file(o->arg, st.st_size))
		return open_sqlite(o->arg, o->readonly, out, err);
	if (dump_is_dump_file(o->arg)) {
		if (!o->readonly)
			return lr_fail(err, LR_EXIT_USAGE, "%s is a dump: this command changes the database, "
				       "so import it first (lrprep import %s -o copy.db)", o->arg, o->arg);
		char *copy = NULL;
		if (dump_cache_get(o->arg, &copy, err) < 0)
			return -1;
		int rc = open_sqlite(copy, 1, out, err);
		free(copy);
		return rc;
	}
	return lr_fail(err, LR_EXIT_INPUT, "%s is neither an SQLite database nor a dump "
		       "(mysqldump, pg_dump or HSQLDB lportal.script)", o->arg);
}

int target_open_detect(const struct target_opts *o, struct db **out, struct lr_version *v,
		       struct lr_err *err)
{
	if (target_open(o, out, err) < 0)
		return -1;
	if (lr_version_detect(*out, v, err) < 0) {
		db_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
