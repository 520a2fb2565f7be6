/* Bad plans remove nothing and say why, with the documented exit code:
 * invalid JSON (file:line:col, 3), an id that does not exist (skipped and
 * listed, 1), injection attempts in keys, key names, tables and identities
 * (skipped, 1; no table dropped), a plan of another database (3),
 * planVersion 2 (3), an unknown kind (3). */
#include "prunetest2.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char db1[4400], db2[4400], store1[4400], ostore1[4400], plan1[4400];
static int nrun;

static int setup(void **s)
{
	(void)s;
	const char *t = tl_tmpdir();
	snprintf(db1, sizeof db1, "%.4000s/bad1.db", t);
	snprintf(db2, sizeof db2, "%.4000s/bad2.db", t);
	snprintf(store1, sizeof store1, "%.4000s/bad1.store", t);
	snprintf(ostore1, sizeof ostore1, "%.4000s/bad1.orig.store", t);
	snprintf(plan1, sizeof plan1, "%.4000s/bad1.plan.json", t);
	pt_run(0, 0, "sample", "-o", db1, "--seed", "1", "--store", store1, "--force", NULL);
	pt_run(0, 0, "sample", "-o", db2, "--seed", "2", "--force", NULL);
	pt_sh("cp -a '%s' '%s'", store1, ostore1);
	pt_run(0, 0, "plan", db1, "-o", plan1, NULL);
	return 0;
}

static json_t *load_plan(void)
{
	json_t *p = json_load_file(plan1, 0, NULL);
	assert_non_null(p);
	return p;
}

static void write_plan(const json_t *p, char *path, size_t n)
{
	snprintf(path, n, "%.4000s/bad-%d.plan.json", tl_tmpdir(), ++nrun);
	assert_int_equal(json_dump_file(p, path, JSON_INDENT(2)), 0);
}

/* Run prune; the exit code and a message are as expected; the database, the
 * store and the journal show that nothing was removed. */
static void expect(const char *db, const char *plan, int want_rc, const char *want_msg)
{
	struct db *d = tl_open(db);
	json_t *before = pt_checksums(d);
	db_close(d);
	char jdir[4400];
	snprintf(jdir, sizeof jdir, "%.4000s/bad-%d.journal", tl_tmpdir(), ++nrun);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = pt2_run(&out, &err, "prune", db, "--plan", plan, "--store", store1, "--journal", jdir, NULL);
	if (rc != want_rc)
		fail_msg("exit %d, expected %d; stderr: %s; stdout: %.2000s", rc, want_rc, err.buf, out.buf);
	if (!strstr(out.buf ? out.buf : "", want_msg) && !strstr(err.buf ? err.buf : "", want_msg))
		fail_msg("no \"%s\" in the output; stderr: %s; stdout: %.2000s", want_msg, err.buf, out.buf);
	d = tl_open(db);
	json_t *after = pt_checksums(d);
	db_close(d);
	pt2_assert_checksums(before, after, "after a bad plan");
	/* no journal claims rows: none written, or one with no batch */
	assert_int_equal(pt2_journal_batches(jdir), 0);
	char meta[4500];
	snprintf(meta, sizeof meta, "%s/meta.json", jdir);
	json_t *m = json_load_file(meta, 0, NULL);
	if (m) {
		assert_int_equal(pt2_total(json_object_get(m, "rows")), 0);
		json_decref(m);
	}
	pt_sh("diff -r '%s' '%s' >/dev/null", store1, ostore1);
	pt_sh("test ! -s '%s/files.tsv'", jdir);
	strbuf_release(&out);
	strbuf_release(&err);
	json_decref(before);
	json_decref(after);
}

static void invalid_json(void **s)
{
	(void)s;
	/* the plan with a stray comma after "planVersion": 1, on its own line */
	FILE *in = fopen(plan1, "r");
	assert_non_null(in);
	char path[4400], line[8192];
	snprintf(path, sizeof path, "%.4000s/bad-json.plan.json", tl_tmpdir());
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	int lineno = 0, hit = 0, col = 0;
	while (fgets(line, sizeof line, in)) {
		lineno++;
		char *p = strstr(line, "\"planVersion\": 1,");
		if (p && !hit) {
			hit = lineno;
			fputs("  \"planVersion\": 1,,\n", out);
			col = (int)strlen("  \"planVersion\": 1,,");
			continue;
		}
		fputs(line, out);
	}
	fclose(in);
	fclose(out);
	assert_true(hit > 0);
	char msg[4600];
	snprintf(msg, sizeof msg, "%s:%d:%d: the plan is not valid JSON", path, hit, col);
	expect(db1, path, 3, msg);
}

