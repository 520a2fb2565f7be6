#include "cascade_int.h"
#include "../db/ddl.h"
#include "../liferay/relations.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Relations prune follows beyond the shared table: they are not orphan
 * checks of their own, but Liferay's delete services remove these rows. */
#define U LR_LINE_UNKNOWN
static const struct lr_relation prune_relations[] = {
	/* the staging group goes with its live site (liferay-domain.md §4.1) */
	{ .child = "Group_", .child_col = "liveGroupId", .parent = "Group_", .parent_col = "groupId",
	  .min = U, .max = U, .flags = REL_CASCADE | REL_SKIP_ZERO },
	/* the article's resource row, once no version is left */
	{ .child = "JournalArticleResource", .child_col = "resourcePrimKey", .parent = "JournalArticle",
	  .parent_col = "resourcePrimKey", .min = U, .max = U, .flags = REL_CASCADE },
	/* images of one version (6.2-7.1) */
	{ .child = "JournalArticleImage", .child_col = "articleId", .parent = "JournalArticle",
	  .parent_col = "articleId", .same = { "groupId", "version" }, .min = U, .max = U,
	  .flags = REL_CASCADE },
	/* the user's portrait */
	{ .child = "Image", .child_col = "imageId", .parent = "User_", .parent_col = "portraitId",
	  .min = U, .max = U, .flags = REL_CASCADE | REL_SKIP_ZERO },
};
#undef U

/* Children whose text key starts with the parent's id and a separator:
 * the portlet permissions of a page, ResourcePermission.primKey =
 * '<plid>_LAYOUT_<portletId>' (liferay-domain.md §2.4.5). */
static const struct prefix_relation {
	const char *child, *child_col, *sep, *parent, *parent_col;
} prefix_relations[] = {
	{ "ResourcePermission", "primKey", "_LAYOUT_", "Layout", "plid" },
};

struct doomed *find(struct cascade *c, const char *table)
{
	for (int i = 0; i < c->n; i++)
		if (!strcasecmp(c->t[i].table, table))
			return &c->t[i];
	return NULL;
}

int cascade_new(struct db *db, const struct lr_version *v, struct cascade **out, struct lr_err *err)
{
	struct cascade *c = xcalloc(1, sizeof *c);
	c->db = db;
	if (v)
		c->v = *v;
	if (lr_classnames_load(db, v, &c->cn, err) < 0) {
		free(c);
		return -1;
	}
	*out = c;
	return 0;
}

void cascade_free(struct cascade *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++) {
		struct doomed *d = &c->t[i];
		struct strbuf sql = STRBUF_INIT;
		strbuf_addf(&sql, "DROP TABLE %s", d->d);
		db_exec(c->db, sql.buf, NULL, 0, NULL, NULL);
		strbuf_reset(&sql);
		strbuf_addf(&sql, "DROP TABLE %s", d->e);
		db_exec(c->db, sql.buf, NULL, 0, NULL, NULL);
		strbuf_release(&sql);
		free(d->table);
		free(d->d);
		free(d->e);
		for (int k = 0; k < d->npk; k++)
			free(d->pkcols[k]);
		free(d->pkcols);
		free(d->pred);
	}
	for (int i = 0; i < c->ngone; i++) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addf(&sql, "DROP TABLE %s", c->gone[i].tab);
		db_exec(c->db, sql.buf, NULL, 0, NULL, NULL);
		strbuf_release(&sql);
		free(c->gone[i].parent);
		free(c->gone[i].col);
		free(c->gone[i].tab);
	}
	free(c->gone);
	free(c->t);
	free(c->seen);
	free(c);
}

static void key_list(struct cascade *c, struct strbuf *sb, const struct doomed *d, const char *alias)
{
	for (int k = 0; k < d->npk; k++) {
		if (k)
			strbuf_addch(sb, ',');
		if (alias)
			strbuf_addf(sb, "%s.", alias);
		db_quote_ident(c->db, sb, d->pkcols[k]);
	}
}

static void tmp_cols(struct strbuf *sb, int n)
{
	for (int k = 0; k < n; k++)
		strbuf_addf(sb, "%sk%d", k ? "," : "", k);
}

