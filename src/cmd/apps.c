/* lrprep apps: Release_ state of the portal, every module/plugin and the
 * Marketplace apps, compared with the catalogue (data/apps-catalog.tsv). */
#include "cmds.h"
#include "cli.h"
#include "docs.h"
#include "target.h"
#include "../liferay/apps.h"
#include "../liferay/inventory.h"
#include "../liferay/version.h"
#include "../report/html.h"
#include "../report/report.h"
#include "../util/error.h"
#include "../util/strbuf.h"
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: lrprep apps [options] DB\n"
	      "       lrprep apps [options] --liferay-home DIR\n"
	      "\n"
	      "Release_ state of the portal and of every module or plugin: failed upgrades\n"
	      "(state_ 1) and verifies (state_ 2), unverified rows, 7.x module upgrades left\n"
	      "half-way (-step- schema versions) or never run (0.0.x), Marketplace apps\n"
	      "(Kaleo, Calendar, Notifications, Sync, ...) as 6.2 plugins or 7.x bundles with\n"
	      "their version against the latest known (data/apps-catalog.tsv), plugin tables\n"
	      "without a Release_ row and ServiceComponents whose tables are missing.\n"
	      "On 7.x it prints the Gogo shell commands for each pending or failed module;\n"
	      "on 6.2 the Marketplace plugins to update before the upgrade. Read-only.\n"
	      "\n"
	      "options:\n"
	      "  --liferay-home DIR  read the connection from DIR's portal-ext.properties\n"
	      "  --json              print the report as JSON\n"
	      "  --html FILE         also write the report as a self-contained HTML file\n"
	      "  --all               text: list every Release_ row (default: the portal, the\n"
	      "                      Marketplace apps and the rows with a finding)\n"
	      "  -h, --help          this help\n"
	      "\n"
	      "examples:\n"
	      "  lrprep apps copy.db\n"
	      "  lrprep apps mysql://admin@db1/lportal --all\n"
	      "  lrprep apps --liferay-home /opt/liferay --json > apps.json\n"
	      "\n"
	      "exit codes: 0 clean (notices only), 1 warnings, 2 errors (a failed or pending\n"
	      "            upgrade: not ready), 3 usage error, 4 cannot connect / read input\n",
	      f);
}

/* apps --json (docs.h). Text read from the database goes through
 * lr_json_text, which keeps Latin-1 bytes that are not UTF-8. */
