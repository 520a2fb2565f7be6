/* Shared scanning helpers of the pg_dump and HSQLDB readers (dumpscan.c): a
 * buffered line reader over struct input (with line numbers and progress), a
 * small SQL tokenizer, the conversion of dump literals to the canonical values
 * of db.h, and table definitions with the CREATE TABLE element parser. */
#ifndef LR_DUMP_DUMPSCAN_H
#define LR_DUMP_DUMPSCAN_H
#include "reader.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One statement (HSQLDB: one line) must fit in memory; beyond this the input
 * is treated as garbage rather than exhausting memory. */
#define DS_MAX_LINE ((size_t)512 << 20)
#define DS_BUFSZ 65536
#define DS_PROGRESS_STEP ((uint64_t)1 << 20)

struct dscan {
	struct input *in;
	struct dump_sink *sink;
	const char *file;
	char *buf;
	size_t pos, end;
	int eof;
	uint64_t lineno;        /* line number of the line in `line` */
	uint64_t consumed;      /* decompressed bytes handed out */
	uint64_t next_progress;
	struct strbuf line;     /* current line, without its '\n' (nor '\r' if strip_cr) */
	int strip_cr;           /* CRLF files: drop a '\r' before the '\n' */
};

void ds_init(struct dscan *ds, struct input *in, struct dump_sink *sink);
void ds_release(struct dscan *ds);
int ds_failv(struct lr_err *err, const char *file, uint64_t line, uint64_t col,
	     const char *fmt, va_list ap);

