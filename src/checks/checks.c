/* The check runner: selects descriptors (only/skip, version gate), expands
 * their SQL templates against the live catalog, streams the rows and turns
 * them into findings. A check that fails becomes an internal.check-failed
 * finding; the run goes on. */
#include "internal.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "../util/log.h"
#include "../util/xalloc.h"

const char *check_category_name(enum check_category c)
{
	switch (c) {
	case CAT_UNUSED: return "unused";
	case CAT_ORPHAN: return "orphan";
	case CAT_BLOCKER: return "blocker";
	default: return "internal";
	}
}

static const char *sev_name(enum check_severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "notice";
}

/* ---- template expansion ------------------------------------------------- */

void check_query_init(struct check_query *q)
{
	memset(q, 0, sizeof *q);
	strbuf_init(&q->sql, 256);
}

void check_query_release(struct check_query *q)
{
	for (int i = 0; i < q->nparams; i++)
		free(q->owned[i]);
	strbuf_release(&q->sql);
	q->nparams = 0;
}

static int add_param(struct check_query *q, struct db_value v, char *owned, struct lr_err *err)
{
	if (q->nparams >= (int)(sizeof q->params / sizeof q->params[0])) {
		free(owned);
		return lr_fail(err, LR_EXIT_FAILED, "check template has too many parameters");
	}
	q->owned[q->nparams] = owned;
	q->params[q->nparams++] = v;
	strbuf_addstr(&q->sql, "?");
	return 0;
}

#define MAXT 16
struct tables {
	const struct db_table *t[MAXT];
	int n;
};

static int is_ident(int c) { return isalnum(c) || c == '_'; }

/* Tables named by {Name} anywhere in the template (first pass). 1 if one is missing. */
static int collect_tables(struct db *db, const char *s, struct tables *tb)
{
	for (const char *p = s; (p = strchr(p, '{')); p++) {
		const char *e = p + 1;
		while (is_ident((unsigned char)*e))
			e++;
		if (*e != '}' || e == p + 1)
			continue;
		char name[128];
		size_t n = (size_t)(e - p - 1);
		if (n >= sizeof name)
			continue;
		memcpy(name, p + 1, n);
		name[n] = 0;
		if (!strcmp(name, "INT") || !strcmp(name, "TEXT"))
			continue;
		const struct db_table *t = db_table_find(db, name);
		if (!t)
			return 1;
		if (tb->n < MAXT)
			tb->t[tb->n++] = t;
	}
	return 0;
}

static int expand_range(struct check_ctx *x, const char *s, size_t len, const struct tables *tb,
			struct check_query *q, struct lr_err *err);

