/* Private to src/backup: the database part of a backup (snapshot, dump,
 * restore) and the SQL text it writes. */
#ifndef LR_BACKUP_DBPART_H
#define LR_BACKUP_DBPART_H
#include "backup.h"

/* One consistent snapshot shared by a coordinator and njobs workers. */
struct bk_snap {
	enum db_engine engine;
	struct db *coord;          /* schema, planning, store references */
	struct db **workers;       /* njobs connections in the same snapshot */
	int njobs;
	char *copy_path;           /* SQLite: the backup-API copy we read (owned) */
	char method[160];          /* how the snapshot was taken (manifest) */
	char server_version[128];
	char snapshot_time[32];    /* UTC ISO-8601 */
};

/* Open the snapshot. src: where to connect. tmpdir: SQLite copy location.
 * coord: a connection to src to reuse as the coordinator (taken over, may be
 * NULL); it must not be inside a transaction. */
int bk_snap_open(struct bk_snap *s, const struct db_conninfo *src, int jobs, const char *tmpdir,
		 struct db *coord, struct lr_err *err);
void bk_snap_close(struct bk_snap *s); /* ends the transactions, removes the copy */

/* Dump every table into DIR/GEN/{schema.sql.zst,data/,post.sql.zst}. Adds
 * one object per table to `tables` ({name, rows, checksum, files}) and one
 * entry per written file to `files`. */
int bk_dump(struct bk_snap *s, const char *dir, const char *gen, int progress, json_t *tables,
	    json_t *files, struct backup_stats *st, struct lr_err *err);

/* SQL text in the engine's own dialect. */
void bk_sql_header(enum db_engine e, struct strbuf *sb);
void bk_sql_footer(enum db_engine e, struct strbuf *sb);
void bk_sql_value(enum db_engine e, const struct db_value *v, struct strbuf *sb);
/* s (n bytes) as a quoted string literal of engine e (sqlquote.c). */
void bk_sql_quote(enum db_engine e, struct strbuf *sb, const char *s, size_t n);
/* CREATE TABLE of table (appended to create) and its secondary indexes
 * (appended to post, run after the data is loaded). */
int bk_sql_create(struct db *db, const char *table, struct strbuf *create, struct strbuf *post,
		  struct lr_err *err);

/* Restore a backup's dump into db (empty database of the same engine). */
int bk_restore(struct db *db, const char *dir, json_t *manifest, int progress, struct lr_err *err);
/* Split SQL text into statements: calls fn for each complete statement
 * (without the terminating ';'). Keeps the unfinished tail in buf. */
typedef int (*bk_stmt_fn)(void *ctx, const char *sql, size_t len, struct lr_err *err);
int bk_sql_split(enum db_engine e, struct strbuf *buf, int final, bk_stmt_fn fn, void *ctx,
		 struct lr_err *err);
#endif
