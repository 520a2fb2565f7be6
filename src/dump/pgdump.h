/* Private to the pg_dump reader: pgdump.c cuts statements and reads the DDL,
 * pgdump_data.c reads the rows (COPY blocks and INSERT statements). */
#ifndef LR_DUMP_PGDUMP_H
#define LR_DUMP_PGDUMP_H
#include "dumpscan.h"

enum { ST_NORMAL, ST_SQ, ST_DQ, ST_DOLLAR, ST_BLOCK };

struct pg {
	struct dscan ds;
	struct dump_sink *sink;
	struct ds_tables tables;
	struct ds_row row;
	int scs;          /* standard_conforming_strings */
	int latin1;       /* client_encoding LATIN1: convert text to UTF-8 */
	char *path0;      /* first schema of search_path, NULL when '' */
	char *target;     /* the schema we read, fixed at the first CREATE TABLE */
	/* the statement being cut */
	struct strbuf stmt;
	int has_content;
	uint64_t stmt_line, stmt_col;
	int st, sq_bs, depth;
	struct strbuf dtag;
	/* COPY mode */
	struct ds_table *copy_t;  /* NULL with copy_skip: rows of a table we skip */
	int copy_skip, in_copy;
	int *copy_map;            /* column index of each COPY field */
	char **copy_cols;
	int copy_n;
	uint64_t copy_line;
};

/* pgdump.c */
/* Error at offset off of the current statement. */
int pg_fail_at(struct pg *p, size_t off, struct lr_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* [schema.]name (unquoted names fold to lower case). */
int pg_qname(struct ds_lex *lx, char **schema, char **name);
/* Is a table of this schema (NULL: the search_path's) one we read? */
int pg_ours(struct pg *p, const char *schema);
/* Send the table event (and its waiting indexes) if not sent yet. */
int pg_flush_table(struct pg *p, struct ds_table *t, struct lr_err *err);

/* pgdump_data.c */
int pg_copy_start(struct pg *p, struct ds_lex *lx, struct lr_err *err);
int pg_copy_line(struct pg *p, struct lr_err *err);
void pg_copy_end(struct pg *p);
int pg_insert(struct pg *p, struct ds_lex *lx, struct lr_err *err);
#endif
