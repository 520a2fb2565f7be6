/* HTML report sections for the plan (what pruning frees, before and after),
 * apps, staging and the findings of every command. */
#include "html_int.h"
#include "report.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct kind_sum {
	const char *kind;
	long long objects, rows, bytes;
};

static long long table_rows_before(const json_t *inspect, const char *name, long long *bytes)
{
	size_t i;
	const json_t *t;
	json_array_foreach(json_object_get(inspect, "tables"), i, t)
		if (!strcasecmp(hj_str(t, "name"), name)) {
			*bytes = json_is_integer(json_object_get(t, "bytes")) ? hj_int(t, "bytes") : -1;
			return hj_int(t, "rows");
		}
	*bytes = -1;
	return -1;
}

struct tbl_freed {
	const char *name;
	long long freed, before;
};

static int by_freed(const void *a, const void *b)
{
	const struct tbl_freed *x = a, *y = b;
	return x->freed < y->freed ? 1 : x->freed > y->freed ? -1 : strcmp(x->name, y->name);
}

void html_sec_plan(struct strbuf *sb, const json_t *plan, const json_t *inspect)
{
	if (!plan)
		return;
	const json_t *objs = json_object_get(plan, "objects");
	const json_t *totals = json_object_get(plan, "totals");
	html_h2(sb, "plan", "What the plan frees");
	strbuf_addf(sb, "<p><span id=\"plan-objects\">%zu</span> removable objects, ", json_array_size(objs));
	html_bytes(sb, hj_int(totals, "bytes"));
	strbuf_addstr(sb, json_is_false(json_object_get(totals, "bytesComplete")) ? " (at least)" : "");
	if (inspect && json_is_integer(json_object_get(inspect, "totalBytes"))) {
		long long before = hj_int(inspect, "totalBytes");
		long long after = before - hj_int(totals, "bytes");
		strbuf_addstr(sb, " of ");
		html_bytes(sb, before);
		strbuf_addstr(sb, ": the database goes from ");
		html_bytes(sb, before);
		strbuf_addstr(sb, " to about ");
		html_bytes(sb, after < 0 ? 0 : after);
	}
	strbuf_addstr(sb, ". Estimates; <code>lrprep prune</code> removes exactly these objects.</p>\n");

	/* per kind, in order of first appearance */
	struct kind_sum *ks = NULL;
	size_t nk = 0, kcap = 0, i;
	const json_t *o;
	json_array_foreach(objs, i, o) {
		const char *kind = hj_str(o, "kind");
		size_t k = 0;
		while (k < nk && strcmp(ks[k].kind, kind))
			k++;
		if (k == nk) {
			XGROW(ks, kcap, nk + 1);
			ks[nk++] = (struct kind_sum){ kind, 0, 0, 0 };
		}
		ks[k].objects++;
		ks[k].bytes += hj_int(o, "bytes");
		const char *t;
		json_t *r;
		json_object_foreach(json_object_get(o, "rows"), t, r)
			ks[k].rows += (long long)json_integer_value(r);
	}
	if (nk) {
		struct html_bar *bars = xcalloc(nk, sizeof *bars);
		char (*txt)[32] = xcalloc(nk, sizeof *txt);
		for (size_t k = 0; k < nk; k++) {
			bars[k].label = ks[k].kind;
			bars[k].value = (double)ks[k].bytes;
			report_human_bytes(ks[k].bytes, txt[k], sizeof txt[k]);
			bars[k].text = txt[k];
			bars[k].value2 = -1;
		}
		svg_hbars(sb, "Bytes freed per kind of object", bars, (int)nk, NULL, NULL);
		free(bars);
		free(txt);
		static const char *const head[] = { "kind", "objects", "rows freed", "bytes freed", NULL };
		html_table_open(sb, "plan-kinds", head, "-nnn");
		for (size_t k = 0; k < nk; k++) {
			strbuf_addstr(sb, "<tr>");
			html_td(sb, ks[k].kind);
			html_td_num(sb, ks[k].objects);
			html_td_num(sb, ks[k].rows);
			html_td_bytes(sb, ks[k].bytes);
			strbuf_addstr(sb, "</tr>\n");
		}
		html_table_close(sb);
	}
	free(ks);

	/* before and after, per table the plan touches */
	const json_t *rows = json_object_get(totals, "rows");
	size_t nt = json_object_size(rows), n = 0;
	if (nt) {
		struct tbl_freed *tf = xcalloc(nt, sizeof *tf);
		const char *t;
		json_t *r;
		json_object_foreach((json_t *)rows, t, r) {
			long long b;
			tf[n].name = t;
			tf[n].freed = (long long)json_integer_value(r);
			tf[n].before = inspect ? table_rows_before(inspect, t, &b) : -1;
			n++;
		}
		qsort(tf, n, sizeof *tf, by_freed);
		size_t nb = n < 15 ? n : 15;
		struct html_bar *bars = xcalloc(nb, sizeof *bars);
		char (*txt)[64] = xcalloc(nb, sizeof *txt);
		for (size_t k = 0; k < nb; k++) {
			long long before = tf[k].before >= 0 ? tf[k].before : tf[k].freed;
			bars[k].label = tf[k].name;
			bars[k].value = (double)before;
			bars[k].value2 = (double)(before - tf[k].freed);
			snprintf(txt[k], sizeof txt[k], "%lld \u2192 %lld rows", before, before - tf[k].freed);
			bars[k].text = txt[k];
		}
		svg_hbars(sb, "Rows before and after pruning, per table", bars, (int)nb, "before", "after");
		free(bars);
		free(txt);
		static const char *const head[] = { "table", "rows before", "rows freed", "rows after", NULL };
		html_table_open(sb, "plan-tables filterable", head, "-nnn");
		for (size_t k = 0; k < n; k++) {
			strbuf_addstr(sb, "<tr>");
			html_td(sb, tf[k].name);
			if (tf[k].before >= 0) {
				html_td_num(sb, tf[k].before);
				html_td_num(sb, tf[k].freed);
				html_td_num(sb, tf[k].before - tf[k].freed);
			} else {
				html_td(sb, "?");
				html_td_num(sb, tf[k].freed);
				html_td(sb, "?");
			}
			strbuf_addstr(sb, "</tr>\n");
		}
		html_table_close(sb);
		free(tf);
	}

	/* the objects themselves, folded: plans run to thousands of rows */
	if (json_array_size(objs)) {
		strbuf_addf(sb, "<details><summary>The %zu objects</summary>", json_array_size(objs));
		static const char *const head[] = { "kind", "rule", "identity", "rows", "bytes", NULL };
		html_table_open(sb, "plan-objects filterable", head, "---nn");
		json_array_foreach(objs, i, o) {
			if (i >= 2000) {
				strbuf_addf(sb, "<tr><td colspan=\"5\">\u2026 and %zu more (see lrprep plan)</td></tr>",
					    json_array_size(objs) - i);
				break;
			}
			long long nrows = 0;
			const char *t;
			json_t *r;
			json_object_foreach(json_object_get(o, "rows"), t, r)
				nrows += (long long)json_integer_value(r);
			strbuf_addstr(sb, "<tr>");
			html_td(sb, hj_str(o, "kind"));
			html_td(sb, hj_str(o, "rule"));
			html_td_json(sb, json_object_get(o, "identity"));
			html_td_num(sb, nrows);
			html_td_bytes(sb, hj_int(o, "bytes"));
			strbuf_addstr(sb, "</tr>\n");
		}
		html_table_close(sb);
		strbuf_addstr(sb, "</details>");
	}
	size_t nf = json_array_size(json_object_get(plan, "failures"));
	if (nf)
		strbuf_addf(sb, "<p class=\"v-warning\">%zu rule(s) could not run; see the findings.</p>", nf);
	strbuf_addstr(sb, "</section>\n");
}

