/* Row pipe of the sample writer on SQLite: the generator serializes rows into
 * blocks and a second thread inserts them, so generating and inserting run on
 * two cores. The thread owns the db (and one loader per table) from
 * pipe_start() until pipe_finish() returns. Private to src/sample. */
#ifndef LR_SAMPLE_PIPE_H
#define LR_SAMPLE_PIPE_H
#include "../db/db.h"

/* A row serialized (also the buffered server writer's form): per column a
 * kind byte and its payload, 8 bytes for integers and reals, a u32 length
 * and the bytes for text. row_get's text points into s. */
size_t row_size(const struct db_value *v, int n);
char *row_put(char *s, const struct db_value *v, int n);      /* returns the end */
const char *row_get(const char *s, struct db_value *v, int n); /* returns the end */

struct pipe;

/* Start the inserting thread for ntables tables named names[i] with ncols[i]
 * columns colnames[i] (all borrowed until pipe_finish). */
struct pipe *pipe_start(struct db *db, int ntables, const char *const *names,
			const char *const *const *colnames, const int *ncols);
/* Queue one row of table t (values copied). -1 once the thread has failed. */
int pipe_row(struct pipe *p, int t, const struct db_value *vals);
/* Insert what is queued, stop the thread, end every loader (commit = keep
 * rows) and free p. -1 with err set if any insert failed. */
int pipe_finish(struct pipe *p, int commit, struct lr_err *err);
#endif
