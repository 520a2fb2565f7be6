/* The HTML report page: skeleton, style, escaping, and the inspect sections
 * (verdict, biggest tables, sites, versions). html_sections.c renders the
 * plan, apps, staging and findings; html_svg.c draws the charts. */
#include "html.h"
#include "html_int.h"
#include "report.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

void html_esc(struct strbuf *sb, const char *s)
{
	if (!s)
		return;
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&#39;"); break;
		default:
			/* control characters would make the XML of inline SVG invalid */
			if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
				strbuf_addch(sb, ' ');
			else
				strbuf_addch(sb, *p);
		}
	}
}

void html_esc_json(struct strbuf *sb, const json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING: html_esc(sb, json_string_value(v)); break;
	case JSON_INTEGER: strbuf_addf(sb, "%lld", (long long)json_integer_value(v)); break;
	case JSON_REAL:
		strbuf_add_double(sb, json_real_value(v));
		break;
	case JSON_TRUE: strbuf_addstr(sb, "yes"); break;
	case JSON_FALSE: strbuf_addstr(sb, "no"); break;
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		int first = 1;
		json_object_foreach((json_t *)v, k, x) {
			strbuf_addstr(sb, first ? "" : ", ");
			first = 0;
			html_esc(sb, k);
			strbuf_addch(sb, '=');
			html_esc_json(sb, x);
		}
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			strbuf_addstr(sb, i ? ", " : "");
			html_esc_json(sb, x);
		}
		break;
	}
	default: strbuf_addstr(sb, "\u2013"); break;
	}
}

