/* A dump used as a DB is imported once into the cache, keyed by the SHA-256
 * of its bytes; the next run reuses the copy; concurrent runs are safe and
 * leave no temp file. */
#include "dumptest.h"
#include "dump/cache.h"
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char cache[4300];

static int setup(void **state)
{
	(void)state;
	snprintf(cache, sizeof cache, "%s/cache/sub", tl_tmpdir());
	setenv("LRPREP_CACHE", cache, 1);
	return 0;
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void recognises_dumps(void **state)
{
	(void)state;
	assert_int_equal(dump_is_dump_file(tl_fixture("lr62-mysql-juyee.sql.xz")), 1);
	static const char sql[] = "-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int(11));\n";
	assert_int_equal(dump_is_dump_file(dt_write("plain.sql", sql, sizeof sql - 1)), 1);
	assert_int_equal(dump_is_dump_file(dt_write("notes.txt", "hello world\n", 12)), 0);
	assert_int_equal(dump_is_dump_file(tl_tmpdir()), 0);
	assert_int_equal(dump_is_dump_file("/nonexistent"), 0);
	char db[4300];
	snprintf(db, sizeof db, "%s/a.db", tl_tmpdir());
	struct db *h = tl_open(db);
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(h, "CREATE TABLE x (a int)", NULL, 0, NULL, &err), 0);
	db_close(h);
	assert_int_equal(dump_is_dump_file(db), 0);
}

static void second_run_reuses_the_copy(void **state)
{
	(void)state;
	const char *fx = tl_fixture("lr61-mysql-viking.sql.xz");
	struct lr_err err = LR_ERR_INIT;
	char *p1 = NULL, *p2 = NULL;
	if (dump_cache_get(fx, &p1, &err) < 0)
		fail_msg("%s", err.msg);
	char want[4400];
	/* sha256 of the .xz file's bytes */
	snprintf(want, sizeof want, "%s/", cache);
	assert_true(!strncmp(p1, want, strlen(want)));
	assert_int_equal(strlen(p1), strlen(want) + 64 + 3);
	struct stat a, b;
	assert_int_equal(stat(p1, &a), 0);
	assert_int_equal(dump_cache_get(fx, &p2, &err), 0);
	assert_string_equal(p1, p2);
	assert_int_equal(stat(p2, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_mtime, b.st_mtime);
	struct db *db = tl_open(p1);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM region"), 366);
	db_close(db);
	assert_int_equal(count_entries(cache), 1);
	free(p1);
	free(p2);
}

static void concurrent_runs_are_safe(void **state)
{
	(void)state;
	const char *fx = tl_fixture("lr62ee-mysql-migratetools.sql.xz");
	pid_t kids[3];
	for (int i = 0; i < 3; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			struct lr_err err = LR_ERR_INIT;
			char *p = NULL;
			int rc = dump_cache_get(fx, &p, &err);
			free(p);
			_exit(rc == 0 ? 0 : 1);
		}
	}
	for (int i = 0; i < 3; i++) {
		int st;
		assert_int_equal(waitpid(kids[i], &st, 0), kids[i]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	/* the viking copy from before plus this one; no temp files */
	assert_int_equal(count_entries(cache), 2);
	struct lr_err err = LR_ERR_INIT;
	char *p = NULL;
	assert_int_equal(dump_cache_get(fx, &p, &err), 0);
	struct db *db = tl_open(p);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM Release_"), 7);
	db_close(db);
	free(p);
}

static void a_bad_dump_leaves_nothing_in_the_cache(void **state)
{
	(void)state;
	static const char bad[] = "-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int(11));\nINSERT INTO `t` VALUES ('x);\n";
	const char *path = dt_write("bad.sql", bad, sizeof bad - 1);
	struct lr_err err = LR_ERR_INIT;
	char *p = NULL;
	assert_int_equal(dump_cache_get(path, &p, &err), -1);
	assert_null(p);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_int_equal(count_entries(cache), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recognises_dumps),
		cmocka_unit_test(second_run_reuses_the_copy),
		cmocka_unit_test(concurrent_runs_are_safe),
		cmocka_unit_test(a_bad_dump_leaves_nothing_in_the_cache),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
