/* The store is found the way Liferay finds it: 7.x rootDir in the
 * AdvancedFileSystemStoreConfiguration .config file (relative to Liferay
 * Home), 6.2 dl.store.file.system.root.dir with ${liferay.home}; on the
 * database and AdvancedFileSystemStore tree written by lrprep sample, the
 * backup's store check agrees with the sample's ground truth. Logs, work
 * and the index come in only with their flags. */
#include "bkfx.h"
#include <jansson.h>

static json_t *load_json(const char *path)
{
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);
	if (!j)
		fail_msg("%s: %s", path, je.text);
	return j;
}

static void seven_x_osgi_config_and_sample_truth(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	char home[4200], db[4200], truth[4200];
	snprintf(home, sizeof home, "%s", bkfx_f("%s/h7", tmp));
	snprintf(db, sizeof db, "%s", bkfx_f("%s/sample.db", tmp));
	snprintf(truth, sizeof truth, "%s", bkfx_f("%s/sample.truth.json", tmp));
	bkfx_mkdirs(bkfx_f("%s/data", home));
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "sample", "-o", db, "--store", bkfx_f("%s/data/afs", home), "--store-layout",
			"advanced", "--truth", truth, "--liferay", "7.0", NULL);
	if (rc != 0)
		fail_msg("sample: %d %s", rc, err.buf);
	bkfx_write(bkfx_f("%s/portal-ext.properties", home), "dl.store.impl=com.liferay.portal.store.file.system.AdvancedFileSystemStore\n", 74);
	const char *cfg = "rootDir=\"data/afs\"\n";
	bkfx_write(bkfx_f("%s/osgi/configs/com.liferay.portal.store.file.system.configuration."
			  "AdvancedFileSystemStoreConfiguration.config", home), cfg, strlen(cfg));
	bkfx_write(bkfx_f("%s/logs/liferay.log", home), "log", 3);

	strbuf_reset(&out);
	strbuf_reset(&err);
	rc = tl_run(&out, &err, "backup", db, "--liferay-home", home, "--to", bkfx_f("%s/b7", tmp), "--json", NULL);
	json_t *t = load_json(truth);
	size_t nmissing = json_array_size(json_object_get(t, "missingFiles"));
	size_t nextra = json_array_size(json_object_get(t, "extraFiles"));
	/* the generator plants both kinds (else this test would prove nothing) */
	assert_true(nmissing > 0 && nextra > 0);
	if (rc != 1)
		fail_msg("backup exit %d: %s%s", rc, out.buf, err.buf);
	json_error_t je;
	json_t *m = json_loads(out.buf, 0, &je);
	assert_non_null(m);
	json_t *s = json_object_get(m, "store");
	assert_string_equal(json_string_value(json_object_get(s, "type")), "AdvancedFileSystemStore");
	assert_string_equal(json_string_value(json_object_get(s, "foundIn")),
			    "osgi/configs/com.liferay.portal.store.file.system.configuration."
			    "AdvancedFileSystemStoreConfiguration.config");
	assert_int_equal(json_integer_value(json_object_get(s, "files")),
			 json_integer_value(json_object_get(json_object_get(t, "store"), "files")));
	json_t *c = json_object_get(s, "check");
	assert_int_equal(json_integer_value(json_object_get(c, "missingCount")), nmissing);
	assert_int_equal(json_integer_value(json_object_get(c, "unreferencedCount")), nextra);
	/* the very paths the generator planted */
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(t, "missingFiles"), i, e)
		assert_non_null(strstr(out.buf, bkfx_f("\"%s\"", json_string_value(json_object_get(e, "path")))));
	json_array_foreach(json_object_get(t, "extraFiles"), i, e)
		assert_non_null(strstr(out.buf, bkfx_f("\"%s\"", json_string_value(json_object_get(e, "path")))));
	/* Home: the two configuration files; the store and logs/ are not in it */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(m, "home"), "files")), 2);
	assert_non_null(strstr(out.buf, "\"path\": \"logs\""));
	assert_non_null(strstr(out.buf, "\"path\": \"data/afs\""));
	json_decref(m);
	json_decref(t);

	strbuf_reset(&out);
	rc = tl_run(&out, NULL, "backup", db, "--liferay-home", home, "--to", bkfx_f("%s/b7", tmp), "--json",
		    "--include-logs", NULL);
	assert_int_equal(bkfx_json_int(out.buf, "homeFiles"), 3);
	strbuf_release(&out);
	strbuf_release(&err);
}

