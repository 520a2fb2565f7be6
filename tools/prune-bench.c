/* Baselines for bench/prune.sh: remove exactly the rows a prune journal holds
 * (same tables, same rows, same order: children before parents), without
 * lrprep's journal, in one of two shapes:
 *   rows     one single-row DELETE per row, PER_TXN rows per transaction
 *            (the shape of Liferay's API path: one transaction per removed
 *            object, a single-row DELETE per dependent row); timed on the
 *            first LIMIT/tables rows of every table and extrapolated per
 *            table (tables differ: JournalArticle carries many indexes)
 *   batched  the keys loaded into a temporary table first (not timed), then
 *            DELETE ... WHERE pk IN (SELECT ... FROM keys) by 10,000 keys
 *            (on MariaDB its join form), one transaction each: a bare
 *            batched delete, no journal
 * Prints one line: "batched <rows> <seconds>" or
 * "rows <rows timed> <seconds timed> <seconds extrapolated to every row>".
 * Build: see bench/prune.sh (cc against the build dir's liblrcore.a). */
#include "db/db.h"
#include "db/uri.h"
#include "prune/journal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One journaled table in deletion order and the keys of its rows. */
struct tab {
	char *name;
	char *kcol[8];
	int nk;
	int64_t *ki;  /* integer keys, nk per row */
	char **ks;    /* text keys (when a key column is not an integer) */
	int text;
	size_t nrows, cap;
};

