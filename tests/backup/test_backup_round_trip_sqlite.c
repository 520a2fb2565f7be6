/* Backup of an SQLite Liferay database with its FileSystemStore and Liferay
 * Home, then: verify passes, the dump restored by verify --restore-into and
 * by the sqlite3 client has every table's checksum identical to the
 * source, restore.sh rebuilds a store byte-identical to the original,
 * sha256sum -c accepts SHA256SUMS, and the manifest reports exactly the
 * one missing and the one stray store file. */
#include "bkfx.h"
#include <glob.h>

static const char *gen_dir(const char *dir)
{
	glob_t g;
	assert_int_equal(glob(bkfx_f("%s/db-*", dir), 0, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, 1);
	const char *r = bkfx_f("%s", g.gl_pathv[0]);
	globfree(&g);
	return r;
}

static void round_trip(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	char src[4200], home[4200], dir[4200], restored[4200], cli[4200], storeout[4200], gen[4200];
	snprintf(src, sizeof src, "%s", bkfx_f("%s/src.db", tmp));
	snprintf(home, sizeof home, "%s", bkfx_f("%s/home", tmp));
	snprintf(dir, sizeof dir, "%s", bkfx_f("%s/bk", tmp));
	snprintf(restored, sizeof restored, "%s", bkfx_f("%s/restored.db", tmp));
	snprintf(cli, sizeof cli, "%s", bkfx_f("%s/cli.db", tmp));
	snprintf(storeout, sizeof storeout, "%s", bkfx_f("%s/storeout", tmp));
	struct db *db = tl_open(src);
	bkfx_schema(db);
	bkfx_rows(db);
	bkfx_home(home);
	struct strbuf want = STRBUF_INIT;
	bkfx_sums(db, &want);
	db_close(db);

	/* Big_ (1000 rows) is cut into 100-row primary-key ranges */
	setenv("LRPREP_BACKUP_CHUNK_ROWS", "100", 1);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "backup", src, "--liferay-home", home, "--to", dir, "--jobs", "3", "--json", NULL);
	/* exit 1: warning for the one file the database names but the store lacks */
	if (rc != 1)
		fail_msg("backup exit %d: %s%s", rc, out.buf, err.buf);
	assert_int_equal(bkfx_json_int(out.buf, "tables"), 9);
	assert_int_equal(bkfx_json_int(out.buf, "storeFiles"), BKFX_STORE_FILES);
	assert_int_equal(bkfx_json_int(out.buf, "homeFiles"), BKFX_HOME_FILES);
	assert_int_equal(bkfx_json_int(out.buf, "missingCount"), 1);
	assert_int_equal(bkfx_json_int(out.buf, "unreferencedCount"), 1);
	assert_int_equal(bkfx_json_int(out.buf, "referencedFiles"), BKFX_DOCS + BKFX_DOCS / 4 + 1);
	assert_non_null(strstr(out.buf, "\"10154/10180/30200/1.0\""));
	assert_non_null(strstr(out.buf, "\"10154/10180/99999/1.0\""));
	assert_non_null(strstr(out.buf, "\"label\": \"6.2 CE GA6\""));
	assert_int_equal(bkfx_json_int(out.buf, "filesCopied") + bkfx_json_int(out.buf, "filesReused"),
			 BKFX_STORE_FILES + BKFX_HOME_FILES);
	/* every 10th document has the same content: stored once */
	assert_int_equal(bkfx_json_int(out.buf, "filesReused"), BKFX_SAME_CONTENT - 1);
	assert_null(strstr(out.buf, "elasticsearch7/nodes"));

	snprintf(gen, sizeof gen, "%s", gen_dir(dir));
	assert_int_equal(access(bkfx_f("%s/data/Big_.0009.sql.zst", gen), F_OK), 0);
	assert_int_not_equal(access(bkfx_f("%s/data/Big_.0010.sql.zst", gen), F_OK), 0);

	strbuf_reset(&out);
	strbuf_reset(&err);
	rc = tl_run(&out, &err, "verify", dir, "--restore-into", restored, NULL);
	if (rc != 0)
		fail_msg("verify exit %d: %s%s", rc, out.buf, err.buf);
	assert_non_null(strstr(out.buf, "9 tables compared, 0 differ"));
	struct strbuf got = STRBUF_INIT;
	db = tl_open(restored);
	bkfx_sums(db, &got);
	db_close(db);
	assert_string_equal(got.buf, want.buf);

	/* without lrprep: the engine's client, restore.sh, sha256sum */
	assert_int_equal(system(bkfx_f("sh '%s/restore.sh' db '%s'", gen, cli)), 0);
	strbuf_reset(&got);
	db = tl_open(cli);
	bkfx_sums(db, &got);
	db_close(db);
	assert_string_equal(got.buf, want.buf);
	assert_int_equal(system(bkfx_f("sh '%s/restore.sh' store '%s'", gen, storeout)), 0);
	assert_true(bkfx_files_equal(bkfx_f("%s/data/document_library", home), storeout));
	assert_int_equal(system(bkfx_f("cd '%s' && sha256sum --quiet -c SHA256SUMS", dir)), 0);

	struct stat st;
	assert_int_equal(stat(bkfx_f("%s/manifest.json", dir), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(bkfx_f("%s/objects", dir), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_not_equal(access(bkfx_f("%s/.tmp", dir), F_OK), 0);
	strbuf_release(&got);
	strbuf_release(&want);
	strbuf_release(&out);
	strbuf_release(&err);
}

static void generated_database_and_store(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	char a[4200], b[4200];
	snprintf(a, sizeof a, "%s", bkfx_f("%s/gen.db", tmp));
	snprintf(b, sizeof b, "%s", bkfx_f("%s/gen-restored.db", tmp));
	bkfx_sample_round_trip(a, b, "gen");
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(round_trip), cmocka_unit_test(generated_database_and_store) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
