/* lrprep plan: every object the unused/orphan checks select, with its
 * identity, the rule, and an estimate of the rows (per table) and bytes its
 * removal frees. Dependent rows are counted set-based: one GROUP BY query per
 * relation (liferay/relations.c) or, for sites and instances, per catalog
 * table with a groupId/companyId column; never one query per object. */
#include "internal.h"
#include <openssl/evp.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "../util/xalloc.h"

struct planner {
	struct db *db;
	const char *const *kinds;
	json_t *objects;   /* array */
	json_t *index;     /* "kind\x1fkey" -> position in objects */
	json_t *bytes_per_row; /* table -> real (avg bytes) or null */
	int (*each)(void *ctx, const json_t *obj); /* streaming: see plan_opts */
	void *each_ctx;
};

static void key_text(struct strbuf *sb, const char *kind, const char *table, const struct db_value *k1,
		     const struct db_value *k2)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s\x1f%s\x1f", kind, table ? table : "");
	for (int i = 0; i < 2; i++) {
		const struct db_value *v = i ? k2 : k1;
		if (!v)
			continue;
		if (v->kind == DB_INT || v->kind == DB_BOOL)
			strbuf_addf(sb, "%lld", (long long)v->i);
		else if (v->kind == DB_REAL)
			strbuf_addf(sb, "%.17g", v->r);
		else if (v->s)
			strbuf_add(sb, v->s, v->len);
		strbuf_addch(sb, '\x1f');
	}
}

static const struct db_value *col(const struct checks_object *o, const char *name)
{
	for (int i = 0; i < o->n; i++)
		if (!strcasecmp(o->names[i], name))
			return &o->vals[i];
	return NULL;
}

static int on_object(void *ctx, const struct checks_object *o)
{
	struct planner *p = ctx;
	struct strbuf k = STRBUF_INIT;
	json_t *obj, *key, *ident;
	const char *table;
	int orphan = !strcmp(o->kind, "orphan-row");
	if (o->n < 1)
		return 0;
	if (p->kinds) {
		int keep = 0;
		for (const char *const *k = p->kinds; *k && !keep; k++)
			keep = !strcmp(*k, o->kind) || (orphan && !strcmp(*k, "orphan"));
		if (!keep)
			return 0;
	}
	if (orphan) {
		const struct db_value *tbl = col(o, "tbl"), *pk = col(o, "pk"), *pk2 = col(o, "pk2");
		if (!tbl || !pk)
			return 0;
		char *t = xstrndup(tbl->s ? tbl->s : "", tbl->len);
		const char *real = db_table_name(p->db, t);
		key_text(&k, o->kind, real ? real : t, pk, pk2 && pk2->kind != DB_NULL ? pk2 : NULL);
		table = NULL;
		json_t *hit = p->each ? NULL : json_object_get(p->index, k.buf);
		if (hit) {
			/* the same row found by a second rule: note it, count it once */
			json_t *prev = json_array_get(p->objects, (size_t)json_integer_value(hit));
			json_t *also = json_object_get(prev, "alsoRules");
			if (!also)
				json_object_set_new(prev, "alsoRules", also = json_array());
			json_array_append_new(also, json_string(o->check_id));
			free(t);
			strbuf_release(&k);
			return 0;
		}
		key = json_object();
		ident = json_object();
		for (int i = 0; i < o->n; i++)
			json_object_set_new(ident, o->names[i], checks_value_json(&o->vals[i]));
		/* the key under the table's own column names ("pkcols": "userId,groupId") */
		const struct db_value *pkc = NULL;
		for (int i = 0; i < o->nall; i++)
			if (!strcmp(o->names[i], "pkcols"))
				pkc = &o->vals[i];
		char *cols = pkc && pkc->s ? xstrndup(pkc->s, pkc->len) : xstrdup("pk,pk2");
		char *c2 = strchr(cols, ',');
		if (c2)
			*c2++ = 0;
		json_object_set_new(key, cols, checks_value_json(pk));
		if (pk2 && pk2->kind != DB_NULL)
			json_object_set_new(key, c2 && *c2 ? c2 : "pk2", checks_value_json(pk2));
		free(cols);
		obj = json_pack("{s:s, s:s}", "kind", o->kind, "table", real ? real : t);
		free(t);
	} else {
		const char *real = db_table_name(p->db, o->table);
		table = real ? real : o->table;
		key_text(&k, o->kind, table, &o->vals[0], NULL);
		if (!p->each && json_object_get(p->index, k.buf)) {
			strbuf_release(&k);
			return 0;
		}
		key = json_object();
		json_object_set_new(key, o->names[0], checks_value_json(&o->vals[0]));
		ident = json_object();
		for (int i = 0; i < o->n; i++)
			json_object_set_new(ident, o->names[i], checks_value_json(&o->vals[i]));
		obj = json_pack("{s:s, s:s}", "kind", o->kind, "table", table);
	}
	json_object_set_new(obj, "key", key);
	json_object_set_new(obj, "identity", ident);
	json_object_set_new(obj, "rule", json_string(o->check_id));
	/* Liferay reassigns rows of deleted users instead of deleting them */
	if (!strcmp(o->check_id, "orphan.userid"))
		json_object_set_new(obj, "action", json_string("reassign"));
	if (p->each) { /* matching needs kind, table, key and identity only */
		int rc = p->each(p->each_ctx, obj);
		json_decref(obj);
		strbuf_release(&k);
		return rc;
	}
	json_object_set_new(obj, "reason", json_string(o->reason));
	/* the object's own row; estimate() adds the dependent ones */
	json_t *rows = json_object();
	json_object_set_new(rows, json_string_value(json_object_get(obj, "table")), json_integer(1));
	json_object_set_new(obj, "rows", rows);
	json_object_set_new(p->index, k.buf, json_integer((json_int_t)json_array_size(p->objects)));
	json_array_append_new(p->objects, obj);
	strbuf_release(&k);
	return 0;
}

