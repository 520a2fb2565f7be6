/* lrprep staging: every staged site, its last publish dates, what changed or
 * was deleted since, and publications in progress or failed. */
#include "cmds.h"
#include "cli.h"
#include "docs.h"
#include "target.h"
#include "../liferay/apps.h"
#include "../liferay/inventory.h"
#include "../liferay/staging.h"
#include "../liferay/version.h"
#include "../report/html.h"
#include "../report/report.h"
#include "../util/error.h"
#include "../util/strbuf.h"
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: lrprep staging [options] DB\n"
	      "       lrprep staging [options] --liferay-home DIR\n"
	      "\n"
	      "Every staged site (local staging, remote staging, and the live side of remote\n"
	      "staging), the last publish date of each of its layout sets, and every page,\n"
	      "layout set, page revision, web content, folder, structure, template, document\n"
	      "and version, category, tag, blog entry, wiki page, message, calendar event and\n"
	      "dynamic data list changed since then (only portlets marked staged), deletions\n"
	      "recorded since then, and publications in progress or failed. Upgrading with\n"
	      "unpublished work forces a full publish afterwards: publish first. Read-only.\n"
	      "\n"
	      "options:\n"
	      "  --liferay-home DIR    read the connection from DIR's portal-ext.properties\n"
	      "  --json                print the report as JSON\n"
	      "  --html FILE           also write the report as a self-contained HTML file\n"
	      "  --script FILE         write a script-console Groovy script (for the\n"
	      "                        database's Liferay version) that publishes each staged\n"
	      "                        site's pending changes, one site at a time; it starts\n"
	      "                        in dry-run mode\n"
	      "  -h, --help            this help\n"
	      "\n"
	      "examples:\n"
	      "  lrprep staging copy.db\n"
	      "  lrprep staging mysql://admin@db1/lportal --script publish.groovy\n"
	      "  lrprep staging --liferay-home /opt/liferay --json\n"
	      "\n"
	      "exit codes: 0 no staged site or nothing to publish, 1 warnings only,\n"
	      "            2 unpublished changes or a publication in progress / failed,\n"
	      "            3 usage error, 4 cannot connect / read input / write the script\n",
	      f);
}

/* The findings of the document and their counts by severity. */
struct fcount {
	long long n[4];
	json_t *arr;
};

