/* lrprep inspect: the readiness report. Builds one JSON document (version,
 * tables, companies, sites, Release_, findings, verdict); --json prints it,
 * otherwise inspect_text.c renders it as aligned tables. */
#include "cmds.h"
#include "cli.h"
#include "docs.h"
#include "inspect_text.h"
#include "target.h"
#include "../checks/checks.h"
#include "../db/uri.h"
#include "../liferay/inventory.h"
#include "../liferay/version.h"
#include "../report/html.h"
#include "../report/report.h"
#include "../util/error.h"
#include "../util/log.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: lrprep inspect [options] DB\n"
	      "       lrprep inspect [options] --liferay-home DIR\n"
	      "       lrprep inspect --list-checks [--json]\n"
	      "\n"
	      "Readiness report of a Liferay database: engine and server version, Liferay\n"
	      "version and upgrade path to 7.2, every table with its exact row count and size,\n"
	      "companies, sites and their content, the Release_ summary, the findings of every\n"
	      "check, and one verdict. Read-only.\n"
	      "\n"
	      "DB is a mysql:// mariadb:// postgresql:// URI, an SQLite file, or a dump\n"
	      "(mysqldump, pg_dump plain, HSQLDB lportal.script; also .gz .xz .zst).\n"
	      "Passwords come from the URI, LRPREP_PASSWORD, ~/.my.cnf, ~/.pgpass or the\n"
	      "Liferay properties; they are never printed.\n"
	      "\n"
	      "options:\n"
	      "  --liferay-home DIR  read the connection (jdbc.default.*) from DIR's\n"
	      "                      portal-ext.properties / portal-setup-wizard.properties\n"
	      "  --json              print the report as JSON (docs/json-schema.md)\n"
	      "  --html FILE         also write the report as a self-contained HTML file\n"
	      "  --top N             text: show the N largest tables (default 20, 0 = all)\n"
	      "  --only ID[,ID...]   run only these checks (ids or id prefixes); repeatable\n"
	      "  --skip ID[,ID...]   leave out these checks (ids or id prefixes); repeatable\n"
	      "  --list-checks       list every check (id, severity, title) and exit\n"
	      "  --max-samples N     samples shown per finding (default 5)\n"
	      "  -q, --quiet         text: print only the verdict line\n"
	      "  -h, --help          this help\n"
	      "\n"
	      "examples:\n"
	      "  lrprep inspect mariadb://liferay@db.example.com/lportal\n"
	      "  lrprep inspect --json postgresql://liferay@localhost/lportal > report.json\n"
	      "  lrprep inspect --liferay-home /opt/liferay\n"
	      "  lrprep inspect --top 0 --skip unused lportal-backup.sql.gz\n"
	      "  lrprep inspect --only apps.,staging. copy.db\n"
	      "\n"
	      "exit codes: 0 ready (no findings above notice), 1 ready with warnings,\n"
	      "            2 not ready (errors found), 3 usage error,\n"
	      "            4 cannot connect / cannot read input (also: not a Liferay database)\n",
	      f);
}

static json_t *version_json(const struct lr_version *v)
{
	json_t *o = json_pack("{s:i, s:s, s:s, s:b}", "buildNumber", v->build_number, "line",
			      lr_line_name(v->line), "label", v->label, "ee", v->ee);
	json_object_set_new(o, "schemaVersion", v->schema_version[0] ? lr_json_text(v->schema_version) : json_null());
	json_object_set_new(o, "state", v->has_state ? json_integer(v->state) : json_null());
	json_object_set_new(o, "verified", json_boolean(v->verified));
	json_object_set_new(o, "buildDate", v->build_date[0] ? lr_json_text(v->build_date) : json_null());
	json_object_set_new(o, "upgradePath", json_string(v->path ? v->path : ""));
	json_object_set_new(o, "upgradeSupported", json_boolean(v->supported));
	return o;
}