static int expand_macro(struct check_ctx *x, const char *name, size_t nlen, const char *arg,
			size_t alen, const struct tables *tb, struct check_query *q,
			struct lr_err *err)
{
	enum db_engine e = db_engine(x->db);
	char key[64];
	if (alen >= sizeof key && !(nlen == 4 && (!memcmp(name, "LIKE", 4) ||
	    !memcmp(name, "PLID", 4))) && !(nlen == 3 && !memcmp(name, "NUM", 3)))
		return lr_fail(err, LR_EXIT_FAILED, "check template: argument too long");
	if (alen < sizeof key) {
		memcpy(key, arg, alen);
		key[alen] = 0;
	}
#define IS(lit) (nlen == sizeof(lit) - 1 && !memcmp(name, lit, nlen))
	if (IS("CN") || IS("CNV")) {
		enum lr_cn cn = lr_classname_by_key(key);
		if (cn == CN_NONE)
			return lr_fail(err, LR_EXIT_FAILED, "check template: unknown class %s", key);
		if (IS("CN"))
			return add_param(q, db_int(x->cn.id[cn]), NULL, err);
		const char *val = x->cn.value[cn] ? x->cn.value[cn]
						 : lr_classname_value(cn, x->v ? x->v->line : LR_LINE_UNKNOWN);
		return add_param(q, db_text(val), NULL, err);
	}
	if (IS("P")) {
		const char *ts = NULL;
		int64_t iv = 0;
		if (!strcmp(key, "keep_first"))
			iv = x->o->keep_first;
		else if (!strcmp(key, "keep_last"))
			iv = x->o->keep_last;
		else if (!strcmp(key, "login_cutoff"))
			ts = x->login_cutoff;
		else if (!strcmp(key, "idle_cutoff"))
			ts = x->idle_cutoff;
		else
			return lr_fail(err, LR_EXIT_FAILED, "check template: unknown parameter %s", key);
		if (!ts)
			return add_param(q, db_int(iv), NULL, err);
		/* a date travels as text; servers with typed parameters need the cast */
		if (e == DB_PGSQL)
			strbuf_addstr(&q->sql, "CAST(");
		else if (e == DB_MARIADB)
			strbuf_addstr(&q->sql, "CAST(");
		if (add_param(q, db_text(ts), NULL, err) < 0)
			return -1;
		if (e == DB_PGSQL)
			strbuf_addstr(&q->sql, " AS TIMESTAMP)");
		else if (e == DB_MARIADB)
			strbuf_addstr(&q->sql, " AS DATETIME)");
		return 0;
	}
	if (IS("Q")) {
		db_quote_ident(x->db, &q->sql, key);
		return 0;
	}
	if (IS("LIKE")) {
		if (e == DB_MARIADB) {
			strbuf_addstr(&q->sql, "CONCAT('%', ");
			if (expand_range(x, arg, alen, tb, q, err))
				return -1;
			strbuf_addstr(&q->sql, ", '%')");
		} else {
			strbuf_addstr(&q->sql, "('%' || ");
			if (expand_range(x, arg, alen, tb, q, err))
				return -1;
			strbuf_addstr(&q->sql, " || '%')");
		}
		return 0;
	}
	if (IS("PLID") || IS("NUM")) {
		struct check_query sub;
		int rc;
		/* the argument may appear twice: expand it once into a copy */
		check_query_init(&sub);
		rc = expand_range(x, arg, alen, tb, &sub, err);
		if (!rc && sub.nparams)
			rc = lr_fail(err, LR_EXIT_FAILED, "check template: %.*s argument with parameters",
				     (int)nlen, name);
		const char *a2 = sub.sql.buf;
		if (!rc && IS("PLID")) {
			if (e == DB_MARIADB)
				strbuf_addf(&q->sql, "SUBSTRING_INDEX(%s, '_LAYOUT_', 1)", a2);
			else if (e == DB_PGSQL)
				strbuf_addf(&q->sql, "split_part(%s, '_LAYOUT_', 1)", a2);
			else
				strbuf_addf(&q->sql, "substr(%s, 1, instr(%s, '_LAYOUT_') - 1)", a2, a2);
		} else if (!rc) {
			/* text -> integer, NULL unless it is all digits (a cast of other
			 * text fails on PostgreSQL and gives 0 on MariaDB) */
			if (e == DB_MARIADB)
				strbuf_addf(&q->sql, "(CASE WHEN %s REGEXP '^[0-9]{1,18}$' THEN CAST(%s AS SIGNED) END)",
					    a2, a2);
			else if (e == DB_PGSQL)
				strbuf_addf(&q->sql, "(CASE WHEN %s ~ '^[0-9]{1,18}$' THEN CAST(%s AS BIGINT) END)",
					    a2, a2);
			else
				strbuf_addf(&q->sql, "(CASE WHEN %s <> '' AND length(%s) <= 18 AND %s NOT GLOB '*[^0-9]*'"
					    " THEN CAST(%s AS INTEGER) END)", a2, a2, a2, a2);
		}
		check_query_release(&sub);
		return rc;
	}
#undef IS
	return lr_fail(err, LR_EXIT_FAILED, "check template: unknown macro %.*s", (int)nlen, name);
}

