/* Every file of the fuzz corpora (hand-written seeds and the inputs that
 * once crashed a reader, kept as regressions) goes through its reader
 * without a crash, a leak or a hang; a failure is LR_EXIT_INPUT with a
 * "file:line:col: what" message naming the file. */
#include "sinklib.h"
#include <dirent.h>

static void run_dir(const struct dump_reader *rd, const char *sub, int *nfiles)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", tl_src(), sub);
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("cannot open %s", dir);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct tsink ts;
		ts_init(&ts, "*");
		struct lr_err err = LR_ERR_INIT;
		int rc = ts_read(rd, path, &ts, &err);
		if (rc != 0) {
			assert_int_equal(rc, -1);
			assert_int_equal(err.code, LR_EXIT_INPUT);
			if (strncmp(err.msg, path, strlen(path)) != 0)
				fail_msg("%s: message does not name the file: %s", path, err.msg);
		}
		ts_release(&ts);
		(*nfiles)++;
	}
	closedir(d);
}

static void test_pgdump_corpus(void **state)
{
	(void)state;
	int n = 0;
	run_dir(&dump_reader_pgdump, "pgdump", &n);
	assert_true(n >= 3); /* the three seeds at least */
}

static void test_hsqldb_corpus(void **state)
{
	(void)state;
	int n = 0;
	run_dir(&dump_reader_hsqldb, "hsqldb", &n);
	assert_true(n >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pgdump_corpus),
		cmocka_unit_test(test_hsqldb_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
