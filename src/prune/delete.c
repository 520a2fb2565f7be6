#include "delete.h"
#include "valrows.h"
#include "../util/clock.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void prune_crash_point(void)
{
	/* read each time: a forked test child sets the variable after the parent ran */
	static long hits;
	const char *s = getenv("LRPREP_TEST_CRASH_AT");
	if (!s || !*s)
		return;
	if (++hits == atol(s))
		kill(getpid(), SIGKILL);
}

/* DELETE ... WHERE (k1,k2) IN ((?,?),...) in chunks the servers accept. */
static int delete_keys(struct db *db, const struct db_table *t, const int *keycols, struct valrows *k,
		       int64_t *n, struct lr_err *err)
{
	/* keys per DELETE: few round trips, under every engine's parameter limit */
	const int chunk = k->width == 1 ? 2000 : 1000;
	*n = 0;
	for (int r0 = 0; r0 < k->nrows; r0 += chunk) {
		int rows = k->nrows - r0 < chunk ? k->nrows - r0 : chunk;
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, "DELETE FROM ");
		db_quote_ident(db, &sql, t->name);
		strbuf_addstr(&sql, " WHERE ");
		if (k->width == 1) {
			db_quote_ident(db, &sql, t->cols[keycols[0]].name);
			strbuf_addstr(&sql, " IN (");
			for (int r = 0; r < rows; r++)
				strbuf_addstr(&sql, r ? ",?" : "?");
			strbuf_addch(&sql, ')');
		} else {
			strbuf_addch(&sql, '(');
			for (int i = 0; i < k->width; i++) {
				if (i)
					strbuf_addch(&sql, ',');
				db_quote_ident(db, &sql, t->cols[keycols[i]].name);
			}
			strbuf_addstr(&sql, ") IN (");
			for (int r = 0; r < rows; r++) {
				strbuf_addstr(&sql, r ? ",(" : "(");
				for (int i = 0; i < k->width; i++)
					strbuf_addstr(&sql, i ? ",?" : "?");
				strbuf_addch(&sql, ')');
			}
			strbuf_addch(&sql, ')');
		}
		int64_t got = 0;
		int rc = db_exec(db, sql.buf, &k->v[r0 * k->width], rows * k->width, &got, err);
		strbuf_release(&sql);
		if (rc < 0)
			return -1;
		*n += got;
	}
	return 0;
}

/* The key of the last row of a batch, owned: the next batch starts after it.
 * Set for every row read (the last is known only at the end): text keys
 * reuse one buffer. */
struct last_key {
	struct db_value v;
	struct strbuf own;
};

static void last_key_set(struct last_key *k, const struct db_value *v)
{
	k->v = *v;
	if (v->s) {
		strbuf_reset(&k->own);
		strbuf_add(&k->own, v->s, v->len);
		k->v.s = strbuf_str(&k->own); /* "" for an empty key, never NULL */
	}
}

/* DELETE the rows of t whose key is in keytab within (lo, hi]: one statement
 * per batch, set-based, in each engine's join form (a single-table DELETE
 * with IN (SELECT) is not a semi-join on MariaDB 10.x: it would scan t). */
static int delete_range(struct db *db, const struct db_table *t, int keycol, const char *keytab,
			const struct last_key *lo, int has_lo, const struct last_key *hi, int64_t *n,
			struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT, tk = STRBUF_INIT;
	struct db_value p[2];
	int np = 0;
	strbuf_addstr(&tk, "t.");
	db_quote_ident(db, &tk, t->cols[keycol].name);
	const char *range = has_lo ? "x.k0 > ? AND x.k0 <= ?" : "x.k0 <= ?";
	switch (db_engine(db)) {
	case DB_MARIADB:
		strbuf_addstr(&sql, "DELETE t FROM ");
		db_quote_ident(db, &sql, t->name);
		strbuf_addf(&sql, " t JOIN %s x ON %s = x.k0 WHERE %s", keytab, tk.buf, range);
		break;
	case DB_PGSQL:
		strbuf_addstr(&sql, "DELETE FROM ");
		db_quote_ident(db, &sql, t->name);
		strbuf_addf(&sql, " t USING %s x WHERE %s = x.k0 AND %s", keytab, tk.buf, range);
		break;
	default:
		strbuf_addstr(&sql, "DELETE FROM ");
		db_quote_ident(db, &sql, t->name);
		strbuf_addstr(&sql, " WHERE ");
		db_quote_ident(db, &sql, t->cols[keycol].name);
		strbuf_addf(&sql, " IN (SELECT x.k0 FROM %s x WHERE %s)", keytab, range);
		break;
	}
	if (has_lo)
		p[np++] = lo->v;
	p[np++] = hi->v;
	int rc = db_exec(db, sql.buf, p, np, n, err);
	strbuf_release(&sql);
	strbuf_release(&tk);
	return rc;
}