/* Add `n` dependent rows of `child` to the object of (kind, table, key). */
static void add_rows(struct planner *p, const char *kind, const char *table, int64_t key,
		     const char *child, int64_t n)
{
	struct strbuf k = STRBUF_INIT;
	struct db_value v = db_int(key);
	key_text(&k, kind, table, &v, NULL);
	json_t *hit = json_object_get(p->index, k.buf);
	strbuf_release(&k);
	if (!hit)
		return;
	json_t *obj = json_array_get(p->objects, (size_t)json_integer_value(hit));
	json_t *rows = json_object_get(obj, "rows");
	json_t *cur = json_object_get(rows, child);
	json_object_set_new(rows, child, json_integer(json_integer_value(cur) + n));
}

/* SELECT ref, COUNT(*) ... GROUP BY ref over one child table; rows go to
 * every planned object of the kind whose key matches. */
static int count_children(struct check_ctx *x, struct planner *p, const char *kind,
			  const char *table, const char *tmpl, const char *child, struct lr_err *err)
{
	struct check_query q;
	struct db_cursor *c;
	int rc;
	check_query_init(&q);
	rc = check_expand(x, tmpl, &q, err);
	if (rc) {
		check_query_release(&q);
		return rc < 0 ? -1 : 0;
	}
	if (db_query(x->db, q.sql.buf, q.params, q.nparams, &c, err) < 0) {
		check_query_release(&q);
		return -1;
	}
	while ((rc = db_next(c, err)) > 0) {
		const char *ref = db_get_text(c, 0);
		char *end;
		long long id;
		if (!ref)
			continue;
		id = strtoll(ref, &end, 10);
		if (*end)
			continue; /* a text key that is no id (e.g. <plid>_LAYOUT_...) */
		add_rows(p, kind, table, id, child, db_get_int(c, 1));
	}
	db_cursor_close(c);
	check_query_release(&q);
	return rc < 0 ? -1 : 0;
}

static const struct { const char *kind, *sweep_col; } sweeps[] = {
	{ "site", "groupId" }, { "instance", "companyId" },
};

