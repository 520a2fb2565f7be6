/* kill -9 during a backup, at every hook point (LRPREP_TEST_CRASH_AT, see
 * docs/backup.md) and after a few delays: no complete-looking backup is
 * left (no manifest, or one that verifies), and running the backup again
 * completes. A crash while re-running over a complete backup leaves the
 * previous backup intact. */
#include "bkfx.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static const char *const points[] = {
	"snapshot", "db-schema", "db-unit:2", "db-done", "file:40", "files-done",
	"before-manifest", "manifest-tmp",
};

static void crash_at(const char *tmp, const char *name, const char *point)
{
	setenv("LRPREP_TEST_CRASH_AT", point, 1);
	int rc = bkfx_backup(tmp, name, NULL);
	unsetenv("LRPREP_TEST_CRASH_AT");
	if (rc != -1)
		fail_msg("backup was not killed at %s (exit %d)", point, rc);
}

static void killed_at_each_point(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	bkfx_sqlite_setup(tmp);
	for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
		char name[64], dir[4200];
		snprintf(name, sizeof name, "bk%zu", i);
		snprintf(dir, sizeof dir, "%s", bkfx_f("%s/%s", tmp, name));
		crash_at(tmp, name, points[i]);
		struct strbuf err = STRBUF_INIT;
		if (tl_run(NULL, &err, "verify", dir, NULL) != 2 || !strstr(err.buf, "no manifest.json"))
			fail_msg("after a kill at %s the backup looks complete: %s", points[i], err.buf);
		strbuf_release(&err);
		assert_int_equal(bkfx_backup(tmp, name, NULL), 1);
		assert_int_equal(tl_run(NULL, NULL, "verify", dir, NULL), 0);
		assert_int_not_equal(access(bkfx_f("%s/.tmp", dir), F_OK), 0);
	}
	/* after the rename the backup is complete, even without SHA256SUMS */
	crash_at(tmp, "late", "after-manifest");
	assert_int_equal(tl_run(NULL, NULL, "verify", bkfx_f("%s/late", tmp), NULL), 0);
	assert_int_equal(bkfx_backup(tmp, "late", NULL), 1);
	assert_int_equal(tl_run(NULL, NULL, "verify", bkfx_f("%s/late", tmp), NULL), 0);
}

static void killed_rerun_keeps_previous(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	bkfx_sqlite_setup(tmp);
	char dir[4200];
	snprintf(dir, sizeof dir, "%s", bkfx_f("%s/again", tmp));
	assert_int_equal(bkfx_backup(tmp, "again", NULL), 1);
	sleep(1); /* a new backup id (second resolution) */
	bkfx_write(bkfx_f("%s/home/data/document_library/10154/10180/30001/1.0", tmp), "changed", 7);
	const char *const late[] = { "db-done", "file:1", "before-manifest" };
	for (size_t i = 0; i < 3; i++) {
		crash_at(tmp, "again", late[i]);
		assert_int_equal(tl_run(NULL, NULL, "verify", dir, NULL), 0);
	}
	assert_int_equal(bkfx_backup(tmp, "again", NULL), 1);
	assert_int_equal(tl_run(NULL, NULL, "verify", dir, NULL), 0);
	assert_int_equal(system(bkfx_f("test $(ls -d '%s'/db-* | wc -l) -eq 1", dir)), 0);
}

/* SIGKILL after a delay, wherever the backup is by then. */
static void killed_after_delays(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	bkfx_sqlite_setup(tmp);
	const int delays_ms[] = { 5, 20, 40, 80, 150 };
	for (size_t i = 0; i < sizeof delays_ms / sizeof delays_ms[0]; i++) {
		char dir[4200], src[4200], home[4200];
		snprintf(dir, sizeof dir, "%s", bkfx_f("%s/t%zu", tmp, i));
		snprintf(src, sizeof src, "%s", bkfx_f("%s/src.db", tmp));
		snprintf(home, sizeof home, "%s", bkfx_f("%s/home", tmp));
		fflush(NULL);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			dup2(null, 2);
			execl(getenv("LRPREP_BIN"), "lrprep", "backup", src, "--liferay-home", home, "--to", dir,
			      (char *)NULL);
			_exit(127);
		}
		struct timespec ts = { 0, delays_ms[i] * 1000000L };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int st;
		waitpid(pid, &st, 0);
		int v = tl_run(NULL, NULL, "verify", dir, NULL);
		/* killed before DIR existed (4), no manifest (2), or it finished
		 * before the kill and is intact (0) */
		if (v != 2 && v != 0 && v != 4)
			fail_msg("verify after a kill at %d ms: exit %d", delays_ms[i], v);
		if (v == 4)
			assert_int_not_equal(access(dir, F_OK), 0);
		if (v == 2)
			assert_int_not_equal(access(bkfx_f("%s/manifest.json", dir), F_OK), 0);
		assert_int_equal(bkfx_backup(tmp, bkfx_f("t%zu", i), NULL), 1);
		assert_int_equal(tl_run(NULL, NULL, "verify", dir, NULL), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(killed_at_each_point),
		cmocka_unit_test(killed_rerun_keeps_previous),
		cmocka_unit_test(killed_after_delays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
