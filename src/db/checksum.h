/* Per-table checksum, computed the same way on every engine, so an import,
 * a backup restore or a prune+undo can be proven exact across SQLite,
 * MariaDB and PostgreSQL. Definition (docs/checksum.md):
 *  - columns are taken in the order of their lower-cased names;
 *  - each value is written in canonical text: NULL -> "\N"; int/bool ->
 *    decimal; real -> shortest "%.17g" round-trip form; decimal -> the
 *    literal with trailing fractional zeros (and a bare '.') removed;
 *    date -> 'YYYY-MM-DD HH:MM:SS' plus '.fff' only if the fraction is not
 *    zero (trailing zeros removed); text and blob -> their bytes;
 *  - a row is the canonical values joined by 0x1F, hashed with SHA-256;
 *  - the table sum is the sum modulo 2^64 of the first 8 bytes (big-endian)
 *    of every row hash: independent of row order. */
#ifndef LR_DB_CHECKSUM_H
#define LR_DB_CHECKSUM_H
#include "db.h"

struct table_sum {
	int64_t rows;
	uint64_t sum;
	char hex[17]; /* sum as 16 lowercase hex digits */
};

int db_table_checksum(struct db *db, const char *table, struct table_sum *out, struct lr_err *err);
/* The row hash of the definition, for code that reads the rows itself (the
 * backup computes checksums while it dumps): begin, one value per column in
 * lower-cased-name order with the column's kind, end -> first 8 bytes. */
struct row_hasher;
struct row_hasher *row_hasher_new(void); /* NULL if SHA-256 is unavailable */
void row_hasher_begin(struct row_hasher *h);
void row_hasher_value(struct row_hasher *h, const struct db_value *v, enum db_kind colkind);
uint64_t row_hasher_end(struct row_hasher *h);
void row_hasher_free(struct row_hasher *h);

/* Canonical text of one value (appended to sb); exposed for tests. */
void db_value_canonical(const struct db_value *v, struct strbuf *sb);
#endif
