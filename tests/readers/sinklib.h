/* A recording dump sink for the reader tests: counts tables, rows, indexes
 * and notices, and keeps full copies of the rows of one chosen table so a
 * test can check decoded values byte for byte. */
#ifndef LR_TEST_SINKLIB_H
#define LR_TEST_SINKLIB_H
#include "testlib.h"
#include "dump/reader.h"
#include "dump/input.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct cap_val {
	enum db_kind kind;
	int64_t i;
	double r;
	char *s;
	size_t len;
};

struct cap_row {
	char *table;
	char *cols;   /* the statement's column list "a,b" or "" (declared order) */
	struct cap_val *v;
	int n;
	uint64_t line;
};

struct ts_table {
	char *name;
	int ncols, npk;
	char *cols;   /* "name:kind:notnull," ... */
	char *pk;     /* "a,b" */
	int64_t rows;
};

struct tsink {
	struct dump_sink sink;
	struct ts_table *t;
	size_t nt, capt;
	int nindexes, nunique;
	int nnotices;
	int nprogress;
	int row_before_table; /* rows for a table not announced yet */
	const char *capture;  /* keep the rows of this table (case-insensitive; "*": all) */
	struct cap_row *rows;
	size_t nrows, caprows;
	struct strbuf notices;  /* one per line: "line: msg" */
	struct strbuf indexes;  /* one per line: "table name unique cols" */
};

static inline struct ts_table *ts_find(struct tsink *ts, const char *name)
{
	for (size_t i = 0; i < ts->nt; i++)
		if (!strcasecmp(ts->t[i].name, name))
			return &ts->t[i];
	return NULL;
}

static inline int64_t ts_rows(struct tsink *ts, const char *name)
{
	struct ts_table *t = ts_find(ts, name);
	return t ? t->rows : -1;
}

static inline int ts_table_cb(void *ctx, const struct dump_table *t, struct lr_err *err)
{
	(void)err;
	struct tsink *ts = ctx;
	XGROW(ts->t, ts->capt, ts->nt + 1);
	struct ts_table *x = &ts->t[ts->nt++];
	memset(x, 0, sizeof *x);
	x->name = xstrdup(t->name);
	x->ncols = t->ncols;
	x->npk = t->npk;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < t->ncols; i++)
		strbuf_addf(&sb, "%s:%s:%s%s,", t->cols[i].name, db_kind_name(t->cols[i].kind),
			    t->cols[i].decl, t->cols[i].notnull ? ":nn" : "");
	x->cols = strbuf_detach(&sb, NULL);
	for (int i = 0; i < t->npk; i++)
		strbuf_addf(&sb, "%s%s", i ? "," : "", t->pk[i]);
	x->pk = strbuf_detach(&sb, NULL);
	return 0;
}

static inline int ts_row_cb(void *ctx, const char *table, const char *const *colnames, int nvals,
			    const struct db_value *vals, const struct dump_loc *loc, struct lr_err *err)
{
	(void)err;
	struct tsink *ts = ctx;
	struct ts_table *t = ts_find(ts, table);
	if (!t) {
		ts->row_before_table++;
		return 0;
	}
	t->rows++;
	if (!ts->capture || (strcmp(ts->capture, "*") && strcasecmp(ts->capture, table)))
		return 0;
	XGROW(ts->rows, ts->caprows, ts->nrows + 1);
	struct cap_row *r = &ts->rows[ts->nrows++];
	r->n = nvals;
	r->line = loc->line;
	r->table = xstrdup(table);
	r->v = xcalloc((size_t)nvals + 1, sizeof *r->v);
	for (int i = 0; i < nvals; i++) {
		r->v[i].kind = vals[i].kind;
		r->v[i].i = vals[i].i;
		r->v[i].r = vals[i].r;
		if (vals[i].s) {
			r->v[i].s = xmalloc(vals[i].len + 1);
			memcpy(r->v[i].s, vals[i].s, vals[i].len);
			r->v[i].s[vals[i].len] = '\0';
			r->v[i].len = vals[i].len;
		}
	}
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; colnames && i < nvals; i++)
		strbuf_addf(&sb, "%s%s", i ? "," : "", colnames[i]);
	r->cols = xstrdup(strbuf_str(&sb));
	strbuf_release(&sb);
	return 0;
}

