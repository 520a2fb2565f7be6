/* The same seed gives the same database (identical per-table checksums),
 * the same ground truth and the same store; another seed gives different
 * content. */
#include "sample_test.h"
#include "db/checksum.h"
#include "util/xalloc.h"
#include <stdlib.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s", path);
	struct strbuf sb = STRBUF_INIT;
	char b[65536];
	size_t n;
	while ((n = fread(b, 1, sizeof b, f)) > 0)
		strbuf_add(&sb, b, n);
	fclose(f);
	return strbuf_detach(&sb, NULL);
}

/* Number of tables whose checksum (or row count) differs. */
static int differing_tables(const char *a, const char *b, int *ntables, int *journal_differs)
{
	struct db *da = tl_open(a), *dbb = tl_open(b);
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(da, &err);
	assert_non_null(cat);
	int diff = 0;
	*ntables = cat->ntables;
	*journal_differs = 0;
	for (int i = 0; i < cat->ntables; i++) {
		struct table_sum sa, sb;
		if (db_table_checksum(da, cat->tables[i].name, &sa, &err) < 0 ||
		    db_table_checksum(dbb, cat->tables[i].name, &sb, &err) < 0)
			fail_msg("checksum of %s: %s", cat->tables[i].name, err.msg);
		if (sa.rows != sb.rows || sa.sum != sb.sum) {
			diff++;
			if (!strcmp(cat->tables[i].name, "JournalArticle"))
				*journal_differs = 1;
		}
	}
	db_close(da);
	db_close(dbb);
	return diff;
}

static void check_version(const char *ver, int expected_tables)
{
	char a[4200], b[4200], c[4200], name[64];
	const char *s7[] = { "--liferay", ver, "--seed", "7", NULL };
	const char *s8[] = { "--liferay", ver, "--seed", "8", NULL };
	snprintf(name, sizeof name, "a%s", ver);
	ts_generate(name, a, sizeof a, s7);
	snprintf(name, sizeof name, "b%s", ver);
	ts_generate(name, b, sizeof b, s7);
	snprintf(name, sizeof name, "c%s", ver);
	ts_generate(name, c, sizeof c, s8);

	int n, jd;
	assert_int_equal(differing_tables(a, b, &n, &jd), 0);
	assert_int_equal(n, expected_tables);
	assert_true(differing_tables(a, c, &n, &jd) > 0);
	assert_int_equal(jd, 1); /* other versions and statuses of the articles */

	char ta[4200], tb[4200];
	ts_beside(a, ".truth.json", ta, sizeof ta);
	ts_beside(b, ".truth.json", tb, sizeof tb);
	char *x = slurp(ta), *y = slurp(tb);
	/* identical except the file names, which are not in the truth */
	assert_string_equal(x, y);
	free(x);
	free(y);

	/* the stores hold the same files with the same bytes */
	char cmd[9000];
	char sa[4200], sb[4200];
	ts_beside(a, ".store", sa, sizeof sa);
	ts_beside(b, ".store", sb, sizeof sb);
	snprintf(cmd, sizeof cmd, "diff -r '%s' '%s' >/dev/null", sa, sb);
	assert_int_equal(system(cmd), 0);
}

static void same_seed_same_database_62(void **state)
{
	(void)state;
	check_version("6.2", 75);
}

static void same_seed_same_database_71(void **state)
{
	(void)state;
	check_version("7.1", 80);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_seed_same_database_62),
		cmocka_unit_test(same_seed_same_database_71),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
