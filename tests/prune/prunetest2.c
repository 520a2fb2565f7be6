#include "prunetest2.h"
#include "db/checksum.h"
#include "util/xalloc.h"
#include <dirent.h>
#include <inttypes.h>
#include <xxhash.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pt2_table {
	char *name;
	uint64_t *h; /* sorted */
	size_t n;
};

struct pt2_rows {
	struct pt2_table *t;
	int n;
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

struct colref {
	const struct db_column *c;
	char low[256];
};

static int cmp_low(const void *a, const void *b)
{
	const struct colref *x = a, *y = b;
	int c = strcmp(x->low, y->low);
	return c ? c : strcmp(x->c->name, y->c->name);
}

/* The row hashes of one table, the way db/checksum.c defines them; their sum
 * is checked against db_table_checksum() so this proof cannot drift from it. */
static void take_table(struct db *db, const struct db_table *t, struct pt2_table *out)
{
	struct colref *cols = xcalloc((size_t)t->ncols + 1, sizeof *cols);
	for (int i = 0; i < t->ncols; i++) {
		cols[i].c = &t->cols[i];
		snprintf(cols[i].low, sizeof cols[i].low, "%s", t->cols[i].name);
		for (char *p = cols[i].low; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	}
	qsort(cols, (size_t)t->ncols, sizeof *cols, cmp_low);
	struct strbuf sql = STRBUF_INIT, row = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	for (int i = 0; i < t->ncols; i++) {
		if (i)
			strbuf_addch(&sql, ',');
		db_quote_ident(db, &sql, cols[i].c->name);
	}
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	struct lr_err err = LR_ERR_INIT;
	struct db_cursor *cur;
	if (db_query(db, sql.buf, NULL, 0, &cur, &err) < 0)
		fail_msg("%s: %s", t->name, err.msg);
	size_t cap = 64;
	uint64_t sum = 0;
	out->name = xstrdup(t->name);
	out->h = xmalloc(cap * sizeof *out->h);
	out->n = 0;
	int more;
	while ((more = db_next(cur, &err)) == 1) {
		strbuf_reset(&row);
		for (int i = 0; i < t->ncols; i++) {
			struct db_value v;
			db_get(cur, i, &v);
			if (v.kind == DB_TEXT && (cols[i].c->kind == DB_DATE || cols[i].c->kind == DB_DECIMAL))
				v.kind = cols[i].c->kind;
			if (i)
				strbuf_addch(&row, 0x1f);
			db_value_canonical(&v, &row);
		}
		uint64_t x = XXH3_64bits(row.buf ? row.buf : "", row.len);
		if (out->n == cap) {
			cap *= 2;
			out->h = xrealloc(out->h, cap * sizeof *out->h);
		}
		out->h[out->n++] = x;
		sum += x;
	}
	if (more < 0)
		fail_msg("%s: %s", t->name, err.msg);
	db_cursor_close(cur);
	strbuf_release(&sql);
	strbuf_release(&row);
	free(cols);
	qsort(out->h, out->n, sizeof *out->h, cmp_u64);
	struct table_sum ts;
	if (db_table_checksum(db, t->name, &ts, &err) < 0)
		fail_msg("checksum %s: %s", t->name, err.msg);
	if (ts.sum != sum || (size_t)ts.rows != out->n)
		fail_msg("%s: row hashes do not add up to the table checksum", t->name);
}

struct pt2_rows *pt2_rows_take(struct db *db)
{
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(db, &err);
	if (!cat)
		fail_msg("catalog: %s", err.msg);
	struct pt2_rows *r = xcalloc(1, sizeof *r);
	r->t = xcalloc((size_t)cat->ntables + 1, sizeof *r->t);
	for (int i = 0; i < cat->ntables; i++)
		take_table(db, &cat->tables[i], &r->t[r->n++]);
	return r;
}

void pt2_rows_free(struct pt2_rows *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->n; i++) {
		free(r->t[i].name);
		free(r->t[i].h);
	}
	free(r->t);
	free(r);
}

static const struct pt2_table *find(const struct pt2_rows *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->t[i].name, name))
			return &r->t[i];
	return NULL;
}

