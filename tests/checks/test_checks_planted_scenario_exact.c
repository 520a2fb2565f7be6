/* A hand-built database with planted unused objects, orphans and blockers
 * (scenario.c): exactly those are reported, with the planted identities,
 * and nothing else. */
#include "testlib.h"
#include "checks_testlib.h"
#include "scenario.h"
#include <stdio.h>
#include <string.h>

static json_t *findings;
static struct db *db;

static int setup(void **state)
{
	(void)state;
	db = tl_open(scenario_build("planted.db"));
	findings = ct_run(db, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	json_decref(findings);
	db_close(db);
	return 0;
}

static void exactly_the_planted_findings(void **state)
{
	(void)state;
	struct strbuf got = STRBUF_INIT;
	size_t k;
	json_t *x;
	assert_int_equal(ct_failed(findings), 0);
	json_array_foreach(findings, k, x)
		strbuf_addf(&got, "%s%s=%lld", k ? " " : "", json_string_value(json_object_get(x, "id")),
			    (long long)json_integer_value(json_object_get(x, "count")));
	if (strcmp(strbuf_str(&got), scenario_expected))
		fail_msg("got      %s\nexpected %s", strbuf_str(&got), scenario_expected);
	strbuf_release(&got);
}

/* "id" -> the sorted rows of every object it selected, joined by spaces */
static void rows_of(const char *id, const char *expect)
{
	json_t *r = ct_rows(db, id, NULL);
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *s;
	json_array_foreach(r, i, s)
		strbuf_addf(&sb, "%s%s", i ? " " : "", json_string_value(s));
	if (strcmp(strbuf_str(&sb), expect))
		fail_msg("%s:\n  got      %s\n  expected %s", id, strbuf_str(&sb), expect);
	strbuf_release(&sb);
	json_decref(r);
}

static void the_planted_identities(void **state)
{
	(void)state;
	rows_of("unused.site.empty", "11|\"Empty\"|\"/empty\"");
	rows_of("unused.site.idle", "12|\"Old\"|\"/old\"");
	rows_of("unused.page.empty", "1004|13|0|\"/empty-page\"");
	rows_of("unused.user.inactive", "102|\"deactivated\"|\"d@liferay.com\"|5 "
		"103|\"olduser\"|\"o@liferay.com\"|0 104|\"oldadmin\"|\"oa@liferay.com\"|0");
	rows_of("unused.instance", "2|\"unused.com\"|\"unused.com\"");
	rows_of("unused.article.intermediate-version", "2002|13|\"A\"|1.1000000000000001|0 "
		"2005|13|\"A\"|1.3999999999999999|3");
	rows_of("unused.document.intermediate-version",
		"6001|5001|\"report.pdf\"|\"1.0\" 6002|5001|\"report.pdf\"|\"1.1\"");
	rows_of("unused.structure", "7003|\"KEY3\"|13");
	rows_of("unused.template", "8001|\"TPL-1\"|13");
	rows_of("orphan.companyid", "\"User_\"|107|null|\"companyId\"|777");
	rows_of("orphan.groupid", "\"AssetEntry\"|4007|null|\"groupId\"|888");
	rows_of("orphan.assetentry.classpk", "\"AssetEntry\"|4003|null|\"classPK\"|9999 "
		"\"AssetEntry\"|4006|null|\"classPK\"|5999");
	rows_of("orphan.group.classpk", "\"Group_\"|17|null|\"classPK\"|999");
	rows_of("orphan.resourcepermission.individual",
		"\"ResourcePermission\"|4|null|\"primKey\"|\"3999\"");
	rows_of("orphan.resourcepermission.group", "\"ResourcePermission\"|1|null|\"primKey\"|\"888\"");
	rows_of("orphan.resourcepermission.layoutportlet",
		"\"ResourcePermission\"|6|null|\"primKey\"|\"1999_LAYOUT_58\"");
	rows_of("orphan.portletpreferences.owner", "\"PortletPreferences\"|2|null|\"ownerId\"|999");
	rows_of("orphan.portletpreferences.plid", "\"PortletPreferences\"|3|null|\"plid\"|1999");
	rows_of("orphan.dlfileversion.fileentry", "\"DLFileVersion\"|6010|null|\"fileEntryId\"|5999");
	rows_of("orphan.journalarticleresource.article",
		"\"JournalArticleResource\"|3002|null|\"resourcePrimKey\"|3002");
	rows_of("orphan.layout.parent", "\"Layout\"|1005|null|\"parentLayoutId\"|77");
	rows_of("orphan.mapping", "\"Users_Groups\"|999|13|\"userId\"|999");
}

static void blockers_name_the_culprits(void **state)
{
	(void)state;
	const json_t *f = ct_finding(findings, "blocker.ddm.duplicate-field");
	char *s = json_dumps(json_object_get(f, "samples"), JSON_COMPACT);
	assert_string_equal(s, "[{\"structureId\":7001,\"structureKey\":\"KEY1\",\"field\":\"Title\"},"
			       "{\"structureId\":7002,\"structureKey\":\"KEY2\",\"field\":\"Title\"}]");
	free(s);
	f = ct_finding(findings, "blocker.release.failed");
	s = json_dumps(json_object_get(f, "samples"), JSON_COMPACT);
	assert_string_equal(s, "[{\"releaseId\":2,\"servletContextName\":\"kaleo-web\","
			       "\"buildNumber\":110,\"state\":1}]");
	free(s);
	assert_string_equal(json_string_value(json_object_get(f, "severity")), "error");
	assert_int_equal(checks_exit_code(findings), 2);
}

/* Thresholds move the version window: keep only the newest, keep none first. */
static void thresholds(void **state)
{
	(void)state;
	struct checks_opts o = { .keep_first = 1, .keep_last = 1 };
	json_t *r = ct_rows(db, "unused.article.intermediate-version", &o);
	/* 1.1, 1.4 (expired), 1.5, 1.6; 1.2 draft and 1.3 (asset) kept */
	assert_int_equal(json_array_size(r), 4);
	json_decref(r);
	const char *only[] = { "unused.user", NULL };
	o = (struct checks_opts){ .only = only, .inactive_days = 100000 };
	json_t *f = ct_run(db, &o);
	/* nobody logged in before 1752: only the deactivated user remains */
	assert_int_equal(json_array_size(f), 1);
	assert_int_equal(ct_count(f, "unused.user.inactive"), 1);
	json_decref(f);
}

static void only_and_skip(void **state)
{
	(void)state;
	const char *only[] = { "orphan.resourcepermission", "blocker.release.failed", NULL };
	const char *skip[] = { "orphan.resourcepermission.group", NULL };
	struct checks_opts o = { .only = only, .skip = skip, .max_samples = 1 };
	json_t *f = ct_run(db, &o);
	struct strbuf got = STRBUF_INIT;
	size_t k;
	json_t *x;
	json_array_foreach(f, k, x) {
		strbuf_addf(&got, "%s ", json_string_value(json_object_get(x, "id")));
		assert_int_equal(json_array_size(json_object_get(x, "samples")), 1);
	}
	assert_string_equal(strbuf_str(&got), "orphan.resourcepermission.individual "
			    "orphan.resourcepermission.layoutportlet blocker.release.failed ");
	strbuf_release(&got);
	json_decref(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exactly_the_planted_findings),
		cmocka_unit_test(the_planted_identities),
		cmocka_unit_test(blockers_name_the_culprits),
		cmocka_unit_test(thresholds),
		cmocka_unit_test(only_and_skip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
