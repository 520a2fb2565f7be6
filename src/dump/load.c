/* Dump events -> a database. One bulk loader is open at a time, for the
 * table (and column list) of the rows arriving; it is closed when the rows
 * move on to another table. Index definitions are kept and built at the
 * end, once the data is in. */
#include "load.h"
#include "../db/ddl.h"
#include "input.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

struct ltable {
	char *name;
	char **cols;   /* declared order */
	int ncols;
};

struct lindex {
	char *table, *name;
	char **cols;
	int ncols, unique;
	uint64_t line;
};

struct dump_load {
	struct db *db;
	struct dump_load_hooks hooks;
	struct dump_sink sink;
	struct dump_load_stats st;
	int in_tx;             /* SQLite: the one transaction is open */
	struct ltable *tables;
	size_t tcap;
	struct lindex *ix;
	size_t ixcap;
	int nix;
	/* the open loader */
	struct db_loader *ld;
	struct ltable *ld_table;
	char **ld_cols;
	int ld_ncols;
};

static void free_strv(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char **dup_strv(const char *const *v, int n)
{
	char **o = xcalloc((size_t)n + 1, sizeof *o);
	for (int i = 0; i < n; i++)
		o[i] = xstrdup(v[i]);
	return o;
}

static struct ltable *find_table(struct dump_load *l, const char *name)
{
	for (int i = 0; i < l->st.tables; i++)
		if (!strcmp(l->tables[i].name, name))
			return &l->tables[i];
	for (int i = 0; i < l->st.tables; i++)
		if (!strcasecmp(l->tables[i].name, name))
			return &l->tables[i];
	return NULL;
}

int dump_load_has_table(const struct dump_load *l, const char *name)
{
	for (int i = 0; i < l->st.tables; i++)
		if (!strcasecmp(l->tables[i].name, name))
			return 1;
	return 0;
}

static int close_loader(struct dump_load *l, int commit, struct lr_err *err)
{
	if (!l->ld)
		return 0;
	int rc = db_load_end(l->ld, commit, err);
	l->ld = NULL;
	l->ld_table = NULL;
	free_strv(l->ld_cols, l->ld_ncols);
	l->ld_cols = NULL;
	l->ld_ncols = 0;
	return rc;
}

static int on_table(void *ctx, const struct dump_table *t, struct lr_err *err)
{
	struct dump_load *l = ctx;
	if (close_loader(l, 1, err) < 0)
		return -1;
	struct ddl_column *cols = xcalloc((size_t)t->ncols + 1, sizeof *cols);
	for (int i = 0; i < t->ncols; i++)
		cols[i] = (struct ddl_column){ t->cols[i].name, t->cols[i].decl, t->cols[i].kind, t->cols[i].notnull };
	int rc = db_create_table(l->db, t->name, cols, t->ncols, t->pk, t->npk, err);
	free(cols);
	if (rc < 0)
		return -1;
	if (db_engine(l->db) == DB_MARIADB && !(t->charset && !strcasecmp(t->charset, "utf8mb4"))) {
		/* keys sized for 3-byte utf8 (Liferay's on MySQL 5) exceed InnoDB's
		 * 3072-byte limit in utf8mb4: keep the dump's 3-byte charset */
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, "ALTER TABLE ");
		db_quote_ident(l->db, &sql, t->name);
		strbuf_addstr(&sql, " CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_bin");
		rc = db_exec(l->db, sql.buf, NULL, 0, NULL, err);
		strbuf_release(&sql);
		if (rc < 0)
			return -1;
	}
	XGROW(l->tables, l->tcap, (size_t)l->st.tables + 1);
	struct ltable *lt = &l->tables[l->st.tables++];
	lt->name = xstrdup(t->name);
	lt->ncols = t->ncols;
	lt->cols = xcalloc((size_t)t->ncols + 1, sizeof *lt->cols);
	for (int i = 0; i < t->ncols; i++)
		lt->cols[i] = xstrdup(t->cols[i].name);
	return 0;
}

static int same_cols(const struct dump_load *l, const char *const *names, int n)
{
	if (l->ld_ncols != n)
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(l->ld_cols[i], names[i]) != 0)
			return 0;
	return 1;
}