/* "(a.k1,a.k2) IN (SELECT k0,k1 FROM e)" — one column needs no parentheses */
static void in_doomed(struct cascade *c, struct strbuf *sb, const struct doomed *d, const char *alias,
		      int negate)
{
	if (d->npk > 1)
		strbuf_addch(sb, '(');
	key_list(c, sb, d, alias);
	if (d->npk > 1)
		strbuf_addch(sb, ')');
	strbuf_addstr(sb, negate ? " NOT IN (SELECT " : " IN (SELECT ");
	tmp_cols(sb, d->npk);
	strbuf_addf(sb, " FROM %s)", d->e);
}

/* The doomed-set record for table (created on first use). NULL if the table
 * does not exist. */
static struct doomed *doomed_for(struct cascade *c, const char *table, struct lr_err *err, int *failed)
{
	struct doomed *d = find(c, table);
	if (d)
		return d;
	const struct db_table *t = db_table_find(c->db, table);
	if (!t)
		return NULL;
	d = find(c, t->name);
	if (d)
		return d;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->t = xrealloc(c->t, (size_t)c->cap * sizeof *c->t);
	}
	d = &c->t[c->n];
	memset(d, 0, sizeof *d);
	d->table = xstrdup(t->name);
	d->order = c->n;
	d->pkcols = xcalloc((size_t)t->ncols + 1, sizeof(char *));
	for (int pos = 1; pos <= t->ncols; pos++)
		for (int i = 0; i < t->ncols; i++)
			if (t->cols[i].pk == pos)
				d->pkcols[d->npk++] = xstrdup(t->cols[i].name);
	int keyed = d->keyed = d->npk > 0;
	if (!d->npk) /* no primary key: identify rows by all columns */
		for (int i = 0; i < t->ncols; i++)
			d->pkcols[d->npk++] = xstrdup(t->cols[i].name);
	c->seq++;
	struct strbuf name = STRBUF_INIT;
	strbuf_addf(&name, "lrprep_d%d", c->seq);
	d->d = strbuf_detach(&name, NULL);
	strbuf_addf(&name, "lrprep_e%d", c->seq);
	d->e = strbuf_detach(&name, NULL);
	c->n++;
	for (int twin = 0; twin < 2; twin++) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addf(&sql, "CREATE TEMPORARY TABLE %s (", twin ? d->e : d->d);
		for (int k = 0; k < d->npk; k++) {
			const struct db_column *col = db_column_find(t, d->pkcols[k]);
			strbuf_addf(&sql, "%sk%d ", k ? ", " : "", k);
			ddl_type(db_engine(c->db), col->decl, col->kind, &sql);
		}
		/* the twin is probed once per candidate row (IN / NOT IN): without
		 * a key MariaDB scans it for each, quadratic on a big prune. It holds
		 * distinct keys (sync_twin); d takes duplicates, so it has none */
		if (twin && keyed) {
			strbuf_addstr(&sql, ", PRIMARY KEY (");
			for (int k = 0; k < d->npk; k++)
				strbuf_addf(&sql, "%sk%d", k ? ", " : "", k);
			strbuf_addch(&sql, ')');
		}
		strbuf_addch(&sql, ')');
		int rc = db_exec(c->db, sql.buf, NULL, 0, NULL, err);
		strbuf_release(&sql);
		if (rc < 0) {
			*failed = 1;
			return NULL;
		}
	}
	struct strbuf p = STRBUF_INIT;
	in_doomed(c, &p, d, NULL, 0);
	d->pred = strbuf_detach(&p, NULL);
	return d;
}

/* Empty a temporary table whole: a row-by-row DELETE of a million keys costs
 * seconds (SQLite's unqualified DELETE is its truncate). */
static int empty_table(struct cascade *c, const char *tab, struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addf(&sql, "%s %s", db_engine(c->db) == DB_SQLITE ? "DELETE FROM" : "TRUNCATE TABLE", tab);
	int rc = db_exec(c->db, sql.buf, NULL, 0, NULL, err);
	strbuf_release(&sql);
	return rc;
}