long long hj_int(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

const char *hj_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

void html_bytes(struct strbuf *sb, long long n)
{
	char buf[32];
	report_human_bytes(n, buf, sizeof buf);
	strbuf_addstr(sb, buf);
}

/* ---- sortable tables ---- */
void html_table_open(struct strbuf *sb, const char *cls, const char *const *head, const char *numeric)
{
	strbuf_addf(sb, "<div class=\"tw\"><table class=\"sortable %s\"><thead><tr>", cls ? cls : "");
	for (int i = 0; head[i]; i++) {
		strbuf_addstr(sb, numeric && numeric[i] == 'n' ? "<th class=\"n\">" : "<th>");
		html_esc(sb, head[i]);
		strbuf_addstr(sb, "</th>");
	}
	strbuf_addstr(sb, "</tr></thead><tbody>\n");
}

void html_table_close(struct strbuf *sb)
{
	strbuf_addstr(sb, "</tbody></table></div>\n");
}

void html_td(struct strbuf *sb, const char *text)
{
	strbuf_addstr(sb, "<td>");
	html_esc(sb, text);
	strbuf_addstr(sb, "</td>");
}

void html_td_num(struct strbuf *sb, long long n)
{
	strbuf_addf(sb, "<td class=\"n\" data-v=\"%lld\">%lld</td>", n, n);
}

void html_td_bytes(struct strbuf *sb, long long n)
{
	strbuf_addf(sb, "<td class=\"n\" data-v=\"%lld\">", n);
	if (n < 0)
		strbuf_addstr(sb, "\u2013");
	else
		html_bytes(sb, n);
	strbuf_addstr(sb, "</td>");
}

void html_td_json(struct strbuf *sb, const json_t *v)
{
	if (json_is_integer(v))
		html_td_num(sb, (long long)json_integer_value(v));
	else {
		strbuf_addstr(sb, "<td>");
		html_esc_json(sb, v);
		strbuf_addstr(sb, "</td>");
	}
}

void html_h2(struct strbuf *sb, const char *id, const char *title)
{
	strbuf_addf(sb, "<section id=\"%s\"><h2>", id);
	html_esc(sb, title);
	strbuf_addstr(sb, "</h2>\n");
}

/* ---- inspect sections ---- */
static void sec_summary(struct strbuf *sb, const struct html_docs *d)
{
	const json_t *in = d->inspect;
	long long e = 0, w = 0, n = 0;
	const json_t *docs[3] = { d->inspect, d->apps, d->staging };
	for (int i = 0; i < 3; i++) {
		e += hj_int(docs[i], "errorCount");
		w += hj_int(docs[i], "warningCount");
		n += hj_int(docs[i], "noticeCount");
	}
	const char *verdict = e ? "not ready" : w ? "ready with warnings" : "ready";
	const char *vcls = e ? "v-error" : w ? "v-warning" : "v-ok";
	strbuf_addstr(sb, "<section id=\"summary\" class=\"summary\">");
	svg_severity(sb, e, w, n);
	strbuf_addf(sb, "<div><p class=\"verdict %s\" id=\"verdict\">", vcls);
	html_esc(sb, verdict);
	strbuf_addf(sb, "</p><p class=\"counts\"><span class=\"sev error\" id=\"count-error\">%lld error%s</span> "
		    "<span class=\"sev warning\" id=\"count-warning\">%lld warning%s</span> "
		    "<span class=\"sev notice\" id=\"count-notice\">%lld notice%s</span></p>",
		    e, e == 1 ? "" : "s", w, w == 1 ? "" : "s", n, n == 1 ? "" : "s");
	if (in) {
		const json_t *lf = json_object_get(in, "liferay");
		const json_t *db = json_object_get(in, "database");
		strbuf_addstr(sb, "<dl class=\"facts\"><dt>Liferay</dt><dd>");
		html_esc(sb, hj_str(lf, "label"));
		strbuf_addf(sb, " (build %lld)</dd><dt>Upgrade path</dt><dd>", hj_int(lf, "buildNumber"));
		html_esc(sb, hj_str(lf, "upgradePath"));
		strbuf_addstr(sb, "</dd><dt>Database</dt><dd>");
		html_esc(sb, hj_str(db, "engine"));
		strbuf_addch(sb, ' ');
		html_esc(sb, hj_str(db, "serverVersion"));
		strbuf_addstr(sb, " \u2014 ");
		html_esc(sb, hj_str(db, "source"));
		strbuf_addf(sb, "</dd><dt>Size</dt><dd><span id=\"table-count\">%lld</span> tables, "
			    "<span id=\"total-rows\">%lld</span> rows", hj_int(in, "tableCount"),
			    hj_int(in, "totalRows"));
		if (json_is_integer(json_object_get(in, "totalBytes"))) {
			strbuf_addstr(sb, ", ");
			html_bytes(sb, hj_int(in, "totalBytes"));
		}
		strbuf_addstr(sb, "</dd></dl>");
	}
	strbuf_addstr(sb, "</div></section>\n");
}

static void sec_tables(struct strbuf *sb, const json_t *in)
{
	const json_t *tables = json_object_get(in, "tables");
	if (!json_array_size(tables))
		return;
	int bytes = !strcmp(hj_str(in, "shareOf"), "bytes");
	html_h2(sb, "tables", "Where the weight is");
	size_t n = json_array_size(tables) < 15 ? json_array_size(tables) : 15;
	struct html_bar *bars = xcalloc(n, sizeof *bars);
	char (*txt)[32] = xcalloc(n, sizeof *txt);
	for (size_t i = 0; i < n; i++) {
		const json_t *t = json_array_get(tables, i);
		bars[i].label = hj_str(t, "name");
		bars[i].value = (double)hj_int(t, bytes ? "bytes" : "rows");
		if (bytes)
			report_human_bytes(hj_int(t, "bytes"), txt[i], sizeof txt[i]);
		else
			snprintf(txt[i], sizeof txt[i], "%lld rows", hj_int(t, "rows"));
		bars[i].text = txt[i];
		bars[i].value2 = -1;
	}
	svg_hbars(sb, bytes ? "The biggest tables (bytes on disk)" : "The biggest tables (rows)", bars, (int)n,
		  NULL, NULL);
	free(bars);
	free(txt);
	strbuf_addf(sb, "<details><summary>All %zu tables</summary>", json_array_size(tables));
	static const char *const head[] = { "table", "rows", "bytes", "share", NULL };
	html_table_open(sb, "filterable", head, "-nnn");
	size_t i;
	const json_t *t;
	json_array_foreach(tables, i, t) {
		strbuf_addstr(sb, "<tr>");
		html_td(sb, hj_str(t, "name"));
		html_td_num(sb, hj_int(t, "rows"));
		html_td_bytes(sb, json_is_integer(json_object_get(t, "bytes")) ? hj_int(t, "bytes") : -1);
		double share = json_number_value(json_object_get(t, "share"));
		strbuf_addf(sb, "<td class=\"n\" data-v=\"%.6f\">%.1f%%</td></tr>\n", share, share * 100);
	}
	html_table_close(sb);
	strbuf_addstr(sb, "</details></section>\n");
}

static void sec_sites(struct strbuf *sb, const json_t *in)
{
	const json_t *sites = json_object_get(in, "sites");
	if (!json_array_size(sites))
		return;
	html_h2(sb, "sites", "Content and versions per site");
	/* chart: the 15 sites with most versions (web content + documents) */
	size_t ns = json_array_size(sites);
	struct html_bar *bars = xcalloc(ns, sizeof *bars);
	char (*txt)[64] = xcalloc(ns, sizeof *txt);
	int nb = 0;
	size_t i;
	const json_t *s;
	json_array_foreach(sites, i, s) {
		long long items = hj_int(s, "articles") + hj_int(s, "documents");
		long long vers = hj_int(s, "articleVersions") + hj_int(s, "documentVersions");
		if (!items && !vers)
			continue;
		bars[nb].label = hj_str(s, "name");
		bars[nb].value = (double)items;
		bars[nb].value2 = (double)vers;
		snprintf(txt[nb], sizeof txt[nb], "%lld item%s, %lld version%s", items, items == 1 ? "" : "s", vers,
			 vers == 1 ? "" : "s");
		bars[nb].text = txt[nb];
		nb++;
	}
	/* largest first; insertion sort keeps equal sites in groupId order */
	for (int a = 1; a < nb; a++) {
		struct html_bar x = bars[a];
		int b = a - 1;
		while (b >= 0 && bars[b].value2 < x.value2) {
			bars[b + 1] = bars[b];
			b--;
		}
		bars[b + 1] = x;
	}
	if (nb)
		svg_hbars(sb, "Web content and documents per site: items and versions", bars, nb < 15 ? nb : 15,
			  "items", "versions");
	free(bars);
	free(txt);
	static const char *const head[] = { "site", "type", "friendly URL", "pages", "articles",
					    "article versions", "documents", "document versions", "users",
					    "last modified", NULL };
	html_table_open(sb, "filterable", head, "---nnnnnn-");
	json_array_foreach(sites, i, s) {
		strbuf_addstr(sb, "<tr>");
		html_td(sb, hj_str(s, "name"));
		html_td(sb, hj_str(s, "type"));
		html_td(sb, hj_str(s, "friendlyURL"));
		static const char *const nums[] = { "pages", "articles", "articleVersions", "documents",
						    "documentVersions", "users" };
		for (int k = 0; k < 6; k++)
			html_td_num(sb, hj_int(s, nums[k]));
		html_td(sb, hj_str(s, "lastModified"));
		strbuf_addstr(sb, "</tr>\n");
	}
	html_table_close(sb);
	strbuf_addstr(sb, "</section>\n");
}

static void histogram(struct strbuf *sb, const json_t *pairs, const char *title, const char *what)
{
	/* bins of "versions per item": 1, 2, 3, 4, 5, 6-10, 11-20, 21-50, 51+ */
	static const char *const labels[] = { "1", "2", "3", "4", "5", "6\u201310", "11\u201320",
					      "21\u201350", "51+" };
	static const long long lo[] = { 1, 2, 3, 4, 5, 6, 11, 21, 51 };
	long long counts[9] = { 0 };
	size_t i;
	const json_t *p;
	json_array_foreach(pairs, i, p) {
		long long v = (long long)json_integer_value(json_array_get(p, 0));
		long long c = (long long)json_integer_value(json_array_get(p, 1));
		int b = 8;
		while (b > 0 && v < lo[b])
			b--;
		counts[b] += c;
	}
	char xl[64];
	snprintf(xl, sizeof xl, "versions per %s", what);
	char yl[64];
	snprintf(yl, sizeof yl, "%ss", what);
	svg_histogram(sb, title, labels, counts, 9, xl, yl);
}

static void sec_versions(struct strbuf *sb, const json_t *ver)
{
	if (!ver)
		return;
	html_h2(sb, "versions", "How many versions web content and documents have");
	histogram(sb, json_object_get(ver, "articles"), "Web content articles by number of versions", "article");
	histogram(sb, json_object_get(ver, "documents"), "Documents by number of versions", "document");
	strbuf_addstr(sb, "</section>\n");
}

static const char css[] =
	":root{--err:#b3261e;--warn:#a15c00;--note:#1a5fb4;--s1:#3b6ea8;--s2:#9cc3e6;--ok:#2e7d32}"
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1100px;"
	"padding:1em 2em;color:#1d1d1f}"
	"h1{font-size:1.6em;margin:.2em 0}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}"
	"nav a{margin-right:1em}"
	".summary{display:flex;gap:2em;align-items:center}.verdict{font-size:2em;font-weight:700;margin:0}"
	".v-error{color:var(--err)}.v-warning{color:var(--warn)}.v-ok{color:var(--ok)}"
	".sev{display:inline-block;padding:.1em .6em;border-radius:1em;color:#fff;font-weight:600}"
	".sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.notice{background:var(--note)}"
	".facts{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.6em 0}"
	".facts dt{font-weight:600}.facts dd{margin:0}"
	".d-error{fill:none;stroke:var(--err);stroke-width:18}.d-warning{fill:none;stroke:var(--warn);stroke-width:18}"
	".d-notice{fill:none;stroke:var(--note);stroke-width:18}.d-none{fill:none;stroke:var(--ok);stroke-width:18}"
	".dnum{font-size:28px;font-weight:700}"
	"figure.chart{margin:1em 0}figure.chart svg{width:100%;height:auto;max-width:900px}"
	"figcaption{color:#555;font-size:.9em}"
	"svg text{font:12px system-ui,sans-serif;fill:#1d1d1f}svg .s1{fill:var(--s1)}svg .s2{fill:var(--s2)}"
	"svg .axis{stroke:#888}svg .axl{fill:#555}svg g:hover rect{opacity:.8}"
	".tw{overflow-x:auto}table{border-collapse:collapse;margin:.6em 0;width:100%}"
	"th,td{border-bottom:1px solid #e3e3e3;padding:.25em .6em;text-align:left;vertical-align:top}"
	"th{background:#f4f4f6;cursor:pointer;user-select:none}th.n,td.n{text-align:right;white-space:nowrap}"
	"th.asc::after{content:' \\25B2'}th.desc::after{content:' \\25BC'}"
	"tr.error td:first-child{border-left:4px solid var(--err)}"
	"tr.warning td:first-child{border-left:4px solid var(--warn)}"
	"tr.notice td:first-child{border-left:4px solid var(--note)}"
	".samples{font-size:.85em;color:#444;margin:.2em 0 0 1em;padding:0}"
	".filter{margin:.4em 0;padding:.3em .5em;width:20em}"
	"code{background:#f4f4f6;padding:0 .2em;overflow-wrap:anywhere}"
	"table.findings td:nth-child(4){width:38%}table.findings td:nth-child(6){width:32%}"
	"table.findings td:nth-child(3){min-width:13em;font-size:.9em}"
	"footer{margin-top:3em;color:#777;font-size:.85em}"
	"@media print{body{max-width:none;padding:0;font-size:11px}nav,.filter{display:none}"
	"details{display:block}details>summary{list-style:none}"
	"section{break-inside:auto}figure.chart,tr{break-inside:avoid}h2{break-after:avoid}"
	"th{cursor:auto}.sev{border:1px solid #000;color:#000;background:none!important}"
	"a{color:inherit;text-decoration:none}}\n";

/* Sorting and filtering only; the page is complete without it. It reads the
 * table's own cells (textContent / data-v), so no data lives in the script. */
static const char js[] =
	"document.querySelectorAll('table.sortable').forEach(function(t){"
	"t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){"
	"var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),asc=!th.classList.contains('asc');"
	"t.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});"
	"th.classList.add(asc?'asc':'desc');var num=th.classList.contains('n');"
	"rows.sort(function(x,y){var a=x.cells[i],c=y.cells[i];if(!a||!c)return 0;"
	"var p=num?parseFloat(a.getAttribute('data-v')):a.textContent,"
	"q=num?parseFloat(c.getAttribute('data-v')):c.textContent;"
	"var r=num?p-q:String(p).localeCompare(String(q));return asc?r:-r});"
	"rows.forEach(function(r){b.appendChild(r)})})});"
	"if(t.classList.contains('filterable')){var f=document.createElement('input');"
	"f.className='filter';f.type='search';f.placeholder='filter rows';"
	"t.parentNode.parentNode.insertBefore(f,t.parentNode);"
	"f.addEventListener('input',function(){var q=f.value.toLowerCase();"
	"Array.prototype.forEach.call(t.tBodies[0].rows,function(r){"
	"r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''})})}});"
	"window.addEventListener('beforeprint',function(){document.querySelectorAll('details')"
	".forEach(function(d){d.open=true})});\n";

void html_render(struct strbuf *out, const struct html_docs *d)
{
	const char *title = d->title ? d->title : "lrprep report";
	strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
			   /* belt and braces: even a bug in the escaping cannot load or run anything foreign */
			   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			   "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
			   "<title>");
	html_esc(out, title);
	strbuf_addf(out, "</title><style>%s</style></head><body>\n<header><h1>", css);
	html_esc(out, title);
	strbuf_addstr(out, "</h1><nav>");
	static const char *const nav[][2] = { { "summary", "Summary" }, { "tables", "Tables" },
					      { "sites", "Sites" }, { "versions", "Versions" },
					      { "plan", "Plan" }, { "apps", "Apps" },
					      { "staging", "Staging" }, { "findings", "Findings" } };
	for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++)
		strbuf_addf(out, "<a href=\"#%s\">%s</a>", nav[i][0], nav[i][1]);
	strbuf_addstr(out, "</nav></header>\n<main>\n");
	sec_summary(out, d);
	if (d->inspect) {
		sec_tables(out, d->inspect);
		sec_sites(out, d->inspect);
	}
	sec_versions(out, d->versions);
	html_sec_plan(out, d->plan, d->inspect);
	html_sec_apps(out, d->apps);
	html_sec_staging(out, d->staging);
	html_sec_findings(out, d);
	strbuf_addf(out, "</main><footer>Generated by lrprep %s. This file is self-contained: it loads "
		    "nothing and works offline.</footer>\n<script>%s</script></body></html>\n", LRPREP_VERSION, js);
}

