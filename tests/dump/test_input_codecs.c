/* Input decompression: plain, gzip, xz and zstd are recognised by their
 * first bytes (not the name) and give back the exact bytes; truncated or
 * corrupt compressed data is an input error naming the file. */
#include "dumptest.h"
#include <stdlib.h>

static struct strbuf original;

static void make_original(void)
{
	if (original.len)
		return;
	/* 3 MB of varied text, so every codec needs many blocks */
	uint32_t x = 12345;
	for (int i = 0; i < 60000; i++) {
		x = x * 1103515245u + 12345u;
		strbuf_addf(&original, "INSERT INTO `t` VALUES (%d,'%08x é \\n');\n", i, x);
	}
}

static const char *compressed(const char *tool, const char *name)
{
	make_original();
	const char *plain = dt_write("orig.sql", original.buf, original.len);
	static char path[4300];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), name);
	char cmd[16384];
	snprintf(cmd, sizeof cmd, "%s < '%s' > '%s'", tool, plain, path);
	assert_int_equal(system(cmd), 0);
	return path;
}

static void read_all(const char *path, struct strbuf *out, int *rc, struct lr_err *err, const char **codec)
{
	struct input *in = NULL;
	assert_int_equal(input_open(path, &in, err), 0);
	char buf[7777]; /* odd size on purpose */
	long n;
	while ((n = input_read(in, buf, sizeof buf, err)) > 0)
		strbuf_add(out, buf, (size_t)n);
	*rc = n < 0 ? -1 : 0;
	static char c[16];
	snprintf(c, sizeof c, "%s", input_codec(in));
	*codec = c;
	input_close(in);
}

static void check_roundtrip(const char *tool, const char *name, const char *codec_want)
{
	const char *path = compressed(tool, name);
	struct strbuf got = STRBUF_INIT;
	struct lr_err err = LR_ERR_INIT;
	int rc;
	const char *codec;
	read_all(path, &got, &rc, &err, &codec);
	assert_int_equal(rc, 0);
	assert_string_equal(codec, codec_want);
	assert_int_equal(got.len, original.len);
	assert_memory_equal(got.buf, original.buf, original.len);
	strbuf_release(&got);
}

static void every_codec_gives_back_the_exact_bytes(void **state)
{
	(void)state;
	check_roundtrip("cat", "plain.sql", "plain");
	check_roundtrip("gzip -c", "a.sql.gz", "gzip");
	check_roundtrip("xz -c", "a.sql.xz", "xz");
	check_roundtrip("zstd -q -c", "a.sql.zst", "zstd");
	/* detection is by content: a gzip file named .sql is still gzip */
	check_roundtrip("gzip -c", "misnamed.sql", "gzip");
}

static void concatenated_gzip_members_read_as_one(void **state)
{
	(void)state;
	make_original();
	const char *plain = dt_write("orig.sql", original.buf, original.len);
	char path[4300], cmd[16384];
	snprintf(path, sizeof path, "%s/two.gz", tl_tmpdir());
	snprintf(cmd, sizeof cmd, "(gzip -c < '%s'; gzip -c < '%s') > '%s'", plain, plain, path);
	assert_int_equal(system(cmd), 0);
	struct strbuf got = STRBUF_INIT;
	struct lr_err err = LR_ERR_INIT;
	int rc;
	const char *codec;
	read_all(path, &got, &rc, &err, &codec);
	assert_int_equal(rc, 0);
	assert_int_equal(got.len, 2 * original.len);
	strbuf_release(&got);
}

static void check_broken(const char *tool, const char *name, const char *how, const char *want)
{
	const char *full = compressed(tool, name);
	char path[4400], cmd[16384];
	snprintf(path, sizeof path, "%s.broken", full);
	snprintf(cmd, sizeof cmd, how, full, path);
	assert_int_equal(system(cmd), 0);
	struct strbuf got = STRBUF_INIT;
	struct lr_err err = LR_ERR_INIT;
	int rc;
	const char *codec;
	read_all(path, &got, &rc, &err, &codec);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	/* "PATH: truncated xz data" */
	char expect[4600];
	snprintf(expect, sizeof expect, "%s: %s", path, want);
	assert_true(!strncmp(err.msg, expect, strlen(expect)));
	strbuf_release(&got);
}

#define TRUNCATE "head -c 50000 '%s' > '%s'"
/* overwrite 64 bytes in the middle of the stream */
#define CORRUPT "cp '%s' '%s' && printf 'CORRUPTCORRUPTCORRUPTCORRUPTCORRUPTCORRUPTCORRUPTCORRUPTCORRUPT!' | dd of='%2$s' bs=1 seek=30000 conv=notrunc status=none"

static void truncated_compressed_data_is_an_input_error(void **state)
{
	(void)state;
	check_broken("gzip -c", "t.gz", TRUNCATE, "truncated gzip data");
	check_broken("xz -c", "t.xz", TRUNCATE, "truncated xz data");
	check_broken("zstd -q -c", "t.zst", TRUNCATE, "truncated zstd data");
}

static void corrupt_compressed_data_is_an_input_error(void **state)
{
	(void)state;
	check_broken("gzip -c", "c.gz", CORRUPT, "corrupt gzip data");
	check_broken("xz -c", "c.xz", CORRUPT, "corrupt xz data");
	check_broken("zstd -q -c", "c.zst", CORRUPT, "corrupt zstd data");
}

static void missing_file_names_it(void **state)
{
	(void)state;
	struct input *in = NULL;
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(input_open("/nonexistent/dump.sql", &in, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_string_equal(err.msg, "cannot open /nonexistent/dump.sql: No such file or directory");
	lr_err_clear(&err);
	assert_int_equal(input_open(tl_tmpdir(), &in, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_codec_gives_back_the_exact_bytes),
		cmocka_unit_test(concatenated_gzip_members_read_as_one),
		cmocka_unit_test(truncated_compressed_data_is_an_input_error),
		cmocka_unit_test(corrupt_compressed_data_is_an_input_error),
		cmocka_unit_test(missing_file_names_it),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	strbuf_release(&original);
	return rc;
}
