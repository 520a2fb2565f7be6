/* lrprep report: one self-contained HTML file combining inspect, plan, apps
 * and staging, for administrators to share. Takes the JSON documents those
 * commands print from their own builders (docs.h, checks_plan) and renders
 * them with report/html.c; the terminal gets a short aligned summary. */
#include "cmds.h"
#include "cli.h"
#include "docs.h"
#include "../db/uri.h"
#include "target.h"
#include "../checks/checks.h"
#include "../liferay/apps.h"
#include "../liferay/inventory.h"
#include "../liferay/staging.h"
#include "../liferay/version.h"
#include "../report/html.h"
#include "../report/progress.h"
#include "../report/report.h"
#include "../util/error.h"
#include "../util/log.h"
#include "../util/strbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: lrprep report [options] DB\n"
	      "       lrprep report [options] --liferay-home DIR\n"
	      "\n"
	      "Write the readiness report as one self-contained HTML file to share: the\n"
	      "verdict and the findings by severity, the biggest tables, content and versions\n"
	      "per site, how many versions web content and documents have, what the plan\n"
	      "frees (before and after), the Release_ rows and the staged sites, and every\n"
	      "finding with its remediation. Charts are inline SVG; the file loads nothing,\n"
	      "works offline and prints well. Read-only.\n"
	      "\n"
	      "options:\n"
	      "  -o, --output FILE     the HTML file (default: report.html)\n"
	      "  --title TEXT          page title (default: lrprep report: <Liferay version>)\n"
	      "  --liferay-home DIR    read the connection from DIR's portal-ext.properties\n"
	      "  --keep-first N        plan: web content versions kept at the start (default 1)\n"
	      "  --keep-last N         plan: web content versions kept at the end (default 3)\n"
	      "  --inactive-days N     plan: users not logged in for N days (default 365)\n"
	      "  --site-idle-days N    plan: sites with no activity for N days (default 365)\n"
	      "  --json                print a JSON summary (counts, verdict, file) on stdout\n"
	      "  -q, --quiet           print nothing but errors\n"
	      "  -h, --help            this help\n"
	      "\n"
	      "examples:\n"
	      "  lrprep report copy.db -o readiness.html\n"
	      "  lrprep report --keep-last 5 mariadb://liferay@db/lportal -o lportal.html\n"
	      "  lrprep report --liferay-home /opt/liferay --title 'Intranet, March' -o intranet.html\n"
	      "\n"
	      "exit codes: 0 ready, 1 ready with warnings, 2 not ready (errors found),\n"
	      "            3 usage error, 4 cannot connect / read input, 5 cannot write the file\n",
	      f);
}

/* [[versions, items], ...]: how many items (articles, documents) have N versions. */
static int version_histogram(struct db *db, const char *table, const char *const *keys, int nkeys,
			     json_t **out, struct lr_err *err)
{
	*out = json_array();
	const char *tname = db_table_name(db, table);
	const struct db_table *t = tname ? db_table_find(db, tname) : NULL;
	if (!t)
		return 0;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " GROUP BY ");
	for (int i = 0; i < nkeys; i++) {
		const struct db_column *c = db_column_find(t, keys[i]);
		if (!c) {
			strbuf_release(&sql);
			return 0;
		}
		if (i)
			strbuf_addstr(&sql, ", ");
		db_quote_ident(db, &sql, c->name);
	}
	strbuf_addstr(&sql, ") x GROUP BY n ORDER BY n");
	struct db_cursor *cur = NULL;
	int rc = db_query(db, strbuf_str(&sql), NULL, 0, &cur, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = db_next(cur, err)) > 0)
		json_array_append_new(*out, json_pack("[I, I]", (json_int_t)db_get_int(cur, 0),
						      (json_int_t)db_get_int(cur, 1)));
	db_cursor_close(cur);
	return rc < 0 ? -1 : 0;
}


struct docs {
	json_t *inspect, *plan, *apps, *staging, *versions;
};

/* Everything but inspect is optional: a part that cannot be read is reported
 * and left out, the rest of the report is still worth having. */
static int build_docs(struct db *db, const char *source, const struct plan_opts *po, struct docs *d,
		      struct lr_err *err)
{
	struct lr_version v;
	memset(&v, 0, sizeof v);
	if (lr_version_detect(db, &v, err) < 0)
		return -1;
	struct lr_progress *pr = lr_progress_start("report", 5, LR_PROGRESS_ITEMS);
	struct checks_opts co = { .max_samples = CHECKS_DEFAULT_MAX_SAMPLES };
	d->inspect = inspect_doc(db, &v, source, &co, err);
	int rc = d->inspect ? 0 : -1;
	lr_progress_set(pr, 1);
	struct lr_err e2 = LR_ERR_INIT;
	if (rc == 0 && checks_plan(db, &v, po, &d->plan, &e2) < 0) {
		lr_warn("report: the plan could not be built: %s", e2.msg);
		lr_err_clear(&e2);
	}
	lr_progress_set(pr, 2);
	struct lr_apps apps;
	if (rc == 0 && lr_apps_analyze(db, &v, &apps, &e2) == 0) {
		d->apps = apps_doc(&v, &apps);
		lr_apps_free(&apps);
	} else if (rc == 0) {
		lr_warn("report: apps left out: %s", e2.msg);
		lr_err_clear(&e2);
	}
	lr_progress_set(pr, 3);
	struct lr_staging st;
	if (rc == 0 && lr_staging_analyze(db, &v, &st, &e2) == 0) {
		d->staging = staging_doc(&v, &st);
		lr_staging_free(&st);
	} else if (rc == 0) {
		lr_warn("report: staging left out: %s", e2.msg);
		lr_err_clear(&e2);
	}
	lr_progress_set(pr, 4);
	static const char *const akeys[] = { "groupId", "articleId" };
	static const char *const dkeys[] = { "fileEntryId" };
	json_t *a = NULL, *dv = NULL;
	if (rc == 0 && (version_histogram(db, "JournalArticle", akeys, 2, &a, &e2) < 0 ||
			version_histogram(db, "DLFileVersion", dkeys, 1, &dv, &e2) < 0)) {
		lr_warn("report: version counts left out: %s", e2.msg);
		json_decref(a);
		json_decref(dv);
	} else if (rc == 0) {
		d->versions = json_pack("{s:o, s:o}", "articles", a, "documents", dv);
	}
	lr_progress_end(pr);
	return rc;
}

