/* Parse the table descriptors and create the tables in the target engine. */
#include "schema.h"
#include "../util/xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct sample_tabledef *sample_schema_defs(enum sample_ver v)
{
	switch (v) {
	case SV_70: return sample_schema_70;
	case SV_71: return sample_schema_71;
	default: return sample_schema_62;
	}
}

/* Split s at sep into a NULL-free array of owned strings. */
static char **split(const char *s, int sep, int *n)
{
	char **out = NULL;
	size_t cap = 0;
	*n = 0;
	while (s && *s) {
		const char *e = strchr(s, sep);
		size_t len = e ? (size_t)(e - s) : strlen(s);
		XGROW(out, cap, (size_t)*n + 1);
		out[(*n)++] = xstrndup(s, len);
		s = e ? e + 1 : NULL;
	}
	return out;
}

static void parse_table(const struct sample_tabledef *d, struct sample_table *t)
{
	int n;
	char **parts = split(d->cols, ';', &n);
	t->name = xstrdup(d->name);
	t->cols = xcalloc((size_t)n, sizeof *t->cols);
	t->ncols = n;
	char *pkname[16] = { 0 };
	int npk = 0;
	for (int i = 0; i < n; i++) {
		char *p = parts[i];
		char *sp = strchr(p, ' ');
		*sp = '\0';
		char *type = sp + 1;
		char *hash = strchr(type, '#');
		if (hash) {
			int pos = atoi(hash + 1);
			if (pos >= 1 && pos <= 16) {
				pkname[pos - 1] = p;
				if (pos > npk)
					npk = pos;
			}
			*hash = '\0';
		}
		size_t tl = strlen(type);
		int notnull = tl && type[tl - 1] == '!';
		if (notnull)
			type[tl - 1] = '\0';
		t->cols[i].name = xstrdup(p);
		t->cols[i].decl = xstrdup(type);
		t->cols[i].kind = db_kind_from_decl(type);
		t->cols[i].notnull = notnull;
	}
	t->pk = xcalloc((size_t)npk + 1, sizeof *t->pk);
	for (int i = 0; i < npk; i++)
		t->pk[i] = xstrdup(pkname[i] ? pkname[i] : "");
	t->npk = npk;
	for (int i = 0; i < n; i++)
		free(parts[i]);
	free(parts);

	parts = split(d->indexes, ';', &n);
	t->idx = xcalloc((size_t)n + 1, sizeof *t->idx);
	t->nidx = n;
	for (int i = 0; i < n; i++) {
		char *p = parts[i];
		struct sample_index *x = &t->idx[i];
		x->unique = *p == '+';
		if (x->unique)
			p++;
		char *colon = strchr(p, ':');
		*colon = '\0';
		x->name = xstrdup(p);
		x->cols = split(colon + 1, ',', &x->ncols);
		x->prefix = xcalloc((size_t)x->ncols + 1, sizeof *x->prefix);
		for (int c = 0; c < x->ncols; c++) {
			char *paren = strchr(x->cols[c], '(');
			if (paren) {
				x->prefix[c] = atoi(paren + 1);
				*paren = '\0';
			}
		}
		free(parts[i]);
	}
	free(parts);
}

void sample_schema_load(enum sample_ver v, struct sample_schema *out)
{
	const struct sample_tabledef *d = sample_schema_defs(v);
	int n = 0;
	while (d[n].name)
		n++;
	out->tables = xcalloc((size_t)n, sizeof *out->tables);
	out->ntables = n;
	for (int i = 0; i < n; i++)
		parse_table(&d[i], &out->tables[i]);
}

void sample_schema_free(struct sample_schema *s)
{
	for (int i = 0; i < s->ntables; i++) {
		struct sample_table *t = &s->tables[i];
		for (int c = 0; c < t->ncols; c++) {
			free((char *)t->cols[c].name);
			free((char *)t->cols[c].decl);
		}
		free(t->cols);
		for (int c = 0; c < t->npk; c++)
			free(t->pk[c]);
		free(t->pk);
		for (int x = 0; x < t->nidx; x++) {
			for (int c = 0; c < t->idx[x].ncols; c++)
				free(t->idx[x].cols[c]);
			free(t->idx[x].cols);
			free(t->idx[x].prefix);
			free(t->idx[x].name);
		}
		free(t->idx);
		free(t->name);
	}
	free(s->tables);
	s->tables = NULL;
	s->ntables = 0;
}

const struct sample_table *sample_schema_find(const struct sample_schema *s, const char *name)
{
	for (int i = 0; i < s->ntables; i++)
		if (!strcasecmp(s->tables[i].name, name))
			return &s->tables[i];
	return NULL;
}

int sample_create_tables(struct db *db, const struct sample_schema *s, struct lr_err *err)
{
	for (int i = 0; i < s->ntables; i++) {
		const struct sample_table *t = &s->tables[i];
		if (db_create_table(db, t->name, t->cols, t->ncols, (const char *const *)t->pk,
				    t->npk, err) < 0)
			return -1;
	}
	return db_catalog_reload(db, err);
}

/* MariaDB cannot index a long varchar whole (3072-byte keys): Liferay's
 * MySQL schema indexes a prefix of it, and so do we. */
static int prefix_index(struct db *db, const struct sample_table *t, const struct sample_index *ix,
			struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
	db_quote_ident(db, &sql, ix->name);
	strbuf_addstr(&sql, " ON ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " (");
	for (int c = 0; c < ix->ncols; c++) {
		if (c)
			strbuf_addch(&sql, ',');
		db_quote_ident(db, &sql, ix->cols[c]);
		if (ix->prefix[c])
			strbuf_addf(&sql, "(%d)", ix->prefix[c]);
	}
	strbuf_addch(&sql, ')');
	int rc = db_exec(db, sql.buf, NULL, 0, NULL, err);
	strbuf_release(&sql);
	return rc;
}

int sample_create_indexes(struct db *db, const struct sample_schema *s, struct lr_err *err)
{
	for (int i = 0; i < s->ntables; i++) {
		const struct sample_table *t = &s->tables[i];
		for (int x = 0; x < t->nidx; x++) {
			const struct sample_index *ix = &t->idx[x];
			int prefixed = 0;
			for (int c = 0; c < ix->ncols; c++)
				prefixed |= ix->prefix[c] != 0;
			int rc = prefixed && db_engine(db) == DB_MARIADB ?
				 prefix_index(db, t, ix, err) :
				 db_create_index(db, t->name, ix->name, (const char *const *)ix->cols,
						 ix->ncols, ix->unique, err);
			if (rc < 0) {
				if (prefixed && db_engine(db) == DB_MARIADB)
					lr_err_prefix(err, "creating index %s on %s: ", ix->name, t->name);
				return -1;
			}
		}
	}
	return 0;
}
