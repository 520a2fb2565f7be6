/* Private to src/backup: the file parts (document store, Liferay Home). */
#ifndef LR_BACKUP_FILES_H
#define LR_BACKUP_FILES_H
#include "backup.h"
#include <sys/types.h>

enum bk_store_type { BK_STORE_NONE = 0, BK_STORE_FS, BK_STORE_AFS, BK_STORE_DB, BK_STORE_OTHER };

struct bk_store {
	enum bk_store_type type;
	char *impl;        /* dl.store.impl value or our name for it */
	char *root;        /* absolute path; NULL for DBStore / none */
	char *found_in;    /* where the location came from (report) */
	int guess;         /* FS or AFS is to be told from the tree's file names */
};
/* Find the store: --store, else Liferay Home's properties and osgi/configs,
 * else LIFERAY_HOME/data/document_library. home and store_opt may be NULL.
 * A store given by path only is FileSystemStore unless its tree holds
 * AdvancedFileSystemStore's *.afsh names: with defer_guess the caller walks
 * the tree anyway and calls bk_store_guess() on what it found (one walk,
 * not two); otherwise the first 20,000 entries are looked at here. */
int bk_store_locate(const char *home, const char *store_opt, int defer_guess, struct bk_store *s,
		    struct lr_err *err);
/* With s->guess: AFS if any of the files under prefix "store/" ends in .afsh. */
struct bk_filelist;
void bk_store_guess(struct bk_store *s, const struct bk_filelist *fl);
void bk_store_release(struct bk_store *s);
const char *bk_store_type_name(enum bk_store_type t);
/* Path (relative to the store root) where the store keeps one version of
 * a file (liferay-domain.md §5.3). */
void bk_store_path(enum bk_store_type t, int64_t company, int64_t repo, const char *name,
		   const char *version, struct strbuf *out);

/* One file to back up. */
struct bk_file {
	char *rel;         /* path in the manifest: "store/…" or "home/…" */
	char *abs;         /* where it is now */
	int64_t size;
	int64_t mtime_ns;
	int64_t ctime_ns;  /* inode change time: no tool can set it back */
	unsigned mode;
	char sha[65];
	int state;         /* 0 todo, 1 hash known from previous manifest, 2 vanished */
	int stored;        /* this run renamed a new object into place for it */
};
struct bk_filelist {
	struct bk_file *v;
	size_t n, cap;
};
void bk_filelist_release(struct bk_filelist *fl);

/* Walk root, adding its regular files as prefix/relpath (a symbolic link to
 * a file counts as that file). skip(ctx, rel, kind, dev, ino) with kind 0
 * file, 1 directory: returning 1 leaves the entry (and a directory's
 * subtree) out; kind 2: a symbolic link to a directory, never followed
 * (the callback reports it). */
typedef int (*bk_skip_fn)(void *ctx, const char *rel, int isdir, dev_t dev, ino_t ino);
int bk_walk(const char *root, const char *prefix, bk_skip_fn skip, void *ctx, struct bk_filelist *out,
	    struct lr_err *err);

/* Liferay Home: what a Liferay administrator's backup holds (rules in home.c). */
struct bk_home_opts {
	int include_logs, include_work, include_index;
	dev_t skip_dev[2];
	ino_t skip_ino[2]; /* the store root and the backup directory, if inside */
	int nskip;
	json_t *excluded;  /* receives the top-level paths left out, with why */
};
int bk_home_walk(const char *home, struct bk_home_opts *o, struct bk_filelist *out, struct lr_err *err);

/* Store every file as DIR/objects/ab/cdef… (copying only what is not there
 * yet); fills sha. prev: the previous manifest (may be NULL): a file whose
 * path, size, mtime and ctime (nanoseconds) equal its entry there and whose
 * object is stored is not read at all (the quick check). */
int bk_store_objects(const char *dir, struct bk_filelist *fl, json_t *prev, int jobs, int progress,
		     struct backup_stats *st, struct lr_err *err);
/* Every entry of DIR/objects/ab/: fn(ctx, descriptor of ab/, entry name,
 * "ab" + name). */
typedef void (*bk_object_fn)(void *ctx, int dirfd, const char *name, const char *sha);
void bk_objects_foreach(const char *dir, bk_object_fn fn, void *ctx);
/* Make what this run wrote durable before the manifest names it: every
 * db file of files (the manifest's list) and the new objects of fl, each
 * fsync'd with its directory; when many objects were stored, one syncfs()
 * of the backup's file system instead (cheaper than thousands of journal
 * commits, and their write-back was started as they were written). */
int bk_make_durable(const char *dir, const char *gen, json_t *files, const struct bk_filelist *fl,
		    struct lr_err *err);

/* Store consistency against the database (inside the snapshot): adds
 * "missing" (referenced, absent) and "unreferenced" (present, nothing names
 * it; previews and thumbnails excepted) to report. */
int bk_store_crosscheck(struct db *db, const struct bk_store *s, const struct bk_filelist *fl,
			json_t *report, struct backup_stats *st, struct lr_err *err);
#endif
