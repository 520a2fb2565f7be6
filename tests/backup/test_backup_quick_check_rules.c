/* The quick check of an incremental backup: a store or Home file is not
 * read when its path, size, mtime and ctime equal the previous manifest's
 * entry. A rewrite that keeps the size and sets the mtime back (cp -p,
 * rsync -t) still changes the ctime: the file is read and its new content
 * stored. A chmod changes only the ctime: read, hashed, not copied.
 * --checksum reads and hashes every file. Counted, not timed. */
#include "bkfx.h"
#include <sys/stat.h>

static void quick_check_rules(void **state)
{
	(void)state;
	char store[4200], dir[4200];
	struct strbuf out = STRBUF_INIT;
	const char *tmp = bkfx_first_backup(store, dir, sizeof store, &out);
	assert_int_equal(bkfx_json_int(out.buf, "filesHashed"), BKFX_STORE_FILES + BKFX_HOME_FILES);

	/* same size, mtime set back to what it was: only the ctime tells */
	const char *doc = bkfx_f("%s/10154/10180/30001/1.0", store);
	struct stat st;
	assert_int_equal(stat(doc, &st), 0);
	unsigned char buf[8192];
	size_t len = bkfx_content(1, "1.0", buf, sizeof buf);
	assert_int_equal((size_t)st.st_size, len);
	buf[0] ^= 0xff;
	bkfx_write(doc, buf, len);
	struct timespec ts[2] = { st.st_atim, st.st_mtim };
	assert_int_equal(utimensat(AT_FDCWD, doc, ts, 0), 0);
	/* a chmod: new ctime, same bytes */
	assert_int_equal(chmod(bkfx_f("%s/10154/10180/30002/1.0", store), 0640), 0);
	strbuf_reset(&out);
	assert_int_equal(bkfx_backup(tmp, "bk", &out), 1);
	assert_int_equal(bkfx_json_int(out.buf, "filesHashed"), 2);
	assert_int_equal(bkfx_json_int(out.buf, "filesCopied"), 1);
	assert_int_equal(tl_run(NULL, NULL, "verify", dir, NULL), 0);

	/* --checksum: every file read and hashed, nothing new to store */
	strbuf_reset(&out);
	struct strbuf err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "backup", bkfx_f("%s/src.db", tmp), "--liferay-home", bkfx_f("%s/home", tmp),
			"--to", dir, "--checksum", "--json", NULL);
	if (rc != 1)
		fail_msg("backup --checksum exit %d: %s", rc, err.buf);
	assert_int_equal(bkfx_json_int(out.buf, "filesHashed"), BKFX_STORE_FILES + BKFX_HOME_FILES);
	assert_int_equal(bkfx_json_int(out.buf, "filesCopied"), 0);

	/* and after it, nothing is read again */
	strbuf_reset(&out);
	assert_int_equal(bkfx_backup(tmp, "bk", &out), 1);
	assert_int_equal(bkfx_json_int(out.buf, "filesHashed"), 0);
	assert_int_equal(tl_run(NULL, NULL, "verify", dir, NULL), 0);
	strbuf_release(&out);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(quick_check_rules) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