struct ctx {
	struct tab *t;
	int n;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int on_row(void *vctx, const struct db_table *t, const struct db_value *vals, struct lr_err *err)
{
	(void)err;
	struct ctx *c = vctx;
	if (!vals)
		return 0;
	struct tab *tb = c->n ? &c->t[c->n - 1] : NULL;
	if (!tb || strcmp(tb->name, t->name)) {
		c->t = xrealloc(c->t, (size_t)(c->n + 1) * sizeof *c->t);
		tb = &c->t[c->n++];
		memset(tb, 0, sizeof *tb);
		tb->name = xstrdup(t->name);
		for (int pos = 1; pos <= t->ncols && tb->nk < 8; pos++)
			for (int i = 0; i < t->ncols; i++)
				if (t->cols[i].pk == pos)
					tb->kcol[tb->nk++] = xstrdup(t->cols[i].name);
		if (!tb->nk) /* no primary key: every column (the journal's own rule) */
			for (int i = 0; i < t->ncols && tb->nk < 8; i++)
				tb->kcol[tb->nk++] = xstrdup(t->cols[i].name);
	}
	if (tb->nrows == tb->cap) {
		tb->cap = tb->cap ? tb->cap * 2 : 1024;
		tb->ki = xrealloc(tb->ki, tb->cap * (size_t)tb->nk * sizeof *tb->ki);
		tb->ks = xrealloc(tb->ks, tb->cap * (size_t)tb->nk * sizeof *tb->ks);
	}
	for (int k = 0; k < tb->nk; k++) {
		const struct db_value *v = NULL;
		for (int i = 0; i < t->ncols; i++)
			if (!strcmp(t->cols[i].name, tb->kcol[k]))
				v = &vals[i];
		size_t at = tb->nrows * (size_t)tb->nk + (size_t)k;
		tb->ki[at] = v ? v->i : 0;
		tb->ks[at] = NULL;
		if (v && v->kind != DB_INT && v->kind != DB_BOOL) {
			tb->text = 1;
			tb->ks[at] = v->kind == DB_NULL ? NULL : xstrndup(v->s ? v->s : "", v->len);
		}
	}
	tb->nrows++;
	return 0;
}

static struct db_value keyval(const struct tab *tb, size_t row, int k)
{
	size_t at = row * (size_t)tb->nk + (size_t)k;
	if (tb->ks[at])
		return db_text(tb->ks[at]);
	return db_int(tb->ki[at]);
}

static void where_keys(struct db *db, struct strbuf *sql, const struct tab *tb)
{
	for (int k = 0; k < tb->nk; k++) {
		strbuf_addstr(sql, k ? " AND " : " WHERE ");
		db_quote_ident(db, sql, tb->kcol[k]);
		strbuf_addstr(sql, " = ?");
	}
}

static int die(const struct lr_err *err)
{
	fprintf(stderr, "prune-bench: %s\n", err->msg);
	return 5;
}

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[3], "rows") && strcmp(argv[3], "batched"))) {
		fprintf(stderr, "usage: prune-bench URI JOURNAL_DIR rows|batched [LIMIT [PER_TXN]]\n");
		return 3;
	}
	long limit = argc > 4 ? atol(argv[4]) : 0;
	long per_txn = argc > 5 ? atol(argv[5]) : 1;
	double extrapolated = 0;
	if (per_txn < 1)
		per_txn = 1;
	struct lr_err err = LR_ERR_INIT;
	struct journal *j;
	if (journal_open(argv[2], &j, &err) < 0)
		return die(&err);
	struct ctx c = { 0 };
	for (int no = 1; no <= journal_last_batch(j); no++)
		if (journal_read_batch(j, no, on_row, &c, &err) < 0)
			return die(&err);
	journal_close(j);

	struct db_conninfo ci = { 0 };
	struct db *db;
	if (db_uri_parse(argv[1], &ci, &err) < 0 || db_open(&ci, &db, &err) < 0)
		return die(&err);
	db_conninfo_release(&ci);
	if (!db_catalog(db, &err))
		return die(&err);
	long done = 0;
	double secs = 0;
	struct strbuf sql = STRBUF_INIT;
	if (!strcmp(argv[3], "rows")) {
		size_t each = limit > 0 && c.n ? (size_t)limit / (size_t)c.n : 0;
		for (int i = 0; i < c.n; i++) {
			struct tab *tb = &c.t[i];
			size_t n = each && each < tb->nrows ? each : tb->nrows;
			strbuf_reset(&sql);
			strbuf_addstr(&sql, "DELETE FROM ");
			db_quote_ident(db, &sql, tb->name);
			where_keys(db, &sql, tb);
			double t0 = now();
			for (size_t r = 0; r < n; r++) {
				struct db_value p[8];
				for (int k = 0; k < tb->nk; k++)
					p[k] = keyval(tb, r, k);
				if (r % (size_t)per_txn == 0 && db_begin(db, &err) < 0)
					return die(&err);
				if (db_exec(db, sql.buf, p, tb->nk, NULL, &err) < 0)
					return die(&err);
				if ((r + 1) % (size_t)per_txn == 0 || r + 1 == n)
					if (db_commit(db, &err) < 0)
						return die(&err);
			}
			double dt = now() - t0;
			secs += dt;
			done += (long)n;
			if (n)
				extrapolated += dt / (double)n * (double)tb->nrows;
		}
	} else {
		const size_t chunk = 10000;
		for (int i = 0; i < c.n; i++) {
			struct tab *tb = &c.t[i];
			/* the keys, numbered, in a temporary table: not timed */
			strbuf_reset(&sql);
			strbuf_addf(&sql, "CREATE TEMPORARY TABLE pb_keys%d (seq BIGINT PRIMARY KEY", i);
			for (int k = 0; k < tb->nk; k++)
				strbuf_addf(&sql, ", k%d %s", k, tb->text ? "VARCHAR(255)" : "BIGINT");
			strbuf_addch(&sql, ')');
			if (db_exec(db, sql.buf, NULL, 0, NULL, &err) < 0)
				return die(&err);
			if (db_begin(db, &err) < 0)
				return die(&err);
			for (size_t r0 = 0; r0 < tb->nrows; r0 += 500) {
				size_t n = tb->nrows - r0 < 500 ? tb->nrows - r0 : 500;
				struct db_value *p = xcalloc(n * (size_t)(tb->nk + 1), sizeof *p);
				int np = 0;
				strbuf_reset(&sql);
				strbuf_addf(&sql, "INSERT INTO pb_keys%d VALUES ", i);
				for (size_t r = 0; r < n; r++) {
					strbuf_addstr(&sql, r ? ",(?" : "(?");
					p[np++] = db_int((int64_t)(r0 + r));
					for (int k = 0; k < tb->nk; k++) {
						strbuf_addstr(&sql, ",?");
						p[np++] = keyval(tb, r0 + r, k);
					}
					strbuf_addch(&sql, ')');
				}
				int rc = db_exec(db, sql.buf, p, np, NULL, &err);
				free(p);
				if (rc < 0)
					return die(&err);
			}
			if (db_commit(db, &err) < 0)
				return die(&err);
		}
		double t0 = now();
		for (int i = 0; i < c.n; i++) {
			struct tab *tb = &c.t[i];
			strbuf_reset(&sql);
			if (db_engine(db) == DB_MARIADB) {
				/* MariaDB runs a single-table DELETE ... IN (SELECT) as a
				 * dependent subquery per row: the join form is its batched delete */
				strbuf_addstr(&sql, "DELETE t FROM ");
				db_quote_ident(db, &sql, tb->name);
				strbuf_addf(&sql, " t JOIN (SELECT * FROM pb_keys%d WHERE seq >= ? AND seq < ?) k ON ", i);
				for (int k = 0; k < tb->nk; k++) {
					strbuf_addstr(&sql, k ? " AND t." : "t.");
					db_quote_ident(db, &sql, tb->kcol[k]);
					strbuf_addf(&sql, " = k.k%d", k);
				}
			} else {
				strbuf_addstr(&sql, "DELETE FROM ");
				db_quote_ident(db, &sql, tb->name);
				strbuf_addstr(&sql, " WHERE (");
				for (int k = 0; k < tb->nk; k++) {
					if (k)
						strbuf_addch(&sql, ',');
					db_quote_ident(db, &sql, tb->kcol[k]);
				}
				strbuf_addstr(&sql, ") IN (SELECT ");
				for (int k = 0; k < tb->nk; k++)
					strbuf_addf(&sql, "%sk%d", k ? "," : "", k);
				strbuf_addf(&sql, " FROM pb_keys%d WHERE seq >= ? AND seq < ?)", i);
			}
			for (size_t r0 = 0; r0 < tb->nrows; r0 += chunk) {
				struct db_value p[2] = { db_int((int64_t)r0), db_int((int64_t)(r0 + chunk)) };
				int64_t got = 0;
				if (db_begin(db, &err) < 0 || db_exec(db, sql.buf, p, 2, &got, &err) < 0 ||
				    db_commit(db, &err) < 0)
					return die(&err);
				done += (long)got;
			}
		}
		secs = now() - t0;
	}
	if (!strcmp(argv[3], "rows"))
		printf("rows %ld %.3f %.3f\n", done, secs, extrapolated);
	else
		printf("batched %ld %.3f\n", done, secs);
	strbuf_release(&sql);
	db_close(db);
	for (int i = 0; i < c.n; i++) {
		struct tab *tb = &c.t[i];
		for (size_t r = 0; r < tb->nrows * (size_t)tb->nk; r++)
			free(tb->ks[r]);
		for (int k = 0; k < tb->nk; k++)
			free(tb->kcol[k]);
		free(tb->ki);
		free(tb->ks);
		free(tb->name);
	}
	free(c.t);
	return 0;
}