long long pt2_assert_survivors(const struct pt2_rows *before, const struct pt2_rows *after,
			       const json_t *reported)
{
	long long total = 0;
	if (after->n != before->n)
		fail_msg("the prune changed the set of tables (%d -> %d)", before->n, after->n);
	for (int i = 0; i < before->n; i++) {
		const struct pt2_table *b = &before->t[i], *a = find(after, b->name);
		if (!a)
			fail_msg("table %s is gone after the prune", b->name);
		/* merge the two sorted multisets: every surviving row is an original row */
		size_t x = 0, y = 0;
		while (y < a->n) {
			while (x < b->n && b->h[x] < a->h[y])
				x++;
			if (x == b->n || b->h[x] != a->h[y])
				fail_msg("%s: a surviving row is not identical to any original row "
					 "(changed, or added, by the prune)", b->name);
			x++;
			y++;
		}
		json_t *said = json_object_get(reported, b->name);
		long long gone = (long long)(b->n - a->n), want = said ? (long long)json_integer_value(said) : 0;
		if (gone != want)
			fail_msg("%s: %lld rows gone, the prune reported %lld", b->name, gone, want);
		total += gone;
	}
	/* nothing reported for a table that is not there */
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)reported, k, v)
		if (!find(before, k))
			fail_msg("the prune reported rows of unknown table %s", k);
	return total;
}

void pt2_assert_checksums(const json_t *want, const json_t *got, const char *what)
{
	if (json_equal(want, got))
		return;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)want, k, v)
		if (!json_equal(v, json_object_get(got, k)))
			fail_msg("%s: %s is %s, expected %s", what, k,
				 json_string_value(json_object_get(got, k)) ? json_string_value(json_object_get(got, k))
									   : "(missing)",
				 json_string_value(v));
	fail_msg("%s: tables were added (%zu, expected %zu)", what, json_object_size(got), json_object_size(want));
}

long long pt2_total(const json_t *counts)
{
	long long n = 0;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)counts, k, v)
		n += json_integer_value(v);
	return n;
}

static const char *sock(void)
{
	tl_mysql_uri(); /* skips without a server */
	const char *s = getenv("LRPREP_TEST_MYSQL_SOCKET");
	if (!s)
		tl_unavailable("LRPREP_TEST_MYSQL_SOCKET");
	return s;
}

void pt2_mysql_recreate(const char *name)
{
	pt_sh("mariadb --socket='%s' -uroot -e 'DROP DATABASE IF EXISTS `%s`; CREATE DATABASE `%s`'", sock(), name,
	      name);
}

void pt2_mysql_drop(const char *name)
{
	pt_sh("mariadb --socket='%s' -uroot -e 'DROP DATABASE IF EXISTS `%s`'", sock(), name);
}

void pt2_mysql_clone(const char *src, const char *dst)
{
	/* server-side copy (CREATE ... LIKE + INSERT ... SELECT): much faster
	 * than a dump round trip, and keeps every index and column type */
	char path[4400];
	snprintf(path, sizeof path, "%.4000s/clone-%s.sql", tl_tmpdir(), dst);
	FILE *f = fopen(path, "w");
	if (!f)
		fail_msg("cannot write %s", path);
	fprintf(f,
		"SELECT CONCAT('CREATE TABLE `%s`.`', table_name, '` LIKE `%s`.`', table_name, '`; "
		"INSERT INTO `%s`.`', table_name, '` SELECT * FROM `%s`.`', table_name, '`;') "
		"FROM information_schema.tables WHERE table_schema = '%s' AND table_type = 'BASE TABLE';\n",
		dst, src, dst, src, src);
	fclose(f);
	pt2_mysql_recreate(dst);
	pt_sh("mariadb --socket='%s' -uroot -N -B < '%s' | mariadb --socket='%s' -uroot", sock(), path, sock());
}

static const char *pg_port(void)
{
	tl_pg_uri();
	const char *p = getenv("LRPREP_TEST_PG_PORT");
	return p ? p : "5432";
}

void pt2_pg_recreate(const char *name)
{
	pt2_pg_drop(name);
	pt_sh("psql -q -h 127.0.0.1 -p '%s' -U lrprep -d postgres -c 'CREATE DATABASE %s' >/dev/null", pg_port(), name);
}