static int estimate(struct check_ctx *x, struct planner *p, const char *kind, const char *deftable,
		    const char *key, struct lr_err *err)
{
	const char *table = db_table_name(x->db, deftable);
	const char *sweep = NULL;
	enum lr_line line = x->v ? x->v->line : LR_LINE_UNKNOWN;
	struct strbuf t = STRBUF_INIT;
	if (!table)
		return 0;
	for (size_t i = 0; i < sizeof sweeps / sizeof sweeps[0]; i++)
		if (!strcmp(sweeps[i].kind, kind))
			sweep = sweeps[i].sweep_col;
	for (int i = 0; i < lr_nrelations; i++) {
		const struct lr_relation *r = &lr_relations[i];
		const struct db_table *ct = db_table_find(x->db, r->child);
		if (!(r->flags & REL_CASCADE) || strcasecmp(r->parent, deftable) ||
		    strcasecmp(r->parent_col, key) || !lr_relation_applies(r, line) || !ct)
			continue;
		if (sweep && !strcasecmp(r->child_col, sweep))
			continue; /* counted by the sweep below */
		strbuf_reset(&t);
		strbuf_addf(&t, "SELECT c.[%s.%s], COUNT(*) FROM {%s} c WHERE 1 = 1", r->child,
			    r->child_col, r->child);
		if (r->cn != CN_NONE) {
			if (r->flags & REL_BY_NAME)
				strbuf_addf(&t, " AND c.[%s.name] = {CNV:%s}", r->child,
					    lr_classname_defs[r->cn].key);
			else
				strbuf_addf(&t, " AND c.[%s.classNameId] = {CN:%s}", r->child,
					    lr_classname_defs[r->cn].key);
		}
		if (r->cond)
			strbuf_addf(&t, " AND %s", r->cond);
		strbuf_addf(&t, " GROUP BY c.[%s.%s]", r->child, r->child_col);
		if (count_children(x, p, kind, table, t.buf, ct->name, err) < 0) {
			strbuf_release(&t);
			return -1;
		}
	}
	if (sweep) {
		struct lr_err e2 = LR_ERR_INIT;
		const struct db_catalog *cat = db_catalog(x->db, &e2);
		for (int i = 0; cat && i < cat->ntables; i++) {
			const struct db_table *ct = &cat->tables[i];
			const struct db_column *cc = db_column_find(ct, sweep);
			if (!cc || cc->kind != DB_INT || !strcasecmp(ct->name, table))
				continue;
			strbuf_reset(&t);
			strbuf_addstr(&t, "SELECT ");
			db_quote_ident(x->db, &t, cc->name);
			strbuf_addstr(&t, ", COUNT(*) FROM ");
			db_quote_ident(x->db, &t, ct->name);
			strbuf_addstr(&t, " GROUP BY ");
			db_quote_ident(x->db, &t, cc->name);
			/* names come quoted from the catalog: no template expansion needed,
			 * but braces in exotic names must not reach the expander */
			if (strchr(t.buf, '{') || strchr(t.buf, '['))
				continue;
			if (count_children(x, p, kind, table, t.buf, ct->name, err) < 0) {
				strbuf_release(&t);
				return -1;
			}
		}
	}
	strbuf_release(&t);
	return 0;
}

static double avg_row_bytes(struct planner *p, const char *table)
{
	json_t *hit = json_object_get(p->bytes_per_row, table);
	if (hit)
		return json_is_real(hit) ? json_real_value(hit) : -1;
	int64_t bytes = db_table_bytes(p->db, table), rows = 0;
	struct lr_err e = LR_ERR_INIT;
	double avg = -1;
	if (bytes >= 0 && db_table_rows(p->db, table, &rows, &e) == 0 && rows > 0)
		avg = (double)bytes / (double)rows;
	json_object_set_new(p->bytes_per_row, table, avg >= 0 ? json_real(avg) : json_null());
	return avg;
}

static void add_bytes(struct planner *p, json_t *totals)
{
	size_t i;
	json_t *o;
	json_int_t all = 0;
	int known = 1;
	json_t *trows = json_object();
	json_array_foreach(p->objects, i, o) {
		const char *t;
		json_t *n;
		double b = 0;
		int ok = 1;
		json_object_foreach(json_object_get(o, "rows"), t, n) {
			double avg = avg_row_bytes(p, t);
			if (avg < 0)
				ok = 0;
			else
				b += avg * (double)json_integer_value(n);
			json_t *cur = json_object_get(trows, t);
			json_object_set_new(trows, t, json_integer(json_integer_value(cur) + json_integer_value(n)));
		}
		json_object_set_new(o, "bytes", ok ? json_integer((json_int_t)(b + 0.5)) : json_null());
		if (ok)
			all += (json_int_t)(b + 0.5);
		else
			known = 0;
	}
	json_object_set_new(totals, "objects", json_integer((json_int_t)json_array_size(p->objects)));
	json_object_set_new(totals, "rows", trows);
	json_object_set_new(totals, "bytes", json_integer(all));
	json_object_set_new(totals, "bytesComplete", json_boolean(known));
}

