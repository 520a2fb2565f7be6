/* Unused objects that need more than one query: empty pages leave out the
 * pages of sites that are themselves unused (they go with their site, and a
 * plan must not list them twice). */
#include "internal.h"
#include <stdlib.h>
#include <string.h>
#include "../util/xalloc.h"

const struct check_def *check_def_find(const char *id)
{
	for (int i = 0; i < check_ndefs; i++)
		if (!strcmp(check_defs[i].id, id))
			return &check_defs[i];
	return NULL;
}

struct idset {
	struct check_sink base;
	int64_t *v;
	size_t n, cap;
};

static int collect_id(struct check_sink *s, const struct check_def *d, const char *const *names,
		      const struct db_value *vals, int n)
{
	struct idset *set = (struct idset *)s;
	(void)d;
	(void)names;
	if (n > 0 && vals[0].kind == DB_INT) {
		XGROW(set->v, set->cap, set->n + 1);
		set->v[set->n++] = vals[0].i;
	}
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

struct page_sink {
	struct check_sink base;
	struct check_sink *next;
	struct idset *sites;
};

static int page_row(struct check_sink *s, const struct check_def *d, const char *const *names,
		    const struct db_value *vals, int n)
{
	struct page_sink *p = (struct page_sink *)s;
	/* column 1 is the page's groupId */
	if (n > 1 && vals[1].kind == DB_INT && p->sites->n &&
	    bsearch(&vals[1].i, p->sites->v, p->sites->n, sizeof(int64_t), cmp_i64))
		return 0;
	return p->next->row(p->next, d, names, vals, n);
}

int check_empty_pages(struct check_ctx *x, const struct check_def *d, struct check_sink *s,
		      struct lr_err *err)
{
	static const char *const site_checks[] = { "unused.site.empty", "unused.site.idle" };
	struct idset sites = { { collect_id, NULL }, NULL, 0, 0 };
	struct check_def sql = *d;
	struct page_sink ps = { { page_row, NULL }, s, &sites };
	int rc;
	for (size_t i = 0; i < sizeof site_checks / sizeof site_checks[0]; i++) {
		const struct check_def *sd = check_def_find(site_checks[i]);
		if (sd && check_run_def(x, sd, &sites.base, err) < 0) {
			free(sites.v);
			return -1;
		}
	}
	if (sites.n)
		qsort(sites.v, sites.n, sizeof *sites.v, cmp_i64);
	sql.fn = NULL; /* the descriptor's own SQL, through the wrapping sink */
	rc = check_run_def(x, &sql, &ps.base, err);
	free(sites.v);
	return rc;
}