/* Move the keys added this round from d into its twin e (reads never touch
 * the insert target). d holds only this round's additions, none of them in e
 * already (add_rows excludes e): the copy costs the delta, not the set. */
static int sync_twin(struct cascade *c, struct doomed *d, struct lr_err *err)
{
	if (!d->pending)
		return 0;
	struct strbuf sql = STRBUF_INIT;
	/* two relations may doom the same row in one round: count it once. One
	 * insert of a keyed table's own keys holds no duplicates. */
	strbuf_addf(&sql, "INSERT INTO %s SELECT %s* FROM %s", d->e, d->pending == 1 && d->keyed ? "" : "DISTINCT ",
		    d->d);
	int64_t n = 0;
	int rc = db_exec(c->db, sql.buf, NULL, 0, &n, err);
	if (rc == 0)
		rc = empty_table(c, d->d, err);
	d->rows += n;
	d->pending = 0;
	strbuf_release(&sql);
	return rc;
}

/* Expand a template: "[col]" and "c.[col]" become the catalog spelling of
 * col in t, qualified with alias; everything else is copied. -1 when t has
 * no such column (the condition cannot apply to this database). */
int expand_template(struct cascade *c, const struct db_table *t, const char *alias,
			   const char *tpl, struct strbuf *out)
{
	for (const char *p = tpl; *p; p++) {
		if (p[0] == 'c' && p[1] == '.' && p[2] == '[')
			p += 2; /* the template's own alias: we write ours */
		if (*p != '[') {
			strbuf_addch(out, *p);
			continue;
		}
		const char *end = strchr(p, ']');
		char name[128];
		size_t n = end ? (size_t)(end - p - 1) : sizeof name;
		if (n >= sizeof name)
			return -1;
		memcpy(name, p + 1, n);
		name[n] = '\0';
		const struct db_column *col = db_column_find(t, name);
		if (!col)
			return -1;
		if (alias)
			strbuf_addf(out, "%s.", alias);
		db_quote_ident(c->db, out, col->name);
		p = end;
	}
	return 0;
}

/* INSERT INTO d(keys) SELECT keys FROM table c WHERE <cond> AND keys NOT IN e */
static int add_rows(struct cascade *c, struct doomed *d, const char *cond, const struct db_value *p,
		    int np, int64_t *added, struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addf(&sql, "INSERT INTO %s (", d->d);
	tmp_cols(&sql, d->npk);
	strbuf_addstr(&sql, ") SELECT ");
	key_list(c, &sql, d, "c");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(c->db, &sql, d->table);
	strbuf_addf(&sql, " c WHERE (%s) AND ", cond);
	in_doomed(c, &sql, d, "c", 1);
	int rc = db_exec(c->db, sql.buf, p, np, added, err);
	if (rc == 0 && *added > 0)
		d->pending++; /* inserts into d since the last sync */
	strbuf_release(&sql);
	return rc;
}

int cascade_seed(struct cascade *c, const char *table, const char *pred, const struct db_value *p,
		 int np, struct lr_err *err)
{
	int failed = 0;
	struct doomed *d = doomed_for(c, table, err, &failed);
	if (!d)
		return failed ? -1 : 0;
	const struct db_table *t = db_table_find(c->db, d->table);
	struct strbuf cond = STRBUF_INIT;
	if (expand_template(c, t, "c", pred, &cond) < 0) {
		strbuf_release(&cond);
		return 0; /* a column this database does not have: nothing to seed */
	}
	int64_t n;
	int rc = add_rows(c, d, cond.buf, p, np, &n, err);
	if (rc == 0)
		rc = sync_twin(c, d, err);
	strbuf_release(&cond);
	return rc;
}

void cast_text(struct cascade *c, struct strbuf *sb, const char *expr)
{
	switch (db_engine(c->db)) {
	case DB_MARIADB: strbuf_addf(sb, "CAST(%s AS CHAR)", expr); break;
	default: strbuf_addf(sb, "CAST(%s AS TEXT)", expr); break;
	}
}

/* One relation: doom the children of doomed parents that no surviving
 * parent (or alternative parent) still matches. */
static int64_t doomed_rows(struct cascade *c, const char *table)
{
	struct doomed *d = table ? find(c, table) : NULL;
	return d ? d->rows : 0;
}

