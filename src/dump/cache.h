/* A dump given where a DB is expected is imported once into an SQLite copy
 * in the cache ($LRPREP_CACHE, else $XDG_CACHE_HOME/lrprep, else
 * ~/.cache/lrprep), keyed by the SHA-256 of the dump file's bytes, so a
 * second run starts at once. */
#ifndef LR_DUMP_CACHE_H
#define LR_DUMP_CACHE_H
#include "../util/error.h"

/* Does path look like a dump (not an SQLite file)? */
int dump_is_dump_file(const char *path);
/* *sqlite_path receives a malloc'd path of the cached copy (caller frees). */
int dump_cache_get(const char *dump_path, char **sqlite_path, struct lr_err *err);
#endif
