/* `lrprep inspect DUMP --json` on the HSQLDB fixtures: the dump is imported
 * once into a cached SQLite copy and reported exactly as
 * ../shared/fixtures/README.md (Summary) lists it; a schema-only dump is
 * refused with the "no portal row" message. */
#include "testlib.h"
#include "fixture_copy.h"
#include <stdlib.h>
#include <string.h>

struct dump {
	const char *file;
	int build;
	const char *label, *schema;
	int tables;
	int64_t rows[10]; /* as in test_inspect_fixtures.c */
};

static const char *const counted[10] = {
	"Group_", "Layout", "User_", "Company", "JournalArticle", "DLFileEntry", "DLFileVersion",
	"AssetEntry", "ResourcePermission", "Release_",
};

static const struct dump dumps[] = {
	{ "lr70-hsqldb-pokerhands.script.xz", 7002, "7.0 CE GA3", "7.0.2", 200,
	  { 12, 17, 2, 1, 15, 21, 21, 105, 1070, 103 } },
	{ "lr71-hsqldb-guestbook.script.xz", 7100, "7.1 CE GA1", "2.0.0", 229,
	  { 11, 15, 2, 1, 0, 0, 0, 17, 1107, 135 } },
	{ "lr61-hsqldb-cognetics.script.xz", 6101, "6.1 CE GA2", NULL, 181,
	  { 208, 4, 192, 1, 0, 0, 0, 191, 0, 1 } },
};

static void inspect_dump(void **state)
{
	const struct dump *d = *state;
	char cache[4200];
	snprintf(cache, sizeof cache, "%s/cache", tl_tmpdir());
	setenv("LRPREP_CACHE", cache, 1);
	json_t *doc = fc_inspect_json(tl_fixture(d->file));
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "database"), "engine")), "sqlite");
	const json_t *lf = json_object_get(doc, "liferay");
	assert_int_equal(json_integer_value(json_object_get(lf, "buildNumber")), d->build);
	assert_string_equal(json_string_value(json_object_get(lf, "label")), d->label);
	if (d->schema)
		assert_string_equal(json_string_value(json_object_get(lf, "schemaVersion")), d->schema);
	else
		assert_true(json_is_null(json_object_get(lf, "schemaVersion")));
	assert_int_equal(json_integer_value(json_object_get(doc, "tableCount")), d->tables);
	const json_t *rc = json_object_get(doc, "rowCounts");
	for (int i = 0; i < 10; i++) {
		int64_t got = json_integer_value(json_object_get(rc, counted[i]));
		if (got != d->rows[i])
			fail_msg("%s: %s has %lld rows, README says %lld", d->file, counted[i], (long long)got,
				 (long long)d->rows[i]);
	}
	json_decref(doc);
}

/* All web content and documents of pokerhands sit in one site template. */
static void pokerhands_content_is_in_its_site_template(void **state)
{
	(void)state;
	char cache[4200];
	snprintf(cache, sizeof cache, "%s/cache", tl_tmpdir());
	setenv("LRPREP_CACHE", cache, 1);
	json_t *doc = fc_inspect_json(tl_fixture("lr70-hsqldb-pokerhands.script.xz"));
	const json_t *s = fc_site(doc, "/template-30211");
	assert_string_equal(json_string_value(json_object_get(s, "name")), "Product App Theme");
	fc_assert_site(s, "site template", 4, 10, 15, 21, 21, 0, "2017-02-12 13:21:44");
	json_decref(doc);
}

/* The 7.4 schema-only dump has a Release_ table but no rows at all. */
static void schema_only_dump_has_no_portal_row(void **state)
{
	(void)state;
	char cache[4200];
	snprintf(cache, sizeof cache, "%s/cache", tl_tmpdir());
	setenv("LRPREP_CACHE", cache, 1);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "inspect", tl_fixture("schema/lr74-mysql-vec.sql.xz"), NULL);
	assert_int_equal(rc, 4);
	assert_string_equal(strbuf_str(&out), "");
	assert_non_null(strstr(strbuf_str(&err), "lrprep: error: Release_ has no portal row"));
	strbuf_release(&out);
	strbuf_release(&err);
}

int main(void)
{
	struct CMUnitTest tests[sizeof dumps / sizeof dumps[0] + 2];
	size_t n = 0;
	for (; n < sizeof dumps / sizeof dumps[0]; n++) {
		struct CMUnitTest t = { dumps[n].file, inspect_dump, NULL, NULL, (void *)&dumps[n] };
		tests[n] = t;
	}
	struct CMUnitTest last = cmocka_unit_test(pokerhands_content_is_in_its_site_template);
	tests[n++] = last;
	struct CMUnitTest schema_only = cmocka_unit_test(schema_only_dump_has_no_portal_row);
	tests[n] = schema_only;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
