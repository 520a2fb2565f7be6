/* Liferay Home: what goes into the backup (liferay-domain.md §5.1). By
 * default everything Liferay's "Backing up a Liferay Installation" lists —
 * portal-*.properties, osgi/ (configs, modules, war, marketplace, …),
 * data/ (license, …), license/, deploy/, patching-tool/, the application
 * server — except what Liferay rebuilds or what is not configuration: logs,
 * work and caches, the OSGi state cache, the search index. A flag brings
 * each group back. The document store is its own part of the backup. */
#include "files.h"
#include "../util/xalloc.h"
#include <fnmatch.h>
#include <string.h>

enum grp { G_SKIP, G_LOGS, G_WORK, G_INDEX };

/* Directory (or file) patterns, relative to Liferay Home, matched with
 * fnmatch(3) against the whole relative path. */
static const struct rule {
	const char *pattern;
	enum grp group;
	const char *why;
} rules[] = {
	{ "logs", G_LOGS, "logs (--include-logs)" },
	{ "*/logs", G_LOGS, "application server logs (--include-logs)" },
	{ "work", G_WORK, "work: JSP/module caches Liferay rebuilds (--include-work)" },
	{ "*/work", G_WORK, "application server work cache (--include-work)" },
	{ "osgi/state", G_WORK, "OSGi framework state cache (--include-work)" },
	{ "temp", G_WORK, "temporary files (--include-work)" },
	{ "*/temp", G_WORK, "application server temporary files (--include-work)" },
	{ "data/elasticsearch*", G_INDEX, "search index (--include-index)" },
	{ "elasticsearch*", G_INDEX, "search index (--include-index)" },
	{ "data/lucene", G_INDEX, "6.2 Lucene search index (--include-index)" },
	{ "data/elasticsearch-sidecar", G_INDEX, "search index (--include-index)" },
	{ "*.lck", G_SKIP, "lock file" },
	{ "*.pid", G_SKIP, "pid file" },
};

struct hctx {
	struct bk_home_opts *o;
};

static int included(const struct bk_home_opts *o, enum grp g)
{
	switch (g) {
	case G_LOGS: return o->include_logs;
	case G_WORK: return o->include_work;
	case G_INDEX: return o->include_index;
	case G_SKIP: break;
	}
	return 0;
}

static int home_skip(void *ctx, const char *rel, int isdir, dev_t dev, ino_t ino)
{
	struct hctx *h = ctx;
	if (isdir == 2) {
		json_array_append_new(h->o->excluded,
				      json_pack("{s:s, s:s}", "path", rel, "why",
						"symbolic link to a directory: not followed, back up its target"));
		return 1;
	}
	for (int i = 0; i < h->o->nskip; i++)
		if (isdir && h->o->skip_dev[i] == dev && h->o->skip_ino[i] == ino) {
			json_array_append_new(h->o->excluded,
					      json_pack("{s:s, s:s}", "path", rel, "why",
							i == 0 ? "document store (backed up as the store part)"
							       : "the backup directory itself"));
			return 1;
		}
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if (fnmatch(rules[i].pattern, rel, FNM_PATHNAME) != 0)
			continue;
		if (included(h->o, rules[i].group))
			return 0;
		if (isdir)
			json_array_append_new(h->o->excluded,
					      json_pack("{s:s, s:s}", "path", rel, "why", rules[i].why));
		return 1;
	}
	return 0;
}

int bk_home_walk(const char *home, struct bk_home_opts *o, struct bk_filelist *out, struct lr_err *err)
{
	struct hctx h = { o };
	return bk_walk(home, "home", home_skip, &h, out, err);
}
