/* The MariaDB bulk loader: LOAD DATA LOCAL INFILE fed from memory when the
 * server allows it, else multi-row INSERTs with bound parameters; both inside
 * a transaction. */
#include "mariadb_int.h"
#include "../util/xalloc.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- bulk loader: multi-row INSERT with bound parameters ---------------- */

#define MY_MAX_PARAMS 65535                /* protocol limit per statement */
#define MY_BATCH_BYTES (4u * 1024 * 1024)  /* well under max_allowed_packet */

struct my_pending {
	enum db_kind kind;
	int64_t i;
	double r;
	size_t off, len; /* into arena for string kinds */
};

struct my_loader {
	struct db *db; /* must be first (db.c relies on it) */
	int ncols;
	int own_tx;
	struct strbuf head;   /* INSERT INTO `t` (`a`,`b`) VALUES */
	struct strbuf arena;  /* copied string/blob bytes of pending rows */
	struct my_pending *rows;
	size_t nvals, cap;
	int nrows, maxrows;
	MYSQL_STMT *st;       /* prepared for st_rows rows */
	int st_rows;
	MYSQL_BIND *bind;
	/* LOAD DATA LOCAL path (when the server allows it) */
	int infile;
	char *colmode;        /* per column: 0 text, 'x' hex -> UNHEX, 'b' bit */
	struct strbuf load_sql;
	struct strbuf tsv;    /* pending rows as tab-separated text */
	size_t tsv_pos;       /* read position of the infile handler */
	int tsv_rows;
};

static int my_load_flush(struct my_loader *ld, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)ld->db;
	if (ld->nrows == 0)
		return 0;
	if (!ld->st || ld->st_rows != ld->nrows) {
		if (ld->st)
			mysql_stmt_close(ld->st);
		ld->st = NULL;
		struct strbuf sql = STRBUF_INIT;
		strbuf_add(&sql, ld->head.buf, ld->head.len);
		for (int r = 0; r < ld->nrows; r++) {
			strbuf_addstr(&sql, r ? ",(" : "(");
			for (int k = 0; k < ld->ncols; k++)
				strbuf_addstr(&sql, k ? ",?" : "?");
			strbuf_addch(&sql, ')');
		}
		MYSQL_STMT *st = mysql_stmt_init(d->h);
		if (!st) {
			strbuf_release(&sql);
			return my_fail(d, err, "preparing bulk insert");
		}
		if (mysql_stmt_prepare(st, sql.buf, sql.len) != 0) {
			strbuf_release(&sql);
			my_stmt_fail(d, st, err, "preparing bulk insert");
			mysql_stmt_close(st);
			return -1;
		}
		strbuf_release(&sql);
		ld->st = st;
		ld->st_rows = ld->nrows;
	}
	MYSQL_BIND *b = ld->bind;
	memset(b, 0, ld->nvals * sizeof *b);
	for (size_t i = 0; i < ld->nvals; i++) {
		struct my_pending *pv = &ld->rows[i];
		my_bind_value(&b[i], pv->kind, &pv->i, &pv->r, ld->arena.buf ? ld->arena.buf + pv->off : "", pv->len);
	}
	if (mysql_stmt_bind_param(ld->st, b))
		return my_stmt_fail(d, ld->st, err, "binding bulk insert");
	if (mysql_stmt_execute(ld->st) != 0)
		return my_stmt_fail(d, ld->st, err, "bulk insert");
	ld->nrows = 0;
	ld->nvals = 0;
	strbuf_reset(&ld->arena);
	return 0;
}

/* --- LOAD DATA LOCAL INFILE: the same rows as tab-separated text; about a
 * third faster than multi-row INSERT on a busy server. The handler serves
 * only our buffer, never a file, whatever name the server asks for. */

#define MY_INFILE_BYTES (16u * 1024 * 1024)

static int my_infile_init(void **ptr, const char *name, void *userdata)
{
	(void)name;
	*ptr = userdata; /* the loader, set by my_load_begin; NULL otherwise */
	return userdata ? 0 : 1;
}

static int my_infile_read(void *ptr, char *buf, unsigned int len)
{
	struct my_loader *ld = ptr;
	size_t left = ld->tsv.len - ld->tsv_pos;
	size_t n = left < len ? left : len;
	memcpy(buf, ld->tsv.buf + ld->tsv_pos, n);
	ld->tsv_pos += n;
	return (int)n;
}

static void my_infile_end(void *ptr) { (void)ptr; }

static int my_infile_error(void *ptr, char *msg, unsigned int len)
{
	(void)ptr;
	snprintf(msg, len, "lrprep serves local data only to its own bulk loads");
	return 2000; /* CR_UNKNOWN_ERROR */
}

