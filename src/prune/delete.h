/* Journaled, batched deletion: the only way lrprep removes rows.
 * For each batch: select the rows, write them to the journal (sealed and
 * fsync'd), delete them by primary key in one transaction, check the count,
 * commit, mark the batch done. Batch size adapts to keep each transaction
 * short (time) and each journal batch bounded (bytes). */
#ifndef LR_PRUNE_DELETE_H
#define LR_PRUNE_DELETE_H
#include "../db/db.h"
#include "journal.h"

struct delete_opts {
	int batch_rows;      /* starting batch size (default 1000) */
	int max_batch_rows;  /* ceiling (default 50000) */
	size_t max_bytes;    /* journal bytes per batch before shrinking (default 64 MiB) */
	int fixed;           /* keep batch_rows: no adapting (an explicit --batch) */
	/* Test hook: LRPREP_TEST_CRASH_AT=N kills the process (SIGKILL) at the
	 * N-th crash point (after a seal, after a delete, after a commit). */
};

/* Delete the rows of `table` matching `where` (an SQL predicate with `?`
 * parameters, over the table's own columns, unqualified or as t.col;
 * NULL = every row).
 * *deleted receives the rows removed. The table name is resolved through
 * the catalog. A table that does not exist deletes nothing. */
int prune_delete_where(struct db *db, struct journal *j, const char *table, const char *where,
		       const struct db_value *params, int nparams, const struct delete_opts *o,
		       int64_t *deleted, struct lr_err *err);

/* Delete the rows of `table` whose single-column primary key is in keytab
 * (a table with one unique column k0, e.g. the cascade's doomed set), in
 * key order, each batch found by keyset pagination: the cost of a batch
 * does not grow with the rows already removed. */
int prune_delete_keyed(struct db *db, struct journal *j, const char *table, const char *keytab,
		       const struct delete_opts *o, int64_t *deleted, struct lr_err *err);

/* Crash-point hook shared by prune and backup tests (see above). */
void prune_crash_point(void);
#endif