static int on_row(void *ctx, const char *table, const char *const *colnames, int nvals,
		  const struct db_value *vals, const struct dump_loc *loc, struct lr_err *err)
{
	struct dump_load *l = ctx;
	struct ltable *t = l->ld_table;
	if (!t || (t->name != table && strcmp(t->name, table) != 0)) {
		t = find_table(l, table);
		if (!t)
			return lr_fail(err, LR_EXIT_INPUT, "%s:%llu:%llu: rows for unknown table %s", loc->file,
				       (unsigned long long)loc->line, (unsigned long long)loc->col, table);
	}
	const char *const *names = colnames ? colnames : (const char *const *)t->cols;
	if (t != l->ld_table || !same_cols(l, names, nvals)) {
		if (close_loader(l, 1, err) < 0)
			return -1;
		if (db_load_begin(l->db, t->name, names, nvals, &l->ld, err) < 0)
			return -1;
		l->ld_table = t;
		l->ld_cols = dup_strv(names, nvals);
		l->ld_ncols = nvals;
	}
	if (db_load_row(l->ld, vals, err) < 0) {
		lr_err_prefix(err, "%s:%llu:%llu: loading a row of %s", loc->file, (unsigned long long)loc->line,
			      (unsigned long long)loc->col, t->name);
		return -1;
	}
	l->st.rows++;
	return 0;
}

static int on_index(void *ctx, const struct dump_index *ix, struct lr_err *err)
{
	(void)err;
	struct dump_load *l = ctx;
	XGROW(l->ix, l->ixcap, (size_t)l->nix + 1);
	struct lindex *x = &l->ix[l->nix++];
	x->table = xstrdup(ix->table);
	x->name = xstrdup(ix->name ? ix->name : "");
	x->cols = dup_strv(ix->cols, ix->ncols);
	x->ncols = ix->ncols;
	x->unique = ix->unique;
	return 0;
}

static void on_notice(void *ctx, const struct dump_loc *loc, const char *msg)
{
	struct dump_load *l = ctx;
	l->st.notices++;
	if (l->hooks.notice)
		l->hooks.notice(l->hooks.ctx, loc, msg);
}

static void on_progress(void *ctx, uint64_t raw, uint64_t total)
{
	struct dump_load *l = ctx;
	if (l->hooks.progress)
		l->hooks.progress(l->hooks.ctx, raw, total, l->st.rows);
}

struct dump_load *dump_load_new(struct db *db, const struct dump_load_hooks *hooks)
{
	struct dump_load *l = xcalloc(1, sizeof *l);
	l->db = db;
	if (hooks)
		l->hooks = *hooks;
	l->sink.ctx = l;
	l->sink.table = on_table;
	l->sink.row = on_row;
	l->sink.index = on_index;
	l->sink.notice = on_notice;
	l->sink.progress = on_progress;
	if (db_engine(db) == DB_SQLITE) {
		struct lr_err e = LR_ERR_INIT;
		l->in_tx = db_begin(db, &e) == 0;
	}
	return l;
}

int dump_load_sqlite_fast(struct db *db, struct lr_err *err)
{
	/* the file is a temp name renamed only on success: a crash loses
	 * nothing worth a journal */
	return db_exec(db,
		       "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;"
		       " PRAGMA locking_mode=EXCLUSIVE; PRAGMA foreign_keys=OFF",
		       NULL, 0, NULL, err);
}

struct dump_sink *dump_load_sink(struct dump_load *l) { return &l->sink; }
const struct dump_load_stats *dump_load_stats(const struct dump_load *l) { return &l->st; }

/* Index names are per table in MySQL but per database in SQLite and
 * PostgreSQL: make each unique. */
static void index_name(struct dump_load *l, int k, struct strbuf *out)
{
	const struct lindex *x = &l->ix[k];
	strbuf_reset(out);
	if (!x->name[0] || !strcasecmp(x->name, "PRIMARY"))
		strbuf_addf(out, "%s_%s", x->table, x->name[0] ? "pkey" : x->cols[0]);
	else
		strbuf_addstr(out, x->name);
	for (int j = 0; j < k; j++) {
		const struct lindex *y = &l->ix[j];
		if (y->name && !strcasecmp(y->name, out->buf)) {
			struct strbuf tmp = STRBUF_INIT;
			strbuf_addf(&tmp, "%s_%s", x->table, out->buf);
			strbuf_reset(out);
			strbuf_addstr(out, tmp.buf);
			strbuf_release(&tmp);
			j = -1; /* check the new name again */
		}
	}
}

