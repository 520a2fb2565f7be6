/* Ground truth of a sample: a JSON file whose format docs/ground-truth.md
 * documents. Sections are arrays filled while generating, written at the
 * end in a fixed order. */
#ifndef LR_SAMPLE_TRUTH_H
#define LR_SAMPLE_TRUTH_H
#include "../util/error.h"
#include "../util/strbuf.h"
#include <stdint.h>

enum tsec {
	T_COMPANIES, T_UNUSED_INSTANCES, T_UNUSED_SITES, T_PROTECTED_SITES, T_UNUSED_PAGES,
	T_INACTIVE_USERS, T_STALE_USERS, T_PROTECTED_USERS, T_INTERMEDIATE_ARTICLES,
	T_INTERMEDIATE_DOCUMENTS, T_UNUSED_STRUCTURES, T_UNUSED_TEMPLATES, T_DUPLICATE_FIELDS,
	T_ORPHANS, T_STAGING, T_REMOTE_LIVE, T_MISSING_FILES, T_EXTRA_FILES, T_APPS,
	T_TABLES, T_NSEC
};

/* Minimal streaming JSON writer with comma bookkeeping. */
struct jw {
	struct strbuf *b;
	int first[16];
	int depth;
};
void jw_begin(struct jw *j, const char *key);   /* object; key NULL inside arrays */
void jw_end(struct jw *j);
void jw_abegin(struct jw *j, const char *key);  /* array */
void jw_aend(struct jw *j);
void jw_int(struct jw *j, const char *key, int64_t v);
void jw_num(struct jw *j, const char *key, double v);
void jw_str(struct jw *j, const char *key, const char *v); /* NULL -> null */
void jw_bool(struct jw *j, const char *key, int v);
void jw_null(struct jw *j, const char *key);

struct truth {
	struct strbuf sec[T_NSEC];
	int64_t n[T_NSEC];      /* items per section */
	int64_t subcount[T_NSEC]; /* e.g. version ids inside the intermediate sections */
	struct jw j;
};

void truth_init(struct truth *t);
void truth_release(struct truth *t);
/* Start an item of section s: returns the writer positioned for jw_begin(j, NULL). */
struct jw *truth_item(struct truth *t, enum tsec s);
/* Write {header..., sections...}; header is a JSON object body ("\"k\": v, ..."). */
int truth_write(const struct truth *t, const char *path, const char *header, struct lr_err *err);
#endif