/* Is col the whole primary key of t? Then one parent row per value. */
int sole_key(const struct db_table *t, const struct db_column *col)
{
	if (col->pk != 1)
		return 0;
	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].pk > 1)
			return 0;
	return 1;
}

/* The gone values of pt.pc (see struct gone), up to date with dp. */
static struct gone *gone_values(struct cascade *c, struct doomed *dp, const struct db_table *pt,
				const struct db_column *pc, struct lr_err *err)
{
	struct gone *g = NULL;
	for (int i = 0; i < c->ngone && !g; i++)
		if (!strcasecmp(c->gone[i].parent, pt->name) && !strcasecmp(c->gone[i].col, pc->name))
			g = &c->gone[i];
	struct strbuf sql = STRBUF_INIT;
	if (!g) {
		if (c->ngone == c->gonecap) {
			c->gonecap = c->gonecap ? c->gonecap * 2 : 8;
			c->gone = xrealloc(c->gone, (size_t)c->gonecap * sizeof *c->gone);
		}
		g = &c->gone[c->ngone];
		memset(g, 0, sizeof *g);
		g->at = -1;
		strbuf_addf(&sql, "lrprep_g%d", c->ngone);
		g->tab = strbuf_detach(&sql, NULL);
		strbuf_addf(&sql, "CREATE TEMPORARY TABLE %s (v ", g->tab);
		ddl_type(db_engine(c->db), pc->decl, pc->kind, &sql);
		/* probed once per child row: keyed when the type can be */
		strbuf_addstr(&sql, pc->kind == DB_INT ? " PRIMARY KEY)" : ")");
		if (db_exec(c->db, sql.buf, NULL, 0, NULL, err) < 0) {
			free(g->tab);
			strbuf_release(&sql);
			return NULL;
		}
		g->parent = xstrdup(pt->name);
		g->col = xstrdup(pc->name);
		c->ngone++;
	}
	if (g->at == dp->rows) {
		strbuf_release(&sql);
		return g;
	}
	int rc = empty_table(c, g->tab, err);
	/* a value is gone when every row holding it is doomed */
	strbuf_reset(&sql);
	strbuf_addf(&sql, "INSERT INTO %s SELECT p.", g->tab);
	db_quote_ident(c->db, &sql, pc->name);
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(c->db, &sql, pt->name);
	strbuf_addf(&sql, " p LEFT JOIN %s x ON ", dp->e);
	for (int k = 0; k < dp->npk; k++) {
		strbuf_addf(&sql, "%sx.k%d = p.", k ? " AND " : "", k);
		db_quote_ident(c->db, &sql, dp->pkcols[k]);
	}
	strbuf_addstr(&sql, " WHERE p.");
	db_quote_ident(c->db, &sql, pc->name);
	strbuf_addstr(&sql, " IS NOT NULL GROUP BY p.");
	db_quote_ident(c->db, &sql, pc->name);
	strbuf_addstr(&sql, " HAVING COUNT(x.k0) = COUNT(*)");
	if (rc == 0)
		rc = db_exec(c->db, sql.buf, NULL, 0, &g->n, err);
	strbuf_release(&sql);
	if (rc < 0)
		return NULL;
	g->at = dp->rows;
	return g;
}

