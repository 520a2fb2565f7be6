/* The same data gives the same findings on SQLite, MariaDB and PostgreSQL:
 * a fixture's tables are copied from MariaDB into a fresh SQLite file and a
 * fresh PostgreSQL database through the db interface (db_create_table +
 * db_load_*), and every check's findings (ids, counts, samples) must be
 * identical. blocker.table.case is MariaDB-only by nature and left out. */
#include "testlib.h"
#include "checks_testlib.h"
#include <stdio.h>
#include <string.h>

static char *dump(json_t *f)
{
	return json_dumps(f, JSON_SORT_KEYS | JSON_INDENT(1));
}

static void same(const char *fixture, const char *tag, int64_t expect_findings)
{
	char name[256], uri[1024], pgname[64], file[64];
	const char *skip[] = { "blocker.table.case", NULL };
	struct checks_opts o = { .skip = skip, .max_samples = 1000 };
	tl_fixture_dbname(fixture, name, sizeof name);
	struct db *my = tl_open(tl_mysql_db_uri(name, uri, sizeof uri));
	snprintf(pgname, sizeof pgname, "t_checks_xe_%s", tag);
	snprintf(file, sizeof file, "xe_%s.db", tag);
	struct db *pg = ct_pg_fresh(pgname);
	struct db *lite = ct_sqlite_fresh(file);
	ct_copy(my, pg, NULL);
	ct_copy(my, lite, NULL);

	json_t *fm = ct_run(my, &o), *fp = ct_run(pg, &o), *fl = ct_run(lite, &o);
	assert_int_equal(ct_failed(fm), 0);
	assert_int_equal(ct_failed(fp), 0);
	assert_int_equal(ct_failed(fl), 0);
	assert_int_equal((int64_t)json_array_size(fm), expect_findings);
	char *sm = dump(fm), *sp = dump(fp), *sl = dump(fl);
	if (strcmp(sm, sp)) {
		fprintf(stderr, "mariadb:\n%s\npostgresql:\n%s\n", sm, sp);
		fail_msg("%s: PostgreSQL findings differ from MariaDB", fixture);
	}
	if (strcmp(sm, sl)) {
		fprintf(stderr, "mariadb:\n%s\nsqlite:\n%s\n", sm, sl);
		fail_msg("%s: SQLite findings differ from MariaDB", fixture);
	}
	free(sm);
	free(sp);
	free(sl);
	json_decref(fm);
	json_decref(fp);
	json_decref(fl);
	db_close(my);
	db_close(pg);
	db_close(lite);
}

static void compare3(json_t *a, json_t *b, json_t *c, const char *what)
{
	char *sa = dump(a), *sb = dump(b), *sc = dump(c);
	if (strcmp(sa, sb) || strcmp(sa, sc)) {
		fprintf(stderr, "sqlite:\n%s\nmariadb:\n%s\npostgresql:\n%s\n", sa, sb, sc);
		fail_msg("%s: findings differ between engines", what);
	}
	free(sa);
	free(sb);
	free(sc);
}

/* A generated 7.0 sample (every kind of planted object) written to SQLite,
 * copied to MariaDB and PostgreSQL: same findings, dates compared the same. */
static void generated_sample(void **state)
{
	(void)state;
	char path[2048], truth[4096];
	snprintf(path, sizeof path, "%s/xe-sample.db", tl_tmpdir());
	snprintf(truth, sizeof truth, "%s.truth.json", path);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	if (tl_run(&out, &err, "sample", "-o", path, "--truth", truth, "--liferay", "7.0", "--seed", "3", "--no-store",
		   "--force", NULL) != 0)
		fail_msg("lrprep sample: %s", strbuf_str(&err));
	json_error_t je;
	json_t *t = json_load_file(truth, 0, &je);
	assert_non_null(t);
	checks_set_now(json_integer_value(json_object_get(t, "referenceEpochMs")) / 1000);
	json_decref(t);
	const char *skip[] = { "blocker.table.case", NULL };
	struct checks_opts o = { .skip = skip, .max_samples = 1000 };
	struct db *lite = tl_open(path);
	struct db *my = ct_my_fresh("t_checks_xe_sample");
	struct db *pg = ct_pg_fresh("t_checks_xe_sample");
	ct_copy(lite, my, NULL);
	ct_copy(lite, pg, NULL);
	json_t *fl = ct_run(lite, &o), *fm = ct_run(my, &o), *fp = ct_run(pg, &o);
	assert_int_equal(ct_failed(fl), 0);
	assert_int_equal(ct_failed(fm), 0);
	assert_int_equal(ct_failed(fp), 0);
	assert_int_equal((int64_t)json_array_size(fl), 38);
	compare3(fl, fm, fp, "generated 7.0 sample");
	checks_set_now(0);
	json_decref(fl);
	json_decref(fm);
	json_decref(fp);
	db_close(lite);
	db_close(my);
	db_close(pg);
	strbuf_release(&out);
	strbuf_release(&err);
}

static void openunderwriter(void **state)
{
	(void)state;
	same("lr62-mysql-openunderwriter.sql.xz", "ou", 9);
}

static void formsdemo(void **state)
{
	(void)state;
	same("lr71-mysql-formsdemo.sql.xz", "fd", 6);
}

static void openquote(void **state)
{
	(void)state;
	same("lr61-mysql-openquote.sql.xz", "oq", 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(openunderwriter),
		cmocka_unit_test(formsdemo),
		cmocka_unit_test(openquote),
		cmocka_unit_test(generated_sample),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