int report_write_html_docs(const char *path, const struct html_docs *d, struct lr_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	html_render(&sb, d);
	FILE *f = fopen(path, "w");
	int rc = 0;
	if (!f)
		rc = lr_fail(err, LR_EXIT_FAILED, "cannot write %s: %s", path, strerror(errno));
	else if (fwrite(sb.buf, 1, sb.len, f) != sb.len) {
		rc = lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", path, strerror(errno));
		fclose(f);
	} else if (fclose(f) != 0)
		rc = lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", path, strerror(errno));
	strbuf_release(&sb);
	return rc;
}

int report_write_html(const char *path, const json_t *doc, struct lr_err *err)
{
	struct html_docs d = { 0 };
	const char *cmd = hj_str(doc, "command");
	char title[96];
	if (json_object_get(doc, "planVersion")) {
		d.plan = doc;
		cmd = "plan";
	} else if (!strcmp(cmd, "apps")) {
		d.apps = doc;
	} else if (!strcmp(cmd, "staging")) {
		d.staging = doc;
	} else {
		/* inspect, check and anything else shaped like them (findings + counts) */
		d.inspect = doc;
	}
	snprintf(title, sizeof title, "lrprep %.60s report", *cmd ? cmd : "inspect");
	d.title = title;
	return report_write_html_docs(path, &d, err);
}
