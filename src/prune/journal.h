/* The prune journal: nothing lost. Before a batch of rows is deleted, the
 * rows are written here (table, column names, kinds and values; zstd
 * compressed; SHA-256 checksummed; fsync'd and renamed into place). Files are
 * moved into the journal, never deleted. `undo` replays it idempotently from
 * whatever state a crash left.
 *
 * Layout of a journal directory (mode 0700, files 0600):
 *   meta.json                 who/what/when (no passwords), written first
 *   batch-NNNNNN.rows.zst     one sealed batch: header, rows, trailer
 *   batch-NNNNNN.done         the batch's delete transaction committed
 *   files.tsv                 one line per moved file: seq, original path, stored name
 *   files/NNNNNN              the moved files
 * A `.tmp` file is an unsealed batch: its delete never ran, undo ignores it.
 * Format details: docs/journal.md. */
#ifndef LR_PRUNE_JOURNAL_H
#define LR_PRUNE_JOURNAL_H
#include <jansson.h>
#include "../db/db.h"

struct journal;
struct journal_batch;

/* Create a new journal in dir (created; must not exist or be empty). meta is
 * stored as meta.json (borrowed). */
int journal_create(const char *dir, const json_t *meta, struct journal **out, struct lr_err *err);
/* Open an existing journal for undo. */
int journal_open(const char *dir, struct journal **out, struct lr_err *err);
void journal_close(struct journal *j);
const char *journal_dir(const struct journal *j);
json_t *journal_meta(struct journal *j); /* borrowed; NULL if unreadable */

/* Start batch for `table` whose columns (in this order) are t->cols. */
int journal_batch_begin(struct journal *j, const struct db_table *t, struct journal_batch **out,
			struct lr_err *err);
/* Append one row: vals[i] is the value of t->cols[i]. */
int journal_batch_row(struct journal_batch *b, const struct db_value *vals, struct lr_err *err);
/* Seal: trailer with count + SHA-256, fsync, rename into place, fsync dir.
 * Returns the batch number in *no. Frees b (also on error). */
int journal_batch_seal(struct journal_batch *b, int *no, struct lr_err *err);
void journal_batch_abort(struct journal_batch *b); /* discard an unsealed batch */
/* Record that batch `no` committed in the database (fsync'd marker). */
int journal_batch_done(struct journal *j, int no, struct lr_err *err);

/* Move a file into the journal (intent logged and fsync'd before the move).
 * A missing file is not an error: returns 1. */
int journal_move_file(struct journal *j, const char *path, struct lr_err *err);
/* Move a file; across file systems copy it durably, then unlink. */
int journal_move(const char *from, const char *to, struct lr_err *err);

struct undo_stats {
	int batches;       /* sealed batches replayed */
	int64_t rows;      /* rows put back */
	int files;         /* files moved back */
	int skipped_tmp;   /* unsealed batches ignored */
};

/* Put back every sealed batch (newest first) and every moved file.
 * Idempotent: rows are replaced by primary key (or by all columns for a
 * table without one), files moved back only where the original is absent. */
int journal_undo(struct journal *j, struct db *db, struct undo_stats *st, struct lr_err *err);

/* Read a sealed batch (for dry runs, reports, tests): calls fn per row, then
 * once more with vals NULL at the end of the batch. The db_table passed to fn
 * describes the journaled columns and is valid only during the call. */
typedef int (*journal_row_fn)(void *ctx, const struct db_table *t, const struct db_value *vals,
			      struct lr_err *err);
int journal_read_batch(struct journal *j, int no, journal_row_fn fn, void *ctx, struct lr_err *err);
/* Highest sealed batch number (0 if none). */
int journal_last_batch(struct journal *j);
#endif