void pt2_pg_drop(const char *name)
{
	pt_sh("psql -q -h 127.0.0.1 -p '%s' -U lrprep -d postgres -c 'DROP DATABASE IF EXISTS %s' >/dev/null 2>&1",
	      pg_port(), name);
}

int pt2_run(struct strbuf *out, struct strbuf *err, const char *arg0, ...)
{
	const char *argv[64];
	int n = 0;
	va_list ap;
	va_start(ap, arg0);
	for (const char *a = arg0; a && n < 63; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return tl_runv(out, err, argv);
}

int pt2_journal_batches(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (!strncmp(e->d_name, "batch-", 6) && l > 9 && !strcmp(e->d_name + l - 9, ".rows.zst"))
			n++;
	}
	closedir(d);
	return n;
}

int pt2_plan_kept_by_action(const char *plan)
{
	json_t *p = json_load_file(plan, 0, NULL);
	if (!p)
		fail_msg("cannot read plan %s", plan);
	int n = 0;
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(p, "objects"), i, o) {
		const char *a = json_string_value(json_object_get(o, "action"));
		n += a && strcmp(a, "remove") != 0;
	}
	json_decref(p);
	return n;
}

void pt2_assert_skipped_by_action(const json_t *skipped, int want)
{
	int n = 0;
	size_t i;
	json_t *s;
	json_array_foreach((json_t *)skipped, i, s)
		n += json_is_true(json_object_get(s, "byDesign"));
	assert_int_equal(n, want);
}

void pt2_roundtrip(const char *uri, const char *tag, const char *version, const char *seed, const char *layout)
{
	char store[4400], ostore[4400], plan[4400], jdir[4400];
	const char *t = tl_tmpdir();
	snprintf(store, sizeof store, "%.4000s/%s.store", t, tag);
	snprintf(ostore, sizeof ostore, "%.4000s/%s.orig.store", t, tag);
	snprintf(plan, sizeof plan, "%.4000s/%s.plan.json", t, tag);
	snprintf(jdir, sizeof jdir, "%.4000s/%s.journal", t, tag);
	pt_run(0, 0, "sample", "--into", uri, "--liferay", version, "--seed", seed, "--store", store,
	       "--store-layout", layout, "--force", NULL);
	pt_sh("rm -rf '%s' && cp -a '%s' '%s'", ostore, store, ostore);

	struct db *d = tl_open(uri);
	json_t *before = pt_checksums(d);
	struct pt2_rows *rows0 = pt2_rows_take(d);
	db_close(d);

	json_t *inspect0 = pt_run(2, 1, "inspect", uri, "--json", NULL);
	long long planted = pt_orphans(inspect0);
	json_decref(inspect0);
	if (planted == 0)
		fail_msg("%s: the sample planted no orphans: the orphan check after the prune proves nothing", tag);

	pt_run(0, 0, "plan", uri, "-o", plan, NULL);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = pt2_run(&out, &err, "prune", uri, "--plan", plan, "--store", store, "--journal", jdir, "--json", NULL);
	json_t *res = json_loads(out.buf ? out.buf : "", 0, NULL);
	/* objects whose action is not a removal (orphan.userid: reassign) are
	 * listed as skipped by design (exit 0); nothing else may be */
	int kept = pt2_plan_kept_by_action(plan);
	if (rc != 0) {
		char *sk = res ? json_dumps(json_object_get(res, "skipped"), JSON_COMPACT) : NULL;
		fail_msg("%s: prune exited %d; stderr: %s; skipped: %.3000s", tag, rc, err.buf, sk ? sk : out.buf);
	}
	assert_non_null(res);
	strbuf_release(&out);
	strbuf_release(&err);
	json_t *reported = json_object_get(res, "rows");
	long long deleted = pt2_total(reported);
	if (deleted == 0 || json_integer_value(json_object_get(res, "files")) == 0)
		fail_msg("%s: the prune removed %lld rows and %lld files", tag, deleted,
			 (long long)json_integer_value(json_object_get(res, "files")));
	assert_int_equal(json_array_size(json_object_get(res, "skipped")), kept);
	pt2_assert_skipped_by_action(json_object_get(res, "skipped"), kept);

	json_t *inspect1 = pt_run(0, 1, "inspect", uri, "--json", "--skip", "unused", "--skip", "blocker", NULL);
	assert_int_equal(pt_orphans(inspect1), 0);
	json_decref(inspect1);

	d = tl_open(uri);
	struct pt2_rows *rows1 = pt2_rows_take(d);
	db_close(d);
	assert_int_equal(pt2_assert_survivors(rows0, rows1, reported), deleted);
	pt2_rows_free(rows1);
	pt2_rows_free(rows0);
	json_decref(res);

	pt_run(0, 0, "undo", uri, "--journal", jdir, NULL);
	d = tl_open(uri);
	json_t *after = pt_checksums(d);
	db_close(d);
	pt2_assert_checksums(before, after, tag);
	pt_sh("diff -r '%s' '%s' >/dev/null", store, ostore);
	/* undo is idempotent: a second run changes nothing */
	pt_run(0, 0, "undo", uri, "--journal", jdir, NULL);
	d = tl_open(uri);
	json_t *again = pt_checksums(d);
	db_close(d);
	pt2_assert_checksums(before, again, tag);
	json_decref(again);
	json_decref(before);
	json_decref(after);
}

