/* A second backup into the same directory after 1 % of the store files
 * changed copies exactly those files: counted, not timed. Unchanged files
 * (same size and mtime as in the previous manifest) are not even read; a
 * touched but unchanged file is read and hashed but not copied; a third run
 * with no change reads nothing. */
#include "bkfx.h"
#include <sys/time.h>

static void change(const char *path, const char *content)
{
	bkfx_write(path, content, strlen(content));
}

static void only_changes_are_copied(void **state)
{
	(void)state;
	char store[4200], dir[4200];
	struct strbuf out = STRBUF_INIT;
	const char *tmp = bkfx_first_backup(store, dir, sizeof store, &out);
	assert_int_equal(bkfx_json_int(out.buf, "filesCopied"), BKFX_STORE_FILES + BKFX_HOME_FILES -
			 (BKFX_SAME_CONTENT - 1));
	assert_int_equal(bkfx_json_int(out.buf, "filesHashed"), BKFX_STORE_FILES + BKFX_HOME_FILES);

	/* 1 % of 253 store files: 3 changed, one of them keeping its size */
	change(bkfx_f("%s/10154/10180/30001/1.0", store), "new content of document 1");
	change(bkfx_f("%s/10154/20002/30012/1.1", store), "version 1.1 of document 12, edited");
	unsigned char buf[8192];
	size_t len = bkfx_content(5, "1.0", buf, sizeof buf);
	buf[len / 2] ^= 0x55;
	bkfx_write(bkfx_f("%s/10154/10180/30005/1.0", store), buf, len);
	/* touched, same bytes: hashed again, not copied */
	struct timeval tv[2] = { { 1500000000, 0 }, { 1500000000, 0 } };
	assert_int_equal(utimes(bkfx_f("%s/10154/10180/30007/1.0", store), tv), 0);

	strbuf_reset(&out);
	assert_int_equal(bkfx_backup(tmp, "bk", &out), 1);
	assert_int_equal(bkfx_json_int(out.buf, "filesCopied"), 3);
	assert_int_equal(bkfx_json_int(out.buf, "filesHashed"), 4);
	assert_int_equal(bkfx_json_int(out.buf, "storeFiles"), BKFX_STORE_FILES);
	assert_int_equal(tl_run(NULL, NULL, "verify", dir, NULL), 0);

	strbuf_reset(&out);
	assert_int_equal(bkfx_backup(tmp, "bk", &out), 1);
	assert_int_equal(bkfx_json_int(out.buf, "filesCopied"), 0);
	assert_int_equal(bkfx_json_int(out.buf, "filesHashed"), 0);
	assert_int_equal(tl_run(NULL, NULL, "verify", dir, NULL), 0);
	/* the objects of replaced content are gone: one per distinct content */
	strbuf_reset(&out);
	assert_int_equal(system(bkfx_f("test $(find '%s/objects' -type f | wc -l) -eq %d", dir,
				       BKFX_STORE_FILES + BKFX_HOME_FILES - (BKFX_SAME_CONTENT - 1))), 0);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(only_changes_are_copied) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