static int follow(struct cascade *c, const struct lr_relation *r, struct seen *seen, int64_t *added,
		  struct lr_err *err)
{
	*added = 0;
	struct doomed *dp = find(c, r->parent);
	if (!dp || dp->rows == 0)
		return 0;
	struct seen now = { dp->rows, doomed_rows(c, r->alt_parent) };
	if (now.parent == seen->parent && now.alt == seen->alt)
		return 0;
	*seen = now;
	const struct db_table *ct = db_table_find(c->db, r->child);
	const struct db_table *pt = db_table_find(c->db, dp->table);
	if (!ct || !pt)
		return 0;
	const struct db_column *cc = db_column_find(ct, r->child_col);
	const struct db_column *pc = db_column_find(pt, r->parent_col);
	if (!cc || !pc)
		return 0;
	for (int s = 0; s < 2 && r->same[s]; s++)
		if (!db_column_find(ct, r->same[s]) || !db_column_find(pt, r->same[s]))
			return 0;
	struct db_value params[2];
	int np = 0;
	struct strbuf cond = STRBUF_INIT, ref = STRBUF_INIT, pcol = STRBUF_INIT;
	strbuf_addstr(&ref, "c.");
	db_quote_ident(c->db, &ref, cc->name);
	if (r->flags & REL_SKIP_ZERO)
		strbuf_addf(&cond, "%s <> 0 AND ", ref.buf);
	if (r->cn != CN_NONE) {
		if (r->flags & REL_BY_NAME) {
			const char *nm = c->cn.value[r->cn];
			const struct db_column *ncol = db_column_find(ct, "name");
			if (!nm || !ncol)
				goto none;
			strbuf_addstr(&cond, "c.");
			db_quote_ident(c->db, &cond, ncol->name);
			strbuf_addstr(&cond, " = ? AND ");
			params[np++] = db_text(nm);
		} else {
			const struct db_column *ncol = db_column_find(ct, "classNameId");
			if (!ncol || c->cn.id[r->cn] < 0)
				goto none;
			strbuf_addstr(&cond, "c.");
			db_quote_ident(c->db, &cond, ncol->name);
			strbuf_addstr(&cond, " = ? AND ");
			params[np++] = db_int(c->cn.id[r->cn]);
		}
	}
	if (r->cond) {
		if (expand_template(c, ct, "c", r->cond, &cond) < 0)
			goto none;
		strbuf_addstr(&cond, " AND ");
	}
	/* The common cases need no parent probe at all: a child pointing at the
	 * parent's whole key probes the doomed keys; one pointing at a
	 * non-unique column probes the values no surviving parent holds. */
	int direct = sole_key(pt, pc) && !r->same[0] && dp->keyed && dp->npk == 1 &&
		     !strcasecmp(dp->pkcols[0], pc->name);
	int by_gone = !direct && !r->same[0] && dp->keyed;
	if (direct || by_gone) {
		struct gone *g = by_gone ? gone_values(c, dp, pt, pc, err) : NULL;
		if (by_gone && !g) {
			lr_err_prefix(err, "cascade %s.%s -> %s.%s", r->child, r->child_col, r->parent,
				      r->parent_col);
			strbuf_release(&cond);
			strbuf_release(&ref);
			strbuf_release(&pcol);
			return -1;
		}
		if (by_gone && g->n == 0)
			goto none; /* no value of this column lost its last row */
		strbuf_addf(&cond, "%s IN (SELECT ", ref.buf);
		if (r->flags & REL_TEXT_KEY)
			cast_text(c, &cond, direct ? "k0" : "v");
		else
			strbuf_addstr(&cond, direct ? "k0" : "v");
		strbuf_addf(&cond, " FROM %s)", direct ? dp->e : g->tab);
	}
	/* parent column, as text when the child keeps the key as text */
	int text_in = !direct && !by_gone && (r->flags & REL_TEXT_KEY) && !r->same[0];
	for (int pass = 0; pass < 2 && text_in; pass++) {
		/* a cast parent key defeats the parent's index: correlated, every
		 * child row would scan the parent table (quadratic on a big prune).
		 * Uncorrelated, the doomed / surviving parents' keys are
		 * materialised once (DISTINCT derived table) and probed */
		const char *alias = pass ? "q" : "p";
		struct strbuf raw = STRBUF_INIT;
		strbuf_addf(&raw, "%s.", alias);
		db_quote_ident(c->db, &raw, pc->name);
		strbuf_reset(&pcol);
		cast_text(c, &pcol, raw.buf);
		strbuf_addf(&cond, "%s %s (SELECT k FROM (SELECT DISTINCT %s AS k FROM ", ref.buf,
			    pass ? "NOT IN" : "IN", pcol.buf);
		db_quote_ident(c->db, &cond, pt->name);
		/* NOT IN over a NULL would match nothing */
		strbuf_addf(&cond, " %s WHERE %s IS NOT NULL AND ", alias, raw.buf);
		in_doomed(c, &cond, dp, alias, pass);
		strbuf_addf(&cond, ") %sk)%s", alias, pass ? "" : " AND ");
		strbuf_release(&raw);
	}
	/* pass 1 (no surviving parent matches) is implied by pass 0 when the
	 * parent column is the parent's whole key */
	int passes = direct || by_gone ? 0 : sole_key(pt, pc) ? 1 : 2;
	for (int pass = 0; pass < passes && !text_in; pass++) {
		const char *alias = pass ? "q" : "p";
		strbuf_reset(&pcol);
		struct strbuf raw = STRBUF_INIT;
		strbuf_addf(&raw, "%s.", alias);
		db_quote_ident(c->db, &raw, pc->name);
		if (r->flags & REL_TEXT_KEY)
			cast_text(c, &pcol, raw.buf);
		else
			strbuf_addstr(&pcol, raw.buf);
		strbuf_release(&raw);
		/* pass 0: some doomed parent matches; pass 1: no surviving parent does */
		strbuf_addstr(&cond, pass ? "NOT EXISTS (SELECT 1 FROM " : "EXISTS (SELECT 1 FROM ");
		db_quote_ident(c->db, &cond, pt->name);
		strbuf_addf(&cond, " %s WHERE %s = %s", alias, pcol.buf, ref.buf);
		for (int s = 0; s < 2 && r->same[s]; s++) {
			strbuf_addf(&cond, " AND %s.", alias);
			db_quote_ident(c->db, &cond, db_column_find(pt, r->same[s])->name);
			strbuf_addstr(&cond, " = c.");
			db_quote_ident(c->db, &cond, db_column_find(ct, r->same[s])->name);
		}
		strbuf_addstr(&cond, " AND ");
		in_doomed(c, &cond, dp, alias, pass);
		strbuf_addstr(&cond, pass || passes == 1 ? ")" : ") AND ");
	}
	/* the alternative target must not survive either */
	if (r->alt_parent) {
		const struct db_table *at = db_table_find(c->db, r->alt_parent);
		const struct db_column *ac = at ? db_column_find(at, r->alt_col) : NULL;
		if (at && ac) {
			struct doomed *da = find(c, at->name);
			strbuf_addstr(&cond, " AND NOT EXISTS (SELECT 1 FROM ");
			db_quote_ident(c->db, &cond, at->name);
			strbuf_addstr(&cond, " a WHERE a.");
			db_quote_ident(c->db, &cond, ac->name);
			strbuf_addf(&cond, " = %s", ref.buf);
			if (da && da->rows) {
				strbuf_addstr(&cond, " AND ");
				in_doomed(c, &cond, da, "a", 1);
			}
			strbuf_addch(&cond, ')');
		}
	}
	int failed = 0;
	struct doomed *dc = doomed_for(c, ct->name, err, &failed);
	int rc = failed ? -1 : 0;
	if (dc && rc == 0)
		rc = add_rows(c, dc, cond.buf, params, np, added, err);
	if (rc < 0)
		lr_err_prefix(err, "cascade %s.%s -> %s.%s", r->child, r->child_col, r->parent, r->parent_col);
	strbuf_release(&cond);
	strbuf_release(&ref);
	strbuf_release(&pcol);
	return rc;
none:
	strbuf_release(&cond);
	strbuf_release(&ref);
	strbuf_release(&pcol);
	return 0;
}

