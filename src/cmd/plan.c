/* lrprep plan: list every removable object (unused objects and orphan rows)
 * with its identity, the rule that selected it and what removing it frees.
 * The JSON is meant to be edited by hand and fed to `prune --plan`
 * (schema: docs/plan.md); --tsv prints one object per line. */
#include "cmds.h"
#include "target.h"
#include "../checks/checks.h"
#include "../report/html.h"
#include "../liferay/version.h"
#include "../util/error.h"
#include "../util/log.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: lrprep plan [options] DB\n"
	      "       lrprep plan [options] --liferay-home DIR\n"
	      "\n"
	      "List every removable object of a Liferay database -- unused sites, pages,\n"
	      "users, instances, intermediate web content and document versions, unused\n"
	      "structures and templates, orphan rows -- with its identity (primary key plus\n"
	      "natural key, so it can be found again in production), the rule that selected\n"
	      "it, and the rows per table and bytes its removal frees (an estimate). Edit the\n"
	      "plan, then apply it with 'lrprep prune DB --plan plan.json'. Read-only.\n"
	      "The format is documented in docs/plan.md; rules and defaults in docs/checks.md.\n"
	      "\n"
	      "options:\n"
	      "  -o, --output FILE      write the plan to FILE (default: standard output)\n"
	      "  --tsv                  one object per line, tab-separated, instead of JSON\n"
	      "  --html FILE            also write the plan as a self-contained HTML report\n"
	      "  --keep-first N         web content versions kept at the start (default 1)\n"
	      "  --keep-last N          web content versions kept at the end (default 3)\n"
	      "  --inactive-days N      users not logged in for N days (default 365)\n"
	      "  --site-idle-days N     sites/instances with no activity for N days (default 365)\n"
	      "  --only KIND[,KIND...]  keep only these kinds: site page user instance\n"
	      "                         article-version file-version structure template orphan;\n"
	      "                         repeatable\n"
	      "  --no-orphans           leave orphan rows out\n"
	      "  --liferay-home DIR     read the connection from DIR's portal-ext.properties\n"
	      "  -h, --help             this help\n"
	      "\n"
	      "examples:\n"
	      "  lrprep plan copy.db -o plan.json\n"
	      "  lrprep plan --only article-version,file-version --keep-last 2 copy.db --tsv\n"
	      "  lrprep plan mariadb://liferay@db/lportal --only site,page -o sites.json\n"
	      "\n"
	      "exit codes: 0 plan written, 1 plan written but some rule could not run\n"
	      "            (listed under \"failures\"), 3 usage error, 4 cannot connect / read\n",
	      f);
}

static const char *const known_kinds[] = {
	"site", "page", "user", "instance", "article-version", "file-version", "structure",
	"template", "orphan", NULL
};

struct list {
	const char **v;
	size_t n, cap;
	char **bufs;
	size_t nb, bcap;
};

static int list_add(struct list *l, const char *arg, struct lr_err *err)
{
	char *copy = xstrdup(arg), *save = NULL;
	XGROW(l->bufs, l->bcap, l->nb + 1);
	l->bufs[l->nb++] = copy;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int ok = 0;
		for (const char *const *k = known_kinds; *k; k++)
			ok |= !strcmp(*k, t);
		if (!ok)
			return lr_fail(err, LR_EXIT_USAGE, "--only: unknown kind '%s'; see 'lrprep plan --help'", t);
		XGROW(l->v, l->cap, l->n + 2);
		l->v[l->n++] = t;
		l->v[l->n] = NULL;
	}
	return 0;
}

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->nb; i++)
		free(l->bufs[i]);
	free(l->bufs);
	free(l->v);
}

static int number(const char *opt, const char *v, int min, int *out, struct lr_err *err)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : -1;
	if (!v || !*v || *end || n < min || n > 100000)
		return lr_fail(err, LR_EXIT_USAGE, "%s needs a number (%d-100000), got '%s'", opt, min,
			       v ? v : "");
	*out = (int)n;
	return 0;
}

