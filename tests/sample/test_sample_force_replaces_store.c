/* --force replaces an existing document store: after a successful run only
 * the new files are there (nothing of the old store, no moved-aside copy);
 * after a failed run the old store is back untouched. */
#include "sample_test.h"
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static void put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static int files_seen;

static int count_file(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)p;
	(void)st;
	(void)f;
	files_seen += flag == FTW_F;
	return 0;
}

/* Entries of dir whose name starts with prefix. */
static int count_prefixed(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += !strncmp(e->d_name, prefix, strlen(prefix));
	closedir(d);
	return n;
}

static void success_leaves_only_the_new_store(void **state)
{
	(void)state;
	char db[4200], store[4200], stale[4300];
	const char *opt[] = { NULL };
	ts_generate("force1", db, sizeof db, opt);
	ts_beside(db, ".store", store, sizeof store);
	snprintf(stale, sizeof stale, "%s/stale.txt", store);
	put_file(stale, "from an older run");
	ts_generate("force1", db, sizeof db, opt);
	struct stat st;
	assert_int_equal(stat(stale, &st), -1);
	/* exactly the files the new run wrote */
	json_t *t = ts_truth(db);
	files_seen = 0;
	assert_int_equal(nftw(store, count_file, 16, FTW_PHYS), 0);
	assert_int_equal(files_seen,
			 json_integer_value(json_object_get(json_object_get(t, "store"), "files")));
	assert_int_equal(files_seen, 99); /* the default sample's store */
	json_decref(t);
	assert_int_equal(count_prefixed(tl_tmpdir(), "force1.store.old-"), 0);
}

static void failure_gives_the_old_store_back(void **state)
{
	(void)state;
	char store[4200], keep[4300], bad[4300];
	snprintf(store, sizeof store, "%s/force2.store", tl_tmpdir());
	assert_int_equal(mkdir(store, 0755), 0);
	snprintf(keep, sizeof keep, "%s/keep.txt", store);
	put_file(keep, "keep me");
	/* the database cannot be created: the run fails after the store was moved */
	snprintf(bad, sizeof bad, "%s/no-such-dir/x.db", tl_tmpdir());
	assert_int_equal(tl_run(NULL, NULL, "sample", "-o", bad, "--store", store, "--force", NULL), 4);
	struct stat st;
	assert_int_equal(stat(keep, &st), 0);
	assert_int_equal(st.st_size, 7);
	assert_int_equal(count_prefixed(tl_tmpdir(), "force2.store.old-"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(success_leaves_only_the_new_store),
		cmocka_unit_test(failure_gives_the_old_store_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