static void tr_sev(struct strbuf *sb, const char *sev)
{
	strbuf_addstr(sb, "<tr class=\"");
	html_esc(sb, sev);
	strbuf_addstr(sb, "\">");
}

void html_sec_apps(struct strbuf *sb, const json_t *apps)
{
	if (!apps)
		return;
	const json_t *rel = json_object_get(apps, "releases");
	html_h2(sb, "apps", "Portal, modules and Marketplace apps (Release_)");
	strbuf_addf(sb, "<p><span id=\"release-rows\">%zu</span> Release_ rows.</p>", json_array_size(rel));
	static const char *const head[] = { "servletContextName", "kind", "build", "schema", "verified",
					    "state_", "app", "latest known", "status", NULL };
	html_table_open(sb, "apps filterable", head, "--nn-n---");
	size_t i;
	const json_t *r;
	json_array_foreach(rel, i, r) {
		const json_t *app = json_object_get(r, "app");
		tr_sev(sb, hj_str(r, "severity"));
		html_td(sb, hj_str(r, "name"));
		html_td(sb, hj_str(r, "kind"));
		html_td_num(sb, hj_int(r, "buildNumber"));
		html_td_json(sb, json_object_get(r, "schemaVersion"));
		html_td_json(sb, json_object_get(r, "verified"));
		html_td_num(sb, hj_int(r, "state"));
		html_td_json(sb, json_object_get(app, "name"));
		html_td_json(sb, json_object_get(app, "latestKnown"));
		html_td(sb, hj_str(r, "status"));
		strbuf_addstr(sb, "</tr>\n");
	}
	html_table_close(sb);
	const json_t *gogo = json_object_get(apps, "gogoCommands");
	if (json_array_size(gogo)) {
		strbuf_addstr(sb, "<p>Gogo shell (<code>telnet localhost 11311</code>), after fixing the cause "
				  "in the log:</p><pre>upgrade:check\n");
		const json_t *g;
		json_array_foreach(gogo, i, g) {
			html_esc(sb, json_string_value(g));
			strbuf_addch(sb, '\n');
		}
		strbuf_addstr(sb, "</pre>");
	}
	strbuf_addstr(sb, "</section>\n");
}

