/* lrprep import on bad input: a message naming file:line:col, exit code 4,
 * and no output file (or temp file) left behind. */
#include "dumptest.h"
#include <dirent.h>
#include <stdlib.h>

/* No file in the temp dir starts with prefix. */
static void assert_nothing_left(const char *prefix)
{
	DIR *d = opendir(tl_tmpdir());
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)))
			fail_msg("left behind: %s", e->d_name);
	closedir(d);
}

/* Import path into out.db; expect exit 4 and stderr exactly "lrprep: error: PATH:want\n". */
static void expect_failure(const char *path, const char *format, const char *want)
{
	char out[4200];
	snprintf(out, sizeof out, "%s/out.db", tl_tmpdir());
	struct strbuf so = STRBUF_INIT, se = STRBUF_INIT;
	int rc = format ? tl_run(&so, &se, "import", path, "-o", out, "--format", format, "-q", NULL)
			: tl_run(&so, &se, "import", path, "-o", out, "-q", NULL);
	assert_int_equal(rc, 4);
	char expect[8400];
	snprintf(expect, sizeof expect, "lrprep: error: %s:%s\n", path, want);
	assert_string_equal(strbuf_str(&se), expect);
	assert_nothing_left("out.db");
	strbuf_release(&so);
	strbuf_release(&se);
}

static const char *fixture_prefix(const char *fx, size_t bytes, const char *name)
{
	static char path[4300];
	char cmd[9000];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), name);
	snprintf(cmd, sizeof cmd, "xz -dc '%s' | head -c %zu > '%s'", tl_fixture(fx), bytes, path);
	assert_int_equal(system(cmd), 0);
	return path;
}

static void truncated_dump(void **state)
{
	(void)state;
	/* cut inside a string of line 3446 (INSERT INTO `resourcepermission`) */
	const char *p = fixture_prefix("lr62-mysql-juyee.sql.xz", 300000, "trunc.sql");
	expect_failure(p, NULL, "3446:9539: unterminated string (the dump ends inside it)");
	/* cut right after "CREATE TABLE `address` (" */
	p = fixture_prefix("lr62-mysql-juyee.sql.xz", 2290, "trunc2.sql");
	expect_failure(p, NULL, "64:1: the dump ends inside a statement (truncated?): expected a column definition");
	/* the same cut, compressed: the decoder reports the truncation itself */
	char xzp[4300], cmd[9000];
	snprintf(xzp, sizeof xzp, "%s/trunc.sql.xz", tl_tmpdir());
	snprintf(cmd, sizeof cmd, "head -c 20000 '%s' > '%s'", tl_fixture("lr62-mysql-juyee.sql.xz"), xzp);
	assert_int_equal(system(cmd), 0);
	expect_failure(xzp, NULL, " truncated xz data");
}

static void garbage_bytes(void **state)
{
	(void)state;
	static const char junk[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
	const char *p = dt_write("junk.bin", junk, sizeof junk - 1);
	expect_failure(p, NULL, "1:1: not a dump lrprep can read (expected a mysqldump, pg_dump plain or HSQLDB script; use --format to force one)");
	static const char mid[] = "-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int(11));\n\x01\x02\x03junk;\n";
	p = dt_write("mid.sql", mid, sizeof mid - 1);
	expect_failure(p, NULL, "3:1: unexpected byte 0x01: expected an SQL statement");
}

static void unterminated_string_and_wrong_value_count(void **state)
{
	(void)state;
	static const char s1[] = "-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int(11), `s` text);\n"
				 "INSERT INTO `t` VALUES (1,'a'),\n(2,'oops);\n";
	const char *p = dt_write("unterm.sql", s1, sizeof s1 - 1);
	expect_failure(p, NULL, "4:4: unterminated string (the dump ends inside it)");
	static const char s2[] = "-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int(11), `s` text);\n"
				 "INSERT INTO `t` VALUES (1,'a'),(2,'b','c');\n";
	p = dt_write("count.sql", s2, sizeof s2 - 1);
	expect_failure(p, NULL, "3:32: row has 3 values but 2 columns in table t");
}

static void wrong_reader_forced(void **state)
{
	(void)state;
	const char *p = tl_fixture("lr70-hsqldb-pokerhands.script.xz");
	expect_failure(p, "mysqldump",
		       "1:1: statement not ended by ';' before the end of the dump (truncated, or not a MySQL dump?)");
}

static void not_a_liferay_database(void **state)
{
	(void)state;
	static const char s[] = "-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int(11));\nINSERT INTO `t` VALUES (1);\n";
	const char *p = dt_write("other.sql", s, sizeof s - 1);
	char out[4200];
	snprintf(out, sizeof out, "%s/out.db", tl_tmpdir());
	struct strbuf se = STRBUF_INIT;
	assert_int_equal(tl_run(NULL, &se, "import", p, "-o", out, "-q", NULL), 4);
	char expect[8400];
	snprintf(expect, sizeof expect,
		 "lrprep: error: %s is not a Liferay database (no Release_, Group_, Company and User_ tables "
		 "among its 1 tables); no copy was kept\n", p);
	assert_string_equal(strbuf_str(&se), expect);
	assert_nothing_left("out.db");
	strbuf_release(&se);
}

static void existing_output_needs_force(void **state)
{
	(void)state;
	char out[4200];
	snprintf(out, sizeof out, "%s/exists.db", tl_tmpdir());
	dt_write("exists.db", "keep me", 7);
	struct strbuf se = STRBUF_INIT;
	assert_int_equal(tl_run(NULL, &se, "import", tl_fixture("lr61-mysql-viking.sql.xz"), "-o", out, NULL), 3);
	char expect[8400];
	snprintf(expect, sizeof expect, "lrprep import: %s exists; use --force to replace it\n", out);
	assert_string_equal(strbuf_str(&se), expect);
	FILE *f = fopen(out, "rb");
	char buf[16] = { 0 };
	assert_int_equal(fread(buf, 1, sizeof buf, f), 7);
	fclose(f);
	assert_string_equal(buf, "keep me");
	/* with --force it is replaced by the copy */
	assert_int_equal(tl_run(NULL, NULL, "import", tl_fixture("lr61-mysql-viking.sql.xz"), "-o", out, "--force", "-q", NULL), 0);
	struct db *db = tl_open(out);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM region"), 366);
	db_close(db);
	strbuf_release(&se);
}

static void help_lists_options_and_exit_codes(void **state)
{
	(void)state;
	struct strbuf so = STRBUF_INIT;
	assert_int_equal(tl_run(&so, NULL, "import", "--help", NULL), 0);
	static const char *const must[] = { "-o, --output FILE", "--into URI", "--format FORMAT", "--force",
					    "-q, --quiet", "--json", "examples:", "exit codes: 0 imported", NULL };
	for (int i = 0; must[i]; i++)
		if (!strstr(strbuf_str(&so), must[i]))
			fail_msg("--help lacks %s", must[i]);
	strbuf_release(&so);
	assert_int_equal(tl_run(NULL, NULL, "import", NULL), 3);
	assert_int_equal(tl_run(NULL, NULL, "import", "x.sql", "--format", "oracle", NULL), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(truncated_dump),
		cmocka_unit_test(garbage_bytes),
		cmocka_unit_test(unterminated_string_and_wrong_value_count),
		cmocka_unit_test(wrong_reader_forced),
		cmocka_unit_test(not_a_liferay_database),
		cmocka_unit_test(existing_output_needs_force),
		cmocka_unit_test(help_lists_options_and_exit_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