/* The part of col before sep, in this engine's SQL (sep is a constant). */
static void text_before(struct cascade *c, struct strbuf *sb, const char *col, const char *sep)
{
	switch (db_engine(c->db)) {
	case DB_MARIADB: strbuf_addf(sb, "SUBSTRING_INDEX(%s, '%s', 1)", col, sep); break;
	case DB_PGSQL: strbuf_addf(sb, "split_part(%s, '%s', 1)", col, sep); break;
	default: strbuf_addf(sb, "substr(%s, 1, instr(%s, '%s') - 1)", col, col, sep); break;
	}
}

static int follow_prefix(struct cascade *c, const struct prefix_relation *r, struct seen *seen,
			 int64_t *added, struct lr_err *err)
{
	*added = 0;
	struct doomed *dp = find(c, r->parent);
	const struct db_table *ct = db_table_find(c->db, r->child);
	const struct db_table *pt = db_table_find(c->db, r->parent);
	if (!dp || dp->rows == 0 || !ct || !pt || dp->rows == seen->parent)
		return 0;
	seen->parent = dp->rows;
	const struct db_column *cc = db_column_find(ct, r->child_col);
	const struct db_column *pc = db_column_find(pt, r->parent_col);
	if (!cc || !pc)
		return 0;
	struct strbuf col = STRBUF_INIT, cond = STRBUF_INIT, pcol = STRBUF_INIT;
	strbuf_addstr(&col, "c.");
	db_quote_ident(c->db, &col, cc->name);
	strbuf_addstr(&pcol, "p.");
	db_quote_ident(c->db, &pcol, pc->name);
	/* '!' escapes LIKE's '_' the same way on every engine */
	strbuf_addf(&cond, "%s LIKE '%%", col.buf);
	for (const char *p = r->sep; *p; p++) {
		if (*p == '_' || *p == '%' || *p == '!')
			strbuf_addch(&cond, '!');
		strbuf_addch(&cond, *p);
	}
	strbuf_addstr(&cond, "%' ESCAPE '!' AND ");
	text_before(c, &cond, col.buf, r->sep);
	strbuf_addstr(&cond, " IN (SELECT ");
	cast_text(c, &cond, pcol.buf);
	strbuf_addstr(&cond, " FROM ");
	db_quote_ident(c->db, &cond, pt->name);
	strbuf_addstr(&cond, " p WHERE ");
	in_doomed(c, &cond, dp, "p", 0);
	strbuf_addch(&cond, ')');
	int failed = 0;
	struct doomed *dc = doomed_for(c, ct->name, err, &failed);
	int rc = failed ? -1 : 0;
	if (dc && rc == 0)
		rc = add_rows(c, dc, cond.buf, NULL, 0, added, err);
	strbuf_release(&col);
	strbuf_release(&cond);
	strbuf_release(&pcol);
	return rc;
}

