/* Where FileSystemStore and AdvancedFileSystemStore keep a file version
 * (liferay-domain.md §5.3, ported from the 6.2 store classes), the paths
 * the backup uses to find files the database references. */
#include "testlib.h"
#include "backup/files.h"

static struct strbuf sb = STRBUF_INIT;

static const char *path(enum bk_store_type t, long long co, long long repo, const char *name, const char *ver)
{
	bk_store_path(t, co, repo, name, ver, &sb);
	return sb.buf;
}

static void file_system_store(void **state)
{
	(void)state;
	assert_string_equal(path(BK_STORE_FS, 10154, 10180, "12345", "1.0"), "10154/10180/12345/1.0");
	assert_string_equal(path(BK_STORE_FS, 10154, 20003, "30198", "PWC"), "10154/20003/30198/PWC");
	assert_string_equal(path(BK_STORE_FS, 0, 0, "501.jpg", "1.0"), "0/0/501.jpg/1.0");
}

static void advanced_file_system_store(void **state)
{
	(void)state;
	/* two-character directories, never the last pair */
	assert_string_equal(path(BK_STORE_AFS, 10154, 10180, "12345", "1.0"),
			    "10154/10180/12/34/12345.afsh/12345_1.0.afsh");
	assert_string_equal(path(BK_STORE_AFS, 10154, 10180, "1234", "2.1"),
			    "10154/10180/12/1234.afsh/1234_2.1.afsh");
	assert_string_equal(path(BK_STORE_AFS, 1, 2, "12", "1.0"), "1/2/12.afsh/12_1.0.afsh");
	assert_string_equal(path(BK_STORE_AFS, 1, 2, "7", "1.0"), "1/2/7.afsh/7_1.0.afsh");
	/* depth capped: stops once the path has more than 3 segments */
	assert_string_equal(path(BK_STORE_AFS, 1, 2, "1234567890123", "1.0"),
			    "1/2/12/34/56/78/1234567890123.afsh/1234567890123_1.0.afsh");
	/* an extension is kept; DLFE- moves into a DLFE directory and counts */
	assert_string_equal(path(BK_STORE_AFS, 0, 0, "501.jpg", "1.0"), "0/0/50/501.jpg/501_1.0.jpg");
	assert_string_equal(path(BK_STORE_AFS, 1, 2, "DLFE-12345678.pdf", "1.0"),
			    "1/2/DLFE/12/34/56/12345678.pdf/12345678_1.0.pdf");
	/* names with a path (previews) are plain directories */
	assert_string_equal(path(BK_STORE_AFS, 10154, 0, "document_preview/10180/1/40000.pdf", "1.0"),
			    "10154/0/document_preview/10180/1/40000.pdf/40000_1.0.pdf");
}

static int teardown(void **state)
{
	(void)state;
	strbuf_release(&sb);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(file_system_store),
		cmocka_unit_test(advanced_file_system_store),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