static long long count(const json_t *doc, const char *key)
{
	return (long long)json_integer_value(json_object_get(doc, key));
}

/* The terminal form of sum (report --json): counts per part, plan, verdict. */
static void print_summary(FILE *f, const struct docs *d, const char *out, const json_t *sum)
{
	static const char *const head[] = { "part", "errors", "warnings", "notices" };
	struct text_table *t = text_table_new(4, head);
	for (int c = 1; c < 4; c++)
		text_table_right(t, c);
	const json_t *docs[4] = { d->inspect, d->apps, d->staging, sum };
	const char *names[4] = { "inspect", "apps", "staging", "total" };
	for (int i = 0; i < 4; i++) {
		if (!docs[i])
			continue;
		text_table_rowf(t, "%s\t%lld\t%lld\t%lld", names[i], count(docs[i], "errorCount"),
				count(docs[i], "warningCount"), count(docs[i], "noticeCount"));
	}
	text_table_print(t, f, "  ");
	text_table_free(t);
	if (d->plan)
		fprintf(f, "  plan: %zu removable object(s)\n",
			json_array_size(json_object_get(d->plan, "objects")));
	const char *verdict = json_string_value(json_object_get(sum, "verdict"));
	long long code = count(sum, "exitCode");
	if (lr_color(f))
		fprintf(f, "\n%s%s\033[0m\n", code == 2 ? "\033[1;31m" : code == 1 ? "\033[1;33m" : "\033[1;32m",
			verdict);
	else
		fprintf(f, "\n%s\n", verdict);
	fprintf(f, "report written to %s\n", out);
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, 'T' },
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "keep-first", required_argument, NULL, 'F' },
		{ "keep-last", required_argument, NULL, 'K' },
		{ "inactive-days", required_argument, NULL, 'I' },
		{ "site-idle-days", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'J' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct lr_err err = LR_ERR_INIT;
	struct target_opts to = { .readonly = 1 };
	struct plan_opts po = { .with_orphans = 1 };
	const char *out = "report.html", *title = NULL;
	int json = 0, quiet = lr_verbosity == 0, c;
	struct cli cl;
	cli_init(&cl, "report", argc, argv, "o:qh", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'T': title = optarg; break;
		case 'L': to.liferay_home = optarg; break;
		case 'F': cli_int(&cl, 1, 100000, &po.checks.keep_first); break;
		case 'K': cli_int(&cl, 1, 100000, &po.checks.keep_last); break;
		case 'I': cli_int(&cl, 1, 100000, &po.checks.inactive_days); break;
		case 'S': cli_int(&cl, 1, 100000, &po.checks.site_idle_days); break;
		case 'J': json = 1; break;
		case 'q': quiet = 1; break;
		case 'h': usage(stdout); return 0;
		}
	}
	if (err.code || cli_target(&cl, &to) < 0)
		return lr_err_print(&err);
	if (quiet && lr_verbosity > 0)
		lr_verbosity = 0;

	struct db *db = NULL;
	struct docs d = { 0 };
	json_t *sum = NULL;
	int rc = 0;
	if (target_open(&to, &db, &err) < 0)
		return lr_err_print(&err);
	struct strbuf source = STRBUF_INIT;
	if (to.liferay_home)
		strbuf_addf(&source, "--liferay-home %s", to.liferay_home);
	else
		db_target_redact(to.arg, &source);
	int built = build_docs(db, strbuf_str(&source), &po, &d, &err);
	strbuf_release(&source);
	if (built < 0) {
		rc = lr_err_print(&err);
		goto done;
	}
	/* the summary --json prints: the three parts' counts added up */
	long long tot[3] = { 0, 0, 0 };
	const json_t *parts[3] = { d.inspect, d.apps, d.staging };
	static const char *const keys[3] = { "errorCount", "warningCount", "noticeCount" };
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < 3; k++)
			tot[k] += count(parts[i], keys[k]);
	sum = report_new("report");
	json_object_set_new(sum, "output", lr_json_text(out));
	json_object_set_new(sum, "planObjects",
			    json_integer((json_int_t)json_array_size(json_object_get(d.plan, "objects"))));
	rc = report_set_outcome(sum, tot[0], tot[1], tot[2], 1);
	char deftitle[128];
	snprintf(deftitle, sizeof deftitle, "lrprep report: Liferay %s",
		 json_string_value(json_object_get(json_object_get(d.inspect, "liferay"), "label")));
	struct html_docs hd = { d.inspect, d.plan, d.apps, d.staging, d.versions, title ? title : deftitle };
	if (report_write_html_docs(out, &hd, &err) < 0) {
		rc = lr_err_print(&err);
		goto done;
	}
	if (json) {
		if (report_print_json(stdout, sum, &err) < 0)
			rc = lr_err_print(&err);
	} else if (!quiet) {
		print_summary(stdout, &d, out, sum);
	}
done:
	json_decref(sum);
	json_decref(d.inspect);
	json_decref(d.plan);
	json_decref(d.apps);
	json_decref(d.staging);
	json_decref(d.versions);
	db_close(db);
	return rc;
}
