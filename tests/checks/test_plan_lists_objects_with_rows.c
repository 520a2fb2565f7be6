/* lrprep plan on the planted scenario: every unused object and orphan row,
 * once, with kind, key, identity, rule, dependent rows per table and bytes;
 * the database identity header; the TSV form; the usage and input errors. */
#include "testlib.h"
#include "checks_testlib.h"
#include "scenario.h"
#include <stdio.h>
#include <string.h>

static const char *dbpath;

static int setup(void **state)
{
	(void)state;
	dbpath = scenario_build("plan.db");
	return 0;
}

static const json_t *object(const json_t *plan, const char *kind, const char *keycol, int64_t key)
{
	size_t i;
	const json_t *o;
	json_array_foreach(json_object_get(plan, "objects"), i, o)
		if (!strcmp(json_string_value(json_object_get(o, "kind")), kind) &&
		    json_integer_value(json_object_get(json_object_get(o, "key"), keycol)) == key)
			return o;
	fail_msg("no %s %s=%lld in the plan", kind, keycol, (long long)key);
	return NULL;
}

static void assert_rows(const json_t *o, const char *expect)
{
	char *s = json_dumps(json_object_get(o, "rows"), JSON_COMPACT | JSON_SORT_KEYS);
	assert_string_equal(s, expect);
	free(s);
	assert_true(json_is_integer(json_object_get(o, "bytes")));
	assert_true(json_integer_value(json_object_get(o, "bytes")) > 0);
}

static void json_plan(void **state)
{
	(void)state;
	char out[4096];
	snprintf(out, sizeof out, "%s/plan.json", tl_tmpdir());
	struct strbuf so = STRBUF_INIT, se = STRBUF_INIT;
	assert_int_equal(tl_run(&so, &se, "plan", dbpath, "-o", out, NULL), 0);
	json_error_t je;
	json_t *plan = json_load_file(out, 0, &je);
	assert_non_null(plan);
	assert_int_equal(json_integer_value(json_object_get(plan, "planVersion")), 1);
	const json_t *db = json_object_get(plan, "database");
	assert_int_equal(json_integer_value(json_object_get(db, "portalBuildNumber")), 6210);
	assert_int_equal(strncmp(json_string_value(json_object_get(db, "fingerprint")), "sha256:", 7), 0);
	assert_int_equal(strlen(json_string_value(json_object_get(db, "fingerprint"))), 7 + 64);
	char *comp = json_dumps(json_object_get(db, "companies"), JSON_COMPACT);
	assert_string_equal(comp, "[{\"companyId\":1,\"webId\":\"liferay.com\"},"
				  "{\"companyId\":2,\"webId\":\"unused.com\"}]");
	free(comp);

	/* 13 unused objects + 14 orphan rows, each once */
	struct strbuf kinds = STRBUF_INIT;
	size_t i;
	const json_t *o;
	json_array_foreach(json_object_get(plan, "objects"), i, o)
		strbuf_addf(&kinds, "%s ", json_string_value(json_object_get(o, "kind")));
	assert_string_equal(strbuf_str(&kinds),
			    "site site page user user user instance article-version article-version "
			    "file-version file-version structure template "
			    "orphan-row orphan-row orphan-row orphan-row orphan-row orphan-row orphan-row "
			    "orphan-row orphan-row orphan-row orphan-row orphan-row orphan-row orphan-row ");
	strbuf_release(&kinds);

	const json_t *site = object(plan, "site", "groupId", 12);
	assert_string_equal(json_string_value(json_object_get(site, "rule")), "unused.site.idle");
	assert_string_equal(json_string_value(json_object_get(json_object_get(site, "identity"),
							      "friendlyURL")), "/old");
	assert_rows(site, "{\"Group_\":1,\"Layout\":1,\"Users_Groups\":1}");
	assert_rows(object(plan, "page", "plid", 1004), "{\"Layout\":1}");
	assert_rows(object(plan, "user", "userId", 103), "{\"User_\":1,\"Users_Groups\":1}");
	assert_rows(object(plan, "article-version", "id_", 2002), "{\"JournalArticle\":1}");
	assert_rows(object(plan, "instance", "companyId", 2),
		    "{\"Company\":1,\"Group_\":1,\"Role_\":1,\"User_\":1}");
	const json_t *orphan = object(plan, "orphan-row", "fileVersionId", 6010);
	assert_string_equal(json_string_value(json_object_get(orphan, "table")), "DLFileVersion");
	assert_rows(orphan, "{\"DLFileVersion\":1}");
	const json_t *totals = json_object_get(plan, "totals");
	assert_int_equal(json_integer_value(json_object_get(totals, "objects")), 27);
	assert_int_equal(json_array_size(json_object_get(plan, "failures")), 0);

	/* prune's view of the same database gives the plan's fingerprint; another
	 * installation (different classNameIds) does not */
	struct db *h = tl_open(dbpath);
	struct lr_err e = LR_ERR_INIT;
	json_t *idn = NULL;
	assert_int_equal(checks_db_identity(h, NULL, &idn, &e), 0);
	assert_string_equal(json_string_value(json_object_get(idn, "fingerprint")),
			    json_string_value(json_object_get(db, "fingerprint")));
	json_decref(idn);
	assert_int_equal(db_exec(h, "UPDATE ClassName_ SET classNameId = 10099 WHERE classNameId = 10002",
				 NULL, 0, NULL, &e), 0);
	assert_int_equal(checks_db_identity(h, NULL, &idn, &e), 0);
	assert_string_not_equal(json_string_value(json_object_get(idn, "fingerprint")),
				json_string_value(json_object_get(db, "fingerprint")));
	json_decref(idn);
	assert_int_equal(db_exec(h, "UPDATE ClassName_ SET classNameId = 10002 WHERE classNameId = 10099",
				 NULL, 0, NULL, &e), 0);
	db_close(h);
	json_decref(plan);
	strbuf_release(&so);
	strbuf_release(&se);
}

