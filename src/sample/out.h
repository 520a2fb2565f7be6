/* Row builder for the sample generator: rows are filled by column name (the
 * generator is version-agnostic: a column the version lacks is ignored, a
 * table it lacks is NULL and every call on it is a no-op), unset columns
 * get the value Liferay would write (0, '' or NULL dates), and rows go to
 * the database through the bulk loader: directly on SQLite (one transaction,
 * one loader per table), through a second inserting thread on SQLite
 * (pipe.h), buffered per table on servers (one COPY/multi-row insert at a
 * time), or nowhere when only counting. */
#ifndef LR_SAMPLE_OUT_H
#define LR_SAMPLE_OUT_H
#include "schema.h"
#include "../util/strbuf.h"
#include <stdint.h>

enum out_mode { OUT_COUNT = 0, OUT_DIRECT, OUT_BUFFERED, OUT_PIPE };

struct otab;
struct pipe;

struct out {
	struct db *db;
	enum out_mode mode;
	const struct sample_schema *schema;
	struct otab *tabs;
	int ntabs;
	struct pipe *pipe;   /* OUT_PIPE: the inserting thread */
	const char **pnames; /* OUT_PIPE: table names, column lists and widths */
	const char *const **pcols;
	int *pncols;
	int64_t total;       /* rows emitted */
	struct lr_err err;   /* first failure; later calls are no-ops */
	int failed;
};

void out_init(struct out *o, struct db *db, enum out_mode mode, const struct sample_schema *s);
/* Flush and close every loader (commit = 1) or drop them. */
int out_finish(struct out *o, struct lr_err *err);
void out_release(struct out *o);

struct otab *out_table(struct out *o, const char *name); /* NULL if absent in this version */
int out_has_col(const struct otab *t, const char *col);
int64_t out_rows(const struct otab *t);
const char *out_name(const struct otab *t);

void row(struct otab *t);                               /* start a row */
void si(struct otab *t, const char *col, int64_t v);    /* integer / boolean */
void sr(struct otab *t, const char *col, double v);     /* double */
void ss(struct otab *t, const char *col, const char *s); /* text; NULL -> NULL */
void sf(struct otab *t, const char *col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));           /* formatted text */
void sd(struct otab *t, const char *col, int64_t epoch); /* datetime; <0 -> NULL */
void sn(struct otab *t, const char *col);               /* SQL NULL */
void emit(struct otab *t);                              /* write the row */

/* 'YYYY-MM-DD HH:MM:SS' (UTC) of epoch seconds into buf[20]. */
void out_fmt_date(int64_t epoch, char *buf);
#endif