static void finding(struct fcount *fc, const char *id, enum lr_sev sev, const char *subject,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void finding(struct fcount *fc, const char *id, enum lr_sev sev, const char *subject,
		    const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	fc->n[sev]++;
	json_array_append_new(fc->arr, json_pack("{s:s, s:s, s:o, s:o}", "id", id, "severity",
						 lr_sev_name(sev), "subject", lr_json_text(subject),
						 "message", lr_json_text(strbuf_str(&msg))));
	strbuf_release(&msg);
}

static const char *task_status(int st)
{
	switch (st) {
	case 0: return "new";
	case 1: return "in progress";
	case 2: return "failed";
	case 4: return "queued";
	default: return "?";
	}
}

static void fmt_publish(char *buf, size_t n, int64_t ms)
{
	if (ms < 0) {
		snprintf(buf, n, "never");
		return;
	}
	lr_ms_to_date(ms, buf, n);
	char *dot = strchr(buf, '.');
	if (dot)
		snprintf(dot, n - (size_t)(dot - buf), " UTC");
}

static json_t *jms(int64_t ms)
{
	return ms < 0 ? json_null() : json_integer(ms);
}

/* "staging.unpublished.journalarticle" for a table */
static void change_id(char *buf, size_t n, const struct lr_stg_change *c)
{
	if (c->deleted) {
		snprintf(buf, n, "staging.deleted");
		return;
	}
	int k = snprintf(buf, n, "staging.unpublished.");
	for (const char *p = c->table; *p && (size_t)k + 1 < n; p++)
		buf[k++] = (char)tolower((unsigned char)*p);
	buf[k] = '\0';
}

static json_t *site_json(const struct lr_stg_site *s, struct fcount *fc)
{
	json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:o, s:o, s:i}", "kind", lr_stg_kind_name(s->kind),
			      "liveGroupId", (json_int_t)s->live_group_id, "stagingGroupId",
			      (json_int_t)s->staging_group_id, "sourceGroupId",
			      (json_int_t)s->source_group_id, "name", lr_json_text(s->name), "friendlyURL",
			      lr_json_text(s->friendly_url), "remoteStagingGroupCount", s->remote_staging_count);
	if (s->kind == LR_STG_REMOTE)
		json_object_set_new(o, "remote",
				    json_pack("{s:o, s:i, s:o, s:b, s:I}", "address", lr_json_text(s->remote_address),
					      "port", s->remote_port, "pathContext",
					      lr_json_text(s->remote_path_context), "secureConnection",
					      s->secure_connection, "groupId", (json_int_t)s->remote_group_id));
	json_object_set_new(o, "lastPublishDate",
			    json_pack("{s:o, s:o}", "public", jms(s->last_publish[0]), "private",
				      jms(s->last_publish[1])));
	json_object_set_new(o, "neverPublished", json_boolean(s->never_published));
	json_t *pa = json_array();
	for (int i = 0; i < s->nportlets; i++)
		json_array_append_new(pa, lr_json_text(s->portlets[i]));
	json_object_set_new(o, "stagedPortlets", pa);
	json_t *ch = json_array();
	for (int i = 0; i < s->nch; i++) {
		const struct lr_stg_change *c = &s->ch[i];
		json_t *co = json_pack("{s:s, s:s, s:I, s:o, s:o, s:o, s:s, s:b}", "type", c->type, "table",
				       c->table, "id", (json_int_t)c->pk, "title", lr_json_text(c->title),
				       "who", lr_json_text(c->who), "when", lr_json_text(c->when), "why",
				       c->why, "deleted", c->deleted);
		json_object_set_new(co, "privateLayout",
				    c->private_layout < 0 ? json_null() : json_boolean(c->private_layout));
		json_array_append_new(ch, co);
	}
	json_object_set_new(o, "changes", ch);
	json_t *ta = json_array();
	for (int i = 0; i < s->ntasks; i++) {
		const struct lr_stg_task *k = &s->tasks[i];
		json_array_append_new(ta, json_pack("{s:I, s:I, s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
						    "id", (json_int_t)k->id, "groupId",
						    (json_int_t)k->group_id, "status", k->status,
						    "statusLabel", task_status(k->status), "name",
						    lr_json_text(k->name), "executor", lr_json_text(k->executor),
						    "who", lr_json_text(k->who), "created", lr_json_text(k->created),
						    "completed", lr_json_text(k->completed), "message",
						    lr_json_text(k->message)));
	}
	json_object_set_new(o, "publications", ta);

	/* findings: one per site and kind of change, so counts stay readable */
	for (int i = 0; i < s->nch; i++) {
		char id[96];
		change_id(id, sizeof id, &s->ch[i]);
		int dup = 0, n = 0;
		for (int k = 0; k < s->nch; k++) {
			char id2[96];
			change_id(id2, sizeof id2, &s->ch[k]);
			if (strcmp(id, id2))
				continue;
			dup |= k < i;
			n++;
		}
		if (!dup)
			finding(fc, id, LR_SEV_ERROR, s->name,
				"%s: %d %s%s not published%s", s->name, n, s->ch[i].deleted ? "deletion" : s->ch[i].type,
				n == 1 ? "" : "(s)", s->never_published ? " (the site was never published)" : "");
	}
	for (int i = 0; i < s->ntasks; i++)
		finding(fc, s->tasks[i].status == 2 ? "staging.publication.failed" : "staging.publication.in-progress",
			LR_SEV_ERROR, s->name, "%s: publication %lld (%s) %s%s%s", s->name,
			(long long)s->tasks[i].id, s->tasks[i].name, task_status(s->tasks[i].status),
			s->tasks[i].message[0] ? ": " : "", s->tasks[i].message);
	if (s->kind == LR_STG_REMOTE_LIVE)
		finding(fc, "staging.remote-live", LR_SEV_WARNING, s->name,
			"%s is the live side of remote staging (%d staging site(s) publish to it): check "
			"the staging server with lrprep staging", s->name, s->remote_staging_count);
	else if (s->kind == LR_STG_LOCAL && !s->staging_group_id)
		finding(fc, "staging.no-staging-group", LR_SEV_WARNING, s->name,
			"%s says staged=true but has no staging group (liveGroupId): staging is "
			"half-disabled", s->name);
	else if (!s->nch && !s->ntasks)
		finding(fc, "staging.enabled", LR_SEV_NOTICE, s->name,
			"%s: staging is on and everything is published; disable staging before the "
			"upgrade", s->name);
	return o;
}

/* staging --json (docs.h). */
json_t *staging_doc(const struct lr_version *v, const struct lr_staging *st)
{
	struct fcount fc = { .arr = json_array() };
	json_t *doc = report_new("staging");
	json_object_set_new(doc, "liferay", json_pack("{s:s, s:i}", "label", v->label, "buildNumber",
						      v->build_number));
	json_t *sites = json_array();
	for (int i = 0; i < st->nsites; i++)
		json_array_append_new(sites, site_json(&st->sites[i], &fc));
	json_object_set_new(doc, "sites", sites);
	json_object_set_new(doc, "unpublishedCount", json_integer(st->unpublished));
	json_object_set_new(doc, "findings", fc.arr);
	report_set_outcome(doc, fc.n[LR_SEV_ERROR], fc.n[LR_SEV_WARNING], fc.n[LR_SEV_NOTICE], 0);
	return doc;
}