/* Database identity: companies, portal build, and a fingerprint that also
 * covers classNameIds (assigned at install, so two installs differ). */
static json_t *identity(struct check_ctx *x, struct lr_err *err)
{
	json_t *id = json_object(), *companies = json_array();
	struct strbuf fp = STRBUF_INIT, sql = STRBUF_INIT;
	struct db_cursor *c;
	int64_t build = x->v ? x->v->build_number : 0;
	const struct db_table *co = db_table_find(x->db, "Company");
	if (co && db_column_find(co, "webId")) {
		strbuf_addstr(&sql, "SELECT ");
		db_quote_ident(x->db, &sql, db_column_find(co, "companyId")->name);
		strbuf_addstr(&sql, ", ");
		db_quote_ident(x->db, &sql, db_column_find(co, "webId")->name);
		strbuf_addstr(&sql, " FROM ");
		db_quote_ident(x->db, &sql, co->name);
		strbuf_addstr(&sql, " ORDER BY 1");
		if (db_query(x->db, sql.buf, NULL, 0, &c, err) < 0) {
			json_decref(id);
			json_decref(companies);
			strbuf_release(&sql);
			return NULL;
		}
		while (db_next(c, err) > 0) {
			const char *w = db_get_text(c, 1);
			int64_t cid = db_get_int(c, 0);
			json_array_append_new(companies, json_pack("{s:I, s:s}", "companyId", (json_int_t)cid,
								   "webId", w ? w : ""));
			strbuf_addf(&fp, "%lld:%s;", (long long)cid, w ? w : "");
		}
		db_cursor_close(c);
	}
	if (!build) {
		struct check_query q;
		check_query_init(&q);
		if (check_expand(x, "SELECT r.[Release_.buildNumber] FROM {Release_} r"
				    " WHERE r.[Release_.servletContextName] = 'portal'", &q, err) == 0)
			db_query_int(x->db, q.sql.buf, q.params, q.nparams, &build, err);
		check_query_release(&q);
		lr_err_clear(err);
	}
	strbuf_addf(&fp, "|%lld|", (long long)build);
	for (int i = 1; i < CN__COUNT; i++)
		strbuf_addf(&fp, "%lld,", (long long)x->cn.id[i]);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_Digest(fp.buf, fp.len, md, &mdlen, EVP_sha256(), NULL);
	struct strbuf hex = STRBUF_INIT;
	strbuf_addstr(&hex, "sha256:");
	for (unsigned int i = 0; i < mdlen; i++)
		strbuf_addf(&hex, "%02x", md[i]);
	json_object_set_new(id, "engine", json_string(db_engine_name(db_engine(x->db))));
	json_object_set_new(id, "portalBuildNumber", json_integer(build));
	json_object_set_new(id, "line", json_string(x->v ? lr_line_name(x->v->line) : "unknown"));
	json_object_set_new(id, "companies", companies);
	json_object_set_new(id, "fingerprint", json_string(hex.buf));
	strbuf_release(&hex);
	strbuf_release(&fp);
	strbuf_release(&sql);
	return id;
}


int checks_db_identity(struct db *db, const struct lr_version *v, json_t **out,
		       struct lr_err *err)
{
	struct checks_opts o;
	struct check_ctx x;
	*out = NULL;
	if (checks_ctx_open(&x, db, v, NULL, &o, err) < 0)
		return -1;
	*out = identity(&x, err);
	return *out ? 0 : -1;
}

