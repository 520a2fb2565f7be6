/* Dump readers turn a backup dump into a stream of events for a sink:
 * a table definition, then its rows, and the indexes (which the sink creates
 * after the data). One file per reader: mysqldump.c, pgdump.c, hsqldb.c.
 *
 * Readers stream: they never hold more than one statement/row in memory
 * (plus bounded buffers). Every parse error names file, line and column. */
#ifndef LR_DUMP_READER_H
#define LR_DUMP_READER_H
#include "../db/db.h"
#include "input.h"

struct dump_loc {
	const char *file;
	uint64_t line;    /* 1-based */
	uint64_t col;     /* 1-based, in bytes */
};

struct dump_column {
	const char *name;
	const char *decl;     /* declared type as written in the dump ("bigint(20)") */
	enum db_kind kind;    /* db_kind_from_decl(decl) */
	int notnull;
	const char *charset;  /* column charset if declared, else NULL */
};

struct dump_table {
	const char *name;        /* as written in the dump, unquoted */
	struct dump_column *cols;
	int ncols;
	const char **pk;         /* primary key column names, in key order */
	int npk;
	const char *charset;     /* table default charset ("latin1", "utf8mb4") or NULL */
};

struct dump_index {
	const char *table;
	const char *name;
	const char **cols;
	int ncols;
	int unique;
};

/* Values in row events are already converted to UTF-8 (for text) and to the
 * canonical forms of db.h (dates 'YYYY-MM-DD HH:MM:SS[.ffffff]', bools 0/1,
 * blobs byte-exact). Pointers are valid only during the callback. */
struct dump_sink {
	void *ctx;
	int (*table)(void *ctx, const struct dump_table *t, struct lr_err *err);
	/* ncols/colnames: the column list of the INSERT/COPY (NULL names = the
	 * table's declared order). */
	int (*row)(void *ctx, const char *table, const char *const *colnames, int nvals,
		   const struct db_value *vals, const struct dump_loc *loc, struct lr_err *err);
	int (*index)(void *ctx, const struct dump_index *ix, struct lr_err *err);
	/* Something skipped or worth telling (CREATE DATABASE, GRANT, ##dbname##). */
	void (*notice)(void *ctx, const struct dump_loc *loc, const char *msg);
	/* Called now and then with input progress, for progress bars. */
	void (*progress)(void *ctx, uint64_t raw_bytes, uint64_t raw_total);
};

struct dump_reader {
	const char *name;  /* "mysqldump", "pg_dump", "hsqldb" */
	/* Score 0..100 how much the first bytes look like this format. */
	int (*sniff)(const char *head, size_t n);
	/* Parse all of in; errors: LR_EXIT_INPUT with "file:line:col: what". */
	int (*read)(struct input *in, struct dump_sink *sink, struct lr_err *err);
};

extern const struct dump_reader dump_reader_mysqldump;
extern const struct dump_reader dump_reader_pgdump;
extern const struct dump_reader dump_reader_hsqldb;

/* Pick the reader for a file by sniffing its first decompressed bytes;
 * NULL name means auto. Errors: LR_EXIT_INPUT ("not a dump lrprep can read"). */
const struct dump_reader *dump_reader_find(const char *name);
#endif
