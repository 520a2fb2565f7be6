/* lrprep import, the command: default output name, standard input, the
 * JSON summary, and the other readers reached through detection. */
#include "dumptest.h"
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void default_output_is_the_dump_name_with_db_in_the_current_directory(void **state)
{
	(void)state;
	char dir[4300];
	snprintf(dir, sizeof dir, "%s/cwd", tl_tmpdir());
	mkdir(dir, 0700);
	char old[4096];
	assert_non_null(getcwd(old, sizeof old));
	assert_int_equal(chdir(dir), 0);
	int rc = tl_run(NULL, NULL, "import", tl_fixture("lr61-mysql-viking.sql.xz"), "-q", NULL);
	assert_int_equal(chdir(old), 0);
	assert_int_equal(rc, 0);
	char out[4400];
	snprintf(out, sizeof out, "%s/lr61-mysql-viking.db", dir);
	struct db *db = tl_open(out);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM region"), 366);
	/* a normal database once renamed: the fast-load journal mode is undone */
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"), 1);
	db_close(db);
}

static void standard_input_and_json_summary(void **state)
{
	(void)state;
	char out[4300], cmd[16384];
	snprintf(out, sizeof out, "%s/stdin.db", tl_tmpdir());
	const char *bin = getenv("LRPREP_BIN");
	if (!bin)
		bin = "./lrprep";
	snprintf(cmd, sizeof cmd, "xz -dc '%s' | '%s' import - -o '%s' -q --json > '%s.json'",
		 tl_fixture("lr62-mysql-juyee.sql.xz"), bin, out, out);
	assert_int_equal(system(cmd), 0);
	char jpath[4400];
	snprintf(jpath, sizeof jpath, "%s.json", out);
	FILE *f = fopen(jpath, "r");
	assert_non_null(f);
	char buf[4096] = { 0 };
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	assert_true(n > 0);
	assert_non_null(strstr(buf, "\"command\": \"import\""));
	assert_non_null(strstr(buf, "\"tables\": 219"));
	assert_non_null(strstr(buf, "\"rows\": 3686"));
	assert_non_null(strstr(buf, "\"indexes\": 1052"));
	assert_non_null(strstr(buf, "\"noticeCount\": 0"));
	/* stdin needs -o */
	assert_int_equal(tl_run(NULL, NULL, "import", "-", "-q", NULL), 3);
}

static void hsqldb_and_pg_dump_are_detected(void **state)
{
	(void)state;
	static const struct {
		const char *fixture;
		int tables;
	} cases[] = {
		{ "lr71-hsqldb-guestbook.script.xz", 229 },
		{ "schema/lr52-pgsql-progate.sql.xz", 152 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[4300];
		snprintf(out, sizeof out, "%s/other%zu.db", tl_tmpdir(), i);
		struct strbuf se = STRBUF_INIT;
		int rc = tl_run(NULL, &se, "import", tl_fixture(cases[i].fixture), "-o", out, "-q", NULL);
		if (rc != 0)
			fail_msg("%s: exit %d: %s", cases[i].fixture, rc, strbuf_str(&se));
		strbuf_release(&se);
		struct db *db = tl_open(out);
		assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"), cases[i].tables);
		db_close(db);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_output_is_the_dump_name_with_db_in_the_current_directory),
		cmocka_unit_test(standard_input_and_json_summary),
		cmocka_unit_test(hsqldb_and_pg_dump_are_detected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