static int expand_range(struct check_ctx *x, const char *s, size_t len, const struct tables *tb,
			struct check_query *q, struct lr_err *err)
{
	enum db_engine e = db_engine(x->db);
	const char *end = s + len;
	for (const char *p = s; p < end; p++) {
		if (*p == '{') {
			const char *n = p + 1, *ne = n;
			while (ne < end && is_ident((unsigned char)*ne))
				ne++;
			if (ne < end && *ne == '}') {
				size_t nl = (size_t)(ne - n);
				if (nl == 3 && !memcmp(n, "INT", 3))
					strbuf_addstr(&q->sql, e == DB_MARIADB ? "SIGNED" : e == DB_PGSQL ? "BIGINT" : "INTEGER");
				else if (nl == 4 && !memcmp(n, "TEXT", 4))
					strbuf_addstr(&q->sql, e == DB_MARIADB ? "CHAR" : "TEXT");
				else {
					char name[128];
					if (nl >= sizeof name)
						return lr_fail(err, LR_EXIT_FAILED, "check template: long name");
					memcpy(name, n, nl);
					name[nl] = 0;
					const struct db_table *t = db_table_find(x->db, name);
					if (!t)
						return 1;
					db_quote_ident(x->db, &q->sql, t->name);
				}
				p = ne;
				continue;
			}
			if (ne < end && *ne == ':') {
				int depth = 1;
				const char *a = ne + 1, *ae = a;
				while (ae < end && depth) {
					if (*ae == '{')
						depth++;
					else if (*ae == '}' && --depth == 0)
						break;
					ae++;
				}
				if (ae >= end)
					return lr_fail(err, LR_EXIT_FAILED, "check template: unclosed macro");
				int rc = expand_macro(x, n, (size_t)(ne - n), a, (size_t)(ae - a), tb, q, err);
				if (rc)
					return rc;
				p = ae;
				continue;
			}
			strbuf_addch(&q->sql, *p);
			continue;
		}
		if (*p == '[') {
			const char *c = p + 1, *ce = memchr(c, ']', (size_t)(end - c));
			const char *dot;
			const struct db_column *col = NULL;
			char tname[128], cname[128];
			if (!ce || (size_t)(ce - c) >= sizeof cname)
				return lr_fail(err, LR_EXIT_FAILED, "check template: bad column");
			dot = memchr(c, '.', (size_t)(ce - c));
			if (dot) {
				memcpy(tname, c, (size_t)(dot - c));
				tname[dot - c] = 0;
				memcpy(cname, dot + 1, (size_t)(ce - dot - 1));
				cname[ce - dot - 1] = 0;
				col = db_column_find(db_table_find(x->db, tname), cname);
			} else {
				memcpy(cname, c, (size_t)(ce - c));
				cname[ce - c] = 0;
				for (int i = 0; i < tb->n && !col; i++)
					col = db_column_find(tb->t[i], cname);
			}
			if (!col)
				return 1;
			db_quote_ident(x->db, &q->sql, col->name);
			p = ce;
			continue;
		}
		strbuf_addch(&q->sql, *p);
	}
	return 0;
}

int check_expand(struct check_ctx *x, const char *tmpl, struct check_query *q, struct lr_err *err)
{
	struct tables tb = { { 0 }, 0 };
	if (collect_tables(x->db, tmpl, &tb))
		return 1;
	return expand_range(x, tmpl, strlen(tmpl), &tb, q, err);
}

/* ---- streaming ---------------------------------------------------------- */

int check_stream(struct check_ctx *x, const struct check_def *d, struct check_query *q,
		 struct check_sink *s, struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	struct db_cursor *c;
	int rc = 0;
	/* a stable order so samples agree across engines */
	/* orphan rows: tbl, pk, pk2, col make the order total (one row may
	 * dangle through two columns) */
	strbuf_addf(&sql, "SELECT * FROM (%s) q ORDER BY 1, 2%s", q->sql.buf,
		    d->kind && !strcmp(d->kind, "orphan-row") ? ", 3, 4" : "");
	if (db_query(x->db, sql.buf, q->params, q->nparams, &c, err) < 0) {
		strbuf_release(&sql);
		return -1;
	}
	int n = db_ncols(c);
	const char **names = xcalloc((size_t)n + 1, sizeof *names);
	struct db_value *vals = xcalloc((size_t)n + 1, sizeof *vals);
	for (int i = 0; i < n; i++)
		names[i] = db_colname(c, i);
	for (;;) {
		int r = db_next(c, err);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r == 0)
			break;
		for (int i = 0; i < n; i++)
			db_get(c, i, &vals[i]);
		if (d->filter && !d->filter(names, vals, n))
			continue;
		if (s->row(s, d, names, vals, n) < 0) {
			rc = lr_fail(err, LR_EXIT_FAILED, "check %s: stopped", d->id);
			break;
		}
	}
	db_cursor_close(c);
	free(names);
	free(vals);
	strbuf_release(&sql);
	return rc;
}

static int gate_ok(const struct check_def *d, const struct lr_version *v)
{
	enum lr_line l = v ? v->line : LR_LINE_UNKNOWN;
	if (l == LR_LINE_UNKNOWN)
		return 1;
	if (d->min != LR_LINE_UNKNOWN && l < d->min)
		return 0;
	if (d->max != LR_LINE_UNKNOWN && l > d->max)
		return 0;
	return 1;
}

/* Run one descriptor: 0 done, 1 not applicable, -1 failed. */
int check_run_def(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		   struct lr_err *err)
{
	if (d->fn)
		return d->fn(x, d, s, err);
	for (int i = 0; i < 4 && d->sql[i].text; i++) {
		struct check_query q;
		int rc;
		if (d->sql[i].engine && d->sql[i].engine != db_engine(x->db))
			continue;
		check_query_init(&q);
		rc = check_expand(x, d->sql[i].text, &q, err);
		if (rc == 0)
			rc = check_stream(x, d, &q, s, err);
		check_query_release(&q);
		if (rc != 1)
			return rc;
	}
	return 1;
}