int cmd_plan(int argc, char **argv)
{
	struct lr_err err = LR_ERR_INIT;
	struct target_opts to = { .readonly = 1 };
	struct plan_opts po = { .with_orphans = 1 };
	struct list kinds = { 0 };
	const char *out_path = NULL, *html = NULL;
	int tsv = 0, rc = 0;
	struct db *db = NULL;
	json_t *plan = NULL;

	for (int i = 1; i < argc && !err.code; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		static const char *const takes[] = { "-o", "--output", "--keep-first", "--keep-last",
			"--inactive-days", "--site-idle-days", "--only", "--liferay-home", "--html", NULL };
		int need = 0;
		for (const char *const *t = takes; *t; t++)
			need |= !strcmp(*t, a);
		if (need) {
			if (i + 1 >= argc) {
				lr_fail(&err, LR_EXIT_USAGE, "%s needs a value; see 'lrprep plan --help'", a);
				break;
			}
			val = argv[++i];
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			list_free(&kinds);
			return 0;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			out_path = val;
		} else if (!strcmp(a, "--html")) {
			html = val;
		} else if (!strcmp(a, "--tsv")) {
			tsv = 1;
		} else if (!strcmp(a, "--no-orphans")) {
			po.with_orphans = 0;
		} else if (!strcmp(a, "--keep-first")) {
			number(a, val, 1, &po.checks.keep_first, &err);
		} else if (!strcmp(a, "--keep-last")) {
			number(a, val, 1, &po.checks.keep_last, &err);
		} else if (!strcmp(a, "--inactive-days")) {
			number(a, val, 1, &po.checks.inactive_days, &err);
		} else if (!strcmp(a, "--site-idle-days")) {
			number(a, val, 1, &po.checks.site_idle_days, &err);
		} else if (!strcmp(a, "--only")) {
			list_add(&kinds, val, &err);
		} else if (!strcmp(a, "--liferay-home")) {
			to.liferay_home = val;
		} else if (a[0] == '-' && a[1]) {
			lr_fail(&err, LR_EXIT_USAGE, "unknown option %s; see 'lrprep plan --help'", a);
		} else if (!to.arg) {
			to.arg = a;
		} else {
			lr_fail(&err, LR_EXIT_USAGE, "one database only (got '%s' and '%s')", to.arg, a);
		}
	}
	if (!err.code && !to.arg && !to.liferay_home)
		lr_fail(&err, LR_EXIT_USAGE, "no database given; see 'lrprep plan --help'");
	if (err.code) {
		list_free(&kinds);
		return lr_err_print(&err);
	}
	po.kinds = kinds.n ? kinds.v : NULL;

	struct lr_version v;
	memset(&v, 0, sizeof v);
	if (target_open(&to, &db, &err) < 0)
		goto fail;
	if (lr_version_detect(db, &v, &err) < 0)
		goto fail;
	if (checks_plan(db, &v, &po, &plan, &err) < 0) {
		if (!err.code || err.code == LR_EXIT_FAILED)
			err.code = LR_EXIT_INPUT; /* nothing was changed: a read failed */
		goto fail;
	}
	size_t nfail = json_array_size(json_object_get(plan, "failures"));
	if (nfail) {
		size_t i;
		json_t *f;
		json_array_foreach(json_object_get(plan, "failures"), i, f)
			lr_warn("rule %s could not run: %s", json_string_value(json_object_get(f, "check")),
				json_string_value(json_object_get(f, "message")));
		rc = LR_EXIT_WARNINGS;
	}
	{
		struct strbuf text = STRBUF_INIT;
		if (tsv) {
			checks_plan_tsv(plan, &text);
		} else {
			char *s = json_dumps(plan, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			strbuf_addstr(&text, s);
			strbuf_addch(&text, '\n');
			free(s);
		}
		FILE *f = out_path ? fopen(out_path, "w") : stdout;
		if (!f || fwrite(text.buf, 1, text.len, f) != text.len || (out_path && fclose(f) != 0)) {
			if (f && out_path)
				fclose(f);
			lr_fail(&err, LR_EXIT_INPUT, "cannot write %s", out_path ? out_path : "standard output");
			strbuf_release(&text);
			goto fail;
		}
		if (!out_path)
			fflush(stdout);
		strbuf_release(&text);
	}
	if (html && report_write_html(html, plan, &err) < 0)
		goto fail;
	if (out_path)
		lr_info("plan: %zu objects -> %s",
			json_array_size(json_object_get(plan, "objects")), out_path);
	json_decref(plan);
	db_close(db);
	list_free(&kinds);
	return rc;
fail:
	json_decref(plan);
	if (db)
		db_close(db);
	list_free(&kinds);
	return lr_err_print(&err);
}