/* The batch loop. Two ways to find a batch:
 *  - keytab (a table k0 of doomed keys, unique, t's single-column primary
 *    key): keyset pagination over keytab in key order, so each batch costs
 *    its own rows however far the prune has gone, and the DELETE is one
 *    ranged join;
 *  - where: the predicate again with LIMIT, deleting the keys read. */
static int delete_loop(struct db *db, struct journal *j, const struct db_table *t, const char *where,
		       const struct db_value *params, int nparams, const char *keytab,
		       const struct delete_opts *o, int64_t *deleted, struct lr_err *err)
{
	struct delete_opts def = { .batch_rows = 1000, .max_batch_rows = 50000, .max_bytes = 64u << 20 };
	if (!o)
		o = &def;
	*deleted = 0;
	int keycols[64], nkey = 0;
	for (int pos = 1; pos <= t->ncols && nkey < 64; pos++)
		for (int c = 0; c < t->ncols; c++)
			if (t->cols[c].pk == pos)
				keycols[nkey++] = c;
	if (keytab && nkey != 1)
		return lr_fail(err, LR_EXIT_FAILED, "%s: a key table needs a one-column primary key", t->name);
	if (nkey == 0) /* no primary key: a row is identified by all its columns */
		for (int c = 0; c < t->ncols && nkey < 64; c++)
			keycols[nkey++] = c;
	int batch = o->batch_rows > 0 ? o->batch_rows : def.batch_rows;
	int maxb = o->max_batch_rows > 0 ? o->max_batch_rows : def.max_batch_rows;
	size_t maxbytes = o->max_bytes ? o->max_bytes : def.max_bytes;

	struct strbuf sel = STRBUF_INIT;
	struct db_value *row = xcalloc((size_t)t->ncols, sizeof *row);
	struct db_value *key = xcalloc((size_t)nkey, sizeof *key);
	/* the batch's keys, copied: the cursor is gone before the DELETE (one
	 * open cursor per connection) */
	struct valrows ks;
	valrows_init(&ks, nkey);
	struct last_key lo = { .own = STRBUF_INIT }, hi = { .own = STRBUF_INIT };
	int has_lo = 0;
	int rc = -1;
	for (;;) {
		strbuf_reset(&sel);
		strbuf_addstr(&sel, "SELECT ");
		for (int c = 0; c < t->ncols; c++) {
			strbuf_addstr(&sel, c ? ",t." : "t.");
			db_quote_ident(db, &sel, t->cols[c].name);
		}
		const struct db_value *qp = params;
		int nqp = nparams;
		if (keytab) {
			strbuf_addf(&sel, " FROM %s x JOIN ", keytab);
			db_quote_ident(db, &sel, t->name);
			strbuf_addstr(&sel, " t ON t.");
			db_quote_ident(db, &sel, t->cols[keycols[0]].name);
			strbuf_addf(&sel, " = x.k0%s ORDER BY x.k0", has_lo ? " WHERE x.k0 > ?" : "");
			qp = has_lo ? &lo.v : NULL;
			nqp = has_lo;
		} else {
			strbuf_addstr(&sel, " FROM ");
			db_quote_ident(db, &sel, t->name);
			strbuf_addstr(&sel, " t");
			if (where)
				strbuf_addf(&sel, " WHERE %s", where);
		}
		strbuf_addf(&sel, " LIMIT %d", batch);
		double t0 = lr_now();
		struct db_cursor *cur;
		if (db_query(db, sel.buf, qp, nqp, &cur, err) < 0)
			goto out;
		struct journal_batch *jb = NULL;
		if (journal_batch_begin(j, t, &jb, err) < 0) {
			db_cursor_close(cur);
			goto out;
		}
		size_t bytes = 0;
		int n, got = 0;
		valrows_clear(&ks);
		while ((n = db_next(cur, err)) == 1) {
			for (int c = 0; c < t->ncols; c++) {
				db_get(cur, c, &row[c]);
				bytes += row[c].len + 8;
			}
			if (journal_batch_row(jb, row, err) < 0) {
				n = -1;
				break;
			}
			if (keytab) {
				last_key_set(&hi, &row[keycols[0]]);
			} else {
				for (int i = 0; i < nkey; i++)
					key[i] = row[keycols[i]];
				valrows_add(&ks, key);
			}
			got++;
		}
		db_cursor_close(cur);
		if (n < 0 || got == 0) {
			journal_batch_abort(jb);
			if (n < 0)
				goto out;
			break; /* nothing left */
		}
		int no;
		if (journal_batch_seal(jb, &no, err) < 0)
			goto out;
		prune_crash_point();
		if (db_begin(db, err) < 0)
			goto out;
		int64_t removed;
		int drc = keytab ? delete_range(db, t, keycols[0], keytab, &lo, has_lo, &hi, &removed, err)
				 : delete_keys(db, t, keycols, &ks, &removed, err);
		if (drc < 0) {
			db_rollback(db, NULL);
			goto out;
		}
		prune_crash_point();
		/* rows sharing a key (no primary key) may remove more; fewer means
		 * someone else changed the table under us; by primary key the
		 * count is exact */
		if (removed < got || (keytab && removed != got)) {
			db_rollback(db, NULL);
			lr_fail(err, LR_EXIT_FAILED,
				"%s: %d rows selected but %lld deleted (is the portal running?); batch rolled back",
				t->name, got, (long long)removed);
			goto out;
		}
		if (db_commit(db, err) < 0)
			goto out;
		prune_crash_point();
		if (journal_batch_done(j, no, err) < 0)
			goto out;
		*deleted += removed;
		if (keytab) {
			last_key_set(&lo, &hi.v);
			has_lo = 1;
		}
		/* adapt: aim at ~0.5 s per batch and bounded journal batches */
		double dt = lr_now() - t0;
		if (got < batch)
			break; /* that was the last batch */
		if (o->fixed)
			continue;
		if ((dt > 1.0 || bytes > maxbytes) && batch > 10)
			batch /= 2;
		else if (dt < 0.25 && bytes < maxbytes / 2 && batch < maxb)
			batch = batch * 2 > maxb ? maxb : batch * 2;
	}
	rc = 0;
out:
	valrows_free(&ks);
	strbuf_release(&lo.own);
	strbuf_release(&hi.own);
	free(row);
	free(key);
	strbuf_release(&sel);
	return rc;
}

int prune_delete_where(struct db *db, struct journal *j, const char *table, const char *where,
		       const struct db_value *params, int nparams, const struct delete_opts *o,
		       int64_t *deleted, struct lr_err *err)
{
	*deleted = 0;
	const struct db_table *t = db_table_find(db, table);
	if (!t)
		return 0;
	return delete_loop(db, j, t, where, params, nparams, NULL, o, deleted, err);
}

int prune_delete_keyed(struct db *db, struct journal *j, const char *table, const char *keytab,
		       const struct delete_opts *o, int64_t *deleted, struct lr_err *err)
{
	*deleted = 0;
	const struct db_table *t = db_table_find(db, table);
	if (!t)
		return 0;
	return delete_loop(db, j, t, NULL, NULL, 0, keytab, o, deleted, err);
}
