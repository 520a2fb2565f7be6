/* The document store on disk, as Liferay's FileSystemStore and
 * AdvancedFileSystemStore lay it out (liferay-domain.md §5.3). */
#ifndef LR_SAMPLE_STORE_H
#define LR_SAMPLE_STORE_H
#include "../util/error.h"
#include "../util/strbuf.h"
#include <stddef.h>
#include <stdint.h>

/* Path of one file version relative to the store root:
 * fs:       <companyId>/<repositoryId>/<name>/<version>
 * advanced: <companyId>/<repositoryId>/<chunks>/<stem><ext>/<stem>_<version><ext> */
void store_rel_path(int advanced, int64_t companyId, int64_t repositoryId, const char *name,
		    const char *version, struct strbuf *out);

struct store;
/* Create root (must not exist, or be empty) and return a writer. */
int store_open(const char *root, int advanced, struct store **out, struct lr_err *err);
int store_put(struct store *s, int64_t companyId, int64_t repositoryId, const char *name,
	      const char *version, const void *data, size_t len);
/* Write a file at a path relative to the root (for planted extra files). */
int store_put_rel(struct store *s, const char *rel, const void *data, size_t len);
int store_advanced(const struct store *s);
/* Files are queued until store_go (or store_close, or a full queue): the
 * caller starts the writing when it leaves a core free. NULL: no-op. */
void store_go(struct store *s);
/* Wait for the writer, close; *files = files written. Returns -1 with err
 * set if any write failed. */
int store_close(struct store *s, int64_t *files, struct lr_err *err);
#endif
