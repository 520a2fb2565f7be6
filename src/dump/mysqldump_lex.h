/* Private to the mysqldump reader: a streaming lexer over a sliding window
 * of the decompressed input. Nothing is ever held beyond the current token
 * (string values are unescaped into the caller's buffer as they are read),
 * so memory is bounded by the largest single value, not the file.
 * Lines and columns are tracked exactly for error messages. */
#ifndef LR_DUMP_MYSQLDUMP_LEX_H
#define LR_DUMP_MYSQLDUMP_LEX_H
#include "reader.h"

enum mtok {
	MT_EOF = 0,
	MT_WORD,    /* bare word: keyword or identifier (text as written) */
	MT_QIDENT,  /* `quoted identifier` (unquoted text) */
	MT_STR,     /* 'string' or "string" (unescaped bytes) */
	MT_NUM,     /* number literal text */
	MT_HEX,     /* X'..' or 0x..: decoded bytes */
	MT_BIT,     /* b'..' or 0b..: value in ival */
	MT_PUNCT,   /* any other single byte, in ch */
};

struct mtoken {
	enum mtok type;
	int ch;
	struct strbuf text;
	int64_t ival;
	int hi;          /* MT_STR: some byte >= 0x80 */
	uint64_t line, col;
};

struct mlex {
	struct input *in;
	const char *file;
	struct dump_sink *sink;
	struct lr_err *err;
	char *buf;
	size_t cap;
	char *p, *end;        /* unread bytes: [p, end) */
	int eof;
	uint64_t base;        /* absolute offset of buf[0] */
	uint64_t line;        /* current line, 1-based */
	uint64_t line_start;  /* absolute offset of the current line's first byte */
	int in_cond;          /* inside an executable comment (slash-star-bang) */
	int backslash;        /* backslash escapes on (not NO_BACKSLASH_ESCAPES) */
	uint64_t last_progress;
};

void mlex_init(struct mlex *lx, struct input *in, struct dump_sink *sink, struct lr_err *err);
void mlex_release(struct mlex *lx);
/* Make at least n bytes available at p unless the input ends first.
 * Returns the bytes available, -1 on input error. */
long mlex_need(struct mlex *lx, size_t n);
/* Skip blanks and comments; returns the next byte (not consumed), -1 at
 * the end, -2 on error. */
int mlex_skip_ws(struct mlex *lx);
/* Next token (after blanks/comments). Returns 0 or -1 on error. */
int mlex_token(struct mlex *lx, struct mtoken *t);
/* Read a quoted string whose opening quote is at p, appending its unescaped
 * bytes to out. *hi set if any byte >= 0x80. 0 ok, -1 error (unterminated). */
int mlex_string(struct mlex *lx, struct strbuf *out, int *hi);
/* Number at p appended to out (as written). */
int mlex_number(struct mlex *lx, struct strbuf *out);
/* Bare word at p appended to out. */
int mlex_word(struct mlex *lx, struct strbuf *out);
/* X'..' / 0x.. / b'..' / 0b.. at p: bytes to out (hex) or value (bit). */
int mlex_hex(struct mlex *lx, struct strbuf *out);
int mlex_bit(struct mlex *lx, int64_t *val);
/* Skip the rest of the current statement, through its ';'. Returns 0, 1 if
 * the input ended first (the caller reports where the statement began), -1. */
int mlex_skip_stmt(struct mlex *lx);
/* Skip raw text to ';' or the end of the line (client-side statements like
 * USE, and lines holding unfilled ##placeholders## where '#' must not start
 * a comment); the skipped text goes to out. */
int mlex_skip_line_stmt(struct mlex *lx, struct strbuf *out);
/* Read the rest of the line (consuming the newline) into out. 1 ok, 0 at end. */
int mlex_line(struct mlex *lx, struct strbuf *out);
/* Current position, and an error there: "file:line:col: msg". */
void mlex_loc(const struct mlex *lx, struct dump_loc *loc);
int mlex_fail(struct mlex *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int mlex_fail_at(struct mlex *lx, uint64_t line, uint64_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* mlex_skip_ws with the common case (a byte that starts no blank or
 * comment) inline: the row parser calls it around every value. */
static inline int mlex_peek(struct mlex *lx)
{
	if (lx->p < lx->end) {
		unsigned char c = (unsigned char)*lx->p;
		if (c > ' ' && c != '#' && c != '-' && c != '/' && c != '*')
			return c;
	}
	return mlex_skip_ws(lx);
}

/* mlex_need with the common case inline. */
static inline long mlex_ensure(struct mlex *lx, size_t n)
{
	if ((size_t)(lx->end - lx->p) >= n)
		return (long)(lx->end - lx->p);
	return mlex_need(lx, n);
}

/* Current column of p. */
static inline uint64_t mlex_col(const struct mlex *lx)
{
	return lx->base + (uint64_t)(lx->p - lx->buf) - lx->line_start + 1;
}
#endif
