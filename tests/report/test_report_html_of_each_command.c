/* report_write_html() -- what `--html FILE` of inspect, check, apps, staging
 * and plan calls -- renders each command's --json document on its own: the
 * summary with that command's counts and the sections it has data for. */
#include "rtest.h"
#include "report/html.h"
#include "report/report.h"
#include <stdlib.h>
#include <string.h>

static char *render(const json_t *doc, const char *name)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s.html", tl_tmpdir(), name);
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(report_write_html(path, doc, &err), 0);
	return rt_slurp(path);
}

static void counts_are(const char *page, const json_t *doc)
{
	char want[128];
	long long e = json_integer_value(json_object_get(doc, "errorCount"));
	long long w = json_integer_value(json_object_get(doc, "warningCount"));
	snprintf(want, sizeof want, "id=\"count-error\">%lld error%s<", e, e == 1 ? "" : "s");
	if (!strstr(page, want))
		fail_msg("missing %s", want);
	snprintf(want, sizeof want, "id=\"count-warning\">%lld warning%s<", w, w == 1 ? "" : "s");
	if (!strstr(page, want))
		fail_msg("missing %s", want);
}

static void each_command_alone(void **state)
{
	(void)state;
	const char *db = rt_sample("s.db");
	int rc;
	struct {
		const char *name;
		json_t *doc;
		int svgs;              /* donut + the command's charts */
		const char *sections;  /* ids that must be there, space-separated */
		const char *absent;    /* ids that must not */
	} c[] = {
		{ "inspect", rt_json(&rc, "inspect", db, "--json", NULL), 3, "summary tables sites findings",
		  "plan apps staging" },
		{ "check", rt_json(&rc, "check", db, "--json", NULL), 1, "summary findings", "tables plan apps staging" },
		{ "apps", rt_json(&rc, "apps", db, "--json", NULL), 1, "summary apps findings", "tables plan staging" },
		{ "staging", rt_json(&rc, "staging", db, "--json", NULL), 1, "summary staging findings",
		  "tables plan apps" },
		{ "plan", rt_json(&rc, "plan", db, NULL), 3, "summary plan findings", "tables apps staging" },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char *page = render(c[i].doc, c[i].name);
		char title[96];
		snprintf(title, sizeof title, "<title>lrprep %s report</title>", c[i].name);
		if (!strstr(page, title))
			fail_msg("%s: no %s", c[i].name, title);
		if (rt_count(page, "<svg") != c[i].svgs)
			fail_msg("%s: %d charts, expected %d", c[i].name, rt_count(page, "<svg"), c[i].svgs);
		if (strcmp(c[i].name, "plan"))
			counts_are(page, c[i].doc);
		char ids[128];
		snprintf(ids, sizeof ids, "%s", c[i].sections);
		for (char *save = NULL, *id = strtok_r(ids, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
			char want[64];
			snprintf(want, sizeof want, "<section id=\"%s\"", id);
			if (!strstr(page, want))
				fail_msg("%s: section %s missing", c[i].name, id);
		}
		snprintf(ids, sizeof ids, "%s", c[i].absent);
		for (char *save = NULL, *id = strtok_r(ids, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
			char want[64];
			snprintf(want, sizeof want, "<section id=\"%s\"", id);
			if (strstr(page, want))
				fail_msg("%s: section %s present without data", c[i].name, id);
		}
		free(page);
		json_decref(c[i].doc);
	}
	/* an unwritable path is an error (exit 5), not a crash */
	struct lr_err err = LR_ERR_INIT;
	json_t *doc = report_new("inspect");
	assert_int_equal(report_write_html("/nonexistent-dir/x.html", doc, &err), -1);
	assert_int_equal(err.code, LR_EXIT_FAILED);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(each_command_alone) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