int checks_plan(struct db *db, const struct lr_version *v, const struct plan_opts *po,
		json_t **plan, struct lr_err *err)
{
	struct planner p = { db, po ? po->kinds : NULL, json_array(), json_object(), json_object(),
			     po && po->identities_only ? po->each : NULL, po ? po->each_ctx : NULL };
	struct checks_opts o;
	struct check_ctx x;
	json_t *failures = NULL, *totals = json_object(), *head;
	struct checks_opts in = po ? po->checks : (struct checks_opts){ 0 };
	const char *skip_orphans[] = { "orphan", NULL };
	int with_orphans = po ? po->with_orphans : 1;
	*plan = NULL;
	if (!with_orphans && !in.skip)
		in.skip = skip_orphans;
	if (checks_ctx_open(&x, db, v, &in, &o, err) < 0)
		goto fail;
	if (checks_collect(db, v, &in, on_object, &p, &failures, err) < 0)
		goto fail;
	for (int i = 0; i < check_ndefs; i++) {
		const struct check_def *d = &check_defs[i];
		int dup = 0;
		if (!d->kind || !d->table || !strcmp(d->kind, "orphan-row"))
			continue;
		for (int k = 0; k < i; k++)
			if (check_defs[k].kind && !strcmp(check_defs[k].kind, d->kind))
				dup = 1;
		if (!dup && !(po && po->identities_only) && estimate(&x, &p, d->kind, d->table, d->key, err) < 0)
			goto fail;
	}
	if (!(po && po->identities_only))
		add_bytes(&p, totals);
	if (!(head = identity(&x, err)))
		goto fail;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *opts = json_pack("{s:i, s:i, s:i, s:i}", "keepFirst", o.keep_first, "keepLast",
				 o.keep_last, "inactiveDays", o.inactive_days, "siteIdleDays",
				 o.site_idle_days);
	json_t *kinds = json_array();
	for (const char *const *s = po ? po->kinds : NULL; s && *s; s++)
		json_array_append_new(kinds, json_string(*s));
	json_object_set_new(opts, "kinds", kinds);
	json_object_set_new(opts, "orphans", json_boolean(with_orphans));
	*plan = json_pack("{s:s, s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:o}",
			  "$schema", "https://lrprep.dev/schema/plan-1.json", "planVersion", 1,
			  "generator", "lrprep " LRPREP_VERSION, "generated", when, "database", head,
			  "options", opts, "objects", p.objects, "totals", totals, "failures", failures);
	json_decref(p.index);
	json_decref(p.bytes_per_row);
	return 0;
fail:
	json_decref(p.objects);
	json_decref(p.index);
	json_decref(p.bytes_per_row);
	json_decref(totals);
	json_decref(failures);
	return -1;
}

static void tsv_field(struct strbuf *out, const char *s)
{
	for (; s && *s; s++)
		strbuf_addch(out, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

void checks_plan_tsv(const json_t *plan, struct strbuf *out)
{
	size_t i;
	json_t *o;
	const json_t *db = json_object_get(plan, "database");
	strbuf_addf(out, "# lrprep plan %d\tfingerprint=%s\tbuild=%lld\n",
		    (int)json_integer_value(json_object_get(plan, "planVersion")),
		    json_string_value(json_object_get(db, "fingerprint")),
		    (long long)json_integer_value(json_object_get(db, "portalBuildNumber")));
	strbuf_addstr(out, "kind\ttable\tkey\trule\tidentity\trows\tbytes\n");
	json_array_foreach(json_object_get(plan, "objects"), i, o) {
		const char *k;
		json_t *v;
		json_int_t rows = 0;
		strbuf_addf(out, "%s\t%s\t", json_string_value(json_object_get(o, "kind")),
			    json_string_value(json_object_get(o, "table")));
		int first = 1;
		json_object_foreach(json_object_get(o, "key"), k, v) {
			char *s = json_dumps(v, JSON_ENCODE_ANY);
			strbuf_addf(out, "%s%s=%s", first ? "" : ";", k, s);
			free(s);
			first = 0;
		}
		strbuf_addf(out, "\t%s\t", json_string_value(json_object_get(o, "rule")));
		char *ident = json_dumps(json_object_get(o, "identity"), JSON_COMPACT | JSON_SORT_KEYS);
		tsv_field(out, ident);
		free(ident);
		json_object_foreach(json_object_get(o, "rows"), k, v)
			rows += json_integer_value(v);
		json_t *b = json_object_get(o, "bytes");
		strbuf_addf(out, "\t%lld\t", (long long)rows);
		if (json_is_integer(b))
			strbuf_addf(out, "%lld", (long long)json_integer_value(b));
		strbuf_addch(out, '\n');
	}
}
