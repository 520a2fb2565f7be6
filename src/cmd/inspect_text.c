/* Text form of the inspect report: sections with aligned tables, rendered
 * from the same JSON document --json prints. */
#include "inspect_text.h"
#include "../report/report.h"
#include "../util/strbuf.h"
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static long long num(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/* 1234567 -> "1,234,567" */
static const char *grouped(long long n, char *buf, size_t len)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lld", n < 0 ? -n : n);
	size_t l = strlen(tmp), j = 0;
	if (n < 0 && j + 1 < len)
		buf[j++] = '-';
	for (size_t i = 0; i < l && j + 2 < len; i++) {
		if (i && (l - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = tmp[i];
	}
	buf[j] = '\0';
	return buf;
}

static void print_summary(FILE *f, const json_t *doc)
{
	const json_t *d = json_object_get(doc, "database");
	const json_t *lf = json_object_get(doc, "liferay");
	char b1[32], b2[32], sz[32];
	fprintf(f, "lrprep inspect: %s\n", str(d, "source"));
	report_heading(f, "Database");
	fprintf(f, "  engine        %s%s%s%s\n", str(d, "engine"), *str(d, "serverVersion") ? " (" : "",
		str(d, "serverVersion"), *str(d, "serverVersion") ? ")" : "");
	fprintf(f, "  Liferay       %s (build %lld", str(lf, "label"), num(lf, "buildNumber"));
	if (json_is_string(json_object_get(lf, "schemaVersion")))
		fprintf(f, ", schema %s", str(lf, "schemaVersion"));
	if (json_is_string(json_object_get(lf, "buildDate")))
		fprintf(f, ", built %.10s", str(lf, "buildDate"));
	fprintf(f, ")\n");
	long long state = num(lf, "state");
	fprintf(f, "  portal row    %s, %s\n",
		state == 0 ? "state good" : state == 1 ? "state 1: an upgrade failed" :
		state == 2 ? "state 2: a verify failed" : "state unknown",
		json_is_true(json_object_get(lf, "verified")) ? "verified" : "not verified");
	fprintf(f, "  upgrade path  %s\n", str(lf, "upgradePath"));
	const json_t *tb = json_object_get(doc, "totalBytes");
	if (json_is_integer(tb))
		report_human_bytes((long long)json_integer_value(tb), sz, sizeof sz);
	fprintf(f, "  tables        %s tables, %s rows%s%s\n", grouped(num(doc, "tableCount"), b1, sizeof b1),
		grouped(num(doc, "totalRows"), b2, sizeof b2), json_is_integer(tb) ? ", " : "",
		json_is_integer(tb) ? sz : "");
}

static void print_tables(FILE *f, const json_t *doc, int top)
{
	const json_t *tables = json_object_get(doc, "tables");
	size_t n = json_array_size(tables);
	size_t shown = top > 0 && (size_t)top < n ? (size_t)top : n;
	char title[128];
	if (shown < n)
		snprintf(title, sizeof title, "Tables (largest %zu of %zu; --top 0 for all)", shown, n);
	else
		snprintf(title, sizeof title, "Tables (%zu, largest first)", n);
	report_heading(f, title);
	static const char *const h[] = { "table", "rows", "size", "share" };
	struct text_table *t = text_table_new(4, h);
	for (int c = 1; c < 4; c++)
		text_table_right(t, c);
	for (size_t i = 0; i < shown; i++) {
		const json_t *x = json_array_get(tables, i);
		char rows[32], size[32] = "-";
		const json_t *b = json_object_get(x, "bytes");
		if (json_is_integer(b))
			report_human_bytes((long long)json_integer_value(b), size, sizeof size);
		text_table_rowf(t, "%s\t%s\t%s\t%.1f%%", str(x, "name"), grouped(num(x, "rows"), rows, sizeof rows),
				size, 100.0 * json_real_value(json_object_get(x, "share")));
	}
	text_table_print(t, f, "  ");
	text_table_free(t);
	fprintf(f, "  (share of %s)\n", str(doc, "shareOf"));
}

static void print_companies(FILE *f, const json_t *doc)
{
	const json_t *cs = json_object_get(doc, "companies");
	report_heading(f, "Companies");
	static const char *const h[] = { "companyId", "webId", "name", "groups", "users" };
	struct text_table *t = text_table_new(5, h);
	text_table_right(t, 0);
	text_table_right(t, 3);
	text_table_right(t, 4);
	size_t i;
	const json_t *c;
	json_array_foreach(cs, i, c) {
		text_table_rowf(t, "%lld\t%s\t%s\t%lld\t%lld", num(c, "companyId"), str(c, "webId"), str(c, "name"),
				num(c, "groups"), num(c, "users"));
	}
	text_table_print(t, f, "  ");
	text_table_free(t);
}

static void print_sites(FILE *f, const json_t *doc)
{
	const json_t *ss = json_object_get(doc, "sites");
	char title[96];
	long long hidden = num(doc, "groupsNotListed");
	snprintf(title, sizeof title, "Sites (%zu; %lld other group%s without a site or content not listed)",
		 json_array_size(ss), hidden, hidden == 1 ? "" : "s");
	report_heading(f, title);
	static const char *const h[] = { "groupId", "name", "friendly URL", "type", "pages", "articles",
					 "versions", "documents", "versions", "users", "last modified" };
	struct text_table *t = text_table_new(11, h);
	text_table_right(t, 0);
	for (int c = 4; c < 10; c++)
		text_table_right(t, c);
	size_t i;
	const json_t *s;
	json_array_foreach(ss, i, s) {
		const char *lm = str(s, "lastModified");
		text_table_rowf(t, "%lld\t%s\t%s\t%s%s\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%.19s", num(s, "groupId"),
				str(s, "name"), str(s, "friendlyURL"), str(s, "type"),
				json_is_false(json_object_get(s, "active")) ? " (inactive)" : "", num(s, "pages"),
				num(s, "articles"), num(s, "articleVersions"), num(s, "documents"),
				num(s, "documentVersions"), num(s, "users"), *lm ? lm : "-");
	}
	text_table_print(t, f, "  ");
	text_table_free(t);
}

static void print_names(FILE *f, const char *what, const json_t *arr, int max)
{
	size_t n = json_array_size(arr);
	if (!n)
		return;
	fprintf(f, "  %s: ", what);
	for (size_t i = 0; i < n && (int)i < max; i++) {
		const json_t *x = json_array_get(arr, i);
		const char *name = json_is_object(x) ? str(x, "servletContextName") : json_string_value(x);
		fprintf(f, "%s%s", i ? ", " : "", name ? name : "(null)");
	}
	if (n > (size_t)max)
		fprintf(f, ", ... (%zu more)", n - (size_t)max);
	fputc('\n', f);
}

static void print_release(FILE *f, const json_t *doc)
{
	const json_t *r = json_object_get(doc, "release");
	report_heading(f, "Release_");
	fprintf(f, "  %lld rows: %lld failed (state_ <> 0), %lld not verified\n", num(r, "rows"), num(r, "failed"),
		num(r, "unverified"));
	print_names(f, "failed", json_object_get(r, "failedRows"), 10);
	print_names(f, "not verified", json_object_get(r, "unverifiedRows"), 10);
}

static void sample_text(const json_t *s, struct strbuf *sb)
{
	if (!json_is_object(s)) {
		char *d = json_dumps(s, JSON_ENCODE_ANY | JSON_COMPACT);
		strbuf_addstr(sb, d ? d : "");
		free(d);
		return;
	}
	const char *k;
	const json_t *v;
	int first = 1;
	json_object_foreach((json_t *)s, k, v) {
		strbuf_addf(sb, "%s%s=", first ? "" : ", ", k);
		first = 0;
		if (json_is_string(v)) {
			strbuf_addstr(sb, json_string_value(v));
		} else if (json_is_real(v)) {
			strbuf_add_double(sb, json_real_value(v)); /* version=1.1, not 1.1000000000000001 */
		} else {
			char *d = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
			strbuf_addstr(sb, d ? d : "");
			free(d);
		}
	}
}

static void print_finding(FILE *f, const json_t *x, int max_samples)
{
	fprintf(f, "  %-7s %s (%lld): %s\n", str(x, "severity"), str(x, "id"), num(x, "count"), str(x, "title"));
	const json_t *samples = json_object_get(x, "samples");
	for (size_t j = 0; j < json_array_size(samples) && (int)j < max_samples; j++) {
		struct strbuf sb = STRBUF_INIT;
		sample_text(json_array_get(samples, j), &sb);
		fprintf(f, "            - %s\n", strbuf_str(&sb));
		strbuf_release(&sb);
	}
	if (*str(x, "remediation"))
		fprintf(f, "            fix: %s\n", str(x, "remediation"));
}

static void print_findings(FILE *f, const json_t *doc, int max_samples)
{
	const json_t *fs = json_object_get(doc, "findings");
	char title[96];
	snprintf(title, sizeof title, "Findings (errors %lld, warnings %lld, notices %lld)", num(doc, "errorCount"),
		 num(doc, "warningCount"), num(doc, "noticeCount"));
	report_heading(f, title);
	if (!json_array_size(fs)) {
		fprintf(f, "  none\n");
		return;
	}
	/* errors first, then warnings, notices, anything else; registry order within each */
	static const char *const order[] = { "error", "warning", "notice", NULL };
	for (int o = 0; o < 4; o++) {
		size_t i;
		const json_t *x;
		json_array_foreach(fs, i, x) {
			const char *sev = str(x, "severity");
			int rank = 3;
			for (int k = 0; k < 3; k++)
				if (!strcmp(sev, order[k]))
					rank = k;
			if (rank == o)
				print_finding(f, x, max_samples);
		}
	}
}

void inspect_print_text(FILE *f, const json_t *doc, int top, int max_samples, int quiet)
{
	if (!quiet) {
		print_summary(f, doc);
		print_tables(f, doc, top);
		print_companies(f, doc);
		print_sites(f, doc);
		print_release(f, doc);
		print_findings(f, doc, max_samples);
		fputc('\n', f);
	}
	fprintf(f, "verdict: %s (errors %lld, warnings %lld, notices %lld; exit %lld)\n", str(doc, "verdict"),
		num(doc, "errorCount"), num(doc, "warningCount"), num(doc, "noticeCount"), num(doc, "exitCode"));
}

/* {"min":"6.2","max":"7.1"} -> "6.2-7.1", open ends -> "all", "6.2+", "-7.1" */
static void versions_text(const json_t *v, char *buf, size_t len)
{
	if (json_is_string(v)) {
		snprintf(buf, len, "%s", json_string_value(v));
		return;
	}
	const char *mn = json_string_value(json_object_get(v, "min"));
	const char *mx = json_string_value(json_object_get(v, "max"));
	if (!mn && !mx)
		snprintf(buf, len, "all");
	else if (!mx)
		snprintf(buf, len, "%s+", mn);
	else if (!mn)
		snprintf(buf, len, "up to %s", mx);
	else if (!strcmp(mn, mx))
		snprintf(buf, len, "%s", mn);
	else
		snprintf(buf, len, "%s-%s", mn, mx);
}

void inspect_print_checks(FILE *f, const json_t *checks)
{
	static const char *const h[] = { "id", "severity", "versions", "title" };
	struct text_table *t = text_table_new(4, h);
	size_t i;
	const json_t *c;
	json_array_foreach(checks, i, c) {
		char vs[64];
		versions_text(json_object_get(c, "versions"), vs, sizeof vs);
		text_table_rowf(t, "%s\t%s\t%s\t%s", str(c, "id"), str(c, "severity"), vs, str(c, "title"));
	}
	text_table_print(t, f, "");
	text_table_free(t);
	fprintf(f, "%zu checks\n", json_array_size(checks));
}
