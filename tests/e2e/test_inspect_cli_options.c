/* inspect's command line: --help documents every option and the exit
 * codes, -q prints only the verdict, --top limits the table list,
 * --list-checks lists the registry (text and JSON), and the exit code is
 * the one the verdict names. */
#include "testlib.h"
#include "fixture_copy.h"
#include <jansson.h>
#include <string.h>

static const char *juyee_uri(char *buf, size_t n)
{
	char dbname[128];
	tl_fixture("lr62-mysql-juyee.sql.xz");
	return tl_mysql_db_uri(tl_fixture_dbname("lr62-mysql-juyee.sql.xz", dbname, sizeof dbname), buf, n);
}

static void help_lists_every_option_and_exit_code(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(tl_run(&out, NULL, "inspect", "--help", NULL), 0);
	static const char *const want[] = {
		"--liferay-home DIR", "--json", "--top N", "--only ID", "--skip ID", "--list-checks",
		"--max-samples N", "-q, --quiet", "-h, --help", "examples:", "exit codes: 0 ready",
		"1 ready with warnings", "2 not ready", "3 usage error", "4 cannot connect",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(strbuf_str(&out), want[i]))
			fail_msg("--help lacks \"%s\"", want[i]);
	strbuf_release(&out);
}

static void quiet_prints_only_the_verdict(void **state)
{
	(void)state;
	char uri[1024];
	juyee_uri(uri, sizeof uri);
	json_t *doc = fc_inspect_json(uri);
	int code = (int)json_integer_value(json_object_get(doc, "exitCode"));
	const char *verdict = json_string_value(json_object_get(doc, "verdict"));
	static const char *const verdicts[] = { "ready", "ready with warnings", "not ready" };
	assert_string_equal(verdict, verdicts[code]);
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(tl_run(&out, NULL, "inspect", "-q", uri, NULL), code);
	char want[256];
	snprintf(want, sizeof want, "verdict: %s (errors %lld, warnings %lld, notices %lld; exit %d)\n", verdict,
		 (long long)json_integer_value(json_object_get(doc, "errorCount")),
		 (long long)json_integer_value(json_object_get(doc, "warningCount")),
		 (long long)json_integer_value(json_object_get(doc, "noticeCount")), code);
	assert_string_equal(strbuf_str(&out), want);
	/* the counts add up to the findings */
	assert_int_equal(json_integer_value(json_object_get(doc, "errorCount")) +
				 json_integer_value(json_object_get(doc, "warningCount")) +
				 json_integer_value(json_object_get(doc, "noticeCount")),
			 json_array_size(json_object_get(doc, "findings")));
	json_decref(doc);
	strbuf_release(&out);
}

static void top_limits_the_table_list(void **state)
{
	(void)state;
	char uri[1024];
	juyee_uri(uri, sizeof uri);
	struct strbuf out = STRBUF_INIT;
	int rc = tl_run(&out, NULL, "inspect", "--top=2", uri, NULL);
	assert_true(rc >= 0 && rc <= 2);
	const char *t = strbuf_str(&out);
	assert_non_null(strstr(t, "Tables (largest 2 of 219; --top 0 for all)"));
	assert_non_null(strstr(t, "6.2 CE GA6 (build 6205"));
	/* lowercase tables of this dump are reported under their own spelling */
	assert_non_null(strstr(t, "\n  journalarticle "));
	assert_null(strstr(t, "lrtest"));
	strbuf_release(&out);
}

static void list_checks_text_and_json(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(tl_run(&out, NULL, "inspect", "--list-checks", "--json", NULL), 0);
	json_t *doc = json_loads(strbuf_str(&out), 0, NULL);
	assert_non_null(doc);
	const json_t *checks = json_object_get(doc, "checks");
	assert_true(json_is_array(checks));
	size_t n = json_array_size(checks);
	strbuf_reset(&out);
	assert_int_equal(tl_run(&out, NULL, "inspect", "--list-checks", NULL), 0);
	char want[64];
	snprintf(want, sizeof want, "\n%zu checks\n", n);
	assert_non_null(strstr(strbuf_str(&out), want));
	for (size_t i = 0; i < n; i++)
		assert_non_null(strstr(strbuf_str(&out),
				       json_string_value(json_object_get(json_array_get(checks, i), "id"))));
	json_decref(doc);
	strbuf_release(&out);
}

/* --only and --skip reach the check registry (ids or id prefixes). */
static void only_and_skip_select_checks(void **state)
{
	(void)state;
	char dbname[128], uri[1024];
	tl_fixture("lr71-mysql-formsdemo.sql.xz");
	tl_mysql_db_uri(tl_fixture_dbname("lr71-mysql-formsdemo.sql.xz", dbname, sizeof dbname), uri, sizeof uri);
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(tl_run(&out, NULL, "inspect", "--only", "no.such.check", "--json", uri, NULL), 0);
	json_t *doc = json_loads(strbuf_str(&out), 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_array_size(json_object_get(doc, "findings")), 0);
	assert_string_equal(json_string_value(json_object_get(doc, "verdict")), "ready");
	json_decref(doc);

	strbuf_reset(&out);
	int rc = tl_run(&out, NULL, "inspect", "--only=orphan.,apps.", "--skip", "orphan.groupid", "--json", uri, NULL);
	assert_true(rc >= 0 && rc <= 2);
	doc = json_loads(strbuf_str(&out), 0, NULL);
	assert_non_null(doc);
	size_t i;
	const json_t *f;
	json_array_foreach(json_object_get(doc, "findings"), i, f) {
		const char *id = json_string_value(json_object_get(f, "id"));
		assert_true(!strncmp(id, "orphan.", 7) || !strncmp(id, "apps.", 5) || !strncmp(id, "internal.", 9));
		assert_string_not_equal(id, "orphan.groupid");
	}
	json_decref(doc);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(help_lists_every_option_and_exit_code),
		cmocka_unit_test(quiet_prints_only_the_verdict),
		cmocka_unit_test(top_limits_the_table_list),
		cmocka_unit_test(list_checks_text_and_json),
		cmocka_unit_test(only_and_skip_select_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
