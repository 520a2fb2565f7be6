/* The document store on disk matches the rows: every DLFileVersion has its
 * file at the path Liferay's FileSystemStore / AdvancedFileSystemStore
 * computes (recomputed here), except the planted missing files; the
 * planted extra files exist; nothing else is in the store. */
#define _XOPEN_SOURCE 700
#include "sample_test.h"
#include "sample/store.h"
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

/* AdvancedFileSystemStore path of a bare numeric name, written from the
 * 6.2 source independently of src/sample/store.c. */
static void afs_path(char *out, size_t n, int64_t company, int64_t repo, const char *name,
		     const char *version)
{
	char chunks[64] = "";
	size_t len = strlen(name), k = 0;
	int depth = 0;
	/* pairs of characters, never the last pair, at most 4 directories */
	for (size_t i = 0; len > 2 && i + 2 < len && depth <= 3 && k + 3 < sizeof chunks; i += 2) {
		chunks[k++] = name[i];
		chunks[k++] = name[i + 1];
		chunks[k++] = '/';
		chunks[k] = '\0';
		depth++;
	}
	snprintf(out, n, "%lld/%lld/%s%s.afsh/%s_%s.afsh", (long long)company, (long long)repo,
		 chunks, name, name, version);
}

static int64_t files_seen;

static int count_file(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)p;
	(void)st;
	(void)f;
	if (flag == FTW_F)
		files_seen++;
	return 0;
}

static void check_store(const char *layout)
{
	char path[4200], store[4200], name[32];
	snprintf(name, sizeof name, "st-%s", layout);
	const char *opt[] = { "--store-layout", layout, "--seed", "5", NULL };
	ts_generate(name, path, sizeof path, opt);
	ts_beside(path, ".store", store, sizeof store);
	json_t *truth = ts_truth(path);
	int adv = !strcmp(layout, "advanced");
	assert_string_equal(json_string_value(json_object_get(json_object_get(truth, "store"), "layout")),
			    layout);

	struct db *db = tl_open(path);
	struct lr_err err = LR_ERR_INIT;
	struct db_cursor *c;
	assert_int_equal(db_query(db, "SELECT e.companyId, e.groupId, e.folderId, e.name, v.version "
				  "FROM DLFileVersion v JOIN DLFileEntry e ON e.fileEntryId = "
				  "v.fileEntryId", NULL, 0, &c, &err), 0);
	int64_t versions = 0, absent = 0;
	while (db_next(c, &err) > 0) {
		int64_t company = db_get_int(c, 0), group = db_get_int(c, 1), folder = db_get_int(c, 2);
		int64_t repo = folder ? folder : group;
		char rel[512], full[5000], fname[64], version[16];
		snprintf(fname, sizeof fname, "%s", db_get_text(c, 3));
		snprintf(version, sizeof version, "%s", db_get_text(c, 4));
		if (adv)
			afs_path(rel, sizeof rel, company, repo, fname, version);
		else
			snprintf(rel, sizeof rel, "%lld/%lld/%s/%s", (long long)company, (long long)repo,
				 fname, version);
		snprintf(full, sizeof full, "%s/%s", store, rel);
		versions++;
		if (access(full, R_OK) == 0)
			continue;
		absent++;
		int planted = 0;
		size_t i;
		json_t *m;
		json_array_foreach(json_object_get(truth, "missingFiles"), i, m)
			planted |= !strcmp(json_string_value(json_object_get(m, "path")), rel);
		if (!planted)
			fail_msg("%s is missing and not planted", rel);
	}
	db_cursor_close(c);
	assert_int_equal(absent, 2);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(truth, "extraFiles"), i, x) {
		char full[5000];
		snprintf(full, sizeof full, "%s/%s", store, json_string_value(json_object_get(x, "path")));
		assert_int_equal(access(full, R_OK), 0);
	}
	files_seen = 0;
	assert_int_equal(nftw(store, count_file, 16, FTW_PHYS), 0);
	assert_int_equal(files_seen, versions - absent + 3);
	assert_int_equal(files_seen, json_integer_value(json_object_get(json_object_get(truth, "store"), "files")));
	db_close(db);
	json_decref(truth);
}

static void filesystem_store_matches(void **state)
{
	(void)state;
	check_store("fs");
}

static void advanced_store_matches(void **state)
{
	(void)state;
	check_store("advanced");
}

/* Known answers from the AdvancedFileSystemStore rules (liferay-domain.md §5.3). */
static void advanced_paths_follow_liferay(void **state)
{
	(void)state;
	static const struct { const char *name, *version, *want; } cases[] = {
		{ "12345", "1.0", "10/20/12/34/12345.afsh/12345_1.0.afsh" },
		{ "1", "1.1", "10/20/1.afsh/1_1.1.afsh" },
		{ "12", "PWC", "10/20/12.afsh/12_PWC.afsh" },
		{ "123", "2.0", "10/20/12/123.afsh/123_2.0.afsh" },
		{ "1234", "1.0", "10/20/12/1234.afsh/1234_1.0.afsh" },
		{ "1234567890", "1.0", "10/20/12/34/56/78/1234567890.afsh/1234567890_1.0.afsh" },
		{ "DLFE-123456", "1.0", "10/20/DLFE/12/34/123456.afsh/123456_1.0.afsh" },
		{ "report.pdf", "1.0", "10/20/re/po/report.pdf/report_1.0.pdf" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct strbuf sb = STRBUF_INIT;
		store_rel_path(1, 10, 20, cases[i].name, cases[i].version, &sb);
		assert_string_equal(sb.buf, cases[i].want);
		strbuf_release(&sb);
	}
	struct strbuf sb = STRBUF_INIT;
	store_rel_path(0, 10, 20, "12345", "1.0", &sb);
	assert_string_equal(sb.buf, "10/20/12345/1.0");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(advanced_paths_follow_liferay),
		cmocka_unit_test(filesystem_store_matches),
		cmocka_unit_test(advanced_store_matches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
