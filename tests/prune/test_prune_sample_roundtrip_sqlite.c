/* On generated databases of every version (SQLite): prune the full plan;
 * every orphan check then reports zero; the rows left are exactly the
 * original rows minus the deleted ones, unchanged; undo brings every
 * per-table checksum and every store file back. */
#include "prunetest.h"
#include <stdio.h>
#include <string.h>

static void roundtrip(const char *version, const char *seed, const char *layout)
{
	char db[4096], orig[4400], store[4400], ostore[4400], plan[4400], jdir[4400];
	const char *t = tl_tmpdir();
	snprintf(db, sizeof db, "%.3000s/s%s-%s-%s.db", t, version, seed, layout);
	snprintf(orig, sizeof orig, "%s.orig", db);
	/* the sample writes its store beside the database as <stem>.store */
	snprintf(store, sizeof store, "%.*s.store", (int)(strlen(db) - 3), db);
	snprintf(ostore, sizeof ostore, "%s.orig.store", db);
	snprintf(plan, sizeof plan, "%s.plan.json", db);
	snprintf(jdir, sizeof jdir, "%s.journal", db);
	pt_run(0, 0, "sample", "-o", db, "--liferay", version, "--seed", seed, "--store-layout", layout,
	       "--force", NULL);
	pt_sh("cp '%s' '%s' && rm -rf '%s' && cp -a '%s' '%s'", db, orig, ostore, store, ostore);

	struct db *d = tl_open(db);
	json_t *before = pt_checksums(d);
	db_close(d);

	json_t *inspect0 = pt_run(2, 1, "inspect", db, "--json", NULL);
	assert_true(pt_orphans(inspect0) > 0); /* the sample plants orphans */
	json_decref(inspect0);

	pt_run(0, 0, "plan", db, "-o", plan, NULL);
	json_t *res = pt_run(0, 1, "prune", db, "--plan", plan, "--store", store, "--journal", jdir, "--json", NULL);
	long long deleted = 0;
	const char *k;
	json_t *v;
	json_object_foreach(json_object_get(res, "rows"), k, v)
		deleted += json_integer_value(v);
	assert_true(deleted > 0);
	assert_true(json_integer_value(json_object_get(res, "files")) > 0);
	/* the only objects left in place are those planned for reassignment */
	size_t si;
	json_t *sk;
	json_array_foreach(json_object_get(res, "skipped"), si, sk)
		assert_true(json_is_true(json_object_get(sk, "byDesign")));
	assert_int_equal(json_integer_value(json_object_get(res, "warningCount")), 0);

	/* every orphan check reports zero after the full plan */
	json_t *inspect1 = pt_run(0, 1, "inspect", db, "--json", "--skip", "unused", "--skip", "blocker", NULL);
	assert_int_equal(pt_orphans(inspect1), 0);
	json_decref(inspect1);

	/* survivors are untouched: each remaining row exists identically in the original */
	d = tl_open(db);
	char sql[9000];
	snprintf(sql, sizeof sql, "ATTACH DATABASE '%s' AS o", orig);
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(d, sql, NULL, 0, NULL, &err), 0);
	const struct db_catalog *cat = db_catalog(d, &err);
	long long removed = 0;
	for (int i = 0; i < cat->ntables; i++) {
		const char *tn = cat->tables[i].name;
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM (SELECT * FROM main.\"%s\" EXCEPT SELECT * FROM o.\"%s\")",
			 tn, tn);
		if (tl_int(d, sql) != 0)
			fail_msg("%s: rows changed by prune that it did not delete", tn);
		snprintf(sql, sizeof sql, "SELECT (SELECT COUNT(*) FROM o.\"%s\") - (SELECT COUNT(*) FROM main.\"%s\")",
			 tn, tn);
		long long gone = tl_int(d, sql);
		json_t *said = json_object_get(json_object_get(res, "rows"), tn);
		assert_int_equal(gone, said ? json_integer_value(said) : 0);
		removed += gone;
	}
	assert_int_equal(removed, deleted);
	db_close(d);
	json_decref(res);

	pt_run(0, 0, "undo", db, "--journal", jdir, NULL);
	d = tl_open(db);
	json_t *after = pt_checksums(d);
	db_close(d);
	if (!json_equal(before, after)) {
		char *a = json_dumps(before, JSON_SORT_KEYS), *b = json_dumps(after, JSON_SORT_KEYS);
		fail_msg("checksums differ after undo:\n%.2000s\n%.2000s", a, b);
	}
	pt_sh("diff -r '%s' '%s' >/dev/null", store, ostore);
	json_decref(before);
	json_decref(after);
}

static void v62_seed1_fs(void **s) { (void)s; roundtrip("6.2", "1", "fs"); }
static void v62_seed7_advanced(void **s) { (void)s; roundtrip("6.2", "7", "advanced"); }
static void v70_seed2_fs(void **s) { (void)s; roundtrip("7.0", "2", "fs"); }
static void v71_seed3_fs(void **s) { (void)s; roundtrip("7.1", "3", "fs"); }
static void v71_seed4_advanced(void **s) { (void)s; roundtrip("7.1", "4", "advanced"); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(v62_seed1_fs),
		cmocka_unit_test(v62_seed7_advanced),
		cmocka_unit_test(v70_seed2_fs),
		cmocka_unit_test(v71_seed3_fs),
		cmocka_unit_test(v71_seed4_advanced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