void my_infile_handler(MYSQL *h, struct my_loader *ld)
{
	mysql_set_local_infile_handler(h, my_infile_init, my_infile_read, my_infile_end,
				       my_infile_error, ld);
}

static void tsv_escaped(struct strbuf *b, const char *s, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		switch (s[k]) {
		case '\\': strbuf_add(b, "\\\\", 2); break;
		case '\t': strbuf_add(b, "\\t", 2); break;
		case '\n': strbuf_add(b, "\\n", 2); break;
		case '\r': strbuf_add(b, "\\r", 2); break;
		case '\0': strbuf_add(b, "\\0", 2); break;
		default: strbuf_addch(b, s[k]); break;
		}
	}
}

static void tsv_hex(struct strbuf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	strbuf_grow(b, len * 2);
	for (size_t k = 0; k < len; k++) {
		strbuf_addch(b, hex[(unsigned char)s[k] >> 4]);
		strbuf_addch(b, hex[(unsigned char)s[k] & 15]);
	}
}

/* Shortest text that reads back as the same double. */
static size_t real_text(char *buf, size_t n, double r)
{
	int len = 0;
	for (int prec = 15; prec <= 17; prec++) {
		len = snprintf(buf, n, "%.*g", prec, r);
		if (strtod(buf, NULL) == r)
			break;
	}
	return len > 0 ? (size_t)len : 0;
}

static void my_infile_row(struct my_loader *ld, const struct db_value *vals)
{
	struct strbuf *b = &ld->tsv;
	char num[40];
	for (int k = 0; k < ld->ncols; k++) {
		const struct db_value *v = &vals[k];
		const char *s = v->s ? v->s : "";
		size_t len = v->len;
		if (k)
			strbuf_addch(b, '\t');
		if (v->kind == DB_NULL) {
			strbuf_add(b, "\\N", 2);
			continue;
		}
		if (v->kind == DB_INT || v->kind == DB_BOOL) {
			len = (size_t)snprintf(num, sizeof num, "%" PRId64, v->i);
			s = num;
		} else if (v->kind == DB_REAL) {
			len = real_text(num, sizeof num, v->r);
			s = num;
		}
		if (ld->colmode[k] == 'x')
			tsv_hex(b, s, len);
		else
			tsv_escaped(b, s, len);
	}
	strbuf_addch(b, '\n');
	ld->tsv_rows++;
}

/* First warning (not note) of the last statement, into msg. */
static int my_first_warning(struct my_db *d, char *msg, size_t n)
{
	if (mysql_real_query(d->h, "SHOW WARNINGS", 13) != 0)
		return 0;
	MYSQL_RES *r = mysql_use_result(d->h);
	MYSQL_ROW row;
	int found = 0;
	while (r && (row = mysql_fetch_row(r)) != NULL)
		if (!found && row[0] && strcmp(row[0], "Note") != 0) {
			snprintf(msg, n, "%s", row[2] ? row[2] : row[0]);
			found = 1;
		}
	if (r)
		mysql_free_result(r);
	return found;
}

static int my_infile_flush(struct my_loader *ld, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)ld->db;
	if (ld->tsv_rows == 0)
		return 0;
	ld->tsv_pos = 0;
	my_infile_handler(d->h, ld);
	int bad = mysql_real_query(d->h, ld->load_sql.buf, ld->load_sql.len);
	my_infile_handler(d->h, NULL);
	if (bad)
		return my_fail(d, err, "bulk load");
	/* LOCAL turns data errors and duplicate keys into warnings and skips
	 * the row: a load is exact only if every row went in without one */
	uint64_t loaded = mysql_affected_rows(d->h);
	char msg[512] = "";
	if (mysql_warning_count(d->h) > 0 && my_first_warning(d, msg, sizeof msg))
		return db_fail(ld->db, err, "bulk load", msg);
	if (loaded != (uint64_t)ld->tsv_rows) {
		snprintf(msg, sizeof msg, "%" PRIu64 " of %d rows loaded", loaded, ld->tsv_rows);
		return db_fail(ld->db, err, "bulk load", msg);
	}
	strbuf_reset(&ld->tsv);
	ld->tsv_rows = 0;
	return 0;
}

/* Use LOAD DATA when the server allows it and the catalog knows every column
 * (blobs travel as hex, BIT as numbers). */