static void six_two_property_with_liferay_home(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	bkfx_sqlite_setup(tmp);
	char home[4200];
	snprintf(home, sizeof home, "%s", bkfx_f("%s/h62", tmp));
	const char *props = "dl.store.file.system.root.dir=${liferay.home}/../home/data/document_library\n";
	bkfx_write(bkfx_f("%s/portal-setup-wizard.properties", home), props, strlen(props));
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(tl_run(&out, NULL, "backup", bkfx_f("%s/src.db", tmp), "--liferay-home", home, "--to",
				bkfx_f("%s/b62", tmp), "--json", NULL), 1);
	assert_non_null(strstr(out.buf, "\"type\": \"FileSystemStore\""));
	assert_non_null(strstr(out.buf, "\"foundIn\": \"dl.store.file.system.root.dir\""));
	assert_int_equal(bkfx_json_int(out.buf, "storeFiles"), BKFX_STORE_FILES);
	assert_int_equal(bkfx_json_int(out.buf, "missingCount"), 1);
	assert_int_equal(bkfx_json_int(out.buf, "homeFiles"), 1);
	strbuf_release(&out);
}

/* --store alone: the layout is told from the tree the backup walks
 * (AdvancedFileSystemStore's *.afsh names), and the store check, which
 * computes every referenced file's path in that layout, then finds exactly
 * the planted missing and extra files; a FileSystemStore tree stays one. */
static void store_type_told_from_the_tree(void **state)
{
	(void)state;
	const char *tmp = tl_tmpdir();
	static const char *const layouts[] = { "advanced", "fs" };
	static const char *const names[] = { "AdvancedFileSystemStore", "FileSystemStore" };
	for (int k = 0; k < 2; k++) {
		const char *db = bkfx_f("%s/guess-%s.db", tmp, layouts[k]);
		char dbp[4200], store[4200], truth[4200];
		snprintf(dbp, sizeof dbp, "%s", db);
		snprintf(store, sizeof store, "%s", bkfx_f("%s/guess-%s-store", tmp, layouts[k]));
		snprintf(truth, sizeof truth, "%s", bkfx_f("%s/guess-%s.truth.json", tmp, layouts[k]));
		struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
		int rc = tl_run(&out, &err, "sample", "-o", dbp, "--store", store, "--store-layout", layouts[k],
				"--truth", truth, "--liferay", "7.0", NULL);
		if (rc != 0)
			fail_msg("sample: %d %s", rc, err.buf);
		strbuf_reset(&out);
		strbuf_reset(&err);
		rc = tl_run(&out, &err, "backup", dbp, "--store", store, "--to",
			    bkfx_f("%s/guess-%s-bk", tmp, layouts[k]), "--json", NULL);
		if (rc != 1)
			fail_msg("backup exit %d: %s%s", rc, out.buf, err.buf);
		json_t *t = load_json(truth);
		json_error_t je;
		json_t *m = json_loads(out.buf, 0, &je);
		assert_non_null(m);
		json_t *s = json_object_get(m, "store");
		assert_string_equal(json_string_value(json_object_get(s, "type")), names[k]);
		assert_string_equal(json_string_value(json_object_get(s, "impl")), names[k]);
		assert_string_equal(json_string_value(json_object_get(s, "foundIn")), "--store");
		json_t *c = json_object_get(s, "check");
		assert_int_equal(json_integer_value(json_object_get(c, "missingCount")),
				 json_array_size(json_object_get(t, "missingFiles")));
		assert_int_equal(json_integer_value(json_object_get(c, "unreferencedCount")),
				 json_array_size(json_object_get(t, "extraFiles")));
		json_decref(m);
		json_decref(t);
		strbuf_release(&out);
		strbuf_release(&err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seven_x_osgi_config_and_sample_truth),
		cmocka_unit_test(six_two_property_with_liferay_home),
		cmocka_unit_test(store_type_told_from_the_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
