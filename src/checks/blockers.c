/* Upgrade blockers and row filters that need C: duplicate DDM field names
 * (parent chain included), Liferay table spelling on a case-sensitive
 * MariaDB server, and the page typeSettings test. */
#include "internal.h"
#include "ddmfields.h"
#include <string.h>
#include <strings.h>
#include "../util/xalloc.h"

struct structure {
	int64_t id, parent;
	char *key;
	struct ddm_names names;
};

static int cmp_id(const void *a, const void *b)
{
	const struct structure *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static struct structure *by_id(struct structure *s, size_t n, int64_t id)
{
	struct structure k = { .id = id };
	return bsearch(&k, s, n, sizeof *s, cmp_id);
}

static int emit3(struct check_sink *s, const struct check_def *d, const char *const names[3],
		 struct db_value v[3])
{
	return s->row(s, d, names, v, 3);
}

int check_dup_fields(struct check_ctx *x, const struct check_def *d, struct check_sink *sink,
		     struct lr_err *err)
{
	const struct db_table *t = db_table_find(x->db, "DDMStructure");
	const struct db_column *def, *key, *id, *par;
	struct check_query q;
	struct db_cursor *c;
	struct structure *st = NULL;
	size_t n = 0, cap = 0;
	int json, rc = 0;
	if (!t)
		return 1;
	id = db_column_find(t, "structureId");
	par = db_column_find(t, "parentStructureId");
	key = db_column_find(t, "structureKey");
	def = db_column_find(t, "definition");
	json = def != NULL;
	if (!def)
		def = db_column_find(t, "xsd");
	if (!id || !par || !key || !def)
		return 1;
	check_query_init(&q);
	strbuf_addstr(&q.sql, "SELECT ");
	db_quote_ident(x->db, &q.sql, id->name);
	strbuf_addstr(&q.sql, ", ");
	db_quote_ident(x->db, &q.sql, par->name);
	strbuf_addstr(&q.sql, ", ");
	db_quote_ident(x->db, &q.sql, key->name);
	strbuf_addstr(&q.sql, ", ");
	db_quote_ident(x->db, &q.sql, def->name);
	strbuf_addstr(&q.sql, " FROM ");
	db_quote_ident(x->db, &q.sql, t->name);
	if (db_query(x->db, q.sql.buf, NULL, 0, &c, err) < 0) {
		check_query_release(&q);
		return -1;
	}
	for (;;) {
		int r = db_next(c, err);
		if (r <= 0) {
			rc = r;
			break;
		}
		struct db_value v;
		XGROW(st, cap, n + 1);
		memset(&st[n], 0, sizeof st[n]);
		st[n].id = db_get_int(c, 0);
		st[n].parent = db_get_int(c, 1);
		const char *k = db_get_text(c, 2);
		st[n].key = xstrdup(k ? k : "");
		db_get(c, 3, &v);
		if (v.kind == DB_TEXT || v.kind == DB_BLOB) {
			/* a document that does not parse keeps the names read so far */
			if (json)
				ddm_json_field_names(v.s, v.len, &st[n].names);
			else
				ddm_xml_field_names(v.s, v.len, &st[n].names);
		}
		n++;
	}
	db_cursor_close(c);
	check_query_release(&q);
	if (rc == 0 && n)
		qsort(st, n, sizeof *st, cmp_id);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct ddm_names all = { 0 };
		struct structure *p = &st[i];
		/* own fields plus every ancestor's (a cycle stops at the depth limit) */
		for (int depth = 0; p && depth < 32; depth++) {
			for (size_t k = 0; k < p->names.n; k++)
				ddm_names_add(&all, p->names.v[k], strlen(p->names.v[k]));
			p = p->parent ? by_id(st, n, p->parent) : NULL;
		}
		const char *dup = ddm_first_duplicate(&all);
		if (dup) {
			static const char *const names[3] = { "structureId", "structureKey", "field" };
			struct db_value v[3] = { db_int(st[i].id), db_text(st[i].key), db_text(dup) };
			v[1].len = strlen(st[i].key);
			v[2].len = strlen(dup);
			if (emit3(sink, d, names, v) < 0)
				rc = -1;
		}
		ddm_names_release(&all);
	}
	for (size_t i = 0; i < n; i++) {
		free(st[i].key);
		ddm_names_release(&st[i].names);
	}
	free(st);
	if (rc < 0 && !err->code)
		lr_fail(err, LR_EXIT_FAILED, "duplicate-field check stopped");
	return rc < 0 ? -1 : 0;
}

int check_table_case(struct check_ctx *x, const struct check_def *d, struct check_sink *sink,
		     struct lr_err *err)
{
	int64_t lctn = -1;
	const struct db_catalog *cat;
	if (db_engine(x->db) != DB_MARIADB)
		return 1;
	if (db_query_int(x->db, "SELECT @@lower_case_table_names", NULL, 0, &lctn, err) < 0)
		return -1;
	if (lctn != 0)
		return 1; /* names compare case-insensitively: nothing breaks */
	if (!(cat = db_catalog(x->db, err)))
		return -1;
	for (int i = 0; i < cat->ntables; i++) {
		const char *name = cat->tables[i].name;
		for (const char *const *k = lr_core_tables; *k; k++) {
			if (strcasecmp(*k, name) || !strcmp(*k, name))
				continue;
			static const char *const names[2] = { "tbl", "expected" };
			struct db_value v[2] = { db_text(name), db_text(*k) };
			if (sink->row(sink, d, names, v, 2) < 0)
				return lr_fail(err, LR_EXIT_FAILED, "table-case check stopped");
		}
	}
	return 0;
}

static int is_core(const struct db_value *v)
{
	if ((v->kind != DB_TEXT && v->kind != DB_BLOB) || !v->s)
		return 0;
	for (const char *const *k = lr_core_tables; *k; k++)
		if (strlen(*k) == v->len && !strncasecmp(*k, v->s, v->len))
			return 1;
	return 0;
}

/* Keep a foreign key only when it touches a Liferay table (tbl or ref_table). */
int filter_liferay_fk(const char *const *names, const struct db_value *vals, int n)
{
	(void)names;
	return n >= 4 && (is_core(&vals[0]) || is_core(&vals[3]));
}

/* Last column is Layout.typeSettings: keep the page when no column-N holds
 * a portlet (UnicodeProperties text, one key=value per line). */
int filter_page_no_portlets(const char *const *names, const struct db_value *vals, int n)
{
	(void)names;
	const struct db_value *v = &vals[n - 1];
	if (v->kind == DB_NULL || !v->s)
		return 1;
	const char *p = v->s, *end = v->s + v->len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		const char *q = p;
		while (q < e && (*q == ' ' || *q == '\r'))
			q++;
		if ((size_t)(e - q) > 7 && !memcmp(q, "column-", 7)) {
			const char *eq = memchr(q, '=', (size_t)(e - q));
			if (eq) {
				const char *val = eq + 1;
				while (val < e && (*val == ' ' || *val == ',' || *val == '\r'))
					val++;
				if (val < e)
					return 0;
			}
		}
		p = e + 1;
	}
	return 1;
}
