/* Walking store and Liferay Home: a symbolic link to a file is backed up
 * as the file; a link to a directory is listed (store.notFollowed,
 * home.excluded) and not followed; a backup directory inside the store or
 * inside Liferay Home is never backed up into itself. */
#include "bkfx.h"

static void links_and_nesting(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	bkfx_sqlite_setup(tmp);
	char home[4200], store[4200];
	snprintf(home, sizeof home, "%s", bkfx_f("%s/home", tmp));
	snprintf(store, sizeof store, "%s", bkfx_f("%s/home/data/document_library", tmp));
	bkfx_write(bkfx_f("%s/elsewhere/x/big.bin", tmp), "outside", 7);
	/* links: a file and a directory, in the store and in Home */
	assert_int_equal(symlink(bkfx_f("%s/elsewhere/x/big.bin", tmp), bkfx_f("%s/10154/10180/linked", store)), 0);
	assert_int_equal(symlink(bkfx_f("%s/elsewhere/x", tmp), bkfx_f("%s/10154/linkdir", store)), 0);
	assert_int_equal(symlink(bkfx_f("%s/elsewhere/x", tmp), bkfx_f("%s/tomcat", home)), 0);
	assert_int_equal(symlink(bkfx_f("%s/portal-ext.properties", home), bkfx_f("%s/ext-link.properties", home)), 0);

	/* the backup goes inside the store */
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "backup", bkfx_f("%s/src.db", tmp), "--liferay-home", home, "--to",
			bkfx_f("%s/inside", store), "--json", NULL);
	if (rc != 1)
		fail_msg("backup exit %d: %s", rc, err.buf);
	assert_int_equal(bkfx_json_int(out.buf, "storeFiles"), BKFX_STORE_FILES + 1);
	assert_int_equal(bkfx_json_int(out.buf, "homeFiles"), BKFX_HOME_FILES + 1);
	assert_non_null(strstr(out.buf, "\"notFollowed\": [\n      \"10154/linkdir\"\n    ]"));
	assert_non_null(strstr(out.buf, "\"path\": \"tomcat\",\n        \"why\": \"symbolic link to a directory"));
	assert_null(strstr(out.buf, "inside/"));
	/* the linked file is in the store part; an unreferenced one */
	assert_int_equal(bkfx_json_int(out.buf, "unreferencedCount"), 2);
	assert_int_equal(tl_run(NULL, NULL, "verify", bkfx_f("%s/inside", store), NULL), 0);

	/* again, now the first backup lies in the store: still not walked */
	strbuf_reset(&out);
	rc = tl_run(&out, NULL, "backup", bkfx_f("%s/src.db", tmp), "--liferay-home", home, "--to",
		    bkfx_f("%s/inside", store), "--json", NULL);
	assert_int_equal(rc, 1);
	assert_int_equal(bkfx_json_int(out.buf, "storeFiles"), BKFX_STORE_FILES + 1);
	assert_int_equal(bkfx_json_int(out.buf, "filesCopied"), 0);
	strbuf_release(&out);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(links_and_nesting) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
