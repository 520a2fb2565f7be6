/* After the fixpoint (cascade.h): delete every doomed row, journaled,
 * children first; then probe the removed keys for rows still pointing at them. */
#include "cascade_int.h"
#include "../liferay/relations.h"
#include "../util/clock.h"
#include "../util/log.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

int cascade_delete(struct cascade *c, struct journal *j, const struct delete_opts *o, json_t *deleted,
		   struct lr_err *err)
{
	/* children were discovered after their parents: delete newest first */
	for (int i = c->n - 1; i >= 0; i--) {
		struct doomed *d = &c->t[i];
		if (!d->rows)
			continue;
		int64_t n = 0;
		double t0 = lr_now();
		/* a one-column primary key: walk the doomed keys in order */
		int r = d->keyed && d->npk == 1 ? prune_delete_keyed(c->db, j, d->table, d->e, o, &n, err)
					       : prune_delete_where(c->db, j, d->table, d->pred, NULL, 0, o, &n, err);
		if (r < 0) {
			lr_err_prefix(err, "deleting from %s", d->table);
			return -1;
		}
		lr_verbose("prune: %-28s %7.2f s  %lld rows", d->table, lr_now() - t0, (long long)n);
		json_t *prev = json_object_get(deleted, d->table);
		json_object_set_new(deleted, d->table, json_integer(n + (prev ? json_integer_value(prev) : 0)));
	}
	return 0;
}

/* After the deletes: rows that still point at a removed row, probing only the
 * removed keys (the doomed sets are kept until cascade_free). Relations whose
 * parent column is the parent's whole primary key are checked: their removed
 * values are exactly the doomed keys. A child with a live alternative target
 * is not dangling. */
json_t *cascade_dangling(struct cascade *c, struct lr_err *err)
{
	json_t *out = json_array(), *byid = json_object();
	for (int i = 0; i < lr_nrelations; i++) {
		const struct lr_relation *r = &lr_relations[i];
		struct doomed *dp = find(c, r->parent);
		if (!dp || !dp->rows || !dp->keyed || dp->npk != 1 || r->same[0] ||
		    !lr_relation_applies(r, c->v.line))
			continue;
		const struct db_table *ct = db_table_find(c->db, r->child);
		const struct db_table *pt = db_table_find(c->db, dp->table);
		const struct db_column *cc = ct ? db_column_find(ct, r->child_col) : NULL;
		const struct db_column *pc = pt ? db_column_find(pt, r->parent_col) : NULL;
		if (!cc || !pc || !sole_key(pt, pc) || strcasecmp(dp->pkcols[0], pc->name))
			continue;
		struct strbuf sql = STRBUF_INIT, ref = STRBUF_INIT;
		struct db_value p[1];
		int np = 0, skip = 0;
		strbuf_addstr(&ref, "c.");
		db_quote_ident(c->db, &ref, cc->name);
		strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
		db_quote_ident(c->db, &sql, ct->name);
		strbuf_addf(&sql, " c WHERE %s IN (SELECT ", ref.buf);
		if (r->flags & REL_TEXT_KEY)
			cast_text(c, &sql, "k0");
		else
			strbuf_addstr(&sql, "k0");
		strbuf_addf(&sql, " FROM %s)", dp->e);
		if (r->cn != CN_NONE) {
			const struct db_column *ncol = db_column_find(ct, (r->flags & REL_BY_NAME) ? "name" : "classNameId");
			skip = !ncol || ((r->flags & REL_BY_NAME) ? !c->cn.value[r->cn] : c->cn.id[r->cn] < 0);
			if (!skip) {
				strbuf_addstr(&sql, " AND c.");
				db_quote_ident(c->db, &sql, ncol->name);
				strbuf_addstr(&sql, " = ?");
				p[np++] = (r->flags & REL_BY_NAME) ? db_text(c->cn.value[r->cn]) : db_int(c->cn.id[r->cn]);
			}
		}
		if (!skip && r->cond) {
			strbuf_addstr(&sql, " AND ");
			skip = expand_template(c, ct, "c", r->cond, &sql) < 0;
		}
		if (!skip && r->alt_parent) {
			const struct db_table *at = db_table_find(c->db, r->alt_parent);
			const struct db_column *ac = at ? db_column_find(at, r->alt_col) : NULL;
			if (at && ac) {
				strbuf_addstr(&sql, " AND NOT EXISTS (SELECT 1 FROM ");
				db_quote_ident(c->db, &sql, at->name);
				strbuf_addstr(&sql, " a WHERE a.");
				db_quote_ident(c->db, &sql, ac->name);
				strbuf_addf(&sql, " = %s)", ref.buf);
			}
		}
		int64_t n = 0;
		int rc = skip ? 0 : db_query_int(c->db, sql.buf, p, np, &n, err);
		strbuf_release(&sql);
		strbuf_release(&ref);
		if (rc < 0) {
			lr_err_prefix(err, "dangling %s.%s -> %s.%s", r->child, r->child_col, r->parent, r->parent_col);
			json_decref(out);
			json_decref(byid);
			return NULL;
		}
		if (n == 0)
			continue;
		char id[200];
		snprintf(id, sizeof id, "%s", r->check ? r->check : r->child);
		json_t *f = json_object_get(byid, id);
		if (f) {
			json_object_set_new(f, "count", json_integer(json_integer_value(json_object_get(f, "count")) + n));
			continue;
		}
		f = json_pack("{s:s, s:I, s:s++++}", "id", id, "count", (json_int_t)n, "title", r->child, ".",
			      r->child_col, " -> removed ", r->parent);
		json_object_set(byid, id, f);
		json_array_append_new(out, f);
	}
	/* a removed user's content is kept (Liferay reassigns it later): the
	 * rows of every table whose userId names a removed user */
	struct doomed *du = find(c, "User_");
	const struct db_catalog *cat = du && du->rows && du->keyed && du->npk == 1 ? db_catalog(c->db, err) : NULL;
	int64_t users = 0;
	for (int i = 0; cat && i < cat->ntables; i++) {
		const struct db_table *t = &cat->tables[i];
		const struct db_column *uc = db_column_find(t, "userId");
		if (!uc || uc->kind != DB_INT || !strcasecmp(t->name, du->table) || !strncmp(t->name, "lrprep_", 7))
			continue;
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, "SELECT COUNT(*) FROM ");
		db_quote_ident(c->db, &sql, t->name);
		strbuf_addstr(&sql, " WHERE ");
		db_quote_ident(c->db, &sql, uc->name);
		strbuf_addf(&sql, " IN (SELECT k0 FROM %s)", du->e);
		int64_t n = 0;
		int rc = db_query_int(c->db, sql.buf, NULL, 0, &n, err);
		strbuf_release(&sql);
		if (rc < 0) {
			json_decref(out);
			json_decref(byid);
			return NULL;
		}
		users += n;
	}
	if (users)
		json_array_append_new(out, json_pack("{s:s, s:I, s:s}", "id", "orphan.userid", "count", (json_int_t)users,
						     "title", "content of removed users (kept by design: Liferay reassigns it)"));
	json_decref(byid);
	return out;
}
