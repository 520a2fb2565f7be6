/* lrprep check DB [--before SNAPSHOT] [--plan plan.json]: test a pruned
 * database: every integrity check, and what changed since a snapshot
 * (docs/check.md). */
#include "cmds.h"
#include "cli.h"
#include "target.h"
#include "../checks/checks.h"
#include "../checks/snapshot.h"
#include "../liferay/version.h"
#include "../prune/apply.h"
#include "../report/html.h"
#include "../report/report.h"
#include "../util/error.h"
#include "../util/xalloc.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: lrprep check DB [--before SNAPSHOT|JOURNAL] [--plan plan.json] [--all]\n"
	"                       [--only IDS] [--skip IDS] [--json] [--liferay-home H]\n"
	"\n"
	"Test a (pruned) database: run every integrity check (orphans, broken references,\n"
	"upgrade blockers; unused objects only with --all). With --before, also show what\n"
	"changed since the snapshot ('lrprep snapshot', or a prune journal directory): row\n"
	"counts per table, rows left pointing at removed rows, pages that lost the article\n"
	"their portlet displayed, and, with --plan, anything that disappeared unplanned.\n"
	"\n"
	"options:\n"
	"  --before FILE|DIR   snapshot taken before the removal, or a prune journal\n"
	"  --plan FILE         the plan that was applied: what was meant to disappear\n"
	"  --all               include the unused.* checks\n"
	"  --only IDS          only these check ids or prefixes (comma-separated)\n"
	"  --skip IDS          leave these check ids or prefixes out\n"
	"  --max-samples N     samples per finding (default 5)\n"
	"  --json              print the report as JSON\n"
	"  --html FILE         also write the report as a self-contained HTML file\n"
	"  --liferay-home H    read the connection from Liferay Home\n"
	"  -h, --help          this help\n"
	"\n"
	"examples:\n"
	"  lrprep check copy.db\n"
	"  lrprep check copy.db --before before.json --plan plan.json\n"
	"\n"
	"exit codes: 0 clean (notices only), 1 warnings, 2 errors,\n"
	"            3 usage error, 4 cannot connect / read\n";

struct check_args {
	const char *before, *plan, *html;
	char *only, *skip;
	int all, json, max_samples;
	struct target_opts to;
};

/* "a,b" -> NULL-terminated vector pointing into s (modified). */
static const char **split(char *s, const char *extra)
{
	size_t n = 2;
	for (char *p = s; p && *p; p++)
		n += *p == ',';
	const char **v = xcalloc(n + 1, sizeof *v);
	size_t i = 0;
	for (char *tok = s ? strtok(s, ",") : NULL; tok; tok = strtok(NULL, ","))
		v[i++] = tok;
	if (extra)
		v[i++] = extra;
	return v;
}

static void print_text(const json_t *doc)
{
	const json_t *diff = json_object_get(doc, "changes");
	if (diff) {
		const json_t *t = json_object_get(diff, "tables");
		if (json_array_size(t)) {
			report_heading(stdout, "Row counts that changed");
			const char *hdr[] = { "table", "before", "after", "delta" };
			struct text_table *tt = text_table_new(4, hdr);
			for (int i = 1; i < 4; i++)
				text_table_right(tt, i);
			size_t i;
			const json_t *r;
			json_array_foreach(t, i, r)
				text_table_rowf(tt, "%s\t%lld\t%lld\t%+lld", json_string_value(json_object_get(r, "table")),
						(long long)json_integer_value(json_object_get(r, "before")),
						(long long)json_integer_value(json_object_get(r, "after")),
						(long long)json_integer_value(json_object_get(r, "delta")));
			text_table_print(tt, stdout, "  ");
			text_table_free(tt);
		}
		const json_t *lb = json_object_get(diff, "leftBehind");
		if (json_object_size(lb)) {
			report_heading(stdout, "Rows left pointing at removed rows (new orphans)");
			const char *k;
			json_t *v;
			json_object_foreach((json_t *)lb, k, v)
				printf("  %-40s %lld\n", k, (long long)json_integer_value(v));
		}
		const json_t *pr = json_object_get(diff, "pruned");
		if (pr) {
			report_heading(stdout, "Rows the prune removed (journal; no snapshot to compare with)");
			const char *k;
			json_t *v;
			json_object_foreach((json_t *)pr, k, v)
				printf("  %-40s %lld\n", k, (long long)json_integer_value(v));
		}
	}
	report_heading(stdout, "Findings");
	size_t i;
	const json_t *f;
	if (!json_array_size(json_object_get(doc, "findings")))
		printf("  none\n");
	json_array_foreach(json_object_get(doc, "findings"), i, f) {
		printf("  [%s] %s (%lld): %s\n", json_string_value(json_object_get(f, "severity")),
		       json_string_value(json_object_get(f, "id")),
		       (long long)json_integer_value(json_object_get(f, "count")),
		       json_string_value(json_object_get(f, "title")));
		size_t j;
		const json_t *s;
		json_array_foreach(json_object_get(f, "samples"), j, s) {
			if (j >= 10)
				break;
			char *t = json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS);
			printf("      %s\n", t);
			free(t);
		}
	}
	printf("\nverdict: %s\n", json_integer_value(json_object_get(doc, "exitCode")) == 2 ? "errors found"
			      : json_integer_value(json_object_get(doc, "exitCode")) == 1 ? "warnings"
											 : "clean");
}

