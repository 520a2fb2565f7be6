/* Undo (journal.h): replay sealed batches newest first, each in one
 * transaction, replacing rows by key; move journaled files back. */
#include "journal.h"
#include "valrows.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- undo -------------------------------------------------------------------------- */

#define UNDO_CHUNK 200

struct undo_ctx {
	struct db *db;
	struct db_table *t;     /* the live table (for spelling) */
	struct strbuf del, ins;
	struct valrows chunk;   /* the pending rows, copied */
	int64_t rows;
	const struct db_table *jt;
};


static int npk(const struct db_table *t)
{
	int n = 0;
	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].pk)
			n++;
	return n;
}

/* Put back the pending rows: delete any row with the same key, insert the
 * journaled one. Done inside the caller's transaction. */
static int undo_flush(struct undo_ctx *u, struct lr_err *err)
{
	if (!u->chunk.nrows)
		return 0;
	const struct db_table *jt = u->jt;
	int keys = npk(jt);
	struct strbuf del = STRBUF_INIT, ins = STRBUF_INIT;
	struct db_value *dp = xcalloc((size_t)u->chunk.nrows * (size_t)jt->ncols + 1, sizeof *dp);
	int ndp = 0;
	for (int r = 0; r < u->chunk.nrows; r++) {
		const struct db_value *row = &u->chunk.v[r * jt->ncols];
		strbuf_reset(&del);
		ndp = 0;
		strbuf_addstr(&del, "DELETE FROM ");
		db_quote_ident(u->db, &del, u->t->name);
		strbuf_addstr(&del, " WHERE ");
		int first = 1;
		for (int c = 0; c < jt->ncols; c++) {
			if (keys && !jt->cols[c].pk)
				continue;
			if (!first)
				strbuf_addstr(&del, " AND ");
			first = 0;
			db_quote_ident(u->db, &del, jt->cols[c].name);
			if (row[c].kind == DB_NULL) {
				strbuf_addstr(&del, " IS NULL");
			} else {
				strbuf_addstr(&del, " = ?");
				dp[ndp++] = row[c];
			}
		}
		if (db_exec(u->db, del.buf, dp, ndp, NULL, err) < 0)
			goto fail;
	}
	strbuf_addstr(&ins, "INSERT INTO ");
	db_quote_ident(u->db, &ins, u->t->name);
	strbuf_addstr(&ins, " (");
	for (int c = 0; c < jt->ncols; c++) {
		if (c)
			strbuf_addch(&ins, ',');
		db_quote_ident(u->db, &ins, jt->cols[c].name);
	}
	strbuf_addstr(&ins, ") VALUES ");
	for (int r = 0; r < u->chunk.nrows; r++) {
		strbuf_addstr(&ins, r ? ",(" : "(");
		for (int c = 0; c < jt->ncols; c++)
			strbuf_addstr(&ins, c ? ",?" : "?");
		strbuf_addch(&ins, ')');
	}
	if (db_exec(u->db, ins.buf, u->chunk.v, u->chunk.nrows * jt->ncols, NULL, err) < 0)
		goto fail;
	u->rows += u->chunk.nrows;
	free(dp);
	strbuf_release(&del);
	strbuf_release(&ins);
	valrows_clear(&u->chunk);
	return 0;
fail:
	free(dp);
	strbuf_release(&del);
	strbuf_release(&ins);
	return -1;
}

static int undo_row(void *ctx, const struct db_table *jt, const struct db_value *vals, struct lr_err *err)
{
	struct undo_ctx *u = ctx;
	if (!vals)
		return undo_flush(u, err);
	if (!u->t) {
		u->t = (struct db_table *)db_table_find(u->db, jt->name);
		if (!u->t)
			return lr_fail(err, LR_EXIT_FAILED,
				       "undo: table %s is gone from the database; cannot put its rows back",
				       jt->name);
		u->jt = jt;
	}
	if (!u->chunk.width)
		valrows_init(&u->chunk, jt->ncols);
	valrows_add(&u->chunk, vals);
	if (u->chunk.nrows >= UNDO_CHUNK)
		return undo_flush(u, err);
	return 0;
}

static int undo_files(struct journal *j, struct undo_stats *st, struct lr_err *err)
{
	struct strbuf log = STRBUF_INIT;
	strbuf_addf(&log, "%s/files.tsv", journal_dir(j));
	FILE *f = fopen(log.buf, "r");
	strbuf_release(&log);
	if (!f)
		return 0;
	char line[PATH_MAX + 64];
	int rc = 0;
	while (fgets(line, sizeof line, f)) {
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t1 || !t2)
			continue;
		*t1 = *t2 = '\0';
		char *orig = t1 + 1, *stored = t2 + 1;
		stored[strcspn(stored, "\n")] = '\0';
		struct strbuf from = STRBUF_INIT;
		strbuf_addf(&from, "%s/%s", journal_dir(j), stored);
		struct stat s;
		if (lstat(from.buf, &s) == 0 && lstat(orig, &s) < 0) {
			/* recreate the parent directory the prune may have emptied */
			char *slash = strrchr(orig, '/');
			if (slash) {
				*slash = '\0';
				struct strbuf mk = STRBUF_INIT;
				for (char *p = orig + 1; ; p++) {
					if (*p == '/' || *p == '\0') {
						char c = *p;
						*p = '\0';
						mkdir(orig, 0755);
						*p = c;
						if (!c)
							break;
					}
				}
				strbuf_release(&mk);
				*slash = '/';
			}
			if (journal_move(from.buf, orig, err) < 0) {
				rc = -1;
				strbuf_release(&from);
				break;
			}
			st->files++;
		}
		strbuf_release(&from);
	}
	fclose(f);
	return rc;
}

int journal_undo(struct journal *j, struct db *db, struct undo_stats *st, struct lr_err *err)
{
	memset(st, 0, sizeof *st);
	int last = journal_last_batch(j);
	for (int no = last; no >= 1; no--) {
		struct undo_ctx u = { .db = db };
		if (db_begin(db, err) < 0)
			return -1;
		int rc = journal_read_batch(j, no, undo_row, &u, err);
		valrows_free(&u.chunk);
		if (rc < 0) {
			db_rollback(db, NULL);
			lr_err_prefix(err, "undo of batch %d", no);
			return -1;
		}
		if (rc == 1) { /* no such batch (numbering gap) */
			db_rollback(db, NULL);
			continue;
		}
		if (db_commit(db, err) < 0)
			return -1;
		st->batches++;
		st->rows += u.rows;
	}
	/* unsealed batches: their deletes never ran */
	DIR *d = opendir(journal_dir(j));
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (strstr(e->d_name, ".rows.zst.tmp"))
				st->skipped_tmp++;
		closedir(d);
	}
	return undo_files(j, st, err);
}