/* A plan holding one object: all of plan1 but its objects */
static json_t *plan_with(json_t *obj)
{
	json_t *p = load_plan();
	json_t *arr = json_array();
	json_array_append_new(arr, obj);
	json_object_set_new(p, "objects", arr);
	return p;
}

static void id_does_not_exist(void **s)
{
	(void)s;
	json_t *p = plan_with(json_pack("{s:s, s:s, s:{s:i}, s:{s:i, s:s}}", "kind", "user", "table", "User_", "key",
					"userId", 987654321, "identity", "userId", 987654321, "screenName", "ghost"));
	char path[4400];
	write_plan(p, path, sizeof path);
	json_decref(p);
	expect(db1, path, 1, "user User_ {\"userId\":987654321}: no longer selected");
}

static void injection_in_key_value(void **s)
{
	(void)s;
	json_t *p = plan_with(json_pack("{s:s, s:s, s:{s:s}}", "kind", "site", "table", "Group_", "key", "groupId",
					"1; DROP TABLE Group_"));
	char path[4400];
	write_plan(p, path, sizeof path);
	json_decref(p);
	expect(db1, path, 1, "site Group_ {\"groupId\":\"1; DROP TABLE Group_\"}: no longer selected");
}

static void injection_in_key_name_and_table(void **s)
{
	(void)s;
	json_t *p = plan_with(json_pack("{s:s, s:s, s:{s:i}}", "kind", "orphan-row", "table",
					"User_\"; DROP TABLE User_; --", "key", "userId\") OR 1=1 --", 1));
	json_array_append_new(json_object_get(p, "objects"),
			      json_pack("{s:s, s:s, s:{s:i}}", "kind", "page", "table", "Layout", "key",
					"plid) OR 1=1; DROP TABLE Layout; --", 1));
	char path[4400];
	write_plan(p, path, sizeof path);
	json_decref(p);
	expect(db1, path, 1, "no longer selected");
}

static void injection_in_identity(void **s)
{
	(void)s;
	/* a real planned site whose recorded name is hostile: it no longer
	 * matches the database, so it is skipped, and nothing runs its text */
	json_t *p = load_plan();
	json_t *site = NULL;
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(p, "objects"), i, o)
		if (!strcmp(json_string_value(json_object_get(o, "kind")), "site") && !site)
			site = json_deep_copy(o);
	json_decref(p);
	assert_non_null(site);
	json_object_set_new(json_object_get(site, "identity"), "name", json_string("'; DROP TABLE User_; --"));
	p = plan_with(site);
	char path[4400];
	write_plan(p, path, sizeof path);
	json_decref(p);
	expect(db1, path, 1, "changed since the plan was made (name differs)");
}

static void plan_of_another_database(void **s)
{
	(void)s;
	expect(db2, plan1, 3, "this plan was made on another database");
}

static void plan_version_2(void **s)
{
	(void)s;
	json_t *p = load_plan();
	json_object_set_new(p, "planVersion", json_integer(2));
	char path[4400];
	write_plan(p, path, sizeof path);
	json_decref(p);
	char msg[4600];
	snprintf(msg, sizeof msg, "%s: planVersion is not 1", path);
	expect(db1, path, 3, msg);
}

static void wrong_kind(void **s)
{
	(void)s;
	json_t *p = load_plan();
	json_t *objs = json_object_get(p, "objects");
	assert_true(json_array_size(objs) > 5);
	json_object_set_new(json_array_get(objs, 4), "kind", json_string("table"));
	char path[4400];
	write_plan(p, path, sizeof path);
	json_decref(p);
	char msg[4600];
	snprintf(msg, sizeof msg, "%s: object #5: unknown or missing kind", path);
	expect(db1, path, 3, msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(invalid_json),
		cmocka_unit_test(id_does_not_exist),
		cmocka_unit_test(injection_in_key_value),
		cmocka_unit_test(injection_in_key_name_and_table),
		cmocka_unit_test(injection_in_identity),
		cmocka_unit_test(plan_of_another_database),
		cmocka_unit_test(plan_version_2),
		cmocka_unit_test(wrong_kind),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
