/* lrprep report: one self-contained HTML file combining inspect, plan, apps
 * and staging, for administrators to share. Builds the same JSON documents as
 * those commands (through the same library calls) and renders them with
 * report/html.c; the terminal gets a short aligned summary. */
#include "cmds.h"
#include "cli.h"
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
#include <ctype.h>
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

static void set_counts(json_t *doc, const long long n[3])
{
	json_object_set_new(doc, "errorCount", json_integer(n[2]));
	json_object_set_new(doc, "warningCount", json_integer(n[1]));
	json_object_set_new(doc, "noticeCount", json_integer(n[0]));
	json_object_set_new(doc, "exitCode", json_integer(n[2] ? 2 : n[1] ? 1 : 0));
}

/* inspect's document: the same inventory and checks calls as cmd/inspect.c. */
static int inspect_doc(struct db *db, const struct lr_version *v, const char *source, json_t **out,
		       struct lr_err *err)
{
	json_t *doc = report_new("inspect");
	struct strbuf ver = STRBUF_INIT;
	if (db_server_version(db, &ver) < 0)
		strbuf_reset(&ver);
	json_object_set_new(doc, "database", json_pack("{s:s, s:o, s:o}", "engine", db_engine_name(db_engine(db)),
						       "serverVersion", lr_json_text(strbuf_str(&ver)),
						       "source", lr_json_text(source)));
	strbuf_release(&ver);
	json_object_set_new(doc, "liferay", json_pack("{s:i, s:s, s:s, s:s, s:b}", "buildNumber", v->build_number,
						      "line", lr_line_name(v->line), "label", v->label,
						      "upgradePath", v->path ? v->path : "",
						      "upgradeSupported", v->supported));
	struct checks_opts co = { .max_samples = CHECKS_DEFAULT_MAX_SAMPLES };
	json_t *findings = NULL;
	if (inventory_tables(db, doc, err) < 0 || inventory_companies(db, doc, err) < 0 ||
	    inventory_sites(db, v, doc, err) < 0 || inventory_release(db, doc, err) < 0 ||
	    checks_run(db, v, &co, &findings, err) < 0) {
		json_decref(doc);
		return -1;
	}
	long long n[3] = { 0, 0, 0 };
	size_t i;
	json_t *f;
	json_array_foreach(findings, i, f) {
		const char *s = json_string_value(json_object_get(f, "severity"));
		n[!s ? 0 : !strcmp(s, "error") ? 2 : !strcmp(s, "warning") ? 1 : 0]++;
	}
	json_object_set_new(doc, "findings", findings);
	set_counts(doc, n);
	*out = doc;
	return 0;
}

/* apps' document (the fields the report shows; same names as apps --json). */
static json_t *apps_doc(const struct lr_apps *a)
{
	json_t *doc = report_new("apps");
	json_t *rel = json_array(), *fs = json_array(), *gogo = json_array();
	long long n[3] = { 0, 0, 0 };
	for (int i = 0; i < a->nrel; i++) {
		const struct lr_release *r = &a->rel[i];
		json_t *o = json_pack("{s:o, s:s, s:I, s:o, s:b, s:i, s:s, s:s}", "name", lr_json_text(r->name),
				      "kind", r->kind, "buildNumber", (json_int_t)r->build, "schemaVersion",
				      lr_json_text(r->schema), "verified", r->verified, "state", r->state,
				      "status", r->status, "severity", lr_sev_name(r->sev));
		if (r->app)
			json_object_set_new(o, "app", json_pack("{s:s, s:o}", "name", r->app->app, "latestKnown",
								  lr_json_text(r->app->latest)));
		json_array_append_new(rel, o);
		char cmd[300];
		if (r->gogo_upgrade) {
			snprintf(cmd, sizeof cmd, "upgrade:execute %s", r->name);
			json_array_append_new(gogo, lr_json_text(cmd));
		}
		if (r->gogo_verify) {
			snprintf(cmd, sizeof cmd, "verify:execute %s", r->name);
			json_array_append_new(gogo, lr_json_text(cmd));
		}
	}
	for (int i = 0; i < a->nf; i++) {
		const struct lr_finding *f = &a->f[i];
		if (f->sev >= LR_SEV_NOTICE)
			n[f->sev - LR_SEV_NOTICE]++;
		json_array_append_new(fs, json_pack("{s:s, s:s, s:o, s:o}", "id", f->id, "severity",
						    lr_sev_name(f->sev), "subject", lr_json_text(f->subject),
						    "message", lr_json_text(f->msg)));
	}
	json_object_set_new(doc, "releases", rel);
	json_object_set_new(doc, "findings", fs);
	json_object_set_new(doc, "gogoCommands", gogo);
	set_counts(doc, n);
	return doc;
}