static int excluded_from_sweep(const char *table)
{
	for (const char *const *x = lr_sweep_exclusions; *x; x++)
		if (!strcasecmp(*x, table))
			return 1;
	return 0;
}

/* Rows of every catalog table whose groupId (companyId) belongs to a doomed
 * Group_ (Company): the site's (instance's) data in every table, plugin
 * tables included. */
static int sweep(struct cascade *c, const char *owner, const char *col, int64_t *added,
		 struct lr_err *err)
{
	*added = 0;
	struct doomed *d = find(c, owner);
	if (!d || d->rows == 0 || d->swept == d->rows)
		return 0;
	/* doomed_for() below may grow c->t: keep an index, not a pointer */
	int di = (int)(d - c->t);
	const struct db_catalog *cat = db_catalog(c->db, err);
	if (!cat)
		return -1;
	const struct db_table *ot = db_table_find(c->db, owner);
	const struct db_column *oc = db_column_find(ot, col);
	if (!oc)
		return 0;
	/* snapshot the names first: doomed_for may reload nothing, but keep it simple */
	int n = cat->ntables;
	char **names = xcalloc((size_t)n + 1, sizeof(char *));
	for (int i = 0; i < n; i++)
		names[i] = xstrdup(cat->tables[i].name);
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		const struct db_table *t = db_table_find(c->db, names[i]);
		const struct db_column *tc = t ? db_column_find(t, col) : NULL;
		/* the owner table itself is not swept; the orphan checks' exclusions
		 * list Group_ and Company as definitions, but an instance's sites
		 * are rows of its own that must go with it */
		if (!tc || !strcasecmp(t->name, ot->name) || !strncmp(t->name, "lrprep_", 7))
			continue;
		if (excluded_from_sweep(t->name) && strcasecmp(t->name, "Group_") != 0)
			continue;
		struct strbuf cond = STRBUF_INIT;
		strbuf_addstr(&cond, "c.");
		db_quote_ident(c->db, &cond, tc->name);
		strbuf_addstr(&cond, " IN (SELECT o.");
		db_quote_ident(c->db, &cond, oc->name);
		strbuf_addstr(&cond, " FROM ");
		db_quote_ident(c->db, &cond, ot->name);
		strbuf_addstr(&cond, " o WHERE ");
		in_doomed(c, &cond, &c->t[di], "o", 0);
		strbuf_addch(&cond, ')');
		int failed = 0;
		struct doomed *dt = doomed_for(c, t->name, err, &failed);
		int64_t got = 0;
		if (failed)
			rc = -1;
		else if (dt)
			rc = add_rows(c, dt, cond.buf, NULL, 0, &got, err);
		*added += got;
		strbuf_release(&cond);
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == 0)
		c->t[di].swept = (int)c->t[di].rows;
	return rc;
}

