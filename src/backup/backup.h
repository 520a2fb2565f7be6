/* Synchronized backup and its verification (docs/backup.md).
 *
 * Layout of a backup directory DIR:
 *   manifest.json        the commit point: present = complete (self-checksummed)
 *   SHA256SUMS           every file, for `cd DIR && sha256sum -c SHA256SUMS`
 *   db-<ID>/             this run's database dump: schema.sql.zst, data/NAME.NNNN.sql.zst,
 *                        post.sql.zst, restore.sh, files.tsv
 *   objects/ab/cdef...   store and Liferay Home files, content-addressed by SHA-256
 *   .tmp/                work area of a running backup (removed at the end)
 * Everything else in this directory is private to src/backup. */
#ifndef LR_BACKUP_H
#define LR_BACKUP_H
#include "../util/clock.h"
#include <pthread.h>
#include <stdint.h>
#include <jansson.h>
#include "../db/db.h"
#include "../util/error.h"
#include "../util/strbuf.h"

#define BK_MANIFEST_FORMAT "lrprep-backup"
#define BK_MANIFEST_VERSION 1

struct backup_opts {
	const char *db_arg;       /* URI or SQLite file; NULL with liferay_home */
	const char *liferay_home; /* --liferay-home */
	const char *to;           /* --to DIR */
	const char *store;        /* --store DIR (overrides what Liferay Home says) */
	int jobs;                 /* worker threads / connections, >= 1 */
	int include_logs, include_work, include_index;
	int force;                /* back up a portal that looks alive (warns) */
	int checksum;             /* hash every file (no quick check against the previous manifest) */
	int progress;             /* progress bars on stderr */
};

/* What a run did; every count is exact (tests compare them). */
struct backup_stats {
	int tables;
	int64_t rows;
	int db_files;
	int64_t db_bytes;        /* compressed bytes written */
	int64_t store_files, home_files;
	int64_t files_copied;    /* objects written by this run */
	int64_t files_reused;    /* object already present (dedup or earlier run) */
	int64_t files_hashed;    /* files read and hashed (size+mtime changed or new) */
	int64_t bytes_copied;
	int64_t files_vanished;  /* deleted between the walk and the copy: left out */
	int64_t store_missing;   /* referenced by the database, absent */
	int64_t store_unreferenced;
	double seconds_db, seconds_files;
};

/* Run a backup. Returns 0 (complete), or -1 with err set. warnings counts
 * the non-fatal findings (alive portal under --force, missing store files).
 * *manifest_out (if non-NULL) receives the written manifest (caller decrefs). */
int backup_run(const struct backup_opts *o, struct backup_stats *st, int *warnings,
	       json_t **manifest_out, struct lr_err *err);

struct verify_opts {
	const char *dir;
	const char *restore_into;  /* SQLite path or server URI, or NULL */
	double sample_pct;         /* 100: every file */
	int progress;
};

struct verify_result {
	int64_t files_total, files_checked, bytes_checked;
	int64_t bad;               /* files missing or damaged */
	json_t *problems;          /* [{path, problem}] (owned; verify_result_release) */
	int tables_compared, tables_bad;
	json_t *tables;            /* [{name, rows, expectedRows, checksum, expected, ok}] */
};
void verify_result_release(struct verify_result *r);

/* Check DIR against its manifest. Returns 0 when it could check (problems
 * are in r: the caller exits 2 when r->bad or r->tables_bad), -1 with err
 * when the manifest itself is missing or fails its self-check. */
int verify_run(const struct verify_opts *o, struct verify_result *r, json_t **manifest_out,
	       struct lr_err *err);

/* ---- shared internals ------------------------------------------------ */

/* Test hook: LRPREP_TEST_CRASH_AT=<name> kills the process with SIGKILL when
 * the backup reaches the named point (docs/backup.md lists them). */
void bk_crash_point(const char *name);
/* The same, for numbered points: "<name>:<n>" matches the n-th call. */
void bk_crash_point_n(const char *name, int64_t n);

int bk_mkdir_p(const char *path, struct lr_err *err);       /* mode 0700 */
int bk_fsync_path(const char *path, int dir, struct lr_err *err);
int bk_rm_rf(const char *path);                             /* best effort */
void bk_hex(const unsigned char *b, size_t n, char *out);  /* out: 2n+1 */
/* SHA-256 of a whole file (hex, 65 bytes) and its size. */
int bk_hash_file(const char *path, char hex[65], int64_t *size, struct lr_err *err);
/* Object path of a hash: DIR/objects/ab/cdef... */
void bk_object_path(const char *dir, const char *hex, struct strbuf *out);
void bk_utc_iso(time_t t, char *buf, size_t n);             /* 2026-11-25T09:00:00Z */

/* Manifest text with its self-checksum: the JSON object is written with
 * "manifestChecksum" as its last member, on its own line, holding the
 * SHA-256 of every byte before that line (pg_basebackup style). */
char *bk_manifest_text(json_t *m);                          /* caller frees */
/* Parse and check the self-checksum. Returns the object, or NULL with err
 * (LR_EXIT_ERRORS when the checksum is wrong, LR_EXIT_INPUT when unreadable). */
json_t *bk_manifest_load(const char *path, struct lr_err *err);
/* Write text to DIR/name atomically: name.tmp, fsync, rename, fsync DIR. */
int bk_write_atomic(const char *dir, const char *name, const char *text, size_t len,
		    const char *crash_before_rename, struct lr_err *err);

/* Progress line on stderr ("\r" updates) when enabled. */
struct bk_progress {
	int enabled;
	const char *what;
	double t0, last;
};
void bk_progress_start(struct bk_progress *p, int enabled, const char *what);
void bk_progress_update(struct bk_progress *p, int64_t done, int64_t total, int64_t bytes, int force);
void bk_progress_end(struct bk_progress *p, int64_t done, int64_t bytes);

/* Worker threads the coordinator waits for. It wakes as soon as the last
 * one ends (a phase of tiny work items must not pay a fixed sleep), and
 * calls tick about every 100 ms meanwhile (progress line). */
struct bk_waiter {
	pthread_mutex_t m;
	pthread_cond_t cv;
	int running;
};
void bk_waiter_init(struct bk_waiter *w);
void bk_waiter_destroy(struct bk_waiter *w);
/* pthread_create through the waiter: counts the worker as running. */
int bk_waiter_start(struct bk_waiter *w, pthread_t *th, void *(*fn)(void *), void *arg);
void bk_waiter_leave(struct bk_waiter *w); /* last call of a worker */
void bk_waiter_wait(struct bk_waiter *w, void (*tick)(void *), void *ctx);
#endif