/* "file:line:col: what" with LR_EXIT_INPUT; col is 1-based. */
int ds_fail(struct lr_err *err, const char *file, uint64_t line, uint64_t col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

void ds_notice(struct dscan *ds, uint64_t line, uint64_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Read the next line into ds->line. 1: a line, 0: end of input, -1: error. */
int ds_getline(struct dscan *ds, struct lr_err *err);

/* --- UTF-8 -------------------------------------------------------------- */

void ds_utf8_put(struct strbuf *sb, uint32_t cp);

static inline int ds_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* --- tokenizer ----------------------------------------------------------- */

enum ds_tok_kind {
	DT_END = 0,
	DT_WORD,    /* unquoted identifier or keyword */
	DT_QIDENT,  /* "quoted identifier" (p/n include the quotes) */
	DT_STRING,  /* '...' or E'...' (p/n include prefix and quotes) */
	DT_DOLLAR,  /* $tag$...$tag$ */
	DT_NUMBER,
	DT_PUNCT,   /* one char, or "::" */
	DT_BAD,     /* unterminated quote */
};

struct ds_tok {
	enum ds_tok_kind k;
	const char *p;
	size_t n;
	size_t off;  /* offset in the statement */
	int estr;    /* DT_STRING: backslash escapes apply */
};

struct ds_lex {
	const char *s;
	size_t n, i;
	int backslash_strings; /* plain '...' strings take backslash escapes */
	int hsqldb;            /* no E'', no $$, no comments inside lines */
};

static inline int ds_identch(int c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

struct ds_tok ds_lex_next(struct ds_lex *lx);
struct ds_tok ds_lex_peek(struct ds_lex *lx);

static inline int ds_tok_is(const struct ds_tok *t, const char *word)
{
	size_t wl = strlen(word);
	return (t->k == DT_WORD || t->k == DT_PUNCT) && t->n == wl && !strncasecmp(t->p, word, wl);
}

static inline int ds_tok_ispunct(const struct ds_tok *t, char c)
{
	return t->k == DT_PUNCT && t->n == 1 && t->p[0] == c;
}

/* Identifier text: "quoted" unquoted ("" -> "), plain words as written
 * (fold: 1 lower-case, as PostgreSQL does; 0 keep). */
char *ds_tok_ident(const struct ds_tok *t, int fold);

static inline int ds_tok_isname(const struct ds_tok *t)
{
	return t->k == DT_WORD || t->k == DT_QIDENT;
}

/* 1-based line and column of offset off in a statement that started at
 * line `line0`, column 1. */
void ds_pos(const char *s, size_t off, uint64_t line0, uint64_t *line, uint64_t *col);

/* --- values --------------------------------------------------------------- */

/* A row under construction: value bytes are appended to `raw` (decoded
 * literals) and `conv` (converted forms); offsets are turned into pointers
 * only once the row is complete, since both buffers may move while growing. */
struct ds_row {
	struct db_value *vals;
	size_t *off;      /* offset of value i in raw (or conv, see inconv) */
	char *inconv;
	int n, cap;
	struct strbuf raw, conv;
};

void ds_row_reset(struct ds_row *r);
void ds_row_release(struct ds_row *r);

/* Start value n (appended at the end); its bytes go to r->raw from now on. */
struct db_value *ds_row_add(struct ds_row *r, enum db_kind kind);

/* Close the current (last) value: its length is what was appended to raw. */
void ds_row_endval(struct ds_row *r);
void ds_row_finish(struct ds_row *r);

/* Canonical date 'YYYY-MM-DD HH:MM:SS[.f]' (trailing fractional zeros
 * dropped, a date alone gets 00:00:00) into sb. 0 ok, -1 not that shape. */
int ds_date_canon(const char *s, size_t n, struct strbuf *sb);
int ds_parse_int(const char *s, size_t n, int64_t *out);
int ds_parse_real(const char *s, size_t n, double *out);

/* An exact decimal literal: [+-]digits[.digits][e[+-]digits] */
int ds_is_decimal(const char *s, size_t n);
int ds_parse_bool(const char *s, size_t n, int64_t *out);

/* Convert the last value of r (text bytes in raw, kind = the column kind)
 * into the canonical value. The caller has already decoded the literal; BLOB
 * decoding is the caller's (dialect-specific). Returns NULL on success or a
 * short reason. */
const char *ds_row_convert(struct ds_row *r, enum db_kind kind);

/* --- table definitions ------------------------------------------------------ */

struct ds_index {
	char *name;
	char **cols;
	int ncols;
	int unique;
};

struct ds_table {
	char *name;                /* unqualified, as emitted */
	struct dump_column *cols;  /* name/decl owned (cast away const to free) */
	int ncols, capcols;
	char **pk;
	int npk;
	int skip;                  /* not ours (other schema): rows are skipped */
	int emitted;               /* table event sent */
	int flags;                 /* reader-specific */
	int64_t rows;
	uint64_t line;             /* where it was declared */
	struct ds_index *ix;       /* indexes waiting for the table event */
	int nix;
};

struct ds_tables {
	struct ds_table **t;
	size_t n, cap;
	struct ds_table *last;     /* rows come grouped by table: cache the lookup */
};

void ds_index_free(struct ds_index *ix);
void ds_table_free(struct ds_table *t);
void ds_tables_release(struct ds_tables *ts);

/* Exact name first, then case-insensitive (unquoted names fold). */
struct ds_table *ds_tables_find(struct ds_tables *ts, const char *name);

/* Takes ownership of name. A redefinition replaces the old one. */
struct ds_table *ds_tables_add(struct ds_tables *ts, char *name);

/* Takes ownership of name and decl. */
struct dump_column *ds_table_addcol(struct ds_table *t, char *name, char *decl);
int ds_table_colidx(const struct ds_table *t, const char *name);
void ds_table_addpk(struct ds_table *t, const char *col);
int ds_emit_table(struct dump_sink *sink, struct ds_table *t, struct lr_err *err);
int ds_emit_index(struct dump_sink *sink, const char *table, const struct ds_index *ix,
		  struct lr_err *err);

/* --- CREATE TABLE body ------------------------------------------------------ */

/* Skip to the ',' or ')' that ends a table element; returns that token.
 * Notes NOT NULL and PRIMARY KEY met on the way (column attributes). */
struct ds_tok ds_skip_element(struct ds_lex *lx, int *notnull, int *pk);

/* Text from `from` to `to` with whitespace runs collapsed to one space. */
char *ds_span(const char *s, size_t from, size_t to);

/* ( name [ASC|DESC], ... ) into ix->cols; -1 on a malformed list. */
int ds_collist(struct ds_lex *lx, struct ds_index *ix, int fold);

/* The element list of CREATE TABLE after its '(' up to the matching ')':
 * columns (type as written, NOT NULL, inline PRIMARY KEY), table PRIMARY KEY
 * and UNIQUE constraints (UNIQUE ones appended to *uix as unique indexes);
 * FOREIGN KEY/CHECK/EXCLUDE/LIKE elements are skipped. On error returns -1
 * with *erroff and *why set. */
int ds_table_body(struct ds_lex *lx, struct ds_table *t, int fold,
		  struct ds_index **uix, int *nuix, size_t *erroff, const char **why);
#endif