static void my_infile_setup(struct my_loader *ld, const char *table, const char *const *cols)
{
	struct lr_err e = LR_ERR_INIT;
	int64_t on = 0;
	if (db_query_int(ld->db, "SELECT @@local_infile", NULL, 0, &on, &e) < 0 || on != 1)
		return;
	const struct db_table *t = db_table_find(ld->db, table);
	if (!t)
		return;
	ld->colmode = xcalloc((size_t)ld->ncols, 1);
	struct strbuf *q = &ld->load_sql, set = STRBUF_INIT;
	strbuf_addstr(q, "LOAD DATA LOCAL INFILE 'lrprep-bulk-load' INTO TABLE ");
	db_quote_ident(ld->db, q, table);
	strbuf_addstr(q, " CHARACTER SET utf8mb4 (");
	for (int k = 0; k < ld->ncols; k++) {
		const struct db_column *c = db_column_find(t, cols[k]);
		if (!c) {
			strbuf_release(&set);
			return;
		}
		if (k)
			strbuf_addch(q, ',');
		ld->colmode[k] = c->kind == DB_BLOB ? 'x' : !strncasecmp(c->decl, "bit", 3) ? 'b' : 0;
		if (!ld->colmode[k]) {
			db_quote_ident(ld->db, q, cols[k]);
			continue;
		}
		strbuf_addf(q, "@v%d", k);
		strbuf_addstr(&set, set.len ? ", " : " SET ");
		db_quote_ident(ld->db, &set, cols[k]);
		strbuf_addf(&set, ld->colmode[k] == 'x' ? " = UNHEX(@v%d)" : " = CAST(@v%d AS UNSIGNED)", k);
	}
	strbuf_addch(q, ')');
	strbuf_add(q, set.buf ? set.buf : "", set.len);
	strbuf_release(&set);
	ld->infile = 1;
}

int my_load_begin(struct db *db, const char *table, const char *const *cols, int ncols,
			 struct db_loader **out, struct lr_err *err)
{
	struct my_db *d = (struct my_db *)db;
	if (ncols <= 0 || ncols > MY_MAX_PARAMS)
		return lr_fail(err, LR_EXIT_FAILED, "bulk load of %s: bad column count %d", table, ncols);
	struct my_loader *ld = xcalloc(1, sizeof *ld);
	ld->db = db;
	ld->ncols = ncols;
	ld->maxrows = MY_MAX_PARAMS / ncols;
	strbuf_addstr(&ld->head, "INSERT INTO ");
	db_quote_ident(db, &ld->head, table);
	strbuf_addstr(&ld->head, " (");
	db_quote_idents(db, &ld->head, cols, ncols);
	strbuf_addstr(&ld->head, ") VALUES ");
	ld->bind = xcalloc((size_t)ld->maxrows * (size_t)ncols, sizeof *ld->bind);
	if (!d->in_tx) {
		if (my_begin(db, err) < 0) {
			strbuf_release(&ld->head);
			free(ld->bind);
			free(ld);
			return -1;
		}
		ld->own_tx = 1;
	}
	my_infile_setup(ld, table, cols);
	*out = (struct db_loader *)ld;
	return 0;
}

int my_load_row(struct db_loader *l, const struct db_value *vals, struct lr_err *err)
{
	struct my_loader *ld = (struct my_loader *)l;
	if (ld->infile) {
		my_infile_row(ld, vals);
		return ld->tsv.len >= MY_INFILE_BYTES ? my_infile_flush(ld, err) : 0;
	}
	XGROW(ld->rows, ld->cap, ld->nvals + (size_t)ld->ncols);
	for (int k = 0; k < ld->ncols; k++) {
		struct my_pending *pv = &ld->rows[ld->nvals++];
		const struct db_value *v = &vals[k];
		memset(pv, 0, sizeof *pv);
		pv->kind = v->kind;
		pv->i = v->i;
		pv->r = v->r;
		if (v->kind != DB_NULL && v->kind != DB_INT && v->kind != DB_BOOL && v->kind != DB_REAL) {
			pv->off = ld->arena.len;
			pv->len = v->len;
			if (v->len)
				strbuf_add(&ld->arena, v->s, v->len);
		}
	}
	ld->nrows++;
	if (ld->nrows >= ld->maxrows || ld->arena.len >= MY_BATCH_BYTES)
		return my_load_flush(ld, err);
	return 0;
}

int my_load_end(struct db_loader *l, int commit, struct lr_err *err)
{
	struct my_loader *ld = (struct my_loader *)l;
	int rc = 0;
	if (commit)
		rc = ld->infile ? my_infile_flush(ld, err) : my_load_flush(ld, err);
	if (ld->st)
		mysql_stmt_close(ld->st);
	if (ld->own_tx) {
		if (commit && rc == 0)
			rc = my_commit(ld->db, err);
		else
			my_rollback(ld->db, NULL);
	}
	strbuf_release(&ld->head);
	strbuf_release(&ld->arena);
	strbuf_release(&ld->tsv);
	strbuf_release(&ld->load_sql);
	free(ld->colmode);
	free(ld->rows);
	free(ld->bind);
	free(ld);
	return rc;
}

