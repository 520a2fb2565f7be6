/* Groovy for Liferay's script console (lrprep script, docs/script.md):
 * literal escaping that no value can break out of, and the per-version
 * service/package names as a data table. */
#ifndef LR_LIFERAY_GROOVY_H
#define LR_LIFERAY_GROOVY_H
#include <jansson.h>
#include <stddef.h>
#include "../util/error.h"
#include "../util/strbuf.h"
#include "version.h"

/* Append s (len bytes, UTF-8) as a single-quoted Groovy literal. Only
 * printable ASCII other than \ ' $ is written as is; \ ' $ newline CR tab
 * become \\ \' \$ \n \r \t, everything else \uXXXX (UTF-16; invalid UTF-8
 * bytes become U+FFFD). Single quotes never interpolate, and since every
 * backslash of the value is doubled, Groovy's \u pre-processing cannot turn
 * a value into a quote. */
void groovy_quote(struct strbuf *sb, const char *s, size_t len);

/* Class names the script uses, per Liferay line. */
struct groovy_api {
	const char *line;            /* "6.2", "7.0", "7.1" */
	const char *service_context; /* fully qualified class names */
	const char *principal;       /* PrincipalThreadLocal */
	const char *journal_article; /* JournalArticleLocalServiceUtil */
	const char *dl_file_entry;   /* DLFileEntryLocalServiceUtil */
	const char *ddm_structure;
	const char *ddm_template;
	const char *layout;
	const char *group;
	const char *user;
	const char *company;
};

/* API of a line; NULL when lrprep has no table for it. */
const struct groovy_api *groovy_api_for(enum lr_line line);

struct groovy_opts {
	int batch;            /* objects per batch (default 200) */
	const char *source;   /* plan file name, written in a comment (escaped) */
};

/* The whole script for plan (docs/plan.md). Fails (LR_EXIT_USAGE) on an
 * object whose key or identity is not what the plan format promises. */
int groovy_script(const json_t *plan, const struct groovy_api *api, const struct groovy_opts *o,
		  struct strbuf *out, struct lr_err *err);
#endif