int dump_load_finish(struct dump_load *l, struct lr_err *err)
{
	if (close_loader(l, 1, err) < 0)
		return -1;
	if (db_engine(l->db) == DB_MARIADB && db_catalog_reload(l->db, err) < 0)
		return -1;
	lr_verbose("%" PRId64 " rows loaded; creating %d indexes", l->st.rows, l->nix);
	struct strbuf name = STRBUF_INIT;
	for (int k = 0; k < l->nix; k++) {
		struct lindex *x = &l->ix[k];
		struct ltable *t = find_table(l, x->table);
		index_name(l, k, &name);
		/* the final name is what later indexes must not reuse */
		free(x->name);
		x->name = xstrdup(name.buf);
		if (!t) {
			if (l->hooks.notice) {
				struct dump_loc loc = { "", 0, 0 };
				char msg[300];
				snprintf(msg, sizeof msg, "index %.100s on unknown table %.100s not created", x->name,
					 x->table);
				l->hooks.notice(l->hooks.ctx, &loc, msg);
			}
			l->st.notices++;
			continue;
		}
		if (db_create_index(l->db, t->name, x->name, (const char *const *)x->cols, x->ncols, x->unique,
				    err) < 0) {
			strbuf_release(&name);
			return -1;
		}
		l->st.indexes++;
	}
	strbuf_release(&name);
	lr_verbose("indexes created; committing");
	if (l->in_tx) {
		l->in_tx = 0;
		if (db_commit(l->db, err) < 0)
			return -1;
	}
	return db_catalog_reload(l->db, err);
}

void dump_load_abort(struct dump_load *l)
{
	struct lr_err e = LR_ERR_INIT;
	close_loader(l, 0, &e);
	if (l->in_tx) {
		l->in_tx = 0;
		db_rollback(l->db, &e);
	}
	if (db_engine(l->db) != DB_SQLITE)
		for (int i = 0; i < l->st.tables; i++)
			db_drop_table_if_exists(l->db, l->tables[i].name, &e);
}

void dump_load_free(struct dump_load *l)
{
	if (!l)
		return;
	if (l->ld) {
		struct lr_err e = LR_ERR_INIT;
		close_loader(l, 0, &e);
	}
	for (int i = 0; i < l->st.tables; i++) {
		free(l->tables[i].name);
		free_strv(l->tables[i].cols, l->tables[i].ncols);
	}
	free(l->tables);
	for (int i = 0; i < l->nix; i++) {
		free(l->ix[i].table);
		free(l->ix[i].name);
		free_strv(l->ix[i].cols, l->ix[i].ncols);
	}
	free(l->ix);
	free(l);
}

/* The tables every Liferay database has, whatever the version. */
static const char *const liferay_core[] = { "Release_", "Group_", "Company", "User_" };

int dump_load_is_liferay(const struct dump_load *l)
{
	for (size_t i = 0; i < sizeof liferay_core / sizeof liferay_core[0]; i++)
		if (!dump_load_has_table(l, liferay_core[i]))
			return 0;
	return 1;
}

int dump_import_sqlite(const char *dump, const char *format, const char *sqlite_path,
		       const struct dump_load_hooks *hooks, struct dump_load_stats *stats,
		       int *is_liferay, struct lr_err *err)
{
	const struct dump_reader *rd = dump_reader_find(format);
	if (!rd)
		return lr_fail(err, LR_EXIT_USAGE, "unknown dump format '%s' (mysqldump, pg_dump, hsqldb)", format);
	struct input *in = NULL;
	if (input_open(dump, &in, err) < 0)
		return -1;
	size_t tl = strlen(sqlite_path) + 16;
	char *tmp = xmalloc(tl);
	snprintf(tmp, tl, "%s.tmp-XXXXXX", sqlite_path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		lr_fail(err, LR_EXIT_FAILED, "cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		input_close(in);
		return -1;
	}
	/* mkstemp makes the file private; a copy gets the usual mode */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	close(fd);
	struct db_conninfo ci = { 0 };
	ci.engine = DB_SQLITE;
	ci.path = tmp;
	ci.create = 1;
	struct db *db = NULL;
	struct dump_load *l = NULL;
	int rc = -1;
	if (db_open(&ci, &db, err) < 0 || dump_load_sqlite_fast(db, err) < 0)
		goto out;
	l = dump_load_new(db, hooks);
	if (rd->read(in, dump_load_sink(l), err) < 0 || dump_load_finish(l, err) < 0) {
		dump_load_abort(l);
		goto out;
	}
	/* a normal database from now on */
	if (db_exec(db, "PRAGMA journal_mode=DELETE", NULL, 0, NULL, err) < 0)
		goto out;
	if (stats)
		*stats = *dump_load_stats(l);
	int keep = 1;
	if (is_liferay) {
		*is_liferay = dump_load_is_liferay(l);
		keep = *is_liferay;
	}
	rc = 0;
out:
	dump_load_free(l);
	db_close(db);
	input_close(in);
	if (rc == 0 && !keep)
		rc = 1; /* not an error, but nothing to keep */
	else if (rc == 0 && rename(tmp, sqlite_path) != 0)
		rc = lr_fail(err, LR_EXIT_FAILED, "cannot rename %s to %s: %s", tmp, sqlite_path, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc < 0 ? -1 : 0;
}