static void publish_date(struct strbuf *sb, const json_t *ms)
{
	if (!json_is_integer(ms)) {
		html_td(sb, "never");
		return;
	}
	time_t t = (time_t)(json_integer_value(ms) / 1000);
	struct tm tm;
	char buf[40];
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
	html_td(sb, buf);
}

void html_sec_staging(struct strbuf *sb, const json_t *st)
{
	if (!st)
		return;
	const json_t *sites = json_object_get(st, "sites");
	html_h2(sb, "staging", "Staging");
	strbuf_addf(sb, "<p><span id=\"staged-sites\">%zu</span> staged site(s), "
		    "<span id=\"unpublished\">%lld</span> unpublished change(s).</p>",
		    json_array_size(sites), hj_int(st, "unpublishedCount"));
	if (!json_array_size(sites)) {
		strbuf_addstr(sb, "</section>\n");
		return;
	}
	static const char *const head[] = { "site", "staging", "friendly URL", "last publish (public)",
					    "last publish (private)", "unpublished", "publications", NULL };
	html_table_open(sb, "staging-sites", head, "-----nn");
	size_t i, k;
	const json_t *s, *c;
	json_array_foreach(sites, i, s) {
		strbuf_addstr(sb, "<tr>");
		html_td(sb, hj_str(s, "name"));
		html_td(sb, hj_str(s, "kind"));
		html_td(sb, hj_str(s, "friendlyURL"));
		publish_date(sb, json_object_get(json_object_get(s, "lastPublishDate"), "public"));
		publish_date(sb, json_object_get(json_object_get(s, "lastPublishDate"), "private"));
		html_td_num(sb, (long long)json_array_size(json_object_get(s, "changes")));
		html_td_num(sb, (long long)json_array_size(json_object_get(s, "publications")));
		strbuf_addstr(sb, "</tr>\n");
	}
	html_table_close(sb);
	static const char *const ch[] = { "site", "type", "title", "who", "when", "why", NULL };
	html_table_open(sb, "staging-changes filterable", ch, "------");
	json_array_foreach(sites, i, s) {
		json_array_foreach(json_object_get(s, "changes"), k, c) {
			strbuf_addstr(sb, "<tr>");
			html_td(sb, hj_str(s, "name"));
			html_td(sb, json_is_true(json_object_get(c, "deleted")) ? "deleted" : hj_str(c, "type"));
			html_td(sb, hj_str(c, "title"));
			html_td(sb, hj_str(c, "who"));
			html_td(sb, hj_str(c, "when"));
			html_td(sb, hj_str(c, "why"));
			strbuf_addstr(sb, "</tr>\n");
		}
	}
	html_table_close(sb);
	strbuf_addstr(sb, "</section>\n");
}

/* Remediation of apps and staging findings (inspect's checks carry their own):
 * the first entry whose id prefix matches. */
static const struct {
	const char *prefix;
	const char *remediation;
} remedies[] = {
	{ "apps.release.upgrade-failed", "Find the cause in the portal log, fix it, then run upgrade:execute "
	  "for the module in the Gogo shell (7.x) or redeploy the plugin (6.2); the upgrade refuses failed rows." },
	{ "apps.release.verify-failed", "Fix the cause in the log and run verify:execute for the module." },
	{ "apps.release.", "Bring the module's Release_ row to a completed, verified state before the upgrade "
	  "(Gogo shell upgrade:execute / verify:execute on 7.x)." },
	{ "apps.marketplace.", "Install the latest release of the Marketplace app for this Liferay version "
	  "before the upgrade; the 7.x bundle it becomes upgrades from there." },
	{ "apps.", "See `lrprep apps` for the row and the Gogo commands." },
	{ "staging.unpublished.", "Publish the staged site (or discard the changes) before the upgrade: "
	  "unpublished work forces a full publish afterwards. `lrprep staging --script` writes a publish script." },
	{ "staging.deleted", "Publish the site so the deletions reach live, before the upgrade." },
	{ "staging.publication.", "Let the publication finish, or clear the failed background task, then publish again." },
	{ "staging.remote-live", "Run lrprep staging against the remote staging server and publish from there." },
	{ "staging.no-staging-group", "Turn staging off and on again in Site Settings, or set staged=false." },
	{ "staging.enabled", "Disable staging before the upgrade and enable it again afterwards." },
};

