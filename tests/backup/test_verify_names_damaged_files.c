/* verify on a damaged backup: a flipped byte in a dump file, in a store
 * object and in a Liferay Home object, and a deleted file, are each named
 * (exit 2); an edited manifest fails its self-check (exit 2); an intact
 * backup passes (exit 0), also with --sample. */
#include "bkfx.h"
#include <glob.h>

static void flip(const char *path, long off)
{
	int fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	unsigned char c;
	assert_int_equal(pread(fd, &c, 1, off), 1);
	c ^= 0x01;
	assert_int_equal(pwrite(fd, &c, 1, off), 1);
	close(fd);
}

static const char *first(const char *pattern)
{
	glob_t g;
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	const char *r = bkfx_f("%s", g.gl_pathv[0]);
	globfree(&g);
	return r;
}

/* Object path of the file whose manifest path is rel (via SHA256SUMS). */
static const char *object_of(const char *dir, const char *rel_in_home_store)
{
	struct strbuf m = STRBUF_INIT;
	FILE *f = fopen(bkfx_f("%s/manifest.json", dir), "r");
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&m, buf, n);
	fclose(f);
	const char *p = strstr(m.buf, bkfx_f("\"path\": \"%s\"", rel_in_home_store));
	assert_non_null(p);
	const char *s = strstr(p, "\"sha256\": \"");
	assert_non_null(s);
	s += 11;
	const char *r = bkfx_f("%s/objects/%.2s/%.62s", dir, s, s + 2);
	strbuf_release(&m);
	return r;
}

static void damage_is_named(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	bkfx_sqlite_setup(tmp);
	char dir[4200];
	snprintf(dir, sizeof dir, "%s", bkfx_f("%s/bk", tmp));
	assert_int_equal(bkfx_backup(tmp, "bk", NULL), 1);
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(tl_run(&out, NULL, "verify", dir, NULL), 0);
	assert_non_null(strstr(out.buf, "backup is intact"));
	strbuf_reset(&out);
	assert_int_equal(tl_run(&out, NULL, "verify", dir, "--sample", "10", NULL), 0);

	/* flip one byte in a dump file, a store object, a home object */
	char dump[4200], sobj[4200], hobj[4200];
	snprintf(dump, sizeof dump, "%s", first(bkfx_f("%s/db-*/data/Group_.0000.sql.zst", dir)));
	snprintf(sobj, sizeof sobj, "%s", object_of(dir, "store/10154/10180/30001/1.0"));
	snprintf(hobj, sizeof hobj, "%s", object_of(dir, "home/portal-ext.properties"));
	flip(dump, 20);
	flip(sobj, 0);
	flip(hobj, 3);
	strbuf_reset(&out);
	assert_int_equal(tl_run(&out, NULL, "verify", dir, NULL), 2);
	const char *gen = strrchr(first(bkfx_f("%s/db-*", dir)), '/') + 1;
	assert_non_null(strstr(out.buf, bkfx_f("BAD  %s/data/Group_.0000.sql.zst: SHA-256 differs", gen)));
	assert_non_null(strstr(out.buf, "BAD  store/10154/10180/30001/1.0 (objects/"));
	assert_non_null(strstr(out.buf, "BAD  home/portal-ext.properties (objects/"));
	assert_non_null(strstr(out.buf, "3 bad"));
	flip(dump, 20);
	flip(sobj, 0);
	flip(hobj, 3);

	/* delete a file */
	assert_int_equal(unlink(sobj), 0);
	strbuf_reset(&out);
	assert_int_equal(tl_run(&out, NULL, "verify", dir, "--json", NULL), 2);
	assert_non_null(strstr(out.buf, "\"path\": \"store/10154/10180/30001/1.0 (objects/"));
	assert_non_null(strstr(out.buf, "\"problem\": \"missing\""));
	assert_int_equal(bkfx_json_int(out.buf, "errorCount"), 1);

	/* edit the manifest: one digit of a row count */
	const char *mf = bkfx_f("%s/manifest.json", dir);
	char mpath[4200];
	snprintf(mpath, sizeof mpath, "%s", mf);
	assert_int_equal(system(bkfx_f("sed -i 's/\"rows\": 1000,/\"rows\": 1001,/' '%s'", mpath)), 0);
	struct strbuf err = STRBUF_INIT;
	strbuf_reset(&out);
	assert_int_equal(tl_run(&out, &err, "verify", dir, NULL), 2);
	assert_non_null(strstr(err.buf, "manifest self-checksum does not match"));
	strbuf_release(&out);
	strbuf_release(&err);
}

static void incomplete_backup_is_not_a_backup(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	char dir[4200];
	snprintf(dir, sizeof dir, "%s", bkfx_f("%s/empty", tmp));
	bkfx_mkdirs(dir);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(tl_run(NULL, &err, "verify", dir, NULL), 2);
	assert_non_null(strstr(err.buf, "no manifest.json: not a complete backup"));
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(damage_is_named),
		cmocka_unit_test(incomplete_backup_is_not_a_backup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
