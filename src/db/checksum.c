/* Per-table checksum, the definition in checksum.h and docs/checksum.md:
 * the same number on SQLite, MariaDB and PostgreSQL for the same rows,
 * whatever the row order and however each engine spells its values. */
#include "checksum.h"
#include "../util/xalloc.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
/* header-only: the hash of a short row is a few inlined instructions */
#define XXH_INLINE_ALL
#include <xxhash.h>

static void canon_real(double r, struct strbuf *sb)
{
	char tmp[64];
	/* shortest precision that reads back to the same double */
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, r);
		if (strtod(tmp, NULL) == r)
			break;
	}
	strbuf_addstr(sb, tmp);
}

int db_real_text_is_canonical(const char *s, size_t n)
{
	/* Fixed notation, no trailing fractional zero, at most 15 significant
	 * digits: such a decimal is the only one of <= 15 digits that reads
	 * back to its double, so canon_real's loop stops at its digit count,
	 * and %g keeps fixed notation for it (exponent >= -4 and < digits). */
	size_t i = n > 0 && s[0] == '-';
	size_t ip = i, digits = 0, lead = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	size_t il = i - ip;
	if (il == 0 || (il > 1 && s[ip] == '0'))
		return 0;
	int zero_int = il == 1 && s[ip] == '0';
	digits = zero_int ? 0 : il;
	if (i == n) /* an integer: "10" is "1e+01" in %g */
		return (zero_int || s[n - 1] != '0') && digits <= 15;
	if (s[i] != '.' || i + 1 == n || s[n - 1] == '0')
		return 0;
	for (size_t k = i + 1; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
		if (zero_int && digits == 0 && s[k] == '0')
			lead++;
		else
			digits++;
	}
	return lead <= 3 && digits <= 15;
}

static void canon_decimal(const char *s, size_t n, struct strbuf *sb)
{
	const char *dot = memchr(s, '.', n);
	if (dot && !memchr(s, 'e', n) && !memchr(s, 'E', n)) {
		while (n > 0 && s[n - 1] == '0')
			n--;
		if (n > 0 && s + n - 1 == dot)
			n--;
	}
	strbuf_add(sb, s, n);
}

static void canon_date(const char *s, size_t n, struct strbuf *sb)
{
	size_t start = sb->len;
	strbuf_add(sb, s, n < 19 ? n : 19);
	if (sb->len - start > 10 && (sb->buf[start + 10] == 'T' || sb->buf[start + 10] == 't'))
		sb->buf[start + 10] = ' ';
	if (n == 10)
		strbuf_addstr(sb, " 00:00:00");
	if (n > 20 && s[19] == '.') {
		size_t e = n;
		while (e > 20 && s[e - 1] == '0')
			e--;
		if (e > 20)
			strbuf_add(sb, s + 19, e - 19);
	}
}

void db_value_canonical(const struct db_value *v, struct strbuf *sb)
{
	switch (v->kind) {
	case DB_NULL:
		strbuf_addstr(sb, "\\N");
		break;
	case DB_INT:
	case DB_BOOL:
		strbuf_add_int64(sb, v->i);
		break;
	case DB_REAL:
		canon_real(v->r, sb);
		break;
	case DB_DECIMAL:
		canon_decimal(v->s ? v->s : "", v->len, sb);
		break;
	case DB_DATE:
		canon_date(v->s ? v->s : "", v->len, sb);
		break;
	case DB_TEXT:
	case DB_BLOB:
		strbuf_add(sb, v->s ? v->s : "", v->len);
		break;
	}
}

struct row_hasher *row_hasher_new(void)
{
	return xcalloc(1, sizeof(struct row_hasher));
}

void row_hasher_begin(struct row_hasher *h)
{
	strbuf_reset(&h->row);
	h->nvals = 0;
}

void row_hasher_value(struct row_hasher *h, const struct db_value *v, enum db_kind colkind)
{
	/* most of a table's bytes and values: one copy, no call per piece
	 * (a date of 19 characters with a space is its own canonical text) */
	if ((v->kind == DB_TEXT && colkind != DB_DATE && colkind != DB_DECIMAL) || v->kind == DB_BLOB ||
	    ((v->kind == DB_DATE || (v->kind == DB_TEXT && colkind == DB_DATE)) && v->len == 19 &&
	     v->s[10] == ' ')) {
		row_hasher_text(h, v->s ? v->s : "", v->len);
		return;
	}
	struct db_value x = *v;
	/* a driver may hand dates and decimals over as plain text */
	if (x.kind == DB_TEXT && (colkind == DB_DATE || colkind == DB_DECIMAL))
		x.kind = colkind;
	if (h->nvals++)
		strbuf_addch(&h->row, 0x1f);
	db_value_canonical(&x, &h->row);
}

uint64_t row_hasher_end(struct row_hasher *h)
{
	return XXH3_64bits(h->row.buf ? h->row.buf : "", h->row.len);
}

void row_hasher_free(struct row_hasher *h)
{
	if (!h)
		return;
	strbuf_release(&h->row);
	free(h);
}

struct colref {
	const char *name;
	enum db_kind kind;
	char low[256];
};

static int cmp_low(const void *a, const void *b)
{
	const struct colref *x = a, *y = b;
	int c = strcmp(x->low, y->low);
	return c ? c : strcmp(x->name, y->name);
}

int db_table_checksum(struct db *db, const char *table, struct table_sum *out, struct lr_err *err)
{
	memset(out, 0, sizeof *out);
	snprintf(out->hex, sizeof out->hex, "%016" PRIx64, (uint64_t)0);
	if (!db_catalog(db, err))
		return -1;
	const struct db_table *t = db_table_find(db, table);
	if (!t)
		return lr_fail(err, LR_EXIT_FAILED, "checksum: no table %s", table);
	struct colref *cols = xcalloc((size_t)t->ncols + 1, sizeof *cols);
	for (int i = 0; i < t->ncols; i++) {
		cols[i].name = t->cols[i].name;
		cols[i].kind = t->cols[i].kind;
		snprintf(cols[i].low, sizeof cols[i].low, "%s", t->cols[i].name);
		for (char *p = cols[i].low; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	}
	qsort(cols, (size_t)t->ncols, sizeof *cols, cmp_low);
	struct strbuf sql = STRBUF_INIT, row = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	for (int i = 0; i < t->ncols; i++) {
		if (i)
			strbuf_addch(&sql, ',');
		db_quote_ident(db, &sql, cols[i].name);
	}
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	struct db_cursor *c = NULL;
	struct row_hasher *h = row_hasher_new();
	int rc = -1;
	if (db_query(db, strbuf_str(&sql), NULL, 0, &c, err) < 0)
		goto out;
	int more;
	while ((more = db_next(c, err)) == 1) {
		row_hasher_begin(h);
		for (int i = 0; i < t->ncols; i++) {
			struct db_value v;
			db_get(c, i, &v);
			row_hasher_value(h, &v, cols[i].kind);
		}
		out->sum += row_hasher_end(h);
		out->rows++;
	}
	if (more < 0)
		goto out;
	snprintf(out->hex, sizeof out->hex, "%016" PRIx64, out->sum);
	rc = 0;
out:
	db_cursor_close(c);
	row_hasher_free(h);
	strbuf_release(&sql);
	strbuf_release(&row);
	free(cols);
	return rc;
}
