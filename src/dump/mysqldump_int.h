/* Private to the mysqldump reader: the reader state shared by the statement
 * parser (mysqldump.c) and the INSERT/value parser (mysqldump_rows.c). */
#ifndef LR_DUMP_MYSQLDUMP_INT_H
#define LR_DUMP_MYSQLDUMP_INT_H
#include "mysqldump_lex.h"

/* Character sets that change bytes on the way to UTF-8. */
enum mcs { CS_UTF8 = 0, CS_LATIN1, CS_BINARY };

struct mcol {
	char *name;
	char *decl;
	enum db_kind kind;
	int notnull;
	char *charset;
	enum mcs cs;   /* effective charset: column's, else table's */
};

struct mtable {
	char *name;
	struct mcol *cols;
	int ncols;
};

/* One value of the row being read, bytes in the row arena. */
enum mraw { RV_NULL, RV_STR, RV_NUM, RV_HEX, RV_BIT };
struct mval {
	enum mraw type;
	enum mcs cs;      /* RV_STR: charset of the literal's bytes */
	int hi;           /* RV_STR: has bytes >= 0x80 */
	size_t off, len;  /* in the arena */
	int64_t bits;     /* RV_BIT */
	uint64_t line, col;
};

struct mreader {
	struct mlex lx;
	struct dump_sink *sink;
	struct lr_err *err;
	struct mtoken t;
	enum mcs client_cs;      /* SET NAMES */
	struct mtable **tables;  /* open hash by exact name */
	size_t tcap, tcount;
	/* row state, reused from row to row */
	struct strbuf arena;
	struct mval *vals;
	size_t vcap;
	struct db_value *out;
	size_t ocap;
	int *map;                /* INSERT column i -> table column */
	size_t mcap;
	const char **colnames;
	size_t ccap;
	struct strbuf conv;      /* converted text of the row */
	size_t *convoff;
	size_t convcap;
};

enum mcs mcs_from_name(const char *name);
struct mtable *mtable_find(struct mreader *r, const char *name);
/* INSERT/REPLACE after its first keyword. */
int md_insert(struct mreader *r, uint64_t line, uint64_t col);
/* Case-insensitive keyword test on a token. */
int md_is(const struct mtoken *t, const char *kw);
/* Convert text bytes from charset src (into a column of charset dst) to UTF-8. */
void md_to_utf8(const char *s, size_t n, enum mcs src, enum mcs dst, struct strbuf *out);
#endif