#define NPRUNE_REL (int)(sizeof prune_relations / sizeof prune_relations[0])
#define NPREFIX_REL (int)(sizeof prefix_relations / sizeof prefix_relations[0])

int cascade_expand(struct cascade *c, struct lr_err *err)
{
	if (!c->seen)
		c->seen = xcalloc((size_t)(lr_nrelations + NPRUNE_REL + NPREFIX_REL), sizeof *c->seen);
	/* the seeds may have left keys in d */
	for (int i = 0; i < c->n; i++)
		if (sync_twin(c, &c->t[i], err) < 0)
			return -1;
	for (int round = 0; round < 64; round++) {
		int64_t total = 0, n;
		/* group/company sweeps */
		if (sweep(c, "Group_", "groupId", &n, err) < 0)
			return -1;
		total += n;
		if (sweep(c, "Company", "companyId", &n, err) < 0)
			return -1;
		total += n;
		for (int pass = 0; pass < 2; pass++) {
			const struct lr_relation *rels = pass ? prune_relations : lr_relations;
			int nrel = pass ? NPRUNE_REL : lr_nrelations;
			struct seen *seen = c->seen + (pass ? lr_nrelations : 0);
			for (int i = 0; i < nrel; i++) {
				const struct lr_relation *r = &rels[i];
				if (!(r->flags & REL_CASCADE) || !lr_relation_applies(r, c->v.line))
					continue;
				double t0 = lr_now();
				if (follow(c, r, &seen[i], &n, err) < 0)
					return -1;
				double dt = lr_now() - t0;
				if (dt > 0.05)
					lr_verbose("cascade round %d: %s.%s -> %s.%s: %lld rows, %.2f s", round, r->child,
						   r->child_col, r->parent, r->parent_col, (long long)n, dt);
				total += n;
			}
		}
		for (int i = 0; i < NPREFIX_REL; i++) {
			if (follow_prefix(c, &prefix_relations[i], &c->seen[lr_nrelations + NPRUNE_REL + i], &n,
					  err) < 0)
				return -1;
			total += n;
		}
		double s0 = lr_now();
		for (int i = 0; i < c->n; i++)
			if (sync_twin(c, &c->t[i], err) < 0)
				return -1;
		lr_verbose("cascade round %d: %lld rows doomed, sets updated in %.2f s", round, (long long)total,
			   lr_now() - s0);
		if (total == 0)
			return 0;
	}
	return lr_fail(err, LR_EXIT_FAILED, "the cascade did not settle after 64 rounds");
}

static int cmp_rows(const void *a, const void *b)
{
	const struct doomed *x = *(const struct doomed *const *)a, *y = *(const struct doomed *const *)b;
	if (x->rows != y->rows)
		return x->rows > y->rows ? -1 : 1;
	return strcasecmp(x->table, y->table);
}

json_t *cascade_counts(struct cascade *c, struct lr_err *err)
{
	(void)err;
	struct doomed **v = xcalloc((size_t)c->n + 1, sizeof *v);
	for (int i = 0; i < c->n; i++)
		v[i] = &c->t[i];
	qsort(v, (size_t)c->n, sizeof *v, cmp_rows);
	json_t *o = json_object();
	for (int i = 0; i < c->n; i++)
		if (v[i]->rows)
			json_object_set_new(o, v[i]->table, json_integer(v[i]->rows));
	free(v);
	return o;
}

const char *cascade_pred(struct cascade *c, const char *table)
{
	struct doomed *d = find(c, table);
	return d && d->rows ? d->pred : NULL;
}
