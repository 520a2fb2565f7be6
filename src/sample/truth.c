/* Ground-truth JSON (see truth.h, docs/ground-truth.md). */
#include "truth.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const sec_names[T_NSEC] = {
	[T_COMPANIES] = "companies",
	[T_UNUSED_INSTANCES] = "unusedInstances",
	[T_UNUSED_SITES] = "unusedSites",
	[T_PROTECTED_SITES] = "protectedSites",
	[T_UNUSED_PAGES] = "unusedPages",
	[T_INACTIVE_USERS] = "inactiveUsers",
	[T_STALE_USERS] = "staleUsers",
	[T_PROTECTED_USERS] = "protectedUsers",
	[T_INTERMEDIATE_ARTICLES] = "intermediateArticleVersions",
	[T_INTERMEDIATE_DOCUMENTS] = "intermediateDocumentVersions",
	[T_UNUSED_STRUCTURES] = "unusedStructures",
	[T_UNUSED_TEMPLATES] = "unusedTemplates",
	[T_DUPLICATE_FIELDS] = "duplicateFieldNames",
	[T_ORPHANS] = "orphans",
	[T_STAGING] = "stagedSites",
	[T_REMOTE_LIVE] = "remoteLiveSites",
	[T_MISSING_FILES] = "missingFiles",
	[T_EXTRA_FILES] = "extraFiles",
	[T_APPS] = "apps",
	[T_TABLES] = "tables",
};

static void addq(struct strbuf *b, const char *s)
{
	strbuf_addch(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			strbuf_addch(b, '\\');
			strbuf_addch(b, c);
		} else if (c < 0x20) {
			strbuf_addf(b, "\\u%04x", c);
		} else {
			strbuf_addch(b, c);
		}
	}
	strbuf_addch(b, '"');
}

/* Comma before every value but the first of its container; then the key. */
static void sep(struct jw *j, const char *key)
{
	if (!j->first[j->depth])
		strbuf_addch(j->b, ',');
	j->first[j->depth] = 0;
	if (key) {
		addq(j->b, key);
		strbuf_addch(j->b, ':');
	}
}

void jw_begin(struct jw *j, const char *key)
{
	sep(j, key);
	strbuf_addch(j->b, '{');
	j->first[++j->depth] = 1;
}

void jw_end(struct jw *j)
{
	strbuf_addch(j->b, '}');
	j->depth--;
}

void jw_abegin(struct jw *j, const char *key)
{
	sep(j, key);
	strbuf_addch(j->b, '[');
	j->first[++j->depth] = 1;
}

void jw_aend(struct jw *j)
{
	strbuf_addch(j->b, ']');
	j->depth--;
}

void jw_int(struct jw *j, const char *key, int64_t v)
{
	sep(j, key);
	strbuf_addf(j->b, "%lld", (long long)v);
}

void jw_num(struct jw *j, const char *key, double v)
{
	sep(j, key);
	strbuf_addf(j->b, "%.17g", v);
}

void jw_str(struct jw *j, const char *key, const char *v)
{
	sep(j, key);
	if (v)
		addq(j->b, v);
	else
		strbuf_addstr(j->b, "null");
}

void jw_bool(struct jw *j, const char *key, int v)
{
	sep(j, key);
	strbuf_addstr(j->b, v ? "true" : "false");
}

void jw_null(struct jw *j, const char *key)
{
	sep(j, key);
	strbuf_addstr(j->b, "null");
}

void truth_init(struct truth *t)
{
	memset(t, 0, sizeof *t);
	for (int i = 0; i < T_NSEC; i++)
		strbuf_init(&t->sec[i], 256);
}

void truth_release(struct truth *t)
{
	for (int i = 0; i < T_NSEC; i++)
		strbuf_release(&t->sec[i]);
}

struct jw *truth_item(struct truth *t, enum tsec s)
{
	t->j.b = &t->sec[s];
	t->j.depth = 0;
	t->j.first[0] = t->n[s] == 0;
	t->n[s]++;
	return &t->j;
}

int truth_write(const struct truth *t, const char *path, const char *header, struct lr_err *err)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return lr_fail(err, LR_EXIT_FAILED, "cannot write %s: %s", path, strerror(errno));
	fprintf(f, "{%s,\n \"counts\": {", header);
	for (int i = 0; i < T_NSEC; i++)
		fprintf(f, "%s\"%s\": %lld", i ? ", " : "", sec_names[i], (long long)t->n[i]);
	fprintf(f, ", \"intermediateArticleVersionIds\": %lld, \"intermediateDocumentVersionIds\": %lld}",
		(long long)t->subcount[T_INTERMEDIATE_ARTICLES],
		(long long)t->subcount[T_INTERMEDIATE_DOCUMENTS]);
	for (int i = 0; i < T_NSEC; i++) {
		if (i == T_TABLES) /* an object, not an array */
			fprintf(f, ",\n \"%s\": {%s}", sec_names[i], strbuf_str(&t->sec[i]));
		else
			fprintf(f, ",\n \"%s\": [%s]", sec_names[i], strbuf_str(&t->sec[i]));
	}
	fputs("\n}\n", f);
	if (ferror(f) | fclose(f))
		return lr_fail(err, LR_EXIT_FAILED, "cannot write %s: %s", path, strerror(errno));
	return 0;
}
