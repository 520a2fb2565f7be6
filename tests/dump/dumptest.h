/* Helpers for the dump tests: run the mysqldump reader on a snippet and
 * record what the sink receives, as text, to compare exactly. */
#ifndef LR_TESTS_DUMPTEST_H
#define LR_TESTS_DUMPTEST_H
#include "testlib.h"
#include "dump/reader.h"
#include "util/xalloc.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Writes bytes to a file in the test's temp dir; returns its path (static). */
static inline const char *dt_write(const char *name, const char *data, size_t n)
{
	static char path[4200];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
	return path;
}

struct dt_rec {
	struct strbuf log;  /* one line per event */
	int notices;
};

static inline void dt_val(struct strbuf *sb, const struct db_value *v)
{
	switch (v->kind) {
	case DB_NULL: strbuf_addstr(sb, "NULL"); break;
	case DB_INT: strbuf_addf(sb, "i:%" PRId64, v->i); break;
	case DB_BOOL: strbuf_addf(sb, "b:%" PRId64, v->i); break;
	case DB_REAL: strbuf_addf(sb, "r:%.17g", v->r); break;
	default: {
		const char *tag = v->kind == DB_DECIMAL ? "d" : v->kind == DB_DATE ? "t" : v->kind == DB_BLOB ? "x" : "s";
		strbuf_addf(sb, "%s:", tag);
		/* non-printable bytes as \xNN so expectations are exact */
		for (size_t i = 0; i < v->len; i++) {
			unsigned char c = (unsigned char)v->s[i];
			if (c < 0x20 || c == 0x7f || (v->kind == DB_BLOB && c >= 0x80))
				strbuf_addf(sb, "\\x%02x", c);
			else
				strbuf_addch(sb, (char)c);
		}
	}
	}
}

static int dt_table(void *ctx, const struct dump_table *t, struct lr_err *err)
{
	(void)err;
	struct dt_rec *r = ctx;
	strbuf_addf(&r->log, "table %s(", t->name);
	for (int i = 0; i < t->ncols; i++)
		strbuf_addf(&r->log, "%s%s %s%s%s%s", i ? "," : "", t->cols[i].name, t->cols[i].decl,
			    t->cols[i].notnull ? " nn" : "", t->cols[i].charset ? " cs=" : "",
			    t->cols[i].charset ? t->cols[i].charset : "");
	strbuf_addstr(&r->log, ") pk(");
	for (int i = 0; i < t->npk; i++)
		strbuf_addf(&r->log, "%s%s", i ? "," : "", t->pk[i]);
	strbuf_addf(&r->log, ") cs=%s\n", t->charset ? t->charset : "-");
	return 0;
}

static int dt_row(void *ctx, const char *table, const char *const *colnames, int nvals,
		  const struct db_value *vals, const struct dump_loc *loc, struct lr_err *err)
{
	(void)err;
	(void)loc;
	struct dt_rec *r = ctx;
	strbuf_addf(&r->log, "row %s", table);
	if (colnames) {
		strbuf_addch(&r->log, '(');
		for (int i = 0; i < nvals; i++)
			strbuf_addf(&r->log, "%s%s", i ? "," : "", colnames[i]);
		strbuf_addch(&r->log, ')');
	}
	for (int i = 0; i < nvals; i++) {
		strbuf_addch(&r->log, ' ');
		dt_val(&r->log, &vals[i]);
	}
	strbuf_addch(&r->log, '\n');
	return 0;
}

static int dt_index(void *ctx, const struct dump_index *ix, struct lr_err *err)
{
	(void)err;
	struct dt_rec *r = ctx;
	strbuf_addf(&r->log, "index %s %s%s(", ix->table, ix->name, ix->unique ? " unique" : "");
	for (int i = 0; i < ix->ncols; i++)
		strbuf_addf(&r->log, "%s%s", i ? "," : "", ix->cols[i]);
	strbuf_addstr(&r->log, ")\n");
	return 0;
}

static void dt_notice(void *ctx, const struct dump_loc *loc, const char *msg)
{
	struct dt_rec *r = ctx;
	r->notices++;
	strbuf_addf(&r->log, "notice %llu: %s\n", (unsigned long long)loc->line, msg);
}

/* Parse text with the named reader; returns the reader's result, log in rec. */
static inline int dt_parse(const char *reader, const char *text, size_t n, struct dt_rec *rec,
			   struct lr_err *err)
{
	const char *path = dt_write("snippet.sql", text, n);
	struct input *in = NULL;
	assert_int_equal(input_open(path, &in, err), 0);
	struct dump_sink sink = { rec, dt_table, dt_row, dt_index, dt_notice, NULL };
	const struct dump_reader *rd = dump_reader_find(reader);
	assert_non_null(rd);
	int rc = rd->read(in, &sink, err);
	input_close(in);
	return rc;
}

/* Parse and compare the whole log to expect. */
#define DT_EXPECT(text, expect)                                                        \
	do {                                                                               \
		struct dt_rec rec_ = { STRBUF_INIT, 0 };                                       \
		struct lr_err err_ = LR_ERR_INIT;                                              \
		int rc_ = dt_parse("mysqldump", text, sizeof(text) - 1, &rec_, &err_);        \
		if (rc_ != 0)                                                                  \
			fail_msg("parse failed: %s", err_.msg);                                    \
		assert_string_equal(strbuf_str(&rec_.log), expect);                            \
		strbuf_release(&rec_.log);                                                     \
	} while (0)

/* Parse, expect failure with exactly this message (after "path:"). */
#define DT_FAILS(text, want)                                                            \
	do {                                                                               \
		struct dt_rec rec_ = { STRBUF_INIT, 0 };                                       \
		struct lr_err err_ = LR_ERR_INIT;                                              \
		int rc_ = dt_parse("mysqldump", text, sizeof(text) - 1, &rec_, &err_);        \
		assert_int_equal(rc_, -1);                                                     \
		assert_int_equal(err_.code, LR_EXIT_INPUT);                                    \
		const char *m_ = strstr(err_.msg, "snippet.sql:");                             \
		assert_non_null(m_);                                                           \
		assert_string_equal(m_ + strlen("snippet.sql:"), want);                         \
		strbuf_release(&rec_.log);                                                     \
	} while (0)
#endif