json_t *apps_doc(const struct lr_version *v, const struct lr_apps *a)
{
	json_t *doc = report_new("apps");
	json_object_set_new(doc, "liferay",
			    json_pack("{s:s, s:i, s:s, s:o}", "label", v->label, "buildNumber",
				      v->build_number, "schemaVersion", v->schema_version, "line",
				      lr_json_text(a->line)));
	json_t *rel = json_array();
	for (int i = 0; i < a->nrel; i++) {
		const struct lr_release *r = &a->rel[i];
		json_t *o = json_pack("{s:o, s:s, s:I, s:o, s:b, s:i, s:o, s:s, s:s}", "name",
				      lr_json_text(r->name), "kind", r->kind, "buildNumber",
				      (json_int_t)r->build, "schemaVersion", lr_json_text(r->schema),
				      "verified", r->verified, "state", r->state, "modifiedDate",
				      lr_json_text(r->modified), "status", r->status, "severity",
				      lr_sev_name(r->sev));
		if (r->app)
			json_object_set_new(o, "app",
					    json_pack("{s:s, s:o, s:o}", "name", r->app->app,
						      "latestKnown", lr_json_text(r->app->latest), "mapsTo",
						      lr_json_text(r->app->maps_to)));
		json_array_append_new(rel, o);
	}
	json_object_set_new(doc, "releases", rel);
	json_t *scs = json_array();
	for (int i = 0; i < a->nsc; i++) {
		const struct lr_service_component *sc = &a->sc[i];
		json_t *tables = json_array();
		for (int k = 0; k < sc->ntables; k++)
			json_array_append_new(tables, lr_json_text(sc->tables[k]));
		json_array_append_new(scs, json_pack("{s:o, s:I, s:o, s:i, s:o, s:o}", "namespace",
						     lr_json_text(sc->ns), "buildNumber", (json_int_t)sc->build,
						     "tables", tables, "missingTables", sc->nmissing,
						     "app", lr_json_text(sc->app ? sc->app->app : NULL),
						     "release", lr_json_text(sc->release)));
	}
	json_object_set_new(doc, "serviceComponents", scs);
	json_t *fs = json_array(), *gogo = json_array();
	long long n[4] = { 0 };
	for (int i = 0; i < a->nf; i++) {
		const struct lr_finding *f = &a->f[i];
		n[f->sev]++;
		json_array_append_new(fs, json_pack("{s:s, s:s, s:o, s:o}", "id", f->id, "severity",
						    lr_sev_name(f->sev), "subject", lr_json_text(f->subject),
						    "message", lr_json_text(f->msg)));
	}
	for (int i = 0; i < a->nrel; i++) {
		char cmd[256];
		if (a->rel[i].gogo_upgrade) {
			snprintf(cmd, sizeof cmd, "upgrade:execute %s", a->rel[i].name);
			json_array_append_new(gogo, lr_json_text(cmd));
		}
		if (a->rel[i].gogo_verify) {
			snprintf(cmd, sizeof cmd, "verify:execute %s", a->rel[i].name);
			json_array_append_new(gogo, lr_json_text(cmd));
		}
	}
	json_object_set_new(doc, "findings", fs);
	json_object_set_new(doc, "gogoCommands", gogo);
	report_set_outcome(doc, n[LR_SEV_ERROR], n[LR_SEV_WARNING], n[LR_SEV_NOTICE], 0);
	return doc;
}