static void site_text(FILE *f, const struct lr_stg_site *s)
{
	char head[1024];
	snprintf(head, sizeof head, "%s (%s staging)", s->name, lr_stg_kind_name(s->kind));
	report_heading(f, head);
	fprintf(f, "  live group %lld %s", (long long)s->live_group_id, s->friendly_url);
	if (s->staging_group_id)
		fprintf(f, ", staging group %lld", (long long)s->staging_group_id);
	if (s->kind == LR_STG_REMOTE)
		fprintf(f, ", remote %s:%d%s group %lld", s->remote_address ? s->remote_address : "?",
			s->remote_port, s->remote_path_context ? s->remote_path_context : "",
			(long long)s->remote_group_id);
	if (s->kind == LR_STG_REMOTE_LIVE)
		fprintf(f, ", remoteStagingGroupCount %d", s->remote_staging_count);
	fputc('\n', f);
	if (s->kind == LR_STG_REMOTE_LIVE) {
		return;
	}
	char a[48], b[48];
	fmt_publish(a, sizeof a, s->last_publish[0]);
	fmt_publish(b, sizeof b, s->last_publish[1]);
	fprintf(f, "  last publish: public pages %s, private pages %s\n", a, b);
	fprintf(f, "  staged portlets: %d\n", s->nportlets);
	if (s->nch) {
		fprintf(f, "  %d unpublished change(s):\n", s->nch);
		static const char *const hdr[] = { "type", "title", "who", "when", "why" };
		struct text_table *t = text_table_new(5, hdr);
		for (int i = 0; i < s->nch; i++) {
			const struct lr_stg_change *c = &s->ch[i];
			const char *cells[5] = { c->deleted ? "deleted" : c->type, c->title, c->who, c->when,
						 c->why };
			text_table_row(t, cells);
		}
		text_table_print(t, f, "    ");
		text_table_free(t);
	} else {
		fprintf(f, "  nothing unpublished\n");
	}
	for (int i = 0; i < s->ntasks; i++) {
		const struct lr_stg_task *k = &s->tasks[i];
		fprintf(f, "  publication %lld %s: %s by %s, started %s%s%s\n", (long long)k->id,
			task_status(k->status), k->name, k->who, k->created,
			k->message[0] ? ": " : "", k->message);
	}
}

static int write_script(const char *path, const struct lr_staging *st, const struct lr_version *v,
			struct lr_err *err)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return lr_fail(err, LR_EXIT_INPUT, "cannot write %s: %s", path, strerror(errno));
	int rc = lr_staging_write_groovy(f, st, v, err);
	if (fclose(f) != 0 && rc == 0)
		rc = lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", path, strerror(errno));
	return rc;
}

int cmd_staging(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "json", no_argument, NULL, 'J' },
		{ "html", required_argument, NULL, 'H' },
		{ "script", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct lr_err err = LR_ERR_INIT;
	struct target_opts to = { .readonly = 1 };
	const char *script = NULL, *html = NULL;
	int json = 0, c;
	struct cli cl;
	cli_init(&cl, "staging", argc, argv, "h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'L': to.liferay_home = optarg; break;
		case 'J': json = 1; break;
		case 'H': html = optarg; break;
		case 's': script = optarg; break;
		case 'h': usage(stdout); return 0;
		}
	}
	if (err.code || cli_target(&cl, &to) < 0)
		return lr_err_print(&err);
	struct db *db = NULL;
	struct lr_version v;
	struct lr_staging st;
	memset(&v, 0, sizeof v);
	if (target_open_detect(&to, &db, &v, &err) < 0)
		return lr_err_print(&err);
	if (lr_staging_analyze(db, &v, &st, &err) < 0) {
		db_close(db);
		return lr_err_print(&err);
	}
	db_close(db);

	json_t *doc = staging_doc(&v, &st);
	int rc = (int)json_integer_value(json_object_get(doc, "exitCode"));

	if (html && report_write_html(html, doc, &err) < 0) {
		rc = lr_err_print(&err);
	} else if (script && write_script(script, &st, &v, &err) < 0) {
		rc = lr_err_print(&err);
	} else if (json) {
		if (report_print_json(stdout, doc, &err) < 0)
			rc = lr_err_print(&err);
	} else {
		fprintf(stdout, "Liferay %s: %d staged site(s)\n", v.label, st.nsites);
		for (int i = 0; i < st.nsites; i++)
			site_text(stdout, &st.sites[i]);
		report_heading(stdout, "Findings");
		const json_t *fs = json_object_get(doc, "findings"), *f;
		size_t i;
		if (!json_array_size(fs))
			fputs("  none\n", stdout);
		json_array_foreach(fs, i, f)
			fprintf(stdout, "  %-7s %s  %s\n", json_string_value(json_object_get(f, "severity")),
				json_string_value(json_object_get(f, "id")),
				json_string_value(json_object_get(f, "message")));
		fprintf(stdout, "\n%lld unpublished change(s) in %d staged site(s); %lld publication(s) "
			"in progress, %lld failed\n", (long long)st.unpublished, st.nsites,
			(long long)st.tasks_pending, (long long)st.tasks_failed);
		if (script)
			fprintf(stdout, "publish script written to %s (starts in dry-run mode)\n", script);
	}
	json_decref(doc);
	lr_staging_free(&st);
	return rc;
}
