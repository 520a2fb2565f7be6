/* Per-table checksum, computed the same way on every engine, so an import,
 * a backup restore or a prune+undo can be proven exact across SQLite,
 * MariaDB and PostgreSQL. Definition (docs/checksum.md):
 *  - columns are taken in the order of their lower-cased names;
 *  - each value is written in canonical text: NULL -> "\N"; int/bool ->
 *    decimal; real -> shortest "%.17g" round-trip form; decimal -> the
 *    literal with trailing fractional zeros (and a bare '.') removed;
 *    date -> 'YYYY-MM-DD HH:MM:SS' plus '.fff' only if the fraction is not
 *    zero (trailing zeros removed); text and blob -> their bytes;
 *  - a row is the canonical values joined by 0x1F, hashed with XXH3-64
 *    (seed 0; definition version 2, version 1 used SHA-256);
 *  - the table sum is the sum modulo 2^64 of the row hashes: independent
 *    of row order. */
#ifndef LR_DB_CHECKSUM_H
#define LR_DB_CHECKSUM_H
#include "db.h"

struct table_sum {
	int64_t rows;
	uint64_t sum;
	char hex[17]; /* sum as 16 lowercase hex digits */
};

#define DB_CHECKSUM_VERSION 2 /* written beside every stored sum */

int db_table_checksum(struct db *db, const char *table, struct table_sum *out, struct lr_err *err);
/* The row hash of the definition, for code that reads the rows itself (the
 * backup computes checksums while it dumps): begin, one value per column in
 * lower-cased-name order with the column's kind, end -> the row's hash. */
struct row_hasher {
	struct strbuf row; /* the canonical values so far, 0x1F-joined */
	int nvals;
};
struct row_hasher *row_hasher_new(void);
void row_hasher_begin(struct row_hasher *h);
void row_hasher_value(struct row_hasher *h, const struct db_value *v, enum db_kind colkind);
uint64_t row_hasher_end(struct row_hasher *h);
/* The next value, whose canonical text the caller knows is s (n bytes). */
static inline void row_hasher_text(struct row_hasher *h, const char *s, size_t n)
{
	strbuf_grow(&h->row, n + 1);
	char *o = h->row.buf + h->row.len;
	if (h->nvals++)
		*o++ = 0x1f;
	if (n)
		memcpy(o, s, n);
	h->row.len = (size_t)(o - h->row.buf) + n;
	h->row.buf[h->row.len] = 0;
}
void row_hasher_free(struct row_hasher *h);

/* Is s (n bytes), a real number's text, already that number's canonical
 * text? (Then a caller holding the text may hash it as it is.) Some
 * canonical texts are refused (more than 15 digits): parse those. */
int db_real_text_is_canonical(const char *s, size_t n);
/* Canonical text of one value (appended to sb); exposed for tests. */
void db_value_canonical(const struct db_value *v, struct strbuf *sb);
#endif