static int run(struct check_args *a, struct lr_err *err)
{
	struct db *db = NULL;
	struct lr_version v;
	json_t *findings = NULL, *before = NULL, *plan = NULL, *doc = NULL;
	const char **only = a->only ? split(a->only, NULL) : NULL;
	const char **skip = split(a->skip, a->all ? NULL : "unused.");
	int rc = -1;
	if (a->before && snapshot_load(a->before, &before, err) < 0)
		goto out;
	if (a->plan && plan_load(a->plan, &plan, err) < 0)
		goto out;
	if (target_open_detect(&a->to, &db, &v, err) < 0)
		goto out;
	struct checks_opts co = { .only = only, .skip = skip,
				  .max_samples = a->max_samples > 0 ? a->max_samples : CHECKS_DEFAULT_MAX_SAMPLES };
	if (checks_run(db, &v, &co, &findings, err) < 0)
		goto out;
	doc = report_new("check");
	json_object_set_new(doc, "liferay", json_string(lr_line_name(v.line)));
	if (before) {
		json_t *diff = json_object();
		json_object_set_new(doc, "changes", diff);
		if (snapshot_diff(db, &v, before, plan, findings, diff, err) < 0)
			goto out;
	}
	json_object_set(doc, "findings", findings);
	rc = report_set_findings_outcome(doc, findings, 0);
	if (a->json) {
		if (report_print_json(stdout, doc, err) < 0)
			rc = -1;
	} else {
		print_text(doc);
	}
	if (a->html && report_write_html(a->html, doc, err) < 0)
		rc = -1;
out:
	json_decref(doc);
	json_decref(findings);
	json_decref(before);
	json_decref(plan);
	db_close(db);
	free(only);
	free(skip);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "before", required_argument, NULL, 'b' },
		{ "plan", required_argument, NULL, 'p' },
		{ "all", no_argument, NULL, 'a' },
		{ "only", required_argument, NULL, 'O' },
		{ "skip", required_argument, NULL, 'S' },
		{ "max-samples", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'J' },
		{ "html", required_argument, NULL, 'H' },
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct check_args a = { 0 };
	struct lr_err err = LR_ERR_INIT;
	struct cli cl;
	int c;
	cli_init(&cl, "check", argc, argv, "h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'b': a.before = optarg; break;
		case 'p': a.plan = optarg; break;
		case 'a': a.all = 1; break;
		case 'O': a.only = optarg; break;
		case 'S': a.skip = optarg; break;
		case 'm': cli_int(&cl, 0, 1000000, &a.max_samples); break;
		case 'J': a.json = 1; break;
		case 'H': a.html = optarg; break;
		case 'L': a.to.liferay_home = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		}
	}
	if (err.code || cli_target(&cl, &a.to) < 0)
		return lr_err_print(&err);
	a.to.readonly = 1;
	int rc = run(&a, &err);
	return rc < 0 ? lr_err_print(&err) : rc;
}