static int matches(const char *const *list, const char *id)
{
	for (; list && *list; list++) {
		size_t n = strlen(*list);
		/* an id, or a prefix ending at a dot boundary ("orphan", "unused.site") */
		if (!strncmp(id, *list, n) && (id[n] == 0 || id[n] == '.' || (*list)[n - 1] == '.'))
			return 1;
	}
	return 0;
}

static int selected(const struct checks_opts *o, const char *id)
{
	if (o->only && o->only[0] && !matches(o->only, id))
		return 0;
	return !matches(o->skip, id);
}

static long long checks_now;

void checks_set_now(long long epoch_seconds)
{
	checks_now = epoch_seconds;
}

static void cutoff(char *buf, size_t n, int days)
{
	time_t t = (checks_now ? (time_t)checks_now : time(NULL)) - (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
}

static void fill_defaults(struct checks_opts *o, const struct checks_opts *in)
{
	if (in)
		*o = *in;
	else
		memset(o, 0, sizeof *o);
	if (o->max_samples <= 0)
		o->max_samples = CHECKS_DEFAULT_MAX_SAMPLES;
	if (o->inactive_days <= 0)
		o->inactive_days = CHECKS_DEFAULT_INACTIVE_DAYS;
	if (o->site_idle_days <= 0)
		o->site_idle_days = CHECKS_DEFAULT_SITE_IDLE_DAYS;
	if (o->keep_first <= 0)
		o->keep_first = CHECKS_DEFAULT_KEEP_FIRST;
	if (o->keep_last <= 0)
		o->keep_last = CHECKS_DEFAULT_KEEP_LAST;
}

static int ctx_init(struct check_ctx *x, struct db *db, const struct lr_version *v,
		    const struct checks_opts *o, struct lr_err *err)
{
	memset(x, 0, sizeof *x);
	x->db = db;
	x->v = v;
	x->o = o;
	if (!db_catalog(db, err))
		return -1;
	if (lr_classnames_load(db, v, &x->cn, err) < 0)
		return -1;
	cutoff(x->login_cutoff, sizeof x->login_cutoff, o->inactive_days);
	cutoff(x->idle_cutoff, sizeof x->idle_cutoff, o->site_idle_days);
	return 0;
}

int checks_ctx_open(struct check_ctx *x, struct db *db, const struct lr_version *v,
		    const struct checks_opts *in, struct checks_opts *store, struct lr_err *err)
{
	fill_defaults(store, in);
	return ctx_init(x, db, v, store, err);
}

/* ---- findings ---------------------------------------------------------- */

json_t *checks_value_json(const struct db_value *v)
{
	switch (v->kind) {
	case DB_NULL: return json_null();
	case DB_INT: return json_integer(v->i);
	case DB_BOOL: return json_integer(v->i);
	case DB_REAL: return json_real(v->r);
	default: return json_stringn_nocheck(v->s ? v->s : "", v->s ? v->len : 0);
	}
}

struct finding_sink {
	struct check_sink base;
	int64_t count;
	int max;
	json_t *samples;
};

static int finding_row(struct check_sink *s, const struct check_def *d, const char *const *names,
		       const struct db_value *vals, int n)
{
	struct finding_sink *f = (struct finding_sink *)s;
	f->count++;
	if (json_array_size(f->samples) < (size_t)f->max) {
		json_t *o = json_object();
		int shown = n - d->hidden;
		for (int i = 0; i < shown; i++)
			json_object_set_new(o, names[i], checks_value_json(&vals[i]));
		json_array_append_new(f->samples, o);
	}
	return 0;
}

static json_t *failed_finding(const struct check_def *d, const char *msg)
{
	json_t *f = json_object();
	json_object_set_new(f, "id", json_string("internal.check-failed"));
	json_object_set_new(f, "category", json_string("internal"));
	json_object_set_new(f, "severity", json_string("error"));
	json_object_set_new(f, "check", json_string(d->id));
	json_object_set_new(f, "title", json_sprintf("check %s could not run", d->id));
	json_object_set_new(f, "message", json_string(msg));
	json_object_set_new(f, "count", json_integer(1));
	json_t *smp = json_array();
	json_array_append_new(smp, json_pack("{s:s, s:s}", "check", d->id, "message", msg));
	json_object_set_new(f, "samples", smp);
	json_object_set_new(f, "remediation",
			    json_string("Report this to the lrprep maintainers with the message; "
					"the other checks ran."));
	return f;
}

int checks_run(struct db *db, const struct lr_version *v, const struct checks_opts *in,
	       json_t **findings, struct lr_err *err)
{
	struct checks_opts o;
	struct check_ctx x;
	fill_defaults(&o, in);
	*findings = json_array();
	if (ctx_init(&x, db, v, &o, err) < 0) {
		json_decref(*findings);
		*findings = NULL;
		return -1;
	}
	for (int i = 0; i < check_ndefs; i++) {
		const struct check_def *d = &check_defs[i];
		struct lr_err e = LR_ERR_INIT;
		struct finding_sink fs = { { finding_row, NULL }, 0, o.max_samples, json_array() };
		int rc;
		if (!selected(&o, d->id) || !gate_ok(d, v)) {
			json_decref(fs.samples);
			continue;
		}
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = check_run_def(&x, d, &fs.base, &e);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		lr_verbose("check %s: %lld rows, %.2f s", d->id, (long long)fs.count,
			   (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
		if (rc < 0) {
			json_array_append_new(*findings, failed_finding(d, e.msg[0] ? e.msg : db_errmsg(db)));
		} else if (rc == 0 && fs.count > 0) {
			json_t *f = json_object();
			json_object_set_new(f, "id", json_string(d->id));
			json_object_set_new(f, "category", json_string(check_category_name(d->cat)));
			json_object_set_new(f, "severity", json_string(sev_name(d->sev)));
			json_object_set_new(f, "title", json_string(d->title));
			json_object_set_new(f, "count", json_integer(fs.count));
			json_object_set_new(f, "samples", fs.samples);
			fs.samples = NULL;
			json_object_set_new(f, "remediation", json_string(d->remediation));
			json_array_append_new(*findings, f);
		}
		json_decref(fs.samples);
	}
	return 0;
}

static const char *line_or_open(enum lr_line l)
{
	return l == LR_LINE_UNKNOWN ? NULL : lr_line_name(l);
}

json_t *checks_list(void)
{
	json_t *a = json_array();
	for (int i = 0; i < check_ndefs; i++) {
		const struct check_def *d = &check_defs[i];
		json_t *ver = json_object();
		const char *mn = line_or_open(d->min), *mx = line_or_open(d->max);
		json_object_set_new(ver, "min", mn ? json_string(mn) : json_null());
		json_object_set_new(ver, "max", mx ? json_string(mx) : json_null());
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "id", d->id,
						   "category", check_category_name(d->cat),
						   "severity", sev_name(d->sev), "title", d->title,
						   "versions", ver, "remediation", d->remediation));
	}
	return a;
}

int checks_exit_code(const json_t *findings)
{
	int worst = 0;
	size_t i;
	json_t *f;
	json_array_foreach(findings, i, f) {
		const char *s = json_string_value(json_object_get(f, "severity"));
		int v = !s ? 0 : s[0] == 'e' ? 2 : s[0] == 'w' ? 1 : 0;
		if (v > worst)
			worst = v;
	}
	return worst;
}

/* ---- collection for plan ------------------------------------------------ */

struct collect_sink {
	struct check_sink base;
	checks_object_fn fn;
	void *ctx;
};

static int collect_row(struct check_sink *s, const struct check_def *d, const char *const *names,
		       const struct db_value *vals, int n)
{
	struct collect_sink *c = (struct collect_sink *)s;
	struct checks_object obj = { d->id, check_category_name(d->cat), d->kind, d->table, d->key,
				     d->title, names, vals, n - d->hidden, n };
	return c->fn(c->ctx, &obj);
}

int checks_collect(struct db *db, const struct lr_version *v, const struct checks_opts *in,
		   checks_object_fn fn, void *ctx, json_t **failures, struct lr_err *err)
{
	struct checks_opts o;
	struct check_ctx x;
	fill_defaults(&o, in);
	*failures = json_array();
	if (ctx_init(&x, db, v, &o, err) < 0) {
		json_decref(*failures);
		*failures = NULL;
		return -1;
	}
	for (int i = 0; i < check_ndefs; i++) {
		const struct check_def *d = &check_defs[i];
		struct lr_err e = LR_ERR_INIT;
		struct collect_sink cs = { { collect_row, NULL }, fn, ctx };
		if (!d->kind || !selected(&o, d->id) || !gate_ok(d, v))
			continue;
		if (check_run_def(&x, d, &cs.base, &e) < 0)
			json_array_append_new(*failures, failed_finding(d, e.msg[0] ? e.msg : db_errmsg(db)));
	}
	return 0;
}