static const char *remedy(const json_t *f)
{
	const char *r = json_string_value(json_object_get(f, "remediation"));
	if (r)
		return r;
	const char *id = hj_str(f, "id");
	for (size_t i = 0; i < sizeof remedies / sizeof remedies[0]; i++)
		if (!strncmp(id, remedies[i].prefix, strlen(remedies[i].prefix)))
			return remedies[i].remediation;
	return "";
}

/* Remediations quote commands in `backticks` (markdown): those become <code>;
 * the text itself is escaped like everything else. */
static void esc_backticks(struct strbuf *sb, const char *s)
{
	int open = 0;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "`");
		char *part = strndup(p, n);
		html_esc(sb, part);
		free(part);
		p += n;
		if (*p == '`') {
			/* only pair up when a closing backtick follows */
			if (open || strchr(p + 1, '`')) {
				strbuf_addstr(sb, open ? "</code>" : "<code>");
				open = !open;
			} else {
				strbuf_addch(sb, '`');
			}
			p++;
		}
	}
	if (open)
		strbuf_addstr(sb, "</code>");
}

static int sev_rank(const char *s)
{
	return !strcmp(s, "error") ? 0 : !strcmp(s, "warning") ? 1 : 2;
}

static void finding_rows(struct strbuf *sb, const json_t *doc, const char *source, int want)
{
	size_t i, k;
	const json_t *f, *s;
	json_array_foreach(json_object_get(doc, "findings"), i, f) {
		const char *sev = hj_str(f, "severity");
		if (sev_rank(sev) != want)
			continue;
		tr_sev(sb, sev);
		strbuf_addf(sb, "<td data-v=\"%d\"><span class=\"sev ", want);
		html_esc(sb, sev);
		strbuf_addstr(sb, "\">");
		html_esc(sb, sev);
		strbuf_addstr(sb, "</span></td>");
		html_td(sb, source);
		strbuf_addstr(sb, "<td><code>");
		html_esc(sb, hj_str(f, "id"));
		strbuf_addstr(sb, "</code></td><td>");
		html_esc(sb, json_object_get(f, "title") ? hj_str(f, "title") : hj_str(f, "message"));
		const json_t *samples = json_object_get(f, "samples");
		if (json_array_size(samples)) {
			strbuf_addstr(sb, "<ul class=\"samples\">");
			json_array_foreach(samples, k, s) {
				strbuf_addstr(sb, "<li>");
				html_esc_json(sb, s);
				strbuf_addstr(sb, "</li>");
			}
			strbuf_addstr(sb, "</ul>");
		}
		strbuf_addstr(sb, "</td>");
		html_td_num(sb, json_object_get(f, "count") ? hj_int(f, "count") : 1);
		strbuf_addstr(sb, "<td>");
		esc_backticks(sb, remedy(f));
		strbuf_addstr(sb, "</td></tr>\n");
	}
}

void html_sec_findings(struct strbuf *sb, const struct html_docs *d)
{
	html_h2(sb, "findings", "Findings and what to do");
	static const char *const head[] = { "severity", "from", "check", "finding", "count", "remediation", NULL };
	html_table_open(sb, "findings filterable", head, "----n-");
	const json_t *docs[3] = { d->inspect, d->apps, d->staging };
	const char *names[3] = { "inspect", "apps", "staging" };
	for (int sev = 0; sev < 3; sev++)
		for (int i = 0; i < 3; i++)
			finding_rows(sb, docs[i], names[i], sev);
	if (d->plan) {
		size_t i;
		const json_t *f;
		json_array_foreach(json_object_get(d->plan, "failures"), i, f) {
			json_t *one = json_pack("{s:[O]}", "findings", f);
			finding_rows(sb, one, "plan", sev_rank(hj_str(f, "severity")));
			json_decref(one);
		}
	}
	html_table_close(sb);
	strbuf_addstr(sb, "</section>\n");
}