static void print_text(FILE *f, const struct lr_version *v, const struct lr_apps *a, int all,
		       const json_t *doc)
{
	fprintf(f, "Liferay %s (portal buildNumber %d%s%s)\n", v->label, v->build_number,
		v->schema_version[0] ? ", schemaVersion " : "", v->schema_version);
	int shown = 0;
	for (int i = 0; i < a->nrel; i++)
		shown += all || a->rel[i].app || a->rel[i].sev >= LR_SEV_WARNING ||
			 !strcmp(a->rel[i].kind, "portal");
	char head[128];
	snprintf(head, sizeof head, "Release_: %d row(s)%s", a->nrel,
		 shown < a->nrel ? " (--all lists every row)" : "");
	report_heading(f, head);
	static const char *const hdr[] = { "servletContextName", "kind", "build", "schema",
					   "verified", "state_", "app", "latest known", "status" };
	struct text_table *t = text_table_new(9, hdr);
	text_table_right(t, 2);
	text_table_right(t, 5);
	for (int i = 0; i < a->nrel; i++) {
		const struct lr_release *r = &a->rel[i];
		if (!(all || r->app || r->sev >= LR_SEV_WARNING || !strcmp(r->kind, "portal")))
			continue;
		text_table_rowf(t, "%s\t%s\t%lld\t%s\t%s\t%d\t%s\t%s\t%s", r->name, r->kind, r->build,
				r->schema ? r->schema : "-", r->verified ? "yes" : "no", r->state,
				r->app ? r->app->app : "-",
				r->app && r->app->latest ? r->app->latest : "-", r->status);
	}
	text_table_print(t, f, "  ");
	text_table_free(t);

	if (a->nsc) {
		report_heading(f, "ServiceComponent (plugin and module tables)");
		static const char *const sh[] = { "namespace", "build", "tables", "missing", "app",
						  "Release_ row" };
		t = text_table_new(6, sh);
		text_table_right(t, 1);
		text_table_right(t, 2);
		text_table_right(t, 3);
		for (int i = 0; i < a->nsc; i++) {
			const struct lr_service_component *sc = &a->sc[i];
			text_table_rowf(t, "%s\t%lld\t%d\t%d\t%s\t%s", sc->ns, sc->build, sc->ntables,
					sc->nmissing, sc->app ? sc->app->app : "-",
					sc->release ? sc->release : "-");
		}
		text_table_print(t, f, "  ");
		text_table_free(t);
	}

	int gogo = 0;
	for (int i = 0; i < a->nrel; i++)
		gogo += a->rel[i].gogo_upgrade + a->rel[i].gogo_verify;
	if (gogo) {
		report_heading(f, "Gogo shell (telnet localhost 11311), after fixing the cause in the log");
		fprintf(f, "  upgrade:check\n");
		for (int i = 0; i < a->nrel; i++) {
			if (a->rel[i].gogo_upgrade)
				fprintf(f, "  upgrade:execute %s\n", a->rel[i].name);
			if (a->rel[i].gogo_verify)
				fprintf(f, "  verify:execute %s\n", a->rel[i].name);
		}
	}
	if (a->line && !strcmp(a->line, "6.2")) {
		int n = 0;
		for (int i = 0; i < a->nrel; i++)
			n += a->rel[i].app != NULL;
		if (n) {
			report_heading(f, "Marketplace plugins: install their latest 6.2 release before the upgrade");
			for (int i = 0; i < a->nrel; i++) {
				const struct lr_release *r = &a->rel[i];
				if (!r->app)
					continue;
				fprintf(f, "  %-22s %-26s Release_ build %lld, %s, state_ %d; latest known %s%s%s\n",
					r->app->app, r->name, r->build, r->verified ? "verified" : "not verified",
					r->state, r->app->latest ? r->app->latest : "unknown",
					r->app->maps_to ? "; becomes " : "",
					r->app->maps_to ? r->app->maps_to : "");
			}
		}
	}
	report_heading(f, "Findings");
	if (!a->nf)
		fprintf(f, "  none\n");
	for (int i = 0; i < a->nf; i++)
		fprintf(f, "  %-7s %s  %s\n", lr_sev_name(a->f[i].sev), a->f[i].id, a->f[i].msg);
	fprintf(f, "\n%lld error(s), %lld warning(s), %lld notice(s)\n",
		(long long)json_integer_value(json_object_get(doc, "errorCount")),
		(long long)json_integer_value(json_object_get(doc, "warningCount")),
		(long long)json_integer_value(json_object_get(doc, "noticeCount")));
}

int cmd_apps(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "json", no_argument, NULL, 'J' },
		{ "html", required_argument, NULL, 'H' },
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct lr_err err = LR_ERR_INIT;
	struct target_opts to = { .readonly = 1 };
	int json = 0, all = 0, c;
	const char *html = NULL;
	struct cli cl;
	cli_init(&cl, "apps", argc, argv, "h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'L': to.liferay_home = optarg; break;
		case 'J': json = 1; break;
		case 'H': html = optarg; break;
		case 'a': all = 1; break;
		case 'h': usage(stdout); return 0;
		}
	}
	if (err.code || cli_target(&cl, &to) < 0)
		return lr_err_print(&err);
	struct db *db = NULL;
	struct lr_version v;
	struct lr_apps apps;
	memset(&v, 0, sizeof v);
	if (target_open_detect(&to, &db, &v, &err) < 0)
		return lr_err_print(&err);
	if (lr_apps_analyze(db, &v, &apps, &err) < 0) {
		db_close(db);
		return lr_err_print(&err);
	}
	db_close(db);
	json_t *doc = apps_doc(&v, &apps);
	int rc = (int)json_integer_value(json_object_get(doc, "exitCode"));
	if (html && report_write_html(html, doc, &err) < 0)
		rc = lr_err_print(&err);
	if (json) {
		if (report_print_json(stdout, doc, &err) < 0)
			rc = lr_err_print(&err);
	} else {
		print_text(stdout, &v, &apps, all, doc);
	}
	json_decref(doc);
	lr_apps_free(&apps);
	return rc;
}
