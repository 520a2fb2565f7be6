/* Rows of database values kept after the cursor that produced them is gone
 * (a batch's keys until its DELETE, a journal chunk until its INSERT): the
 * values are copied, text and blob bytes into blocks this owns, and all of
 * it is let go at once. */
#ifndef LR_PRUNE_VALROWS_H
#define LR_PRUNE_VALROWS_H
#include "../db/db.h"

struct valrows {
	struct db_value *v;     /* nrows * width values, row by row */
	int width, nrows, cap;
	struct valblock *bytes; /* the copied bytes (owned) */
};

void valrows_init(struct valrows *r, int width);
/* Append one row of width values (their bytes are copied, NUL-terminated). */
void valrows_add(struct valrows *r, const struct db_value *row);
/* No rows; the memory is kept for the next ones. */
void valrows_clear(struct valrows *r);
void valrows_free(struct valrows *r);
#endif
