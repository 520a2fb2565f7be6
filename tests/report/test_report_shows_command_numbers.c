/* The HTML report shows the numbers the commands print with --json, on the
 * generated sample: verdict, counts by severity (inspect + apps + staging),
 * table and row totals, plan objects, Release_ rows, unpublished changes,
 * one chart per section, and every finding as its command words it. */
#include "rtest.h"
#include "report/html.h"
#include <stdlib.h>
#include <string.h>

static long long ji(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

static void has(const char *page, const char *fmt, long long v)
{
	char needle[256];
	snprintf(needle, sizeof needle, fmt, v);
	if (!strstr(page, needle))
		fail_msg("report lacks %s", needle);
}

static void report_matches_commands(void **state)
{
	(void)state;
	const char *db = rt_sample("s.db");
	int rc;
	json_t *in = rt_json(&rc, "inspect", db, "--json", NULL);
	json_t *ap = rt_json(&rc, "apps", db, "--json", NULL);
	json_t *st = rt_json(&rc, "staging", db, "--json", NULL);
	json_t *pl = rt_json(&rc, "plan", db, NULL);
	char html[4200];
	snprintf(html, sizeof html, "%s/r.html", tl_tmpdir());
	json_t *rep = rt_json(&rc, "report", db, "-o", html, "--json", NULL);
	assert_int_equal(rc, 2);

	/* the sample's ground truth, written out: sample.md documents these */
	assert_int_equal(ji(in, "totalRows"), 2440); /* = the truth file's totalRows */
	assert_int_equal(ji(in, "tableCount"), 75);
	assert_int_equal(json_array_size(json_object_get(pl, "objects")), 231);
	/* the report adds up the three commands exactly */
	const char *k[3] = { "errorCount", "warningCount", "noticeCount" };
	for (int i = 0; i < 3; i++)
		assert_int_equal(ji(rep, k[i]), ji(in, k[i]) + ji(ap, k[i]) + ji(st, k[i]));
	assert_int_equal(ji(rep, "errorCount"), 16);
	assert_int_equal(ji(rep, "warningCount"), 34);
	assert_int_equal(ji(rep, "noticeCount"), 13);
	assert_string_equal(json_string_value(json_object_get(rep, "verdict")), "not ready");
	assert_int_equal(ji(rep, "planObjects"), 231);

	char *page = rt_slurp(html);
	assert_non_null(strstr(page, "<p class=\"verdict v-error\" id=\"verdict\">not ready</p>"));
	has(page, "id=\"count-error\">%lld errors<", ji(rep, "errorCount"));
	has(page, "id=\"count-warning\">%lld warnings<", ji(rep, "warningCount"));
	has(page, "id=\"count-notice\">%lld notices<", ji(rep, "noticeCount"));
	has(page, "id=\"table-count\">%lld<", ji(in, "tableCount"));
	has(page, "id=\"total-rows\">%lld<", ji(in, "totalRows"));
	has(page, "id=\"plan-objects\">%lld<", (long long)json_array_size(json_object_get(pl, "objects")));
	has(page, "id=\"release-rows\">%lld<", (long long)json_array_size(json_object_get(ap, "releases")));
	has(page, "id=\"staged-sites\">%lld<", (long long)json_array_size(json_object_get(st, "sites")));
	has(page, "id=\"unpublished\">%lld<", ji(st, "unpublishedCount"));
	/* severity donut, biggest tables, sites, two version histograms, plan per kind, before/after */
	assert_int_equal(rt_count(page, "<svg"), 7);
	assert_int_equal(rt_count(page, "<svg class=\"histogram\""), 2);
	/* the 15 biggest tables are bars, labelled with their names */
	for (size_t i = 0; i < 15; i++) {
		char lbl[200];
		snprintf(lbl, sizeof lbl, "text-anchor=\"end\">%s</text>",
			 json_string_value(json_object_get(json_array_get(json_object_get(in, "tables"), i), "name")));
		if (!strstr(page, lbl))
			fail_msg("no bar for table %zu (%s)", i, lbl);
	}
	/* every finding of the three commands has a row (tr class = severity) */
	size_t nf = json_array_size(json_object_get(in, "findings")) + json_array_size(json_object_get(ap, "findings")) +
		    json_array_size(json_object_get(st, "findings"));
	const char *fs = strstr(page, "<section id=\"findings\">");
	assert_non_null(fs);
	assert_int_equal((size_t)(rt_count(fs, "<tr class=\"error\">") + rt_count(fs, "<tr class=\"warning\">") +
				  rt_count(fs, "<tr class=\"notice\">")), nf);
	assert_int_equal(nf, 63);
	/* the inspect findings' remediations are there */
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(in, "findings"), i, f) {
		char needle[64];
		snprintf(needle, sizeof needle, "<code>%s</code>", json_string_value(json_object_get(f, "id")));
		if (!strstr(fs, needle))
			fail_msg("finding %s missing", needle);
	}
	/* and says what the command says: the report embeds each command's own
	 * document (src/cmd/docs.h), it does not build a copy of its own */
	const json_t *docs[3] = { in, ap, st };
	for (int d = 0; d < 3; d++) {
		json_array_foreach(json_object_get(docs[d], "findings"), i, f) {
			const json_t *text = json_object_get(f, "title") ? json_object_get(f, "title")
									 : json_object_get(f, "message");
			struct strbuf want = STRBUF_INIT;
			strbuf_addstr(&want, "<code>");
			html_esc(&want, json_string_value(json_object_get(f, "id")));
			strbuf_addstr(&want, "</code></td><td>");
			html_esc(&want, json_string_value(text));
			if (!strstr(fs, strbuf_str(&want)))
				fail_msg("no row %s", strbuf_str(&want));
			strbuf_release(&want);
		}
	}
	free(page);
	json_decref(in);
	json_decref(ap);
	json_decref(st);
	json_decref(pl);
	json_decref(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(report_matches_commands) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
