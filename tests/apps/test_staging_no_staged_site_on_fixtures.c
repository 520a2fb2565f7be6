/* No real fixture has staging enabled (fixtures/README.md): staging reports
 * no staged site, no error, exit code 0, in text and JSON. */
#include "apps_testlib.h"
#include "liferay/staging.h"
#include <jansson.h>
#include <string.h>

static const char *const fixtures[] = {
	"lr61-mysql-openquote.sql.xz",       "lr61-mysql-viking.sql.xz",
	"lr62-mysql-openunderwriter.sql.xz", "lr62-mysql-openncp.sql.xz",
	"lr62ee-mysql-migratetools.sql.xz",  "lr62-mysql-juyee.sql.xz",
	"lr71-mysql-formsdemo.sql.xz",
};

static void library_finds_none(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
		char uri[512];
		struct db *db = tl_open(ta_fixture_uri(fixtures[i], uri, sizeof uri));
		struct lr_version v;
		ta_version(db, &v);
		struct lr_staging st;
		struct lr_err err = LR_ERR_INIT;
		if (lr_staging_analyze(db, &v, &st, &err) < 0)
			fail_msg("%s: %s", fixtures[i], err.msg);
		assert_int_equal(st.nsites, 0);
		assert_int_equal(st.unpublished, 0);
		lr_staging_free(&st);
		db_close(db);
	}
}

/* a 6.2 and the 7.1 fixture: each connection costs a catalog load */
static void command_exits_0(void **state)
{
	(void)state;
	static const char *const two[] = { "lr62-mysql-openncp.sql.xz", "lr71-mysql-formsdemo.sql.xz" };
	for (size_t i = 0; i < 2; i++) {
		char uri[512];
		ta_fixture_uri(two[i], uri, sizeof uri);
		struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
		assert_int_equal(tl_run(&out, &err, "staging", "--json", uri, NULL), 0);
		assert_string_equal(strbuf_str(&err), "");
		json_error_t je;
		json_t *doc = json_loads(strbuf_str(&out), 0, &je);
		assert_non_null(doc);
		assert_string_equal(json_string_value(json_object_get(doc, "command")), "staging");
		assert_int_equal(json_array_size(json_object_get(doc, "sites")), 0);
		assert_int_equal(json_integer_value(json_object_get(doc, "errorCount")), 0);
		assert_int_equal(json_integer_value(json_object_get(doc, "unpublishedCount")), 0);
		json_decref(doc);
		strbuf_reset(&out);
		assert_int_equal(tl_run(&out, &err, "staging", uri, NULL), 0);
		assert_non_null(strstr(strbuf_str(&out), ": 0 staged site(s)\n"));
		strbuf_release(&out);
		strbuf_release(&err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(library_finds_none),
		cmocka_unit_test(command_exits_0),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
