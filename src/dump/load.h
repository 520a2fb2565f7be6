/* The sink that writes a dump's events into a struct db: tables through
 * ddl.c in the target engine's types, rows through db_load_*, and the
 * indexes once all the data is in (building them at the end is several
 * times faster than maintaining them row by row). */
#ifndef LR_DUMP_LOAD_H
#define LR_DUMP_LOAD_H
#include "reader.h"

struct dump_load;

struct dump_load_stats {
	int tables;
	int64_t rows;
	int indexes;
	int notices;
};

/* Callbacks for the command: notices and progress (rows so far). */
struct dump_load_hooks {
	void *ctx;
	void (*notice)(void *ctx, const struct dump_loc *loc, const char *msg);
	void (*progress)(void *ctx, uint64_t raw_bytes, uint64_t raw_total, int64_t rows);
};

/* db must stay open until dump_load_free. For SQLite the whole load runs
 * in one transaction (the file is a fresh temp file: no journal needed). */
struct dump_load *dump_load_new(struct db *db, const struct dump_load_hooks *hooks);
/* Set fast pragmas on a new SQLite file (journal off, no fsync, big cache). */
int dump_load_sqlite_fast(struct db *db, struct lr_err *err);
/* The sink to give a reader; valid while l lives. */
struct dump_sink *dump_load_sink(struct dump_load *l);
/* After the reader succeeded: flush rows, create the indexes, commit. */
int dump_load_finish(struct dump_load *l, struct lr_err *err);
/* After a failure: roll back and drop the tables created on a server. */
void dump_load_abort(struct dump_load *l);
const struct dump_load_stats *dump_load_stats(const struct dump_load *l);
/* Was a table of this name (case-insensitive) created? */
int dump_load_has_table(const struct dump_load *l, const char *name);
void dump_load_free(struct dump_load *l);

/* The whole import into a new SQLite file: format NULL sniffs it; the file
 * is written as sqlite_path.tmp-XXXXXX and renamed to sqlite_path only on
 * success, so a failure leaves nothing behind. If is_liferay is not NULL it
 * receives whether the Liferay core tables (Release_, Group_, Company,
 * User_) were created, and a copy that is not Liferay is not kept (nothing
 * renamed, returns 0 with *is_liferay = 0). stats may be NULL. */
int dump_import_sqlite(const char *dump, const char *format, const char *sqlite_path,
		       const struct dump_load_hooks *hooks, struct dump_load_stats *stats,
		       int *is_liferay, struct lr_err *err);
/* Does the set of imported tables look like a Liferay database? */
int dump_load_is_liferay(const struct dump_load *l);
#endif
