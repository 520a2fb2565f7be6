/* Every check runs on every real fixture (MariaDB fx_* databases) without an
 * internal.check-failed finding, and the findings are the ones measured on
 * those databases (ids and counts written out). */
#include "testlib.h"
#include "checks_testlib.h"
#include <stdio.h>
#include <string.h>

struct expect {
	const char *fixture;
	const char *findings; /* "id=count id=count ..." in registry order */
};

static const struct expect expected[] = {
	{ "lr61-mysql-openquote.sql.xz",
	  "unused.site.idle=5 unused.user.inactive=4 unused.document.intermediate-version=866 "
	  "orphan.assetentry.classpk=23 orphan.dlfileentrymetadata.fileentry=81 "
	  "blocker.version.too-old=1 blocker.table.case=106" },
	{ "lr61-mysql-viking.sql.xz", "blocker.version.too-old=1 blocker.table.case=106" },
	{ "lr62-mysql-openunderwriter.sql.xz",
	  "unused.site.idle=6 unused.user.inactive=18 unused.document.intermediate-version=26 "
	  "orphan.companyid=88 orphan.groupid=5 orphan.assetentry.classpk=890 "
	  "orphan.dlfileentrymetadata.fileentry=268 orphan.dl.fileentry-references=211 "
	  "orphan.userid=5" },
	{ "lr62-mysql-openncp.sql.xz", "unused.user.inactive=105 blocker.table.case=115" },
	{ "lr62ee-mysql-migratetools.sql.xz", "" },
	{ "lr62-mysql-juyee.sql.xz",
	  /* its 20 empty pages belong to the 3 idle sites: they go with them */
	  "unused.site.idle=3 unused.user.inactive=1 blocker.table.case=115" },
	{ "lr71-mysql-formsdemo.sql.xz",
	  "unused.page.empty=1 unused.article.intermediate-version=2 "
	  "unused.document.intermediate-version=3 orphan.groupid=4 orphan.assetentry.classpk=3 "
	  "orphan.dl.fileentry-references=3" },
};

static void every_fixture(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		char name[256], uri[1024];
		tl_fixture_dbname(expected[i].fixture, name, sizeof name);
		struct db *db = tl_open(tl_mysql_db_uri(name, uri, sizeof uri));
		json_t *f = ct_run(db, NULL);
		struct strbuf got = STRBUF_INIT;
		size_t k;
		json_t *x;
		assert_int_equal(ct_failed(f), 0);
		json_array_foreach(f, k, x)
			strbuf_addf(&got, "%s%s=%lld", k ? " " : "",
				    json_string_value(json_object_get(x, "id")),
				    (long long)json_integer_value(json_object_get(x, "count")));
		if (strcmp(strbuf_str(&got), expected[i].findings))
			fail_msg("%s:\n  got      %s\n  expected %s", expected[i].fixture, strbuf_str(&got),
				 expected[i].findings);
		/* every finding carries named samples, at most 5 */
		json_array_foreach(f, k, x) {
			json_t *s = json_object_get(x, "samples");
			assert_true(json_array_size(s) >= 1 && json_array_size(s) <= 5);
			assert_true(json_object_size(json_array_get(s, 0)) >= 1);
		}
		strbuf_release(&got);
		json_decref(f);
		db_close(db);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(every_fixture) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