/* inspect --json (docs.h): everything the report needs, read from an open database. */
json_t *inspect_doc(struct db *db, const struct lr_version *v, const char *source,
		    const struct checks_opts *co, struct lr_err *err)
{
	json_t *doc = report_new("inspect");
	struct strbuf ver = STRBUF_INIT;
	if (db_server_version(db, &ver) < 0)
		strbuf_reset(&ver);
	json_object_set_new(doc, "database", json_pack("{s:s, s:o, s:o}", "engine", db_engine_name(db_engine(db)),
						       "serverVersion", lr_json_text(strbuf_str(&ver)),
						       "source", lr_json_text(source)));
	strbuf_release(&ver);
	json_object_set_new(doc, "liferay", version_json(v));
	lr_verbose("inspect: counting rows of every table");
	json_t *findings = NULL;
	if (inventory_tables(db, doc, err) < 0 || inventory_companies(db, doc, err) < 0 ||
	    inventory_sites(db, v, doc, err) < 0 || inventory_release(db, doc, err) < 0)
		goto fail;
	lr_verbose("inspect: running checks");
	if (checks_run(db, v, co, &findings, err) < 0)
		goto fail;
	json_object_set_new(doc, "findings", findings);
	report_set_findings_outcome(doc, findings, 1);
	return doc;
fail:
	json_decref(doc);
	return NULL;
}

static int list_checks(int json)
{
	struct lr_err err = LR_ERR_INIT;
	json_t *list = checks_list();
	int rc = 0;
	if (json) {
		json_t *doc = report_new("inspect --list-checks");
		json_object_set(doc, "checks", list);
		if (report_print_json(stdout, doc, &err) < 0)
			rc = lr_err_print(&err);
		json_decref(doc);
	} else {
		inspect_print_checks(stdout, list);
	}
	json_decref(list);
	return rc;
}

int cmd_inspect(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "json", no_argument, NULL, 'J' },
		{ "html", required_argument, NULL, 'H' },
		{ "top", required_argument, NULL, 't' },
		{ "only", required_argument, NULL, 'O' },
		{ "skip", required_argument, NULL, 'S' },
		{ "list-checks", no_argument, NULL, 'C' },
		{ "max-samples", required_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct lr_err err = LR_ERR_INIT;
	struct target_opts to = { .readonly = 1 };
	struct checks_opts co = { .max_samples = 5 };
	struct cli_list only = { 0 }, skip = { 0 };
	const char *html = NULL;
	int json = 0, top = 20, quiet = lr_verbosity == 0, listc = 0, rc = 0, c;
	struct cli cl;
	cli_init(&cl, "inspect", argc, argv, "qh", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'L': to.liferay_home = optarg; break;
		case 'J': json = 1; break;
		case 'H': html = optarg; break;
		case 't': cli_int(&cl, 0, 1000000, &top); break;
		case 'O': cli_list_add(&only, optarg); break;
		case 'S': cli_list_add(&skip, optarg); break;
		case 'C': listc = 1; break;
		case 'm': cli_int(&cl, 0, 1000000, &co.max_samples); break;
		case 'q': quiet = 1; break;
		case 'h': usage(stdout); goto out;
		}
	}
	/* --list-checks needs no database */
	if (listc)
		cli_operand(&cl, "database", &to.arg);
	else
		cli_target(&cl, &to);
	if (err.code)
		goto out;
	if (listc) {
		rc = list_checks(json);
		goto out;
	}
	co.only = only.v;
	co.skip = skip.v;

	struct strbuf source = STRBUF_INIT;
	if (to.liferay_home)
		strbuf_addf(&source, "--liferay-home %s", to.liferay_home);
	else if (to.arg)
		db_target_redact(to.arg, &source);
	struct db *db = NULL;
	struct lr_version v;
	memset(&v, 0, sizeof v);
	if (target_open_detect(&to, &db, &v, &err) == 0) {
		json_t *doc = inspect_doc(db, &v, strbuf_str(&source), &co, &err);
		if (doc) {
			rc = (int)json_integer_value(json_object_get(doc, "exitCode"));
			if (json) {
				if (report_print_json(stdout, doc, &err) < 0)
					rc = -1;
			} else {
				inspect_print_text(stdout, doc, top, co.max_samples, quiet);
			}
			if (html && report_write_html(html, doc, &err) < 0)
				rc = -1;
		}
		json_decref(doc);
		db_close(db);
	}
	strbuf_release(&source);
out:
	cli_list_free(&only);
	cli_list_free(&skip);
	if (err.code)
		return lr_err_print(&err);
	return rc;
}