/* Fixed-seed generator: the same 20 crash points on every run. */
static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

void pt2_crash_test(const char *target, const char *store, void (*restore)(void *), void *ctx, int runs)
{
	char ostore[4400], plan[4400], jdir[4400];
	const char *t = tl_tmpdir();
	snprintf(ostore, sizeof ostore, "%.4000s.orig", store);
	snprintf(plan, sizeof plan, "%.4000s/crash.plan.json", t);
	pt_sh("rm -rf '%s' && cp -a '%s' '%s'", ostore, store, ostore);
	restore(ctx);
	struct db *d = tl_open(target);
	json_t *want = pt_checksums(d);
	db_close(d);
	pt_run(0, 0, "plan", target, "-o", plan, NULL);

	/* one run without a crash counts the batches: three crash points each */
	snprintf(jdir, sizeof jdir, "%.4000s/crash.count", t);
	json_t *res = pt_run(0, 1, "prune", target, "--plan", plan, "--store", store,
			     "--journal", jdir, "--batch", "25", "--json", NULL);
	int batches = pt2_journal_batches(jdir);
	long long rows = pt2_total(json_object_get(res, "rows"));
	json_decref(res);
	if (batches < 10)
		fail_msg("only %d batches for %lld rows: the crash points would not cover the prune", batches, rows);
	int points = 3 * batches;
	print_message("%d batches for %lld rows: %d crash points\n", batches, rows, points);
	pt_run(0, 0, "undo", target, "--journal", jdir, NULL);
	d = tl_open(target);
	json_t *got = pt_checksums(d);
	db_close(d);
	pt2_assert_checksums(want, got, "undo of the uncrashed prune");
	json_decref(got);

	uint64_t seed = 20261125;
	int seen[4096] = { 0 };
	for (int r = 0; r < runs; r++) {
		int n;
		do
			n = 1 + (int)(lcg(&seed) % (uint64_t)points);
		while (points >= runs && n < 4096 && seen[n]);
		if (n < 4096)
			seen[n] = 1;
		restore(ctx);
		pt_sh("rm -rf '%s' && cp -a '%s' '%s'", store, ostore, store);
		snprintf(jdir, sizeof jdir, "%.4000s/crash.%d", t, n);
		char at[16];
		snprintf(at, sizeof at, "%d", n);
		setenv("LRPREP_TEST_CRASH_AT", at, 1);
		struct strbuf err = STRBUF_INIT;
		int rc = pt2_run(NULL, &err, "prune", target, "--plan", plan, "--store", store, "--journal", jdir,
				 "--batch", "25", NULL);
		unsetenv("LRPREP_TEST_CRASH_AT");
		if (rc != -1)
			fail_msg("crash point %d of %d: the prune was not killed (exit %d): %s", n, points, rc, err.buf);
		strbuf_release(&err);
		pt_run(0, 0, "undo", target, "--journal", jdir, NULL);
		d = tl_open(target);
		got = pt_checksums(d);
		db_close(d);
		char what[64];
		snprintf(what, sizeof what, "undo after kill -9 at crash point %d of %d", n, points);
		pt2_assert_checksums(want, got, what);
		json_decref(got);
		pt_sh("diff -r '%s' '%s' >/dev/null", store, ostore);
	}
	json_decref(want);
}