static void stg_finding(json_t *fs, long long n[3], const char *id, int sev, const char *subject,
			const char *msg)
{
	n[sev]++;
	json_array_append_new(fs, json_pack("{s:s, s:s, s:o, s:o}", "id", id, "severity",
					    sev == 2 ? "error" : sev == 1 ? "warning" : "notice", "subject",
					    lr_json_text(subject), "message", lr_json_text(msg)));
}

/* staging's document: sites, changes and the findings `lrprep staging` reports
 * (one per site and kind of change, publications, remote-live, enabled). */
static json_t *staging_doc(const struct lr_staging *st)
{
	json_t *doc = report_new("staging"), *sites = json_array(), *fs = json_array();
	long long n[3] = { 0, 0, 0 };
	char id[96], msg[1024];
	for (int i = 0; i < st->nsites; i++) {
		const struct lr_stg_site *s = &st->sites[i];
		json_t *ch = json_array(), *pub = json_array();
		for (int k = 0; k < s->nch; k++) {
			const struct lr_stg_change *c = &s->ch[k];
			json_array_append_new(ch, json_pack("{s:s, s:s, s:I, s:o, s:o, s:o, s:s, s:b}", "type", c->type,
							    "table", c->table, "id", (json_int_t)c->pk, "title",
							    lr_json_text(c->title), "who", lr_json_text(c->who),
							    "when", lr_json_text(c->when), "why", c->why,
							    "deleted", c->deleted));
		}
		for (int k = 0; k < s->ntasks; k++)
			json_array_append_new(pub, json_pack("{s:I, s:i, s:o}", "id", (json_int_t)s->tasks[k].id,
							     "status", s->tasks[k].status, "name",
							     lr_json_text(s->tasks[k].name)));
		json_t *lpd = json_object();
		for (int p = 0; p < 2; p++)
			json_object_set_new(lpd, p ? "private" : "public",
					    s->last_publish[p] < 0 ? json_null() : json_integer(s->last_publish[p]));
		json_array_append_new(sites, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "kind",
						       lr_stg_kind_name(s->kind), "name", lr_json_text(s->name),
						       "friendlyURL", lr_json_text(s->friendly_url),
						       "lastPublishDate", lpd, "changes", ch, "publications", pub));
		for (int k = 0; k < s->nch; k++) {
			const struct lr_stg_change *c = &s->ch[k];
			int first = 1, cnt = 0;
			for (int j = 0; j < s->nch; j++) {
				int same = s->ch[j].deleted == c->deleted &&
					   (c->deleted || !strcmp(s->ch[j].table, c->table));
				first &= !(same && j < k);
				cnt += same;
			}
			if (!first)
				continue;
			if (c->deleted) {
				snprintf(id, sizeof id, "staging.deleted");
			} else {
				int m = snprintf(id, sizeof id, "staging.unpublished.");
				for (const char *p = c->table; *p && (size_t)m + 1 < sizeof id; p++)
					id[m++] = (char)tolower((unsigned char)*p);
				id[m] = '\0';
			}
			snprintf(msg, sizeof msg, "%s: %d %s%s not published%s", s->name, cnt,
				 c->deleted ? "deletion" : c->type, cnt == 1 ? "" : "(s)",
				 s->never_published ? " (the site was never published)" : "");
			stg_finding(fs, n, id, 2, s->name, msg);
		}
		for (int k = 0; k < s->ntasks; k++) {
			snprintf(msg, sizeof msg, "%s: publication %lld (%s) %s", s->name, (long long)s->tasks[k].id,
				 s->tasks[k].name, s->tasks[k].status == 2 ? "failed" : "in progress");
			stg_finding(fs, n, s->tasks[k].status == 2 ? "staging.publication.failed"
								   : "staging.publication.in-progress",
				    2, s->name, msg);
		}
		if (s->kind == LR_STG_REMOTE_LIVE) {
			snprintf(msg, sizeof msg, "%s is the live side of remote staging", s->name);
			stg_finding(fs, n, "staging.remote-live", 1, s->name, msg);
		} else if (s->kind == LR_STG_LOCAL && !s->staging_group_id) {
			snprintf(msg, sizeof msg, "%s says staged=true but has no staging group", s->name);
			stg_finding(fs, n, "staging.no-staging-group", 1, s->name, msg);
		} else if (!s->nch && !s->ntasks) {
			snprintf(msg, sizeof msg, "%s: staging is on and everything is published", s->name);
			stg_finding(fs, n, "staging.enabled", 0, s->name, msg);
		}
	}
	json_object_set_new(doc, "sites", sites);
	json_object_set_new(doc, "unpublishedCount", json_integer(st->unpublished));
	json_object_set_new(doc, "findings", fs);
	set_counts(doc, n);
	return doc;
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
	int rc = inspect_doc(db, &v, source, &d->inspect, err);
	lr_progress_set(pr, 1);
	struct lr_err e2 = LR_ERR_INIT;
	if (rc == 0 && checks_plan(db, &v, po, &d->plan, &e2) < 0) {
		lr_warn("report: the plan could not be built: %s", e2.msg);
		lr_err_clear(&e2);
	}
	lr_progress_set(pr, 2);
	struct lr_apps apps;
	if (rc == 0 && lr_apps_analyze(db, &v, &apps, &e2) == 0) {
		d->apps = apps_doc(&apps);
		lr_apps_free(&apps);
	} else if (rc == 0) {
		lr_warn("report: apps left out: %s", e2.msg);
		lr_err_clear(&e2);
	}
	lr_progress_set(pr, 3);
	struct lr_staging st;
	if (rc == 0 && lr_staging_analyze(db, &v, &st, &e2) == 0) {
		d->staging = staging_doc(&st);
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

static void print_summary(FILE *f, const struct docs *d, const char *out, const char *verdict,
			  const long long tot[3])
{
	static const char *const head[] = { "part", "errors", "warnings", "notices" };
	struct text_table *t = text_table_new(4, head);
	for (int c = 1; c < 4; c++)
		text_table_right(t, c);
	const json_t *docs[3] = { d->inspect, d->apps, d->staging };
	const char *names[3] = { "inspect", "apps", "staging" };
	for (int i = 0; i < 3; i++) {
		if (!docs[i])
			continue;
		text_table_rowf(t, "%s\t%lld\t%lld\t%lld", names[i],
				(long long)json_integer_value(json_object_get(docs[i], "errorCount")),
				(long long)json_integer_value(json_object_get(docs[i], "warningCount")),
				(long long)json_integer_value(json_object_get(docs[i], "noticeCount")));
	}
	text_table_rowf(t, "total\t%lld\t%lld\t%lld", tot[2], tot[1], tot[0]);
	text_table_print(t, f, "  ");
	text_table_free(t);
	if (d->plan)
		fprintf(f, "  plan: %zu removable object(s)\n",
			json_array_size(json_object_get(d->plan, "objects")));
	if (lr_color(f))
		fprintf(f, "\n%s%s\033[0m\n", tot[2] ? "\033[1;31m" : tot[1] ? "\033[1;33m" : "\033[1;32m",
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
	long long tot[3] = { 0, 0, 0 };
	const json_t *parts[3] = { d.inspect, d.apps, d.staging };
	static const char *const keys[3] = { "noticeCount", "warningCount", "errorCount" };
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < 3; k++)
			tot[k] += (long long)json_integer_value(json_object_get(parts[i], keys[k]));
	rc = tot[2] ? LR_EXIT_ERRORS : tot[1] ? LR_EXIT_WARNINGS : LR_EXIT_CLEAN;
	const char *verdict = tot[2] ? "not ready" : tot[1] ? "ready with warnings" : "ready";
	char deftitle[128];
	snprintf(deftitle, sizeof deftitle, "lrprep report: Liferay %s",
		 json_string_value(json_object_get(json_object_get(d.inspect, "liferay"), "label")));
	struct html_docs hd = { d.inspect, d.plan, d.apps, d.staging, d.versions, title ? title : deftitle };
	if (report_write_html_docs(out, &hd, &err) < 0) {
		rc = lr_err_print(&err);
		goto done;
	}
	if (json) {
		json_t *doc = report_new("report");
		json_object_set_new(doc, "output", lr_json_text(out));
		json_object_set_new(doc, "planObjects",
				    json_integer((json_int_t)json_array_size(json_object_get(d.plan, "objects"))));
		json_object_set_new(doc, "errorCount", json_integer(tot[2]));
		json_object_set_new(doc, "warningCount", json_integer(tot[1]));
		json_object_set_new(doc, "noticeCount", json_integer(tot[0]));
		json_object_set_new(doc, "verdict", json_string(verdict));
		json_object_set_new(doc, "exitCode", json_integer(rc));
		if (report_print_json(stdout, doc, &err) < 0)
			rc = lr_err_print(&err);
		json_decref(doc);
	} else if (!quiet) {
		print_summary(stdout, &d, out, verdict, tot);
	}
done:
	json_decref(d.inspect);
	json_decref(d.plan);
	json_decref(d.apps);
	json_decref(d.staging);
	json_decref(d.versions);
	db_close(db);
	return rc;
}
