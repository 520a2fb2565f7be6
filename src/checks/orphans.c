/* Orphan checks computed from data: the relation table (one UNION query per
 * check id) and the generic companyId/groupId sweep over the live catalog. */
#include "internal.h"
#include <string.h>
#include <strings.h>

/* Up to three primary-key columns of t (first column when it has no key). */
static int pk_cols(const struct db_table *t, const char *out[3])
{
	int n = 0;
	out[0] = out[1] = out[2] = NULL;
	for (int k = 1; k <= 3; k++)
		for (int i = 0; i < t->ncols; i++)
			if (t->cols[i].pk == k)
				out[n++] = t->cols[i].name;
	if (n == 0 && t->ncols > 0)
		out[n++] = t->cols[0].name;
	return n;
}

static int safe_name(const char *s)
{
	for (; *s; s++)
		if (!(*s == '_' || (*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

/* SELECT list shared by every orphan-row query:
 * tbl, pk, pk2, col, ref, pkcols (hidden). */
static int select_list(struct strbuf *sb, const struct db_table *t, const char *col)
{
	const char *pk[3];
	int n = pk_cols(t, pk);
	/* names are spliced into the template: only plain identifiers */
	for (int i = 0; i < n; i++)
		if (!safe_name(pk[i]))
			return 1;
	if (!safe_name(t->name) || !safe_name(col))
		return 1;
	strbuf_addf(sb, "SELECT '%s' AS tbl, c.[%s.%s] AS pk, ", t->name, t->name, pk[0]);
	if (n > 1)
		strbuf_addf(sb, "c.[%s.%s] AS pk2, ", t->name, pk[1]);
	else
		strbuf_addstr(sb, "CAST(NULL AS {INT}) AS pk2, ");
	strbuf_addf(sb, "'%s' AS col, c.[%s.%s] AS ref, '", col, t->name, col);
	for (int i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? "," : "", pk[i]);
	strbuf_addf(sb, "' AS pkcols FROM {%s} c", t->name);
	return 0;
}

/* Template of one relation's orphan rows, or 1 when its tables are absent. */
static int relation_template(struct check_ctx *x, const struct lr_relation *r, struct strbuf *sb)
{
	const struct db_table *t = db_table_find(x->db, r->child);
	if (!t || !db_table_find(x->db, r->parent) || !db_column_find(t, r->child_col))
		return 1;
	if (select_list(sb, t, r->child_col))
		return 1;
	strbuf_addstr(sb, " WHERE 1 = 1");
	if (r->cn != CN_NONE) {
		const char *key = lr_classname_defs[r->cn].key;
		if (r->flags & REL_BY_NAME)
			strbuf_addf(sb, " AND c.[%s.name] = {CNV:%s}", r->child, key);
		else
			strbuf_addf(sb, " AND c.[%s.classNameId] = {CN:%s}", r->child, key);
	}
	if (r->cond)
		strbuf_addf(sb, " AND %s", r->cond);
	if (r->flags & REL_SKIP_EMPTY)
		strbuf_addf(sb, " AND c.[%s.%s] IS NOT NULL AND c.[%s.%s] <> ''", r->child,
			    r->child_col, r->child, r->child_col);
	if (r->flags & REL_SKIP_ZERO)
		strbuf_addf(sb, " AND c.[%s.%s] IS NOT NULL AND c.[%s.%s] <> 0", r->child,
			    r->child_col, r->child, r->child_col);
	/* text keys (ResourcePermission.primKey) are cast on the child side so the
	 * parent's key index still serves the lookup */
	if (r->flags & REL_TEXT_KEY)
		strbuf_addf(sb, " AND {NUM:c.[%s.%s]} IS NOT NULL AND {NUM:c.[%s.%s]} <> 0", r->child,
			    r->child_col, r->child, r->child_col);
	/* a second target whose table is absent (LayoutRevision before staging
	 * was ever used) simply accepts nothing */
	const char *alt = r->alt_parent && db_table_find(x->db, r->alt_parent) ? r->alt_parent : NULL;
	const char *targets[2][2] = { { r->parent, r->parent_col }, { alt, r->alt_col } };
	for (int k = 0; k < 2 && targets[k][0]; k++) {
		struct strbuf rv = STRBUF_INIT;
		if (r->flags & REL_TEXT_KEY)
			strbuf_addf(&rv, "{NUM:c.[%s.%s]}", r->child, r->child_col);
		else
			strbuf_addf(&rv, "c.[%s.%s]", r->child, r->child_col);
		strbuf_addf(sb, " AND NOT EXISTS (SELECT 1 FROM {%s} p%d WHERE p%d.[%s.%s] = %s",
			    targets[k][0], k, k, targets[k][0], targets[k][1], rv.buf);
		for (int s = 0; s < 2 && k == 0 && r->same[s]; s++)
			strbuf_addf(sb, " AND p%d.[%s.%s] = c.[%s.%s]", k, r->parent, r->same[s],
				    r->child, r->same[s]);
		strbuf_addch(sb, ')');
		strbuf_release(&rv);
	}
	return 0;
}

int check_relations_query(struct check_ctx *x, const char *id, struct check_query *q,
			  struct lr_err *err)
{
	struct strbuf tmpl = STRBUF_INIT;
	int any = 0, rc = 1;
	enum lr_line line = x->v ? x->v->line : LR_LINE_UNKNOWN;
	for (int i = 0; i < lr_nrelations; i++) {
		const struct lr_relation *r = &lr_relations[i];
		struct strbuf one = STRBUF_INIT;
		struct check_query probe;
		if (!r->check || strcmp(r->check, id) || !lr_relation_applies(r, line)) {
			strbuf_release(&one);
			continue;
		}
		if (relation_template(x, r, &one) == 0) {
			/* a relation whose columns are missing drops out alone */
			check_query_init(&probe);
			int e = check_expand(x, one.buf, &probe, err);
			check_query_release(&probe);
			if (e < 0) {
				strbuf_release(&one);
				strbuf_release(&tmpl);
				return -1;
			}
			if (e == 0) {
				if (any)
					strbuf_addstr(&tmpl, " UNION ALL ");
				strbuf_addstr(&tmpl, one.buf);
				any = 1;
			}
		}
		strbuf_release(&one);
	}
	if (any)
		rc = check_expand(x, tmpl.buf, q, err);
	strbuf_release(&tmpl);
	return rc;
}

int check_relations(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		    struct lr_err *err)
{
	struct check_query q;
	int rc;
	check_query_init(&q);
	rc = check_relations_query(x, d->id, &q, err);
	if (rc == 0)
		rc = check_stream(x, d, &q, s, err);
	check_query_release(&q);
	return rc;
}

static int excluded(const char *t)
{
	for (const char *const *e = lr_sweep_exclusions; *e; e++)
		if (!strcasecmp(*e, t))
			return 1;
	return 0;
}

/* orphan.companyid / orphan.groupid: d->key names the column, d->table the parent. */
int check_sweep(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		struct lr_err *err)
{
	struct lr_err e2 = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(x->db, &e2);
	const struct db_table *parent = db_table_find(x->db, d->table);
	if (!cat || !parent || !db_column_find(parent, d->key))
		return 1;
	for (int i = 0; i < cat->ntables; i++) {
		const struct db_table *t = &cat->tables[i];
		const struct db_column *col = db_column_find(t, d->key);
		struct strbuf tmpl = STRBUF_INIT;
		struct check_query q;
		int rc;
		if (!col || col->kind != DB_INT || t == parent || excluded(t->name) || !safe_name(t->name) ||
		    !safe_name(col->name))
			continue;
		if (select_list(&tmpl, t, col->name)) {
			strbuf_release(&tmpl);
			continue;
		}
		strbuf_addf(&tmpl, " WHERE c.[%s.%s] IS NOT NULL AND c.[%s.%s] <> 0 AND NOT EXISTS "
			    "(SELECT 1 FROM {%s} p WHERE p.[%s.%s] = c.[%s.%s])", t->name, col->name,
			    t->name, col->name, parent->name, parent->name, d->key, t->name, col->name);
		check_query_init(&q);
		rc = check_expand(x, tmpl.buf, &q, err);
		if (rc == 0)
			rc = check_stream(x, d, &q, s, err);
		check_query_release(&q);
		strbuf_release(&tmpl);
		if (rc < 0) {
			lr_err_prefix(err, "table %s: ", t->name);
			return -1;
		}
	}
	return 0;
}