static inline int ts_index_cb(void *ctx, const struct dump_index *ix, struct lr_err *err)
{
	(void)err;
	struct tsink *ts = ctx;
	ts->nindexes++;
	ts->nunique += ix->unique ? 1 : 0;
	strbuf_addf(&ts->indexes, "%s %s %d ", ix->table, ix->name, ix->unique);
	for (int i = 0; i < ix->ncols; i++)
		strbuf_addf(&ts->indexes, "%s%s", i ? "," : "", ix->cols[i]);
	strbuf_addch(&ts->indexes, '\n');
	return 0;
}

static inline void ts_notice_cb(void *ctx, const struct dump_loc *loc, const char *msg)
{
	struct tsink *ts = ctx;
	ts->nnotices++;
	strbuf_addf(&ts->notices, "%llu: %s\n", (unsigned long long)loc->line, msg);
}

static inline void ts_progress_cb(void *ctx, uint64_t raw, uint64_t total)
{
	(void)raw;
	(void)total;
	((struct tsink *)ctx)->nprogress++;
}

static inline void ts_init(struct tsink *ts, const char *capture)
{
	memset(ts, 0, sizeof *ts);
	ts->sink.ctx = ts;
	ts->sink.table = ts_table_cb;
	ts->sink.row = ts_row_cb;
	ts->sink.index = ts_index_cb;
	ts->sink.notice = ts_notice_cb;
	ts->sink.progress = ts_progress_cb;
	ts->capture = capture;
	strbuf_init(&ts->notices, 0);
	strbuf_init(&ts->indexes, 0);
}

static inline void ts_release(struct tsink *ts)
{
	for (size_t i = 0; i < ts->nt; i++) {
		free(ts->t[i].name);
		free(ts->t[i].cols);
		free(ts->t[i].pk);
	}
	free(ts->t);
	for (size_t i = 0; i < ts->nrows; i++) {
		for (int k = 0; k < ts->rows[i].n; k++)
			free(ts->rows[i].v[k].s);
		free(ts->rows[i].v);
		free(ts->rows[i].table);
		free(ts->rows[i].cols);
	}
	free(ts->rows);
	strbuf_release(&ts->notices);
	strbuf_release(&ts->indexes);
	memset(ts, 0, sizeof *ts);
}

/* Read path with reader into ts; returns the reader's result (err set on -1). */
static inline int ts_read(const struct dump_reader *rd, const char *path, struct tsink *ts,
			  struct lr_err *err)
{
	struct input *in = NULL;
	if (input_open(path, &in, err) < 0)
		return -1;
	int rc = rd->read(in, &ts->sink, err);
	input_close(in);
	return rc;
}

/* Write text to a file in the test's temp dir; returns the path (static). */
static inline const char *ts_write(const char *name, const char *text, size_t len)
{
	static char path[4200];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Captured row whose column col has text value s (first match), or NULL. */
static inline struct cap_row *ts_row_where(struct tsink *ts, int col, const char *s)
{
	for (size_t i = 0; i < ts->nrows; i++)
		if (col < ts->rows[i].n && ts->rows[i].v[col].s && !strcmp(ts->rows[i].v[col].s, s))
			return &ts->rows[i];
	return NULL;
}

/* Captured row of table (NULL: any) whose column col is the integer v. */
static inline struct cap_row *ts_row_of(struct tsink *ts, const char *table, int col, int64_t v)
{
	for (size_t i = 0; i < ts->nrows; i++)
		if ((!table || !strcmp(ts->rows[i].table, table)) && col < ts->rows[i].n &&
		    ts->rows[i].v[col].kind == DB_INT && ts->rows[i].v[col].i == v)
			return &ts->rows[i];
	return NULL;
}

static inline struct cap_row *ts_row_where_int(struct tsink *ts, int col, int64_t v)
{
	return ts_row_of(ts, NULL, col, v);
}
#endif