static void tsv_and_kinds(void **state)
{
	(void)state;
	struct strbuf so = STRBUF_INIT, se = STRBUF_INIT;
	assert_int_equal(tl_run(&so, &se, "plan", "--tsv", "--only", "file-version,user",
				"--inactive-days", "100000", dbpath, NULL), 0);
	const char *t = strbuf_str(&so);
	const char *second = strchr(t, '\n') + 1;
	assert_int_equal(strncmp(t, "# lrprep plan 1\tfingerprint=sha256:", 35), 0);
	assert_int_equal(strncmp(second, "kind\ttable\tkey\trule\tidentity\trows\tbytes\n", 39), 0);
	int lines = 0;
	for (const char *p = t; *p; p++)
		lines += *p == '\n';
	/* two header lines, 2 file versions, 1 user (only the deactivated one) */
	assert_int_equal(lines, 5);
	assert_non_null(strstr(t, "user\tUser_\tuserId=102\tunused.user.inactive\t"));
	assert_non_null(strstr(t, "file-version\tDLFileVersion\tfileVersionId=6001\t"));
	strbuf_release(&so);
	strbuf_release(&se);
}

static void errors(void **state)
{
	(void)state;
	struct strbuf so = STRBUF_INIT, se = STRBUF_INIT;
	assert_int_equal(tl_run(&so, &se, "plan", "--help", NULL), 0);
	assert_non_null(strstr(strbuf_str(&so), "usage: lrprep plan"));
	assert_int_equal(tl_run(&so, &se, "plan", "--bogus", dbpath, NULL), 3);
	assert_int_equal(tl_run(&so, &se, "plan", "--only", "galaxy", dbpath, NULL), 3);
	assert_int_equal(tl_run(&so, &se, "plan", "--keep-last", "x", dbpath, NULL), 3);
	assert_int_equal(tl_run(&so, &se, "plan", NULL), 3);
	assert_int_equal(tl_run(&so, &se, "plan", "/nonexistent/x.db", NULL), 4);
	strbuf_release(&so);
	strbuf_release(&se);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_plan),
		cmocka_unit_test(tsv_and_kinds),
		cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
