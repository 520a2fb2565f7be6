/* Helpers shared by html.c, html_sections.c (not part of the API). */
#ifndef LR_REPORT_HTML_INT_H
#define LR_REPORT_HTML_INT_H
#include "html.h"

long long hj_int(const json_t *o, const char *key); /* 0 when absent */
const char *hj_str(const json_t *o, const char *key); /* "" when absent */
void html_bytes(struct strbuf *sb, long long n);
void html_h2(struct strbuf *sb, const char *id, const char *title); /* opens <section> */
/* head is NULL-terminated; numeric[i] == 'n' right-aligns and sorts column i as numbers. */
void html_table_open(struct strbuf *sb, const char *cls, const char *const *head, const char *numeric);
void html_table_close(struct strbuf *sb);
void html_td(struct strbuf *sb, const char *text);
void html_td_num(struct strbuf *sb, long long n);
void html_td_bytes(struct strbuf *sb, long long n); /* n < 0: unknown */
void html_td_json(struct strbuf *sb, const json_t *v);

void html_sec_plan(struct strbuf *sb, const json_t *plan, const json_t *inspect);
void html_sec_apps(struct strbuf *sb, const json_t *apps);
void html_sec_staging(struct strbuf *sb, const json_t *staging);
void html_sec_findings(struct strbuf *sb, const struct html_docs *d);
#endif
