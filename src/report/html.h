/* The HTML report: one self-contained file (inline CSS and SVG, no external
 * request, readable without JavaScript, prints well) rendered from the same
 * JSON documents the commands print with --json. Every value that comes from
 * the database is HTML-escaped, in text, attributes and SVG alike; no data is
 * embedded in a script. docs/report.md describes the sections. */
#ifndef LR_REPORT_HTML_H
#define LR_REPORT_HTML_H
#include <jansson.h>
#include "../util/error.h"
#include "../util/strbuf.h"

/* The documents of `lrprep report`; any may be NULL (its sections are left out). */
struct html_docs {
	const json_t *inspect;   /* inspect --json */
	const json_t *plan;      /* plan (docs/plan.md) */
	const json_t *apps;      /* apps --json */
	const json_t *staging;   /* staging --json */
	const json_t *versions;  /* {"articles":[[versions,count]...],"documents":[...]} */
	const char *title;       /* page title (escaped here); NULL: "lrprep report" */
};

/* Write one command's --json document (inspect, apps, staging, check, or a
 * plan) as an HTML report to path. Errors: LR_EXIT_FAILED when path cannot be
 * written. For the lead: `--html FILE` of each command calls this. */
int report_write_html(const char *path, const json_t *doc, struct lr_err *err);
/* The combined report of `lrprep report`. */
int report_write_html_docs(const char *path, const struct html_docs *d, struct lr_err *err);
/* Render into a buffer (tests, and the two functions above). */
void html_render(struct strbuf *out, const struct html_docs *d);

/* ---- shared by html*.c ---- */
/* Append s escaped for HTML text and attribute values (& < > " '). NULL -> "". */
void html_esc(struct strbuf *sb, const char *s);
/* The text form of a JSON scalar, escaped (strings, integers, reals, booleans,
 * null -> "–"); objects are written as "k=v, k=v". */
void html_esc_json(struct strbuf *sb, const json_t *v);

/* html_svg.c: inline SVG charts. Labels and values are escaped. */
struct html_bar {
	const char *label;
	double value;
	const char *text;   /* printed after the bar ("1.2 MB"); NULL: the value */
	double value2;      /* second series (after), <0: none */
};
/* Horizontal bars, one per item; two series when value2 >= 0 ("before"/"after"). */
void svg_hbars(struct strbuf *sb, const char *title, const struct html_bar *bars, int n,
	       const char *legend1, const char *legend2);
/* Vertical histogram: bins[i] items have label[i] ("1", "2", "3-5" ...). */
void svg_histogram(struct strbuf *sb, const char *title, const char *const *labels,
		   const long long *counts, int n, const char *xlabel, const char *ylabel);
/* A severity donut: errors, warnings, notices. */
void svg_severity(struct strbuf *sb, long long errors, long long warnings, long long notices);
#endif
