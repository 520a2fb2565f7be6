/* Report output shared by every command. Each command builds its report as
 * a JSON document (jansson); --json prints it (report_print_json), the text
 * form is rendered from the same data with aligned tables. */
#ifndef LR_REPORT_H
#define LR_REPORT_H
#include <jansson.h>
#include <stdio.h>
#include "../util/error.h"

#define LR_JSON_SCHEMA_VERSION 1

/* New report object: {"schemaVersion":1,"command":cmd,"lrprepVersion":...}. */
json_t *report_new(const char *command);
/* The counts a report carries by severity, in this order: errorCount,
 * warningCount, noticeCount. */
void report_set_counts(json_t *doc, long long errors, long long warnings, long long notices);
/* report_set_counts, then "verdict" ("ready", "ready with warnings", "not
 * ready") when with_verdict, then "exitCode": 2 with errors, 1 with warnings
 * only, else 0. Returns that exit code. */
int report_set_outcome(json_t *doc, long long errors, long long warnings, long long notices,
		       int with_verdict);
/* report_set_outcome with the counts of findings (an array of objects whose
 * "severity" is "error", "warning" or "notice"; anything else counts as a notice). */
int report_set_findings_outcome(json_t *doc, const json_t *findings, int with_verdict);
/* Pretty-print doc + newline to f. -1 on write error (err set, LR_EXIT_FAILED). */
int report_print_json(FILE *f, const json_t *doc, struct lr_err *err);

/* Aligned text tables. Cells are copied. Numeric columns right-aligned. */
struct text_table;
struct text_table *text_table_new(int ncols, const char *const *headers);
void text_table_right(struct text_table *t, int col); /* right-align column */
void text_table_row(struct text_table *t, const char *const *cells);
void text_table_rowf(struct text_table *t, const char *fmt, ...); /* cells separated by '\t' */
void text_table_print(const struct text_table *t, FILE *f, const char *indent);
void text_table_free(struct text_table *t);

/* "1.2 MB", "834 kB", "17 B" */
void report_human_bytes(long long n, char *buf, size_t len);
/* A bold/coloured section heading when on a terminal. */
void report_heading(FILE *f, const char *title);
/* Terminal columns of UTF-8 text (East Asian wide = 2, combining = 0). */
size_t report_display_width(const char *s);
#endif
